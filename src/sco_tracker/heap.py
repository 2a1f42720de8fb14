"""Python's cycle collector paused around work that makes many objects and no cycle.

Reading and validating 10,000 commitments makes a million dicts, lists and models; a sync
writes tens of thousands of rows; the reports and the site make hundreds of thousands of small
objects. None of them holds a reference cycle worth collecting, yet each pass of the
collector walks everything alive (at 10,000 commitments, a third of a validation's time and as
much as the building of the reports). Memory is still freed as usual (reference counting); the
collector resumes, as it was, when the block ends. The scheduler, which runs the job again and
again, keeps the collector between jobs (pipeline._heap_frozen).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the block (or, as a decorator, for the call); as it was after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
