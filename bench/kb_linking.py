"""Entity linking to the knowledge base: QID accuracy on gold articles, and linking cost as
the KB grows.

    .venv/bin/python bench/kb_linking.py [--gold FILE ...] [--synthetic N]

1. Accuracy: ingests the gold files' articles (default: ../shared/corpus/gold-dev*.jsonl and
   seed-gold.jsonl, the 51 development articles; said and skipped when absent), then, for
   every gold person whose name or an alias is a full name of exactly one person of the
   default KB, checks the Wikidata QID of the predicted entities resolving to it: correct,
   missing (unlinked) or wrong. Also counts predicted people carrying a QID that is not
   their gold entity's (a namesake linked). Target: >= 90% correct, none wrong.
2. Cost: links the same articles' extractions with the default KB, then with N synthetic
   person entries added (default 100,000: random first and last names drawn from the KB's
   own, with posts and dates), and prints the time per article of each. Lookups are by
   name, surname and initials in hash indexes, so the time per article stays flat.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

from kgnews import api  # noqa: E402
from kgnews.eval.runner import evaluate, find_articles, read_gold  # noqa: E402
from kgnews.eval.scoring import normalise  # noqa: E402
from kgnews.graph.kblinking import KBIndex, kb_index, link_entities  # noqa: E402
from kgnews.graph.linking import linking_key  # noqa: E402
from kgnews.kb import KBEntry, KBSource, KnowledgeBase, Post, load_kb  # noqa: E402


def default_gold() -> list[Path]:
    return [CORPUS / name for name in ("gold-dev.jsonl", "gold-dev2.jsonl", "seed-gold.jsonl")]


def expected_qids(gold_lines: list[dict], index: KBIndex) -> dict[tuple[str, str], str]:
    """(article, gold name) -> QID, for gold people one default-KB person names in full."""
    expected = {}
    for line in gold_lines:
        for entity in line.get("entities", []):
            if entity.get("type") != "Person":
                continue
            found = set()
            for name in (entity["name"], *entity.get("aliases", [])):
                if len(name.split()) > 1:
                    found |= index.by_name.get(("Person", linking_key(name)), set())
            qids = {index.entry(entry_id).wikidata for entry_id in found}
            if len(found) == 1 and None not in qids:
                expected[(line["id"], entity["name"])] = qids.pop()
    return expected


def accuracy(gold_paths: list[Path]) -> None:
    gold_lines = [line for path in gold_paths for line in read_gold(path)]
    index = kb_index(load_kb())
    expected = expected_qids(gold_lines, index)
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "kgnews.db"
        report = evaluate(gold_paths, store=store)
        identity = report.identity
        print(f"identity across articles: linked {identity.linked_share:.3f} ({identity.linked}/{identity.gold}), "
              f"merged pairs {identity.merged}")
        correct, missing, wrong, namesakes = 0, [], [], []
        with api.open(store) as kg:
            for line in gold_lines:
                gold_names = {entity["name"]: {normalise(name) for name in (entity["name"], *entity.get("aliases", []))}
                              for entity in line.get("entities", []) if entity.get("type") == "Person"}
                for record in kg.entities(article=line["id"]):
                    if record["type"] != "Person":
                        continue
                    names = {normalise(name) for name in (record["label"], *record["aliases"])}
                    owners = [name for name, keys in gold_names.items() if keys & names]
                    want = {expected.get((line["id"], owner)) for owner in owners}
                    if record["wikidata"] and record["wikidata"] not in want:
                        namesakes.append((line["id"], record["label"], record["wikidata"], owners))
                for (article, name), qid in expected.items():
                    if article != line["id"]:
                        continue
                    keys = gold_names[name]
                    got = {record["wikidata"] for record in kg.entities(article=article)
                           if record["type"] == "Person" and keys & {normalise(n) for n in (record["label"], *record["aliases"])}}
                    if qid in got and got <= {qid, None}:
                        correct += 1
                    elif got - {qid, None}:
                        wrong.append((article, name, qid, sorted(got - {None})))
                    else:
                        missing.append((article, name, qid))
    total = len(expected)
    print(f"KB people in gold articles: {total}; correct QID {correct} ({correct / max(total, 1):.1%}), "
          f"unlinked {len(missing)}, wrong {len(wrong)}; predicted people with a QID not theirs: {len(namesakes)}")
    for item in missing:
        print("  unlinked", *item)
    for item in wrong + namesakes:
        print("  WRONG", *item)


def synthetic_kb(base: KnowledgeBase, count: int, seed: int = 7) -> KnowledgeBase:
    """`base` plus `count` made-up people with names, surnames, posts and a party."""
    people = [entry for entry in base.entries.values() if entry.type == "Person"]
    firsts = sorted({entry.name.split()[0] for entry in people})
    lasts = sorted({entry.surname or entry.name.split()[-1] for entry in people})
    source = KBSource(name="synthetic", version=str(count))
    rng = random.Random(seed)
    grown = KnowledgeBase()
    grown.add(base.sources[0], base.entries.values())
    made = []
    for number in range(count):
        first, last = rng.choice(firsts), rng.choice(lasts) + rng.choice(("", "son", "ley", "ton", "er", "s"))
        year = rng.randrange(1950, 2024)
        post = Post(role=rng.choice(("Mayor", "State Senator", "Judge")), role_of=f"Town {number}",
                    start=f"{year}-01-01", end=f"{year + 4}-01-01")
        made.append(KBEntry(id=f"synthetic:{number}", type="Person", name=f"{first} {last}", source=source,
                            surname=last, country="United States", posts=(post,)))
    grown.add(source, made)
    return grown


def cost(gold_paths: list[Path], count: int) -> None:
    from kgnews.nlp import DEFAULT_MODEL, extract_articles

    articles = {}
    for path in gold_paths:
        articles.update(find_articles(read_gold(path), gold_dir=path.parent))
    extractions = [extraction for _, extraction in extract_articles(list(articles.values()), model=DEFAULT_MODEL)]
    for label, kb in (("default KB", load_kb()), (f"default KB + {count:,} synthetic people", None)):
        if kb is None:
            started = time.perf_counter()
            kb = synthetic_kb(load_kb(), count)
            index = KBIndex(kb)
            print(f"  (built the {len(kb):,}-entry KB and its index in {time.perf_counter() - started:.1f} s)")
        else:
            index = KBIndex(kb)
        started = time.perf_counter()
        links = sum(len(link_entities(extraction, index)[0]) for extraction in extractions)
        seconds = time.perf_counter() - started
        print(f"{label}: {len(kb):,} entries; {links} links in {len(extractions)} articles, "
              f"{1000 * seconds / len(extractions):.2f} ms per article")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, nargs="*", default=None)
    parser.add_argument("--synthetic", type=int, default=100_000)
    options = parser.parse_args()
    gold = options.gold or default_gold()
    if not all(path.is_file() for path in gold):
        print(f"gold files not found ({', '.join(map(str, gold))}): shared/ is not on this machine; give --gold")
        return
    accuracy(gold)
    cost(gold, options.synthetic)


if __name__ == "__main__":
    main()
