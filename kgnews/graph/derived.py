"""Writes that keep the derived graphs and kgnews's counts right through a crash, and `check`/`repair`.

The graph of canonical entities (kgr:graph/entities, see kgnews.graph.entity_graph) is derived
from the article graphs, by way of per-entity counts (kgnews.graph.entity_counts); `stats`
sums per-article fact counts (kgnews.graph.fact_counts). The counts live in the store's
`bookkeeping` store: for the embedded store a side Oxigraph store (<store>/bookkeeping), out
of the union default graph queries see; for a SPARQL server, the server itself (a local side
store beside a shared server would go wrong as soon as a second client writes the server),
and so for an embedded store served with updates (`kgnews serve --allow-update`), which
kgnews clients write as a server.
No transaction spans two stores, nor Oxigraph's fast `extend` of new article graphs and a
SPARQL update, so a write (an ingest batch, a remove) is three transactions with a journal
(kgnews.graph.journal) between them:

  1. the article graphs change and, in the same transaction, kgr:graph/pending records the
     journal: an id, the count changes of the entities the changed articles state and the
     fact-count graphs of the articles written and dropped. In a bulk ingest (`bulk`), new
     graphs only (articles the store lacks) go in by the store's bulk path (Oxigraph's bulk
     loader, about half the CPU of a transaction), which is not atomic: the journal comes
     first, naming them as loading, and a second update says they are whole. A load cut
     short is dropped whole, with its journal, as if killed before step 1;
  2. in the counts' store, one update applies the journal's counts and records the journal's
     id as applied (kgr:graph/applied): a journal is applied to the counts once, whatever
     the crash;
  3. one update rewrites the entity graph for the entities the change concerns, from the
     counts, and drops the journal.

Each is computed from the journal and the counts only, so it costs what the batch costs. On
a SPARQL server the counts are in the store itself, and 2 and 3 are one update request.

A process killed between them leaves the journal behind, and `finish_pending` completes the
write from it: steps 2 (unless the counts' store names the journal as applied) and 3; or,
for a journal still loading, drops what was loaded.
`kgnews.open` runs it on opening a store for writing, so the next command that writes
completes the work. Until then reading commands (which open the store read-only) warn of
it and `check` reports it. `repair` recomputes the counts and the whole entity graph from
the article graphs, whatever happened (it also empties the journal).

On a remote SPARQL server each transaction may be several requests (kgnews.store.remote),
so only the journal, not atomicity, is guaranteed there.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kgnews import faults, sparql
from kgnews.errors import KGNewsError
from kgnews.graph import entity_counts, fact_counts, iris
from kgnews.graph.entity_graph import entity_graph_update
from kgnews.graph.journal import Journal, applied_id, applied_quads, applied_update, give_id
from kgnews.query.named import named_query
from kgnews.vocab import is_bookkeeping_graph, per_article_bookkeeping_prefix

if TYPE_CHECKING:
    from kgnews.store import Store

_EXAMPLES_SHOWN = 3


@dataclass(frozen=True)
class Problem:
    """One way a store's graphs disagree with each other; `str()` is one line."""

    graph: str
    reason: str

    def __str__(self) -> str:
        return f"<{self.graph}>: {self.reason}"


