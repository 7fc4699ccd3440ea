"""Article dates read from datelines at the start of real article texts."""
from __future__ import annotations


import pytest

from conftest import GOLD_DIR
from kgnews.nlp.extract.datelines import dateline_date

SEED_TEXT = (GOLD_DIR / "seed-7249ac44.txt").read_text(encoding="utf-8")
# Wikinews 001 (2019-01-04); the corpus dropped its dateline paragraph "Friday, January 4, 2019".
PELOSI_TITLE, PELOSI_BODY = (GOLD_DIR / "articles" / "001.txt").read_text(encoding="utf-8").split("\n\n", 1)


def with_first_paragraph(paragraph: str) -> str:
    return f"{PELOSI_TITLE}\n\n{paragraph}\n\n{PELOSI_BODY}"


def with_paragraph_before_body(paragraph: str) -> str:
    """The dateline written before the first sentence, on the same line."""
    return f"{PELOSI_TITLE}\n\n{paragraph}{PELOSI_BODY}"


def test_seed_dateline_in_its_third_paragraph() -> None:
    # "SAINT PAUL, MN November 1, 2016  The first day ..." after a lede and a photo caption
    # that mentions "Tuesday, Nov. 1, 2016" mid-sentence.
    assert dateline_date(SEED_TEXT) == "2016-11-01"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(with_first_paragraph("Friday, January 4, 2019"), id="weekday-line"),
        pytest.param(with_first_paragraph("January 4, 2019"), id="date-line"),
        pytest.param(with_first_paragraph("Published: 2019-01-04"), id="published-iso"),
        pytest.param(with_first_paragraph("Posted on Jan. 4, 2019 at 10:32 a.m."), id="posted-with-time"),
        pytest.param(with_paragraph_before_body("WASHINGTON (AP) — Jan. 4, 2019 — "), id="agency"),
        pytest.param(with_paragraph_before_body("WASHINGTON, D.C., 4 January 2019 - "), id="place-region-day-first"),
        pytest.param(with_paragraph_before_body("January 4, 2019 — "), id="date-before-dash"),
        pytest.param(f"{PELOSI_BODY[:200]}\n\nFRIDAY, JAN. 4, 2019\n\n{PELOSI_BODY}", id="all-caps-second-paragraph"),
    ],
)
def test_dateline_forms(text: str) -> None:
    assert dateline_date(text) == "2019-01-04"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(PELOSI_TITLE + "\n\n" + PELOSI_BODY, id="no-dateline"),
        pytest.param(with_paragraph_before_body("WASHINGTON (AP) — Jan. 4 — "), id="no-year"),
        pytest.param(with_first_paragraph("January 2019"), id="no-day"),
        pytest.param(with_first_paragraph("February 30, 2019"), id="no-such-day"),
        pytest.param(with_first_paragraph("Published: 2019-13-04"), id="no-such-month"),
        pytest.param(  # a date in the first sentence is what the article reports
            with_paragraph_before_body("On Friday, January 4, 2019, "), id="date-in-a-sentence",
        ),
    ],
)
def test_no_dateline_no_date(text: str) -> None:
    assert dateline_date(text) is None


def test_a_date_in_the_fifth_paragraph_is_no_dateline() -> None:
    paragraphs = PELOSI_BODY.split("\n\n")
    text = "\n\n".join([PELOSI_TITLE, *paragraphs[:4], "Friday, January 4, 2019", *paragraphs[4:]])
    assert dateline_date(text) is None
    assert dateline_date("\n\n".join([PELOSI_TITLE, *paragraphs[:2], "Friday, January 4, 2019"])) == "2019-01-04"
