"""Queries are bounded: a deadline that stops the work, a row limit, rows streamed, no lock held.

A cross product of the store with itself three times (CROSS) has far more rows than any
test could wait for: it is the query that once ran for minutes, grew past 740 MB and made
an ingest fail.
"""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

import kgnews
from kgnews.errors import QueryError, QueryTimeout, StoreError
from kgnews.model import Article
from kgnews.store import OxigraphStore, open_store
from kgnews.store.keywords import uses_service

CROSS = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o . ?a ?b ?c . ?d ?e ?f } }"
CROSS_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o . ?a ?b ?c . ?d ?e ?f } }"
TRIPLE_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
KGNEWS = [sys.executable, "-m", "kgnews"]
ARTICLE = (
    "Gov. Mark Dayton of Minnesota met Kurt Daudt, the Speaker of the Minnesota House, on Monday. "
    "Daudt said the budget would pass."
)


def query_processes(store: OxigraphStore) -> list[int]:
    """Pids of this process's live children that run `store`'s queries: its worker scripts,
    or (in-memory store) forked copies of this process."""
    own_command = Path("/proc/self/cmdline").read_bytes()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) != os.getpid() or fields[0] == "Z":
            continue
        if command == own_command if store.location == ":memory:" else b"worker.py" in command and \
                store.location.encode() in command:
            found.append(int(entry))
    return found


def filled(store: OxigraphStore, triples: int = 300) -> OxigraphStore:
    graph = ox.NamedNode("http://example.org/g")
    store.oxigraph.extend(
        ox.Quad(ox.NamedNode(f"http://example.org/e{i}"), ox.NamedNode("http://example.org/p"), ox.Literal(f"v{i}"), graph)
        for i in range(triples)
    )
    return store


