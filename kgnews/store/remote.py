"""A store on a SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB, ...) over the standard protocol.

Scope: on a shared server kgnews owns the named graphs under its resource base
(kgnews.vocab.resource_base()); `graph_names`, `len` and `dump` see only those, while
`query` sees whatever the endpoint serves.

Writes: with a Graph Store Protocol endpoint (given as the third "|"-separated part of the
location, or Virtuoso's /sparql-graph-crud, found by itself), each graph of some size goes
in one PUT of N-Triples: on Virtuoso 1.4x as fast as SPARQL Update requests of 2,000 quads,
which are faster than larger ones (bench/virtuoso_load.py). Otherwise, and for small graphs,
`replace_graphs` sends its drops and inserts in SPARQL Update requests of `batch_size` quads. Each request is one
transaction on servers that make updates transactional (Virtuoso, Fuseki and GraphDB
do); a replacement of several graphs, or larger than one batch, is not atomic as a whole.
"""
from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pyoxigraph as ox

from kgnews.errors import QueryError, QueryTimeout, StoreError
from kgnews.results import QueryResult, QueryStream, Term, parse_json_results
from kgnews.store.base import QueryDataset, Store, one_line, syntax_error
from kgnews.sparql import by_graph, not_bookkeeping
from kgnews.store.updates import checked_quads, graph_node, replacement_requests
from kgnews.vocab import prefixes, resource_base

RESULTS_ACCEPT = "application/sparql-results+json"
# Servers pick the answer type from Accept alone (Virtuoso sends JSON for CONSTRUCT if asked),
# so ask for RDF only when the query builds a graph.
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
# What may precede the query form: whitespace, comments, BASE and PREFIX declarations.
PROLOGUE_ITEM = re.compile(r"\s+|#[^\n]*|(?i:PREFIX)\s+[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>")
JSON_RESULT_TYPES = ("application/sparql-results+json", "application/json")
# Virtuoso and older servers label N-Triples as text/plain.
RDF_RESULT_TYPES = {"text/plain": ox.RdfFormat.N_TRIPLES}
PREFIX_DECLARATION = re.compile(r"(?i)\bPREFIX\s+([^\s:]*):")
DEFAULT_BATCH_SIZE = 2000
# A graph smaller than this rides with the others in SPARQL Update requests: a PUT of its own
# would cost a round trip for a few dozen quads (an article's fact counts, a KB entry's graph).
SMALL_GRAPH_QUADS = 256
VIRTUOSO_GRAPH_STORE_SUFFIX = "-graph-crud"  # http://host:8890/sparql -> /sparql-graph-crud
# Answers meaning "no Graph Store Protocol here (for you)": fall back to SPARQL Update.
GRAPH_STORE_UNAVAILABLE = frozenset({401, 403, 404, 405, 501})
DEFAULT_PAGE_SIZE = 10000
# IRIs per VALUES clause when asking about given graphs: Virtuoso refuses very large VALUES
# blocks (openlink/virtuoso-opensource#280) and takes a few thousand rows.
VALUES_ROWS = 1000
UPDATE_PERMISSION_HINT = (
    " (the endpoint must allow SPARQL updates; on Virtuoso: GRANT SPARQL_UPDATE TO \"SPARQL\")"
)


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    server: str = ""  # the Server header

    def reason(self) -> str:
        """The server's first non-empty line, which is where servers put the error."""
        text = self.body.decode("utf-8", "replace")
        return one_line(next((line for line in text.splitlines() if line.strip()), f"HTTP {self.status}"))


def declared_prefixes(sparql: str) -> set[str]:
    return set(PREFIX_DECLARATION.findall(sparql))


