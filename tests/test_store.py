"""The embedded Oxigraph store: the Store contract in memory and on disk, plus opening errors."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgnews.errors import StoreError
from kgnews.store import OxigraphStore, RemoteStore, Store, open_store
from kgnews.store.base import QueryDataset
from kgnews.store.keywords import names_its_dataset
from kgnews.store.remote import query_form, with_prefixes
from store_contract import (
    ARTICLE, ENTITIES, OTHER_ARTICLE, StoreContract, all_quads, assert_same_graphs, sample_graphs,
)

REPO = Path(__file__).resolve().parents[1]


class TestMemoryStore(StoreContract):
    @pytest.fixture
    def store(self) -> Iterator[Store]:
        with open_store(":memory:") as store:
            yield store


class TestDiskStore(StoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[Store]:
        with open_store(tmp_path / "kgnews.db") as store:
            yield store


def test_protocol_dataset_replaces_the_query_dataset() -> None:
    # As the SPARQL 1.1 Protocol says (Virtuoso instead adds default-graph-uri to FROM).
    with open_store(":memory:") as store:
        store.replace_graphs(sample_graphs())
        query = f"SELECT ?date FROM <{ARTICLE}> WHERE {{ ?a schema:datePublished ?date }}"
        rows = store.query(query, QueryDataset(default=(OTHER_ARTICLE,))).records()
        assert [row["date"] for row in rows] == ["2016-11-02"]


@pytest.mark.parametrize(
    ("sparql", "names_one"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", False),
        ("select * from named <urn:g> { graph ?g { ?s ?p ?o } }", True),
        ("SELECT*FROM<urn:g>{?s ?p ?o}", True),
        ("SELECT * { ?s ex:from ?o ; from:x ?y ; :from ?z }", False),
        ('SELECT ?from { ?from ?p "FROM" } # FROM <urn:g>', False),
        ('SELECT * { <http://a/from> ?p """a \\" FROM <urn:g>""" }', False),
    ],
)
def test_dataset_clauses_are_found_outside_strings_iris_and_comments(sparql: str, names_one: bool) -> None:
    assert names_its_dataset(sparql) is names_one


def test_content_survives_close_and_reopen(tmp_path: Path) -> None:
    location = tmp_path / "kgnews.db"
    with open_store(location) as store:
        store.replace_graphs(sample_graphs())
    with open_store(location) as reopened:
        assert_same_graphs(all_quads(sample_graphs()), reopened)


def test_second_open_in_this_process_is_refused_until_close(tmp_path: Path) -> None:
    location = tmp_path / "kgnews.db"
    first = open_store(location)
    with pytest.raises(StoreError, match=f"store {location} is in use"):
        open_store(location)
    first.close()
    open_store(location).close()


def test_open_from_another_process_names_the_lock(tmp_path: Path) -> None:
    location = tmp_path / "kgnews.db"
    opener = (
        "import sys\n"
        "from kgnews.errors import StoreError\n"
        "from kgnews.store import open_store\n"
        "try:\n"
        "    open_store(sys.argv[1])\n"
        "except StoreError as error:\n"
        "    print(error)\n"
    )
    with open_store(location):
        completed = subprocess.run(
            [sys.executable, "-c", opener, str(location)],
            capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(REPO)},
        )
    assert completed.stdout.strip().startswith(f"store {location} is in use by another process")


def test_file_is_not_a_store(tmp_path: Path) -> None:
    location = tmp_path / "notes.txt"
    location.write_text("not a database")
    with pytest.raises(StoreError, match="exists but is not a directory"):
        open_store(location)
    with pytest.raises(StoreError, match=f"store {location / 'kgnews.db'}: a path component is a file"):
        open_store(location / "kgnews.db")


def test_non_empty_directory_is_not_filled_with_database_files(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("text")
    with pytest.raises(StoreError, match="non-empty directory that is not an Oxigraph store"):
        open_store(tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == ["article.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere, so permissions cannot fail")
def test_unwritable_location(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="not writable"):
            open_store(tmp_path / "kgnews.db")
    finally:
        tmp_path.chmod(0o700)


def test_closed_store_says_so() -> None:
    store = open_store(":memory:")
    store.close()
    with pytest.raises(StoreError, match="store :memory: is closed"):
        len(store)


def test_open_store_picks_the_implementation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    remote = open_store("http://127.0.0.1:8890/sparql|http://127.0.0.1:8890/update")
    assert isinstance(remote, RemoteStore)
    assert (remote.query_endpoint, remote.update_endpoint) == (
        "http://127.0.0.1:8890/sparql", "http://127.0.0.1:8890/update"
    )
    assert open_store("http://127.0.0.1:8890/sparql").update_endpoint == "http://127.0.0.1:8890/sparql"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KGNEWS_STORE", raising=False)
    with open_store() as default:
        assert isinstance(default, OxigraphStore) and default.location == "kgnews.db"
    monkeypatch.setenv("KGNEWS_STORE", str(tmp_path / "elsewhere.db"))
    with open_store() as configured:
        assert configured.location == str(tmp_path / "elsewhere.db")


def test_clear_graph_leaves_no_name_behind() -> None:
    with open_store(":memory:") as store:
        store.replace_graphs(sample_graphs())
        store.update(f"CLEAR GRAPH <{ENTITIES}>")
        assert ENTITIES not in store.graph_names() and not store.has_graph(ENTITIES)


def test_invalid_graph_iri_is_refused() -> None:
    with open_store(":memory:") as store:
        with pytest.raises(StoreError, match="invalid graph IRI 'not an iri'"):
            store.replace_graphs({"not an iri": []})


def test_triple_terms_are_refused() -> None:
    graph = ox.NamedNode(ENTITIES)
    statement = ox.Triple(ox.NamedNode(f"{ENTITIES}/a"), ox.NamedNode("https://schema.org/name"), ox.Literal("A"))
    quoted = ox.Quad(ox.NamedNode(f"{ENTITIES}/claim"), ox.NamedNode("https://schema.org/about"), statement, graph)
    with open_store(":memory:") as store:
        with pytest.raises(StoreError, match="triple terms are not supported"):
            store.replace_graphs({ENTITIES: [quoted]})
        assert len(store) == 0


def test_many_quads_in_one_replacement() -> None:
    graph = ox.NamedNode(ENTITIES)
    quads = [
        ox.Quad(ox.NamedNode(f"{ENTITIES}/e{i}"), ox.NamedNode("https://schema.org/name"), ox.Literal(f"n{i}"), graph)
        for i in range(20000)
    ]
    with open_store(":memory:") as store:
        assert store.replace_graphs({ENTITIES: quads + quads[:10]}) == 20000
        assert len(store) == 20000


@pytest.mark.parametrize(
    ("sparql", "form"),
    [
        ("PREFIX ex: <http://example.org/ns#> # a comment\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("BASE <http://example.org/#>\n  DESCRIBE <x>", "DESCRIBE"),
        ("# SELECT in a comment\nASK { ?s ?p ?o }", "ASK"),
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ],
)
def test_query_form_skips_the_prologue(sparql: str, form: str) -> None:
    # A remote server is asked for RDF or for a results table according to this.
    assert query_form(sparql) == form


def test_remote_queries_get_only_undeclared_prefixes_on_the_first_line() -> None:
    sparql = "PREFIX schema: <http://schema.org/>\nSELECT ?n WHERE {\n ?p schema:name ?n }"
    sent = with_prefixes(sparql)
    assert sent.count("PREFIX schema:") == 1 and "PREFIX kgr: <https://w3id.org/kgnews/resource/>" in sent
    assert sent.count("\n") == sparql.count("\n")
