"""Ingest cost as the store grows: successive slices of the bulk corpus into one store.

    .venv/bin/python bench/scale.py [--slices N] [--articles M] [--jobs J] [--store DIR]

Slice k is a copy of the first M articles of shared/corpus/bulk.jsonl (all 293 by default)
under new ids ("<id>-s<k>"), so every slice is new to the store but names the same people
as the slices before it, as a growing archive does. Each slice is ingested into the same
on-disk store by a fresh process with the model loaded before the clock starts, and prints
one row: triples after it, words per second and per CPU second, seconds per step as
wall/CPU (analysis, graph building, article graph writes, entity-graph refresh; the writes
run beside the analysis in a thread of their own), the time to remove one article and to
skip an already-stored batch (the idempotence check), store size on disk, the slice's peak
RSS, its CPU seconds (workers included) and the machine's 1-minute load average as it
ended (on a shared machine the wall clock swings with the load; CPU seconds much less).

After the first and the last slice, the read side on the whole store: each
examples/queries/*.rq, the `entities` and `facts` views, `stats`, `export --format nquads`
(triples/s) and `viz --format graphml`, printed side by side.

Without shared/ (a user's machine) it says so and exits with status 0.
"""
from __future__ import annotations

import dataclasses
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from harness import ROOT, corpus_missing, corpus_parser, cpu_seconds, in_child, peak_rss_mb

QUERIES = ROOT / "examples" / "queries"

ROW = "{slice:>5} {triples:>10} {words_per_s:>8} {words_per_cpu_s:>10} {analysis:>11} {build:>9} {write:>9} " \
      "{entity_graph:>9} {remove:>9} {skip:>9} {store_mb:>8} {rss_mb:>7} {cpu:>7} {load:>5}"
HEADER = dict(slice="slice", triples="triples", words_per_s="words/s", words_per_cpu_s="words/CPU s",
              analysis="analyse", build="build", write="write", entity_graph="entity", remove="remove",
              skip="skip", store_mb="store MB", rss_mb="RSS MB", cpu="CPU s", load="load")


def slice_articles(source: Path, slice_number: int, limit: int | None) -> list:
    """The articles of one slice: copies of the corpus' first `limit` articles under new ids."""
    from kgnews.ingest import read_articles

    articles = list(read_articles([source]))[:limit]
    return [dataclasses.replace(article, id=f"{article.id}-s{slice_number}") for article in articles]


def directory_mb(path: Path) -> float:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file()) / 2**20


def ingest_slice(store: Path, source: Path, slice_number: int, limit: int | None, jobs: int) -> dict:
    """One slice into `store`, in this (fresh) process; the step timings and sizes."""
    import kgnews
    from kgnews.nlp.pipeline import shared_pipeline

    articles = slice_articles(source, slice_number, limit)
    if jobs == 1:
        shared_pipeline()  # load outside the timed part
    with kgnews.open(store) as kg:
        both = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)  # this process and its --jobs workers
        started, cpu_started = time.perf_counter(), cpu_seconds(*both)
        summary = kg.ingest(articles, jobs=jobs)
        seconds, cpu = time.perf_counter() - started, cpu_seconds(*both) - cpu_started
        # The machine may be shared: the 1-minute load average beside the timings says how much.
        load = os.getloadavg()[0]
        # The idempotence check: the first batch again, all of it already stored.
        skip = _timed(lambda: kg.ingest(articles[:32]))
        assert skip["result"].skipped == len(articles[:32]) and skip["result"].ingested == 0, skip["result"]
        # Remove one article, then put it back so that every slice adds the same graph.
        remove = _timed(lambda: kg.remove([articles[-1].id]))
        kg.ingest(articles[-1:])
        triples = len(kg.store)
    steps = {step: (wall, summary.step_cpu_seconds.get(step, 0.0)) for step, wall in summary.step_seconds.items()}
    return {"seconds": seconds, "cpu": cpu, "load": load, "words": summary.words, "failed": summary.failed,
            "steps": {**steps, "skip": skip["seconds"], "remove": remove["seconds"]}, "triples": triples,
            "store_mb": directory_mb(store), "rss_mb": peak_rss_mb()}


def _timed(action) -> dict:
    """The result of `action()` with its (wall, CPU) seconds."""
    started, cpu_started = time.perf_counter(), time.process_time()
    result = action()
    return {"result": result, "seconds": (time.perf_counter() - started, time.process_time() - cpu_started)}


