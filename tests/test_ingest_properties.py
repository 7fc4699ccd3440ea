"""Property: whatever ids, titles, dates and texts come in, every article comes back out by its
id with its text hash, every export format parses, the derived graphs agree with the
articles, and nothing else in the store changes (#7).

Bounded so the suite stays fast: a few examples, short texts, an in-memory store. Control
and unassigned code points are left out of the generated strings: what ingest does with
characters XML forbids is tested on its own (read-safety's part of #7).
"""
from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kgnews
from kgnews.export import FORMATS, rdf_format
from kgnews.graph import iris
from kgnews.ingest import read_articles
from kgnews.model import Article

pytestmark = [pytest.mark.slow, pytest.mark.model]

BASE = Article(id="base", text="Governor Mark Dayton of Minnesota met Speaker Kurt Daudt in Saint Paul on Tuesday.")
SENTENCES = [
    "Senator Amy Klobuchar of Minnesota said the farm bill would pass.",
    "Mark Dayton, the Governor of Minnesota, criticized the Republican Party.",
    "Speaker Nancy Pelosi told reporters in Washington that the House would vote on Friday.",
    "The Democratic Party chose Tim Walz as its candidate.",
]
TEXT_CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc", "Cn"))
ids = st.text(TEXT_CHARACTERS, min_size=1, max_size=16).filter(lambda text: text != BASE.id)
titles = st.none() | st.text(TEXT_CHARACTERS, max_size=30)
dates = st.none() | st.dates().map(lambda day: day.isoformat()) | st.text(TEXT_CHARACTERS, max_size=12)
bodies = st.lists(st.sampled_from(SENTENCES) | st.text(TEXT_CHARACTERS, min_size=1, max_size=40),
                  min_size=1, max_size=3).map(" ".join).filter(str.strip)
records = st.lists(
    st.fixed_dictionaries({"id": ids, "title": titles, "date": dates, "text": bodies}),
    min_size=1, max_size=3, unique_by=lambda record: record["id"],
)


def read_back(records: list[dict]) -> list[Article]:
    """The articles kgnews reads from `records` written as a JSON lines file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.jsonl"
        path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
        return list(read_articles([path]))


def graph_quads(kg: kgnews.KnowledgeGraph, article_id: str) -> set[ox.Quad]:
    return set(kg.store.quads(iris.article_iri(article_id)))


@settings(max_examples=8, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=records)
def test_every_article_comes_back_by_its_id_and_nothing_else_changes(records: list[dict]) -> None:
    articles = read_back(records)
    assert [article.id for article in articles] == [record["id"] for record in records]
    with kgnews.open(":memory:") as kg:
        kg.ingest([BASE])
        base_graph = graph_quads(kg, BASE.id)

        summary = kg.ingest(articles)

        assert (summary.ingested, summary.failed) == (len(articles), 0), summary.errors
        assert kg.article_ids() == sorted([BASE.id, *(article.id for article in articles)])
        for article in articles:
            node = ox.NamedNode(iris.article_iri(article.id))
            stored = {(quad.predicate.value, quad.object.value) for quad in kg.store.quads(node.value)
                      if quad.subject == node}
            assert ("https://w3id.org/kgnews/ontology#textHash", article.text_hash) in stored
            assert ("https://schema.org/identifier", article.id) in stored
        assert graph_quads(kg, BASE.id) == base_graph
        assert kg.check() == []
        for name in FORMATS:
            out = io.BytesIO()
            kg.export(name, out)
            parsed = list(ox.parse(out.getvalue(), rdf_format(name)))
            assert parsed, name
