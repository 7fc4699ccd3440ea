"""The process a bounded query runs in, so that a deadline can stop it for real.

Oxigraph cannot interrupt a running query, so kgnews runs a query with a timeout in
another process and kills that process at the deadline (see kgnews.store.bounded).
For an on-disk store the process is started as `python worker.py STORE_DIRECTORY PARENT_PID`, opens the
store read-only and answers requests one after another; an in-memory store is answered by a
forked child of the process that holds it (`answer`).

This file imports nothing from kgnews, so that it starts quickly as a script.

Protocol. A request is one JSON line on stdin: {"query": ..., "prefixes": {...}, and either
"union": true|false or "default_graph"/"named_graphs": [IRI, ...]} (see `engine_options`). The answer
on stdout is a sequence of frames (one type byte, a 4-byte big-endian length, the payload):
  HEAD  JSON {"kind": "select"|"ask"|"graph", "boolean": true|false|null}
  DATA  a chunk of the rows: SPARQL TSV results (select) or N-Triples (graph)
  END   JSON {} when done, or {"error": "syntax"|"store"|"other", "message": ...}
A failure before any row is a lone END frame; after opening the store the worker sends an
END frame saying whether it could.
"""
from __future__ import annotations

import json
import os
import struct
import sys
import threading
import time
from collections.abc import Callable
from typing import BinaryIO

import pyoxigraph as ox

HEAD, DATA, END = b"H", b"D", b"E"
PARENT_CHECK_SECONDS = 0.5
OPEN_ATTEMPTS, OPEN_RETRY_SECONDS = 3, 0.3
FRAME_HEADER = struct.Struct(">cI")
SELECT_FORMAT = ox.QueryResultsFormat.TSV
GRAPH_FORMAT = ox.RdfFormat.N_TRIPLES


class FrameWriter:
    """A binary file-like object turning each write into one DATA frame."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out

    def send(self, kind: bytes, payload: bytes) -> None:
        self.out.write(FRAME_HEADER.pack(kind, len(payload)) + payload)
        self.out.flush()

    def send_json(self, kind: bytes, document: dict) -> None:
        self.send(kind, json.dumps(document).encode("utf-8"))

    def write(self, data: bytes) -> int:
        if data:
            self.send(DATA, bytes(data))
        return len(data)

    def flush(self) -> None:
        self.out.flush()


def failure(error: BaseException) -> dict[str, str]:
    kind = "syntax" if isinstance(error, SyntaxError) else "store" if isinstance(error, OSError) else "other"
    return {"error": kind, "message": str(error)}


def engine_options(request: dict) -> dict:
    """pyoxigraph's query options for the dataset a request names: the union of all graphs
    as default graph, or the graphs listed (as the SPARQL protocol's dataset does)."""
    if "default_graph" in request:
        return {"default_graph": [ox.NamedNode(iri) for iri in request["default_graph"]],
                "named_graphs": [ox.NamedNode(iri) for iri in request["named_graphs"]]}
    return {"use_default_graph_as_union": bool(request.get("union"))}


def answer(store: ox.Store, request: dict, out: FrameWriter) -> None:
    """Run one request against `store` and write its frames to `out`."""
    try:
        result = store.query(request["query"], prefixes=request.get("prefixes"), **engine_options(request))
        if isinstance(result, ox.QuerySolutions):
            out.send_json(HEAD, {"kind": "select", "boolean": None})
            result.serialize(out, SELECT_FORMAT)
        elif isinstance(result, ox.QueryBoolean):
            out.send_json(HEAD, {"kind": "ask", "boolean": bool(result)})
        else:
            out.send_json(HEAD, {"kind": "graph", "boolean": None})
            result.serialize(out, GRAPH_FORMAT)
    except BrokenPipeError:
        raise
    except Exception as error:  # noqa: BLE001 - every failure goes back to the caller as one frame
        out.send_json(END, failure(error))
        return
    out.send_json(END, {})


def fingerprint(directory: str) -> tuple:
    """What changes whenever a writer commits to the store: its write-ahead logs and manifest."""
    entries = []
    for entry in os.scandir(directory):
        if entry.name.endswith(".log") or entry.name.startswith(("MANIFEST", "CURRENT")):
            stat = entry.stat()
            entries.append((entry.name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))


class ReadOnlyStore:
    """A read-only handle on a store directory, reopened when a writer has committed since.

    A read-only handle sees the store as it was when opened; reopening keeps each query
    on the latest data, and costs nothing while the store is unchanged. Opening can fail
    for a moment while a writer switches files: it is tried again, and a handle already
    open stays in use meanwhile (it still sees a consistent, slightly older store).
    """

    def __init__(self, directory: str, open_store: Callable[[str], ox.Store]) -> None:
        self.directory = directory
        self.open_store = open_store
        self.store: ox.Store | None = None
        self.opened_as: tuple = ()

    def current(self) -> ox.Store:
        attempt = 1
        while True:
            now = fingerprint(self.directory)
            if self.store is not None and now == self.opened_as:
                return self.store
            try:
                self.store, self.opened_as = self.open_store(self.directory), now
                return self.store
            except (OSError, RuntimeError):
                if self.store is not None:
                    return self.store
                if attempt == OPEN_ATTEMPTS:
                    raise
            attempt += 1
            time.sleep(OPEN_RETRY_SECONDS)


def serve(directory: str, requests: BinaryIO, out: FrameWriter, open_store: Callable[[str], ox.Store]) -> None:
    """Open the store, say whether that worked, then answer requests until stdin closes."""
    handle = ReadOnlyStore(directory, open_store)
    try:
        handle.current()
    except Exception as error:  # noqa: BLE001 - reported to the caller as one frame
        out.send_json(END, failure(error))
        return
    out.send_json(END, {})
    for line in requests:
        request = json.loads(line)
        try:
            store = handle.current()
        except Exception as error:  # noqa: BLE001 - reported to the caller as one frame
            out.send_json(END, failure(error))
            continue
        answer(store, request, out)


def die_with_parent(parent: int) -> None:
    """End this process as soon as the process that started it has ended (even by SIGKILL).

    Otherwise a query whose caller was killed would run on, unseen, until it finished.
    A thread watches, since Oxigraph lets Python threads run while it computes.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="kgnews-parent-watch").start()


def main() -> None:
    die_with_parent(int(sys.argv[2]))
    out = FrameWriter(sys.stdout.buffer)
    try:
        serve(sys.argv[1], sys.stdin.buffer, out, ox.Store.read_only)
    except (BrokenPipeError, KeyboardInterrupt):  # the caller went away or gave up
        os._exit(0)


if __name__ == "__main__":
    main()
