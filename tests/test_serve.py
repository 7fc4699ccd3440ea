"""`kgnews serve` with real clients: SPARQLWrapper, rdflib's SPARQLStore and plain HTTP requests
against a server the tests start on loopback, over a copy of the example store."""
from __future__ import annotations

import csv
import io
import json
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

import kgnews
from kgnews.model import Article
from kgnews.results import QueryResult, python_value
from kgnews.serve import negotiation, pages
from conftest import run_cli
from serving import running_server

pytestmark = pytest.mark.model

TOKEN = "test-token-5b1d"
EXAMPLE_QUERIES = sorted((Path(__file__).resolve().parents[1] / "examples" / "queries").glob("*.rq"))
DAYTON = "https://w3id.org/kgnews/resource/person/mark-dayton"
MEMBERS = "SELECT DISTINCT ?p ?party WHERE { ?p org:memberOf ?party . ?party a kgo:PoliticalParty } ORDER BY ?p"
CONSTRUCT = "CONSTRUCT { ?p org:memberOf ?party } WHERE { ?p org:memberOf ?party . ?party a kgo:PoliticalParty }"


@pytest.fixture(scope="module")
def expected(examples_store: Path) -> dict[str, QueryResult]:
    """What `kgnews query` answers on the example store, for each query the clients send."""
    with kgnews.open(examples_store) as kg:
        return {query.name: kg.query(query.read_text(encoding="utf-8")) for query in EXAMPLE_QUERIES} | {
            "members": kg.query(MEMBERS), "construct": kg.query(CONSTRUCT)}


