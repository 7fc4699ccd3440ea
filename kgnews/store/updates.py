"""SPARQL update text that replaces named graphs, shared by the embedded and remote stores.

Oxigraph runs one update request as one transaction, so "drop these graphs, insert these
quads" sent as a single request is atomic. A remote server gets the same text cut into
requests of `batch_size` quads.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox

from kgnews.errors import StoreError
from kgnews.sparql import by_graph, quad_block


def graph_node(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as error:
        raise StoreError(f"invalid graph IRI {iri!r}: {error}") from None


def checked_quads(graphs: Mapping[str, Iterable[ox.Quad]]) -> list[ox.Quad]:
    """All quads, read to the end and checked before anything is written.

    Reading first means a failing input iterator or a misfiled quad leaves the store untouched.
    Duplicates are dropped so the count reports what the graph holds.
    """
    quads: dict[ox.Quad, None] = {}
    for name, graph_quads in graphs.items():
        graph = graph_node(name)
        for quad in graph_quads:
            if not isinstance(quad, ox.Quad):
                raise StoreError(f"graph <{name}>: expected pyoxigraph.Quad, got {type(quad).__name__}")
            if quad.graph_name != graph:
                raise StoreError(f"graph <{name}>: a quad is in graph {quad.graph_name}, not <{name}>")
            if isinstance(quad.object, ox.Triple):  # (pyoxigraph 0.5 takes none as subjects)
                # SPARQL text has no portable spelling for RDF 1.2 triple terms yet.
                raise StoreError(f"graph <{name}>: triple terms are not supported")
            quads[quad] = None
    return list(quads)


class NQuadsGraph:
    """One named graph's quads as N-Quads text, as a worker process sends an article graph
    back (kgnews.graph.build): a store's bulk path writes the text as it is (`nquads_text`),
    and only the quads the entity counts read (`counted`) are parsed; anything else reading
    the quads parses the text. Made by kgnews's graph builder alone, which puts every quad in
    the graph it names and none twice, so the text is not checked again."""

    def __init__(self, text: bytes, length: int, counted: list[ox.Quad]) -> None:
        self.text, self.length, self.counted = text, length, counted

    def __len__(self) -> int:
        return self.length

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(ox.parse(self.text, ox.RdfFormat.N_QUADS))


def nquads_text(graphs: Mapping[str, Iterable[ox.Quad]]) -> tuple[bytes, int]:
    """The quads of `graphs` as one N-Quads text, and how many: those sent as text
    (NQuadsGraph) as they are, the others checked (`checked_quads`) and written out."""
    sent = [quads for quads in graphs.values() if isinstance(quads, NQuadsGraph)]
    others = checked_quads({name: quads for name, quads in graphs.items() if not isinstance(quads, NQuadsGraph)})
    texts = [quads.text for quads in sent] + ([ox.serialize(others, None, ox.RdfFormat.N_QUADS)] if others else [])
    return b"".join(texts), sum(map(len, sent)) + len(others)


def mentions_blank_node(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def insert_operations(quads: list[ox.Quad], batch_size: int | None) -> list[tuple[str, int]]:
    """INSERT operations of at most `batch_size` quads each (None: one operation), with the
    number of quads each holds.

    Quads with blank nodes go into one `INSERT {...} WHERE {}` per graph: a blank node names
    the same node only within one operation, Virtuoso refuses blank nodes in INSERT DATA and
    fails on INSERT templates spanning several graphs. So a blank node shared by two graphs
    becomes two nodes on write: keep blank nodes within one graph.
    """
    plain = [quad for quad in quads if not mentions_blank_node(quad)]
    with_blank_nodes = [quad for quad in quads if mentions_blank_node(quad)]
    size = batch_size or max(len(plain), 1)
    operations = [
        (f"INSERT DATA {{\n{quad_block(part)}\n}}", len(part))
        for part in (plain[start:start + size] for start in range(0, len(plain), size))
    ]
    operations += [
        (f"INSERT {{\n{quad_block(graph_quads)}\n}} WHERE {{}}", len(graph_quads))
        for graph_quads in by_graph(with_blank_nodes).values()
    ]
    return operations


def replacement_requests(
    graphs: Mapping[str, Iterable[ox.Quad]], remove: Iterable[str], batch_size: int | None = None
) -> tuple[list[str], int]:
    """Update requests that drop `graphs` and `remove` then insert the quads, and the quad count.

    With batch_size None everything is one request; otherwise the drops ride with the first
    inserts, and the operations are packed into requests of at most `batch_size` quads (one
    larger operation, of a graph's blank-node quads, being a request of its own).
    """
    quads = checked_quads(graphs)
    dropped = dict.fromkeys([*graphs, *remove])
    requests: list[list[str]] = [[f"DROP SILENT GRAPH {graph_node(name)}" for name in dropped]]
    size = 0
    for operation, count in insert_operations(quads, batch_size):
        if size and batch_size is not None and size + count > batch_size:
            requests.append([])
            size = 0
        requests[-1].append(operation)
        size += count
    return [" ;\n".join(operations) for operations in requests if operations], len(quads)
