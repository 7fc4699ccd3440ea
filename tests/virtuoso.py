"""A throwaway Virtuoso server for tests: own directory and ini, loopback only, free ports."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

START_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 30.0
DBA_PASSWORD = "dba"  # the password a fresh Virtuoso database starts with

INI = """\
[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 5
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = .
MaxClientConnections = 5
ServerThreads = 5
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""


def virtuoso_binaries() -> tuple[str, str] | None:
    """Paths of virtuoso-t and its isql client, or None when Virtuoso is not installed."""
    server = shutil.which("virtuoso-t")
    client = shutil.which("isql-vt") or shutil.which("isql")
    return (server, client) if server and client else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_endpoint(endpoint: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {server.returncode}: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"Virtuoso did not answer on {endpoint} within {START_TIMEOUT_SECONDS:.0f} s")


@contextmanager
def running_virtuoso(directory: Path, allow_updates: bool = True) -> Iterator[str]:
    """Start Virtuoso in `directory`, grant SPARQL updates unless told not to, yield its endpoint URL, stop it."""
    binaries = virtuoso_binaries()
    assert binaries is not None, "check virtuoso_binaries() before starting Virtuoso"
    server_binary, isql = binaries
    sql_port, http_port = free_port(), free_port()
    (directory / "virtuoso.ini").write_text(INI.format(sql_port=sql_port, http_port=http_port))
    output = directory / "server.out"
    with output.open("wb") as server_output:
        server = subprocess.Popen(
            [server_binary, "+foreground", "+configfile", "virtuoso.ini"],
            cwd=directory, stdout=server_output, stderr=subprocess.STDOUT,
        )
    try:
        endpoint = f"http://127.0.0.1:{http_port}/sparql"
        wait_for_endpoint(endpoint, server, directory / "virtuoso.log")
        if allow_updates:  # the anonymous SPARQL user may only read until it is granted updates
            subprocess.run(
                [isql, f"127.0.0.1:{sql_port}", "dba", DBA_PASSWORD, 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                check=True, capture_output=True, timeout=30,
            )
        yield endpoint
    finally:
        server.terminate()
        try:
            server.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