@pytest.fixture(params=["disk", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "memory":
        handle = filled(OxigraphStore())
    else:
        filled(OxigraphStore(tmp_path / "db")).close()
        handle = open_store(tmp_path / "db", read_only=True)
    yield handle
    handle.close()


@pytest.mark.slow
def test_a_timeout_stops_the_query_and_its_process(store: OxigraphStore) -> None:
    for query in (CROSS, CROSS_COUNT):  # rows streaming out, and an aggregate that yields nothing until done
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match=r"stopped after 1 s"):
            store.query(query, timeout=1)
        assert time.monotonic() - started < 10
        assert query_processes(store) == []
    # The store still answers, and the process that ran out of time is gone.
    assert store.select(TRIPLE_COUNT) == [{"n": 300}]
    assert store.query(TRIPLE_COUNT, timeout=10).records() == [{"n": 300}]


def test_the_store_timeout_bounds_every_query(tmp_path: Path) -> None:
    filled(OxigraphStore(tmp_path / "db")).close()
    with kgnews.open(tmp_path / "db", read_only=True, timeout=1) as kg:
        with pytest.raises(QueryTimeout):
            kg.select(CROSS_COUNT)
        assert kg.select(TRIPLE_COUNT) == [{"n": 300}]
        assert kg.query(TRIPLE_COUNT, timeout=0).records() == [{"n": 300}]  # 0: no limit


def test_rows_stream_before_the_query_ends_and_closing_stops_it(store: OxigraphStore) -> None:
    started = time.monotonic()
    with store.stream(CROSS, timeout=60) as rows:
        first = [row for _, row in zip(range(1000), rows)]
    assert len(first) == 1000 and time.monotonic() - started < 10
    assert len(query_processes(store)) <= 1  # an idle worker kept for the next query, at most
    assert store.query(TRIPLE_COUNT, timeout=10).records() == [{"n": 300}]


def test_a_row_limit_cuts_and_says_so(store: OxigraphStore) -> None:
    for timeout in (0, 10):  # in this process, and in a query process
        result = store.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", timeout=timeout, limit=7)
        assert len(result.rows) == 7 and result.truncated
        whole = store.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", timeout=timeout, limit=300)
        assert len(whole.rows) == 300 and not whole.truncated


@pytest.mark.parametrize("timeout", [0, 10])
def test_every_kind_of_answer_comes_back_the_same(store: OxigraphStore, timeout: int) -> None:
    select = store.query('SELECT ?s ?o (STRLEN(?o) AS ?n) ("é\\t\\n" AS ?x) WHERE { GRAPH ?g { ?s ?p ?o } } '
                         "ORDER BY ?s LIMIT 2", timeout=timeout)
    assert select.variables == ("s", "o", "n", "x")
    assert select.rows[0] == (ox.NamedNode("http://example.org/e0"), ox.Literal("v0"),
                              ox.Literal("2", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
                              ox.Literal("é\t\n"))
    assert store.query("ASK { GRAPH ?g { ?s ?p 'v3' } }", timeout=timeout).boolean is True
    graph = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", timeout=timeout)
    assert len(graph.triples()) == 300
    with pytest.raises(QueryError, match="syntax error at line 1, column"):
        store.query("SELECT ?s WHERE { ?s ?p", timeout=timeout)


@pytest.mark.model
@pytest.mark.slow
def test_a_long_query_does_not_block_an_ingest(examples_store_copy: Path) -> None:
    """A query reads the store without its lock: an ingest writes meanwhile, and the query
    then sees what the ingest committed."""
    query = subprocess.Popen(
        [*KGNEWS, "query", CROSS_COUNT, "--store", str(examples_store_copy), "--timeout", "60"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        time.sleep(2)  # the query is running
        assert query.poll() is None
        with kgnews.open(examples_store_copy) as kg:
            summary = kg.ingest([Article(id="dayton-budget", text=ARTICLE, title="Budget")])
        assert (summary.ingested, summary.failed) == (1, 0), summary.errors
        assert query.poll() is None
    finally:
        query.kill()
        query.wait()
    with kgnews.open(examples_store_copy, read_only=True, timeout=30) as kg:
        assert "dayton-budget" in kg.article_ids()


@pytest.mark.slow
def test_read_commands_run_while_a_writer_holds_the_store(examples_store_copy: Path) -> None:
    with kgnews.open(examples_store_copy):  # the write lock is held here
        for command in (["stats"], ["entities"], ["facts"], ["export", "--format", "nquads"],
                        ["query", TRIPLE_COUNT], ["viz", "--format", "d3"]):
            done = subprocess.run([*KGNEWS, *command, "--store", str(examples_store_copy)],
                                  capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, (command, done.stderr)
            assert done.stdout.strip()
        second = subprocess.run([*KGNEWS, "remove", "nothing", "--store", str(examples_store_copy)],
                                capture_output=True, text=True, timeout=120)
    assert second.returncode == 1
    assert len(second.stderr.strip().splitlines()) == 1
    # The message names the process that holds the store.
    assert f"is in use by another process (pid {os.getpid()}: `" in second.stderr


@pytest.mark.slow
@pytest.mark.parametrize("command", ["query", "stats", "entities", "facts", "export", "viz"])
def test_reading_commands_refuse_a_missing_store(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "mistyped.db"
    args = [command, TRIPLE_COUNT] if command == "query" else [command]
    done = subprocess.run([*KGNEWS, *args, "--store", str(missing)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip() == f"Error: store {missing} does not exist (check --store or $KGNEWS_STORE; " \
                                  "ingest creates a store)"
    assert not missing.exists()


@pytest.mark.slow
def test_query_command_times_out_in_one_line(examples_store: Path) -> None:
    started = time.monotonic()
    done = subprocess.run([*KGNEWS, "query", CROSS_COUNT, "--store", str(examples_store), "--timeout", "1"],
                          capture_output=True, text=True, timeout=120)
    assert time.monotonic() - started < 30
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Error: SPARQL query stopped after 1 s (its time limit); --timeout SECONDS allows longer (0: no limit)"
    ]


def test_query_command_streams_up_to_its_limit(examples_store: Path) -> None:
    done = subprocess.run([*KGNEWS, "query", CROSS, "--store", str(examples_store), "--format", "csv",
                           "--limit", "2500"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(list(csv.reader(io.StringIO(done.stdout)))) == 2501  # header and rows
    assert done.stderr.strip() == "kgnews: stopped after 2500 rows (--limit ROWS shows more, 0 all)"


@pytest.mark.parametrize(
    ("query", "federated"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", True),
        ("select * where { service silent ?endpoint { ?s ?p ?o } }", True),
        ("SELECT * WHERE {\n  SeRvIcE<http://x/>{?s ?p ?o}}", True),
        ("SELECT * WHERE { ?s a schema:Service ; ex:service ?service }", False),
        ('SELECT * WHERE { ?s ?p "SERVICE <http://x/> { }" }  # SERVICE in a comment', False),
        ("SELECT * WHERE { ?s ?p '''\nSERVICE\n''' . ?s <http://x/SERVICE> ?o }", False),
    ],
)
def test_service_is_found_as_a_keyword_only(query: str, federated: bool) -> None:
    assert uses_service(query) is federated


class OneRowEndpoint(BaseHTTPRequestHandler):
    """A SPARQL endpoint on loopback answering every query with one row."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b'{"head":{"vars":["o"]},"results":{"bindings":[{"o":{"type":"literal","value":"remote"}}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


def test_service_is_refused_unless_allowed(store: OxigraphStore) -> None:
    server = HTTPServer(("127.0.0.1", 0), OneRowEndpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    federated = f"SELECT ?o WHERE {{ SERVICE <http://127.0.0.1:{server.server_port}/sparql> {{ ?s ?p ?o }} }}"
    try:
        for timeout in (0, 10):
            with pytest.raises(QueryError, match=r"SERVICE \(federated query\) is turned off"):
                store.query(federated, timeout=timeout)
            assert store.query(federated, timeout=timeout, allow_service=True).records() == [{"o": "remote"}]
    finally:
        server.shutdown()


def test_query_command_refuses_service_in_one_line(examples_store: Path) -> None:
    done = subprocess.run(
        [*KGNEWS, "query", "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", "--store",
         str(examples_store)], capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "--allow-service" in done.stderr


def test_a_closed_store_refuses_queries(tmp_path: Path) -> None:
    filled(OxigraphStore(tmp_path / "db")).close()
    store = open_store(tmp_path / "db", read_only=True)
    store.close()
    with pytest.raises(StoreError, match="is closed"):
        store.query(TRIPLE_COUNT, timeout=5)


@pytest.mark.slow
def test_reading_commands_write_nothing_in_the_store(examples_store_copy: Path) -> None:
    """What lets them read a store on a read-only disk: not a file is created or touched."""

    def listing() -> dict[str, tuple[int, int]]:
        return {path.name: (path.stat().st_size, path.stat().st_mtime_ns) for path in examples_store_copy.iterdir()}

    before = listing()
    for command in (["stats"], ["query", TRIPLE_COUNT], ["entities"], ["export"]):
        done = subprocess.run([*KGNEWS, *command, "--store", str(examples_store_copy)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert listing() == before


def test_a_worker_that_died_while_idle_is_replaced(tmp_path: Path) -> None:
    filled(OxigraphStore(tmp_path / "db")).close()
    with open_store(tmp_path / "db", read_only=True) as store:
        assert store.query(TRIPLE_COUNT, timeout=10).records() == [{"n": 300}]
        (idle,) = query_processes(store)
        os.kill(idle, 9)
        time.sleep(0.2)
        assert store.query(TRIPLE_COUNT, timeout=10).records() == [{"n": 300}]


def test_a_stream_dropped_unread_stops_its_query(tmp_path: Path) -> None:
    filled(OxigraphStore(tmp_path / "db")).close()
    with open_store(tmp_path / "db", read_only=True) as store:
        rows = store.stream(CROSS, timeout=60)
        next(iter(rows))
        assert len(query_processes(store)) == 1
        del rows
        assert query_processes(store) == []
