"""Work spread over other processes (a --jobs pool, a Dask cluster), its results in input order
(but for the last ones, where the consumer lets them come as they end)."""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
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


class Arrival:
    """For a stream of results whose order matters less at its end (`in_order` with an
    `arrival`): once every item has been submitted, the results come as their tasks end,
    not in input order, so a slow task holds back no others; and a call says whether the
    next result has come (before, it says yes). A consumer batching the results ends a batch
    there instead of waiting for a full one: what has come is written while the workers
    finish the rest, rather than all of it after they are done.

    Its state is its own: `in_order` hands it the tasks left (`as_they_end`), and a task's
    results, which come as a list, are read through `each`, which counts those of the list
    the consumer has still to be given."""

    def __init__(self) -> None:
        self._pending: deque[tuple[Any, Future]] | None = None
        self._unread = 0

    def __call__(self) -> bool:
        return (self._pending is None or self._unread > 0 or not self._pending
                or any(future.done() for _, future in self._pending))

    @property
    def ending(self) -> bool:
        """Whether every item is submitted: the results left come as their tasks end."""
        return self._pending is not None

    def as_they_end(self, pending: deque[tuple[Item, Future]]) -> Iterator[tuple[Item, Any]]:
        """Each item of the tasks `pending` (all that are left) with its result, as the tasks end."""
        self._pending = pending
        return self._ending(pending)

    @staticmethod
    def _ending(pending: deque[tuple[Item, Future]]) -> Iterator[tuple[Item, Any]]:
        while pending:
            wait([future for _, future in pending], return_when=FIRST_COMPLETED)
            index = next(index for index, (_, future) in enumerate(pending) if future.done())
            done, future = pending[index]
            del pending[index]
            yield done, future.result()

    def each(self, lists: Iterable[list[Item]], given: Callable[[Item], bool]) -> Iterator[Item]:
        """Each element of each of `lists` (the results of one task each), noting how many of
        its list's later elements `given` says the consumer is given (a failure the consumer
        is not given holds no batch open)."""
        for elements in lists:
            for index, element in enumerate(elements):
                self._unread = sum(given(later) for later in elements[index + 1:])
                yield element


def in_order(
    submit: Callable[[Item], Future], items: Iterable[Item], window: int, more: Callable[[], bool] | None = None,
    arrival: Arrival | None = None,
) -> Iterator[tuple[Item, Any]]:
    """Each item with the result of the task `submit` started for it, in input order, with
    up to `window` tasks running ahead, so workers are not left waiting on the consumer.
    With `more`, all results are given whenever `more()` says no next item has arrived yet,
    rather than held until the window fills. With `arrival`, the results of the tasks left
    once every item is submitted come as they end (see Arrival)."""
    pending: deque[tuple[Item, Future]] = deque()
    for item in items:
        pending.append((item, submit(item)))
        while pending and (len(pending) >= window or (more is not None and not more())):
            done, future = pending.popleft()
            yield done, future.result()
    if arrival is not None:
        yield from arrival.as_they_end(pending)
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


def finished(result: object) -> Future:
    """A future already holding `result`, for an item that needs no task."""
    future: Future = Future()
    future.set_result(result)
    return future
