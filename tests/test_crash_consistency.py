"""A write killed (SIGKILL) at each step leaves a store that `kgnews check` can vouch for once
completed; `check` finds what is wrong with derived graphs and `repair` puts it right (#7).

Design (kgnews.graph.derived): each batch is two transactions with a journal between them;
the next command that opens the store completes a journaled step, `repair` recomputes all.
"""
from __future__ import annotations

import logging

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

import kgnews
from conftest import cli_ok, copy_store, run_cli
from kgnews.errors import KGNewsError
from kgnews.faults import CRASH_VARIABLE
from kgnews.graph import derived, entity_counts, fact_counts, iris
from kgnews.graph.journal import Journal
from kgnews.store import OxigraphStore
from kgnews.store.oxigraph import BOOKKEEPING_DIRECTORY
from kgnews.store.updates import NQuadsGraph
from kgnews.vocab import is_bookkeeping_graph

pytestmark = [pytest.mark.slow, pytest.mark.model]

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO / "examples" / "articles" / "wikinews-2019.jsonl"  # 4 articles: two batches of two
WIKINEWS_IDS = ["001", "021", "026", "040"]
# After step 1 (articles and journal), step 2 (counts, in the side store) and step 3 (entity graph).
WRITE_STEPS = ["articles-written", "counts-applied", "entities-refreshed"]


def kgnews_killed_at(step: str, *args: object) -> subprocess.CompletedProcess:
    """`kgnews ARGS` in a process of its own, sent SIGKILL at `step` (KGNEWS_CRASH_AT)."""
    env = {**os.environ, CRASH_VARIABLE: step}
    return subprocess.run([sys.executable, "-m", "kgnews", *map(str, args)], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=300)


def entity_graph(location: Path) -> set[str]:
    with kgnews.open(location, read_only=True) as kg:
        return {str(quad.triple) for quad in kg.store.quads(iris.entities_graph_iri())}


