"""kgnews.ingest on real files: every format, folders, globs, stdin, ids and bad inputs."""
from __future__ import annotations

import hashlib
import io
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kgnews.errors import IngestError
from kgnews.ingest import read_articles, text_id
from kgnews.ingest.articles import normalise_date
from kgnews.model import Article

DATA = Path(__file__).parent / "data" / "ingest"
ARTICLES = DATA / "articles"
BAD = DATA / "bad"
HARBOR = ARTICLES / "harbor-bill.txt"
BUS = ARTICLES / "bus-drivers.txt"
PAGE = ARTICLES / "pages" / "marsh-mnsure.html"
GOVERNORS = ARTICLES / "records" / "governors.json"
BRIEFS = ARTICLES / "records" / "briefs.jsonl"


def read_all(sources, stdin=None) -> tuple[list[Article], list[IngestError]]:
    errors: list[IngestError] = []
    articles = list(read_articles(sources, stdin=stdin, on_error=errors.append))
    return articles, errors


def read_one(source) -> Article:
    articles, errors = read_all([source])
    assert errors == []
    assert len(articles) == 1
    return articles[0]


def read_one_from_stdin(stdin) -> Article:
    articles, errors = read_all(["-"], stdin=stdin)
    assert errors == []
    assert len(articles) == 1
    return articles[0]


# --- plain text ---------------------------------------------------------------

def test_txt_first_line_is_the_title_when_a_blank_line_follows():
    article = read_one(HARBOR)
    assert article.title == "Senate passes harbor dredging bill after late-night session"
    assert article.text == HARBOR.read_text(encoding="utf-8").rstrip()
    assert article.text.startswith(article.title + "\n\nDuluth, Minnesota")
    assert article.source == str(HARBOR)


def test_txt_without_blank_second_line_has_no_title():
    article = read_one(BUS)
    assert article.title is None
    assert article.text.startswith("Mayor Jonas Feld of St. Cloud said")


def test_txt_bom_and_crlf_are_normalised(tmp_path):
    windows = tmp_path / "windows.txt"
    windows.write_bytes(b"\xef\xbb\xbfCouncil backs budget\r\n\r\nThe council backed the budget.\r\nIt passed 7-2.\r\n")
    unix = tmp_path / "unix.txt"
    unix.write_bytes(b"Council backs budget\n\nThe council backed the budget.\nIt passed 7-2.")
    from_windows, from_unix = read_one(windows), read_one(unix)
    assert from_windows.text == "Council backs budget\n\nThe council backed the budget.\nIt passed 7-2."
    assert from_windows.title == "Council backs budget"
    assert from_windows.id == from_unix.id


# --- JSON and JSON lines --------------------------------------------------------

def test_json_list_reads_every_field_and_ignores_others():
    articles, errors = read_all([GOVERNORS])
    assert errors == []
    signed, task_force = articles
    assert signed.id == "gov-2021/017"  # as given: kgnews.graph.iris encodes it for IRIs
    assert signed.title == "Governor Marsh signs broadband grant program"
    assert signed.text == (
        "Governor Marsh signs broadband grant program\n\n"
        "Governor Elena Marsh signed a broadband grant program into law on Tuesday.\n\n"
        "The program gives rural counties $25 million over two years, Marsh said at a ceremony in Bemidji."
    )
    assert signed.url == "https://news.example.org/politics/broadband-grants"
    assert signed.date == "2021-03-09"
    assert signed.author == "Rita Okafor"
    assert signed.publisher == "Northstar Ledger"
    assert signed.source == str(GOVERNORS)
    assert task_force.id == text_id(task_force.text)
    assert task_force.date == "2021-07-14"  # the calendar date the timestamp states
    assert task_force.author is None and task_force.url is None


def test_json_single_object(tmp_path):
    single = tmp_path / "single.json"
    single.write_text(json.dumps({"id": 42, "title": "Mayor resigns", "text": "Mayor resigns\n\nThe mayor resigned."}))
    article = read_one(single)
    assert article.id == "42"
    assert article.text == "Mayor resigns\n\nThe mayor resigned."  # the title is not repeated


