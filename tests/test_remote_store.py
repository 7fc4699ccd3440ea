"""The Store contract against a real SPARQL 1.1 server (Virtuoso on loopback)."""
from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from kgnews.api import KnowledgeGraph
from kgnews.errors import KGNewsError, QueryError, StoreError
from kgnews.export import export
from kgnews.graph import article_quads, derived, iris
from kgnews.store import RemoteStore, Store, open_store
from kgnews.store.remote import SMALL_GRAPH_QUADS, VALUES_ROWS
from kgnews.vocab import kgr
from conftest import EXAMPLE_ARTICLES
from graph_samples import seed_extraction
from same_graph import quads_without_run_provenance, without_run_provenance
from store_contract import ARTICLE, ENTITIES, OTHER_ARTICLE, StoreContract, parse_dump, rdflib_graphs, sample_graphs
from virtuoso import free_port, running_virtuoso, virtuoso_binaries

pytestmark = [
    pytest.mark.skipif(
        virtuoso_binaries() is None,
        reason="Virtuoso is not installed (Debian package virtuoso-opensource: virtuoso-t, isql-vt)",
    ),
    pytest.mark.external,
    pytest.mark.slow,
]


@pytest.fixture(scope="session")
def virtuoso_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as endpoint:
        yield endpoint


@pytest.fixture
def remote(virtuoso_endpoint: str) -> Iterator[RemoteStore]:
    """An empty kgnews store on the shared server: its graphs are dropped before and after."""
    store = open_store(virtuoso_endpoint)
    assert isinstance(store, RemoteStore)
    store.replace_graphs({}, remove=store.graph_names())
    yield store
    store.replace_graphs({}, remove=store.graph_names())


class TestVirtuosoStore(StoreContract):
    @pytest.fixture
    def store(self, remote: RemoteStore) -> Store:
        return remote


def test_batches_and_pages_smaller_than_the_data(remote: RemoteStore) -> None:
    remote.batch_size, remote.page_size = 4, 5
    graphs = sample_graphs()
    added = remote.replace_graphs(graphs)
    assert added == len(remote) == sum(len(quads) for quads in graphs.values())
    out = io.BytesIO()
    export(remote, "nquads", out)
    assert len(parse_dump(out.getvalue(), "nquads")) == added


def test_more_quads_than_the_server_returns_at_once(remote: RemoteStore) -> None:
    # Virtuoso caps results at ResultSetMaxRows (10000 here): paging must go beyond it.
    graph = ox.NamedNode(ENTITIES)
    name = ox.NamedNode("https://schema.org/name")
    quads = [ox.Quad(ox.NamedNode(f"{ENTITIES}/e{i}"), name, ox.Literal(f"n{i}"), graph) for i in range(12000)]
    assert remote.replace_graphs({ENTITIES: quads}) == 12000
    assert len(remote) == 12000
    assert sum(1 for _ in remote.quads(ENTITIES)) == 12000


def test_graphs_asked_about_go_in_parts_of_a_values_clause(remote: RemoteStore) -> None:
    """Virtuoso refuses very large VALUES blocks (openlink/virtuoso-opensource#280; in one
    query, 30,000 graphs exceed its 10,000 lines of generated SQL): a question about many
    graphs (a large remove) goes in parts, answered as one graph at a time."""
    graphs = sample_graphs()
    remote.replace_graphs(graphs)
    missing = [str(kgr()[f"article/none-{number}"]) for number in range(30_000)]
    first, middle, last = graphs
    many = [first, *missing[:VALUES_ROWS + 5], middle, *missing[VALUES_ROWS + 5:], last, first]
    few = [first, missing[0], middle, missing[1], missing[2], last, first]
    one_at_a_time = {name: remote.graph_quads([name])[name] for name in graphs}
    for part, asked in ((VALUES_ROWS, many), (2, few)):
        remote.values_rows = part
        assert remote.graphs_with_data(asked) == set(graphs)
        found = remote.graph_quads(asked)
        assert found.keys() == graphs.keys()
        assert remote.graph_sizes(asked) == {name: len(quads) for name, quads in one_at_a_time.items()}
        assert all(isomorphic(rdflib_graphs(found[name])[name], rdflib_graphs(one_at_a_time[name])[name])
                   for name in graphs)


def test_graphs_outside_the_kgnews_base_are_not_ours(remote: RemoteStore) -> None:
    foreign = "http://example.org/someone-elses-graph"
    remote.update(f"INSERT DATA {{ GRAPH <{foreign}> {{ <http://example.org/a> <http://example.org/b> 1 }} }}")
    try:
        assert foreign not in remote.graph_names() and len(remote) == 0
        assert remote.has_graph(foreign)
    finally:
        remote.update(f"DROP SILENT GRAPH <{foreign}>")


def test_server_side_error_names_the_endpoint(remote: RemoteStore) -> None:
    # Oxigraph parses this SPARQL 1.2 function; Virtuoso 7 does not know it.
    with pytest.raises(QueryError, match=f"SPARQL endpoint {remote.query_endpoint} rejected the query: .*isTRIPLE"):
        remote.query("SELECT ?t WHERE {\n  ?s ?p ?o BIND(isTRIPLE(?s) AS ?t) }")


def test_unreachable_endpoint() -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(StoreError, match=f"SPARQL endpoint {endpoint} cannot be reached"):
        len(open_store(endpoint))


def test_wrong_update_endpoint_names_the_status(virtuoso_endpoint: str) -> None:
    store = RemoteStore(virtuoso_endpoint, virtuoso_endpoint.replace("/sparql", "/no-such-path"))
    with pytest.raises(StoreError, match="/no-such-path: update failed with HTTP 404"):
        store.replace_graphs({}, remove=[str(kgr()["article/none"])])


