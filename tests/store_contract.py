"""The Store contract as tests, run against every implementation (see test_store.py and
test_remote_store.py): subclass `StoreContract` and provide an empty `store` fixture."""
from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic, graph_diff

from kgnews.errors import KGNewsError, QueryError, StoreError
from kgnews.export import RDF_FORMATS, export
from kgnews.store import Store
from kgnews.store.base import QueryDataset
from kgnews.graph.vocab import KGO
from kgnews.vocab import DCT, NIF, SCHEMA, bookkeeping_graphs, kgr, per_article_bookkeeping_prefix

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
ARTICLE = str(kgr()["article/7249ac44"])
OTHER_ARTICLE = str(kgr()["article/0a1b2c3d"])
ENTITIES = str(kgr()["graph/entities"])
DAYTON = ox.NamedNode(str(kgr()["person/mark-dayton"]))
QUOTE_TEXT = "We’re doing our best in Gdańsk — “as well as possible.”"


def node(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def article_quads(graph: str, article: ox.NamedNode, date: str) -> list[ox.Quad]:
    """A news article with an author, a quote (blank-node provenance) and typed values."""
    name = ox.NamedNode(graph)
    quote = ox.NamedNode(f"{article.value}/quote/1")
    provenance = ox.BlankNode()
    return [
        ox.Quad(article, RDF_TYPE, node(SCHEMA.NewsArticle), name),
        ox.Quad(article, node(SCHEMA.datePublished), typed(date, "date"), name),
        ox.Quad(article, node(SCHEMA.headline), ox.Literal("Dayton: health costs", language="en"), name),
        ox.Quad(article, node(SCHEMA.mentions), DAYTON, name),
        ox.Quad(quote, RDF_TYPE, node(KGO.Quote), name),
        ox.Quad(quote, node(SCHEMA.text), ox.Literal(QUOTE_TEXT), name),
        ox.Quad(quote, node(SCHEMA.spokenByCharacter), DAYTON, name),
        ox.Quad(quote, node(KGO.confidence), typed("0.9", "decimal"), name),
        ox.Quad(quote, node(KGO.negated), typed("false", "boolean"), name),
        ox.Quad(quote, node(DCT.source), provenance, name),
        ox.Quad(provenance, node(NIF.beginIndex), typed("312", "integer"), name),
        ox.Quad(provenance, node(NIF.endIndex), typed("420", "integer"), name),
    ]


def entity_quads() -> list[ox.Quad]:
    name = ox.NamedNode(ENTITIES)
    return [
        ox.Quad(DAYTON, RDF_TYPE, node(SCHEMA.Person), name),
        ox.Quad(DAYTON, node(SCHEMA.name), ox.Literal("Mark Dayton"), name),
        ox.Quad(DAYTON, node(SCHEMA.alternateName), ox.Literal("Gov. Mark Dayton"), name),
    ]


def sample_graphs() -> dict[str, list[ox.Quad]]:
    return {
        ARTICLE: article_quads(ARTICLE, ox.NamedNode(ARTICLE), "2016-11-01"),
        OTHER_ARTICLE: article_quads(OTHER_ARTICLE, ox.NamedNode(OTHER_ARTICLE), "2016-11-02"),
        ENTITIES: entity_quads(),
    }


def rdflib_graphs(quads: Iterable[ox.Quad]) -> dict[str, rdflib.Graph]:
    """Named graph IRI -> rdflib graph, by way of N-Quads (blank nodes compared by structure)."""
    dataset = rdflib.Dataset()
    dataset.parse(data=ox.serialize(quads, None, ox.RdfFormat.N_QUADS), format="nquads")
    return {
        str(graph.identifier): graph
        for graph in dataset.graphs()
        if len(graph) and graph.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID
    }


def union_graph(quads: Iterable[ox.Quad]) -> rdflib.Graph:
    union = rdflib.Graph()
    for graph in rdflib_graphs(quads).values():
        union += graph
    return union


def assert_isomorphic(expected: rdflib.Graph, actual: rdflib.Graph) -> None:
    if not isomorphic(expected, actual):
        _, only_expected, only_actual = graph_diff(expected, actual)
        pytest.fail(
            "graphs differ\nmissing:\n"
            + only_expected.serialize(format="nt")
            + "unexpected:\n"
            + only_actual.serialize(format="nt")
        )


def assert_same_graphs(expected: Iterable[ox.Quad], store: Store) -> None:
    expected_graphs = rdflib_graphs(expected)
    actual_graphs = rdflib_graphs(store.quads())
    assert set(actual_graphs) == set(expected_graphs)
    for name, graph in expected_graphs.items():
        assert_isomorphic(graph, actual_graphs[name])


def all_quads(graphs: dict[str, list[ox.Quad]]) -> list[ox.Quad]:
    return [quad for quads in graphs.values() for quad in quads]


def failing_after(quads: list[ox.Quad], count: int) -> Iterator[ox.Quad]:
    yield from quads[:count]
    raise RuntimeError("extraction failed midway")


def parse_dump(data: bytes, format: str) -> rdflib.Dataset:
    rdflib_format = {"ntriples": "nt", "jsonld": "json-ld"}.get(format, format)
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=rdflib_format)
    return dataset


