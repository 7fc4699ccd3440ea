"""Queries with a deadline that really stops them.

Oxigraph cannot cancel a query from Python, so a query with a timeout runs in another
process (kgnews.store.worker), which is killed at the deadline: the work stops, memory is
returned, and the caller gets a QueryTimeout. Rows come back through a pipe as SPARQL TSV
(N-Triples for CONSTRUCT/DESCRIBE) and are parsed as they arrive, so a large answer is
streamed, never held whole.

  * An on-disk store is queried by worker processes that open it read-only: they take no
    lock, so a long query never blocks an ingest, and a pool keeps them between queries
    (one per thread querying at once).
  * An in-memory store is queried by a forked copy of this process.
"""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kgnews.errors import QueryTimeout, StoreError
from kgnews.results import GRAPH_VARIABLES, QueryStream, Term
from kgnews.store import worker
from kgnews.store.base import one_line, storage_failure, syntax_error

WORKER_SCRIPT = Path(worker.__file__)


class WorkerGone(OSError):
    """The query process ended before finishing its answer (killed at the deadline, or crashed)."""


class FrameReader(io.RawIOBase):
    """The DATA frames of one answer as a byte stream that ends at its END frame."""

    def __init__(self, pipe: BinaryIO) -> None:
        self.pipe = pipe
        self.pending = b""
        self.end: dict | None = None

    def readable(self) -> bool:
        return True

    def exactly(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self.pipe.read(size - len(data))
            if not chunk:
                raise WorkerGone("the query process ended early")
            data += chunk
        return data

    def frame(self) -> tuple[bytes, bytes]:
        kind, length = worker.FRAME_HEADER.unpack(self.exactly(worker.FRAME_HEADER.size))
        return kind, self.exactly(length)

    def control(self) -> tuple[bytes, dict]:
        """The next HEAD or END frame, decoded."""
        kind, payload = self.frame()
        document = json.loads(payload)
        if kind == worker.END:
            self.end = document
        return kind, document

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self.pending and self.end is None:
            kind, payload = self.frame()
            if kind == worker.END:
                self.end = json.loads(payload)
            else:
                self.pending = payload
        size = min(len(buffer), len(self.pending))
        buffer[:size], self.pending = self.pending[:size], self.pending[size:]
        return size


class Deadline:
    """Kills the process answering a query when `seconds` have passed; None never does."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.expired = False
        self.victim: Callable[[], None] | None = None
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None
        if seconds is not None:
            self.timer = threading.Timer(seconds, self.expire)
            self.timer.daemon = True
            self.timer.start()

    def watch(self, victim: Callable[[], None]) -> None:
        with self.lock:
            self.victim = victim
            if self.expired:
                victim()

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            if self.victim is not None:
                self.victim()

    def cancel(self) -> None:
        if self.timer is not None:
            self.timer.cancel()


class Channel:
    """A process answering queries: its request pipe, its answer frames, how to kill it."""

    def __init__(self, requests: BinaryIO | None, answers: BinaryIO, kill: Callable[[], None]) -> None:
        self.requests = requests
        self.answers = answers
        self.kill = kill

    def send(self, request: dict) -> None:
        assert self.requests is not None
        self.requests.write(json.dumps(request).encode("utf-8") + b"\n")
        self.requests.flush()


class WorkerPool:
    """Read-only worker processes on one store directory, kept between queries."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.idle: list[tuple[subprocess.Popen, Channel]] = []
        self.lock = threading.Lock()

    def start(self, deadline: Deadline) -> tuple[subprocess.Popen, Channel]:
        process = subprocess.Popen(
            [sys.executable, "-I", str(WORKER_SCRIPT), str(self.directory), str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )

        def kill() -> None:
            with suppress(OSError):
                process.kill()

        channel = Channel(process.stdin, process.stdout, kill)
        deadline.watch(kill)
        try:
            _, opened = FrameReader(channel.answers).control()
        except WorkerGone:
            process.wait()
            raise
        if opened:
            process.wait()
            raise storage_failure(str(self.directory), "open", RuntimeError(opened["message"]))
        return process, channel

    def acquire(self, deadline: Deadline) -> tuple[subprocess.Popen, Channel]:
        with self.lock:
            while self.idle:
                process, channel = self.idle.pop()
                if process.poll() is None:
                    deadline.watch(channel.kill)
                    return process, channel
        return self.start(deadline)

    def release(self, process: subprocess.Popen, channel: Channel, healthy: bool) -> None:
        if healthy:
            with self.lock:
                self.idle.append((process, channel))
            return
        channel.kill()
        process.wait()

    def close(self) -> None:
        with self.lock:
            idle, self.idle = self.idle, []
        for process, channel in idle:
            with suppress(OSError):
                channel.requests.close()  # the worker ends when its requests end
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                channel.kill()
                process.wait()


def forked_channel(store: ox.Store, request: dict) -> tuple[int, Channel]:
    """A child process answering `request` from a copy of this process's in-memory store."""
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: answer, then leave without running the parent's exit handlers
        status = 0
        try:
            worker.die_with_parent(parent)
            os.close(read_end)
            worker.answer(store, request, worker.FrameWriter(os.fdopen(write_end, "wb")))
        except BaseException:  # noqa: BLE001 - the parent sees the pipe close early
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)

    def kill() -> None:
        with suppress(OSError):
            os.kill(pid, signal.SIGKILL)

    return pid, Channel(None, os.fdopen(read_end, "rb"), kill)


def reap(pid: int) -> None:
    with suppress(ChildProcessError):
        os.waitpid(pid, 0)


def answer_error(end: dict, location: str) -> Exception:
    """The exception a worker's failed END frame stands for."""
    message = end["message"]
    if end["error"] == "syntax":
        return syntax_error(SyntaxError(message))
    return storage_failure(location, "query", OSError(message) if end["error"] == "store" else RuntimeError(message))


def bounded_stream(
    location: str,
    request: dict,
    timeout: float | None,
    open_channel: Callable[[dict, Deadline], Channel],
    finish: Callable[[Channel, bool], None],
) -> QueryStream:
    """Run `request` (see kgnews.store.worker) in the process `open_channel` gives and stream its answer.

    `finish(channel, healthy)` is called once when the answer is over: healthy when it
    was read to its end, so the process can answer again.
    """
    deadline = Deadline(timeout)
    channel: Channel | None = None
    reader: FrameReader | None = None
    finished = False

    def done(healthy: bool) -> None:
        nonlocal finished
        deadline.cancel()
        if channel is not None and not finished:
            finished = True
            finish(channel, healthy and not deadline.expired)

    def translated(error: BaseException) -> Exception:
        if deadline.expired:
            return QueryTimeout(f"SPARQL query stopped after {timeout:g} s (its time limit)", timeout or 0)
        if reader is not None and reader.end and reader.end.get("error"):
            return answer_error(reader.end, location)
        if isinstance(error, WorkerGone) or isinstance(error.__cause__, WorkerGone):
            return StoreError(f"store {location}: the query process ended unexpectedly")
        return StoreError(f"store {location}: unreadable query answer ({one_line(str(error))})")

    try:
        channel = open_channel(request, deadline)
        reader = FrameReader(channel.answers)
        kind, head = reader.control()
    except WorkerGone as error:
        done(False)
        raise translated(error) from None
    except BaseException:
        done(False)
        raise
    if kind == worker.END:
        done(True)
        raise answer_error(head, location)

    def rows(source: Iterator) -> Iterator[tuple[Term | None, ...]]:
        try:
            yield from source
        except Exception as error:  # noqa: BLE001 - a killed or failing worker, said in one line
            done(False)
            raise translated(error) from None
        except BaseException:
            done(False)
            raise
        if reader.end is None or reader.end.get("error"):
            done(False)
            raise translated(WorkerGone("the answer ended without its end frame"))
        done(True)

    try:
        if head["kind"] == "ask":
            reader.control()
            if reader.end is None or reader.end.get("error"):
                raise translated(WorkerGone("the answer ended without its end frame"))
            done(True)
            return QueryStream("ask", boolean=bool(head["boolean"]))
        data = io.BufferedReader(reader)
        if head["kind"] == "graph":
            triples = ox.parse(data, worker.GRAPH_FORMAT)
            source = ((triple.subject, triple.predicate, triple.object) for triple in triples)
            return QueryStream("graph", GRAPH_VARIABLES, rows(source), on_close=lambda: done(False))
        solutions = ox.parse_query_results(data, worker.SELECT_FORMAT)
        variables = tuple(variable.value for variable in solutions.variables)
        source = (tuple(solution[name] for name in variables) for solution in solutions)
        return QueryStream("select", variables, rows(source), on_close=lambda: done(False))
    except (WorkerGone, OSError, SyntaxError) as error:
        done(False)
        raise translated(error) from None
