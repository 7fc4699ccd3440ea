"""Entity quality of the NLP stage on the gold articles (seed + dev), by FACTS.md rules.

    PYTHONPATH=. .venv/bin/python bench/entities_dev.py [--verbose]

Reads the gold and texts from /work/shared/corpus when present, else from the copies in
tests/data/gold (and says which). Scores the article-level entities of each Extraction
with kgnews.eval.scoring (found = gold entities matched by a predicted entity of the same
type; split = a gold entity whose names land on several predicted entities; merged = gold
entities whose names land on one). Targets: found >= 0.90, merged 0, split <= 5%.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kgnews.eval.scoring import EntityCounts, normalise, score_article
from kgnews.model import Article, Extraction
from kgnews.nlp import extract_articles

SHARED = Path("/work/shared/corpus")
LOCAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "gold"


def gold_articles(root: Path) -> list[tuple[dict, Article]]:
    pairs = []
    for gold_file in ("seed-gold.jsonl", "gold-dev.jsonl"):
        for line in (root / gold_file).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            gold = json.loads(line)
            text_path = root / f"seed-{gold['id']}.txt"
            if not text_path.exists():
                text_path = root / "articles" / f"{gold['id']}.txt"
            article = Article(id=gold["id"], text=text_path.read_text(encoding="utf-8"), date=gold.get("date"))
            pairs.append((gold, article))
    return pairs


def entity_records(extraction: Extraction) -> list[dict]:
    return [
        {"iri": entity.key, "label": entity.label, "type": entity.type, "aliases": list(entity.aliases)}
        for entity in extraction.entities
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list missed gold entities, splits and merges")
    options = parser.parse_args()
    root = SHARED if (SHARED / "gold-dev.jsonl").exists() else LOCAL
    print(f"gold and texts from {root}" + ("" if root == SHARED else " (/work/shared is absent)"))
    pairs = gold_articles(root)
    golds = {article.id: gold for gold, article in pairs}
    total = EntityCounts()
    for article, extraction in extract_articles(article for _, article in pairs):
        gold = golds[article.id]
        records = entity_records(extraction)
        counts = score_article(gold, records, []).entities
        total.add(counts)
        print(f"{article.id:>9}  gold {counts.gold:3d}  found {counts.found:3d}  predicted {counts.predicted:3d}"
              f"  correct {counts.correct:3d}  split {counts.split}  merged {counts.merged}")
        if options.verbose:
            predicted_names = {
                (normalise(name), record["type"]) for record in records for name in [record["label"], *record["aliases"]]
            }
            for entity in gold["entities"]:
                names = {normalise(name) for name in [entity["name"], *entity.get("aliases", [])]}
                if not any((name, entity["type"]) in predicted_names for name in names):
                    other = sorted({t for n, t in predicted_names if n in names})
                    print(f"           missed {entity['type']:<12} {entity['name']}" + (f"  (as {other})" if other else ""))
    for split in total.splits:
        print(f"split   {split['article']}: {split['gold']} -> {split['iris']}")
    for merge in total.merges:
        print(f"merged  {merge['article']}: {merge['iri']} <- {merge['gold']}")
    print(f"found {total.found}/{total.gold} = {total.recall:.3f}   precision {total.precision:.3f}"
          f"   split {total.split} ({total.split / max(total.gold, 1):.1%})   merged {total.merged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