def write_articles(
    store: Store, graphs: Mapping[str, list[ox.Quad]], remove: Iterable[str] = (),
    timed: Callable[[str], AbstractContextManager] | None = None,
    absent: Callable[[list[str]], KGNewsError] | None = None, bulk: bool = False,
) -> int:
    """Replace the article graphs `graphs` (IRI -> quads) and drop those in `remove`, then
    bring the counts and the entity graph up to date, as the module docstring describes;
    returns the number of quads added. `graphs` may hold the fact-count graphs of its article
    graphs (built with them, kgnews.graph.build); those missing are counted here. When step 2
    or 3 fails with an error, the write is undone.

    `timed(step)`, when given, times step 1 as "write" and steps 2 and 3 as "entity graph".
    `absent(graphs)`, when given, is the error raised, before anything changes, when some
    graphs to `remove` are not in the store (found by the read step 1 makes anyway).
    With `bulk`, graphs the store lacks go in by its bulk path (`_load_new`), which first
    keeps the store's readers out (`Store.exclude_readers`) until it is closed.
    """
    remove = list(remove)
    if not graphs and not remove:
        return 0
    timed = timed or (lambda step: nullcontext())
    counted = {name: quads for name, quads in graphs.items() if is_bookkeeping_graph(name)}
    graphs = {name: quads for name, quads in graphs.items() if not is_bookkeeping_graph(name)}
    with timed("write"):
        finish_pending(store)  # a journal an earlier write of this process left
        pending = iris.pending_graph_iri()
        previous = store.graph_quads([*graphs, *remove, pending])
        # Read in the same request: a journal left that finish_pending could not read makes the graphs not new.
        leftover = previous.pop(pending, None)
        missing = [iri for iri in remove if iri not in previous]
        if absent is not None and missing:
            raise absent(missing)
        counted = {**fact_counts.with_counts(graphs, counted), **counted}
        journal = Journal(entity_counts.deltas(graphs.values(), previous.values()), counted,
                          fact_counts.counts_of(remove))
        new = not remove and not previous and not leftover  # the graphs held before were read just now
        if bulk and new and journal:
            added = _load_new(store, graphs, journal)
        else:
            journaled = journal.quads() if journal else []
            written = {**graphs, pending: journaled} if journaled else graphs
            added = store.replace_graphs(written, remove=remove, new=new) - len(journaled)
    faults.crash_point("articles-written")
    if journal:
        with timed("entity graph"):
            _apply(store, journal, applied=False, previous=previous, written=list(graphs))
    faults.crash_point("entities-refreshed")
    return added


def _load_new(store: Store, graphs: Mapping[str, list[ox.Quad]], journal: Journal) -> int:
    """Step 1 for graphs the store lacks, by its bulk path (`Store.load_graphs`), which costs
    less but is not atomic: the readers are kept out, the journal, naming the graphs as
    loading, is written first, and says they are loaded whole once they are. A load cut short
    (killed, or failed) is dropped whole, with the journal (`_drop_partial_load`): the batch
    is not written, as if killed before step 1. Returns the number of quads added."""
    store.exclude_readers()  # refused here, before the batch changes anything
    journal.loading = sorted(graphs)
    store.replace_graphs({iris.pending_graph_iri(): journal.quads()}, new=True)
    faults.crash_point("journal-written")
    try:
        added = store.load_graphs(graphs)
        faults.crash_point("articles-loaded")
        store.update(journal.loaded_update())
    except BaseException:  # a store error, an interrupt, or what the loader raised unwrapped
        with suppress(Exception):  # else the next write drops them (finish_pending)
            _drop_partial_load(store, journal)
        raise
    journal.loading = []
    return added


def _drop_partial_load(store: Store, journal: Journal | None) -> bool:
    """Drop the graphs a load cut short left (see `_load_new`), named by the pending
    `journal`, with the journal, in one transaction; whether there was one."""
    if journal is None or not journal.loading:
        return False
    store.update(_joined(*(f"DROP SILENT GRAPH {sparql.iri(name)}" for name in journal.loading), _clear_journal()))
    store.compact()  # a bulk write's 100,000 quads and more, dropped: their tombstones would slow every scan
    return True


