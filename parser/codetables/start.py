"""The program's entry point: `codetables --version` is answered before the command line
module and its imports load, so asking costs little more than starting Python."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from . import __version__


def main(argv: Sequence[str] | None = None) -> int:
    """`--version` alone, at once; anything else to `cli.main`."""
    if list(sys.argv[1:] if argv is None else argv) != ["--version"]:
        try:
            from .cli import main as run
        except KeyboardInterrupt:  # Ctrl-C while starting: nothing was done
            return 130
        return run(argv)
    try:
        sys.stdout.write(f"codetables {__version__}\n")
        sys.stdout.flush()
    except (AttributeError, OSError, ValueError):  # a closed or full stdout: say it failed
        from .cli import detach_failed

        detach_failed(sys.stdout)
        return 2
    return 0
