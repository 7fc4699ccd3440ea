"""End to end: `kgnews eval` with the real pipeline on all 51 gold articles; scores may only rise.

Seven sets are held to floors: the seed with the first ten development articles (the oldest
floors), the 41 development articles (seed, gold-dev, gold-dev2), the ten-article blind
fold of issue #9 (tests/data/gold/BLIND_FOLD.md: measured, never tuned on), all 51, the
fresh blind fold (the project's own gold for the ten corpus articles without any; same rules),
and, from session 10, the project's gold for 35 bulk articles outside the corpus: 25 of
development (dev3, dev4) and a third blind fold of ten (fold3); from session 11, a fourth blind
fold of 25 more bulk articles (fold4), and the four folds pooled (folds).
The floors are the figures the pipeline reached when they were last raised, minus a small
margin for harmless wobbles. When an extractor improves, re-measure with

    .venv/bin/kgnews eval tests/data/gold/seed-gold.jsonl tests/data/gold/gold-dev.jsonl \
        tests/data/gold/gold-dev2.jsonl tests/data/gold/gold-blind.jsonl

(and each set's files alone) and raise the floors; never lower one to make a change pass.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import GOLD_DIR, SEED_GOLD
from kgnews.eval.cli import eval_command
from kgnews.eval.runner import evaluate, read_gold
from kgnews.eval.scoring import FAMILIES, EvalReport, combine

pytestmark = [pytest.mark.slow, pytest.mark.model]

DEV_GOLD = GOLD_DIR / "gold-dev.jsonl"
DEV2_GOLD = GOLD_DIR / "gold-dev2.jsonl"
BLIND_GOLD = GOLD_DIR / "gold-blind.jsonl"
FRESH_GOLD = GOLD_DIR / "gold-fresh.jsonl"
DEV3_GOLD = GOLD_DIR / "gold-dev3.jsonl"
DEV4_GOLD = GOLD_DIR / "gold-dev4.jsonl"
FOLD3_GOLD = GOLD_DIR / "gold-fold3.jsonl"
FOLD4_GOLD = GOLD_DIR / "gold-fold4.jsonl"
SETS = {
    "seed+dev": (SEED_GOLD, DEV_GOLD),
    "development": (SEED_GOLD, DEV_GOLD, DEV2_GOLD),
    "blind": (BLIND_GOLD,),
    "all": (SEED_GOLD, DEV_GOLD, DEV2_GOLD, BLIND_GOLD),
    "fresh": (FRESH_GOLD,),
    "bulk development": (DEV3_GOLD, DEV4_GOLD),
    "fold3": (FOLD3_GOLD,),
    "fold4": (FOLD4_GOLD,),
    "folds": (BLIND_GOLD, FRESH_GOLD, FOLD3_GOLD, FOLD4_GOLD),
}

# Measured on 2026-11-30 at commit 863a6c8 (F1 positions, affiliations, quotes, places,
# events, all facts):
#   seed+dev     0.894 0.904 0.964 0.889 0.723 | 0.855  (305 gold facts)
#   development  0.786 0.773 0.816 0.667 0.642 | 0.733  (1,014)
#   blind        0.707 0.576 0.722 0.500 0.556 | 0.617  (296; before #9: 0.673 0.508 0.674 0.364 0.550 | 0.584)
#   all          0.770 0.733 0.800 0.629 0.622 | 0.709  (1,310)
# seed+dev entities: P 0.880 R 0.955, split 2, merged 0.
# Events after the headline rewriting (#9, commit ddc1d0e): seed+dev 0.746, development 0.655,
# blind 0.556, all 0.631.
# Positions and affiliations after the roles work (#9, commit 5cd7eaf): seed+dev 0.931 0.940,
# development 0.847 0.826, blind 0.733 0.657, all 0.824 0.790; seed+dev entities R 0.959,
# merged 0 (and 0 in all 51; all-51 entity recall 0.908).
# Quotes, places, events and all facts after the text work (#9, commit 86be55b): seed+dev
# 0.964 0.889 0.758 | 0.884, development 0.827 0.667 0.692 | 0.773, blind 0.714 0.615 0.568 |
# 0.641, all 0.808 0.655 0.663 | 0.745.
# Quotes after the speaker and coreference work (#9, quotes lane, commit bf45a1f): seed+dev 0.964,
# development 0.862, blind 0.714, all 0.837.
# Positions and affiliations after the facts work (#9, this session's facts lane): development
# 0.858 0.855, blind 0.733 0.657 (unchanged), all 0.833 0.814.
# Quotes after the speaker, reported-clause and entity-span work (#9, quotes lane, this session):
# seed+dev 0.973, development 0.920, blind 0.714 (unchanged), all 0.886; seed+dev entities R 0.973.
# Events after the events lane's clause work (#9, this session: reported speech, object-control
# gerunds, relative clauses on a group, parser repairs): seed+dev 0.792 -> 0.836, development
# 0.734 -> 0.780, blind 0.583 -> 0.595, all 0.699 -> 0.736 (with the entities lane's changes).
# Positions and affiliations after the posts lane's post verbs, seats and pairing work (#9, sixth
# session): development 0.874 0.884, blind 0.733 0.657 (unchanged), all 0.846 0.838.
# Events after the events lane's seventh-session work (#9: lists with inserted phrases, named "to"
# objects, own ongoing actions in reported speech, describing relative clauses): development
# 0.789 -> 0.807, blind 0.595 -> 0.611, all 0.743 -> 0.761.
# Quotes after the entities lane's speaker work of session 7 (a description's named participle, an
# inverted speaker taken for the object): development 0.928 -> 0.931, blind 0.714 (unchanged), all
# 0.893 -> 0.895.
# Positions and affiliations after the posts lane's seventh-session work (#9: posts placed by the
# knowledge base on the article's day, by the article's country among those that have the post,
# names after conjoined titles): development 0.874 0.888 -> 0.894 0.892, blind 0.733 0.657
# (unchanged), all 0.846 0.841 -> 0.862 0.845; seed+dev 0.931 0.947 (unchanged).
# Events after the events lane's eighth-session work (#9: named partners, adverbial clauses of a
# report, vowed aspectual verbs, names listed after a plural subject, phrasal verbs): development
# 0.808 -> 0.825, blind 0.611 -> 0.619 (with the quotes lane's speaker work), all 0.761 -> 0.776.
# Quotes after the quotes lane's eighth-session work (#9: a name apposed to a title's "of" phrase,
# "urge" framing a quotation, spokespersons, statements "by" their issuer, parenthetical "X said"):
# blind 0.714 -> 0.747 (P 0.795 -> 0.822, R 0.648 -> 0.685), development 0.933 (unchanged), all
# 0.896 -> 0.902.
# Affiliations after the posts lane's eighth-session work (#9: parties of 25 more countries, unlisted
# "... Party" names, appointed objects, departments between a title and a name): blind 0.657 -> 0.686
# (match 23 -> 24 of 45), all 0.851 -> 0.856, development 0.899 (unchanged).
F1_FLOORS = {
    "seed+dev": {"positions": 0.94, "affiliations": 0.94, "quotes": 0.96, "events": 0.86, "all facts": 0.92,
                 "places": 0.80},  # 5 gold facts: one more error costs about 0.1
    "development": {"positions": 0.92, "affiliations": 0.91, "quotes": 0.93, "places": 0.77, "events": 0.83,
                    "all facts": 0.88},
    "blind": {"positions": 0.73, "affiliations": 0.68, "quotes": 0.74, "events": 0.62, "all facts": 0.67,
              "places": 0.62},  # 16 gold facts: one error costs about 0.06
    "all": {"positions": 0.88, "affiliations": 0.86, "quotes": 0.90, "places": 0.74, "events": 0.78,
            "all facts": 0.84},
    # Raised to session 9's end (development 0.928 0.918 0.933 0.785 0.840 | 0.891, blind 0.733
    # 0.686 0.747 0.667 0.619 | 0.677, all 0.890 0.872 0.902 0.757 0.787 | 0.846; seed+dev 0.952
    # 0.954 0.973 0.889 0.876 | 0.932).
    # the fresh fold, first measured at 31db789 (session 8's start): 0.816 0.860 0.809 0.571 0.657 | 0.760;
    # at session 8's end 0.816 0.860 0.795 0.571 0.660 | 0.759; at session 9's end 0.816 0.860
    # 0.822 0.667 0.663 | 0.767
    "fresh": {"positions": 0.79, "affiliations": 0.83, "quotes": 0.80, "events": 0.64, "all facts": 0.75,
              "places": 0.60},  # 4 gold facts: one error costs about 0.2
    # Session 10's new sets, first measured at e92f2e8 (dev3+dev4 0.649 0.496 0.775 0.522 0.625 | 0.640;
    # fold3 0.557 0.524 0.640 0.533 0.717 | 0.628) and at the session's end (dev3+dev4 0.716 0.569
    # 0.809 0.553 0.667 | 0.689; fold3 unchanged).
    "bulk development": {"positions": 0.70, "affiliations": 0.55, "quotes": 0.79, "places": 0.52, "events": 0.65,
                         "all facts": 0.67},  # 27 gold places: one error costs about 0.04
    "fold3": {"positions": 0.54, "affiliations": 0.50, "quotes": 0.62, "places": 0.50, "events": 0.70,
              "all facts": 0.61},
    # Session 11's fourth fold, first measured at 7e4248f: 0.794 0.701 0.800 0.541 0.797 | 0.771; the
    # four folds pooled (55 articles, 1,126 facts): 0.747 0.731 0.767 0.585 0.701 | 0.725.
    "fold4": {"positions": 0.77, "affiliations": 0.68, "quotes": 0.78, "places": 0.50, "events": 0.77,
              "all facts": 0.75},  # 25 gold places: one error costs about 0.04
    "folds": {"positions": 0.73, "affiliations": 0.71, "quotes": 0.75, "places": 0.56, "events": 0.69,
              "all facts": 0.71},
}
BYLINES_F1_FLOOR = 1.0  # one gold fact (the seed's author)
# Entities after the NER-fix and resolution work of session 6 (#9, entities lane): recall seed+dev
# 0.986, development 0.961, all 0.951 (the issue's target: 0.95); split 2, 21, 28 (target: 3% of
# all 51, 29); merged 0. Session 7 (entities lane): a generic body alone joins its country's body
# ("Cabinet", "United States Cabinet"), and a short name in brackets after a name is that name's
# ("Kurdistan Workers' Party (PKK)"): split 23 of all 51. Session 9 (entities lane: given names
# alone, a title alone for its one holder, names of the Islamic State): recall development 0.966,
# all 0.955; split 20 of all 51. Session 10 (entities lane: parties without "Party", acronyms,
# accents, leading names): development split 13 -> 11; dev3+dev4 split 12 -> 8, merged 2 -> 0;
# fold3 (R 0.907, split 6, merged 4) unchanged; all 51 split 20 -> 18.
ENTITY_FLOORS = {
    "seed+dev": {"recall": 0.98, "precision": 0.86},
    "development": {"recall": 0.96},
    "all": {"recall": 0.95},
    "bulk development": {"recall": 0.90},
    "fold3": {"recall": 0.90},
    "fold4": {"recall": 0.88},
}
ENTITY_CEILINGS = {  # gold entities split over, or merged into, predicted IRIs
    "seed+dev": {"split": 3, "merged": 0},
    "development": {"split": 11, "merged": 0},
    "bulk development": {"split": 8, "merged": 0},
    "fold3": {"split": 6, "merged": 4},  # measured, never read: the merges are unexplained
    "fold4": {"split": 13, "merged": 2},  # measured, never read
    "all": {"split": 18, "merged": 0},
}
# The issue allows 3; 2 since a speaker reporting its own ongoing action states an event (#9, events lane).
SEED_MISSES_CEILING = 2


@pytest.fixture(scope="module")
def corpus_report() -> EvalReport:
    return evaluate((*SETS["all"], FRESH_GOLD, *SETS["bulk development"], FOLD3_GOLD, FOLD4_GOLD))


def set_report(corpus_report: EvalReport, name: str) -> EvalReport:
    ids = {line["id"] for path in SETS[name] for line in read_gold(path)}
    return combine([article for article in corpus_report.articles if article.article in ids])


@pytest.fixture(scope="module")
def report(corpus_report: EvalReport) -> EvalReport:
    return set_report(corpus_report, "seed+dev")


def test_every_family_has_a_floor() -> None:
    for floors in F1_FLOORS.values():
        assert set(floors) | {"bylines"} == {*FAMILIES, "all facts"}


@pytest.mark.parametrize("name", list(SETS))
def test_family_f1_stays_above_its_floor(corpus_report: EvalReport, name: str) -> None:
    scored = set_report(corpus_report, name)
    figures = {family: scored.families[family] for family in FAMILIES} | {"all facts": scored.all_facts}
    below = {family: counts.to_dict() for family, counts in figures.items()
             if family in F1_FLOORS[name] and counts.f1 < F1_FLOORS[name][family]}
    assert below == {}, name


def test_bylines_stay_found(report: EvalReport) -> None:
    assert report.families["bylines"].f1 >= BYLINES_F1_FLOOR, report.families["bylines"].to_dict()


def test_the_seed_keeps_its_missed_facts_under_the_ceiling(corpus_report: EvalReport) -> None:
    seed = next(article for article in corpus_report.articles if article.article == "7249ac44")
    assert len(seed.misses) <= SEED_MISSES_CEILING, [miss.fact for miss in seed.misses]


@pytest.mark.parametrize("name", list(ENTITY_FLOORS))
def test_entities_stay_above_their_floors(corpus_report: EvalReport, name: str) -> None:
    entities = set_report(corpus_report, name).entities
    figures = entities.to_dict()
    floors, ceilings = ENTITY_FLOORS[name], ENTITY_CEILINGS.get(name, {})
    assert entities.recall >= floors["recall"], figures
    assert entities.precision >= floors.get("precision", 0.0), figures
    assert entities.split <= ceilings.get("split", entities.split), figures["splits"]
    assert entities.merged <= ceilings.get("merged", entities.merged), figures["merges"]


def test_every_gold_article_was_analysed(report: EvalReport) -> None:
    assert [article.article for article in report.articles] == [
        "7249ac44", "001", "005", "015", "021", "023", "026", "034", "038", "047", "055"
    ]
    assert all(sum(counts.predicted for counts in article.families.values()) for article in report.articles)


def test_misses_carry_their_sentence(report: EvalReport) -> None:
    located = [miss for miss in report.misses if miss.sentence]
    assert len(located) >= 0.9 * len(report.misses)
    assert all(issue.sentence for issue in report.false_positives)


def test_cli_json_is_the_report_of_the_api(seed_report: EvalReport) -> None:
    result = CliRunner().invoke(eval_command, [str(SEED_GOLD), "--format", "json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert [article["article"] for article in printed["articles"]] == ["7249ac44"]
    assert printed == seed_report.to_dict()


def test_cli_text_table_and_misses() -> None:
    result = CliRunner().invoke(eval_command, [str(SEED_GOLD), "--misses"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["family", "gold", "pred", "match", "P", "R", "F1"]
    assert [line.split()[0] for line in lines[1:7]] == list(FAMILIES)
    assert "== article 7249ac44 (matched/gold/predicted: positions " in result.output
