"""Inputs cut into shares that Dask workers read themselves: the same articles, errors and
warnings, line numbers included, as reading the files whole."""
from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from conftest import EXAMPLE_ARTICLES
from kgnews.errors import IngestError, IngestWarning
from kgnews.ingest import read_articles
from kgnews.ingest.shares import ArticleAt, Share, file_shares, read_articles_at, read_share
from kgnews.model import Article

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
