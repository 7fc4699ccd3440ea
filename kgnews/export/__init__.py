"""RDF out of kgnews: the serialisations users can pick by name, and writing a store (or
statements such as a CONSTRUCT result) in one of them.

Turtle and TriG are the formats people read: they declare a prefix for each kind of
resource they name (`person:mark-dayton`, `article:7249ac44`), so no name needs a `\\/`
escape, and list statements grouped by subject in sorted order, so two exports diff
line by line. (They are sorted in memory; N-Triples and N-Quads stream in store order, and
so do graph results of `kgnews query`, whose Turtle declares each kind's prefix before the
first batch of statements that names one.) RDF/XML cannot hold every character: a literal's
forbidden ones are written as U+FFFD. `kgnews serve` sends RDF through here too, by media type.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from kgnews import xmlchars
from kgnews.errors import KGNewsError, StoreError

if TYPE_CHECKING:
    from kgnews.store import Store

# Names users give for RDF serialisations (export, graph results of `kgnews query`).
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
FORMATS: tuple[str, ...] = tuple(RDF_FORMATS)
# Formats for reading: prefixes per resource kind and statements in a stable order.
READABLE_FORMATS = frozenset({ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG})

__all__ = ["FORMATS", "RDF_FORMATS", "export", "format_for_media_type", "rdf_format", "serialise"]

Statement = ox.Triple | ox.Quad
# A Turtle prefix name that needs no escaping.
PREFIX_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# Statements a streamed Turtle/TriG writer holds at once: enough that prefix lines are rare.
STREAM_BATCH = 4096


def rdf_format(name: str) -> ox.RdfFormat:
    """The serialisation called `name`; an unknown name is a one-line error listing the known ones."""
    try:
        return RDF_FORMATS[name]
    except KeyError:
        raise KGNewsError(
            f"unknown RDF format {name!r} (choose one of {', '.join(RDF_FORMATS)})"
        ) from None


def format_for_media_type(media_type: str) -> str:
    """The name of the serialisation sent as `media_type` ("text/turtle" -> "turtle",
    "text/plain" -> "ntriples"); a type kgnews cannot write is a one-line error."""
    serialisation = ox.RdfFormat.from_media_type(media_type)
    name = next((name for name, known in RDF_FORMATS.items() if known == serialisation), None)
    if name is None:
        raise KGNewsError(f"no RDF format is sent as {media_type!r}")
    return name


def serialise(
    statements: Iterable[Statement], out: BinaryIO | str | Path | None, format: str, *, stream: bool = False
) -> bytes | None:
    """Write `statements` (triples, or quads for a dataset format) to `out` in `format`;
    with `out` None, return the bytes. With `stream`, statements are written as they come,
    in every format (for answers too large to sort; Turtle and TriG a batch at a time)."""
    from kgnews.vocab import prefixes  # rdflib: only when writing RDF

    serialisation = rdf_format(format)
    if serialisation == ox.RdfFormat.RDF_XML:
        statements = map(xml_safe_triple, statements)
    if serialisation not in READABLE_FORMATS:
        return ox.serialize(statements, out, serialisation, prefixes=prefixes())
    declared = prefixes()
    if stream:
        chunks = _readable_batches(statements, serialisation, declared)
    else:
        ordered = sorted(statements, key=_statement_key)
        text = ox.serialize(ordered, None, serialisation, prefixes={**resource_prefixes(ordered, declared), **declared})
        chunks = iter([_with_sorted_prefixes(text)])
    if out is None:
        return b"".join(chunks)
    if isinstance(out, (str, Path)):
        with Path(out).open("wb") as file:
            file.writelines(chunks)
    else:
        out.writelines(chunks)
    return None


def _readable_batches(
    statements: Iterable[Statement], serialisation: ox.RdfFormat, declared: dict[str, str]
) -> Iterator[bytes]:
    """Turtle or TriG written a batch at a time, in the order the statements come: each batch
    declares the prefixes of the resource kinds it names first (Turtle allows @prefix lines
    anywhere), so no name needs a `\\/` escape and nothing is held but the batch."""
    in_use = dict(sorted(declared.items()))
    yield b"".join(_prefix_line(name, namespace) for name, namespace in in_use.items())
    iterator = iter(statements)
    while batch := list(islice(iterator, STREAM_BATCH)):
        new = {name: namespace for name, namespace in sorted(resource_prefixes(batch, declared).items())
               if name not in in_use}
        in_use.update(new)
        text = ox.serialize(batch, None, serialisation, prefixes=in_use)
        # The serialiser repeats every @prefix line at its head; only the new ones are written.
        body = b"\n".join(line for line in text.split(b"\n") if not line.startswith(b"@prefix "))
        yield b"".join(_prefix_line(name, namespace) for name, namespace in new.items()) + body


def _prefix_line(name: str, namespace: str) -> bytes:
    return f"@prefix {name}: <{namespace}> .\n".encode("utf-8")


def resource_prefixes(statements: Iterable[Statement], declared: dict[str, str]) -> dict[str, str]:
    """A prefix for each kind of resource the statements name: the IRI's path under the
    resource base up to its last "/", named by that path ("person" for <base>person/,
    "kb-kgnews-default" for <base>kb/kgnews-default/). A name already declared for a
    vocabulary gets "kgr-" in front."""
    from kgnews.vocab import resource_base

    base = resource_base()
    namespaces: set[str] = set()
    for statement in statements:
        for term in (statement.subject, statement.predicate, statement.object,
                     getattr(statement, "graph_name", None)):
            if isinstance(term, ox.NamedNode) and term.value.startswith(base):
                namespace, slash, _ = term.value[len(base):].rpartition("/")
                if slash:
                    namespaces.add(namespace)
    found = {}
    for namespace in namespaces:
        name = namespace.replace("/", "-")
        if PREFIX_NAME.fullmatch(name):
            found[name if name not in declared else f"kgr-{name}"] = f"{base}{namespace}/"
    return found


def xml_safe_triple(triple: ox.Triple) -> ox.Triple:
    """`triple` with each character XML cannot hold in its object literal shown as U+FFFD."""
    term = triple.object
    if not isinstance(term, ox.Literal) or not xmlchars.forbidden_in(term.value):
        return triple
    value = xmlchars.replace_forbidden(term.value)
    safe = ox.Literal(value, language=term.language) if term.language else ox.Literal(value, datatype=term.datatype)
    return ox.Triple(triple.subject, triple.predicate, safe)


def _with_sorted_prefixes(text: bytes) -> bytes:
    """The serialiser lists its @prefix lines in no fixed order: sort them, for stable output."""
    lines = text.split(b"\n")
    count = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
    return b"\n".join([*sorted(lines[:count]), *lines[count:]])


def _statement_key(statement: Statement) -> tuple[str, str, str, str]:
    graph = str(statement.graph_name) if isinstance(statement, ox.Quad) else ""
    return graph, str(statement.subject), str(statement.predicate), str(statement.object)


def export(store: Store, format: str, out: BinaryIO | str | Path, graph: str | None = None) -> None:
    """Write `store` (or its named graph `graph`) to `out` (a binary stream or a file path) in `format`.

    Dataset formats (nquads, trig, jsonld) keep graph names; turtle, ntriples and xml hold
    one graph: the union of all graphs, or `graph` when given. An unknown format is a
    KGNewsError naming the known ones.
    """
    serialisation = rdf_format(format)
    if graph is not None and not store.has_graph(graph):
        raise StoreError(f"store {store.location}: no graph <{graph}> to export")
    statements = store.quads(graph) if serialisation.supports_datasets else store.triples(graph)
    try:
        serialise(statements, out, format)
    except OSError as error:
        from kgnews.store.base import one_line

        raise StoreError(f"store {store.location}: export failed ({one_line(str(error))})") from error
