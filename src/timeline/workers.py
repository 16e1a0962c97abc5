"""CPU-bound work on the second core: a load's validation, a long view's lines.

`ordered_map` runs a function over tasks in forked worker processes and gives the results
back in the tasks' order, with a bounded number of tasks in flight, so that memory stays
flat however many tasks come. Forked, not spawned: a fork starts in milliseconds and needs
no imports, and the workers only compute (they touch neither the database nor the
terminal).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # concurrent.futures imports logging: not at every `timeline show`
    from concurrent.futures import Future

Result = TypeVar("Result")

IN_FLIGHT = 4  # tasks handed to the workers ahead of the result being used


def ordered_map(
    function: Callable[..., Result],
    tasks: Iterable[tuple[Any, ...]],
    *,
    parallel: bool,
    in_process_first: int = 0,
) -> Iterator[Result]:
    """`function(*task)` for each task, in order. With `parallel` (and two cores), the
    tasks after the first `in_process_first` run in worker processes: the first results
    come at once, and a short run starts no process at all."""
    pending: deque[Future[Result]] = deque()
    pool = None
    parallel = parallel and (os.cpu_count() or 1) > 1
    try:
        for number, task in enumerate(tasks):
            if pool is None and parallel and number >= in_process_first:
                pool = _start()
            if pool is None:
                yield function(*task)
                continue
            pending.append(pool.submit(function, *task))
            while len(pending) > IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _start() -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        2,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive a command that is killed: it would wait for work forever,
    holding the terminal's (or a caller's) pipes open. Linux ends it with its parent."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: nothing ends it but its command
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1
