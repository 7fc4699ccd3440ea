"""Ingest throughput: bare spaCy `nlp.pipe` vs the full `kgnews` ingest, on the same articles.

    .venv/bin/python bench/ingest.py [--source FILE_OR_DIR] [--limit N] [--batch-size N]

Both runs use the same model and batch size, each in a fresh process (so peak memory is
its own), with the model loaded before the clock starts. The bare run is `spacy.load(model)`
and `nlp.pipe` over the texts, without any kgnews component; the kgnews run is
`KnowledgeGraph.ingest` (kgnews components, RDF building, writes) into a new on-disk store.
Prints articles/s, words/s, CPU seconds and peak RSS of each, and the kgnews/bare ratio
(target >= 0.8) by wall clock and by CPU time: on a shared machine the CPU figure is the one
other users' load does not skew (the kgnews writer thread's CPU counts too).
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from harness import BULK, ROOT, cpu_seconds, in_child, peak_rss_mb

EXAMPLES = ROOT / "examples" / "articles"


def read_all(source: str, limit: int | None) -> list:
    from kgnews.ingest import read_articles

    articles = list(read_articles([source]))
    return articles[:limit] if limit else articles


def bare_spacy(source: str, limit: int | None, model: str, batch_size: int) -> dict:
    import spacy

    articles = read_all(source, limit)
    nlp = spacy.load(model)
    started, cpu = time.perf_counter(), cpu_seconds()
    for _ in nlp.pipe((article.text for article in articles), batch_size=batch_size):
        pass
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "cpu": cpu_seconds() - cpu, "articles": len(articles),
            "words": sum(article.word_count for article in articles), "peak_rss_mb": peak_rss_mb()}


def kgnews_ingest(source: str, limit: int | None, model: str, batch_size: int) -> dict:
    import kgnews
    from kgnews.nlp.pipeline import shared_pipeline

    articles = read_all(source, limit)
    shared_pipeline(model)  # load outside the timed part, as the bare run does
    with tempfile.TemporaryDirectory() as folder, kgnews.open(Path(folder, "bench.db")) as kg:
        started, cpu = time.perf_counter(), cpu_seconds()
        summary = kg.ingest(articles, model=model, batch_size=batch_size)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        triples = len(kg.store)
    return {"seconds": seconds, "cpu": cpu, "articles": summary.ingested, "words": summary.words,
            "failed": summary.failed, "triples": triples, "peak_rss_mb": peak_rss_mb()}


def main() -> None:
    from kgnews.nlp.pipeline import DEFAULT_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="file or folder of articles (default: bulk.jsonl, else examples/)")
    parser.add_argument("--limit", type=int, help="use only the first N articles")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    options = parser.parse_args()
    source = options.source or str(BULK if BULK.exists() else EXAMPLES)

    print(f"articles: {source}" + (f" (first {options.limit})" if options.limit else ""))
    print(f"model: {options.model}, batch size {options.batch_size}, 1 process each")
    arguments = (source, options.limit, options.model, options.batch_size)
    bare = in_child(bare_spacy, *arguments)
    full = in_child(kgnews_ingest, *arguments)
    for name, run in (("bare nlp.pipe", bare), ("kgnews ingest", full)):
        print(f"{name:<14} {run['articles']:>5} articles {run['words']:>8} words in {run['seconds']:7.2f} s"
              f"  {run['articles'] / run['seconds']:7.2f} articles/s {run['words'] / run['seconds']:9.0f} words/s"
              f"  CPU {run['cpu']:7.2f} s  peak RSS {run['peak_rss_mb']:.0f} MB")
    print(f"kgnews ingest: {full['triples']} triples, {full['failed']} failed")
    ratio = (full["words"] / full["seconds"]) / (bare["words"] / bare["seconds"])
    cpu_ratio = (full["words"] / full["cpu"]) / (bare["words"] / bare["cpu"])
    print(f"throughput ratio kgnews/bare (words/s): {ratio:.2f} wall clock, {cpu_ratio:.2f} CPU time (target >= 0.8)")


if __name__ == "__main__":
    main()