def with_prefixes(sparql: str) -> str:
    """Prepend the kgnews prefixes the text does not declare (servers know none of them).

    They go on the first line so the line numbers in server errors match the user's text.
    """
    declared = declared_prefixes(sparql)
    header = "".join(f"PREFIX {name}: <{iri}> " for name, iri in prefixes().items() if name not in declared)
    return header + sparql


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue, upper-cased."""
    position = 0
    while (item := PROLOGUE_ITEM.match(sparql, position)) and item.end() > position:
        position = item.end()
    keyword = re.match(r"[A-Za-z]+", sparql[position:])
    return keyword.group().upper() if keyword else ""


def local_syntax_check(sparql: str, kind: str) -> None:
    """Raise the line/column error Oxigraph's parser gives, if it rejects `sparql` too."""
    probe = ox.Store()
    try:
        if kind == "update":
            probe.update(sparql, prefixes=prefixes())
        else:
            probe.query(sparql, prefixes=prefixes())
    except SyntaxError as error:
        raise syntax_error(error, kind) from None
    except (OSError, ValueError):  # evaluation problems on an empty store say nothing about syntax
        return


def read_before(reply: object, deadline: float | None, limit: float | None) -> bytes:
    """The body of `reply`, read in chunks so that a slow answer stops at `deadline`."""
    chunks = []
    while chunk := reply.read(65536):  # type: ignore[attr-defined]
        chunks.append(chunk)
        if deadline is not None and time.monotonic() > deadline:
            raise QueryTimeout(f"SPARQL query stopped after {limit:g} s (its time limit)", limit or 0)
    return b"".join(chunks)