def _apply(store: Store, journal: Journal, *, applied: bool, previous: dict[str, list[ox.Quad]] | None = None,
           written: Iterable[str] = ()) -> None:
    """Steps 2 (unless the counts hold the journal already: `applied`) and 3 of a write.

    With `previous` (the graphs step 1 replaced or dropped, as they were; `written`, the
    graphs it wrote), a step failing with an error is undone with step 1 before the error is
    raised: the store is as before the write. Should the undo fail too, the journal stays
    for the next command to complete."""
    side = store.bookkeeping
    try:  # the refresh's reads too: a query timing out undoes the write as well
        refresh = entity_counts.refresh(store, journal.change, applied=applied)
        counts = "" if applied else _joined(journal.counts_update(), refresh.counts())
        entities = _joined(refresh.entities_update, _clear_journal())
        if side is store:  # a server: one request, as atomic as the server makes it
            store.update(_joined(counts, entities))
            return
        if not applied:
            side.update(_joined(counts, applied_update(journal.id)))
    except KGNewsError:
        if previous is not None:
            _restore_articles(store, previous, written)
        raise
    faults.crash_point("counts-applied")
    try:
        store.update(entities)
    except KGNewsError:
        if previous is not None:
            # The counts back as they were, the record of the journal as applied dropped with
            # them (killed before the articles are restored, the next open applies it again).
            restored = Journal(entity_counts.Change(), fact_counts.with_counts(previous),
                               [*journal.fact_counts, *journal.dropped])
            side.update(_joined(restored.counts_update(), refresh.counts_undone(),
                                f"DROP SILENT GRAPH {sparql.iri(iris.applied_graph_iri())}"))
            _restore_articles(store, previous, written)
        raise


def _restore_articles(store: Store, previous: dict[str, list[ox.Quad]], written: Iterable[str]) -> None:
    """Step 1 undone: the graphs it replaced or dropped as they were, those it added gone, no journal."""
    store.replace_graphs(previous, remove=[*(iri for iri in written if iri not in previous), iris.pending_graph_iri()])


def _joined(*updates: str) -> str:
    return " ;\n".join(update for update in updates if update)


def pending_journal(store: Store) -> Journal | None:
    """The journal an interrupted write left, if any."""
    return Journal.read(store.quads(iris.pending_graph_iri()))


def finish_pending(store: Store) -> int:
    """Complete the write an interrupted one left (steps 2 and 3, or 3 alone when the
    counts name its journal as applied); how many entities it concerned."""
    journal = pending_journal(store)
    if journal is None or _drop_partial_load(store, journal):
        return 0
    side = store.bookkeeping
    if side is not store:
        give_id(store, journal)  # a journal of a kgnews that had no side store
    _apply(store, journal, applied=journal.id is not None and applied_id(side) == journal.id)
    return len(journal.change.entities())


def upgrade(store: Store) -> None:
    """A store whose counts are not where it keeps them has them moved (`move_bookkeeping`);
    one written before the entity graph was derived from counts
    gets its counts; one written before its entities had name keys (and links between names)
    gets them, by a repair, once. Asked when a store is opened for writing, not per write:
    the last question reads the whole entity graph. A load cut short is dropped first, so
    that no count is taken of it."""
    _drop_partial_load(store, pending_journal(store))
    move_bookkeeping(store)
    if not store.bookkeeping.has_graph(iris.entity_counts_graph_iri()) and store.has_graph(iris.entities_graph_iri()):
        _rebuild_counts(store)
    if store.query(named_query("entity-graph-without-name-keys", graph=sparql.iri(iris.entities_graph_iri()))).boolean:
        repair(store)


def move_bookkeeping(store: Store) -> None:
    """Move the counts a store keeps as named graphs of its own (written before the side store,
    or while served with updates) to its side store: copied (one transaction there), then
    dropped (one transaction here). Killed in between, the next open copies them again: the
    graphs copied are replaced, not added to. A store opened to keep them as graphs has
    them moved back from its side store, likewise."""
    side = store.bookkeeping
    if side is store:
        _move_counts_back(store)
        return
    graphs = {"counts_graph": sparql.iri(iris.entity_counts_graph_iri()),
              "applied_graph": sparql.iri(iris.applied_graph_iri()),
              "prefix": sparql.literal(per_article_bookkeeping_prefix())}
    held = [str(row["g"]) for row in store.select(named_query("bookkeeping-graphs", **graphs))]
    if not held:
        return
    side.replace_graphs(store.graph_quads(held))
    faults.crash_point("bookkeeping-copied")
    store.replace_graphs({}, remove=held)
    store.compact()  # else the queries step over what was dropped until RocksDB compacts it


