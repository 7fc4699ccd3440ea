"""Work spread over other processes (a --jobs pool, a Dask cluster), its results in input order."""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import Any, TypeVar

Item = TypeVar("Item")


def in_order(submit: Callable[[Item], Future], items: Iterable[Item], window: int) -> Iterator[tuple[Item, Any]]:
    """Each item with the result of the task `submit` started for it, in input order, with
    up to `window` tasks running ahead, so workers are not left waiting on the consumer."""
    pending: deque[tuple[Item, Future]] = deque()
    for item in items:
        pending.append((item, submit(item)))
        if len(pending) >= window:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


def finished(result: object) -> Future:
    """A future already holding `result`, for an item that needs no task."""
    future: Future = Future()
    future.set_result(result)
    return future
