"""`python -m parser`: the codetables command."""

from .cli import main

raise SystemExit(main())