def read_side(store: Path) -> dict[str, str]:
    """Seconds (wall/CPU) of each query, view, stats, export (with triples/s) and viz on the whole store."""
    import kgnews
    from kgnews import viz

    timings: dict[str, str] = {}

    def timed(name: str, action) -> dict:
        measured = _timed(action)
        wall, cpu = measured["seconds"]
        timings[name] = f"{wall:.2f}/{cpu:.2f} s"
        return measured

    with kgnews.open(store) as kg:
        for query in sorted(QUERIES.glob("*.rq")):
            timed(f"query {query.name}", lambda: kg.query(query.read_text(encoding="utf-8")))
        timed("entities", lambda: sum(1 for _ in kg.entities()))
        timed("facts", lambda: sum(1 for _ in kg.facts()))
        timed("stats", kg.stats)
        with open(os.devnull, "wb") as sink:
            wall, _ = timed("export nquads", lambda: kg.export("nquads", sink))["seconds"]
        timings["export nquads"] += f" ({len(kg.store) / wall / 1000:.0f}k triples/s)"
        with tempfile.TemporaryDirectory() as folder:
            timed("viz graphml", lambda: viz.write(viz.project(kg.store), "graphml", Path(folder, "g.graphml")))
    return timings


def row(slice_number: int, run: dict) -> str:
    steps = run["steps"]

    def step(name: str, digits: int = 1) -> str:
        wall, cpu = steps.get(name, (0.0, 0.0))
        return f"{wall:.{digits}f}/{cpu:.{digits}f}"

    return ROW.format(
        slice=slice_number, triples=f"{run['triples']:,}", words_per_s=f"{run['words'] / run['seconds']:.0f}",
        words_per_cpu_s=f"{run['words'] / run['cpu']:.0f}",
        analysis=step("analysis"), build=step("build"), write=step("write"), entity_graph=step("entity graph"),
        remove=step("remove", 2), skip=step("skip", 2), store_mb=f"{run['store_mb']:.0f}",
        rss_mb=f"{run['rss_mb']:.0f}", cpu=f"{run['cpu']:.0f}", load=f"{run['load']:.1f}",
    )


def main() -> None:
    parser = corpus_parser(__doc__.splitlines()[0])
    parser.add_argument("--slices", type=int, default=10, help="slices to ingest (default 10: ~3M triples)")
    parser.add_argument("--articles", type=int, help="articles per slice (default: all of bulk.jsonl)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the analysis")
    parser.add_argument("--store", type=Path, help="store directory (default: a temporary one, deleted after)")
    options = parser.parse_args()
    if corpus_missing(options.source, "scale.py"):
        return

    folder = None if options.store else tempfile.mkdtemp(prefix="kgnews-scale-")
    store = options.store or Path(folder, "scale.db")
    print(f"corpus: {options.source}, {options.articles or 'all'} articles per slice, {options.slices} slices, "
          f"jobs {options.jobs}; store {store}")
    print("seconds per step as wall/CPU (the CPU of the thread running it); write and entity run in the "
          "writer thread, beside the analysis")
    print(ROW.format(**HEADER))
    reads: dict[str, dict[str, str]] = {}
    first = None
    try:
        for slice_number in range(options.slices):
            run = in_child(ingest_slice, store, options.source, slice_number, options.articles, options.jobs)
            first = first or run
            print(row(slice_number, run), flush=True)
            if slice_number in (0, options.slices - 1):
                reads[f"after slice {slice_number}"] = in_child(read_side, store)
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    last = run
    ratio = (last["words"] / last["seconds"]) / (first["words"] / first["seconds"])
    cpu_ratio = (last["words"] / last["cpu"]) / (first["words"] / first["cpu"])
    print(f"last/first slice words/s: {ratio:.2f} wall, {cpu_ratio:.2f} per CPU second (target >= 0.9); "
          f"peak RSS {first['rss_mb']:.0f} -> {last['rss_mb']:.0f} MB (target +-15%); "
          f"remove {first['steps']['remove'][0]:.2f} -> {last['steps']['remove'][0]:.2f} s wall, "
          f"{first['steps']['remove'][1]:.2f} -> {last['steps']['remove'][1]:.2f} s CPU (target +-50%)")
    names = list(next(iter(reads.values())))
    print(f"\n{'read side (wall/CPU)':<28}" + "".join(f"{label:>32}" for label in reads))
    for name in names:
        print(f"{name:<28}" + "".join(f"{timings[name]:>32}" for timings in reads.values()))


if __name__ == "__main__":
    main()
