"""`python -m codetables`: the codetables command."""

from .start import run

run()