class StoreContract:
    """Tests every Store must pass; the `store` fixture yields an empty store."""

    @pytest.fixture
    def filled(self, store: Store) -> Store:
        store.replace_graphs(sample_graphs())
        return store

    def test_replace_graphs_round_trip(self, store: Store) -> None:
        graphs = sample_graphs()
        added = store.replace_graphs(graphs)
        assert added == len(all_quads(graphs)) == len(store)
        assert store.graph_names() == set(graphs)
        assert store.has_graph(ARTICLE) and not store.has_graph(str(kgr()["article/none"]))
        assert_same_graphs(all_quads(graphs), store)

    def test_replace_graphs_replaces_only_named_graphs(self, filled: Store) -> None:
        graphs = sample_graphs()
        newer = article_quads(ARTICLE, ox.NamedNode(ARTICLE), "2017-01-31")[:3]
        assert filled.replace_graphs({ARTICLE: newer}) == 3
        assert_same_graphs(newer + graphs[OTHER_ARTICLE] + graphs[ENTITIES], filled)
        dates = filled.select(f"SELECT ?d WHERE {{ GRAPH <{ARTICLE}> {{ ?a schema:datePublished ?d }} }}")
        assert dates == [{"d": "2017-01-31"}]

    def test_remove_graph(self, filled: Store) -> None:
        graphs = sample_graphs()
        assert filled.replace_graphs({}, remove=[OTHER_ARTICLE]) == 0
        assert filled.graph_names() == {ARTICLE, ENTITIES}
        assert not filled.has_graph(OTHER_ARTICLE)
        assert len(filled) == len(graphs[ARTICLE]) + len(graphs[ENTITIES])

    def test_graphs_with_data_and_their_quads_in_one_call(self, filled: Store) -> None:
        graphs = sample_graphs()
        missing = str(kgr()["article/none"])
        assert filled.graphs_with_data([ARTICLE, missing, ENTITIES]) == {ARTICLE, ENTITIES}
        assert filled.graphs_with_data([]) == set()
        found = filled.graph_quads([ARTICLE, missing, OTHER_ARTICLE])
        assert found.keys() == {ARTICLE, OTHER_ARTICLE}
        for name, quads in found.items():
            assert_isomorphic(rdflib_graphs(graphs[name])[name], rdflib_graphs(quads)[name])
        assert filled.graph_quads([missing]) == {}

    def test_failing_input_leaves_store_unchanged(self, filled: Store) -> None:
        before = list(filled.quads())
        replacement = article_quads(ARTICLE, ox.NamedNode(ARTICLE), "2017-01-31")
        with pytest.raises(RuntimeError, match="midway"):
            filled.replace_graphs({ARTICLE: failing_after(replacement, 5)}, remove=[OTHER_ARTICLE])
        assert len(filled) == len(before)
        assert_same_graphs(before, filled)

    def test_misfiled_quad_is_refused_before_writing(self, filled: Store) -> None:
        before = list(filled.quads())
        stray = article_quads(OTHER_ARTICLE, ox.NamedNode(OTHER_ARTICLE), "2017-01-31")
        with pytest.raises(StoreError, match="not <"):
            filled.replace_graphs({ARTICLE: stray}, remove=[ENTITIES])
        assert_same_graphs(before, filled)

    def test_select_converts_terms_to_python_values(self, filled: Store) -> None:
        rows = filled.select(
            f"""SELECT ?quote ?text ?confidence ?negated ?start ?date ?headline ?missing WHERE {{
                  GRAPH <{ARTICLE}> {{
                    ?quote schema:text ?text ; kgo:confidence ?confidence ; kgo:negated ?negated ;
                           dct:source [ nif:beginIndex ?start ] .
                    ?article schema:datePublished ?date ; schema:headline ?headline .
                    OPTIONAL {{ ?article schema:nothing ?missing }}
                  }} }}"""
        )
        assert rows == [
            {
                "quote": f"{ARTICLE}/quote/1", "text": QUOTE_TEXT, "confidence": 0.9, "negated": False,
                "start": 312, "date": "2016-11-01", "headline": "Dayton: health costs", "missing": None,
            }
        ]
        assert isinstance(rows[0]["start"], int) and isinstance(rows[0]["confidence"], float)

    def test_count_comes_back_as_int(self, filled: Store) -> None:
        rows = filled.select("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s a schema:NewsArticle } }")
        assert rows == [{"n": 2}]

    def test_query_kinds(self, filled: Store) -> None:
        select = filled.query(f"SELECT ?name WHERE {{ GRAPH <{ENTITIES}> {{ ?p schema:name ?name }} }}")
        assert (select.kind, select.variables, select.rows) == ("select", ("name",), ((ox.Literal("Mark Dayton"),),))
        ask = filled.query(f"ASK {{ GRAPH <{ENTITIES}> {{ ?p a schema:Person }} }}")
        assert (ask.kind, ask.boolean) == ("ask", True)
        construct = filled.query(
            f"CONSTRUCT {{ ?p schema:name ?n }} WHERE {{ GRAPH <{ENTITIES}> {{ ?p schema:name ?n }} }}"
        )
        assert construct.kind == "graph"
        assert construct.triples() == [ox.Triple(DAYTON, node(SCHEMA.name), ox.Literal("Mark Dayton"))]

    def test_query_without_graph_sees_every_graph(self, filled: Store) -> None:
        # A new user's first query: every triple lives in a named graph, yet it finds them.
        assert filled.query("SELECT * WHERE { ?s ?p ?o } LIMIT 10").rows
        names = filled.select("SELECT DISTINCT ?name WHERE { ?e schema:name ?name }")
        assert names == [{"name": "Mark Dayton"}]
        dates = filled.select("SELECT ?date WHERE { ?a schema:datePublished ?date } ORDER BY ?date")
        assert [row["date"] for row in dates] == ["2016-11-01", "2016-11-02"]

    def test_graph_variable_still_names_the_graphs(self, filled: Store) -> None:
        rows = filled.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a schema:NewsArticle } } ORDER BY ?g")
        assert [row["g"] for row in rows] == sorted([ARTICLE, OTHER_ARTICLE])

    def test_from_restricts_the_default_graph(self, filled: Store) -> None:
        rows = filled.select(f"SELECT ?date FROM <{ARTICLE}> WHERE {{ ?a schema:datePublished ?date }}")
        assert [row["date"] for row in rows] == ["2016-11-01"]
        assert not filled.select(f"SELECT ?name FROM <{ARTICLE}> WHERE {{ ?e schema:name ?name }}")
        named = filled.select(
            f"SELECT ?g FROM <{ENTITIES}> FROM NAMED <{OTHER_ARTICLE}> "
            "WHERE { ?e schema:name ?name GRAPH ?g { ?a a schema:NewsArticle } }"
        )
        assert [row["g"] for row in named] == [OTHER_ARTICLE]

    def test_protocol_dataset_restricts_the_graphs(self, filled: Store) -> None:
        query = "SELECT ?date WHERE { ?a schema:datePublished ?date }"
        rows = filled.query(query, QueryDataset(default=(OTHER_ARTICLE,))).records()
        assert [row["date"] for row in rows] == ["2016-11-02"]
        graphs = filled.query(
            "SELECT ?g WHERE { GRAPH ?g { ?a a schema:NewsArticle } }", QueryDataset(named=(ARTICLE,))
        ).records()
        assert [row["g"] for row in graphs] == [ARTICLE]

    def test_query_declared_prefix_wins_over_predeclared(self, filled: Store) -> None:
        rows = filled.select(
            "PREFIX schema: <http://schema.org/> SELECT ?n WHERE { GRAPH ?g { ?p schema:name ?n } }"
        )
        assert rows == []

    def test_syntax_error_names_line_and_column(self, filled: Store) -> None:
        with pytest.raises(QueryError) as caught:
            filled.query("SELECT ?s WHERE {\n  ?s ?p ?o .\n  ?s ?p }")
        message = str(caught.value)
        assert "line 3, column 10" in message and "\n" not in message

    def test_undeclared_prefix_is_named(self, filled: Store) -> None:
        with pytest.raises(QueryError, match="line 2, column 12: undeclared prefix"):
            filled.query("SELECT ?s WHERE {\n  ?s nope:x ?o .\n}")

    def test_update(self, filled: Store) -> None:
        filled.update(f"INSERT DATA {{ GRAPH <{ENTITIES}> {{ <{DAYTON.value}> schema:jobTitle \"Governor\" }} }}")
        assert filled.select(f"SELECT ?t WHERE {{ GRAPH <{ENTITIES}> {{ ?p schema:jobTitle ?t }} }}") == [
            {"t": "Governor"}
        ]

    @pytest.mark.parametrize("format", list(RDF_FORMATS))
    def test_dump_parses_back_to_the_store_content(self, filled: Store, format: str) -> None:
        out = io.BytesIO()
        export(filled, format, out)
        dumped = parse_dump(out.getvalue(), format)
        expected = all_quads(sample_graphs())
        if RDF_FORMATS[format].supports_datasets:
            dumped_graphs = {str(g.identifier): g for g in dumped.graphs() if len(g)}
            expected_graphs = rdflib_graphs(expected)
            assert set(dumped_graphs) == set(expected_graphs)
            for name, graph in expected_graphs.items():
                assert_isomorphic(graph, dumped_graphs[name])
        else:
            assert_isomorphic(union_graph(expected), dumped.default_graph)

    @pytest.mark.parametrize("format", ["nquads", "trig", "ntriples", "turtle"])
    def test_dump_leaves_out_the_bookkeeping_graphs(self, filled: Store, format: str) -> None:
        per_article = per_article_bookkeeping_prefix() + "7249ac44"
        bookkeeping = {iri: [ox.Quad(node(kgr()["count/1"]), node(KGO.countOf), DAYTON, ox.NamedNode(iri))]
                       for iri in [*bookkeeping_graphs(), per_article]}
        filled.replace_graphs(bookkeeping)
        out = io.BytesIO()
        export(filled, format, out)
        dumped = parse_dump(out.getvalue(), format)
        assert (None, rdflib.URIRef(str(KGO.countOf)), None) not in dumped
        assert {quad.graph_name.value for quad in filled.quads()} == set(sample_graphs())
        assert len(list(filled.triples())) == len(union_graph(all_quads(sample_graphs())))
        # kgnews reads them by name.
        for iri, quads in bookkeeping.items():
            assert list(filled.quads(iri)) == quads

    @pytest.mark.parametrize("format", ["turtle", "trig"])
    def test_dump_one_graph(self, filled: Store, format: str) -> None:
        out = io.BytesIO()
        export(filled, format, out, graph=ENTITIES)
        dumped = parse_dump(out.getvalue(), format)
        graph = dumped.graph(rdflib.URIRef(ENTITIES)) if format == "trig" else dumped.default_graph
        assert_isomorphic(union_graph(entity_quads()), graph)
        assert "@prefix schema: <https://schema.org/>" in out.getvalue().decode()

    def test_dump_unknown_graph_or_format(self, filled: Store) -> None:
        with pytest.raises(StoreError, match="no graph"):
            export(filled, "turtle", io.BytesIO(), graph=str(kgr()["article/none"]))
        with pytest.raises(KGNewsError, match="unknown RDF format 'rdfa'"):
            export(filled, "rdfa", io.BytesIO())
