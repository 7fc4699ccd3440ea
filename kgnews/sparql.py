"""Values in the SPARQL text kgnews writes, as parsed RDF terms, never pasted strings.

Every IRI that reaches a query or update kgnews builds (an article, a graph, an entity)
goes through `iri` or `values`, every string through `literal`: pyoxigraph makes it a term,
refusing anything that is not an IRI, and writes it back in N-Triples syntax (quotes and
line breaks escaped). A value therefore cannot close its term
and add query text of its own (`<x> } SERVICE <...> {`), whoever chose it.
"""
from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from pyoxigraph import NamedNode

from kgnews.errors import QueryError
from kgnews.vocab import bookkeeping_graphs, per_article_bookkeeping_prefix


def iri(value: str) -> str:
    """`value` as a SPARQL IRI term; a QueryError when it is not an IRI."""
    try:
        return str(NamedNode(value))
    except ValueError as error:
        raise QueryError(f"not an IRI: {value!r} ({error})") from None


def literal(text: str) -> str:
    """`text` as a SPARQL string literal."""
    return str(ox.Literal(text))


def values(variable: str, iris: Iterable[str]) -> str:
    """A VALUES clause binding ?`variable` to each of `iris`."""
    if not variable.isidentifier():
        raise ValueError(f"not a SPARQL variable name: {variable!r}")
    return f"VALUES ?{variable} {{ {' '.join(iri(value) for value in iris)} }}"


def literal_values(variable: str, texts: Iterable[str]) -> str:
    """A VALUES clause binding ?`variable` to each of `texts`, as string literals."""
    if not variable.isidentifier():
        raise ValueError(f"not a SPARQL variable name: {variable!r}")
    return f"VALUES ?{variable} {{ {' '.join(literal(text) for text in texts)} }}"


def value_rows(variables: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A VALUES clause binding the `variables` together, a row of IRIs at a time."""
    names = list(variables)
    if not all(name.isidentifier() for name in names):
        raise ValueError(f"not SPARQL variable names: {names!r}")
    listed = " ".join("(" + " ".join(iri(value) for value in row) + ")" for row in rows)
    return f"VALUES ({' '.join('?' + name for name in names)}) {{ {listed} }}"


def by_graph(quads: Iterable[ox.Quad]) -> dict[ox.NamedNode, list[ox.Quad]]:
    grouped: dict[ox.NamedNode, list[ox.Quad]] = {}
    for quad in quads:
        grouped.setdefault(quad.graph_name, []).append(quad)
    return grouped


def quad_block(quads: Iterable[ox.Quad]) -> str:
    """Quad data with one GRAPH block per graph."""
    return "\n".join(
        f"GRAPH {graph} {{\n" + "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in graph_quads) + "\n}"
        for graph, graph_quads in by_graph(quads).items()
    )


def not_bookkeeping(variable: str) -> str:
    """A condition true when graph `?variable` is none of kgnews's bookkeeping graphs."""
    hidden = ", ".join(iri(name) for name in sorted(bookkeeping_graphs()))
    return f"?{variable} NOT IN ({hidden}) && !STRSTARTS(STR(?{variable}), {literal(per_article_bookkeeping_prefix())})"