def test_jsonl_skips_blank_lines_and_names_each_line():
    articles, errors = read_all([BRIEFS])
    assert errors == []
    assert [article.source for article in articles] == [f"{BRIEFS}:1", f"{BRIEFS}:3"]
    first, second = articles
    assert first.id == "brief-1"
    assert first.text == ("Auditor opens review of state fleet costs\n\n"
                          "State Auditor Nadia Brooks opened a review of the state vehicle fleet on Thursday.")
    assert first.date == "2022-02-03"
    assert second.id == "brief 2"
    assert second.title is None
    assert second.date is None  # "next Tuesday" is no date


@pytest.mark.parametrize("value, expected", [
    ("2019-01-04", "2019-01-04"),
    ("2016-11-01T17:42:00-05:00", "2016-11-01"),
    ("2016-11-01T22:10:00Z", "2016-11-01"),
    ("November 1, 2016", "2016-11-01"),
    ("Nov 1, 2016", "2016-11-01"),
    ("1 November 2016", "2016-11-01"),
    ("2016/11/01", "2016-11-01"),
    ("Tue, 01 Nov 2016 17:42:00 -0500", "2016-11-01"),
    ("next Tuesday", None),
    ("2016-13-45", None),
    ("", None),
])
def test_dates_are_normalised_to_iso(value, expected):
    assert normalise_date(value) == expected


def test_json_date_of_another_type_is_left_out(tmp_path):
    record = tmp_path / "numeric-date.json"
    record.write_text(json.dumps({"text": "The board met.", "date": 20210309}))
    assert read_one(record).date is None


# --- HTML ------------------------------------------------------------------------

def test_html_main_text_and_metadata():
    article = read_one(PAGE)
    assert article.title == "Marsh blames insurance site outages on robocallers"
    assert article.author == "Rita Okafor"
    assert article.date == "2021-11-02"
    assert article.publisher == "Northstar Ledger"
    assert article.url == "https://news.example.org/politics/2021/11/02/marsh-robocallers"
    assert article.text.startswith(article.title + "\n\nSAINT PAUL, Minn. — The state health insurance website")
    assert article.text.count(article.title) == 1
    assert "“We are doing our best to keep it running,” the governor said." in article.text
    assert article.text.endswith("publish the final rates later this week.")
    assert len(article.text.split("\n\n")) == 5  # the headline and four paragraphs
    for boilerplate in ("Subscribe today", "Most read", "overtime thriller", "All rights reserved",
                        "Privacy policy", "newsletter", "window.analytics"):
        assert boilerplate not in article.text


def test_html_in_a_declared_legacy_charset(tmp_path):
    page = tmp_path / "legacy.htm"
    page.write_bytes(
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        b"<title>Caf\xe9 owners lobby council</title></head><body><article>"
        b"<p>Owners of the Caf\xe9 Nord told the city council on Monday that the new parking rules "
        b"would \x93drive customers away\x94 from the riverfront district.</p>"
        b"<p>Council member Ida Berg said the rules would be reviewed in the spring session.</p>"
        b"</article></body></html>"
    )
    article = read_one(page)
    assert "Caf\u00e9 Nord" in article.text
    assert "\u201cdrive customers away\u201d" in article.text


# --- folders, globs, stdin ---------------------------------------------------------

def test_folder_is_read_recursively_in_sorted_order_skipping_hidden_and_other_files():
    articles, errors = read_all([ARTICLES])
    assert errors == []
    assert [article.source for article in articles] == [
        str(BUS), str(HARBOR), str(PAGE), f"{BRIEFS}:1", f"{BRIEFS}:3", str(GOVERNORS), str(GOVERNORS),
    ]
    assert not any("must skip" in article.text for article in articles)


def test_glob_patterns_are_expanded():
    articles, errors = read_all([str(ARTICLES / "*.txt"), str(ARTICLES / "**" / "*.jsonl")])
    assert errors == []
    assert [article.source for article in articles] == [str(BUS), str(HARBOR), f"{BRIEFS}:1", f"{BRIEFS}:3"]


def test_stdin_plain_text():
    stdin = io.StringIO("Budget vote delayed\n\nThe vote on the budget was delayed until Friday.\n")
    article = read_one_from_stdin(stdin)
    assert article.title == "Budget vote delayed"
    assert article.text == "Budget vote delayed\n\nThe vote on the budget was delayed until Friday."
    assert article.source == "<stdin>"


