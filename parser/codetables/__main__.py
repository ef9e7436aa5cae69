"""`python -m codetables`: the codetables command."""

from .cli import main

raise SystemExit(main())
