"""SPARQL query results: the value types every store returns (`QueryResult`, and
`QueryStream` for an answer read as it arrives).

They hold raw RDF terms (pyoxigraph `NamedNode`, `BlankNode`, `Literal`), so the embedded
store and a remote endpoint answer alike, and `kgnews.presentation` writes either. Graph
results (CONSTRUCT, DESCRIBE) are rows of `subject`, `predicate`, `object`, so they can be
shown as a table too. The SPARQL JSON term encoding lives here because the remote store
reads it (`parse_json_results`) and the writers write it (`json_term`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import pyoxigraph as ox

from kgnews.errors import QueryError

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
ResultKind = Literal["select", "ask", "graph"]

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
INTEGER_TYPES = frozenset(
    XSD + name
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
        "unsignedShort", "unsignedByte",
    )
)
FLOAT_TYPES = frozenset(XSD + name for name in ("decimal", "double", "float"))
GRAPH_VARIABLES = ("subject", "predicate", "object")


def python_value(term: Term | None) -> object:
    """A term as a plain Python value: numbers and booleans typed, everything else text."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in INTEGER_TYPES:
                return int(term.value)
            if datatype in FLOAT_TYPES:
                return float(term.value)
        except ValueError:  # an ill-typed literal keeps its text rather than failing the query
            return term.value
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


class SelectStore(Protocol):
    """Anything that answers a SELECT query with one dict of Python values per row (see
    `python_value`): a `kgnews.store.Store`, or a stand-in in a test."""

    def select(self, sparql: str) -> list[dict[str, object]]: ...


@dataclass(frozen=True)
class QueryResult:
    """The answer to one SPARQL query.

    kind: "select", "ask" or "graph" (CONSTRUCT/DESCRIBE).
    variables: column names; ("subject", "predicate", "object") for graph results.
    rows: one tuple of terms per solution or triple, aligned with `variables`, None when unbound.
    boolean: the answer of an ASK query, else None.
    truncated: true when a row limit cut the rows short.
    """

    kind: ResultKind
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    truncated: bool = False

    @classmethod
    def from_triples(cls, triples: Iterable[ox.Triple]) -> QueryResult:
        return cls("graph", GRAPH_VARIABLES, tuple((t.subject, t.predicate, t.object) for t in triples))

    def records(self) -> list[dict[str, object]]:
        """One dict per row, variable name -> Python value (see `python_value`)."""
        return [
            {name: python_value(term) for name, term in zip(self.variables, row)} for row in self.rows
        ]

    def triples(self) -> list[ox.Triple]:
        if self.kind != "graph":
            raise QueryError(f"a {self.kind.upper()} result has no triples")
        return [ox.Triple(*row) for row in self.rows]


class QueryStream:
    """The answer to one SPARQL query, read as it arrives.

    Iterate it (once) for its rows, as in `QueryResult.rows`; `boolean` holds an ASK answer.
    With a row limit, `truncated` is true once the rows stopped at the limit with more to come.
    Closing the stream (or leaving its `with` block) stops the query if it is still running.
    """

    def __init__(
        self,
        kind: ResultKind,
        variables: tuple[str, ...] = (),
        rows: Iterable[tuple[Term | None, ...]] = (),
        boolean: bool | None = None,
        *,
        limit: int | None = None,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self.kind = kind
        self.variables = variables
        self.boolean = boolean
        self.limit = limit
        self.truncated = False
        self._rows = iter(rows)
        self._on_close = on_close

    def with_limit(self, limit: int | None) -> QueryStream:
        """This stream, stopping after `limit` rows (None: all of them)."""
        self.limit = limit
        return self

    def __iter__(self) -> Iterator[tuple[Term | None, ...]]:
        count = 0
        for row in self._rows:
            if self.limit is not None and count >= self.limit:
                self.truncated = True
                self.close()
                return
            count += 1
            yield row

    @property
    def rows(self) -> Iterator[tuple[Term | None, ...]]:
        return iter(self)

    def collect(self) -> QueryResult:
        """Read the whole answer into a QueryResult (mind the memory on a large answer)."""
        with self:
            return QueryResult(self.kind, self.variables, tuple(self), self.boolean, truncated=self.truncated)

    def close(self) -> None:
        if self._on_close is not None:
            on_close, self._on_close = self._on_close, None
            on_close()

    def __enter__(self) -> QueryStream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()  # a stream dropped unread must not leave its query running


def json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        encoded: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            encoded["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            encoded["datatype"] = term.datatype.value
        return encoded
    return {
        "type": "triple",
        "value": {
            "subject": json_term(term.subject),
            "predicate": json_term(term.predicate),
            "object": json_term(term.object),
        },
    }


def blank_node(label: str) -> ox.BlankNode:
    # Servers label blank nodes freely (Virtuoso: "nodeID://b1"); keep labels distinct but valid.
    return ox.BlankNode(re.sub(r"[^A-Za-z0-9]", lambda m: f"_{ord(m.group()):x}_", label))


def term_from_json(encoded: Mapping[str, Any]) -> Term:
    """Inverse of `json_term`, tolerant of the SPARQL 1.0 "typed-literal" spelling."""
    kind, value = encoded["type"], encoded["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return blank_node(value)
    if kind == "triple":
        return ox.Triple(*(term_from_json(value[part]) for part in GRAPH_VARIABLES))
    if "xml:lang" in encoded:
        return ox.Literal(value, language=encoded["xml:lang"])
    datatype = encoded.get("datatype")
    if datatype is None or datatype == XSD + "string":
        return ox.Literal(value)
    if datatype == XSD + "boolean" and value in ("1", "0"):  # Virtuoso writes booleans as 1/0
        value = "true" if value == "1" else "false"
    return ox.Literal(value, datatype=ox.NamedNode(datatype))


def parse_json_results(document: Mapping[str, Any]) -> QueryResult:
    """A QueryResult from a SPARQL 1.1 JSON results document (SELECT or ASK)."""
    if "boolean" in document:
        return QueryResult("ask", boolean=bool(document["boolean"]))
    variables = tuple(document["head"].get("vars", ()))
    rows = tuple(
        tuple(term_from_json(binding[name]) if name in binding else None for name in variables)
        for binding in document["results"]["bindings"]
    )
    return QueryResult("select", variables, rows)