@pytest.fixture(scope="module")
def server(examples_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server allowing updates with TOKEN, over its own copy of the example store."""
    store = tmp_path_factory.mktemp("serve") / "kgnews.db"
    shutil.copytree(examples_store, store)
    with running_server(store, "--allow-update", "--max-request-size", "200000", env={"KGNEWS_TOKEN": TOKEN}) as url:
        yield url


@pytest.fixture(scope="module")
def read_only_store(examples_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("serve-ro") / "kgnews.db"
    shutil.copytree(examples_store, store)
    return store


@pytest.fixture(scope="module")
def read_only_server(read_only_store: Path) -> Iterator[str]:
    with running_server(read_only_store) as url:
        yield url


def rows_of(result: QueryResult) -> list[tuple]:
    return sorted(tuple(python_value(term) for term in row) for row in result.rows)


def ask(url: str, sparql: str) -> bool:
    answer = httpx.get(f"{url}/sparql", params={"query": sparql}, headers={"Accept": "application/sparql-results+json"})
    return answer.json()["boolean"]


@pytest.mark.parametrize("query", EXAMPLE_QUERIES, ids=[query.stem for query in EXAMPLE_QUERIES])
def test_sparqlwrapper_gets_the_rows_of_kgnews_query(server: str, expected: dict, query: Path) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(query.read_text(encoding="utf-8"))
    client.setReturnFormat(JSON)
    document = client.query().convert()
    variables = document["head"]["vars"]
    want = expected[query.name]
    assert variables == list(want.variables)
    got = sorted(tuple(_json_value(binding.get(name)) for name in variables) for binding in document["results"]["bindings"])
    assert got == rows_of(want) and got


def _json_value(binding: dict | None) -> object:
    if binding is None:
        return None
    datatype = binding.get("datatype", "")
    return int(binding["value"]) if datatype.endswith("#integer") else binding["value"]


def test_rdflib_sparqlstore_gets_the_rows_of_kgnews_query(server: str, expected: dict) -> None:
    graph = rdflib.Graph(SPARQLStore(f"{server}/sparql", returnFormat="xml"))
    result = graph.query("PREFIX org: <http://www.w3.org/ns/org#> PREFIX kgo: <https://w3id.org/kgnews/ontology#> "
                         + MEMBERS)
    got = sorted((str(row.p), str(row.party)) for row in result)
    assert got == rows_of(expected["members"]) and len(got) >= 6
    triples = set(rdflib.Graph(SPARQLStore(f"{server}/sparql")).query(
        "PREFIX org: <http://www.w3.org/ns/org#> PREFIX kgo: <https://w3id.org/kgnews/ontology#> " + CONSTRUCT))
    assert {tuple(map(str, triple)) for triple in triples} == {tuple(term.value for term in row) for row in expected["construct"].rows}


@pytest.mark.parametrize(("accept", "results_format"), [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", None),  # lossy (no term types), so read as plain CSV
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_select_results_in_each_format(server: str, expected: dict, accept: str,
                                       results_format: ox.QueryResultsFormat | None) -> None:
    answer = httpx.post(f"{server}/sparql", data={"query": MEMBERS}, headers={"Accept": accept})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(accept)
    if results_format is None:
        got = sorted((row["p"], row["party"]) for row in csv.DictReader(io.StringIO(answer.text)))
    else:
        solutions = ox.parse_query_results(answer.content, results_format)
        got = sorted((str(s["p"].value), str(s["party"].value)) for s in solutions)
    assert got == rows_of(expected["members"])


@pytest.mark.parametrize(("accept", "rdf_format"), [
    ("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_construct_results_in_each_format(server: str, expected: dict, accept: str, rdf_format: ox.RdfFormat) -> None:
    answer = httpx.post(f"{server}/sparql", content=CONSTRUCT.encode(),
                        headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(accept)
    triples = {quad.triple for quad in ox.parse(answer.content, rdf_format)}
    assert triples == set(expected["construct"].triples())


def test_negotiation_prefers_quality_and_refuses_what_it_cannot_send(server: str) -> None:
    answer = httpx.get(f"{server}/sparql", params={"query": MEMBERS},
                       headers={"Accept": "text/csv;q=0.5, application/sparql-results+xml"})
    assert answer.headers["content-type"].startswith("application/sparql-results+xml")
    refused = httpx.get(f"{server}/sparql", params={"query": MEMBERS}, headers={"Accept": "image/png"})
    assert refused.status_code == 406 and len(refused.text.strip().splitlines()) == 1
    graph_as_csv = httpx.get(f"{server}/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert graph_as_csv.status_code == 406


def test_other_sites_may_query_but_not_send_tokens(server: str) -> None:
    origin = {"Origin": "https://example.org"}
    answer = httpx.get(f"{server}/sparql", params={"query": "ASK {}"}, headers=origin)
    assert answer.headers["access-control-allow-origin"] == "*"
    preflight = httpx.options(f"{server}/update", headers={**origin, "Access-Control-Request-Method": "POST",
                                                            "Access-Control-Request-Headers": "authorization"})
    assert preflight.status_code == 400


def test_dataset_parameters_restrict_the_graphs(server: str) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a schema:NewsArticle } }"
    article = "https://w3id.org/kgnews/resource/article/43ddc3fc"
    answer = httpx.get(f"{server}/sparql", params={"query": query, "named-graph-uri": article},
                       headers={"Accept": "text/csv"})
    assert answer.text.split() == ["g", article]
    everything = httpx.get(f"{server}/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert len(everything.text.split()) == 6


@pytest.mark.parametrize(("request_options", "status", "words"), [
    ({"params": {"query": "SELECT * WHERE { ?s ?p }"}}, 400, "syntax error at line 1"),
    ({"params": {"query": "SELECT * WHERE { ?s foo:p ?o }"}}, 400, "undeclared prefix"),
    ({"params": {"default-graph-uri": "urn:x"}}, 400, "missing 'query'"),
    ({"method": "POST", "content": b"x", "headers": {"Content-Type": "text/plain"}}, 415, "unsupported Content-Type"),
    ({"method": "PUT"}, 405, ""),
])
def test_bad_requests_get_a_status_and_one_line(server: str, request_options: dict, status: int, words: str) -> None:
    method = request_options.pop("method", "GET")
    answer = httpx.request(method, f"{server}/sparql", **request_options)
    assert answer.status_code == status
    assert words in answer.text and len(answer.text.strip().splitlines()) <= 1


def test_request_size_is_capped(server: str) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 300_000
    answer = httpx.post(f"{server}/sparql", data={"query": big})
    assert answer.status_code == 413 and "larger than 200000 bytes" in answer.text


def test_service_description_tells_features_and_size(server: str) -> None:
    answer = httpx.get(f"{server}/sparql", headers={"Accept": "text/turtle"})
    assert answer.status_code == 200
    graph = rdflib.Graph().parse(data=answer.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = graph.value(predicate=rdflib.RDF.type, object=sd.Service)
    assert (service, sd.endpoint, rdflib.URIRef(f"{server}/sparql")) in graph
    assert (service, sd.feature, sd.UnionDefaultGraph) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Update) in graph
    sizes = [int(size) for size in graph.objects(predicate=rdflib.VOID.triples)]
    assert sizes and min(sizes) > 1000
    names = [str(name) for name in graph.objects(predicate=sd.name)]
    # five articles, the entity graph, and one graph per knowledge-base entry they link to (not
    # kgnews's bookkeeping graphs)
    assert len([name for name in names if "/graph/kb/" not in name]) == 6
    assert any("/graph/kb/kgnews-default/" in name for name in names)
    assert httpx.get(f"{server}/.well-known/void").status_code == 200


UPDATE = "INSERT DATA { GRAPH <urn:kgnews:test> { <urn:a> <urn:b> \"updated\" } }"
UPDATED = "ASK { <urn:a> <urn:b> \"updated\" }"


def test_update_is_refused_without_the_token_and_changes_nothing(server: str, read_only_server: str) -> None:
    without = httpx.post(f"{server}/update", data={"update": UPDATE})
    assert without.status_code == 401 and without.headers["www-authenticate"].startswith("Bearer")
    wrong = httpx.post(f"{server}/sparql", data={"update": UPDATE}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    store_write = httpx.put(f"{server}/store", params={"graph": "urn:kgnews:test"}, content=b"<urn:a> <urn:b> 1 .",
                            headers={"Content-Type": "application/n-triples"})
    assert store_write.status_code == 401
    disabled = httpx.post(f"{read_only_server}/update", data={"update": UPDATE},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert disabled.status_code == 403 and "--allow-update" in disabled.text
    assert not ask(server, UPDATED) and not ask(read_only_server, UPDATED)


def test_check_through_a_read_only_server_says_the_counts_are_not_shown(read_only_server: str) -> None:
    """The served store keeps its counts in its side store, which a read-only server does not
    show: `check` through it says so, in one problem, and finds the rest (the entity graph)
    right, instead of listing every count as missing."""
    checked = run_cli("check", "--store", f"{read_only_server}/sparql")
    assert checked.exit_code == 1
    [problem] = checked.stdout.splitlines()
    assert problem.startswith("problem: <https://w3id.org/kgnews/resource/graph/entity-counts>: none of the ")
    assert "a read-only `kgnews serve` does not show the counts" in problem


def test_a_read_only_server_does_not_lock_the_store(read_only_server: str, read_only_store: Path) -> None:
    """`kgnews ingest` writes the store a read-only server serves, and the server sees it."""
    with kgnews.open(read_only_store) as kg:
        summary = kg.ingest([Article(id="while-served", text="Senator Amy Klobuchar of Minnesota spoke on Monday.")])
    assert summary.ingested == 1
    assert httpx.get(f"{read_only_server}/resource/article/while-served").status_code == 200


def test_update_and_graph_store_with_the_token(server: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    try:
        assert httpx.post(f"{server}/update", data={"update": UPDATE}, headers=auth).status_code == 204
        assert ask(server, UPDATED)
        graph = "urn:kgnews:gsp"
        put = httpx.put(f"{server}/store", params={"graph": graph}, content=b'<urn:x> <urn:y> "one" .',
                        headers={**auth, "Content-Type": "application/n-triples"})
        assert put.status_code == 201
        post = httpx.post(f"{server}/store", params={"graph": graph}, content=b'<urn:x> <urn:y> "two" .',
                          headers={**auth, "Content-Type": "text/turtle"})
        assert post.status_code == 204
        read = httpx.get(f"{server}/store", params={"graph": graph}, headers={"Accept": "application/n-triples"})
        assert sorted(read.text.split("\n")) == ["", '<urn:x> <urn:y> "one" .', '<urn:x> <urn:y> "two" .']
        assert httpx.delete(f"{server}/store", params={"graph": graph}, headers=auth).status_code == 204
        assert httpx.get(f"{server}/store", params={"graph": graph}).status_code == 404
    finally:
        httpx.post(f"{server}/update", data={"update": "DROP SILENT GRAPH <urn:kgnews:test>"}, headers=auth)


def test_graph_store_writes_keep_the_entity_graph_derived(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A graph replaced or deleted through /store refreshes the entity graph as ingest and
    remove do, so `check` finds nothing to repair afterwards."""
    monkeypatch.setenv("KGNEWS_TOKEN", TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with kgnews.open(f"{server}/sparql") as kg:
        kg.ingest([Article(id="gsp-article", text="Senator Tina Smith of Minnesota met Governor Tim Walz on Monday.")])
        graph = next(iri for iri in kg.store.graph_names() if iri.endswith("/article/gsp-article"))
        smith = "SELECT ?e WHERE { GRAPH <https://w3id.org/kgnews/resource/graph/entities> { ?e rdfs:label ?l } FILTER(CONTAINS(STR(?l), 'Tina Smith')) }"
        assert kg.select(smith)
        assert httpx.delete(f"{server}/store", params={"graph": graph}, headers=auth).status_code == 204
        assert not kg.select(smith)
        assert kg.check() == []


def test_ingest_through_the_server(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The existing remote store writes through the endpoint; the article page escapes its text."""
    monkeypatch.setenv("KGNEWS_TOKEN", TOKEN)
    text = ("Governor Amy Klobuchar of Minnesota said on Monday that \"the <script>alert(1)</script> people "
            "deserve better\".")
    with kgnews.open(f"{server}/sparql") as kg:
        summary = kg.ingest([Article(id="served-1", text=text, title="Klobuchar <b>speaks</b>", date="2019-02-11")])
    assert (summary.ingested, summary.failed) == (1, 0), summary.errors
    page = httpx.get(f"{server}/resource/article/served-1")
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text and "<script>alert" not in page.text
    assert "Klobuchar &lt;b&gt;speaks&lt;/b&gt;" in page.text
    assert 'class="mention" href="/resource/person/amy-klobuchar"' in page.text
    entity = httpx.get(f"{server}/resource/person/amy-klobuchar")
    assert "Governor" in entity.text and "/resource/article/served-1#char=" in entity.text


def test_entity_page_shows_facts_with_their_sentences(server: str) -> None:
    page = httpx.get(f"{server}/resource/person/mark-dayton", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    assert "<h1 id=\"label\">Mark Dayton</h1>" in text
    assert "Governor Dayton" in text  # an alias
    assert "Governor of Minnesota" in text and "<h2>Positions</h2>" in text and "<h2>Quotes</h2>" in text
    assert "/resource/article/43ddc3fc#char=" in text  # each fact links its sentence in the article page
    assert "Kurt Daudt" in text  # named in the same sentences


def test_entity_page_links_wikidata_and_shows_the_knowledge_base(server: str) -> None:
    page = httpx.get(f"{server}/resource/person/donald-trump").text
    assert 'href="http://www.wikidata.org/entity/Q22686"' in page
    assert "<h2>In the knowledge base</h2>" in page and "2017-01-20" in page


def test_entity_description_as_rdf(server: str) -> None:
    turtle = httpx.get(f"{server}/resource/person/mark-dayton", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    # Written by kgnews.export, as `kgnews export` writes Turtle: a prefix per resource kind.
    assert "@prefix person: <https://w3id.org/kgnews/resource/person/>" in turtle.text and "\\/" not in turtle.text
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    dayton = rdflib.URIRef(DAYTON)
    assert (dayton, rdflib.RDFS.label, rdflib.Literal("Mark Dayton")) in graph
    assert (dayton, rdflib.URIRef("http://www.w3.org/ns/org#holds"), None) in graph
    jsonld = httpx.get(f"{server}/resource/person/mark-dayton", headers={"Accept": "application/ld+json"})
    assert any(node.get("@id") == DAYTON for node in json.loads(jsonld.text)
               if isinstance(node, dict)) or DAYTON in jsonld.text
    assert httpx.get(f"{server}/resource/person/nobody-at-all").status_code == 404


def test_article_page_highlights_mentions_and_facts(server: str) -> None:
    page = httpx.get(f"{server}/resource/article/43ddc3fc").text
    assert "Dayton Blames MNSure Issues on Robocallers" in page
    assert '<mark class="fact" id="char=' in page
    assert f'<a class="mention" href="/resource/person/kurt-daudt"' in page


def test_search_filters_by_type(server: str) -> None:
    people = httpx.get(f"{server}/api/search", params=[("q", "minnesota"), ("type", "Person")]).json()
    places = httpx.get(f"{server}/api/search", params=[("q", "minnesota"), ("type", "Place")]).json()
    assert all(entity["type"] == "Person" for entity in people)
    assert [entity["label"] for entity in places] == ["Minnesota"]
    assert places[0]["page"] == "/resource/place/minnesota"


@pytest.mark.slow
def test_index_and_explorer(server: str) -> None:
    index = httpx.get(f"{server}/").text
    assert "yasgui.min.js" in index and "party-members" in index
    assert httpx.get(f"{server}/static/yasgui.min.js").status_code == 200
    explorer = httpx.get(f"{server}/explorer", params={"entity": quote(DAYTON, safe=":/"), "hops": "1"})
    assert explorer.status_code == 200 and "Mark Dayton" in explorer.text


@pytest.mark.parametrize(("accept", "chosen"), [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/*;q=0.5, application/sparql-results+json;q=0.1", "text/csv"),
    ("application/sparql-results+xml;q=0.9, application/sparql-results+json;q=0.9", "application/sparql-results+json"),
    ("text/csv;q=0, text/*", "text/tab-separated-values"),
    ("*/*;q=0", None),
    ("image/png", None),
])
def test_accept_negotiation(accept: str | None, chosen: str | None) -> None:
    assert negotiation.choose(accept, negotiation.SOLUTION_TYPES) == chosen


def test_highlighted_text_escapes_and_nests() -> None:
    text = "<b>Kurt Daudt</b> & Dayton met."
    mentions = [{"start": 3, "end": 13, "entity": "https://w3id.org/kgnews/resource/person/kurt-daudt", "label": "Kurt Daudt"},
                {"start": 8, "end": 13, "entity": "https://w3id.org/kgnews/resource/person/daudt", "label": "x"},  # overlaps
                {"start": 20, "end": 26, "entity": "http://example.org/not-ours", "label": "Dayton"}]
    facts = [{"start": 0, "end": 31, "subject": "Kurt Daudt", "relation": "meet", "object": "<Dayton>"}]
    html_text = str(pages.highlighted_text(text, mentions, facts))
    assert html_text == (
        '<mark class="fact" id="char=0,31" title="Kurt Daudt · meet · &lt;Dayton&gt;">&lt;b&gt;'
        '<a class="mention" href="/resource/person/kurt-daudt" title="Kurt Daudt">Kurt Daudt</a>'
        "&lt;/b&gt; &amp; Dayton met.</mark>"
    )


CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def limited_server(examples_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = tmp_path_factory.mktemp("serve-limited") / "kgnews.db"
    shutil.copytree(examples_store, store)
    with running_server(store, "--timeout", "2", "--max-rows", "5", "--concurrency", "2") as url:
        yield url


def test_a_runaway_query_is_stopped_at_the_timeout_and_others_still_run(limited_server: str) -> None:
    """A three-way cross join of the example store (10^11 rows to count) is stopped after
    --timeout seconds with 503 and a reason; meanwhile and after, other queries answer."""
    with httpx.Client(base_url=limited_server, timeout=60) as client:
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=1) as runaway:
            stopped = runaway.submit(client.post, "/sparql", data={"query": CROSS_JOIN})
            time.sleep(0.5)
            meanwhile = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            answer = stopped.result()
        elapsed = time.monotonic() - started
        assert meanwhile.status_code == 200 and meanwhile.json()["boolean"] is True
        assert answer.status_code == 503 and "time" in answer.text.lower(), answer.text
        assert len(answer.text.strip().splitlines()) == 1 and elapsed < 30
        after = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s a kgo:Person } LIMIT 3"})
        assert after.status_code == 200 and len(after.json()["results"]["bindings"]) == 3


def test_answers_are_cut_at_the_row_cap(limited_server: str) -> None:
    answer = httpx.get(f"{limited_server}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert answer.status_code == 200 and answer.headers["x-sparql-maxrows"] == "5"
    assert len(answer.json()["results"]["bindings"]) == 5
    small = httpx.get(f"{limited_server}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"})
    assert "x-sparql-maxrows" not in small.headers and len(small.json()["results"]["bindings"]) == 2
