"""The Python API: open a store, ingest articles, query and export the graph.

    import kgnews
    with kgnews.open("kgnews.db") as kg:
        summary = kg.ingest(["examples/articles"])
        rows = kg.select("SELECT DISTINCT ?name WHERE { ?p a kgo:Person ; rdfs:label ?name }")
        kg.export("turtle", "out.ttl")

`kgnews.cli` is a thin layer over this module; the library never prints or exits.
"""
from __future__ import annotations

import logging
import os
import time
from contextlib import ExitStack
from concurrent.futures import Future, ThreadPoolExecutor
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad

from kgnews import sparql
from kgnews.defaults import DEFAULT_BATCH_SIZE, DEFAULT_MAX_LENGTH
from kgnews.errors import IngestError, IngestWarning, KGNewsError
from kgnews.export import export as export_store
from kgnews.graph import GraphBuilder, ProvenanceRun, derived, fact_counts, iris
from kgnews.graph.derived import Problem
from kgnews.graph.build import ArticleGraphMaker, BuiltArticle, missing_kb_graphs
from kgnews.graph.ontology import relation_properties
from kgnews.kb import KBFiles, KnowledgeBase, load_kb
from kgnews.model import Article, Extraction
from kgnews.parallel import Arrival, chunks, finished, in_order
from kgnews.query import views
from kgnews.query.named import named_query
from kgnews.results import QueryResult, QueryStream
from kgnews.store import Store, open_store
from kgnews.store.updates import NQuadsGraph
from kgnews.vocab import is_bookkeeping_graph, per_article_bookkeeping_prefix

if TYPE_CHECKING:
    from kgnews.ingest.shares import ArticleAt
    from kgnews.ingest.sources import StdinArrivals
    from kgnews.nlp.distributed import Cluster

LOG = logging.getLogger(__name__)

Source = str | Path | Article
ErrorHandler = Callable[[KGNewsError], None]
WarningHandler = Callable[[IngestWarning], None]
ProgressHandler = Callable[[Article, str], None]
ANALYSIS_SUFFIX = ".nq"
# Articles whose "already stored?" check is one query.
DONE_CHECK_CHUNK = 64
# Shares of the inputs each Dask worker is reading ahead of the analysis.
SHARES_PER_WORKER = 2
# Quads per bulk-load batch: large, for speed, yet far below memory limits.
LOAD_BATCH_QUADS = 500_000
# Quads a bulk ingest writes at once, at least: each bulk load adds files that RocksDB then
# compacts (for the 293 bulk articles, 3.0 s of CPU in batches of 32 articles, 1.2 s in
# batches of 96), yet the last batch is written after the analysis ends.
BULK_WRITE_QUADS = 100_000


@dataclass
class IngestSummary:
    """What one `ingest` call did; `str()` gives the CLI's summary line."""

    ingested: int = 0
    skipped: int = 0
    failed: int = 0
    triples_added: int = 0
    seconds: float = 0.0
    words: int = 0  # words of the articles ingested, for throughput figures
    errors: list[KGNewsError] = field(default_factory=list)
    warnings: list[IngestWarning] = field(default_factory=list)
    # Seconds spent in each step ("analysis", "build", "write", "entity graph"); the writes
    # run in a thread of their own, beside the analysis of the next batch. And the CPU
    # seconds of the thread running the step (on a busy machine the wall clock swings with
    # the load; the work shows in these; store background threads and --jobs workers are
    # not counted).
    step_seconds: dict[str, float] = field(default_factory=dict)
    step_cpu_seconds: dict[str, float] = field(default_factory=dict)

    def timed(self, step: str) -> _StepTimer:
        """A context manager adding the time spent inside it to `step_seconds[step]` and
        its thread's CPU time to `step_cpu_seconds[step]`."""
        return _StepTimer(self, step)

    @property
    def nothing_done(self) -> bool:
        """True when no article was ingested or found already there."""
        return self.ingested == 0 and self.skipped == 0

    def __str__(self) -> str:
        return (
            f"ingested {self.ingested}, skipped {self.skipped}, failed {self.failed}, "
            f"triples added {self.triples_added} in {self.seconds:.1f} s"
        )


class _StepTimer:
    def __init__(self, summary: IngestSummary, step: str) -> None:
        self.summary, self.step = summary, step

    def __enter__(self) -> None:
        self.started, self.cpu_started = time.perf_counter(), time.thread_time()

    def __exit__(self, *exc_info: object) -> None:
        for totals, spent in ((self.summary.step_seconds, time.perf_counter() - self.started),
                              (self.summary.step_cpu_seconds, time.thread_time() - self.cpu_started)):
            totals[self.step] = totals.get(self.step, 0.0) + spent


