"""RDF export and query-result writers: every format parses back to what the store holds."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgnews.errors import KGNewsError, QueryError
from kgnews.export import FORMATS, export, serialise
from kgnews.presentation import rich_table, write_result
from kgnews.results import QueryResult
from kgnews.store import Store, open_store
from store_contract import (
    ENTITIES, QUOTE_TEXT, all_quads, assert_isomorphic, parse_dump, sample_graphs, union_graph,
)

# rapper's parser names for the formats it reads.
RAPPER_SYNTAX = {"turtle": "turtle", "ntriples": "ntriples", "nquads": "nquads", "trig": "trig", "xml": "rdfxml"}


@pytest.fixture
def store() -> Iterator[Store]:
    with open_store(":memory:") as store:
        store.replace_graphs(sample_graphs())
        yield store


def exported(store: Store, format: str, graph: str | None = None) -> bytes:
    out = io.BytesIO()
    export(store, format, out, graph=graph)
    return out.getvalue()


def test_formats_are_the_documented_ones() -> None:
    assert FORMATS == ("turtle", "ntriples", "nquads", "trig", "jsonld", "xml")


@pytest.mark.parametrize("format", FORMATS)
def test_export_keeps_non_ascii_text(store: Store, format: str) -> None:
    # Round trips of every format are in the store contract; here: the text survives encoding.
    dumped = parse_dump(exported(store, format), format)
    assert QUOTE_TEXT in {str(o) for _, _, o, _ in dumped.quads((None, None, None, None))}


@pytest.mark.external
@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (Debian package raptor2-utils) is not installed")
@pytest.mark.parametrize("format", list(RAPPER_SYNTAX))
def test_rapper_accepts_export(store: Store, format: str, tmp_path: Path) -> None:
    path = tmp_path / f"export.{format}"
    export(store, format, path)
    checked = subprocess.run(
        ["rapper", "--count", "--input", RAPPER_SYNTAX[format], str(path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    assert "error" not in checked.stderr.lower()
    counted = int(re.search(r"returned (\d+) (?:triples|statements)", checked.stderr).group(1))
    if format in ("nquads", "trig"):
        assert counted == len(store)
    else:
        assert counted == len(union_graph(all_quads(sample_graphs())))


def test_export_one_graph_to_a_path(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "entities.nt"
    export(store, "ntriples", path, graph=ENTITIES)
    entities = union_graph(sample_graphs()[ENTITIES])
    assert_isomorphic(entities, parse_dump(path.read_bytes(), "ntriples").default_graph)


def test_unknown_format_is_one_line_error(store: Store) -> None:
    with pytest.raises(KGNewsError) as caught:
        export(store, "n3", io.BytesIO())
    assert str(caught.value) == "unknown RDF format 'n3' (choose one of turtle, ntriples, nquads, trig, jsonld, xml)"


@pytest.mark.parametrize("format", ["turtle", "trig"])
def test_readable_formats_have_a_prefix_per_resource_kind_and_a_stable_order(format: str) -> None:
    graphs = sample_graphs()
    with open_store(":memory:") as store, open_store(":memory:") as reordered:
        store.replace_graphs(graphs)
        reordered.replace_graphs({name: list(reversed(quads)) for name, quads in reversed(graphs.items())})
        text = exported(store, format).decode()
        # The same statements stored in another order export byte for byte the same.
        assert exported(reordered, format).decode() == text
    assert "\\/" not in text
    assert "@prefix person: <https://w3id.org/kgnews/resource/person/> ." in text
    assert "person:mark-dayton" in text and "article:7249ac44 " in text
    declared = [line for line in text.splitlines() if line.startswith("@prefix ")]
    assert declared == sorted(declared)
    if format == "turtle":  # one block per subject, subjects in IRI order
        blocks = [line.split()[0] for line in text.splitlines() if line and not line[0].isspace() and line not in declared]
        assert len(blocks) == len(set(blocks))
        assert blocks.index("article:0a1b2c3d") < blocks.index("article:7249ac44") < blocks.index("person:mark-dayton")


NAMES = f"SELECT ?person ?name ?missing WHERE {{ GRAPH <{ENTITIES}> {{ ?person schema:name ?name }} }}"


def written(result: QueryResult, format: str) -> str:
    out = io.StringIO()
    write_result(result, out, format)
    return out.getvalue()


def test_json_results_follow_the_sparql_format(store: Store) -> None:
    text = written(store.query(NAMES), "json")
    parsed = ox.parse_query_results(text.encode(), ox.QueryResultsFormat.JSON)
    assert [variable.value for variable in parsed.variables] == ["person", "name", "missing"]
    solutions = list(parsed)
    assert solutions[0]["name"] == ox.Literal("Mark Dayton") and solutions[0]["missing"] is None
    assert json.loads(written(store.query("ASK { GRAPH ?g { ?s ?p ?o } }"), "json")) == {"head": {}, "boolean": True}


def test_tsv_results_follow_the_sparql_format(store: Store) -> None:
    text = written(store.query(f"SELECT ?text WHERE {{ GRAPH ?g {{ ?q schema:text ?text }} }}"), "tsv")
    parsed = list(ox.parse_query_results(text.encode(), ox.QueryResultsFormat.TSV))
    assert [solution["text"] for solution in parsed] == [ox.Literal(QUOTE_TEXT)] * 2


def test_csv_results(store: Store) -> None:
    text = written(store.query(NAMES), "csv")
    assert text == "person,name,missing\r\nhttps://w3id.org/kgnews/resource/person/mark-dayton,Mark Dayton,\r\n"


def test_plain_table_aligns_columns_and_compacts_iris(store: Store) -> None:
    lines = written(store.query(NAMES), "table").splitlines()
    assert lines[0].split() == ["person", "name", "missing"]
    assert lines[2].split("  ")[0] == "kgr:person/mark-dayton"
    assert lines[0].index("name") == lines[2].index("Mark Dayton")


def test_rich_table_has_one_column_per_variable(store: Store) -> None:
    table = rich_table(store.query(NAMES))
    assert [column.header for column in table.columns] == ["person", "name", "missing"]
    assert table.row_count == 1


def test_graph_results_as_turtle(store: Store) -> None:
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ENTITIES}> {{ ?s ?p ?o }} }}")
    text = written(result, "turtle")
    assert_isomorphic(union_graph(sample_graphs()[ENTITIES]), parse_dump(text.encode(), "turtle").default_graph)


@pytest.mark.parametrize("format", ["turtle", "trig"])
def test_streamed_readable_formats_declare_each_kind_before_its_first_batch(
    monkeypatch: pytest.MonkeyPatch, format: str
) -> None:
    monkeypatch.setattr("kgnews.export.STREAM_BATCH", 2)  # kinds first met in later batches
    quads = sorted(all_quads(sample_graphs()), key=str)
    statements = quads if format == "trig" else [quad.triple for quad in quads]
    text = serialise(statements, None, format, stream=True).decode()
    assert "\\/" not in text
    declared = [line for line in text.splitlines() if line.startswith("@prefix ")]
    assert len(declared) == len(set(declared)) and "@prefix person: <https://w3id.org/kgnews/resource/person/> ." in declared
    parsed = ox.Dataset(ox.parse(text.encode(), ox.RdfFormat.TRIG if format == "trig" else ox.RdfFormat.TURTLE))
    assert len(parsed) == len(set(statements))


def test_result_format_must_suit_the_query_kind(store: Store) -> None:
    with pytest.raises(QueryError, match="SELECT results cannot be written as 'turtle'"):
        written(store.query(NAMES), "turtle")
    with pytest.raises(QueryError, match="ASK results cannot be written as 'csv'"):
        written(store.query("ASK { ?s ?p ?o }"), "csv")