@pytest.fixture(scope="module")
def wikinews_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four wikinews articles ingested without interruption: what every recovery must reach."""
    location = tmp_path_factory.mktemp("clean") / "kgnews.db"
    with kgnews.open(location) as kg:
        kg.ingest([WIKINEWS], batch_size=2)
    return location


def assert_check_passes(location: Path) -> None:
    result = run_cli("check", "--store", location)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("derived graphs agree with them")


@pytest.mark.parametrize("step", ["articles-written:1", "counts-applied:1", "entities-refreshed:1", "articles-written:2",
                                  "counts-applied:2"])
def test_ingest_killed_at_each_step_is_completed_by_the_next_command(
    tmp_path: Path, wikinews_store: Path, step: str
) -> None:
    location = tmp_path / "kgnews.db"
    killed = kgnews_killed_at(step, "ingest", WIKINEWS, "--batch-size", 2, "--store", location)
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    with kgnews.open(location, read_only=True) as kg:
        written = 2 * int(step[-1])
        assert kg.article_ids() == WIKINEWS_IDS[:written]  # whole batches only
    checked = run_cli("check", "--store", location)
    if not step.startswith("entities-refreshed"):
        # Killed between the transactions: the journal says what is left to do.
        assert checked.exit_code == 1
        assert "from a write still running or one that was stopped" in checked.stdout
        assert "not derivable" in checked.stdout or "missing" in checked.stdout
    else:
        assert checked.exit_code == 0, checked.output

    # Ingesting again completes the journaled work on opening, then adds what was not written.
    with kgnews.open(location) as kg:
        again = kg.ingest([WIKINEWS], batch_size=2)
    assert (again.ingested, again.skipped, again.failed) == (4 - written, written, 0)
    assert_check_passes(location)
    assert entity_graph(location) == entity_graph(wikinews_store)


@pytest.mark.parametrize("step", ["journal-written", "articles-loaded"])
def test_a_bulk_ingest_killed_while_loading_new_articles_drops_the_batch_whole(
    tmp_path: Path, wikinews_store: Path, step: str, caplog: pytest.LogCaptureFixture
) -> None:
    """`ingest --bulk` loads new article graphs by Oxigraph's bulk loader, which is not atomic,
    after a journal naming them as loading: killed before or after the load, the batch (never
    reported ingested) is dropped whole by the next command that writes, what was stored
    before stays, and ingesting again writes the batch."""
    location = copy_store(wikinews_store, tmp_path)
    with kgnews.open(location) as kg:
        kg.remove(WIKINEWS_IDS[2:])
    killed = kgnews_killed_at(step, "ingest", WIKINEWS, "--bulk", "--store", location)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    checked = run_cli("check", "--store", location)
    assert checked.exit_code == 1
    assert "the graphs of 2 new articles (and " in checked.stdout  # and of the KB entries they link to
    assert "are being loaded by a bulk ingest still running, or were left incomplete" in checked.stdout
    with caplog.at_level(logging.WARNING), kgnews.open(location, read_only=True):
        pass  # a reader is told the batch it may see is not kept
    assert "graphs of a bulk ingest that was stopped are visible but not kept" in caplog.text

    kgnews.open(location).close()
    with kgnews.open(location, read_only=True) as kg:
        assert kg.article_ids() == WIKINEWS_IDS[:2]
    assert_check_passes(location)
    with kgnews.open(location) as kg:
        again = kg.ingest([WIKINEWS], bulk=True)
    assert (again.ingested, again.skipped, again.failed) == (2, 2, 0)
    assert_check_passes(location)
    assert entity_graph(location) == entity_graph(wikinews_store)


def test_a_load_cut_short_is_dropped_whole_with_its_journal(tmp_path: Path, wikinews_store: Path) -> None:
    """Part of a new article graph, as a bulk load killed midway may leave it, and the journal
    naming it as loading: the next open drops it and the journal, and nothing else changes."""
    location = copy_store(wikinews_store, tmp_path)
    with kgnews.open(location, read_only=True) as kg:
        stats = kg.stats()
    new = iris.article_iri("999")
    store = OxigraphStore(location)
    quads = list(store.quads(iris.article_iri("021")))
    partial = [ox.Quad(quad.subject, quad.predicate, quad.object, ox.NamedNode(new)) for quad in quads[: len(quads) // 2]]
    journal = Journal(entity_counts.deltas([partial], []), loading=[new])
    store.replace_graphs({new: partial, iris.pending_graph_iri(): journal.quads()})
    store.close()
    assert "the graphs of 1 new articles (and 0 other new graphs)" in run_cli("check", "--store", location).stdout

    kgnews.open(location).close()
    assert_check_passes(location)
    with kgnews.open(location, read_only=True) as kg:
        assert kg.article_ids() == WIKINEWS_IDS
        assert kg.stats() == {**stats, "store": kg.location}
    assert entity_graph(location) == entity_graph(wikinews_store)


def test_a_load_left_in_this_process_is_dropped_before_the_next_write_reads_the_store(
        tmp_path: Path, wikinews_store: Path) -> None:
    """A failed load whose clean-up failed too leaves half an article and its journal in a
    running process; the next write on the same handle, the load retried, must take its counts
    against what the store holds without them, or the article is stored but never counted."""
    location = copy_store(wikinews_store, tmp_path)
    article = iris.article_iri("021")
    store = OxigraphStore(location)
    built = list(store.quads(article))
    derived.write_articles(store, {}, remove=[article])
    partial = built[: len(built) // 2]
    journal = Journal(entity_counts.deltas([partial], []), loading=[article])
    store.replace_graphs({article: partial, iris.pending_graph_iri(): journal.quads()})

    derived.write_articles(store, {article: built}, bulk=True)
    store.close()
    assert_check_passes(location)
    assert entity_graph(location) == entity_graph(wikinews_store)


@pytest.mark.parametrize("bulk", [False, True])
def test_a_load_that_fails_midway_leaves_the_store_as_it_was(tmp_path: Path, wikinews_store: Path, bulk: bool) -> None:
    """Text a worker sent that the store cannot read to its end (here a broken last line)
    fails the write with a store error, and nothing of it, nor its journal, stays."""
    location = copy_store(wikinews_store, tmp_path)
    article = iris.article_iri("021")
    store = OxigraphStore(location)
    built = list(store.quads(article))
    derived.write_articles(store, {}, remove=[article])
    text = ox.serialize(built, None, ox.RdfFormat.N_QUADS) + b"<broken .\n"
    counts = fact_counts.with_counts({article: built}, {})  # as a worker sends them: the text is not parsed for them
    with pytest.raises(KGNewsError):
        derived.write_articles(store, {article: NQuadsGraph(text, len(built) + 1, []), **counts}, bulk=bulk)
    assert not store.has_graph(article)
    assert derived.pending_journal(store) is None
    store.close()
    assert_check_passes(location)


@pytest.mark.parametrize("step", WRITE_STEPS)
def test_remove_killed_at_each_step_leaves_no_orphan_entities_once_completed(
    tmp_path: Path, wikinews_store: Path, step: str
) -> None:
    location = copy_store(wikinews_store, tmp_path)
    with kgnews.open(location) as kg:
        stated_only_in_021 = {record["iri"] for record in kg.entities(article="021")} - {
            record["iri"] for other in ("001", "026", "040") for record in kg.entities(article=other)
        }
    assert stated_only_in_021  # else the test would show nothing

    killed = kgnews_killed_at(step, "remove", "021", "--store", location)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (run_cli("check", "--store", location).exit_code == 0) == (step == "entities-refreshed")

    if step != "entities-refreshed":
        # A reading command opens the store read-only: it leaves the store as it is and warns.
        stats = run_cli("stats", "--store", location)
        assert stats.exit_code == 0
        assert stats.stderr.startswith(f"warning: store {location}: the entity graph is out of date for ")
        assert run_cli("check", "--store", location).exit_code == 1
    kgnews.open(location).close()  # as every command that writes, completes the write on opening
    assert_check_passes(location)
    with kgnews.open(location) as kg:
        assert kg.article_ids() == ["001", "026", "040"]
        assert stated_only_in_021.isdisjoint(record["iri"] for record in kg.entities())


def test_repair_completes_a_killed_remove(tmp_path: Path, wikinews_store: Path) -> None:
    location = copy_store(wikinews_store, tmp_path)
    killed = kgnews_killed_at("articles-written", "remove", "001", "026", "--store", location)
    assert killed.returncode == -signal.SIGKILL
    assert run_cli("check", "--store", location).exit_code == 1
    repaired = run_cli("repair", "--store", location)
    assert repaired.exit_code == 0, repaired.output
    assert repaired.stdout.strip() == f"store {location}: entity graph recomputed from 2 articles"
    assert_check_passes(location)


# -- stores whose counts are named graphs of their own (before the side store) ---------------


def with_counts_in_named_graphs(location: Path) -> Path:
    """The store as kgnews kept it before the side store: the counts as named graphs of its own."""
    side_directory = location / BOOKKEEPING_DIRECTORY
    side = OxigraphStore(side_directory)
    counts = [quad for quad in side.oxigraph if quad.graph_name.value != iris.applied_graph_iri()]
    side.close()
    shutil.rmtree(side_directory)
    store = OxigraphStore(location)
    store.oxigraph.extend(counts)
    store.close()
    assert counts
    return location


def bookkeeping_in_the_store(location: Path) -> set[str]:
    with kgnews.open(location, read_only=True) as kg:
        return {name for name in kg.store.graph_names() if is_bookkeeping_graph(name)}


def test_a_store_with_counts_in_named_graphs_is_read_as_it_is_and_moved_on_opening_for_writing(
    tmp_path: Path, wikinews_store: Path
) -> None:
    location = with_counts_in_named_graphs(copy_store(wikinews_store, tmp_path))
    held = bookkeeping_in_the_store(location)
    assert iris.entity_counts_graph_iri() in held and len(held) == 5  # and the four articles' fact counts
    stats = cli_ok("stats", "--store", location, "--format", "json").stdout
    assert_check_passes(location)  # read-only: the counts are read where they are
    assert bookkeeping_in_the_store(location) == held

    kgnews.open(location).close()
    assert bookkeeping_in_the_store(location) == set()
    assert cli_ok("stats", "--store", location, "--format", "json").stdout == stats
    assert_check_passes(location)
    assert entity_graph(location) == entity_graph(wikinews_store)


def test_a_reader_open_while_a_writer_moves_the_counts_follows_them(tmp_path: Path, wikinews_store: Path) -> None:
    location = with_counts_in_named_graphs(copy_store(wikinews_store, tmp_path))
    with kgnews.open(location, read_only=True) as reader:
        stats = reader.stats()
        assert reader.store.bookkeeping is reader.store
        kgnews.open(location).close()  # moves the counts to the side store
        assert bookkeeping_in_the_store(location) == set()
        assert reader.store.bookkeeping is not reader.store
        assert reader.stats() == stats
        assert reader.check() == []


def test_stats_leave_out_fact_counts_kept_as_graphs_of_the_store_beside_an_empty_side_store(
    tmp_path: Path, wikinews_store: Path
) -> None:
    """Fact counts as graphs of the store, no entity counts there (nothing to name the store
    as keeping its counts), an empty side store beside it: still not the user's triples."""
    location = with_counts_in_named_graphs(copy_store(wikinews_store, tmp_path))
    store = OxigraphStore(location)
    store.replace_graphs({}, remove=[iris.entity_counts_graph_iri()])
    store.close()
    OxigraphStore(location / BOOKKEEPING_DIRECTORY).close()
    with kgnews.open(location, read_only=True) as kg, kgnews.open(wikinews_store, read_only=True) as clean:
        assert len(bookkeeping_in_the_store(location)) == 4  # the fact counts
        assert kg.stats() == {**clean.stats(), "store": kg.location}


