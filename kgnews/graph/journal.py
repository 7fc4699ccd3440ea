"""The write journal: what the first transaction of a write (kgnews.graph.derived) records in
kgr:graph/pending, beside the article graphs it writes, for the counts and the entity graph
to catch up with them -- after a crash, from the journal alone.

It holds an id (kgo:journalId), the changes to the per-entity counts (kgnews.graph.entity_counts,
kgo:journalEntries), the fact-count graphs of the article graphs written (kgnews.graph.fact_counts,
N-Quads text in kgo:journalFactCounts literals) and those of the article graphs dropped
(kgo:journalDroppedFactCounts). Text in a few literals: cheap to write and to drop. While a
bulk ingest loads new graphs by the store's bulk path, which is not atomic, the journal also
names them (kgo:journalLoading), so that a load cut short can be dropped whole.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kgnews import sparql
from kgnews.graph import entity_counts, iris
from kgnews.graph.vocab import KGO

if TYPE_CHECKING:
    from kgnews.store import Store

_ID, _FACT_COUNTS, _DROPPED, _LOADING = (
    ox.NamedNode(str(term))
    for term in (KGO.journalId, KGO.journalFactCounts, KGO.journalDroppedFactCounts, KGO.journalLoading)
)
_APPLIED = ox.NamedNode(str(KGO.appliedJournal))


def new_id() -> str:
    """A journal id, unique to one write."""
    return uuid.uuid4().hex


@dataclass
class Journal:
    """One write's journal. `id` is None only for a journal an older kgnews left."""

    change: entity_counts.Change
    fact_counts: Mapping[str, list[ox.Quad]] = field(default_factory=dict)  # fact-count graph -> quads
    dropped: list[str] = field(default_factory=list)  # fact-count graphs to drop
    id: str | None = field(default_factory=new_id)
    loading: list[str] = field(default_factory=list)  # new graphs being bulk-loaded (not atomic)

    def __bool__(self) -> bool:
        return bool(self.change or self.fact_counts or self.dropped or self.loading)

    def quads(self) -> list[ox.Quad]:
        graph = ox.NamedNode(iris.pending_graph_iri())
        quads = entity_counts.journal_quads(self.change)
        quads += [ox.Quad(graph, _ID, ox.Literal(self.id), graph)] if self.id is not None else []
        texts = [ox.serialize(counted, None, ox.RdfFormat.N_QUADS).decode("utf-8")
                 for counted in self.fact_counts.values() if counted]
        quads += [ox.Quad(graph, _FACT_COUNTS, ox.Literal(part), graph)
                  for part in entity_counts.joined_parts(texts, entity_counts.JOURNAL_PART_CHARS)]
        quads += [ox.Quad(graph, _DROPPED, ox.NamedNode(name), graph) for name in self.dropped]
        return quads + self._loading_quads()

    def _loading_quads(self) -> list[ox.Quad]:
        graph = ox.NamedNode(iris.pending_graph_iri())
        return [ox.Quad(graph, _LOADING, ox.NamedNode(name), graph) for name in self.loading]

    def loaded_update(self) -> str:
        """The SPARQL update saying the graphs the journal names as loading are loaded whole."""
        loading = self._loading_quads()
        return f"DELETE DATA {{ {sparql.quad_block(loading)} }}" if loading else ""

    @classmethod
    def read(cls, quads: Iterable[ox.Quad]) -> Journal | None:
        """The journal in the quads of kgr:graph/pending; None when there are none."""
        journal = cls(entity_counts.Change(), {}, [], None)
        entries = []
        for quad in quads:
            predicate = quad.predicate
            if predicate == _ID:
                journal.id = quad.object.value
            elif predicate == _FACT_COUNTS:
                for counted in ox.parse(quad.object.value, ox.RdfFormat.N_QUADS):
                    journal.fact_counts.setdefault(counted.graph_name.value, []).append(counted)
            elif predicate == _DROPPED:
                journal.dropped.append(quad.object.value)
            elif predicate == _LOADING:
                journal.loading.append(quad.object.value)
            else:
                entries.append(quad)
        journal.change = entity_counts.journal_deltas(entries)
        return journal if journal or journal.id is not None else None

    def counts_update(self) -> str:
        """The SPARQL update replacing the fact-count graphs the write concerns."""
        drops = [f"DROP SILENT GRAPH {sparql.iri(name)}" for name in dict.fromkeys([*self.fact_counts, *self.dropped])]
        inserted = [quad for counted in self.fact_counts.values() for quad in counted]
        inserts = [f"INSERT DATA {{ {sparql.quad_block(inserted)} }}"] if inserted else []
        return " ;\n".join(drops + inserts)


def applied_quads(journal_id: str) -> list[ox.Quad]:
    """kgr:graph/applied in the counts' store: the journal `journal_id` is the last applied."""
    graph = ox.NamedNode(iris.applied_graph_iri())
    return [ox.Quad(graph, _APPLIED, ox.Literal(journal_id), graph)]


def applied_update(journal_id: str) -> str:
    """The SPARQL update recording in the counts' store that the journal `journal_id` is applied."""
    return (f"DROP SILENT GRAPH {sparql.iri(iris.applied_graph_iri())} ;\n"
            f"INSERT DATA {{ {sparql.quad_block(applied_quads(journal_id))} }}")


def applied_id(bookkeeping: Store) -> str | None:
    """The id of the last journal applied to the counts of `bookkeeping` (a store's `bookkeeping`)."""
    found = next(bookkeeping.quads(iris.applied_graph_iri()), None)
    return found.object.value if found is not None else None


def give_id(store: Store, journal: Journal) -> None:
    """Give a journal an older kgnews left without an id one, recorded in `store`'s journal
    graph, before it is applied."""
    if journal.id is not None:
        return
    journal.id = new_id()
    graph = ox.NamedNode(iris.pending_graph_iri())
    store.update(f"INSERT DATA {{ {sparql.quad_block([ox.Quad(graph, _ID, ox.Literal(journal.id), graph)])} }}")