def test_read_only_server_says_how_to_allow_updates(tmp_path: Path) -> None:
    with running_virtuoso(tmp_path, allow_updates=False) as endpoint:
        with pytest.raises(StoreError, match='No permission.*GRANT SPARQL_UPDATE TO "SPARQL"'):
            open_store(endpoint).replace_graphs(sample_graphs())


def test_graphs_go_to_virtuosos_graph_store_and_without_it_by_sparql_update(
    remote: RemoteStore, virtuoso_endpoint: str
) -> None:
    assert remote.graph_store() == virtuoso_endpoint + "-graph-crud"
    graphs = sample_graphs()
    by_update = RemoteStore(virtuoso_endpoint, graph_store_endpoint="")
    assert by_update.graph_store() == ""
    for writer in (remote, by_update):
        writer.replace_graphs({}, remove=writer.graph_names())
        assert writer.replace_graphs(graphs) == sum(len(quads) for quads in graphs.values())
        stored = rdflib_graphs(remote.quads())
        expected = rdflib_graphs(quad for quads in graphs.values() for quad in quads)
        assert stored.keys() == expected.keys()
        assert all(isomorphic(stored[name], expected[name]) for name in expected)


def test_small_graphs_ride_with_the_drops_in_one_update_and_large_ones_go_by_put(remote: RemoteStore) -> None:
    """A PUT per graph is the fast path for an article graph, a round trip wasted on a graph of
    a few dozen quads (an article's fact counts, the write journal): those go together."""
    graphs = sample_graphs()
    small = {name: quads for name, quads in graphs.items() if len(quads) < SMALL_GRAPH_QUADS}
    large_name = str(kgr()["graph/large"])
    large_node = ox.NamedNode(large_name)
    large = [ox.Quad(ox.NamedNode(f"{large_name}/{number}"), large_node, ox.Literal(number), large_node)
             for number in range(SMALL_GRAPH_QUADS)]
    methods: Counter[str] = Counter()
    send = remote.request

    def counted(request, limit=None):
        methods[request.get_method()] += 1
        return send(request, limit)

    remote.request = counted
    assert len(small) >= 2
    assert remote.replace_graphs({**small, large_name: large}, remove=[OTHER_ARTICLE]) == (
        sum(map(len, small.values())) + len(large))
    # One PUT for the large graph; one update request for the drop and the small graphs.
    assert methods["PUT"] == 1 and methods["POST"] <= 2  # the second POST: looking for the graph store
    assert remote.graphs_with_data([*small, large_name, OTHER_ARTICLE]) == {*small, large_name}


def test_a_server_keeps_the_counts_in_named_graphs_beside_the_articles(remote: RemoteStore) -> None:
    """A server is its own bookkeeping store: every client writing it sees the same counts."""
    assert remote.bookkeeping is remote
    extraction = seed_extraction()
    article = iris.article_iri(extraction.article.id)
    derived.write_articles(remote, {article: article_quads(extraction)})
    held = remote.graph_names()
    assert {article, iris.fact_counts_graph_iri(article), iris.entity_counts_graph_iri()} <= held
    assert iris.pending_graph_iri() not in held and iris.applied_graph_iri() not in held
    assert derived.check(remote) == []
    assert KnowledgeGraph(remote).stats()["facts"]["holds_position"] > 0
    KnowledgeGraph(remote).remove([extraction.article.id])
    assert not {article, iris.fact_counts_graph_iri(article), iris.entity_counts_graph_iri()} & remote.graph_names()
    assert derived.check(remote) == []


def test_remove_asks_the_server_for_the_article_graphs_once(remote: RemoteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    derived.write_articles(remote, {ARTICLE: sample_graphs()[ARTICLE]})
    article_id = iris.article_id(ARTICLE)
    asked: list[str] = []
    for method in ("graphs_with_data", "graph_quads", "has_graph"):
        real = getattr(remote, method)
        monkeypatch.setattr(remote, method, lambda *args, _real=real, _name=method: asked.append(_name) or _real(*args))
    kg = KnowledgeGraph(remote)
    with pytest.raises(KGNewsError, match=r"no article 'not-there' in the store"):
        kg.remove([article_id, "not-there"])
    assert asked == ["graph_quads"] and remote.has_graph(ARTICLE)  # nothing removed
    asked.clear()
    assert kg.remove([article_id]) == [article_id]
    assert asked == ["graph_quads"]
    assert not remote.has_graph(ARTICLE)


@pytest.mark.parametrize("bulk", [False, True], ids=["transactions", "bulk"])
def test_ingest_into_a_server_gives_the_embedded_stores_graph(
        remote: RemoteStore, examples_store: Path, bulk: bool) -> None:
    """`ingest` (and `ingest --bulk`, whose bulk path is the server's own requests) writes to
    a server the quads an embedded store holds, bookkeeping graphs included, and skips the
    articles when run again."""
    kg = KnowledgeGraph(remote)
    assert kg.ingest([EXAMPLE_ARTICLES], bulk=bulk, batch_size=2).ingested == 5
    assert kg.ingest([EXAMPLE_ARTICLES], bulk=bulk).skipped == 5
    assert derived.check(remote) == []
    held = quads_without_run_provenance(
        quad for name in remote.graph_names() for quad in remote.quads(name)
        if name != iris.applied_graph_iri())
    embedded = {line.removeprefix("side: ") for line in without_run_provenance(examples_store)}
    assert held == embedded
