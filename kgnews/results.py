"""SPARQL query results: one value type for every store, and the writers users pick from.

A `QueryResult` holds raw RDF terms (pyoxigraph `NamedNode`, `BlankNode`, `Literal`), so
the same writers serve the embedded store and a remote endpoint. Graph results (CONSTRUCT,
DESCRIBE) are rows of `subject`, `predicate`, `object`, so they can be shown as a table too.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TextIO
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kgnews import xmlchars
from kgnews.errors import KGNewsError, QueryError

if TYPE_CHECKING:
    from rich.table import Table

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

# Names users give for RDF serialisations, shared by `Store.dump`, `export` and graph results.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
TABULAR_FORMATS = ("table", "csv", "tsv", "json")
RESULT_FORMATS: dict[str, tuple[str, ...]] = {
    "select": TABULAR_FORMATS,
    "ask": ("table", "json"),
    "graph": ("turtle", "ntriples", "jsonld", "xml", "table", "csv", "tsv"),
}


def rdf_format(name: str) -> ox.RdfFormat:
    """The serialisation called `name`; an unknown name is a one-line error listing the known ones."""
    try:
        return RDF_FORMATS[name]
    except KeyError:
        raise KGNewsError(
            f"unknown RDF format {name!r} (choose one of {', '.join(RDF_FORMATS)})"
        ) from None


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


def compact_iri(iri: str, namespaces: Mapping[str, str]) -> str:
    """`prefix:local` for display when a known namespace starts `iri`, else `<iri>`."""
    best = max((ns for ns in namespaces.values() if iri.startswith(ns)), key=len, default=None)
    if best is None or len(best) == len(iri):
        return f"<{iri}>"
    prefix = next(name for name, ns in namespaces.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def display_text(term: Term | None, namespaces: Mapping[str, str]) -> str:
    """A term as people read it in a table: compact IRIs, bare literal text, empty when unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value, namespaces)
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def table_cells(result: QueryResult | QueryStream) -> tuple[list[str], list[list[str]]]:
    if result.kind == "ask":
        return ["answer"], [["true" if result.boolean else "false"]]
    from kgnews.vocab import prefixes  # rdflib: only when a table is shown

    namespaces = prefixes()
    rows = [[display_text(term, namespaces) for term in row] for row in result.rows]
    return list(result.variables), rows


def rich_table(result: QueryResult | QueryStream) -> Table:
    """The result as a `rich` table, for terminals."""
    header, rows = table_cells(result)
    from rich.table import Table  # rich: only for terminal tables

    table = Table(*header)
    for row in rows:
        table.add_row(*row)
    return table


def write_table(result: QueryResult | QueryStream, out: TextIO) -> None:
    """Plain aligned columns, for pipes and files; cells stay on one line."""
    header, rows = table_cells(result)
    rows = [[cell.replace("\n", " ") for cell in row] for row in rows]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(header)]
    for cells in [header, ["-" * width for width in widths], *rows]:
        out.write("  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip() + "\n")


def csv_text(term: Term | None) -> str:
    # SPARQL 1.1 CSV results: IRIs and literals bare, blank nodes as _:label.
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def write_csv(result: QueryResult | QueryStream, out: TextIO) -> None:
    """SPARQL 1.1 Query Results CSV format."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([csv_text(term) for term in row] for row in result.rows)


def write_tsv(result: QueryResult | QueryStream, out: TextIO) -> None:
    """SPARQL 1.1 Query Results TSV format: terms in N-Triples syntax."""
    out.write("\t".join(f"?{name}" for name in result.variables) + "\n")
    for row in result.rows:
        out.write("\t".join("" if term is None else str(term) for term in row) + "\n")


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


def write_json(result: QueryResult | QueryStream, out: TextIO) -> None:
    """SPARQL 1.1 Query Results JSON format, written one binding at a time."""
    if result.kind == "ask":
        json.dump({"head": {}, "boolean": bool(result.boolean)}, out, ensure_ascii=False)
        out.write("\n")
        return
    out.write(f'{{"head": {json.dumps({"vars": list(result.variables)})}, "results": {{"bindings": [')
    for position, row in enumerate(result.rows):
        binding = {name: json_term(term) for name, term in zip(result.variables, row) if term is not None}
        out.write(("" if position == 0 else ", ") + json.dumps(binding, ensure_ascii=False))
    out.write("]}}\n")


SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


def xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            attribute = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value != XSD + "string":
            attribute = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attribute = ""
        return f"<literal{attribute}>{escape(xmlchars.replace_forbidden(term.value))}</literal>"
    parts = "".join(f"<{part}>{xml_term(getattr(term, part))}</{part}>" for part in GRAPH_VARIABLES)
    return f"<triple>{parts}</triple>"


def write_xml(result: QueryResult | QueryStream, out: TextIO) -> None:
    """SPARQL Query Results XML format."""
    out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="{SPARQL_RESULTS_NS}">\n<head>')
    out.writelines(f"<variable name={quoteattr(name)}/>" for name in result.variables)
    out.write("</head>\n")
    if result.kind == "ask":
        out.write(f"<boolean>{'true' if result.boolean else 'false'}</boolean>\n</sparql>\n")
        return
    out.write("<results>\n")
    for row in result.rows:
        bindings = "".join(
            f"<binding name={quoteattr(name)}>{xml_term(term)}</binding>"
            for name, term in zip(result.variables, row) if term is not None
        )
        out.write(f"<result>{bindings}</result>\n")
    out.write("</results>\n</sparql>\n")


def write_rdf(result: QueryResult | QueryStream, out: TextIO, format: str) -> None:
    """A graph result as RDF, streamed to the binary stream under `out` when it has one."""
    from kgnews.vocab import prefixes  # rdflib: only for graph results

    triples = (ox.Triple(*row) for row in result.rows)
    binary = getattr(out, "buffer", None)
    if binary is None:
        out.write(ox.serialize(triples, None, RDF_FORMATS[format], prefixes=prefixes()).decode("utf-8"))
        return
    out.flush()
    ox.serialize(triples, binary, RDF_FORMATS[format], prefixes=prefixes())
    binary.flush()


def write_result(result: QueryResult | QueryStream, out: TextIO, format: str) -> None:
    """Write `result` in `format`; see RESULT_FORMATS for what each kind of result offers.

    Rows are written as they are read (a table first collects them to size its columns).
    """
    allowed = RESULT_FORMATS[result.kind]
    if format not in allowed:
        raise QueryError(
            f"{result.kind.upper()} results cannot be written as {format!r} (choose one of {', '.join(allowed)})"
        )
    tabular_writers = {"table": write_table, "csv": write_csv, "tsv": write_tsv, "json": write_json}
    if format in tabular_writers:
        tabular_writers[format](result, out)
    else:
        write_rdf(result, out, format)


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