def test_moving_the_counts_killed_halfway_is_done_again_by_the_next_open(tmp_path: Path, wikinews_store: Path) -> None:
    location = with_counts_in_named_graphs(copy_store(wikinews_store, tmp_path))
    killed = kgnews_killed_at("bookkeeping-copied", "remove", "021", "--store", location)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert bookkeeping_in_the_store(location)  # copied to the side store, not dropped yet
    assert cli_ok("remove", "021", "--store", location)
    assert bookkeeping_in_the_store(location) == set()
    assert_check_passes(location)
    with kgnews.open(location, read_only=True) as kg:
        assert kg.article_ids() == ["001", "026", "040"]
        assert fact_counts.stored_counts(kg.store).graphs == 3


@pytest.mark.parametrize("step", [None, "counts-applied"])
def test_a_journal_an_older_kgnews_left_is_completed_once(tmp_path: Path, wikinews_store: Path, step: str | None) -> None:
    """A remove killed between its transactions by a kgnews without the side store: article
    graph and fact counts dropped, its journal (without an id) in the store."""
    location = with_counts_in_named_graphs(copy_store(wikinews_store, tmp_path))
    article = iris.article_iri("021")
    store = OxigraphStore(location)
    change = entity_counts.deltas([], [list(store.quads(article))])
    store.replace_graphs({iris.pending_graph_iri(): entity_counts.journal_quads(change)},
                         remove=[article, iris.fact_counts_graph_iri(article)])
    store.close()
    if step is not None:  # the completion itself killed once the counts are applied
        killed = kgnews_killed_at(step, "stats", "--store", location)
        assert killed.returncode == 0  # a reading command completes nothing
        killed = kgnews_killed_at(step, "remove", "001", "--store", location)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
    kgnews.open(location).close()
    assert_check_passes(location)
    removed = copy_store(wikinews_store, tmp_path / "removed")
    with kgnews.open(removed) as kg:
        kg.remove(["021"])
    assert entity_graph(location) == entity_graph(removed)


