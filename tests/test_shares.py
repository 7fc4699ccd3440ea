"""Inputs cut into shares that Dask workers read themselves: the same articles, errors and
warnings, line numbers included, as reading the files whole."""
from __future__ import annotations

import codecs
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import EXAMPLE_ARTICLES
from kgnews.api import _read_on_workers, _Run
from kgnews.errors import IngestError, IngestWarning
from kgnews.ingest import read_articles
from kgnews.ingest.shares import ArticleAt, Share, file_shares, read_articles_at, read_share
from kgnews.model import Article
from kgnews.nlp.distributed import Cluster

RECORDS = [json.loads(line) for line in (EXAMPLE_ARTICLES / "wikinews-2019.jsonl").read_text().splitlines() if line]


def whole(sources: list) -> list[str]:
    """What read_articles gives, as comparable lines."""
    items: list[object] = []
    items += read_articles(sources, on_error=items.append, on_warning=items.append)
    return [described(item) for item in items]


def by_shares(sources: list, share_bytes: int) -> list[str]:
    items: list[object] = []
    for share in file_shares(sources, share_bytes):
        items += [share] if isinstance(share, IngestError) else read_share(share)
    return [described(item) for item in items]


def described(item: object) -> str:
    if isinstance(item, Article):
        return f"article {item.id} {item.source} {item.text_hash} {item.date}"
    return f"{type(item).__name__} {item}"


@pytest.fixture
def lines_file(tmp_path: Path) -> Path:
    """Real records, with a blank line, a malformed line, a record with an unreadable date
    and a byte order mark; the last line without a line end."""
    dated = {**RECORDS[1], "date": "not a date"}
    lines = [json.dumps(RECORDS[0]), "", '{"text": "unclosed', json.dumps(dated), json.dumps(RECORDS[2]),
             json.dumps(RECORDS[3])]
    path = tmp_path / "news.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + "\n".join(lines).encode("utf-8"))
    return path


@pytest.mark.parametrize("share_bytes", [1, 100, 5000, 1 << 20])
def test_shares_read_what_the_whole_file_gives(lines_file: Path, share_bytes: int) -> None:
    expected = whole([lines_file])
    assert by_shares([lines_file], share_bytes) == expected
    assert sum(line.startswith("article") for line in expected) == 4
    assert any(line.startswith(f"IngestError {lines_file}:3: malformed JSON") for line in expected)
    assert any(line.startswith(f"IngestWarning {lines_file}:4: field 'date'") for line in expected)


def test_small_shares_cut_a_file_at_line_ends(lines_file: Path) -> None:
    shares = list(file_shares([lines_file], 100))
    assert len(shares) > 3 and all(isinstance(share, Share) for share in shares)
    data = lines_file.read_bytes()
    assert b"".join(data[share.start:share.end] for share in shares) == data
    assert all(data[share.start - 1:share.start] == b"\n" for share in shares[1:])
    assert [share.line for share in shares] == [data[:share.start].count(b"\n") + 1 for share in shares]


def test_folders_and_bad_inputs_give_the_same_reports(lines_file: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"\n \n")
    (tmp_path / "notes.md").write_text("not an article")
    sources = [EXAMPLE_ARTICLES, tmp_path, tmp_path / "missing.jsonl", tmp_path / "notes.md"]
    expected = whole(sources)
    assert by_shares(sources, 200) == expected
    assert f"IngestError {tmp_path / 'empty.jsonl'}: empty file" in expected
    assert f"IngestError {tmp_path / 'missing.jsonl'}: no such file or directory" in expected


def test_an_article_is_read_again_at_its_place_unless_its_file_changed(lines_file: Path) -> None:
    share = next(share for share in file_shares([lines_file], 100) if any(
        isinstance(item, Article) for item in read_share(share)) and share.start > 0)
    [article] = [item for item in read_share(share) if isinstance(item, Article)]
    place = ArticleAt(share, 0, article.id, article.text_hash)
    assert read_articles_at([place]) == [article]
    lines_file.write_bytes(lines_file.read_bytes().replace(b"Trump", b"Biden"))
    [changed] = read_articles_at([place])
    assert isinstance(changed, IngestError) and "changed while it was being ingested" in str(changed)


def test_warnings_are_read_once_per_share(lines_file: Path) -> None:
    warnings = [item for share in file_shares([lines_file], 1) for item in read_share(share)
                if isinstance(item, IngestWarning)]
    assert len(warnings) == 1


def test_the_places_of_articles_the_run_does_not_analyse_are_dropped(lines_file: Path, tmp_path: Path) -> None:
    """A Dask run keeps the place of an article only between reading it and sending it for
    analysis: those skipped (done already, read twice, too long) leave nothing behind."""
    again = tmp_path / "again.jsonl"  # the same articles read a second time, and one too long
    longest = max(len(record["text"]) for record in RECORDS)
    long_record = {**RECORDS[0], "id": "long", "text": RECORDS[0]["text"] + " more" * longest}
    again.write_text("\n".join(json.dumps(record) for record in [*RECORDS, long_record]), encoding="utf-8")
    run = _Run(on_error=None, progress=None)
    done_id = RECORDS[1]["id"]
    with ThreadPoolExecutor(2) as executor:
        articles, places = _read_on_workers([lines_file, again], Cluster(executor, 2), run.error, run.warning)
        analysed = []
        for article in run.needing_extraction(
            articles, lambda chunk: {a.id for a in chunk if a.id == done_id}, 2 * longest,
            dropped=places.forget,
        ):
            [read_again] = read_articles_at([places(article)])
            assert read_again == article
            analysed.append(article.id)
    assert sorted(analysed) == sorted(record["id"] for record in RECORDS if record["id"] != done_id)
    assert run.summary.skipped == len(RECORDS) + 1 and run.summary.failed == 2  # the malformed and the long one
    assert places.places == {}  # no place is kept once every article read is sent or forgotten
