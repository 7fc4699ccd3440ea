"""Parallel ingest: the bulk corpus with --jobs 1, --jobs N and --dask local:N, wall clock and CPU.

    .venv/bin/python bench/jobs.py [--jobs 2] [--dask] [--bulk] [--limit M] [--source FILE]

Each run ingests the same articles into a new on-disk store, in a fresh process, as
`kgnews ingest` does (the model load is part of the run: worker processes load it too).
It prints, per run: wall seconds, words/s, the CPU seconds of the ingesting process (while
it ingests: not its imports nor the reading of the corpus) and of its worker processes, the
cores they kept busy on average (CPU / wall: `--jobs 1` uses more than one, its writer
thread runs beside the analysis), the seconds per step as wall/CPU, and the machine's
1-minute load average before and after. `--bulk` adds `--jobs 1` and `--jobs N` runs of
`kgnews ingest --bulk`. On a machine shared with other work the wall-clock
ratio swings with the load; the CPU figures say what each run cost.

Without shared/ (a user's machine) it says so and exits with status 0.
"""
from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path

from harness import corpus_missing, corpus_parser, cpu_seconds, in_child


def ingest(source: Path, limit: int | None, options: dict) -> dict:
    """Ingest the articles into a new store, in this (fresh) process."""
    import kgnews
    from kgnews.ingest import read_articles

    articles = list(read_articles([source]))[:limit]
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder, "jobs.db")
        started, cpu_started = time.perf_counter(), cpu_seconds()
        with kgnews.open(store) as kg:
            summary = kg.ingest(articles, **options)
        # closed inside the clock: what the store still does then (flushing its memtable, and after
        # bulk loads the compaction it waits for) is part of what an ingest costs
        seconds, own_cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
        with kgnews.open(store, read_only=True) as kg:
            triples = len(kg.store)
    return {"seconds": seconds, "words": summary.words, "ingested": summary.ingested, "failed": summary.failed,
            "triples": triples, "own_cpu": own_cpu,
            "workers_cpu": cpu_seconds(resource.RUSAGE_CHILDREN),
            "steps": {step: (wall, summary.step_cpu_seconds.get(step, 0.0))
                      for step, wall in summary.step_seconds.items()},
            "load": (load_before, os.getloadavg()[0])}


def main() -> None:
    parser = corpus_parser(__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of the parallel runs (default 2)")
    parser.add_argument("--dask", action="store_true", help="also run --dask local:JOBS (needs kgnews[dask])")
    parser.add_argument("--bulk", action="store_true", help="also run --jobs 1 and --jobs JOBS with --bulk")
    parser.add_argument("--limit", type=int, help="only the first M articles")
    options = parser.parse_args()
    if corpus_missing(options.source, "jobs.py"):
        return
    runs = {"--jobs 1": {"jobs": 1}, f"--jobs {options.jobs}": {"jobs": options.jobs}}
    if options.dask:
        runs[f"--dask local:{options.jobs}"] = {"dask": f"local:{options.jobs}"}
    if options.bulk:
        runs |= {f"--jobs {jobs} --bulk": {"jobs": jobs, "bulk": True} for jobs in (1, options.jobs)}
    print(f"corpus: {options.source}, {options.limit or 'all'} articles; {os.cpu_count()} cores")
    results = {}
    for name, run_options in runs.items():
        run = results[name] = in_child(ingest, options.source, options.limit, run_options)
        steps = ", ".join(f"{step} {wall:.1f}/{cpu:.1f}" for step, (wall, cpu) in run["steps"].items())
        print(f"{name:<16} {run['ingested']} articles, {run['triples']:,} triples, {run['failed']} failed: "
              f"{run['seconds']:.1f} s wall, {run['words'] / run['seconds']:.0f} words/s; CPU {run['own_cpu']:.0f} s "
              f"ingest process + {run['workers_cpu']:.0f} s workers "
              f"({(run['own_cpu'] + run['workers_cpu']) / run['seconds']:.2f} cores busy); steps wall/CPU s: {steps}; "
              f"load {run['load'][0]:.1f} -> {run['load'][1]:.1f}", flush=True)
    for name, run in list(results.items())[1:]:
        bases = ["--jobs 1"] + (["--jobs 1 --bulk"] if name == f"--jobs {options.jobs} --bulk" else [])
        for base in bases:
            first = results[base]
            print(f"{name} vs {base}: {first['seconds'] / run['seconds']:.2f}x wall clock, "
                  f"{(run['own_cpu'] + run['workers_cpu']) / (first['own_cpu'] + first['workers_cpu']):.2f}x the CPU")


if __name__ == "__main__":
    main()