class _Run:
    """One ingest or analyse run: its summary and the caller's error and progress handlers,
    and the steps both share (read, skip what is done, analyse, build graphs in order)."""

    def __init__(self, on_error: ErrorHandler | None, progress: ProgressHandler | None,
                 on_warning: WarningHandler | None = None) -> None:
        self.summary = IngestSummary()
        self.on_error, self.progress, self.on_warning = on_error, progress, on_warning
        self.started = time.perf_counter()

    def error(self, error: KGNewsError) -> None:
        self.summary.failed += 1
        self.summary.errors.append(error)
        if self.on_error is not None:
            self.on_error(error)

    def warning(self, warning: IngestWarning) -> None:
        self.summary.warnings.append(warning)
        if self.on_warning is not None:
            self.on_warning(warning)

    def report(self, article: Article, status: str) -> None:
        if self.progress is not None:
            self.progress(article, status)

    def extraction_failed(self, article: Article, error: Exception) -> None:
        self.error(_as_kgnews_error(article, error))
        self.report(article, "failed")

    def finished(self) -> IngestSummary:
        self.summary.seconds = time.perf_counter() - self.started
        return self.summary

    def needing_extraction(
        self, articles: Iterable[Article], done: Callable[[list[Article]], set[str]] | None, max_length: int,
        more: Callable[[], bool] | None = None, dropped: Callable[[Article], None] | None = None,
    ) -> Iterator[Article]:
        """The articles to analyse: not seen before in this run, not among those `done`
        says (for a chunk of articles, in one look-up; a shorter chunk where `more()` says no
        next article has arrived) are done already, and not longer than `max_length`
        characters (an error: the parser needs about 1 GB of memory per 100,000). Each
        article left out is passed to `dropped`, when given."""
        seen: dict[str, Article] = {}
        for chunk in chunks(articles, DONE_CHECK_CHUNK, more):
            already = done(chunk) if done is not None else set()
            for article in chunk:
                if self._needs_extraction(article, seen.get(article.id), already, max_length):
                    seen[article.id] = article
                    yield article
                elif dropped is not None:
                    dropped(article)

    def _needs_extraction(self, article: Article, first: Article | None, already: set[str], max_length: int) -> bool:
        """Whether to analyse `article`; if not, it is reported skipped or failed. `first` is
        the article of its id seen earlier in the run, if any."""
        if first is not None and first.text_hash != article.text_hash:
            self.error(IngestError(
                article.source or article.id,
                f"duplicate id {article.id!r}: {first.source or 'an earlier article'} has this id "
                "with a different text",
            ))
            self.report(article, "failed")
            return False
        if len(article.text) > max_length:
            self.error(IngestError(
                article.source or article.id,
                f"text is {len(article.text):,} characters, over the analysis limit of {max_length:,} "
                f"(raise it with --max-length, or max_length=; about 1 GB of memory per 100,000)",
            ))
            self.report(article, "failed")
            return False
        if first is not None or article.id in already:
            self.summary.skipped += 1
            self.report(article, "skipped")
            return False
        return True

    def article_graphs(
        self, sources: Source | Iterable[Source], *, stdin: TextIO | None, done: Callable[[list[Article]], set[str]] | None,
        maker: ArticleGraphMaker, builder: GraphBuilder, model: str | None, jobs: int, dask: str | None,
        batch_size: int, max_length: int = DEFAULT_MAX_LENGTH, write_quads: int | None = None,
        arrival: Arrival | None = None,
    ) -> Iterator[GraphBatch]:
        """Batches of article graphs of the articles in `sources` not `done`, in input order
        but for the last few of a run on workers, which come as they are analysed.

        The analysis runs here, over `jobs` processes or on the Dask cluster `dask`; the
        article graphs are built by `maker` where the analysis runs (an article's graph
        depends on the article and the KB alone), and `builder` adds the KB graphs of the
        entries they link to. A batch holds `batch_size` articles, or with `write_quads`
        as many batches of them as hold that many quads. `arrival` (a new one by default)
        says when every article is sent to the workers.
        """
        # spaCy and trafilatura take over a second to import: only ingesting pays for them.
        from kgnews.ingest.sources import arrivals
        from kgnews.nlp import DEFAULT_MODEL, extract_articles
        from kgnews.nlp.pipeline import fewer_collections
        from kgnews.nlp.distributed import dask_cluster

        with ExitStack() as stack:
            cluster = stack.enter_context(dask_cluster(dask)) if dask else None
            if cluster is not None:
                sources = [sources] if isinstance(sources, (str, Path, Article)) else list(sources)
            # Standard input is taken as it arrives: no stage waits for a full batch of it.
            more = arrivals(sources, stdin)
            if cluster is not None and _all_file_paths(sources):
                # The workers read the files, and are sent where each article is, not its text.
                articles, place = _read_on_workers(sources, cluster, self.error, self.warning)
            else:
                articles = _read_sources(sources, stdin=stdin, on_error=self.error, on_warning=self.warning,
                                         stdin_arrivals=more)
                place = None
            forget = place.forget if place is not None else None
            pending = self.needing_extraction(articles, done, max_length, more, forget)
            # Peek, so the model is not loaded when every input failed or is already done.
            first = next(pending, None)
            if first is None:
                return
            # Workers build the graphs they analyse, so the parent only writes; in one
            # process the graphs are built in the "build" step of their own.
            elsewhere = jobs > 1 or cluster is not None
            # Once every article is sent to the workers, the rest come as they are done and a
            # batch ends where none has: the last batches are written while the workers finish
            # the rest, none waiting for the slowest article (the graph does not depend on the
            # order of the writes).
            arrival = arrival or Arrival()
            results = extract_articles(
                chain([first], pending), model=model or DEFAULT_MODEL, batch_size=batch_size, jobs=jobs,
                executor=cluster and cluster.executor, workers=cluster and cluster.workers,
                then=maker if elsewhere else None, place=place, on_error=self.extraction_failed, more=more,
                arrival=arrival,
            )
            come = arrival if more is None else (lambda: more() and arrival())
            with fewer_collections():  # the "build" step makes and drops as many objects as the analysis
                yield from _article_graphs(results, maker, builder, batch_size, self.summary, self.extraction_failed,
                                           come, write_quads)


