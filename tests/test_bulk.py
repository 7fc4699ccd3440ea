"""The two-phase path: `analyse` writes article graphs to files, `load` bulk-loads them and
builds the entity graph once; together they make the graph `ingest` makes. And `ingest --bulk`,
which writes new articles by the same bulk loader, batch by batch, into the same graph."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

import kgnews
from conftest import EXAMPLE_ARTICLES, REPO, cli_ok, run_cli
from kgnews import api
from kgnews.api import analysis_files
from kgnews.errors import KGNewsError, StoreError
from kgnews.graph import derived
from kgnews.graph.iris import article_iri
from kgnews.ingest import read_articles
from kgnews.store import oxigraph
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


# -- ingest --bulk: new articles by the bulk loader, each write named in its journal first ----


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bulk_ingest_gives_the_ingested_graph_and_skips_it_again(
        examples_store: Path, tmp_path: Path, jobs: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "kgnews.db"
    bulk_loaded: list[int] = []  # the graphs each bulk load took: the bulk path ran, not a transaction
    load_new = derived._load_new
    monkeypatch.setattr(derived, "_load_new", lambda *args: bulk_loaded.append(len(args[1])) or load_new(*args))
    assert cli_ok("ingest", EXAMPLE_ARTICLES, "--bulk", "--jobs", jobs, "--store", store).stdout.startswith(
        "ingested 5, skipped 0, failed 0")
    assert sum(bulk_loaded) >= 5  # the five article graphs (and the KB entries they link to)
    assert without_run_provenance(store) == without_run_provenance(examples_store)
    assert cli_ok("check", "--store", store).stdout.strip().endswith("derived graphs agree with them")
    assert cli_ok("ingest", EXAMPLE_ARTICLES, "--bulk", "--store", store).stdout.startswith(
        "ingested 0, skipped 5, failed 0")
    assert without_run_provenance(store) == without_run_provenance(examples_store)


def test_a_bulk_ingest_in_several_writes_replacing_one_gives_the_ingested_graph(
        examples_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One write per batch of two (the bulk loader once per write), and an article replaced
    (by transaction: the bulk loader takes only graphs the store lacks) in a bulk ingest."""
    monkeypatch.setattr(api, "BULK_WRITE_QUADS", 1)
    articles = list(read_articles([EXAMPLE_ARTICLES]))
    with kgnews.open(tmp_path / "kgnews.db") as kg:
        kg.ingest(articles[:1], bulk=True)
        assert kg.ingest(articles[:1], bulk=True, replace=True).ingested == 1
        summary = kg.ingest(articles, bulk=True, batch_size=2)
        assert (summary.ingested, summary.skipped, summary.failed) == (4, 1, 0)
    assert without_run_provenance(tmp_path / "kgnews.db") == without_run_provenance(examples_store)


def test_a_bulk_ingest_reports_a_bad_input_and_ingests_the_rest(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    good = (REPO / "examples" / "articles" / "wikinews-2019.jsonl").read_text(encoding="utf-8").splitlines()
    feed.write_text("\n".join([good[0], '{"id": "broken", "text": ', good[1]]) + "\n", encoding="utf-8")
    result = run_cli("ingest", feed, "--bulk", "--store", tmp_path / "kgnews.db")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ingested 2, skipped 0, failed 1")
    assert f"{feed}:2" in result.stderr
    with kgnews.open(tmp_path / "kgnews.db", read_only=True) as kg:
        assert len(kg.article_ids()) == 2


def test_readers_are_kept_out_from_a_bulk_write_until_the_store_is_closed(tmp_path: Path) -> None:
    store = tmp_path / "kgnews.db"
    articles = list(read_articles([EXAMPLE_ARTICLES]))
    with kgnews.open(store) as kg:
        kg.ingest(articles[:1])  # by transaction: a reader may open beside it
        kgnews.open(store, read_only=True).close()
        kg.ingest(articles[1:2], bulk=True)
        with pytest.raises(StoreError, match="is being bulk-loaded"):
            kgnews.open(store, read_only=True)
    with kgnews.open(store, read_only=True) as kg:
        assert len(kg.article_ids()) == 2


def test_a_bulk_ingest_beside_an_open_reader_is_refused_and_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oxigraph, "READERS_WAIT_SECONDS", 0.2)
    store = tmp_path / "kgnews.db"
    articles = list(read_articles([EXAMPLE_ARTICLES]))
    with kgnews.open(store) as kg:
        kg.ingest(articles[:1])
    before = without_run_provenance(store)
    with kgnews.open(store, read_only=True) as reader:
        result = run_cli("ingest", EXAMPLE_ARTICLES, "--bulk", "--store", store)
        assert result.exit_code == 1
        assert result.stderr.strip().splitlines()[-1] == (
            f"Error: store {store} is open for reading in another process (kgnews serve, query, export...): "
            "a bulk load would delete files under it; stop the readers, then run it again")
        assert reader.article_ids() == [articles[0].id]
    assert without_run_provenance(store) == before
    assert cli_ok("check", "--store", store).stdout.strip().endswith("derived graphs agree with them")


def test_a_bulk_ingest_beside_an_open_reader_is_refused_before_it_writes_anything(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused up front, not at its first bulk write: a replaced article, which goes in by
    transaction in the batch before, is not written either."""
    monkeypatch.setattr(oxigraph, "READERS_WAIT_SECONDS", 0.2)
    monkeypatch.setattr(api, "BULK_WRITE_QUADS", 1)
    store = tmp_path / "kgnews.db"
    articles = list(read_articles([EXAMPLE_ARTICLES]))
    with kgnews.open(store) as kg:
        kg.ingest(articles[:1])
    before = {str(quad) for quad in ox.Store(str(store))}  # the run's provenance included
    with kgnews.open(store, read_only=True), kgnews.open(store) as kg:
        with pytest.raises(StoreError, match="is open for reading in another process"):
            kg.ingest(articles[:2], bulk=True, replace=True, batch_size=1)
    assert {str(quad) for quad in ox.Store(str(store))} == before

