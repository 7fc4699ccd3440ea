"""located_in and lives_in, one pattern per case, on real model output."""
from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span


def text(ref: Span | str | None) -> str | None:
    return ref if isinstance(ref, str) or ref is None else ref.text


def places(nlp: Language, sentence: str) -> set[tuple]:
    return {(text(fact.subject), fact.relation, text(fact.object))
            for fact in nlp(sentence)._.kg_facts or () if fact.relation in ("located_in", "lives_in")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a dateline (headline, blank line, then the dateline paragraph)
        ("Enrollment opens\n\nSAINT PAUL, MN November 1, 2016 The first day of enrollment was marred by issues.",
         ("SAINT PAUL", "located_in", "MN")),
        # city, state: AP abbreviation and full name
        ("The rally was held in Crown, Minn., on Saturday.", ("Crown", "located_in", "Minn.")),
        ("The protest took place in Austin, Texas, last week.", ("Austin", "located_in", "Texas")),
        ("Elijah Cummings was born in Baltimore, Maryland, in 1951.", ("Baltimore", "located_in", "Maryland")),
        # X-based Y
        ("He was the chief executive officer of Virginia-based Symplicity Corporation.",
         ("Symplicity Corporation", "located_in", "Virginia")),
        # a state of a country
        ("On Monday, Nevada became the first state in the United States to have a female majority.",
         ("Nevada", "located_in", "United States")),
        ("Native American groups sued the US state of Montana over the law.", ("Montana", "located_in", "US")),
        # where people live
        ("Jane Doe, who lives in Minneapolis, attended.", ("Jane Doe", "lives_in", "Minneapolis")),
        ("Jane Doe, a resident of Minneapolis, attended the hearing.", ("Jane Doe", "lives_in", "Minneapolis")),
        ("Minneapolis resident Jane Doe attended the hearing.", ("Jane Doe", "lives_in", "Minneapolis")),
    ],
)
def test_place(nlp: Language, sentence: str, expected: tuple) -> None:
    assert expected in places(nlp, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Yesterday, Bill de Blasio, the mayor of New York, New York, ended his campaign.",  # a place and itself
        "The company, in a statement, said it would appeal.",  # a lower-case "in" is no state code
        "Talks between Iran, Iraq and Syria resumed on Monday.",  # a list of countries
    ],
)
def test_no_place_from_lists_or_repeats(nlp: Language, sentence: str) -> None:
    assert places(nlp, sentence) == set()
