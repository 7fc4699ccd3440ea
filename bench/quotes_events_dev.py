"""Dev aid: score quotes (`said`) and events (verb lemmas) on the seed + dev gold articles, and
time the kgnews_quotes / kgnews_events components against the bare model.

Runs the whole kgnews pipeline to `Extraction`s (no store) and scores them with
`kgnews.eval.scoring.score_article`, the rules `kgnews eval` applies.

    PYTHONPATH=. .venv/bin/python bench/quotes_events_dev.py [--corpus DIR] [--misses] [--fp] [--timing N]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy
from positions_dev import describe, gold_articles, view_records

from kgnews.eval.scoring import Counts, score_article
from kgnews.model import Article
from kgnews.nlp.pipeline import DEFAULT_MODEL, extract_articles, load_pipeline

FAMILIES = ("quotes", "events")
COMPONENTS = ("kgnews_quotes", "kgnews_events")


def score(pairs: list[tuple[dict, Article]], show_misses: bool, show_fp: bool) -> None:
    totals = {family: Counts() for family in FAMILIES}
    by_id = {article.id: gold for gold, article in pairs}
    for article, extraction in extract_articles([article for _, article in pairs]):
        entities, records = view_records(extraction)
        # The facts view lists no negated events.
        facts = [record for record, fact in zip(records, extraction.facts) if not fact.negated]
        report = score_article(by_id[article.id], entities, facts, article.text)
        for family in FAMILIES:
            totals[family].add(report.families[family])
        for issue in report.misses if show_misses else ():
            if issue.family in FAMILIES:
                print(f"  MISS {article.id} {describe(issue.fact)[:150]}\n       in: {(issue.sentence or '')[:160]}")
        for issue in report.false_positives if show_fp else ():
            if issue.family in FAMILIES:
                print(f"  FP   {article.id} {describe(issue.fact)[:150]}\n       in: {(issue.sentence or '')[:160]}")
        if article.id == "7249ac44":
            print(f"seed: {len(report.misses)} gold facts missed overall")
    print(f"{'family':14} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for family, counts in totals.items():
        print(f"{family:14} {counts.gold:5} {counts.predicted:5} {counts.matched:5} "
              f"{counts.precision:6.3f} {counts.recall:6.3f} {counts.f1:6.3f}")


def time_components(texts: list[str], repeats: int) -> None:
    """Words per second of the bare model, of the full kgnews pipeline, and of each component alone."""
    bare = spacy.load(DEFAULT_MODEL)
    ours = load_pipeline()
    words = sum(len(text.split()) for text in texts) * repeats
    for label, nlp in (("bare model", bare), ("kgnews pipeline", ours)):
        start = time.perf_counter()
        for _ in range(repeats):
            list(nlp.pipe(texts))
        elapsed = time.perf_counter() - start
        print(f"{label:36} {words / elapsed:9.0f} words/s")
    docs = list(bare.pipe(texts))
    for name in COMPONENTS:
        component = ours.get_pipe(name)
        start = time.perf_counter()
        for _ in range(repeats):
            for doc in docs:
                doc._.kg_facts = None
                component(doc)
        print(f"{name:36} {words / (time.perf_counter() - start):9.0f} words/s (component alone)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument("--misses", action="store_true", help="list gold facts not found")
    parser.add_argument("--fp", action="store_true", help="list predicted facts not in gold")
    parser.add_argument("--timing", type=int, default=0, metavar="N", help="time N passes over the 60 articles")
    args = parser.parse_args()
    score(gold_articles(args.corpus), args.misses, args.fp)
    if args.timing:
        texts = [path.read_text(encoding="utf-8") for path in sorted((args.corpus / "articles").glob("*.txt"))]
        time_components(texts, args.timing)


if __name__ == "__main__":
    main()
