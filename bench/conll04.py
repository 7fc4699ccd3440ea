"""CoNLL04 relations: the kgnews pipeline, untrained for it, on the CoNLL04 dev sentences.

    .venv/bin/python bench/conll04.py [--split dev|train|test | --data FILE] [--model NAME] [--show N]

Each sentence (PTB tokens joined back into text) is analysed as one article, and kgnews
facts are mapped to CoNLL04 relations:

    works_for, member_of, holds_position whose role_of is an Organization -> Work_For
    located_in with an Organization subject -> OrgBased_In, with a Place subject -> Located_In
    lives_in, holds_position whose role_of is a Place -> Live_In (CoNLL04 marks
    "Ohio Gov. Richard Celeste", "the Arizona senator" as living there)
    the verb lemmas of killing ("kill", "murder", "assassinate", "slay") -> Kill

Scores are micro P/R/F1 over all relations and per type, with "boundaries" matching:
relation type and both ends must match; entity types are not compared (kgnews does not
type as CoNLL04 does). An end matches *strictly* when one of the predicted entity's
surface forms (label, aliases, mention texts) is the gold span's text; *leniently* when a
form's words equal, contain or lie inside the gold span's words. Each gold relation is
matched at most once. Published CoNLL04 figures are strict RE+ on the test split by
trained models: not comparable (see the benchmark's README). The dev split is used for
measurement only; nothing in kgnews is tuned to it: rules are developed on the train
split (`--split train`), and dev is the reported figure.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CONLL04_DIR = SHARED / "benchmarks" / "conll04"
SPLITS = ("train", "dev", "test")
sys.path.insert(0, str(ROOT))

from kgnews.eval.scoring import max_matching  # noqa: E402 - needs the path above
from kgnews.model import Article, Extraction, Fact  # noqa: E402

RELATION_TYPES = ("Kill", "Live_In", "Located_In", "OrgBased_In", "Work_For")
KILL_LEMMAS = {"kill", "murder", "assassinate", "slay"}

# PTB tokens to text: brackets spelled out, and which tokens attach to their neighbours.
_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_ATTACH_LEFT = {",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "'", "...", "n't"}
_ATTACH_RIGHT = {"(", "[", "{", "$"}
_CONTRACTION = re.compile(r"^'[A-Za-z]")  # 's 't 're 'll 'd and the 'Brien of O 'Brien


def detokenise(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as text, and each token's character span in it.

    `` and '' (also split into two ` or ' tokens) become straight double quotes; a bare
    " opens and closes in turn.
    """
    pieces: list[tuple[str, int, int]] = []  # (token, first index, last index)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token in ("`", "'") and index + 1 < len(tokens) and tokens[index + 1] == token:
            pieces.append((token * 2, index, index + 1))
            index += 2
        else:
            pieces.append((token, index, index))
            index += 1
    text = ""
    spans: list[tuple[int, int]] = [(0, 0)] * len(tokens)
    quote_open = attach_next = False
    for token, first, last in pieces:
        opening = token == "``" or (token == '"' and not quote_open)
        closing = token == "''" or (token == '"' and quote_open)
        if opening or closing:
            quote_open = opening
            surface = '"'
        else:
            surface = _BRACKETS.get(token, token)
        attach = attach_next or closing or surface in _ATTACH_LEFT or bool(_CONTRACTION.match(surface))
        if text and not attach:
            text += " "
        start = len(text)
        text += surface
        for token_index in range(first, last + 1):
            spans[token_index] = (start, len(text))
        attach_next = opening or surface in _ATTACH_RIGHT
    return text, spans


@dataclass(frozen=True)
class Relation:
    type: str
    head: frozenset[str]  # surface forms of the head entity (one, the span text, for gold)
    tail: frozenset[str]


def gold_relations(sentence: dict, text: str, spans: list[tuple[int, int]]) -> list[Relation]:
    def span_text(entity: dict) -> frozenset[str]:
        return frozenset({text[spans[entity["start"]][0] : spans[entity["end"] - 1][1]]})

    entities = sentence["entities"]
    return [
        Relation(relation["type"], span_text(entities[relation["head"]]), span_text(entities[relation["tail"]]))
        for relation in sentence["relations"]
    ]


def predicted_relations(extraction: Extraction) -> list[Relation]:
    """kgnews facts of one sentence mapped to CoNLL04 relations (unmappable facts dropped)."""
    entity_type = {entity.key: entity.type for entity in extraction.entities}
    forms = {entity.key: {entity.label, *entity.aliases} for entity in extraction.entities}
    for mention in extraction.mentions:
        forms[mention.entity].add(mention.text)
    relations: set[Relation] = set()
    for fact in extraction.facts:
        if fact.negated or fact.subject is None:
            continue
        mapped = _conll_type(fact, entity_type)
        if mapped is None:
            continue
        conll_type, tail_key = mapped
        tail = forms.get(tail_key) if tail_key else {fact.object_text} if fact.object_text else None
        if tail:
            relations.add(Relation(conll_type, frozenset(forms[fact.subject]), frozenset(tail)))
    return sorted(relations, key=repr)


