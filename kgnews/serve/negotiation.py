"""HTTP content negotiation for the SPARQL endpoint and the Linked Data pages.

`choose(accept, offers)` picks the media type a client prefers among those offered (RFC 9110
quality values, most specific range first); `serialise(result, media_type)` writes a query
result in it (RDF through kgnews.export, which owns the RDF formats).
"""
from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kgnews import export
from kgnews.presentation import write_csv, write_json, write_tsv, write_xml
from kgnews.results import QueryResult

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
JSON_LD = "application/ld+json"
RDF_XML = "application/rdf+xml"
HTML = "text/html"

# What each kind of result can be sent as, the default first (a client sending */* gets it).
# application/json is what many clients (YASGUI, SPARQLWrapper's JSON) ask for SELECT results.
SOLUTION_TYPES = (SPARQL_JSON, SPARQL_XML, CSV, TSV, "application/json")
BOOLEAN_TYPES = (SPARQL_JSON, SPARQL_XML, "application/json")
GRAPH_TYPES = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML, "text/plain")
RESULT_TYPES = {"select": SOLUTION_TYPES, "ask": BOOLEAN_TYPES, "graph": GRAPH_TYPES}


@dataclass(frozen=True)
class MediaRange:
    type: str  # "text/turtle", "text/*" or "*/*"
    quality: float

    @property
    def specificity(self) -> int:
        return 0 if self.type == "*/*" else 1 if self.type.endswith("/*") else 2

    def matches(self, media_type: str) -> bool:
        if self.type == "*/*":
            return True
        if self.type.endswith("/*"):
            return media_type.startswith(self.type[:-1])
        return media_type == self.type


def media_ranges(accept: str | None) -> list[MediaRange]:
    """The ranges of an Accept header; none (or an empty header) accepts anything."""
    ranges = []
    for item in (accept or "*/*").split(","):
        media_type, *parameters = (part.strip() for part in item.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        if media_type:
            ranges.append(MediaRange(media_type.lower(), quality))
    return ranges or [MediaRange("*/*", 1.0)]


def choose(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client likes best (ties go to the earlier offer); None if it takes none."""
    ranges = media_ranges(accept)
    best: tuple[float, int] | None = None
    chosen = None
    for position, offer in enumerate(offers):
        matching = [r for r in ranges if r.matches(offer)]
        if not matching:
            continue
        # The most specific range that matches decides the quality (RFC 9110 12.5.1).
        quality = max(matching, key=lambda r: (r.specificity, r.quality)).quality
        if quality > 0 and (best is None or (quality, -position) > best):
            best, chosen = (quality, -position), offer
    return chosen


def serialise(result: QueryResult, media_type: str) -> bytes:
    """`result` in `media_type`, one of RESULT_TYPES[result.kind]."""
    if result.kind == "graph":
        return serialise_rdf(result.triples(), media_type)
    writers = {SPARQL_JSON: write_json, "application/json": write_json, SPARQL_XML: write_xml,
               CSV: write_csv, TSV: write_tsv}
    text = io.StringIO(newline="")
    writers[media_type](result, text)
    return text.getvalue().encode("utf-8")


def serialise_rdf(triples: Iterable[ox.Triple], media_type: str, *, stream: bool = False) -> bytes:
    """`triples` in `media_type`, one of GRAPH_TYPES: Turtle with a prefix per resource kind,
    statements grouped by subject (in store order with `stream`)."""
    content = export.serialise(triples, None, export.format_for_media_type(media_type), stream=stream)
    assert content is not None  # written to no stream: returned
    return content


def content_type(media_type: str) -> str:
    """The Content-Type header for a media type: text types say their charset."""
    textual = media_type.startswith("text/") or media_type.endswith(("json", "xml"))
    return f"{media_type}; charset=utf-8" if textual else media_type
