"""Cost of the kgnews components against the bare spaCy model.

    PYTHONPATH=. .venv/bin/python bench/nlp_speed.py [--articles 100] [--repeat 3]

Texts: the first N articles of /work/shared/corpus/bulk.jsonl (title, blank line, body, as
ingest builds them); without /work/shared the texts of tests/data/gold.
The model's own components run through `nlp.pipe` once per repeat; each kgnews component
after `ner` (and the adapter, and the graph building: Extraction -> RDF quads, linked to
the default KB) is then timed on the same Docs, so the figures are not
skewed by other load changing between whole-pipeline runs. Times are CPU seconds of this
process (on a shared machine the wall clock swings with other users' load). Reports the
best time of each and the throughput of the whole pipeline as a fraction of the bare
model's (target >= 0.8).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from kgnews.graph.build import ArticleGraphMaker, ProvenanceRun
from kgnews.kb import KBFiles
from kgnews.model import Article
from kgnews.nlp import load_pipeline, model_name, to_extraction

BULK = Path("/work/shared/corpus/bulk.jsonl")
LOCAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "gold"


def texts(count: int) -> list[str]:
    if BULK.exists():
        records = [json.loads(line) for line in BULK.read_text(encoding="utf-8").splitlines()[:count]]
        return [f"{record['title']}\n\n{record['text']}" for record in records]
    print(f"{BULK} is absent: using the texts in {LOCAL}")
    return [path.read_text(encoding="utf-8") for path in sorted(LOCAL.rglob("*.txt"))][:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    corpus = texts(options.articles)
    words = sum(len(text.split()) for text in corpus)
    nlp = load_pipeline()
    after_ner = nlp.pipe_names[nlp.pipe_names.index("ner") + 1:]
    # kgnews components before the parser (kgnews_paragraphs) run with the model.
    model_part = [name for name in nlp.pipe_names if name not in after_ner]
    articles = [Article(id=str(number), text=text) for number, text in enumerate(corpus)]
    name = model_name(nlp)
    make_graph = ArticleGraphMaker(ProvenanceRun(), KBFiles.chosen([]))
    make_graph(to_extraction(nlp(corpus[0]), articles[0], name))  # the KB read and indexed before the clock
    best: dict[str, float] = {}

    def record(label: str, seconds: float) -> None:
        best[label] = min(best.get(label, seconds), seconds)

    for _ in range(options.repeat):
        started = time.process_time()
        with nlp.select_pipes(enable=model_part):
            docs = list(nlp.pipe(corpus))
        record("model (" + ", ".join(model_part) + ")", time.process_time() - started)
        for component in after_ner:
            pipe = nlp.get_pipe(component)
            started = time.process_time()
            docs = [pipe(doc) for doc in docs]
            record(component, time.process_time() - started)
        started = time.process_time()
        extractions = [to_extraction(doc, article, name) for doc, article in zip(docs, articles)]
        record("adapter (to_extraction)", time.process_time() - started)
        started = time.process_time()
        for extraction in extractions:
            make_graph(extraction)
        record("graph building (build_article)", time.process_time() - started)

    print(f"{len(corpus)} articles, {words} words, best of {options.repeat} runs")
    model_seconds = next(iter(best.values()))
    for label, seconds in best.items():
        print(f"{label:<40} {seconds:7.3f} s CPU  {100 * seconds / model_seconds:6.1f} % of the model")
    pipeline_seconds = model_seconds + sum(best[component] for component in after_ner)
    with_adapter = pipeline_seconds + best["adapter (to_extraction)"]
    with_graphs = with_adapter + best["graph building (build_article)"]
    print(f"pipeline throughput: {words / pipeline_seconds:.0f} words per CPU second = "
          f"{model_seconds / pipeline_seconds:.2f} of the bare model "
          f"({model_seconds / with_adapter:.2f} with the adapter, {model_seconds / with_graphs:.2f} "
          "with the graph building too)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
