"""Run the pipeline on the articles of gold files and score the result.

    report = evaluate("gold-dev.jsonl")          # texts found beside the gold file
    print(format_text(report))

Gold lines carry an article's id, title and date but not its text. The text is looked for,
in this order, in the `articles` folder given, else the gold file's folder:
`articles/<id>.txt`, `seed-<id>.txt`, `<id>.txt`, then a record with that id in
`articles.jsonl`. `articles` may also be a .jsonl/.json file of records, or one .txt file
when the gold file has one article. Texts are read with the normal ingest readers, so
they are analysed exactly as `kgnews ingest` would; the article takes the gold id (and
the gold title and date when the text has none), and no author or publisher from metadata.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kgnews import api
from kgnews.errors import IngestError, KGNewsError
from kgnews.eval.scoring import EvalReport, combine, score_article
from kgnews.ingest import read_articles
from kgnews.model import Article
from kgnews.defaults import DEFAULT_MODEL

GoldLine = dict[str, Any]


def read_gold(path: str | Path) -> list[GoldLine]:
    """The gold lines of a JSONL file; a bad line raises IngestError naming file and line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise IngestError(str(path), f"cannot read gold file ({error})") from None
    gold: list[GoldLine] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            gold.append(_gold_line(line, str(path), number))
    if not gold:
        raise IngestError(str(path), "no gold lines")
    return gold


def _gold_line(line: str, source: str, number: int) -> GoldLine:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise IngestError(source, f"malformed JSON: {error.msg} (column {error.colno})", number) from None
    if not isinstance(record, dict) or not isinstance(record.get("id"), (str, int)):
        raise IngestError(source, "expected a JSON object with an 'id'", number)
    for key in ("entities", "facts", "implicit"):
        if not isinstance(record.get(key, []), list):
            raise IngestError(source, f"'{key}' must be a list", number)
    for index, fact in enumerate(record.get("facts", []), start=1):
        if not isinstance(fact, dict) or not {"subject", "relation"} <= fact.keys():
            raise IngestError(source, f"fact {index} needs 'subject' and 'relation'", number)
    for index, entity in enumerate(record.get("entities", []) + record.get("implicit", []), start=1):
        if not isinstance(entity, dict) or not isinstance(entity.get("name"), str):
            raise IngestError(source, f"entity {index} needs a 'name'", number)
    record["id"] = str(record["id"])
    return record


def find_articles(
    gold: Sequence[GoldLine], *, gold_dir: str | Path | None = None, articles: str | Path | None = None
) -> dict[str, Article]:
    """The article of each gold line, by id (see the module docstring for where texts are looked for)."""
    location = Path(articles) if articles is not None else Path(gold_dir or ".")
    if location.is_file():
        return _articles_from_file(gold, location)
    found: dict[str, Article] = {}
    records = _records_by_id(location / "articles.jsonl") if (location / "articles.jsonl").is_file() else {}
    for line in gold:
        article_id = line["id"]
        candidates = [location / "articles" / f"{article_id}.txt", location / f"seed-{article_id}.txt",
                      location / f"{article_id}.txt"]
        path = next((candidate for candidate in candidates if candidate.is_file()), None)
        if path is not None:
            found[article_id] = _as_gold_article(_read_one(path), line)
        elif article_id in records:
            found[article_id] = _as_gold_article(records[article_id], line)
        else:
            looked_for = ", ".join(str(candidate.relative_to(location)) for candidate in candidates)
            raise IngestError(
                str(location), f"no text for gold article {article_id} (looked for {looked_for}, articles.jsonl)"
            )
    return found


def _articles_from_file(gold: Sequence[GoldLine], path: Path) -> dict[str, Article]:
    if path.suffix.lower() in (".jsonl", ".json"):
        records = _records_by_id(path)
        missing = [line["id"] for line in gold if line["id"] not in records]
        if missing:
            raise IngestError(str(path), f"no text for gold article {', '.join(missing)}")
        return {line["id"]: _as_gold_article(records[line["id"]], line) for line in gold}
    if len(gold) != 1:
        raise IngestError(str(path), f"one text file for {len(gold)} gold articles (give a folder or a .jsonl file)")
    return {gold[0]["id"]: _as_gold_article(_read_one(path), gold[0])}


def _read_one(path: Path) -> Article:
    return next(iter(read_articles([path])))


def _records_by_id(path: Path) -> dict[str, Article]:
    return {article.id: article for article in read_articles([path])}


def _as_gold_article(article: Article, gold: GoldLine) -> Article:
    # Bylines are scored as the text states them: an author or publisher from a record's
    # metadata would be a free fact that the gold does not list (and the same text would
    # score differently from a .txt file and from a .jsonl record).
    return dataclasses.replace(
        article, id=gold["id"], title=article.title or gold.get("title"), date=article.date or gold.get("date"),
        author=None, publisher=None,
    )


def evaluate(
    gold_paths: str | Path | Iterable[str | Path],
    *,
    articles: str | Path | None = None,
    model: str | None = None,
    store: str | Path | None = None,
) -> EvalReport:
    """Ingest the gold files' articles into a store and score its entities and facts views.

    `model` is the spaCy pipeline package (default: the one kgnews pins). `store` defaults to a temporary in-memory store; a store location keeps the graph
    (articles already there with the same text are not analysed again). An article
    whose analysis fails raises, since scoring without it would be misleading.
    """
    if isinstance(gold_paths, (str, Path)):
        gold_paths = [gold_paths]
    gold: list[GoldLine] = []
    texts: dict[str, Article] = {}
    for path in map(Path, gold_paths):
        lines = read_gold(path)
        texts.update(find_articles(lines, gold_dir=path.parent, articles=articles))
        gold.extend(lines)
    with api.open(":memory:" if store is None else store) as kg:
        summary = kg.ingest(list(texts.values()), model=model)
        if summary.errors:
            raise KGNewsError(f"evaluation stopped: {summary.errors[0]}")
        reports = [
            score_article(line, list(kg.entities(article=line["id"])), list(kg.facts(article=line["id"])),
                          texts[line["id"]].text)
            for line in gold
        ]
    return combine(reports, model=model or DEFAULT_MODEL)

