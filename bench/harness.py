"""What the ingest benchmarks share: where the corpus is, CPU and memory figures, and a fresh
process per measured run.

The scripts run as `python bench/NAME.py`, so this folder is on `sys.path` (spawned children
get the parent's path) and they import this module as `harness`.
"""
from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BULK = ROOT.parent / "shared" / "corpus" / "bulk.jsonl"
sys.path.insert(0, str(ROOT))  # kgnews from this checkout, also in the spawned children


def cpu_seconds(*who: int) -> float:
    """User and system CPU seconds of this process (all its threads), or of each `who`
    (`resource.RUSAGE_SELF`, `resource.RUSAGE_CHILDREN`: the ended worker processes) summed."""
    usages = [resource.getrusage(target) for target in who or (resource.RUSAGE_SELF,)]
    return sum(usage.ru_utime + usage.ru_stime for usage in usages)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def in_child(function: Callable[..., Any], *args: object) -> Any:
    """Run `function` in a fresh process, so its peak memory and CPU are its own."""
    # Not a multiprocessing.Pool: its daemonic processes could not start --jobs workers.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def corpus_parser(description: str) -> argparse.ArgumentParser:
    """An argument parser with `--source`, the JSON lines corpus (default: shared bulk.jsonl)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--source", type=Path, default=BULK, help="JSON lines corpus (default: shared bulk.jsonl)")
    return parser


def corpus_missing(source: Path, script: str) -> bool:
    """Whether `source` is absent (shared/ is not on a user's machine), said in one line."""
    if source.exists():
        return False
    print(f"bench/{script}: {source} not found (shared/ is not on this machine); nothing measured")
    return True
