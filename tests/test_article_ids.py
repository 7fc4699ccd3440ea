"""Article ids as users give them: one IRI per id and back, removal and --article by that id,
duplicates reported, and no user value pasted into SPARQL (#7)."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

import kgnews
from conftest import run_cli
from kgnews import sparql, viz
from kgnews.errors import KGNewsError, QueryError
from kgnews.graph import iris

pytestmark = pytest.mark.model

# Ids that the old "[^A-Za-z0-9._-] -> '-'" rule turned into one another, or into IRI syntax.
IDS = [
    "a b", "a/b", "a-b", "a%20b", "a?b", "a#b", "a~b", ".", "..", "-", "Gdańsk", "Gdańsk?x=1#top",
    "http://example.org/news/1", "urn:isbn:123", "a>b", "x> } UNION { GRAPH ?g { ?s ?p ?o } } #",
]
# A real political sentence per id, each naming a different person.
PEOPLE = ["Mark Dayton", "Erin Murphy", "Kurt Daudt", "Nancy Pelosi", "Amy Klobuchar", "Tim Walz", "Al Franken",
          "Keith Ellison", "Tina Smith", "Paul Thissen", "Tom Bakk", "Lori Swanson", "Rebecca Otto",
          "Steve Simon", "Melissa Hortman", "Jeremy Miller"]


def text_about(person: str) -> str:
    return f"State Senator {person} of Minnesota criticized the budget deal in Saint Paul on Tuesday."


@pytest.fixture(scope="module")
def ids_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ids")
    records = folder / "ids.jsonl"
    records.write_text(
        "".join(json.dumps({"id": article_id, "text": text_about(person)}) + "\n"
                for article_id, person in zip(IDS, PEOPLE, strict=True)),
        encoding="utf-8",
    )
    location = folder / "kgnews.db"
    with kgnews.open(location) as kg:
        summary = kg.ingest([records])
    assert (summary.ingested, summary.skipped, summary.failed) == (len(IDS), 0, 0), summary.errors
    return location


@pytest.fixture
def ids_store_copy(ids_store: Path, tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(ids_store, tmp_path / "kgnews.db")
    return tmp_path / "kgnews.db"


# -- the id <-> IRI mapping ----------------------------------------------------------------


def test_every_id_gets_its_own_valid_iri_and_back() -> None:
    minted = {article_id: iris.article_iri(article_id) for article_id in IDS}
    assert len(set(minted.values())) == len(IDS)
    for article_id, iri in minted.items():
        assert ox.NamedNode(iri).value == iri
        assert iris.article_id(iri) == article_id
        assert "/" not in iri.removeprefix(iris.article_iri(""))  # one path segment


def test_ids_of_safe_characters_keep_the_iris_older_stores_hold() -> None:
    assert iris.article_iri("wikinews-2019_0042.v2") == "https://w3id.org/kgnews/resource/article/wikinews-2019_0042.v2"


def test_dot_segments_are_encoded_so_they_are_not_resolved_away() -> None:
    assert iris.article_iri("..").endswith("/article/%2E%2E")
    assert iris.article_id(iris.article_iri("%2E%2E")) == "%2E%2E"


def test_iris_not_minted_for_an_article_have_no_id() -> None:
    assert iris.article_id(iris.entities_graph_iri()) is None
    assert iris.article_id(iris.article_iri("") + "a%2fb") is None  # not how "a/b" is encoded
    assert iris.article_id(iris.article_iri("") + "%FF") is None  # not UTF-8


# -- ingest, list, remove by the ids given -------------------------------------------------


def test_ingest_keeps_every_id_apart_and_lists_them_as_given(ids_store: Path) -> None:
    with kgnews.open(ids_store) as kg:
        assert kg.article_ids() == sorted(IDS)
        for article_id, person in zip(IDS, PEOPLE, strict=True):
            assert {record["article"] for record in kg.facts(article=article_id)} == {article_id}
            assert person in {record["label"] for record in kg.entities(article=article_id)}


def test_remove_takes_the_id_as_given_and_removes_only_that_article(ids_store_copy: Path) -> None:
    removed = run_cli("remove", "a b", "a/b", "--store", ids_store_copy)
    assert removed.exit_code == 0, removed.output
    assert removed.stdout.strip() == "removed 2 article(s): a b, a/b"
    with kgnews.open(ids_store_copy) as kg:
        assert kg.article_ids() == sorted(set(IDS) - {"a b", "a/b"})
        labels = {record["label"] for record in kg.entities()}
        person = dict(zip(IDS, PEOPLE, strict=True))
        assert {person["a b"], person["a/b"]}.isdisjoint(labels) and person["a-b"] in labels
        assert kg.check() == []


def test_export_one_article_by_its_id(ids_store: Path) -> None:
    exported = run_cli("export", "--format", "nquads", "--graph", "a/b", "--store", ids_store)
    assert exported.exit_code == 0, exported.output
    graphs = {quad.graph_name.value for quad in ox.parse(exported.stdout_bytes, ox.RdfFormat.N_QUADS)}
    assert graphs == {iris.article_iri("a/b")}


def test_a_second_text_under_one_id_is_reported_and_the_same_text_skipped(tmp_path: Path) -> None:
    records = tmp_path / "dupes.jsonl"
    records.write_text("".join(json.dumps(record) + "\n" for record in [
        {"id": "a b", "text": text_about("Mark Dayton")},
        {"id": "a b", "text": text_about("Mark Dayton")},
        {"id": "a b", "text": text_about("Kurt Daudt")},
        {"id": "a-b", "text": text_about("Kurt Daudt")},
    ]), encoding="utf-8")
    result = run_cli("ingest", records, "--store", tmp_path / "kgnews.db")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ingested 2, skipped 1, failed 1,")
    assert result.stderr.strip() == (
        f"failed: {records}:3: duplicate id 'a b': {records}:1 has this id with a different text"
    )


# -- unknown articles and hostile values ---------------------------------------------------


@pytest.mark.parametrize("command", ["facts", "entities", "viz"])
@pytest.mark.parametrize("article", [
    "no-such-article",
    iris.article_iri("a-b"),  # another article's IRI is not its id
    "https://w3id.org/kgnews/resource/graph/entities",
    "urn:x> } UNION { GRAPH ?g { ?s ?p ?o } } #",
    "http://example.org/x> } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #",
])
def test_an_unknown_or_crafted_article_is_one_line_error(ids_store: Path, command: str, article: str) -> None:
    result = run_cli(command, "--article", article, "--store", ids_store)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: unknown article {article!r}: the store holds no article with this id\n"


def test_the_api_refuses_an_unknown_article_before_reading_anything(ids_store: Path) -> None:
    with kgnews.open(ids_store) as kg:
        for view in (kg.entities, kg.facts):
            with pytest.raises(KGNewsError, match="unknown article 'urn:isbn:999'"):
                view(article="urn:isbn:999")
        with pytest.raises(KGNewsError, match="unknown article"):
            viz.project(kg.store, article=iris.article_iri("a-b"))


def test_ids_with_query_syntax_select_exactly_their_own_article(ids_store: Path) -> None:
    with kgnews.open(ids_store) as kg:
        for article_id in ("x> } UNION { GRAPH ?g { ?s ?p ?o } } #", "a>b", "urn:isbn:123"):
            assert {record["article"] for record in kg.facts(article=article_id)} == {article_id}
        graph = viz.project(kg.store, article="x> } UNION { GRAPH ?g { ?s ?p ?o } } #")
        assert {data["label"] for _, data in graph.nodes(data=True)} >= {"Jeremy Miller"}
        assert "Mark Dayton" not in {data["label"] for _, data in graph.nodes(data=True)}


@pytest.mark.parametrize("value", ["http://a> } ; DROP ALL ; <x", "urn:x y", "not an iri", 'http://a/"x'])
def test_a_value_that_is_not_an_iri_never_becomes_query_text(value: str) -> None:
    with pytest.raises(QueryError, match="not an IRI"):
        sparql.iri(value)
    with pytest.raises(QueryError, match="not an IRI"):
        sparql.values("g", ["urn:ok", value])
    with pytest.raises(QueryError, match="not an IRI"):
        sparql.values(("g", "e"), [("urn:ok", "urn:ok"), ("urn:ok", value)])


@pytest.mark.parametrize("text", ['a" } ; DROP ALL ; #', "line\nbreak \\ and 'quotes'", ">\u0085<"])
def test_a_string_enters_a_query_as_one_literal(text: str) -> None:
    (row,) = ox.Store().query(f"SELECT ?x WHERE {{ BIND({sparql.literal(text)} AS ?x) }}")
    assert row["x"] == ox.Literal(text)
    rows = ox.Store().query(f"SELECT ?x WHERE {{ {sparql.values('x', [text, 'plain'], sparql.literal)} }}")
    assert {row["x"] for row in rows} == {ox.Literal(text), ox.Literal("plain")}