def _conll_type(fact: Fact, entity_type: dict[str, str]) -> tuple[str, str | None] | None:
    """(CoNLL04 type, key of the tail entity or None for a text object), or None."""
    if fact.relation in ("works_for", "member_of"):
        return "Work_For", fact.object
    if fact.relation == "holds_position" and entity_type.get(fact.role_of or "") == "Organization":
        return "Work_For", fact.role_of
    if fact.relation == "holds_position" and entity_type.get(fact.role_of or "") == "Place":
        return "Live_In", fact.role_of
    if fact.relation == "located_in":
        subject_type = entity_type.get(fact.subject)
        if subject_type in ("Organization", "Place"):
            return ("OrgBased_In" if subject_type == "Organization" else "Located_In"), fact.object
    if fact.relation == "lives_in":
        return "Live_In", fact.object
    if fact.relation in KILL_LEMMAS:
        return "Kill", fact.object
    return None


def strict_match(predicted_forms: frozenset[str], gold_forms: frozenset[str]) -> bool:
    return bool(predicted_forms & gold_forms)


def lenient_match(predicted_forms: frozenset[str], gold_forms: frozenset[str]) -> bool:
    return any(
        _contains(gold.split(), form.split()) or _contains(form.split(), gold.split())
        for form in predicted_forms
        for gold in gold_forms
    )


def _contains(words: list[str], part: list[str]) -> bool:
    return bool(part) and any(words[start : start + len(part)] == part for start in range(len(words) - len(part) + 1))


@dataclass
class Tally:
    gold: Counter
    predicted: Counter
    matched: Counter


def score(pairs: Sequence[tuple[list[Relation], list[Relation]]], ends_match: Callable) -> Tally:
    tally = Tally(Counter(), Counter(), Counter())
    for gold, predicted in pairs:
        tally.gold.update(relation.type for relation in gold)
        tally.predicted.update(relation.type for relation in predicted)
        matching = max_matching(
            gold, predicted,
            lambda g, p: g.type == p.type and ends_match(p.head, g.head) and ends_match(p.tail, g.tail),
        )
        tally.matched.update(gold[index].type for index in matching)
    return tally


def prf(matched: int, gold: int, predicted: int) -> str:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * matched / (gold + predicted) if gold + predicted else 0.0
    return f"{precision:6.3f} {recall:6.3f} {f1:6.3f}"


def _counts(tally: Tally, name: str) -> tuple[int, int, int]:
    """(matched, gold, predicted) of one relation type, or of all for "micro"."""
    if name == "micro":
        return sum(tally.matched.values()), sum(tally.gold.values()), sum(tally.predicted.values())
    return tally.matched[name], tally.gold[name], tally.predicted[name]


def table(strict: Tally, lenient: Tally) -> str:
    lines = [f"{'type':<12}{'gold':>5}{'pred':>5} | {'strict':>7}      P      R     F1 | {'lenient':>7}      P      R     F1"]
    for name in (*RELATION_TYPES, "micro"):
        strict_matched, gold, predicted = _counts(strict, name)
        lenient_matched = _counts(lenient, name)[0]
        lines.append(
            f"{name:<12}{gold:>5}{predicted:>5} | {strict_matched:>7} {prf(strict_matched, gold, predicted)} | "
            f"{lenient_matched:>7} {prf(lenient_matched, gold, predicted)}"
        )
    return "\n".join(lines)


def main() -> int:
    from kgnews.nlp.pipeline import DEFAULT_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, default="dev",
                        help="the shared CoNLL04 split to score (default: dev, the reported figure)")
    parser.add_argument("--data", type=Path, help="a CoNLL04 file in SpERT JSON, instead of --split")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--show", type=int, default=0, help="print N sentences with their gold and predicted relations")
    options = parser.parse_args()
    options.data = options.data or CONLL04_DIR / f"conll04_{options.split}.json"
    if not options.data.is_file():
        absent = f" ({SHARED} is absent: the shared benchmarks are not on this machine)" if not SHARED.is_dir() else ""
        print(f"CoNLL04 data not found at {options.data}{absent}; nothing to do.")
        return 0

    from kgnews.nlp.pipeline import extract_articles, shared_pipeline  # loads spaCy

    sentences = json.loads(options.data.read_text(encoding="utf-8"))
    articles, golds = [], []
    for number, sentence in enumerate(sentences):
        text, spans = detokenise(sentence["tokens"])
        articles.append(Article(id=f"conll04-{sentence.get('orig_id', number)}", text=text))
        golds.append(gold_relations(sentence, text, spans))
    shared_pipeline(options.model)  # load before the clock starts
    started = time.perf_counter()
    extractions = [extraction for _, extraction in extract_articles(articles, model=options.model)]
    seconds = time.perf_counter() - started
    pairs = [(gold, predicted_relations(extraction)) for gold, extraction in zip(golds, extractions)]

    print(f"CoNLL04 {options.data.name}: {len(sentences)} sentences analysed in {seconds:.1f} s "
          f"({len(sentences) / seconds:.0f} sentences/s), model {options.model}")
    print("boundaries matching (relation type and both ends; entity types not compared)\n")
    print(table(score(pairs, strict_match), score(pairs, lenient_match)))
    for article, (gold, predicted) in list(zip(articles, pairs))[: options.show]:
        print(f"\n{article.text}\n  gold: {[(r.type, *r.head, *r.tail) for r in gold]}")
        print(f"  pred: {[(r.type, sorted(r.head), sorted(r.tail)) for r in predicted]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
