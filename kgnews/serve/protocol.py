"""The SPARQL 1.1 Protocol and Graph Store Protocol, read from HTTP requests.

Pure functions over what a request carries (method, media type, query-string and body
pairs), so the rules are testable without a server. A `ProtocolError` carries the HTTP
status and a one-line reason for the client.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl

import pyoxigraph as ox

from kgnews.store.base import QueryDataset

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
Pairs = Sequence[tuple[str, str]]


class ProtocolError(Exception):
    """A request the endpoint answers with `status` and a one-line `reason`."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Operation:
    """What a request to /sparql or /update asks for: a query or an update, and its dataset."""

    kind: str  # "query", "update" or "describe" (no operation: the service description)
    text: str = ""
    dataset: QueryDataset | None = None


def form_pairs(body: bytes) -> list[tuple[str, str]]:
    try:
        return parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"request body is not UTF-8 (byte {error.start})") from None


def body_text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"request body is not UTF-8 (byte {error.start})") from None


def values(pairs: Pairs, name: str) -> list[str]:
    return [value for key, value in pairs if key == name]


def single(pairs: Pairs, name: str) -> str | None:
    found = values(pairs, name)
    if len(found) > 1:
        raise ProtocolError(400, f"more than one '{name}' parameter")
    return found[0] if found else None


def read_operation(method: str, media_type: str, url_pairs: Pairs, body: bytes) -> Operation:
    """The operation of a request to the SPARQL endpoint (SPARQL 1.1 Protocol, sections 2.1, 2.2).

    GET carries `query` in the URL; POST a form with `query` or `update`, or the text itself
    as application/sparql-query or application/sparql-update (the dataset then in the URL).
    """
    pairs = list(url_pairs)
    text_kind = None
    if method == "POST":
        if media_type == FORM:
            pairs += form_pairs(body)
        elif media_type in (QUERY_BODY, UPDATE_BODY):
            text_kind = "query" if media_type == QUERY_BODY else "update"
        else:
            raise ProtocolError(415, f"unsupported Content-Type {media_type or '(none)'}: send {FORM}, "
                                     f"{QUERY_BODY} or {UPDATE_BODY}")
    query, update = single(pairs, "query"), single(pairs, "update")
    if text_kind is not None:
        if query is not None or update is not None:
            raise ProtocolError(400, f"a {media_type} request carries its text in the body, not as a parameter")
        query, update = (body_text(body), None) if text_kind == "query" else (None, body_text(body))
    if query is not None and update is not None:
        raise ProtocolError(400, "a request is either a query or an update, not both")
    if update is not None:
        if method != "POST":
            raise ProtocolError(405, "updates must be sent with POST")
        if values(pairs, "using-graph-uri") or values(pairs, "using-named-graph-uri"):
            raise ProtocolError(400, "using-graph-uri and using-named-graph-uri are not supported; "
                                     "write USING in the update")
        return Operation("update", update)
    if query is None:
        if pairs or body:
            raise ProtocolError(400, "missing 'query' parameter")
        return Operation("describe")
    default, named = values(pairs, "default-graph-uri"), values(pairs, "named-graph-uri")
    for iri in (*default, *named):
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise ProtocolError(400, f"invalid graph IRI {iri!r}") from None
    dataset = QueryDataset(tuple(default), tuple(named)) if default or named else None
    return Operation("query", query, dataset)


@dataclass(frozen=True)
class GraphTarget:
    """The graph a Graph Store Protocol request names: `?graph=IRI`, or `?default`."""

    iri: str | None  # None: the default graph

    @classmethod
    def from_pairs(cls, pairs: Pairs) -> GraphTarget:
        graph, default = values(pairs, "graph"), values(pairs, "default")
        if len(graph) + len(default) != 1:
            raise ProtocolError(400, "name exactly one graph: ?graph=IRI or ?default")
        if default:
            return cls(None)
        try:
            ox.NamedNode(graph[0])
        except ValueError:
            raise ProtocolError(400, f"invalid graph IRI {graph[0]!r}") from None
        return cls(graph[0])


def parse_graph(body: bytes, media_type: str, graph: str) -> list[ox.Quad]:
    """The triples of a Graph Store Protocol body, as quads of `graph`."""
    rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
    if rdf_format is None or rdf_format.supports_datasets and rdf_format != ox.RdfFormat.JSON_LD:
        raise ProtocolError(415, f"unsupported Content-Type {media_type or '(none)'}: send Turtle, "
                                 "N-Triples, JSON-LD or RDF/XML")
    name = ox.NamedNode(graph)
    try:
        return [ox.Quad(quad.subject, quad.predicate, quad.object, name) for quad in ox.parse(body, rdf_format)]
    except SyntaxError as error:
        reason = " ".join(str(error).split())
        raise ProtocolError(400, f"unreadable {media_type}: {reason[:200]}") from None
