"""Values in the SPARQL text kgnews writes, as parsed RDF terms, never pasted strings.

Every IRI that reaches a query or update kgnews builds (an article, a graph, an entity)
goes through `iri` or `values`: pyoxigraph parses it into a term, refusing anything that is
not an IRI, and writes it back in N-Triples syntax. A value therefore cannot close its term
and add query text of its own (`<x> } SERVICE <...> {`), whoever chose it.
"""
from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode

from kgnews.errors import QueryError


def iri(value: str) -> str:
    """`value` as a SPARQL IRI term; a QueryError when it is not an IRI."""
    try:
        return str(NamedNode(value))
    except ValueError as error:
        raise QueryError(f"not an IRI: {value!r} ({error})") from None


def values(variable: str, iris: Iterable[str]) -> str:
    """A VALUES clause binding ?`variable` to each of `iris`."""
    if not variable.isidentifier():
        raise ValueError(f"not a SPARQL variable name: {variable!r}")
    return f"VALUES ?{variable} {{ {' '.join(iri(value) for value in iris)} }}"
