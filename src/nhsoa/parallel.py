"""Work spread over every core: worker processes forked from this one, so they share what it has built.

Forking (rather than spawning) hands each worker the parent's loaded registry or site model without
pickling it. Below ``min_work`` items, or on one core, or where the platform cannot fork, the work is
done here instead: starting processes would cost more than it saves.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_all_start_methods, get_context


def cores(jobs: int | None = None) -> int:
    return jobs or os.cpu_count() or 1


@contextmanager
def forked_workers(work: int, *, min_work: int, jobs: int | None = None) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of forked workers for ``work`` items, or None when the work is better done in this process."""
    jobs = cores(jobs)
    if jobs < 2 or work < min_work or "fork" not in get_all_start_methods():
        yield None
        return
    # The collector would otherwise touch, and so copy into every worker, each object they inherit.
    gc.freeze()
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork"))
    try:
        yield pool
    finally:
        pool.shutdown(cancel_futures=True)
        gc.unfreeze()