class StoreStats(dict):
    """What `kgnews stats` reports, a dict (`store`, `articles`, `entities` by type, `facts`
    by relation, `triples`) that also splits the facts into the fixed relations and the
    verb-lemma events."""

    @property
    def named_facts(self) -> dict[str, int]:
        """Counts of the fixed relations (holds_position, member_of, ...), in the store's order."""
        named = relation_properties()
        return {relation: count for relation, count in self["facts"].items() if relation in named}

    @property
    def event_facts(self) -> dict[str, int]:
        """Counts of the verb-lemma relations."""
        named = relation_properties()
        return {relation: count for relation, count in self["facts"].items() if relation not in named}


class KnowledgeGraph:
    """A kgnews graph in a store (embedded Oxigraph directory, memory or SPARQL endpoint)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def location(self) -> str:
        return self.store.location

    # -- writing ------------------------------------------------------------------------

    def ingest(
        self,
        sources: Source | Iterable[Source],
        *,
        model: str | None = None,
        jobs: int = 1,
        dask: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        replace: bool = False,
        bulk: bool = False,
        kb: Iterable[str | Path] = (),
        max_length: int = DEFAULT_MAX_LENGTH,
        on_error: ErrorHandler | None = None,
        on_warning: WarningHandler | None = None,
        progress: ProgressHandler | None = None,
        stdin: TextIO | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> IngestSummary:
        """Read, analyse and store articles from files, directories, "-" (stdin) or `Article`s.

        `model` is the spaCy pipeline package to analyse with (default: the one kgnews pins).
        The analysis runs in this process, over `jobs` worker processes, or on the Dask
        cluster `dask` ("tcp://scheduler:8786", or "local:N" for N local workers; needs the
        kgnews[dask] extra). An article's graph depends on the article and the KBs alone,
        so the workers build it too, and only the writes stay here, in input order (but for
        the last few articles, written as they come): the graph is the same whichever runs
        the analysis.
        Entities are linked to the default knowledge base, the KB files in `$KGNEWS_KB` and
        those in `kb` (kgnews/kb/README.md); a KB file that cannot be read raises KBError
        before anything is analysed.

        An article longer than `max_length` characters is an error, not analysed: the parser
        needs about 1 GB of memory per 100,000 characters.

        An article already in the store with the same text is skipped unless `replace`;
        so is an article read twice in this call. A second article with the id of an
        earlier one in this call but another text is an error (ids name articles).
        A bad input or an article whose analysis fails is counted, passed to `on_error`
        and skipped; the others are still ingested. What is changed or left out of an article
        that is ingested (an unreadable date, characters XML cannot hold) is an IngestWarning
        passed to `on_warning`. Articles are written in batches of `batch_size`, each in
        two transactions that a crash cannot leave half done for good (see
        kgnews.graph.derived); if the second fails the batch is undone. When `stop()` says
        so at a batch's end, the ingest ends there with KeyboardInterrupt, what was written
        kept (the CLI's Ctrl-C, should the interrupt itself have been lost).

        With `bulk`, the graphs of articles the store lacks go in by the store's bulk path
        (Oxigraph's bulk loader: about half the CPU of a transaction), not atomic by itself:
        the batch's journal names them first, so a batch cut short is dropped whole by the
        next command that writes (kgnews.graph.derived), as if never written. The bulk loader
        adds files that RocksDB deletes under open read-only handles, so from the start of the
        ingest until this graph is closed, reading processes are kept out, as for `load`
        (StoreError before anything is analysed or written if some stay open). Replaced
        articles still go in by transaction.
        """
        kb_files = KBFiles.chosen(list(kb))
        knowledge_base = kb_files.load()  # a KB file that cannot be read fails here, before any analysis
        if bulk:  # here, in this thread, rather than at the first bulk write, after batches went in by transaction
            self.store.exclude_readers()
        run = _Run(on_error, progress, on_warning)
        provenance = ProvenanceRun()
        arrival = Arrival()
        batches = run.article_graphs(
            sources, stdin=stdin, done=None if replace else self._held, model=model, jobs=jobs, dask=dask,
            batch_size=batch_size, max_length=max_length, maker=ArticleGraphMaker(provenance, kb_files),
            builder=GraphBuilder.for_store(self.store, provenance, knowledge_base),
            write_quads=BULK_WRITE_QUADS if bulk else None, arrival=arrival,
        )
        self._write_graphs(batches, run.summary, run.report, stop or (lambda: False), bulk, lambda: arrival.ending)
        return run.finished()

    def _write_graphs(
        self, batches: Iterable[GraphBatch], summary: IngestSummary, report: Callable[[Article, str], None],
        stop: Callable[[], bool], bulk: bool, ending: Callable[[], bool] = lambda: False,
    ) -> None:
        """Write each batch of article graphs while the next one is analysed and built: the
        store releases the GIL, so its writes overlap spaCy's work. Batches are still written
        one at a time, in order, and a failed write stops before the next batch is written,
        as does `stop()` (with KeyboardInterrupt), asked before each batch and at the end.
        The first write once `ending()` says every article is sent to the workers flushes the
        store after it: RocksDB writes what it holds in memory while the workers finish the
        last articles, not all of it on closing, after them (for the 293 bulk articles,
        closing took 1.0-1.5 s of CPU, 0.4 s now)."""

        def write(graphs: dict[str, list[Quad]], articles: list[Article], flush: bool) -> None:
            summary.triples_added += derived.write_articles(self.store, graphs, timed=summary.timed, bulk=bulk)
            for article in articles:
                summary.ingested += 1
                summary.words += article.word_count
                report(article, "ingested")
            if flush:
                with summary.timed("write"):
                    self.store.flush()

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kgnews-write") as writer:
            writing: Future | None = None
            flushed = False
            for graphs, articles in batches:
                if writing is not None:
                    writing.result()
                if stop():
                    raise KeyboardInterrupt
                flush = not flushed and ending()
                flushed = flushed or flush
                writing = writer.submit(write, graphs, articles, flush)
            if writing is not None:
                writing.result()
            if stop():
                raise KeyboardInterrupt

    def load(self, folder: str | Path, *, batch_quads: int = LOAD_BATCH_QUADS, kb: Iterable[str | Path] = (),
             on_error: ErrorHandler | None = None) -> IngestSummary:
        """Add the article graphs `analyse` wrote into `folder`, then compute the entity graph
        once, over the whole store.

        The graphs go in through the store's bulk path (`Store.load_graphs`: Oxigraph's bulk
        loader, or large requests to a server) in batches of about `batch_quads` quads. An
        article graph already in the store whole (as many quads as its file) is skipped, a
        partial one (a load cut short) is replaced, and the entity graph is rebuilt at the
        end of every load, so an interrupted load is finished by running it again. A file
        that cannot be read is reported and skipped. The graphs of what the knowledge bases
        (as for `ingest`) say about the entries the articles link to are written last.
        """
        knowledge_base = load_kb(list(kb))
        run = _Run(on_error, None)
        files = analysis_files(folder)
        batch: dict[str, list[Quad]] = {}
        batch_size = 0
        for path in files:
            try:
                quads = list(ox.parse(path=path, format=ox.RdfFormat.N_QUADS))
                graph = _one_article_graph(path, quads)
            except (OSError, SyntaxError, KGNewsError) as error:
                run.error(KGNewsError(f"{path}: {error}") if not isinstance(error, KGNewsError) else error)
                continue
            batch[graph] = quads
            batch_size += len(quads)
            if batch_size >= batch_quads:
                self._load_batch(batch, run.summary)
                batch, batch_size = {}, 0
        self._load_batch(batch, run.summary)
        # Rebuilt even when every graph was there: a load cut short before this point left it stale.
        if run.summary.ingested or run.summary.skipped:
            with run.summary.timed("write"):
                run.summary.triples_added += self.store.replace_graphs(self._missing_kb_graphs(knowledge_base))
            with run.summary.timed("entity graph"):
                derived.repair(self.store)
        return run.finished()

    def _missing_kb_graphs(self, kb: KnowledgeBase) -> dict[str, list[Quad]]:
        """The KB graphs of the entries the article graphs link to that the store lacks."""
        rows = self.store.select(named_query("linked-kb-ids"))
        links = [(row["e"], kb.entries[row["id"]]) for row in rows if row["id"] in kb.entries]
        return missing_kb_graphs(links, kb, self.store.graphs_with_data)

    def _load_batch(self, graphs: dict[str, list[Quad]], summary: IngestSummary) -> None:
        """Load the article graphs of a batch that the store lacks (one query asks which it
        holds): one it holds whole is skipped, one it holds in part (a load cut short) replaced."""
        if not graphs:
            return
        held = self.store.graph_sizes(sorted(graphs))
        missing = {graph: quads for graph, quads in graphs.items() if held.get(graph) != len(quads)}
        summary.skipped += len(graphs) - len(missing)
        if missing:  # refused before this batch changes anything; a load with nothing to add refuses no reader
            self.store.exclude_readers()
        if partial := [graph for graph in missing if graph in held]:
            self.store.replace_graphs({}, remove=partial)
        if missing:
            with summary.timed("write"):
                summary.triples_added += self.store.load_graphs(missing)
            summary.ingested += len(missing)

    def remove(self, ids: Iterable[str]) -> list[str]:
        """Remove articles by the ids they were ingested with, all or none: an unknown id
        raises before anything changes."""
        graphs = {article_id: iris.article_iri(article_id) for article_id in ids}

        def absent(missing: list[str]) -> KGNewsError:
            named = [repr(article_id) for article_id, iri in graphs.items() if iri in missing]
            return KGNewsError(f"{self.location}: no article {', '.join(named)} in the store")

        # The read of the graphs the write makes anyway tells which are missing: one request.
        derived.write_articles(self.store, {}, remove=graphs.values(), absent=absent)
        return list(graphs)

    def _held(self, articles: list[Article]) -> set[str]:
        """Ids of those `articles` the store holds with the same text: one query for them all."""
        graphs = {iris.article_iri(article.id): article for article in articles}
        rows = self.store.select(named_query("text-hashes", graphs=sparql.values("g", graphs)))
        return {graphs[row["g"]].id for row in rows if row["hash"] == graphs[row["g"]].text_hash}

    # -- keeping derived graphs right ----------------------------------------------------

    def check(self) -> list[Problem]:
        """What is wrong with the graphs derived from the article graphs (the entity graph)
        and with the article graphs' names; empty when all is well. Reads only."""
        return derived.check(self.store)

    def repair(self) -> None:
        """Recompute the derived graphs from the article graphs (one transaction)."""
        derived.repair(self.store)

    def finish_interrupted_writes(self) -> int:
        """Complete what a killed write left undone (see kgnews.graph.derived); how many
        entities it concerned; a store from before the entities' name keys gets them."""
        derived.upgrade(self.store)
        return derived.finish_pending(self.store)

    # -- reading ------------------------------------------------------------------------

    def query(
        self, sparql: str, *, timeout: float | None = None, limit: int | None = None, allow_service: bool = False
    ) -> QueryResult:
        """Run any SPARQL query; rows of RDF terms, a boolean (ASK) or triples (CONSTRUCT/DESCRIBE).

        Without FROM or GRAPH the query sees the union of all graphs (see `Store.query`).
        timeout: seconds before the query is stopped (QueryTimeout); None: the limit the graph
        was opened with; 0: none. limit: at most this many rows (`truncated` tells).
        allow_service: let SERVICE clauses reach other servers (refused by default).
        """
        return self.store.query(sparql, timeout=timeout, limit=limit, allow_service=allow_service)

    def stream(
        self, sparql: str, *, timeout: float | None = None, limit: int | None = None, allow_service: bool = False
    ) -> QueryStream:
        """Like `query`, with the rows read as they come: use it in a `with` block and iterate it."""
        return self.store.stream(sparql, timeout=timeout, limit=limit, allow_service=allow_service)

    def select(self, sparql: str) -> list[dict[str, object]]:
        """Run a SELECT query; one dict per row with plain Python values."""
        return self.store.select(sparql)

    def entities(self, article: str | None = None) -> Iterator[dict]:
        """Canonical entities as docs/facts.md records, optionally those of one article id."""
        return views.entities(self.store, article=article)

    def facts(self, article: str | None = None, *, with_kb: bool = False) -> Iterator[dict]:
        """Extracted facts as docs/facts.md records, optionally those of one article id; with
        `with_kb`, also the facts the knowledge base states about the linked entities
        (marked `"source": "kb"`, never counted as extracted)."""
        records = views.facts(self.store, article=article)  # an unknown article raises here
        return chain(records, views.kb_facts(self.store, article=article)) if with_kb else records

    def stats(self) -> StoreStats:
        """Counts of articles, entities by type, facts by relation and triples, as the views
        would list them, by aggregate queries (the views themselves are not built)."""
        names = self.store.graph_names()
        articles = sum(1 for name in names if iris.article_id(name) is not None)
        counted = fact_counts.stored_counts(self.store, names)
        return StoreStats(
            store=self.location,
            articles=articles,
            entities=views.entity_type_counts(self.store),
            facts=views.fact_relation_counts(self.store, counted, articles),
            triples=len(self.store) - self._bookkeeping_size(names, counted),
        )

    def _bookkeeping_size(self, names: set[str], counted: fact_counts.StoredCounts) -> int:
        """Quads of kgnews's bookkeeping graphs the store holds (the journal; on a server, or in a
        store from before the side store, the counts too): not the user's data (nor exported).
        `names`: the store's graphs. Where the store keeps its counts, the fact counts' size is
        `counted`'s (no count per graph); fact counts left in it beside a side store are counted."""
        here = self.store.bookkeeping is self.store
        held = [name for name in names if is_bookkeeping_graph(name)
                and not (here and name.startswith(per_article_bookkeeping_prefix()))]
        return sum(self.store.graph_sizes(sorted(held)).values()) + (counted.quads if here else 0)

    def article_ids(self) -> list[str]:
        """Ids of the articles in the store, as they were given, sorted."""
        ids = (iris.article_id(name) for name in self.store.graph_names())
        return sorted(article_id for article_id in ids if article_id is not None)

    def export(self, format: str, out: str | Path | BinaryIO, graph: str | None = None) -> None:
        """Write the graph as `format`; or one named graph: an article's, by its id, or any
        other by its IRI."""
        export_store(self.store, format, out, graph=None if graph is None else self._named_graph(graph))

    def _named_graph(self, name: str) -> str:
        """The graph of the article with id `name`, else the graph with IRI `name`."""
        article_graph = iris.article_iri(name)
        if self.store.has_graph(article_graph):
            return article_graph
        if _is_iri(name) and self.store.has_graph(name):
            return name
        raise KGNewsError(f"{self.location}: no article or graph {name!r} to export")

    # -- lifetime -----------------------------------------------------------------------

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open(  # noqa: A001 - kgnews.open
    location: str | Path | None = None, *, read_only: bool = False, timeout: float | None = None,
    counts_as_graphs: bool = False,
) -> KnowledgeGraph:
    """Open (or create) a knowledge graph: a directory, ":memory:" or an http(s) SPARQL endpoint.

    Without `location`, `$KGNEWS_STORE` or ./kgnews.db.
    read_only: open an existing store for reading only: an ingest can write it meanwhile
        (reads see what the ingest has committed), a bulk load (`load`) cannot (StoreError
        while one runs), and nothing is created.
    timeout: seconds any one query may run, including those behind entities(), facts(),
        stats() (QueryTimeout past it); None for no limit.
    counts_as_graphs: a directory store keeps kgnews's counts as named graphs of its own
        (which queries see) rather than in its side store: for a store other kgnews
        processes write through `kgnews serve --allow-update` (kgnews.graph.derived).
    Work a killed write left undone (kgnews.graph.derived) is completed on opening; opened
    read-only, the store is left as it is, with a logged warning.
    """
    kg = KnowledgeGraph(open_store(location, read_only=read_only, query_timeout=timeout,
                                   counts_as_graphs=counts_as_graphs))
    try:
        if not read_only:
            kg.finish_interrupted_writes()
        elif (journal := derived.pending_journal(kg.store)) is not None and journal.loading:
            LOG.warning(
                "store %s: %d graphs of a bulk ingest that was stopped are visible but not kept (never "
                "reported ingested): the next command that writes the store drops them, as does kgnews repair",
                kg.location, len(journal.loading),
            )
        elif journal is not None and (pending := journal.change.entities()):
            LOG.warning(
                "store %s: the entity graph is out of date for %d entities, from a write still running "
                "or one that was stopped (the next command that writes the store completes it, or run "
                "kgnews repair)",
                kg.location, len(set(pending)),
            )
    except BaseException:
        kg.close()
        raise
    return kg


def analyse(
    sources: Source | Iterable[Source],
    out: str | Path,
    *,
    model: str | None = None,
    jobs: int = 1,
    dask: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    kb: Iterable[str | Path] = (),
    max_length: int = DEFAULT_MAX_LENGTH,
    on_error: ErrorHandler | None = None,
    on_warning: WarningHandler | None = None,
    progress: ProgressHandler | None = None,
    stdin: TextIO | None = None,
) -> IngestSummary:
    """Analyse articles into folder `out`, one N-Quads file of its graph per article, for
    `KnowledgeGraph.load` (the first half of an ingest, for corpora loaded in bulk).

    Analysis runs as in `KnowledgeGraph.ingest` (here, on `jobs` processes or on a Dask
    cluster). An article's graph depends on the article and the knowledge bases alone
    (`kb`, as for `ingest`), so `analyse` then `load` gives the graph `ingest` gives; what
    the KBs say about the linked entities is added by `load`. Resumable: an article whose
    file is in `out` is skipped; each file is written whole or not at all.
    """
    kb_files = KBFiles.chosen(list(kb))
    kb_files.load()  # a KB file that cannot be read fails here, before any analysis
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise KGNewsError(f"{folder}: cannot create the output folder ({error.strerror or error})") from error
    run = _Run(on_error, progress, on_warning)
    provenance = ProvenanceRun()
    batches = run.article_graphs(
        sources, stdin=stdin, done=lambda articles: {article.id for article in articles if analysis_file(folder, article.id).exists()}, model=model,
        jobs=jobs, dask=dask, batch_size=batch_size, max_length=max_length,
        maker=ArticleGraphMaker(provenance, kb_files, counts=False), builder=GraphBuilder(provenance),
    )
    for graphs, articles in batches:
        with run.summary.timed("write"):
            for article in articles:
                quads = graphs[iris.article_iri(article.id)]
                _write_whole(analysis_file(folder, article.id), quads)
                run.summary.ingested += 1
                run.summary.words += article.word_count
                run.summary.triples_added += len(quads)
                run.report(article, "ingested")
    return run.finished()


def analysis_file(folder: Path, article_id: str) -> Path:
    """Where `analyse` writes an article's graph: named by a hash of its id (any id is a
    safe, short file name that way)."""
    return folder / f"{iris.short_hash(article_id)}{ANALYSIS_SUFFIX}"


def analysis_files(folder: str | Path) -> list[Path]:
    """The article graph files `analyse` wrote into `folder`, in name order."""
    path = Path(folder)
    if not path.is_dir():
        raise KGNewsError(f"{path}: not a folder of analysed articles")
    return sorted(path.glob(f"*{ANALYSIS_SUFFIX}"))


def _write_whole(path: Path, quads: list[Quad] | NQuadsGraph) -> None:
    """Write N-Quads beside `path`, then rename: a file there is always complete. A graph a
    worker sent as N-Quads text is written as it came."""
    partial = path.with_suffix(".partial")
    if isinstance(quads, NQuadsGraph):
        partial.write_bytes(quads.text)
    else:
        ox.serialize(quads, str(partial), ox.RdfFormat.N_QUADS)
    os.replace(partial, path)


def _one_article_graph(path: Path, quads: list[Quad]) -> str:
    names = {quad.graph_name for quad in quads}
    if len(names) != 1 or not isinstance(next(iter(names)), NamedNode):
        raise KGNewsError(f"{path}: not one article graph (graphs: {len(names)})")
    return next(iter(names)).value


def build_graph(sources: Source | Iterable[Source], store: str | Path = ":memory:", **options) -> KnowledgeGraph:
    """Open `store` and ingest `sources` into it (options as for `KnowledgeGraph.ingest`)."""
    kg = open(store)
    try:
        kg.ingest(sources, **options)
    except BaseException:
        kg.close()
        raise
    return kg


def _read_sources(
    sources: Source | Iterable[Source], *, stdin: TextIO | None, on_error: ErrorHandler, on_warning: WarningHandler,
    stdin_arrivals: StdinArrivals | None = None,
) -> Iterator[Article]:
    """Articles given directly, and those read from paths, in input order."""
    from kgnews.ingest import read_articles

    if isinstance(sources, (str, Path, Article)):
        sources = [sources]
    paths: list[str | Path] = []
    for source in sources:
        if isinstance(source, Article):
            yield from read_articles(paths, stdin=stdin, on_error=on_error, on_warning=on_warning,
                                     stdin_arrivals=stdin_arrivals)
            paths = []
            yield source
        else:
            paths.append(source)
    yield from read_articles(paths, stdin=stdin, on_error=on_error, on_warning=on_warning,
                             stdin_arrivals=stdin_arrivals)


def _all_file_paths(sources: list[Source]) -> bool:
    """Whether `sources` are all paths (files, folders, patterns): not articles given as
    objects, nor standard input, which only this process can read."""
    from kgnews.ingest import STDIN

    return all(isinstance(source, (str, Path)) and str(source) != STDIN for source in sources)


def _read_on_workers(
    paths: list[str | Path], cluster: Cluster, on_error: ErrorHandler, on_warning: WarningHandler
) -> tuple[Iterator[Article], ArticlePlaces]:
    """The articles of the files `paths` names, read by the cluster's workers a share at a
    time (kgnews.ingest.shares: this process only lists the files and cuts them), and where
    each article is, so that the worker analysing it reads it there again."""
    from kgnews.ingest.shares import ArticleAt, Share, file_shares, read_share

    places = ArticlePlaces()

    def submit(share: Share | IngestError) -> Future:
        return cluster.executor.submit(read_share, share) if isinstance(share, Share) else finished([share])

    def articles() -> Iterator[Article]:
        for share, items in in_order(submit, file_shares(paths), SHARES_PER_WORKER * cluster.workers):
            index = 0
            for item in items:
                if isinstance(item, Article):
                    places.read(item, ArticleAt(share, index, item.id, item.text_hash))
                    index += 1
                    yield item
                elif isinstance(item, IngestWarning):
                    on_warning(item)
                else:
                    on_error(item)

    return articles(), places


class ArticlePlaces:
    """Where the articles read and not yet sent for analysis are in the input files, by id:
    called with an article sent for analysis, it gives its place; `forget` an article the
    run does not analyse (done already, read twice, too long). An id read twice keeps the
    place of its first reading until every reading of it is sent or forgotten, so the map
    holds only the articles between reading and analysis, not every id of the run."""

    def __init__(self) -> None:
        self.places: dict[str, ArticleAt] = {}
        self.readings: Counter[str] = Counter()

    def read(self, article: Article, place: ArticleAt) -> None:
        self.places.setdefault(article.id, place)
        self.readings[article.id] += 1

    def __call__(self, article: Article) -> ArticleAt:
        place = self.places[article.id]
        self.forget(article)
        return place

    def forget(self, article: Article) -> None:
        self.readings[article.id] -= 1
        if not self.readings[article.id]:
            del self.readings[article.id], self.places[article.id]


def _is_iri(text: str) -> bool:
    try:
        NamedNode(text)
    except ValueError:
        return False
    return True


GraphBatch = tuple[dict[str, list[Quad]], list[Article]]


def _article_graphs(
    results: Iterable[tuple[Article, Extraction | BuiltArticle]], maker: ArticleGraphMaker, builder: GraphBuilder,
    batch_size: int, summary: IngestSummary, on_failure: Callable[[Article, Exception], None],
    more: Callable[[], bool] | None = None, write_quads: int | None = None,
) -> Iterator[GraphBatch]:
    """Batches of article graphs (graph IRI -> quads) with the articles they hold, in the
    order `results` gives them, from articles analysed and built elsewhere or analysed here
    (built by `maker`); an article whose graph cannot be built goes to `on_failure`. A batch
    is `batch_size` articles; with `write_quads`, as many such as hold that many quads, or
    those that have come when `more()` says nothing more has (no next article of a feed, or
    no next result of the workers' last tasks: `_Run.article_graphs`)."""
    batches = chunks(results, batch_size, more)
    graphs: dict[str, list[Quad]] = {}
    built: list[Article] = []
    quads = 0
    while True:
        with summary.timed("analysis"):
            batch = next(batches, None)
        if batch is None:
            break
        with summary.timed("build"):
            for article, result in batch:
                try:
                    made = result if isinstance(result, BuiltArticle) else maker(result)
                    graph = iris.article_iri(article.id)
                    graphs[graph] = builder.add(made)
                    graphs[iris.fact_counts_graph_iri(graph)] = made.fact_counts
                    built.append(article)
                    quads += len(graphs[graph])
                except Exception as error:  # noqa: BLE001 - one bad article must not stop the rest
                    on_failure(article, error)
            # What the KB says about the entries this batch links to, written with it.
            graphs.update(builder.take_kb_graphs())
        if quads >= (write_quads or 0) or (more is not None and not more()):
            yield graphs, built
            graphs, built, quads = {}, [], 0
    if graphs or built:
        yield graphs, built


def _as_kgnews_error(article: Article, error: Exception) -> KGNewsError:
    if isinstance(error, KGNewsError):
        return error
    return KGNewsError(f"{article.source or article.id}: analysis failed: {type(error).__name__}: {error}")
