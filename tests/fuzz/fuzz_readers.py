"""Coverage-guided fuzzing of the article readers (txt, html, json, jsonl) with atheris.

    make fuzz                     # FUZZ_SECONDS (default 120) of fuzzing, then libFuzzer's stats
    .venv/bin/python tests/fuzz/fuzz_readers.py --seeds CORPUS_DIR    # seed inputs, then:
    .venv/bin/python tests/fuzz/fuzz_readers.py CORPUS_DIR -max_total_time=60

The first byte of an input picks the reader, the rest is the file's content. Whatever the
bytes, a reader must either yield articles, per-record IngestErrors and IngestWarnings, or
raise one IngestError; every message is one line; an article has text, none of the
characters XML forbids, and an ISO date or none. Any other exception, or a broken
invariant, is a finding: libFuzzer stops and writes the input to the artifact prefix.

Not collected by pytest (the file name does not start with test_); `make fuzz` runs it
with a corpus made from examples/articles, in a temporary folder.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import atheris

# The readers and the HTML extraction they call (trafilatura and its helpers) guide the fuzzer.
with atheris.instrument_imports(include=["kgnews", "trafilatura", "htmldate", "courlan", "justext"]):
    from kgnews import xmlchars
    from kgnews.errors import IngestError, IngestWarning
    from kgnews.ingest.readers import read_html, read_json, read_jsonl, read_txt
    from kgnews.model import Article

READERS = (read_txt, read_html, read_json, read_jsonl)
EXTENSIONS = (".txt", ".html", ".json", ".jsonl")
SOURCE = "fuzzed"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def one_line(message: str) -> None:
    if "\n" in message or "\r" in message or not message.startswith(SOURCE):
        raise AssertionError(f"not one line naming the input: {message!r}")


def check_article(article: Article) -> None:
    if not article.text.strip():
        raise AssertionError("an article without text")
    for name in ("id", "text", "title", "url", "author", "publisher"):
        value = getattr(article, name)
        if value is not None and name != "id" and xmlchars.forbidden_in(value):
            raise AssertionError(f"field {name} keeps characters XML forbids: {value!r}")
    if article.date is not None and not ISO_DATE.fullmatch(article.date):
        raise AssertionError(f"date not ISO: {article.date!r}")
    article.text.encode("utf-8")  # no lone surrogate reaches the store
    article.text_hash  # noqa: B018 - must not raise


def test_one_input(data: bytes) -> None:
    if not data:
        return
    reader = READERS[data[0] % len(READERS)]
    try:
        for item in reader(data[1:], SOURCE):
            if isinstance(item, Article):
                check_article(item)
            elif isinstance(item, (IngestError, IngestWarning)):
                one_line(str(item))
            else:
                raise AssertionError(f"{reader.__name__} yielded {type(item).__name__}")
    except IngestError as error:
        one_line(str(error))


EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
SEEDS = {
    read_html: [b"<html><head><title>Budget</title><meta name='date' content='2019-02-11'></head><body>"
                b"<article><p>Gov. Mark Dayton of Minnesota said on Monday that the budget would pass.</p>"
                b"</article></body></html>"],
    read_json: [json.dumps([{"id": "a b", "title": "T", "text": "Kurt Daudt spoke.", "date": "2019-02-30",
                             "author": "Eve\u0000"}, {"text": 5}]).encode()],
    read_jsonl: [b'{"id": 1, "text": "Amy Klobuchar met Tim Walz.", "date": 20190211}\n\n{"text": \n[[[[1]]]]\n'],
}


def write_seeds(folder: Path) -> None:
    """A starting corpus: each example article for the reader of its format, and a few
    hand-made inputs with the troubles readers meet (bad dates, NUL, wrong types)."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [(reader, path.read_bytes()) for path in sorted(EXAMPLES.iterdir())
             for reader, extension in zip(READERS, EXTENSIONS) if path.suffix == extension]
    seeds += [(reader, data) for reader, inputs in SEEDS.items() for data in inputs]
    for number, (reader, data) in enumerate(seeds):
        (folder / f"seed-{number}").write_bytes(bytes([READERS.index(reader)]) + data)


def main() -> None:
    if sys.argv[1:2] == ["--seeds"]:
        write_seeds(Path(sys.argv[2]))
        return
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