def _move_counts_back(store: Store) -> None:
    """Move the counts of a side store into the store itself, when it is opened to keep them
    as graphs of its own (`kgnews serve --allow-update`): copied, then dropped there. The
    record of the journal last applied comes along: a journal left pending whose counts the
    side store holds is completed without applying them again, however many opens it takes."""
    elsewhere = store.counts_elsewhere()
    if elsewhere is None:
        return
    with elsewhere:
        held = sorted(elsewhere.graph_names())
        if held:
            store.replace_graphs(elsewhere.graph_quads(held))
            elsewhere.replace_graphs({}, remove=held)
    faults.crash_point("counts-moved-back")


def repair(store: Store) -> None:
    """Recompute the counts, then the whole entity graph with the journal emptied, from the
    article graphs (a transaction in each store); a load cut short is dropped first."""
    _drop_partial_load(store, pending_journal(store))
    _rebuild_counts(store, with_fact_counts=True)
    store.update(_joined(_entity_graph_recomputation(store), _clear_journal()))


def _rebuild_counts(store: Store, *, with_fact_counts: bool = False) -> None:
    """Replace the entity counts (and, `with_fact_counts`, every article's fact counts) by
    those the article graphs give, in one transaction of the counts' store. They take in
    the article graphs of a pending journal, which is therefore recorded as applied (and,
    without `with_fact_counts`, its fact counts written and dropped, as its step 2 would)."""
    side = store.bookkeeping
    graphs = {iris.entity_counts_graph_iri(): entity_counts.all_counts(store)}
    dropped: list[str] = []
    if with_fact_counts:
        counted, dropped = fact_counts.recounted(store)
        graphs.update(counted)
    journal = pending_journal(store)
    if journal is not None:
        give_id(store, journal)
        graphs[iris.applied_graph_iri()] = applied_quads(journal.id)
        if not with_fact_counts:
            graphs.update(journal.fact_counts)
            dropped += [name for name in journal.dropped if name not in journal.fact_counts]
    else:
        dropped.append(iris.applied_graph_iri())
    side.replace_graphs(graphs, remove=dropped)


def _entity_graph_recomputation(store: Store) -> str:
    """The update recomputing the whole entity graph from the article graphs, its name keys
    and links from the counts."""
    return _joined(entity_graph_update(), entity_counts.names_update(store))


def check(store: Store) -> list[Problem]:
    """How the derived graphs and the journal disagree with the article graphs (empty: all agree).

    The entity graph is compared with one recomputed from a copy of the article graphs in
    memory, so checking never writes to the store. A knowledge-base graph must be about an
    entity some article mentions (the entity-graph update drops the others).
    """
    names = store.graph_names()  # listed once: on Oxigraph each graph is probed for data
    articles = _article_graphs(names)
    problems = _article_graph_problems(store, articles)
    journal = pending_journal(store)
    pending = set(journal.change.entities()) if journal is not None else set()
    if journal is not None and journal.loading:
        loading = len(_article_graphs(journal.loading))
        problems.append(Problem(
            iris.pending_graph_iri(),
            f"the graphs of {loading} new articles (and {len(journal.loading) - loading} other new graphs) "
            "are being loaded by a bulk ingest still running, or were left incomplete by one that was stopped "
            "(never reported ingested): the next command that writes the store drops them, as does kgnews repair",
        ))
    elif pending:
        problems.append(Problem(
            iris.pending_graph_iri(),
            f"the entity graph awaits the refresh of {len(pending)} entities, from a write still "
            "running or one that was stopped (the next command that writes the store completes it, "
            "or run kgnews repair)",
        ))
    problems.extend(_entity_graph_problems(store, articles))
    problems.extend(_orphan_kb_graph_problems(store))
    problems.extend(_fact_count_problems(store, names, articles))
    return problems


