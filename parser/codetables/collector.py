"""The cyclic garbage collector, paused while one page is parsed or rendered.

A page's work allocates hundreds of thousands of objects (markdown-it's tokens, cells, the
artifacts' pieces) and frees them by reference counting; hardly any forms a cycle. With the
collector on, its passes walk the ever larger heap and a page of 100,000 rows took 30 %
longer than ten pages of 10,000 (`benchmarks/README.md`). Paused, the work grows with the
page; what cycles there are (the reference tree's parent links) are collected once the
collector runs again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block, when it was on; left alone when the caller turned it
    off (or another thread paused it first: it comes back when that one is done). A thread
    that turns it off while the block runs finds it on again after: the state is the
    process's, and this restores the one it found."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