@pytest.mark.parametrize("killed_at", [None, "counts-applied"])
def test_a_store_served_for_updates_keeps_its_counts_as_graphs_until_opened_as_usual(
    tmp_path: Path, wikinews_store: Path, killed_at: str | None
) -> None:
    """`kgnews serve --allow-update` opens the store with its counts as named graphs, as the
    kgnews clients writing through it keep them; the next usual open moves them back. A write
    killed with its counts applied in the side store is completed on the way, its counts not
    applied again (the record of the journal applied moves with them)."""
    location = copy_store(wikinews_store, tmp_path)
    if killed_at is not None:
        killed = kgnews_killed_at(killed_at, "remove", "040", "--store", location)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
    with kgnews.open(location, counts_as_graphs=True) as kg:
        assert kg.check() == []
        kg.remove(["021"])
        assert kg.check() == []
    assert {iris.entity_counts_graph_iri(), iris.fact_counts_graph_iri(iris.article_iri("001"))} <= (
        bookkeeping_in_the_store(location))
    assert_check_passes(location)  # read-only: the counts are read where they are
    kgnews.open(location).close()
    assert bookkeeping_in_the_store(location) == set()
    assert_check_passes(location)
    with kgnews.open(location, read_only=True) as kg:
        assert kg.article_ids() == ["001", "026"] + ([] if killed_at else ["040"])


