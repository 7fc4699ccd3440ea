"""The Python API: kgnews.open / build_graph, ingest batches, views, export, packaging."""
from __future__ import annotations

import importlib.resources
import io
import tomllib
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

import kgnews
from conftest import EXAMPLE_ARTICLES, REPO
from same_graph import derived_quads
from kgnews.errors import KGNewsError, StoreError
from kgnews.graph.iris import entities_graph_iri
from kgnews.model import Article
from kgnews.store import OxigraphStore

pytestmark = pytest.mark.model


DAYTON = Article(id="dayton", text="Governor Mark Dayton of Minnesota met reporters in Saint Paul on Tuesday.")
PELOSI = Article(id="pelosi", text="Speaker Nancy Pelosi of California addressed the House on Thursday.")
KLOBUCHAR = Article(id="klobuchar", text="Senator Amy Klobuchar of Minnesota spoke in Washington on Monday.")


def nquads(kg: kgnews.KnowledgeGraph) -> list[str]:
    out = io.BytesIO()
    kg.export("nquads", out)
    return sorted(out.getvalue().decode("utf-8").splitlines())


def test_every_package_directory_is_packaged() -> None:
    """pyproject lists packages explicitly (ontologies/ and examples/queries/ are mapped in), so a new
    one must be added."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = {
        ".".join(path.relative_to(REPO).parts)
        for path in [REPO / "kgnews", *(REPO / "kgnews").rglob("*")]
        if path.is_dir() and path.name != "__pycache__"
    }
    assert set(config["packages"]) == on_disk | {"kgnews.ontologies", "kgnews.examples"}
    assert config["package-dir"] == {"kgnews.ontologies": "ontologies", "kgnews.examples": "examples/queries"}


def test_ontology_is_package_data() -> None:
    ontology = importlib.resources.files("kgnews.ontologies") / "kgnews.ttl"
    graph = list(ox.parse(ontology.read_bytes(), ox.RdfFormat.TURTLE))
    assert ox.NamedNode("https://w3id.org/kgnews/ontology#Fact") in {quad.subject for quad in graph}


def test_open_ingest_query_and_close() -> None:
    with kgnews.open(":memory:") as kg:
        summary = kg.ingest([DAYTON, PELOSI])
        assert (summary.ingested, summary.skipped, summary.failed) == (2, 0, 0)
        assert summary.triples_added == len(kg.store) - derived_quads(kg.store)
        assert str(summary).startswith("ingested 2, skipped 0, failed 0, triples added ")
        assert kg.article_ids() == ["dayton", "pelosi"]
        rows = kg.select("SELECT ?name WHERE { GRAPH ?g { ?p org:holds ?post ; rdfs:label ?name } } ORDER BY ?name")
        assert [row["name"] for row in rows] == ["Mark Dayton", "Nancy Pelosi"]
        assert kg.query("ASK { GRAPH ?g { ?s kgo:textHash ?h } }").boolean is True


def test_views_and_stats_agree() -> None:
    with kgnews.open(":memory:") as kg:
        kg.ingest([DAYTON, KLOBUCHAR])
        entities = list(kg.entities())
        minnesota = next(entity for entity in entities if entity["label"] == "Minnesota")
        assert minnesota["type"] == "Place" and minnesota["articles"] == ["dayton", "klobuchar"]
        assert {entity["label"] for entity in kg.entities(article="klobuchar")} >= {"Amy Klobuchar", "Minnesota"}
        facts = list(kg.facts(article="dayton"))
        assert ("Mark Dayton", "holds_position", "Governor", "Minnesota") in {
            (fact["subject"], fact["relation"], fact["role"], fact["role_of"]) for fact in facts
        }
        stats = kg.stats()
        assert stats["articles"] == 2 and stats["store"] == ":memory:"
        assert stats["entities"] == Counter(entity["type"] for entity in entities)
        assert stats["facts"] == Counter(fact["relation"] for fact in kg.facts())
        # The user's triples: as many as an export holds; kgnews's counts are in its side store.
        assert stats["triples"] == sum(1 for _ in kg.store.quads()) == len(kg.store)
        assert len(kg.store.bookkeeping) > 0


def test_same_text_is_skipped_changed_text_is_replaced() -> None:
    with kgnews.open(":memory:") as kg:
        kg.ingest([DAYTON])
        assert kg.ingest([DAYTON, DAYTON]).skipped == 2
        changed = Article(id="dayton", text=DAYTON.text.replace("Tuesday", "Wednesday"))
        summary = kg.ingest([changed])
        assert (summary.ingested, summary.skipped) == (1, 0)
        (stored,) = kg.select("SELECT ?text WHERE { GRAPH ?g { ?c nif:isString ?text } }")
        assert stored["text"] == changed.text


def test_replace_re_extracts_to_the_same_graph_apart_from_run_times() -> None:
    with kgnews.open(":memory:") as kg:
        kg.ingest([DAYTON, PELOSI])
        size = len(kg.store)
        summary = kg.ingest([DAYTON, PELOSI], replace=True)
        assert (summary.ingested, summary.skipped) == (2, 0)
        assert len(kg.store) == size


def test_progress_reports_every_article() -> None:
    seen: list[tuple[str, str]] = []
    with kgnews.open(":memory:") as kg:
        kg.ingest([DAYTON], progress=lambda article, status: seen.append((article.id, status)))
        kg.ingest([DAYTON, PELOSI], progress=lambda article, status: seen.append((article.id, status)))
    assert seen == [("dayton", "ingested"), ("dayton", "skipped"), ("pelosi", "ingested")]


def test_remove_is_all_or_nothing() -> None:
    with kgnews.open(":memory:") as kg:
        kg.ingest([DAYTON])
        only_dayton = nquads(kg)
        kg.ingest([PELOSI])
        with pytest.raises(KGNewsError, match="no article 'nobody' in the store"):
            kg.remove(["pelosi", "nobody"])
        assert kg.article_ids() == ["dayton", "pelosi"]
        assert kg.remove(["pelosi"]) == ["pelosi"]
        assert nquads(kg) == only_dayton


def test_export_one_article_by_id_or_iri() -> None:
    with kgnews.open(":memory:") as kg:
        kg.ingest([DAYTON, PELOSI])
        by_id, by_iri = io.BytesIO(), io.BytesIO()
        kg.export("nquads", by_id, graph="pelosi")
        kg.export("nquads", by_iri, graph="https://w3id.org/kgnews/resource/article/pelosi")
        assert by_id.getvalue() == by_iri.getvalue()
        graphs = {quad.graph_name.value for quad in ox.parse(by_id.getvalue(), ox.RdfFormat.N_QUADS)}
        assert graphs == {"https://w3id.org/kgnews/resource/article/pelosi"}


@pytest.mark.slow
def test_build_graph_from_paths_into_a_disk_store(tmp_path: Path) -> None:
    with kgnews.build_graph([EXAMPLE_ARTICLES / "wikinews-2019.jsonl"], store=tmp_path / "kgnews.db") as kg:
        assert kg.article_ids() == ["001", "021", "026", "040"]
        (published,) = kg.select(
            "SELECT ?date WHERE { GRAPH ?g { ?a schema:identifier '021' ; schema:datePublished ?date } }"
        )
        assert published["date"] == "2019-09-12"
    with kgnews.open(tmp_path / "kgnews.db") as reopened:
        assert len(reopened.article_ids()) == 4


class FlakyStore(OxigraphStore):
    """An in-memory store whose `fail_on`-th entity-graph refresh fails, as a server that
    goes away mid-ingest would."""

    def __init__(self, fail_on: int) -> None:
        super().__init__()
        self.fail_on, self.refreshes = fail_on, 0

    def update(self, sparql: str) -> None:
        if "GRAPH <" + entities_graph_iri() + ">" in sparql:
            self.refreshes += 1
            if self.refreshes == self.fail_on:
                raise StoreError(f"store {self.location}: update failed (connection reset)")
        super().update(sparql)


def test_failed_batch_leaves_the_store_as_before_it_and_keeps_earlier_batches() -> None:
    store = FlakyStore(fail_on=2)
    with kgnews.KnowledgeGraph(store) as kg:
        with pytest.raises(StoreError, match="connection reset"):
            kg.ingest([DAYTON, PELOSI], batch_size=1)
        # The first batch was written; the second was undone, entity graph and counts included.
        assert kg.article_ids() == ["dayton"]
        assert kg.check() == []
        failed_state = nquads(kg)
    with kgnews.open(":memory:") as fresh:
        fresh.ingest([DAYTON])
        assert len(failed_state) == len(nquads(fresh))


class FlakyReadsStore(OxigraphStore):
    """An in-memory store whose `fail_on`-th read of the entity graph fails (a query timeout,
    a server gone), as the entity-graph refresh makes it before writing anything."""

    def __init__(self, fail_on: int) -> None:
        super().__init__()
        self.fail_on, self.reads = fail_on, 0

    def query(self, sparql: str, *args: object, **kwargs: object) -> object:
        if sparql.startswith("# What the entity graph says about the listed entities"):
            self.reads += 1
            if self.reads == self.fail_on:
                raise StoreError(f"store {self.location}: query failed (timed out)")
        return super().query(sparql, *args, **kwargs)


def test_batch_whose_entity_graph_read_fails_is_undone() -> None:
    store = FlakyReadsStore(fail_on=2)
    with kgnews.KnowledgeGraph(store) as kg:
        with pytest.raises(StoreError, match="timed out"):
            kg.ingest([DAYTON, PELOSI], batch_size=1)
        assert store.reads == 2  # else the test would show nothing
        assert kg.article_ids() == ["dayton"]
        assert kg.check() == []


def test_failed_replace_restores_the_previous_version() -> None:
    store = FlakyStore(fail_on=2)
    with kgnews.KnowledgeGraph(store) as kg:
        kg.ingest([DAYTON])
        before = nquads(kg)
        with pytest.raises(StoreError):
            kg.ingest([Article(id="dayton", text=PELOSI.text)])
        assert nquads(kg) == before
        assert kg.check() == []  # the counts in the side store put back too
