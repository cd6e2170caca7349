"""Reading the whole book at once: tens of thousands of rows become tuples and dicts in one go.

Every tuple and dict a query returns is a container the cyclic garbage collector tracks, so
building a morning's agenda (50,000 reminders at 100,000 clients) set it off hundreds of times,
each pass walking everything allocated so far — a tenth of the run, for rows that hold only
strings and numbers and form no cycles. Such a build runs with the collector paused; reference
counting still frees everything the moment it is dropped.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (nesting and a collector already off are kept)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
