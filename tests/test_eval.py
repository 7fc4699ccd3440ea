"""The gold scorer (docs/facts.md rules) on the real gold lines, with hand-made predictions."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import GOLD_DIR, SEED_GOLD
from kgnews.cli import cli
from kgnews.errors import IngestError
from kgnews.eval.runner import find_articles, read_gold
from kgnews.eval.scoring import (
    FAMILIES,
    combine,
    family_of,
    normalise,
    quote_matches,
    role_matches,
    score_article,
    split_sentences,
)

DEV_GOLD = GOLD_DIR / "gold-dev.jsonl"


def gold_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_article(article_id: str) -> dict[str, Any]:
    lines = gold_lines(SEED_GOLD) + gold_lines(DEV_GOLD)
    return next(line for line in lines if line["id"] == article_id)


def first(value: Any) -> Any:
    return value[0] if isinstance(value, list) else value


def perfect_prediction(gold: dict[str, Any]) -> tuple[list[dict], list[dict]]:
    """The entities and facts views a flawless extractor would give for a gold line."""
    entities = [
        {
            "iri": f"https://w3id.org/kgnews/resource/test/{index}",
            "label": entity["name"],
            "type": entity["type"],
            "aliases": [entity["name"], *entity["aliases"]],
        }
        for index, entity in enumerate(gold["entities"])
    ]
    facts = []
    for fact in gold["facts"]:
        predicted = {"subject": fact["subject"], "relation": fact["relation"], "article": gold["id"]}
        if fact["relation"] == "holds_position":
            predicted.update(role=first(fact["role"]), role_of=first(fact.get("role_of")))
        else:
            predicted["object"] = fact["object"]
        facts.append(predicted)
    return entities, facts


def position_fact(facts: list[dict], subject: str) -> dict:
    return next(fact for fact in facts if fact["subject"] == subject and fact["relation"] == "holds_position")


SEED = gold_article("7249ac44")


@pytest.mark.parametrize("gold", gold_lines(SEED_GOLD) + gold_lines(DEV_GOLD), ids=lambda gold: gold["id"])
def test_perfect_prediction_scores_one_everywhere(gold: dict) -> None:
    entities, facts = perfect_prediction(gold)
    report = score_article(gold, entities, facts)
    for family in FAMILIES:
        counts = report.families[family]
        assert counts.matched == counts.gold == counts.predicted
    assert report.entities.found == report.entities.gold == len(gold["entities"])
    assert (report.entities.precision, report.entities.recall) == (1.0, 1.0)
    assert report.entities.split == report.entities.merged == 0
    assert report.misses == [] and report.false_positives == []


def test_perfect_prediction_over_all_gold_is_one() -> None:
    reports = [score_article(gold, *perfect_prediction(gold)) for gold in gold_lines(SEED_GOLD) + gold_lines(DEV_GOLD)]
    report = combine(reports)
    assert all(report.families[family].f1 == 1.0 for family in FAMILIES)
    assert report.all_facts.matched == report.all_facts.gold == 305
    assert report.entities.f1 == 1.0


@pytest.mark.parametrize("relation", ["holds_position", "member_of", "said", "located_in", "threaten", "author"])
def test_dropping_one_fact_lowers_recall_by_one_gold_fact(relation: str) -> None:
    entities, facts = perfect_prediction(SEED)
    dropped = next(fact for fact in facts if fact["relation"] == relation)
    facts.remove(dropped)
    report = score_article(SEED, entities, facts)
    family = report.families[family_of(relation)]
    assert family.recall == pytest.approx((family.gold - 1) / family.gold)
    assert family.matched == family.predicted == family.gold - 1
    assert [miss.fact["relation"] for miss in report.misses] == [relation]
    others = [name for name in FAMILIES if name != family_of(relation)]
    assert all(report.families[name].f1 == 1.0 for name in others)


def test_miss_points_at_the_sentence_that_states_it() -> None:
    entities, facts = perfect_prediction(SEED)
    facts = [fact for fact in facts if fact["relation"] != "represents"]
    text = (GOLD_DIR / "seed-7249ac44.txt").read_text(encoding="utf-8")
    report = score_article(SEED, entities, facts, text)
    (miss,) = report.misses
    assert miss.fact == {"subject": "Kurt Daudt", "relation": "represents", "object": "Crown"}
    assert "(R-Crown)" in miss.sentence


def test_unexpanded_title_misses_the_position() -> None:
    entities, facts = perfect_prediction(SEED)
    position_fact(facts, "Mark Dayton")["role"] = "Gov."
    report = score_article(SEED, entities, facts)
    assert report.families["positions"].matched == report.families["positions"].gold - 1
    assert [miss.fact["subject"] for miss in report.misses] == ["Mark Dayton"]
    assert [fp.fact["role"] for fp in report.false_positives] == ["Gov."]


@pytest.mark.parametrize(
    ("gold_role", "predicted_role", "expected"),
    [
        ("Governor", "Governor", True),
        ("Governor", "Gov.", False),
        ("Commerce Commissioner", "Commissioner", True),
        ("Commissioner", "Commerce Commissioner", True),
        ("House Speaker", "House", False),
        (["Spokeswoman", "Spokesperson"], "spokesperson", True),
        ("Secretary of State", "Secretary", False),
        ("Governor", None, False),
    ],
)
def test_role_rule_is_last_gold_word_in_predicted_role(gold_role: Any, predicted_role: Any, expected: bool) -> None:
    assert role_matches(gold_role, predicted_role) is expected


def test_role_of_must_match_when_gold_gives_it_and_lists_are_alternatives() -> None:
    entities, facts = perfect_prediction(SEED)
    position_fact(facts, "Kurt Daudt")["role_of"] = "Minnesota"  # second of two acceptable answers
    position_fact(facts, "Mark Dayton")["role_of"] = "Minnesota House"  # wrong organisation
    position_fact(facts, "Myron Frans")["role_of"] = "MMB"  # an alias of the gold role_of
    report = score_article(SEED, entities, facts)
    assert [miss.fact["subject"] for miss in report.misses] == ["Mark Dayton"]


def test_implicit_entries_serve_name_matching() -> None:
    gold = gold_article("005")  # "Nevada Assembly" is implicit: named by facts, not in the text
    entities, facts = perfect_prediction(gold)
    for fact in facts:
        if fact.get("role_of") == "Nevada Assembly":
            fact["role_of"] = "State Assembly"
        if fact.get("object") == "Nevada Assembly":
            fact["object"] = "the Assembly"
    report = score_article(gold, entities, facts)
    assert report.misses == []
    assert report.entities.gold == len(gold["entities"])  # implicit entries are not scored


# The 65-word Trump quote of article 021: 39 words are exactly 60%, 38 words 58.5%.
TRUMP_QUOTE = next(fact["object"] for fact in gold_article("021")["facts"] if fact["relation"] == "said")


@pytest.mark.parametrize(("covered_words", "expected"), [(39, True), (38, False)])
def test_quote_needs_sixty_percent_of_gold_words(covered_words: int, expected: bool) -> None:
    words = TRUMP_QUOTE.split()
    assert len(words) == 65
    assert quote_matches(TRUMP_QUOTE, " ".join(words[:covered_words])) is expected


@pytest.mark.parametrize(("covered_words", "expected"), [(60, True), (59, False)])
def test_quote_threshold_is_exact_at_sixty_percent(covered_words: int, expected: bool) -> None:
    gold = " ".join(f"word{index}" for index in range(100))
    assert quote_matches(gold, " ".join(f"word{index}" for index in range(covered_words))) is expected


@pytest.mark.parametrize(("extra_words", "expected"), [(65, True), (66, False)])
def test_quote_may_be_at_most_twice_as_long(extra_words: int, expected: bool) -> None:
    assert quote_matches(TRUMP_QUOTE, TRUMP_QUOTE + " more" * extra_words) is expected


def test_quote_words_ignore_quote_marks_and_apostrophe_styles() -> None:
    gold = "We're doing our best to make it work as well as possible."
    assert quote_matches(gold, "“We’re doing our best to make it work as well as possible.")


def test_indirect_quote_is_scored_as_a_quote_whatever_its_kind() -> None:
    entities, facts = perfect_prediction(SEED)
    report = score_article(SEED, entities, facts)
    indirect = [fact for fact in SEED["facts"] if fact.get("kind") == "indirect"]
    assert indirect and report.families["quotes"].gold == sum(fact["relation"] == "said" for fact in SEED["facts"])
    assert report.families["quotes"].recall == 1.0


def test_each_gold_fact_is_matched_at_most_once() -> None:
    entities, facts = perfect_prediction(SEED)
    facts.append(dict(next(fact for fact in facts if fact["relation"] == "member_of")))
    report = score_article(SEED, entities, facts)
    affiliations = report.families["affiliations"]
    assert affiliations.matched == affiliations.gold
    assert affiliations.predicted == affiliations.gold + 1
    assert len(report.false_positives) == 1


def test_matching_is_one_to_one_and_maximal() -> None:
    # The first prediction matches both gold quotes, the second only the first one: a
    # greedy pass in order would match one pair, the maximum matching matches two.
    short_quote = "people who want it to work as badly as possible."
    longer_quote = "Unfortunately there's some people out there who want it to work as badly as possible."
    gold = {**SEED, "facts": [
        {"subject": "Mark Dayton", "relation": "said", "object": short_quote},
        {"subject": "Mark Dayton", "relation": "said", "object": longer_quote},
    ]}
    predicted = [
        {"subject": "Mark Dayton", "relation": "said", "object": longer_quote},
        {"subject": "Dayton", "relation": "said", "object": "people who want it to work badly"},
    ]
    report = score_article(gold, perfect_prediction(gold)[0], predicted)
    assert report.families["quotes"].matched == 2


def test_verb_lemma_object_needs_gold_last_word() -> None:
    entities, facts = perfect_prediction(SEED)
    threat = next(fact for fact in facts if fact["relation"] == "threaten")
    threat["object"] = "to call for Governor Dayton’s resignation over the crisis"
    investigation = next(fact for fact in facts if fact["relation"] == "investigate")
    investigation["object"] = "the cause"  # gold: "cause of the outages"
    report = score_article(SEED, entities, facts)
    assert [miss.fact["relation"] for miss in report.misses] == ["investigate"]


def test_names_compare_without_case_punctuation_or_leading_the() -> None:
    assert normalise("The Pioneer Press") == normalise("pioneer press") == "pioneer press"
    assert normalise("U.S.") == normalise("US")
    assert normalise("Mayer-Bruestle") == normalise("Mayer Bruestle")
    assert normalise("Dayton’s") == normalise("Dayton's")
    assert normalise("Other Party") != normalise("The Other")
    entities, facts = perfect_prediction(SEED)
    told = next(fact for fact in facts if fact["relation"] == "tell")
    told["subject"], told["object"] = "CATHERINE SCOTT", "the Pioneer Press."
    report = score_article(SEED, entities, facts)
    assert report.misses == []


def test_predicted_aliases_resolve_an_unlisted_label() -> None:
    entities, facts = perfect_prediction(SEED)
    dayton = next(entity for entity in entities if entity["label"] == "Mark Dayton")
    dayton["label"] = "Mark B. Dayton"  # a form the annotators did not list
    for fact in facts:
        if fact["subject"] == "Mark Dayton":
            fact.update(subject="Mark B. Dayton", subject_iri=dayton["iri"])
    report = score_article(SEED, entities, facts)
    assert report.misses == []
    assert report.entities.found == report.entities.gold


def test_split_entity_is_reported_and_still_found() -> None:
    entities, facts = perfect_prediction(SEED)
    dayton = next(entity for entity in entities if entity["label"] == "Mark Dayton")
    dayton["aliases"] = ["Mark Dayton", "Gov. Mark Dayton"]
    entities.append(
        {"iri": "https://w3id.org/kgnews/resource/test/dayton-2", "label": "Dayton", "type": "Person",
         "aliases": ["Dayton", "Governor Dayton"]}
    )
    report = score_article(SEED, entities, facts)
    assert report.entities.split == 1
    assert report.entities.splits[0]["gold"] == "Mark Dayton"
    assert report.entities.found == report.entities.gold
    assert report.entities.predicted == report.entities.gold + 1
    assert report.entities.merged == 0


def test_merged_entities_are_reported_and_only_one_is_found() -> None:
    entities, facts = perfect_prediction(SEED)
    house = next(entity for entity in entities if entity["label"] == "Minnesota House of Representatives")
    entities.remove(house)
    minnesota = next(entity for entity in entities if entity["label"] == "Minnesota")
    minnesota["aliases"] += ["Minnesota House"]
    report = score_article(SEED, entities, facts)
    assert report.entities.merged == 2
    assert report.entities.merges[0]["gold"] == ["Minnesota", "Minnesota House of Representatives"]
    assert report.entities.found == report.entities.gold - 1
    assert report.entities.split == 0


def test_entity_of_wrong_type_is_not_found() -> None:
    entities, facts = perfect_prediction(SEED)
    next(entity for entity in entities if entity["label"] == "Crown")["type"] = "Organization"
    report = score_article(SEED, entities, facts)
    assert report.entities.found == report.entities.gold - 1
    assert report.entities.correct == report.entities.predicted - 1


def test_sentences_do_not_end_at_titles() -> None:
    text = "Title line\n\nGov. Mark Dayton spoke. He said “No.” Then U.S. officials left."
    assert split_sentences(text) == ["Title line", "Gov. Mark Dayton spoke.", "He said “No.”", "Then U.S. officials left."]


def test_bad_gold_line_names_file_and_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(SEED_GOLD.read_text(encoding="utf-8") + '{"id": "x", "facts": [\n', encoding="utf-8")
    with pytest.raises(IngestError) as raised:
        read_gold(gold)
    assert raised.value.line == 2
    assert str(raised.value).startswith(f"{gold}:2: ")


def test_gold_line_without_id_is_an_error(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"entities": [], "facts": []}\n', encoding="utf-8")
    with pytest.raises(IngestError, match=r"gold.jsonl:1: "):
        read_gold(gold)


def test_article_texts_are_found_beside_the_gold() -> None:
    articles = find_articles(read_gold(SEED_GOLD) + read_gold(DEV_GOLD), gold_dir=GOLD_DIR)
    assert sorted(articles) == sorted(["7249ac44", "001", "005", "015", "021", "023", "026", "034", "038", "047", "055"])
    seed = articles["7249ac44"]
    assert (seed.id, seed.date, seed.title) == ("7249ac44", "2016-11-01", "Dayton Blames MNSure Issues on Robocallers")
    assert seed.text.startswith("Dayton Blames MNSure Issues on Robocallers\n\nThe MNSure website")


def test_article_texts_from_a_jsonl_file(tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    record = {"id": "021", "title": "A title", "text": "Body.", "publisher": "Wikinews (en.wikinews.org)"}
    articles.write_text(json.dumps(record) + "\n", encoding="utf-8")
    found = find_articles(read_gold(DEV_GOLD)[3:4], articles=articles)
    # Metadata bylines are dropped: the gold lists bylines only as the text states them.
    assert [(article.id, article.text, article.date, article.publisher) for article in found.values()] == [
        ("021", "A title\n\nBody.", "2019-09-12", None)
    ]


def test_missing_article_text_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no text for gold article 7249ac44"):
        find_articles(read_gold(SEED_GOLD), gold_dir=tmp_path)


def test_cli_reports_a_missing_text_on_one_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(SEED_GOLD.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(gold)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path}: no text for gold article 7249ac44 (looked for ")
    assert len(result.output.splitlines()) == 1


def test_cli_reports_a_bad_gold_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "001", "facts": [{"relation": "said"}]}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(gold)])
    assert result.exit_code == 1
    assert result.output == f"Error: {gold}:1: fact 1 needs 'subject' and 'relation'\n"


def test_identity_across_articles_counts_linked_entities_and_merged_pairs() -> None:
    from kgnews.eval.scoring import score_identity

    def article(article_id: str, entities: list[tuple[str, str, list[str]]], gold: list[str]):
        gold_line = {"id": article_id,
                     "entities": [{"name": name, "type": "Person", "aliases": [name.split()[-1]]} for name in gold]}
        predicted = [{"iri": iri, "label": label, "type": "Person", "aliases": aliases}
                     for iri, label, aliases in entities]
        return score_article(gold_line, predicted, [])

    reports = [
        article("a", [("p/trump", "Donald Trump", ["Trump"]), ("p/biden", "Joe Biden", [])], ["Donald Trump", "Joe Biden"]),
        article("b", [("p/trump", "Trump", []), ("p/biden.b", "Biden", [])], ["Donald Trump", "Joe Biden"]),
        # A different Brown on the IRI of the first: a merged pair across articles.
        article("c", [("p/trump", "Donald Trump", []), ("p/brown", "Gordon Brown", [])], ["Donald Trump", "Gordon Brown"]),
        article("d", [("p/brown", "Shontel Brown", [])], ["Shontel Brown"]),
    ]
    identity = score_identity(reports)
    assert (identity.gold, identity.linked) == (2, 1)  # Trump in a, b, c; Biden split in b
    assert identity.unlinked == [{"gold": "Joe Biden", "iris": {"a": ["p/biden"], "b": ["p/biden.b"]}}]
    assert identity.merges == [{"gold": ["Gordon Brown", "Shontel Brown"], "iri": "p/brown", "articles": ["c", "d"]}]


def test_tied_matches_break_the_same_way_in_every_run() -> None:
    """Which of two equally good gold facts is listed as missed must not depend on the
    interpreter's string-hash seed (it did: networkx kept string-keyed nodes in sets)."""
    program = ("from kgnews.eval.scoring import max_matching; "
               "print(max_matching(['a', 'b', 'c'], ['x', 'y'], lambda gold, predicted: True))")
    answers = {
        subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
        for seed in range(1, 9)
    }
    assert answers == {"{0: 0, 1: 1}\n"}
