"""A `kgnews serve` process for tests: started through the CLI on loopback, on a port the
system picks (--port 0), its URL read from the line the command prints."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

START_TIMEOUT_SECONDS = 60
URL_LINE = re.compile(r"at (http://127\.0\.0\.1:\d+)/")


@contextmanager
def running_server(store: Path, *options: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """Yield the base URL (http://127.0.0.1:PORT) of `kgnews serve --store store *options`."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kgnews", "serve", "--store", str(store), "--host", "127.0.0.1", "--port", "0",
         *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})},
    )
    try:
        line = _first_line(process)
        found = URL_LINE.search(line)
        if found is None:
            process.kill()
            raise RuntimeError(f"kgnews serve did not start: {line!r} {process.communicate(timeout=10)[1]}")
        yield found.group(1)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _first_line(process: subprocess.Popen) -> str:
    import selectors

    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=START_TIMEOUT_SECONDS):
            return "(no output)"
    return process.stdout.readline()
