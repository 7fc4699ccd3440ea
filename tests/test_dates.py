"""Dates: explicit ones and relative ones resolved against the article date (no model)."""
from __future__ import annotations

import pytest

from kgnews.nlp.extract.dates import resolve_date


@pytest.mark.parametrize(
    ("text", "article_date", "expected"),
    [
        ("Tuesday", "2016-11-01", "2016-11-01"),  # the article's own weekday
        ("on Tuesday", "2019-09-12", "2019-09-10"),
        ("Monday night", "2019-09-12", "2019-09-09"),
        ("last Tuesday", "2016-11-01", "2016-10-25"),
        ("next Tuesday", "2016-11-01", "2016-11-08"),
        ("yesterday", "2019-09-21", "2019-09-20"),
        ("Early yesterday morning", "2019-10-18", "2019-10-17"),
        ("today", "2016-11-01", "2016-11-01"),
        ("this morning", "2016-11-01", "2016-11-01"),
        ("last week", "2016-11-01", "2016-W43"),
        ("last month", "2016-11-01", "2016-10"),
        ("last month", "2020-01-05", "2019-12"),
        ("last year", "2016-11-01", "2015"),
        ("Tuesday, Nov. 1, 2016", None, "2016-11-01"),
        ("October 26, 2016", "2016-11-01", "2016-10-26"),
        ("1 November 2016", None, "2016-11-01"),
        ("July 2", "2019-07-20", "2019-07-02"),
        ("January 1", "2016-11-01", "2017-01-01"),  # the nearer one
        ("In April", "2019-07-20", "2019-04"),
        ("in late June", "2019-07-20", "2019-06"),
        ("December", "2020-01-05", "2019-12"),
        ("June 2019", None, "2019-06"),
        ("in 2012", None, "2012"),
        ("2016-10-26", None, "2016-10-26"),
        ("Tuesday", None, None),  # nothing to resolve against
        ("the next morning", "2019-09-12", None),
        ("7:30 a.m.", "2019-09-21", None),
    ],
)
def test_resolve_date(text: str, article_date: str | None, expected: str | None) -> None:
    assert resolve_date(text, article_date) == expected
