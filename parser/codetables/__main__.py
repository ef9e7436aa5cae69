"""`python -m codetables`: the codetables command."""

from .start import main

raise SystemExit(main())