class RemoteStore(Store):
    """A SPARQL 1.1 Protocol endpoint; updates go to `update_endpoint` (default: the same URL)."""

    def __init__(
        self,
        query_endpoint: str,
        update_endpoint: str | None = None,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: float = 60.0,
        token: str | None = None,
        graph_store_endpoint: str | None = None,
    ) -> None:
        self.query_endpoint = query_endpoint
        self.update_endpoint = update_endpoint or query_endpoint
        self.location = query_endpoint if update_endpoint is None else f"{query_endpoint}|{update_endpoint}"
        if graph_store_endpoint:
            self.location = f"{query_endpoint}|{self.update_endpoint}|{graph_store_endpoint}"
        self.batch_size = batch_size
        self.page_size = page_size
        self.values_rows = VALUES_ROWS
        self.timeout = timeout
        self.token = token  # sent as "Authorization: Bearer" (kgnews serve --allow-update asks for it)
        # None: not looked for yet; "": the server has none kgnews can use.
        self._graph_store: str | None = graph_store_endpoint

    def request(self, request: Request, limit: float | None = None) -> Response:
        """Send one request; with `limit` (seconds), give up on the answer after that long."""
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        deadline = None if limit is None else time.monotonic() + limit
        try:
            with urlopen(request, timeout=self.timeout if limit is None else min(self.timeout, limit)) as reply:
                return Response(reply.status, reply.headers.get_content_type(), read_before(reply, deadline, limit),
                                reply.headers.get("Server", ""))
        except TimeoutError:
            if limit is None:
                raise StoreError(
                    f"SPARQL endpoint {request.full_url} did not answer within {self.timeout:g} s"
                ) from None
            raise QueryTimeout(f"SPARQL query stopped after {limit:g} s (its time limit)", limit) from None
        except HTTPError as error:
            return Response(error.code, error.headers.get_content_type(), error.read(), error.headers.get("Server", ""))
        except (URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise StoreError(f"SPARQL endpoint {request.full_url} cannot be reached: {one_line(str(reason))}") from None

    def post(self, endpoint: str, fields: list[tuple[str, str]], accept: str, limit: float | None = None) -> Response:
        return self.request(Request(
            endpoint, data=urlencode(fields).encode("utf-8"),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"},
        ), limit)

    def graph_store(self) -> str:
        """The Graph Store Protocol endpoint to write graphs to, or "" to use SPARQL Update."""
        if self._graph_store is None:
            probe = self.post(self.query_endpoint, [("query", "ASK {}")], RESULTS_ACCEPT)
            virtuoso = probe.server.startswith("Virtuoso") and self.query_endpoint.endswith("/sparql")
            self._graph_store = self.query_endpoint + VIRTUOSO_GRAPH_STORE_SUFFIX if virtuoso else ""
        return self._graph_store

    def put_graph(self, name: str, quads: list[ox.Quad]) -> bool:
        """Replace graph `name` by `quads` with one Graph Store Protocol PUT; False when the
        server refuses the protocol (it is then not tried again)."""
        body = ox.serialize([quad.triple for quad in quads], format=ox.RdfFormat.N_TRIPLES)
        response = self.request(Request(
            f"{self.graph_store()}?{urlencode({'graph': name})}", data=body, method="PUT",
            headers={"Content-Type": "application/n-triples"},
        ))
        if response.status in GRAPH_STORE_UNAVAILABLE:
            self._graph_store = ""
            return False
        if response.status >= 300:
            raise StoreError(f"graph store {self.graph_store()}: writing <{name}> failed with HTTP "
                             f"{response.status}: {response.reason()}")
        return True

    def send(
        self, field: str, sparql: str, user_text: str | None = None, dataset: QueryDataset | None = None,
        limit: float | None = None,
    ) -> Response:
        """POST a query or update; errors name the endpoint. `user_text` is what the user
        wrote, checked locally for a syntax error with line and column when the server refuses it.
        `limit`: seconds to wait for the whole answer."""
        endpoint = self.query_endpoint if field == "query" else self.update_endpoint
        accept = GRAPH_ACCEPT if field == "query" and query_form(sparql) in GRAPH_FORMS else RESULTS_ACCEPT
        fields = [(field, with_prefixes(sparql))]
        if dataset is not None:
            fields += [("default-graph-uri", iri) for iri in dataset.default]
            fields += [("named-graph-uri", iri) for iri in dataset.named]
        response = self.post(endpoint, fields, accept, limit)
        if response.status < 300:
            return response
        if user_text is not None:
            local_syntax_check(user_text, field)
            if response.status == 400:
                raise QueryError(f"SPARQL endpoint {endpoint} rejected the {field}: {response.reason()}")
        refused = response.status in (401, 403) or "permission" in response.reason().lower()
        hint = UPDATE_PERMISSION_HINT if field == "update" and refused else ""
        raise StoreError(
            f"SPARQL endpoint {endpoint}: {field} failed with HTTP {response.status}: {response.reason()}{hint}"
        )

    def result(self, response: Response) -> QueryResult:
        if response.content_type in JSON_RESULT_TYPES:
            try:
                return parse_json_results(json.loads(response.body))
            except (ValueError, KeyError) as error:
                raise StoreError(f"SPARQL endpoint {self.query_endpoint} sent malformed JSON results: {error}") from None
        rdf_format = RDF_RESULT_TYPES.get(response.content_type) or ox.RdfFormat.from_media_type(response.content_type)
        if rdf_format is None:
            raise StoreError(
                f"SPARQL endpoint {self.query_endpoint} answered with unsupported type {response.content_type}"
            )
        try:
            return QueryResult.from_triples(quad.triple for quad in ox.parse(response.body, rdf_format))
        except SyntaxError as error:
            raise StoreError(f"SPARQL endpoint {self.query_endpoint} sent unreadable RDF: {one_line(str(error))}") from None

    def _stream(self, sparql: str, dataset: QueryDataset | None, timeout: float | None) -> QueryStream:
        # Which graphs a query without FROM sees is the server's choice: see README, SPARQL servers.
        # The server computes the answer; closing the connection at the deadline is how a
        # client stops waiting for it (servers have their own limits for the work itself).
        result = self.result(self.send("query", sparql, user_text=sparql, dataset=dataset, limit=timeout))
        return QueryStream(result.kind, result.variables, result.rows, result.boolean)

    def update(self, sparql: str) -> None:
        self.send("update", sparql, user_text=sparql)

    def replace_graphs(
        self, graphs: Mapping[str, Iterable[ox.Quad]], remove: Iterable[str] = (), *, new: bool = False
    ) -> int:
        # `new` changes nothing here: every graph is cleared within its request anyway.
        quads = by_graph(checked_quads(graphs))  # all read and checked before anything is sent
        filled = {name: quads.get(graph_node(name), []) for name in graphs}
        put = [name for name, graph_quads in filled.items()
               if len(graph_quads) >= SMALL_GRAPH_QUADS and self.graph_store() and self.put_graph(name, graph_quads)]
        # What the Graph Store did not take (everything, without one) goes by SPARQL Update.
        rest = {name: graph_quads for name, graph_quads in filled.items() if name not in put}
        requests, _ = replacement_requests(rest, remove, self.batch_size)
        for request in requests:
            self.send("update", request)
        return sum(map(len, filled.values()))

    def scope(self, graph: str | None, *, bookkeeping: bool = True) -> str:
        """Restrict ?g to one graph, or to the graphs kgnews owns on this server (without
        its bookkeeping graphs unless `bookkeeping`)."""
        if graph is not None:
            return f"VALUES ?g {{ {graph_node(graph)} }}"
        owned = f"STRSTARTS(STR(?g), {ox.Literal(resource_base())})"
        if bookkeeping:
            return f"FILTER({owned})"
        return f"FILTER({owned} && {not_bookkeeping('g')})"

    def rows(self, select: str, order: str, variables: str) -> Iterator[tuple[Term | None, ...]]:
        """All rows of `select`, as tuples of `variables`, fetched in pages of `page_size`.

        The ordered query is wrapped in a sub-select and paged outside: Virtuoso refuses
        ORDER BY with OFFSET beyond its ResultSetMaxRows otherwise. A page shorter than
        asked does not end the loop, since servers may cap pages silently; an empty one does.
        """
        offset = 0
        while True:
            page = self.query_unchecked(
                # Projected by name: the column order of SELECT * is the server's choice.
                f"SELECT {variables} WHERE {{ {{ {select} ORDER BY {order} }} }} LIMIT {self.page_size} OFFSET {offset}"
            )
            if not page.rows:
                return
            yield from page.rows
            offset += len(page.rows)

    def query_unchecked(self, sparql: str) -> QueryResult:
        """A query kgnews wrote itself: failures are store errors, not the user's syntax."""
        return self.result(self.send("query", sparql))

    def graph_names(self) -> set[str]:
        select = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self.scope(None)} }}"
        return {row[0].value for row in self.rows(select, "?g", "?g") if isinstance(row[0], ox.NamedNode)}

    def has_graph(self, iri: str) -> bool:
        return bool(self.query_unchecked(f"ASK {{ GRAPH {graph_node(iri)} {{ ?s ?p ?o }} }}").boolean)

    def graphs_with_data(self, iris: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for graphs in self._graph_values(iris):
            select = f"SELECT ?g WHERE {{ {graphs} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
            found |= {row[0].value for row in self.rows(select, "?g", "?g")}
        return found

    def graph_quads(self, iris: Iterable[str]) -> dict[str, list[ox.Quad]]:
        found: dict[str, list[ox.Quad]] = {}
        for graphs in self._graph_values(iris):
            for quad in self.quads_where(graphs):
                found.setdefault(quad.graph_name.value, []).append(quad)
        return found

    def __len__(self) -> int:
        count = self.query_unchecked(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self.scope(None)} }}"
        ).records()
        return int(count[0]["n"]) if count else 0

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        return self.quads_where(self.scope(graph, bookkeeping=False))

    def quads_where(self, restriction: str) -> Iterator[ox.Quad]:
        """The quads of the graphs ?g that `restriction` (a VALUES clause or a FILTER) lets
        through, fetched in pages."""
        select = f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {restriction} }}"
        return (ox.Quad(*row) for row in self.rows(select, "?g ?s ?p ?o", "?s ?p ?o ?g"))

    def triples(self, graph: str | None = None) -> Iterator[ox.Triple]:
        select = f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self.scope(graph, bookkeeping=False)} }}"
        return (ox.Triple(*row) for row in self.rows(select, "?s ?p ?o", "?s ?p ?o"))

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""
