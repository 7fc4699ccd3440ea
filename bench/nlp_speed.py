"""Throughput of the kgnews pipeline against the bare spaCy model.

    PYTHONPATH=. .venv/bin/python bench/nlp_speed.py [--articles 100] [--repeat 3]

Texts: the first N articles of /work/shared/corpus/bulk.jsonl (title, blank line, body, as
ingest builds them); without /work/shared the seed and dev texts of tests/data/gold.
Reports words per second for the bare model, the model with the NLP-core components
(kgnews_entity_fixes + kgnews_aliases), the full kgnews pipeline, and the full pipeline
plus conversion to Extractions; the full pipeline should keep >= 0.8 of bare throughput.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from kgnews.model import Article
from kgnews.nlp import DEFAULT_MODEL, load_pipeline, model_name, to_extraction

BULK = Path("/work/shared/corpus/bulk.jsonl")
LOCAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "gold"
CORE = ("kgnews_entity_fixes", "kgnews_aliases")


def texts(count: int) -> list[str]:
    if BULK.exists():
        records = [json.loads(line) for line in BULK.read_text(encoding="utf-8").splitlines()[:count]]
        return [f"{record['title']}\n\n{record['text']}" for record in records]
    print(f"{BULK} is absent: using the texts in {LOCAL}")
    return [path.read_text(encoding="utf-8") for path in sorted(LOCAL.rglob("*.txt"))][:count]


def best_time(run: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    corpus = texts(options.articles)
    words = sum(len(text.split()) for text in corpus)
    bare = spacy.load(DEFAULT_MODEL)
    full = load_pipeline()
    kgnews_components = [name for name in full.pipe_names if name.startswith("kgnews_")]
    other = [name for name in kgnews_components if name not in CORE]
    articles = [Article(id=str(number), text=text) for number, text in enumerate(corpus)]
    name = model_name(full)

    def run_full_with_extractions() -> None:
        for doc, article in zip(full.pipe(text for text in corpus), articles):
            to_extraction(doc, article, name)

    def run_core() -> None:
        with full.select_pipes(disable=other):
            for _ in full.pipe(corpus):
                pass

    runs = {
        "bare model": lambda: list(bare.pipe(corpus)),
        "model + NLP-core components": run_core,
        f"full pipeline ({len(kgnews_components)} kgnews components)": lambda: list(full.pipe(corpus)),
        "full pipeline + Extractions": run_full_with_extractions,
    }
    best_time(runs["bare model"], 1)  # warm-up
    print(f"{len(corpus)} articles, {words} words, best of {options.repeat}")
    print(f"kgnews components: {', '.join(kgnews_components)}")
    baseline = None
    for label, run in runs.items():
        seconds = best_time(run, options.repeat)
        baseline = baseline or seconds
        print(f"{label:<42} {seconds:6.2f} s  {words / seconds:8.0f} words/s  {baseline / seconds:5.2f} of bare")
    return 0


if __name__ == "__main__":
    sys.exit(main())
