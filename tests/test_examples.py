"""examples/: every query returns rows on the example graph, and the `make demo` journey
(ingest -> query -> export -> explorer and picture) works through the CLI."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kgnews
from conftest import EXAMPLES
from kgnews.cli import cli

pytestmark = [pytest.mark.slow, pytest.mark.model]

QUERIES = sorted((EXAMPLES / "queries").glob("*.rq"))


def test_there_are_example_queries_for_the_common_questions() -> None:
    assert len(QUERIES) >= 5
    for query in QUERIES:
        assert query.read_text(encoding="utf-8").startswith("# "), f"{query.name} has no header comment"
        assert f"`{query.name}`" in (EXAMPLES / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("query", QUERIES, ids=[query.stem for query in QUERIES])
def test_example_query_returns_rows(examples_store: Path, query: Path) -> None:
    with kgnews.open(examples_store) as kg:
        rows = kg.select(query.read_text(encoding="utf-8"))
    assert rows, f"{query.name} returned no rows"
    # Every column is bound somewhere: no query asks for something the graph never holds.
    assert all(any(row[name] is not None for row in rows) for name in rows[0]), rows[:3]


def test_demo_journey(tmp_path: Path) -> None:
    """What `make demo` does, step by step, in a fresh store."""
    store = tmp_path / "kgnews.db"
    runner = CliRunner()

    ingest = runner.invoke(cli, ["ingest", str(EXAMPLES / "articles"), "--store", str(store)])
    assert ingest.exit_code == 0, ingest.output
    assert ingest.stdout.startswith("ingested 5, skipped 0, failed 0, ")

    positions = runner.invoke(cli, ["query", str(EXAMPLES / "queries" / "positions.rq"), "--store", str(store)])
    assert positions.exit_code == 0, positions.output
    dayton = next(line for line in positions.stdout.splitlines() if line.startswith("Mark Dayton "))
    assert dayton.split()[2:4] == ["Governor", "Minnesota"]

    turtle = tmp_path / "demo-out" / "kgnews.ttl"
    turtle.parent.mkdir()
    export = runner.invoke(cli, ["export", "--format", "turtle", "--out", str(turtle), "--store", str(store)])
    assert export.exit_code == 0, export.output
    triples = list(ox.parse(turtle.read_bytes(), ox.RdfFormat.TURTLE))
    assert any(quad.predicate.value == "http://www.w3.org/ns/org#holds" for quad in triples)

    explorer, picture = tmp_path / "demo-out" / "kgnews.html", tmp_path / "demo-out" / "kgnews.png"
    for output_format, out, extra in (("html", explorer, []), ("png", picture, ["--top", "40"])):
        viz = runner.invoke(cli, ["viz", "--format", output_format, "--cooccurrence", *extra, "--out", str(out),
                                  "--store", str(store)])
        assert viz.exit_code == 0, viz.output
        assert viz.stderr.startswith(f"wrote {out}: ")
    assert "Mark Dayton" in explorer.read_text(encoding="utf-8")
    assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_every_example_graph_conforms_to_the_shapes(examples_store: Path) -> None:
    """Each article graph the pipeline built from examples/, and the canonical entity
    graph, validate against ontologies/kgnews-shapes.ttl."""
    from kgnews.graph.shapes import validate

    with kgnews.open(examples_store) as kg:
        assert len(kg.article_ids()) == 5  # the seed and four Wikinews articles
        conforms, report = validate(kg.store)
    assert conforms, report


def test_batch_updates_of_the_entity_graph_equal_a_full_rebuild(tmp_path: Path) -> None:
    """Ingest refreshes the canonical entity graph only for the entities each batch touches;
    the result must be what rebuilding it from every article graph gives."""
    from kgnews.graph.iris import entities_graph_iri

    with kgnews.open(tmp_path / "kgnews.db") as kg:
        kg.ingest([EXAMPLES / "articles"], batch_size=1)  # one article per batch
        kg.remove(["021"])  # a removal is a batch too
        incremental = set(kg.store.quads(entities_graph_iri()))
        kg.repair()
        rebuilt = set(kg.store.quads(entities_graph_iri()))
    assert incremental and incremental == rebuilt
