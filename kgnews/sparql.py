"""Values in the SPARQL text kgnews writes, as parsed RDF terms, never pasted strings.

Every IRI that reaches a query or update kgnews builds (an article, a graph, an entity)
goes through `iri` or `values`, every string through `literal`: pyoxigraph makes it a term,
refusing anything that is not an IRI, and writes it back in N-Triples syntax (quotes and
line breaks escaped). A value therefore cannot close its term
and add query text of its own (`<x> } SERVICE <...> {`), whoever chose it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

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


def values(variables: str | Sequence[str], rows: Iterable, term: Callable[[str], str] = iri) -> str:
    """A VALUES clause binding ?`variables` to each of `rows`: one variable name and a value
    per row, or a tuple of names and a tuple of values per row, bound together. Each value
    is written by `term`: `iri` (the default) or `literal`."""
    single = isinstance(variables, str)
    names = [variables] if single else list(variables)
    if not all(name.isidentifier() for name in names):
        raise ValueError(f"not SPARQL variable names: {names!r}")
    if single:
        head, listed = f"?{variables}", (term(value) for value in rows)
    else:
        head = "(" + " ".join("?" + name for name in names) + ")"
        listed = ("(" + " ".join(term(value) for value in row) + ")" for row in rows)
    return f"VALUES {head} {{ {' '.join(listed)} }}"


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