def test_stdin_json_lines_from_a_byte_stream():
    lines = [{"id": "a", "text": "The governor vetoed the bill."}, {"id": "b", "text": "The senate overrode the veto."}]
    data = "\n" + "\n".join(json.dumps(line) for line in lines) + "\n"
    stdin = io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8")
    articles, errors = read_all(["-"], stdin=stdin)
    assert errors == []
    assert [(article.id, article.source) for article in articles] == [("a", "<stdin>:2"), ("b", "<stdin>:3")]


# --- ids --------------------------------------------------------------------------

def test_same_text_gets_the_same_id_whatever_the_format(tmp_path):
    title, body = "Harbor bill passes", "The Senate passed the harbor bill on Friday."
    as_text = tmp_path / "harbor.txt"
    as_text.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    as_lines = tmp_path / "harbor.jsonl"
    as_lines.write_text(json.dumps({"title": title, "text": body}) + "\n", encoding="utf-8")
    from_text, from_lines = read_one(as_text), read_one(as_lines)
    assert from_text.text == from_lines.text
    assert from_text.id == from_lines.id == hashlib.sha256(from_text.text.encode("utf-8")).hexdigest()[:8]
    assert read_one(as_text).id == from_text.id


def test_different_texts_get_different_ids():
    assert read_one(HARBOR).id != read_one(BUS).id


@pytest.mark.parametrize("given", ["001", "gov 2021/017", "Gdańsk?x=1#top", "..", "http://example.org/a", " a  b "])
def test_given_ids_are_kept_exactly_as_given(tmp_path, given):
    record = tmp_path / "record.json"
    record.write_text(json.dumps({"id": given, "text": HARBOR.read_text(encoding="utf-8")}), encoding="utf-8")
    assert read_one(record).id == given


def test_an_id_that_is_not_text_is_refused(tmp_path):
    record = tmp_path / "record.json"
    record.write_text('{"id": "a\\ud800", "text": "Governor Mark Dayton spoke."}', encoding="utf-8")
    articles, errors = read_all([record])
    assert articles == [] and [str(error) for error in errors] == [
        f"{record}: field 'id' is not valid Unicode (it holds a lone surrogate)"
    ]


# --- bad inputs -----------------------------------------------------------------------

def write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


