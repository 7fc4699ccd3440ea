"""A write killed (SIGKILL) at each step leaves a store that `kgnews check` can vouch for once
completed; `check` finds what is wrong with derived graphs and `repair` puts it right (#7).

Design (kgnews.graph.derived): each batch is two transactions with a journal between them;
the next command that opens the store completes a journaled step, `repair` recomputes all.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import kgnews
from conftest import copy_store, run_cli
from kgnews.faults import CRASH_VARIABLE
from kgnews.graph import iris

pytestmark = [pytest.mark.slow, pytest.mark.model]

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO / "examples" / "articles" / "wikinews-2019.jsonl"  # 4 articles: two batches of two
WIKINEWS_IDS = ["001", "021", "026", "040"]
WRITE_STEPS = ["articles-written", "entities-refreshed"]


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


@pytest.mark.parametrize("step", ["articles-written:1", "entities-refreshed:1", "articles-written:2"])
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
    if step.startswith("articles-written"):
        # Killed between the two transactions: the journal says what is left to do.
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

    if step == "articles-written":
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
