"""How query results and view records are shown: terminal tables, plain columns, the
SPARQL 1.1 result formats (CSV, TSV, JSON, XML) and RDF for graph results, as `kgnews query`
and the server write them.

The CLI and `kgnews serve` call these; the library below them returns values and never
prints. Rows are written as they are read (a table first collects them to size its columns).
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TextIO
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kgnews import xmlchars
from kgnews.errors import QueryError
from kgnews.results import GRAPH_VARIABLES, XSD, QueryResult, QueryStream, Term, json_term

if TYPE_CHECKING:
    from rich.table import Table

TABULAR_FORMATS = ("table", "csv", "tsv", "json")


RESULT_FORMATS: dict[str, tuple[str, ...]] = {
    "select": TABULAR_FORMATS,
    "ask": ("table", "json"),
    "graph": ("turtle", "ntriples", "jsonld", "xml", "table", "csv", "tsv"),
}


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
    from kgnews.export import serialise

    triples = (ox.Triple(*row) for row in result.rows)
    binary = getattr(out, "buffer", None)
    if binary is None:
        out.write(serialise(triples, None, format, stream=True).decode("utf-8"))
        return
    out.flush()
    serialise(triples, binary, format, stream=True)
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


def record_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)


def write_records(records: Iterable[dict], out: TextIO, output_format: str, table_columns: tuple[str, ...]) -> None:
    """View records as JSON lines, CSV (every field) or a table of `table_columns`."""
    if output_format == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    records = list(records)
    if output_format == "csv":
        columns = list(dict.fromkeys(key for record in records for key in record))
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([record_cell(record.get(column)) for column in columns] for record in records)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*table_columns)
    for record in records:
        table.add_row(*(record_cell(record.get(column)) for column in table_columns))
    Console(file=out, width=None if out.isatty() else 200).print(table)