BAD_INPUTS = {
    "missing file": (lambda tmp: tmp / "missing.txt", "no such file or directory", None),
    "empty file": (lambda tmp: BAD / "empty.txt", "empty file", None),
    "blank file": (lambda tmp: write(tmp, "blank.jsonl", "\n  \n"), "empty file", None),
    "byte order mark only": (lambda tmp: write(tmp, "bom.txt", b"\xef\xbb\xbf\n"), "empty file", None),
    "binary file": (lambda tmp: write(tmp, "scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
                    "binary file (not text)", None),
    "UTF-16 file": (lambda tmp: write(tmp, "wide.txt", "Title\n\nBody".encode("utf-16")),
                    "UTF-16 text (expected UTF-8)", None),
    "invalid UTF-8": (lambda tmp: write(tmp, "latin1.txt", "Title\n\nCafé opens.".encode("latin-1")),
                      "not valid UTF-8 at byte 10", None),
    "malformed JSON": (lambda tmp: BAD / "malformed.json", "malformed JSON: Expecting ',' delimiter (column 1)", 2),
    "JSON without text": (lambda tmp: write(tmp, "untold.json", '{"title": "Headline only"}'),
                          "missing field 'text'", None),
    "JSON with empty text": (lambda tmp: write(tmp, "blank-text.json", '{"text": " \\n "}'), "'text' is empty", None),
    "JSON text not a string": (lambda tmp: write(tmp, "list-text.json", '{"text": ["a", "b"]}'),
                               "field 'text' must be a string, found array", None),
    "JSON title not a string": (lambda tmp: write(tmp, "numeric-title.json", '{"text": "Body.", "title": 5}'),
                                "field 'title' must be a string, found number", None),
    "JSON not an object": (lambda tmp: write(tmp, "string.json", '"just a string"'),
                           "expected a JSON object, found string", None),
    "empty JSON list": (lambda tmp: write(tmp, "none.json", "[]"), "no articles (empty JSON list)", None),
    "unsupported type": (lambda tmp: BAD / "notes.xyz",
                         "unsupported file type '.xyz' (expected .txt, .html, .htm, .json, .jsonl)", None),
    "no extension": (lambda tmp: write(tmp, "README", "Some text."),
                     "unsupported file type (no file extension) (expected .txt, .html, .htm, .json, .jsonl)", None),
    "HTML without text": (lambda tmp: BAD / "gallery.html", "no article text found in HTML", None),
    "glob matching nothing": (lambda tmp: tmp / "*.jsonl", "no files match this pattern", None),
    "folder without articles": (lambda tmp: write(tmp, "empty-folder/notes.md", "x").parent,
                                "no supported files in folder (expected .txt, .html, .htm, .json, .jsonl)", None),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_each_bad_input_is_one_error_and_the_batch_goes_on(case, tmp_path):
    make_path, reason, line = BAD_INPUTS[case]
    bad = make_path(tmp_path)
    articles, errors = read_all([HARBOR, bad, GOVERNORS])
    assert [article.source for article in articles] == [str(HARBOR), str(GOVERNORS), str(GOVERNORS)]
    assert len(errors) == 1
    error = errors[0]
    assert (error.source, error.reason, error.line) == (str(bad), reason, line)
    where = f"{bad}:{line}" if line else str(bad)
    assert str(error) == f"{where}: {reason}"


def test_bad_lines_of_a_jsonl_file_are_skipped_and_named():
    mixed = BAD / "mixed.jsonl"
    articles, errors = read_all([mixed])
    assert [article.id for article in articles] == ["good-1", "good-2"]
    assert [(error.source, error.line, error.reason) for error in errors] == [
        (str(mixed), 2, "malformed JSON: Expecting ',' delimiter (column 47)"),
        (str(mixed), 3, "missing field 'text'"),
        (str(mixed), 4, "'text' is empty"),
    ]


def test_invalid_utf8_in_a_jsonl_line_names_the_line_and_file_byte(tmp_path):
    good = b'{"text": "The mayor spoke."}\n'
    bad = b'{"text": "Caf\xe9"}\n'
    path = write(tmp_path, "mixed-encoding.jsonl", good + bad + good)
    articles, errors = read_all([path])
    assert len(articles) == 2
    assert [(error.line, error.reason) for error in errors] == [(2, f"not valid UTF-8 at byte {len(good) + 13}")]


def test_bad_item_of_a_json_list_is_named_by_position(tmp_path):
    path = write(tmp_path, "items.json", json.dumps([{"text": "First."}, {"title": "No body"}, {"text": "Third."}]))
    articles, errors = read_all([path])
    assert [article.text for article in articles] == ["First.", "Third."]
    assert [error.reason for error in errors] == ["item 2: missing field 'text'"]


def test_without_on_error_the_first_bad_input_raises(tmp_path):
    articles = read_articles([HARBOR, tmp_path / "missing.txt", BUS])
    assert next(articles).source == str(HARBOR)
    with pytest.raises(IngestError, match="missing.txt: no such file or directory"):
        next(articles)


def test_stdin_json_lines_are_read_as_they_arrive():
    """A feed piped in is ingested as it comes: each line is an article before the next is written."""
    read_end, write_end = os.pipe()
    reader = ThreadPoolExecutor(1)
    with os.fdopen(read_end, "r", encoding="utf-8") as stdin, os.fdopen(write_end, "w", encoding="utf-8") as feed:
        articles = read_articles(["-"], stdin=stdin)
        try:
            for number in range(3):
                feed.write(json.dumps({"id": f"n{number}", "text": f"The council met on day {number}."}) + "\n")
                feed.flush()
                # Standard input read to its end first would time out here: the pipe is open.
                article = reader.submit(next, articles).result(timeout=30)
                assert (article.id, article.source) == (f"n{number}", f"<stdin>:{number + 1}")
        finally:
            feed.close()  # lets a reader still waiting on the pipe finish
            reader.shutdown()
        assert list(articles) == []


def test_invalid_utf8_on_stdin_is_reported_like_a_file():
    stdin = io.TextIOWrapper(io.BytesIO(b"Title\n\nBad byte \xff here."), encoding="utf-8")
    articles, errors = read_all(["-"], stdin=stdin)
    assert articles == []
    assert [str(error) for error in errors] == ["<stdin>: not valid UTF-8 at byte 16"]
