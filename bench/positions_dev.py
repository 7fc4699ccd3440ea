"""Dev aid: score positions, affiliations and places on the seed + dev gold articles, and time
the kgnews_positions / kgnews_places components against the bare model.

Runs the kgnews pipeline straight to `Extraction`s (no store) and scores them with
`kgnews.eval.scoring.score_article`, the rules `kgnews eval` applies.

    PYTHONPATH=. .venv/bin/python bench/positions_dev.py [--corpus DIR] [--misses] [--fp]
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy

from kgnews.eval.scoring import Counts, score_article
from kgnews.model import Article, Extraction
from kgnews.nlp.pipeline import DEFAULT_MODEL, extract_articles, load_pipeline

FAMILIES = ("positions", "affiliations", "places", "bylines")


def gold_articles(corpus: Path) -> list[tuple[dict, Article]]:
    pairs = []
    for gold_file in ("seed-gold.jsonl", "gold-dev.jsonl"):
        for line in (corpus / gold_file).read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            path = corpus / "articles" / f"{gold['id']}.txt"
            if not path.exists():
                path = corpus / f"seed-{gold['id']}.txt"
            pairs.append((gold, Article(id=gold["id"], text=path.read_text(encoding="utf-8"),
                                        date=gold.get("date"))))
    return pairs


def view_records(extraction: Extraction) -> tuple[list[dict], list[dict]]:
    """The `entities` / `facts` view records of one extraction, as far as scoring reads them."""
    entities = {entity.key: entity for entity in extraction.entities}
    entity_records = [
        {"iri": entity.key, "label": entity.label, "type": entity.type, "aliases": list(entity.aliases)}
        for entity in extraction.entities
    ]

    def label(key: str | None) -> str | None:
        return entities[key].label if key in entities else key

    fact_records = []
    for fact in extraction.facts:
        sentence = extraction.sentences[fact.sentence].text if fact.sentence < len(extraction.sentences) else ""
        fact_records.append({
            "subject": label(fact.subject) if fact.subject else extraction.article.id,
            "subject_iri": fact.subject,
            "relation": fact.relation,
            "object": label(fact.object) if fact.object in entities else (fact.object_text or fact.object),
            "object_iri": fact.object if fact.object in entities else None,
            "role": fact.role,
            "role_of": label(fact.role_of),
            "role_of_iri": fact.role_of,
            "qualifier": fact.qualifier,
            "sentence": sentence,
        })
    return entity_records, fact_records


def describe(fact: dict) -> str:
    parts = [str(fact.get("subject")), fact["relation"], str(fact.get("object") or "")]
    if fact.get("role"):
        parts.append(f"role={fact['role']} of={fact.get('role_of')}")
    return " | ".join(parts)


def score(pairs: list[tuple[dict, Article]], show_misses: bool, show_fp: bool) -> None:
    totals = {family: Counts() for family in FAMILIES}
    by_id = {article.id: gold for gold, article in pairs}
    for article, extraction in extract_articles([article for _, article in pairs]):
        entities, facts = view_records(extraction)
        report = score_article(by_id[article.id], entities, facts, article.text)
        for family in FAMILIES:
            totals[family].add(report.families[family])
        for issue in report.misses if show_misses else ():
            if issue.family in FAMILIES:
                print(f"  MISS {article.id} {describe(issue.fact)}\n       in: {(issue.sentence or '')[:160]}")
        for issue in report.false_positives if show_fp else ():
            if issue.family in FAMILIES:
                print(f"  FP   {article.id} {describe(issue.fact)}\n       in: {(issue.sentence or '')[:160]}")
    print(f"{'family':14} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for family, counts in totals.items():
        print(f"{family:14} {counts.gold:5} {counts.predicted:5} {counts.matched:5} "
              f"{counts.precision:6.3f} {counts.recall:6.3f} {counts.f1:6.3f}")


def time_components(texts: list[str], repeats: int) -> None:
    """Words per second of the bare model and of the model with entity fixes, positions and places."""
    bare = spacy.load(DEFAULT_MODEL)
    ours = load_pipeline()
    mine = {"kgnews_positions", "kgnews_places"}
    for name in [name for name in ours.pipe_names if name.startswith("kgnews_") and name not in mine | {"kgnews_entity_fixes"}]:
        ours.remove_pipe(name)
    words = sum(len(text.split()) for text in texts) * repeats
    for label, nlp in (("bare model", bare), ("+ entity fixes, positions, places", ours)):
        start = time.perf_counter()
        for _ in range(repeats):
            list(nlp.pipe(texts))
        elapsed = time.perf_counter() - start
        print(f"{label:36} {words / elapsed:9.0f} words/s")
    docs = list(bare.pipe(texts))
    for name in sorted(mine):
        component = ours.get_pipe(name)
        start = time.perf_counter()
        for _ in range(repeats):
            for doc in docs:
                doc._.kg_facts = None
                doc.user_data.clear()  # drop the shared DocIndex so each pass builds it
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
