"""scripts/gold_agreement.py: one annotation scored against another with the eval's scorer."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from conftest import GOLD_DIR, SEED_GOLD

SCRIPT = Path(__file__).parent.parent / "scripts" / "gold_agreement.py"
spec = importlib.util.spec_from_file_location("gold_agreement", SCRIPT)
gold_agreement = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gold_agreement)


def test_an_annotation_agrees_with_itself() -> None:
    report = gold_agreement.agreement(GOLD_DIR / "gold-dev.jsonl", GOLD_DIR / "gold-dev.jsonl")
    assert len(report.articles) == 10
    assert report.all_facts.f1 == 1.0


def test_a_fact_one_annotator_left_out_is_a_miss_of_the_other(tmp_path: Path) -> None:
    line = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    quote = next(fact for fact in line["facts"] if fact["relation"] == "said")
    line["facts"].remove(quote)
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps(line) + "\n", encoding="utf-8")
    report = gold_agreement.agreement(SEED_GOLD, other)
    quotes = report.families["quotes"]
    assert (quotes.gold - quotes.matched, quotes.predicted, report.all_facts.precision) == (1, quotes.gold - 1, 1.0)