def _clear_journal() -> str:
    return f"DROP SILENT GRAPH {sparql.iri(iris.pending_graph_iri())}"


def _article_graphs(names: Iterable[str]) -> list[str]:
    return sorted(name for name in names if iris.article_id(name) is not None)


def _article_graph_problems(store: Store, articles: list[str]) -> list[Problem]:
    """Graphs named as articles that do not describe the article their name says."""
    identifiers: dict[str, set[str]] = {}
    for row in store.select(named_query("article-identifiers")):
        identifiers.setdefault(str(row["g"]), set()).add(str(row["id"]) if row["id"] is not None else "")
    problems = []
    for graph in articles:
        expected = iris.article_id(graph)
        found = identifiers.get(graph)
        if found is None:
            problems.append(Problem(graph, "named as an article graph but describes no schema:NewsArticle "
                                           "(remove it, or ingest the article again)"))
        elif found != {expected}:
            problems.append(Problem(graph, f"article id {sorted(found)} does not match the id {expected!r} "
                                           "its IRI encodes (ingest the article again)"))
    return problems


def _entity_graph_problems(store: Store, articles: list[str]) -> list[Problem]:
    """The entity graph and its counts against a full recomputation from the article graphs."""
    from kgnews.store import OxigraphStore  # a scratch store in memory, to recompute into

    scratch = OxigraphStore()
    scratch.oxigraph.extend(chain.from_iterable(store.quads(graph) for graph in articles))
    _rebuild_counts(scratch)
    scratch.update(_entity_graph_recomputation(scratch))
    problems = []
    for graph, expected, held in (
        (iris.entities_graph_iri(), {quad.triple for quad in scratch.quads(iris.entities_graph_iri())}, store),
        (iris.entity_counts_graph_iri(), {quad.triple for quad in entity_counts.all_counts(scratch)},
         store.bookkeeping),
    ):
        stored = {quad.triple for quad in held.quads(graph)}
        missing, extra = expected - stored, stored - expected
        if missing and not stored and graph == iris.entity_counts_graph_iri():
            problems.append(Problem(graph, f"none of the {len(missing)} count triples the article graphs give is "
                                           "here: a read-only `kgnews serve` does not show the counts of the store "
                                           "it serves (run kgnews check on the store's folder); elsewhere, run "
                                           "kgnews repair"))
        elif missing or extra:
            examples = "; ".join(str(triple) for triple in sorted(missing or extra, key=str)[:_EXAMPLES_SHOWN])
            problems.append(Problem(graph, f"{len(missing)} triples missing and {len(extra)} not derivable from "
                                           f"the article graphs (run kgnews repair), e.g. "
                                           f"{'missing' if missing else 'extra'}: {examples}"))
    return problems


def _orphan_kb_graph_problems(store: Store) -> list[Problem]:
    return [Problem(str(row["kb"]), "knowledge-base graph of an entity no article mentions (run kgnews repair)")
            for row in store.select(named_query("orphan-kb-graphs"))]


def _fact_count_problems(store: Store, names: set[str], articles: list[str]) -> list[Problem]:
    """Fact-count graphs that disagree with their article graph, or whose article is gone
    (`names`: the store's graphs, already listed). One missing is no problem: the article's
    facts are then counted from the facts."""
    article_of = {iris.fact_counts_graph_iri(article): article for article in articles}
    problems = []
    held = store.bookkeeping
    for graph in fact_counts.fact_count_graphs(store, names):
        article = article_of.get(graph)
        if article is None:
            problems.append(Problem(graph, "fact counts of an article the store does not hold (run kgnews repair)"))
        elif set(held.quads(graph)) != set(fact_counts.count_graph(article, store.quads(article))):
            problems.append(Problem(graph, "fact counts that disagree with the article graph (run kgnews repair)"))
    return problems
