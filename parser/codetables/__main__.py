"""`python -m codetables`: the codetables command."""

from .start import main, run

if __name__ == "__main__":
    run()
else:  # imported by a program of its own: the exit is that program's to catch
    raise SystemExit(main())