def test_a_journal_applied_in_the_side_store_is_applied_once_after_its_counts_are_moved_back(
    tmp_path: Path, wikinews_store: Path
) -> None:
    """A write killed with its counts applied in the side store, then `kgnews serve
    --allow-update` killed once it has moved the counts into the store: the next open
    completes the journal without applying its counts a second time."""
    location = copy_store(wikinews_store, tmp_path)
    killed = kgnews_killed_at("counts-applied", "remove", "040", "--store", location)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    killed = kgnews_killed_at("counts-moved-back", "serve", "--allow-update", "--token", "secret", "--port", 0,
                              "--store", location)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    with kgnews.open(location, counts_as_graphs=True) as kg:
        assert kg.check() == []
        assert kg.article_ids() == ["001", "021", "026"]
    kgnews.open(location).close()
    assert_check_passes(location)


def test_a_journal_completed_after_the_counts_are_rebuilt_writes_its_fact_counts(
    tmp_path: Path, wikinews_store: Path
) -> None:
    """A remove killed between its transactions in a store whose side store lacks the entity
    counts (as one from before they were kept): the next open rebuilds them, taking in the
    journal, and still drops the fact counts of the article removed."""
    location = copy_store(wikinews_store, tmp_path)
    killed = kgnews_killed_at("articles-written", "remove", "021", "--store", location)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    side = OxigraphStore(location / BOOKKEEPING_DIRECTORY)
    side.replace_graphs({}, remove=[iris.entity_counts_graph_iri()])
    side.close()
    kgnews.open(location).close()
    assert_check_passes(location)
    with kgnews.open(location, read_only=True) as kg:
        assert fact_counts.stored_counts(kg.store).graphs == 3


# -- check and repair on damage that no crash made -----------------------------------------


def test_check_names_missing_and_orphan_entity_triples_and_repair_restores_them(
    tmp_path: Path, wikinews_store: Path
) -> None:
    location = copy_store(wikinews_store, tmp_path)
    entities = iris.entities_graph_iri()
    with kgnews.open(location) as kg:
        kg.store.update(f"""
DELETE {{ GRAPH <{entities}> {{ ?e ?p ?o }} }} WHERE {{ GRAPH <{entities}> {{ ?e rdfs:label "Donald Trump" ; ?p ?o }} }} ;
INSERT DATA {{ GRAPH <{entities}> {{ <https://w3id.org/kgnews/resource/person/nobody> a kgo:Person ; rdfs:label "Nobody" }} }}""")
        problems = kg.check()
    assert [problem.graph for problem in problems] == [entities]
    assert "triples missing and 2 not derivable" in problems[0].reason

    checked = run_cli("check", "--store", location)
    assert checked.exit_code == 1
    assert checked.stdout.startswith(f"problem: <{entities}>: ")
    assert checked.stderr.strip() == f"Error: store {location}: 1 problem(s) found"
    assert run_cli("repair", "--store", location).exit_code == 0
    assert_check_passes(location)
    assert entity_graph(location) == entity_graph(wikinews_store)


def test_check_names_an_article_graph_that_does_not_hold_its_article() -> None:
    with kgnews.open(":memory:") as kg:
        stray = iris.article_iri("stray")
        kg.store.update(f"INSERT DATA {{ GRAPH <{stray}> {{ <{stray}> rdfs:label 'not an article' }} }}")
        assert [str(problem) for problem in kg.check()] == [
            f"<{stray}>: named as an article graph but describes no schema:NewsArticle "
            "(remove it, or ingest the article again)"
        ]


def test_check_names_a_knowledge_base_graph_no_article_needs_and_repair_drops_it(
    tmp_path: Path, wikinews_store: Path
) -> None:
    location = copy_store(wikinews_store, tmp_path)
    with kgnews.open(location) as kg:
        kb_graphs = {name for name in kg.store.graph_names() if "/graph/kb/" in name}
        assert kb_graphs  # the default KB links some wikinews entities
        # The article graphs go without the derived graphs' update, as a bare store write would.
        kg.store.replace_graphs({}, remove=[iris.article_iri(article_id) for article_id in WIKINEWS_IDS])
        reported = {problem.graph for problem in kg.check()}
        fact_counts = {iris.fact_counts_graph_iri(iris.article_iri(article_id)) for article_id in WIKINEWS_IDS}
        assert kb_graphs | fact_counts | {iris.entities_graph_iri(), iris.entity_counts_graph_iri()} == reported
        kg.repair()
        assert kg.check() == []
        assert not any("/graph/kb/" in name for name in kg.store.graph_names())
