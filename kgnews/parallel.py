"""Work spread over other processes (a --jobs pool, a Dask cluster), its results in input order."""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import Any, TypeVar

Item = TypeVar("Item")


def chunks(items: Iterable[Item], size: int, more: Callable[[], bool] | None = None) -> Iterator[list[Item]]:
    """Consecutive lists of `size` items (the last may be shorter). With `more`, a list also
    ends where `more()` says no next item has arrived yet (a feed read as it comes): what has
    arrived goes on at once rather than wait for the rest of its list."""
    iterator = iter(items)
    while True:
        chunk: list[Item] = []
        for item in iterator:
            chunk.append(item)
            if len(chunk) >= size or (more is not None and not more()):
                break
        if not chunk:
            return
        yield chunk


def in_order(
    submit: Callable[[Item], Future], items: Iterable[Item], window: int, more: Callable[[], bool] | None = None,
) -> Iterator[tuple[Item, Any]]:
    """Each item with the result of the task `submit` started for it, in input order, with
    up to `window` tasks running ahead, so workers are not left waiting on the consumer.
    With `more`, all results are given whenever `more()` says no next item has arrived yet,
    rather than held until the window fills."""
    pending: deque[tuple[Item, Future]] = deque()
    for item in items:
        pending.append((item, submit(item)))
        while pending and (len(pending) >= window or (more is not None and not more())):
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
