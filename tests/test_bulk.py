"""The two-phase path: `analyse` writes article graphs to files, `load` bulk-loads them and
builds the entity graph once; together they make the graph `ingest` makes."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

import kgnews
from conftest import EXAMPLE_ARTICLES, REPO, cli_ok
from kgnews.api import analysis_files
from kgnews.errors import KGNewsError
from kgnews.graph.iris import article_iri
from kgnews.ingest import read_articles
from same_graph import without_run_provenance

pytestmark = [pytest.mark.slow, pytest.mark.model]
EXAMPLE_KB = REPO / "examples" / "kb" / "city-officials.jsonl"


def test_analyse_then_load_gives_the_ingested_graph(examples_store: Path, tmp_path: Path) -> None:
    assert cli_ok("analyse", EXAMPLE_ARTICLES, "--out", tmp_path / "graphs").stdout.startswith("analysed 5, skipped 0, failed 0")
    assert len(analysis_files(tmp_path / "graphs")) == 5
    assert cli_ok("load", tmp_path / "graphs", "--store", tmp_path / "kgnews.db").stdout.startswith("loaded 5, skipped 0")
    assert without_run_provenance(tmp_path / "kgnews.db") == without_run_provenance(examples_store)
    # Loading again adds nothing; analysing again analyses nothing.
    assert cli_ok("load", tmp_path / "graphs", "--store", tmp_path / "kgnews.db").stdout.startswith("loaded 0, skipped 5")
    assert cli_ok("analyse", EXAMPLE_ARTICLES, "--out", tmp_path / "graphs").stdout.startswith("analysed 0, skipped 5")


def test_analyse_on_worker_processes_then_load_gives_the_ingested_graph(examples_store: Path, tmp_path: Path) -> None:
    """Workers send `analyse` the article graphs alone (no counts: `load` counts them)."""
    assert cli_ok("analyse", EXAMPLE_ARTICLES, "--out", tmp_path / "graphs", "--jobs", "2").stdout.startswith("analysed 5")
    assert cli_ok("load", tmp_path / "graphs", "--store", tmp_path / "kgnews.db").stdout.startswith("loaded 5, skipped 0")
    assert without_run_provenance(tmp_path / "kgnews.db") == without_run_provenance(examples_store)


def test_an_analysis_resumed_links_to_what_was_analysed_before(examples_store: Path, tmp_path: Path) -> None:
    articles = list(read_articles([EXAMPLE_ARTICLES]))
    kgnews.analyse(articles[:2], tmp_path / "graphs")
    summary = kgnews.analyse(articles, tmp_path / "graphs")
    assert (summary.ingested, summary.skipped) == (3, 2)
    with kgnews.open(tmp_path / "kgnews.db") as kg:
        kg.load(tmp_path / "graphs")
    assert without_run_provenance(tmp_path / "kgnews.db") == without_run_provenance(examples_store)


def test_load_completes_a_graph_a_cut_short_load_left_partial(examples_store: Path, tmp_path: Path) -> None:
    article = next(iter(read_articles([EXAMPLE_ARTICLES])))
    kgnews.analyse(EXAMPLE_ARTICLES, tmp_path / "graphs")
    with kgnews.open(tmp_path / "kgnews.db") as kg:
        kg.load(tmp_path / "graphs")
        graph = ox.NamedNode(article_iri(article.id))
        kg.store.oxigraph.remove(next(iter(kg.store.oxigraph.quads_for_pattern(None, None, None, graph))))
        summary = kg.load(tmp_path / "graphs")
        assert (summary.ingested, summary.skipped) == (1, 4)
    assert without_run_provenance(tmp_path / "kgnews.db") == without_run_provenance(examples_store)


def test_load_reports_a_file_that_is_not_an_article_graph_and_loads_the_rest(tmp_path: Path) -> None:
    kgnews.analyse(EXAMPLE_ARTICLES, tmp_path / "graphs")
    broken = analysis_files(tmp_path / "graphs")[0]
    broken.write_text("<http://a> <http://b> .\n", encoding="utf-8")
    errors: list[KGNewsError] = []
    with kgnews.open(tmp_path / "kgnews.db") as kg:
        summary = kg.load(tmp_path / "graphs", on_error=errors.append)
        assert (summary.ingested, summary.failed) == (4, 1)
        assert len(kg.article_ids()) == 4
    assert len(errors) == 1 and str(errors[0]).startswith(str(broken))


def test_load_of_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    with kgnews.open(":memory:") as kg, pytest.raises(KGNewsError, match="not a folder of analysed articles"):
        kg.load(tmp_path / "nothing-here")


def test_analyse_and_load_take_kb_files_as_ingest_does(tmp_path: Path) -> None:
    story = tmp_path / "haven.txt"
    story.write_text("Haven budget passes\n\nMayor Lena Okafor of Haven signed the city budget on Tuesday. "
                     "Okafor said the budget protects bus routes.\n", encoding="utf-8")
    cli_ok("analyse", story, "--out", tmp_path / "graphs", "--kb", EXAMPLE_KB)
    cli_ok("load", tmp_path / "graphs", "--store", tmp_path / "kgnews.db", "--kb", EXAMPLE_KB)
    with kgnews.open(tmp_path / "kgnews.db", read_only=True) as kg:
        okafor = next(record for record in kg.entities() if record["label"] == "Lena Okafor")
        kb_facts = [fact for fact in kg.facts(with_kb=True) if fact.get("source") == "kb"]
    assert okafor["kb_id"] == "cityofhaven:mayor-lena-okafor"
    # load --kb wrote what the user's KB says about her (her post), as ingest --kb does.
    assert {(fact["subject"], fact["kb"]) for fact in kb_facts} == {("Lena Okafor", "city-officials")}
