"""How well one annotation of some articles agrees with another, scored like `kgnews eval`.

    python scripts/gold_agreement.py REFERENCE.jsonl OTHER.jsonl

OTHER's entities become the "predicted" entity records (label = canonical name, with its
aliases) and its facts the "predicted" facts (where a role or `role_of` lists alternatives,
its first one), and kgnews' own scorer (kgnews.eval.scoring) scores them against REFERENCE
on the articles both files have. Two careful annotators' agreement is the ceiling a system
can be expected to reach on gold written the same way (tests/data/gold/BLIND_FOLD.md).
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kgnews.eval.scoring import FAMILIES, EvalReport, combine, score_article


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def as_predictions(line: Mapping[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A gold line as the `entities` and `facts` view records the scorer reads."""
    entities = [{"iri": entity["name"], "label": entity["name"], "type": entity.get("type"),
                 "aliases": entity.get("aliases", [])} for entity in line["entities"]]
    facts = [{"subject": fact["subject"], "subject_iri": fact["subject"], "relation": fact["relation"],
              "object": fact.get("object"), "object_iri": fact.get("object"),
              "role": _first(fact.get("role")), "role_of": _first(fact.get("role_of"))}
             for fact in line["facts"]]
    return entities, facts


def read_lines(path: Path) -> dict[str, dict[str, Any]]:
    lines = (json.loads(text) for text in path.read_text(encoding="utf-8").splitlines() if text.strip())
    return {str(line["id"]): line for line in lines}


def agreement(reference: Path, other: Path) -> EvalReport:
    """`other` scored against `reference` on the articles both annotate."""
    wanted, given = read_lines(reference), read_lines(other)
    return combine([score_article(wanted[article], *as_predictions(given[article]))
                    for article in sorted(wanted.keys() & given.keys())])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference", type=Path)
    parser.add_argument("other", type=Path)
    arguments = parser.parse_args()
    report = agreement(arguments.reference, arguments.other)
    print(f"{'family':14} {'ref':>5} {'other':>5} {'match':>6} {'P':>7} {'R':>7} {'F1':>7}")
    rows = [(family, report.families[family]) for family in FAMILIES] + [("all facts", report.all_facts)]
    for name, counts in rows:
        print(f"{name:14} {counts.gold:5} {counts.predicted:5} {counts.matched:6} "
              f"{counts.precision:7.3f} {counts.recall:7.3f} {counts.f1:7.3f}")
    print(f"articles: {len(report.articles)}")


if __name__ == "__main__":
    main()
