"""`kgnews load` and reading commands on one store: Oxigraph's bulk loader deletes files a
read-only reader may still read (RocksDB compacts what it loads), and such a reader can then
fail or run away, so a bulk load and read-only readers exclude each other, each refused
with one line saying why."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

import kgnews
from conftest import run_cli
from kgnews.errors import StoreError

pytestmark = pytest.mark.slow
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
ARTICLES, QUADS_PER_ARTICLE = 300, 400
BEING_LOADED = "is being bulk-loaded"


def article_graph_files(folder: Path) -> Path:
    """Files as `kgnews analyse` writes them: one article graph each, in N-Quads."""
    folder.mkdir()
    for number in range(ARTICLES):
        graph = f"<https://w3id.org/kgnews/resource/article/load-{number}>"
        (folder / f"{number:05d}.nq").write_text("".join(
            f'<https://example.org/s{number}-{index}> <https://example.org/p{index % 7}> "value {number} {index}" {graph} .\n'
            for index in range(QUADS_PER_ARTICLE)), encoding="utf-8")
    return folder


# A reader in a process of its own, with its memory bounded: a read that runs away (Oxigraph,
# meeting a file the loader's compaction deleted, can loop) ends it instead of the machine.
READER = """
import resource, sys, time
from pathlib import Path
import kgnews
from kgnews.errors import StoreError
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
store, stop = sys.argv[1], Path(sys.argv[2])
while not stop.exists():
    try:
        with kgnews.open(store, read_only=True) as kg:
            for _ in range(5):  # a handle reopened as the load commits
                print("answered", kg.query(sys.argv[3]).rows[0][0].value, flush=True)
    except StoreError as error:
        print("refused" if sys.argv[4] in str(error) else f"failed {error}", flush=True)
    except Exception as error:
        print(f"failed {type(error).__name__}: {error}", flush=True)
    time.sleep(0.1)  # a pause between commands, in which the load can start
"""


def test_reads_while_a_load_runs_either_answer_or_say_the_store_is_being_loaded(tmp_path: Path) -> None:
    store, graphs, stop = tmp_path / "kgnews.db", article_graph_files(tmp_path / "graphs"), tmp_path / "stop"
    kgnews.open(store).close()  # the store exists before the load: every read below can open it
    reader = subprocess.Popen([sys.executable, "-c", READER, str(store), str(stop), COUNT, BEING_LOADED],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Small batches: many bulk loads, each followed by RocksDB's compaction, while the reads run.
    load = subprocess.run(
        [sys.executable, "-c", "import sys, kgnews\nwith kgnews.open(sys.argv[1]) as kg: kg.load(sys.argv[2], batch_quads=1000)",
         str(store), str(graphs)], capture_output=True, text=True, timeout=600)
    stop.touch()
    try:
        reads, errors = reader.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        reads, errors = "failed: a read still running a minute after the load ended", ""
    finally:
        reader.kill()
    assert load.returncode == 0, load.stderr
    outcomes = reads.splitlines()
    assert not [line for line in outcomes if not line.startswith(("answered", "refused"))], (outcomes[-3:], errors[-2000:])
    assert "refused" in outcomes, ("no read ran while the load did", sorted(set(outcomes)), len(outcomes))
    answered = [int(line.split()[1]) for line in outcomes if line.startswith("answered")]
    assert answered == sorted(answered)
    with kgnews.open(store, read_only=True) as kg:
        assert int(kg.query(COUNT).rows[0][0].value) == ARTICLES * QUADS_PER_ARTICLE


def test_a_load_beside_an_open_reader_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    store, graphs = tmp_path / "kgnews.db", article_graph_files(tmp_path / "graphs")
    kgnews.open(store).close()
    with kgnews.open(store, read_only=True) as reader:
        result = run_cli("load", graphs, "--store", store)
        assert result.exit_code == 1
        assert result.stderr.strip().splitlines() == [
            f"Error: store {store} is open for reading in another process (kgnews serve, query, export...): "
            "a bulk load would delete files under it; stop the readers, then run it again"]
        assert int(reader.query(COUNT).rows[0][0].value) == 0
    with kgnews.open(store, read_only=True) as kg:
        assert int(kg.query(COUNT).rows[0][0].value) == 0


def test_a_load_with_nothing_to_add_runs_beside_an_open_reader(tmp_path: Path) -> None:
    store, graphs = tmp_path / "kgnews.db", article_graph_files(tmp_path / "graphs")
    assert run_cli("load", graphs, "--store", store).exit_code == 0
    with kgnews.open(store, read_only=True) as reader:
        result = run_cli("load", graphs, "--store", store)  # every graph held whole: no bulk load, no refusal
        assert result.exit_code == 0, result.stderr
        assert int(reader.query(COUNT).rows[0][0].value) == ARTICLES * QUADS_PER_ARTICLE


def test_a_load_through_a_store_with_a_query_timeout_answers_from_the_loaded_store(tmp_path: Path) -> None:
    """The store's own query workers are read-only handles: a load sets them aside, so its
    queries, and those after it, see what it loaded."""
    store, graphs = tmp_path / "kgnews.db", article_graph_files(tmp_path / "graphs")
    with kgnews.open(store, timeout=30) as kg:
        assert int(kg.query(COUNT).rows[0][0].value) == 0  # a worker process opened the store
        summary = kg.load(graphs, batch_quads=20_000)
        assert summary.ingested == ARTICLES and not summary.failed
        assert int(kg.query(COUNT).rows[0][0].value) == ARTICLES * QUADS_PER_ARTICLE
    with kgnews.open(store, read_only=True) as kg:
        assert int(kg.query(COUNT).rows[0][0].value) == ARTICLES * QUADS_PER_ARTICLE


def test_a_reader_is_refused_while_a_load_holds_the_store_and_let_in_once_it_is_closed(tmp_path: Path) -> None:
    store = tmp_path / "kgnews.db"
    kgnews.open(store).close()
    loading = kgnews.open(store)
    loading.store.exclude_readers()  # what a load does before its first bulk write
    with pytest.raises(StoreError, match=f"^store {store} is being bulk-loaded .*reading commands can open it when the load ends$"):
        kgnews.open(store, read_only=True)
    loading.close()
    before = sorted(path.name for path in store.iterdir())
    with kgnews.open(store, read_only=True) as kg:
        assert int(kg.query(COUNT).rows[0][0].value) == 0
    assert sorted(path.name for path in store.iterdir()) == before  # the lock is the directory's: no file made
