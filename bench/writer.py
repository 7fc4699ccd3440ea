"""The writing side of a parallel ingest alone: what `--jobs N` workers send back, written.

    .venv/bin/python bench/writer.py [--source FILE] [--limit M] [--runs 2] [--batch-size 32] [--bulk]

The articles are analysed and their graphs built once, in a child process, as a `--jobs`
worker builds them, and kept pickled as a worker sends them back. Each run then, in a fresh
process, un-pickles them (what the parent's result thread does) and writes them into a new
on-disk store in batches, in one thread, as the parent's writer does (build, write, entity
graph). It prints the CPU seconds of each step (its thread's) and of the whole process
during the run (Oxigraph's own threads too: RocksDB's background work),
which is what the parent takes from the workers' cores on a machine they saturate. With
`--bulk`, each run is followed by one writing as `kgnews ingest --bulk` does. Being
CPU figures of one thread, they hold on a machine shared with other work; runs follow one
another in the same minute, for A/B comparisons.

Without shared/ (a user's machine) it says so and exits with status 0.
"""
from __future__ import annotations

import pickle
import tempfile
import time
from pathlib import Path

from harness import corpus_missing, corpus_parser, cpu_seconds, in_child


def build(source: Path, limit: int | None, out: Path) -> int:
    """Analyse and build the articles as a worker does; pickle (article, built graph) pairs to `out`."""
    from kgnews.graph.build import ArticleGraphMaker, ProvenanceRun
    from kgnews.ingest import read_articles
    from kgnews.kb import KBFiles
    from kgnews.nlp import extract_articles

    articles = list(read_articles([source]))[:limit]
    maker = ArticleGraphMaker(ProvenanceRun(), KBFiles.chosen([]))
    sent = [pickle.dumps((article, maker(extraction))) for article, extraction in extract_articles(articles)]
    out.write_bytes(pickle.dumps(sent))
    return len(sent)


def write(sent_file: Path, batch_size: int, bulk: bool) -> dict:
    """Un-pickle what the workers sent and write it into a new store, as the parent does."""
    import kgnews
    from kgnews.api import BULK_WRITE_QUADS, IngestSummary, _article_graphs
    from kgnews.graph import derived
    from kgnews.graph.build import ArticleGraphMaker, GraphBuilder, ProvenanceRun
    from kgnews.kb import KBFiles

    sent = pickle.loads(sent_file.read_bytes())
    kb_files = KBFiles.chosen([])
    knowledge_base = kb_files.load()
    summary = IngestSummary()
    with tempfile.TemporaryDirectory() as folder, kgnews.open(Path(folder, "writer.db")) as kg:
        cpu_started, thread_started = cpu_seconds(), time.thread_time()
        results = [pickle.loads(blob) for blob in sent]
        receive = time.thread_time() - thread_started
        provenance = ProvenanceRun()
        builder = GraphBuilder.for_store(kg.store, provenance, knowledge_base)
        batches = _article_graphs(iter(results), ArticleGraphMaker(provenance, kb_files), builder, batch_size,
                                  summary, lambda article, error: summary.errors.append(error),
                                  write_quads=BULK_WRITE_QUADS if bulk else None)
        for graphs, _articles in batches:
            derived.write_articles(kg.store, graphs, timed=summary.timed, bulk=bulk)
        kg.store.oxigraph.flush()
        cpu = cpu_seconds() - cpu_started
        triples = len(kg.store)
    steps = {"receive": receive, **{step: summary.step_cpu_seconds[step] for step in ("build", "write", "entity graph")}}
    return {"articles": len(results), "failed": len(summary.errors), "triples": triples, "cpu": cpu, "steps": steps}


def main() -> None:
    parser = corpus_parser(__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first M articles")
    parser.add_argument("--runs", type=int, default=2, help="write runs (default 2)")
    parser.add_argument("--batch-size", type=int, default=32, help="articles per write (default 32)")
    parser.add_argument("--bulk", action="store_true", help="also write as `kgnews ingest --bulk` does, after each run")
    options = parser.parse_args()
    if corpus_missing(options.source, "writer.py"):
        return
    with tempfile.TemporaryDirectory() as folder:
        sent_file = Path(folder, "sent.pickle")
        count = in_child(build, options.source, options.limit, sent_file)
        print(f"corpus: {options.source}, {count} articles analysed and built once; batches of {options.batch_size}")
        for run in range(1, options.runs + 1):
            for bulk in (False, True) if options.bulk else (False,):
                result = in_child(write, sent_file, options.batch_size, bulk)
                steps = ", ".join(f"{step} {cpu:.2f}" for step, cpu in result["steps"].items())
                print(f"run {run}{' --bulk' if bulk else ''}: {result['articles']} articles, {result['triples']:,} "
                      f"triples, {result['failed']} failed; CPU s: process {result['cpu']:.2f}; threads: {steps}",
                      flush=True)


if __name__ == "__main__":
    main()
