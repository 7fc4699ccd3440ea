"""The `kgnews` command through click's CliRunner, on the graph of examples/articles."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import click
import pyoxigraph as ox
import pytest
from click.testing import Result

from conftest import REPO, SEED_FILE, cli_ok, run_cli
from kgnews.cli import KGNewsGroup, cli
from kgnews.ingest import read_articles
from kgnews.export import RDF_FORMATS

pytestmark = pytest.mark.model

SUMMARY = re.compile(r"^ingested (\d+), skipped (\d+), failed (\d+), triples added (\d+) in \d+\.\d s$")
ENTITY_FIELDS = {"iri", "label", "type", "subtype", "aliases", "mentions", "articles", "same_as", "wikidata", "kb_id"}
FACT_FIELDS = {
    "subject", "subject_iri", "subject_type", "relation", "object", "object_iri", "object_type",
    "role", "role_of", "article", "sentence", "start", "end", "date", "confidence",
}
RELATION_NAMES = {"holds_position", "member_of", "works_for", "represents", "located_in", "lives_in", "said",
                  "author", "publisher"}  # docs/facts.md; every other relation is a verb-lemma event
ARTICLE_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a schema:NewsArticle } }"


def summary_counts(result: Result) -> tuple[int, int, int, int]:
    match = SUMMARY.match(result.stdout.strip())
    assert match, result.stdout
    return tuple(int(number) for number in match.groups())


@pytest.fixture(scope="module")
def seed_id() -> str:
    (article,) = read_articles([SEED_FILE])
    return article.id


COMMANDS = cli.list_commands(click.Context(cli))


def test_every_mounted_command_is_listed() -> None:
    assert {"ingest", "remove", "query", "entities", "facts", "stats", "export", "eval", "viz"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert (command.help or "").strip(), f"kgnews {name} has no help text"
    assert f"kgnews {name}" in (REPO / "README.md").read_text(encoding="utf-8")
    assert cli_ok(name, "--help").stdout.startswith(f"Usage: cli {name}")


@pytest.mark.slow
def test_ingest_again_skips_and_replace_re_extracts(examples_store_copy: Path) -> None:
    store = examples_store_copy
    before = int(cli_ok("query", ARTICLE_COUNT, "--store", store, "--format", "csv").stdout.split()[-1])
    assert before == 5
    again = cli_ok("ingest", REPO / "examples" / "articles", "--store", store)
    assert summary_counts(again) == (0, 5, 0, 0)
    triples = cli_ok("stats", "--store", store, "--format", "json")
    replaced = cli_ok("ingest", REPO / "examples" / "articles", "--store", store, "--replace")
    ingested, skipped, failed, added = summary_counts(replaced)
    assert (ingested, skipped, failed) == (5, 0, 0) and added > 0
    # Re-extracting the same texts gives the same graph size (only run times differ).
    assert json.loads(cli_ok("stats", "--store", store, "--format", "json").stdout) == json.loads(triples.stdout)


def test_ingest_from_stdin_is_quiet_when_piped(tmp_path: Path) -> None:
    text = "Governor Mark Dayton of Minnesota met reporters in Saint Paul on Tuesday.\n"
    result = cli_ok("ingest", "-", "--store", tmp_path / "kgnews.db", input=text)
    assert summary_counts(result)[:3] == (1, 0, 0)
    assert result.stderr == ""  # no progress bar when output is not a terminal
    entities = [json.loads(line) for line in cli_ok("entities", "--store", tmp_path / "kgnews.db").stdout.splitlines()]
    assert {"Mark Dayton", "Minnesota"} <= {entity["label"] for entity in entities}


def test_query_writes_each_result_format(examples_store: Path) -> None:
    table = cli_ok("query", ARTICLE_COUNT, "--store", examples_store).stdout.splitlines()
    assert table[0].split() == ["n"] and table[2].split() == ["5"]
    as_csv = cli_ok("query", ARTICLE_COUNT, "--store", examples_store, "--format", "csv").stdout
    assert list(csv.reader(io.StringIO(as_csv))) == [["n"], ["5"]]
    tsv = cli_ok("query", ARTICLE_COUNT, "--store", examples_store, "--format", "tsv").stdout.splitlines()
    assert tsv == ["?n", '"5"^^<http://www.w3.org/2001/XMLSchema#integer>']
    document = json.loads(cli_ok("query", ARTICLE_COUNT, "--store", examples_store, "--format", "json").stdout)
    assert document["results"]["bindings"][0]["n"]["value"] == "5"


def test_first_query_without_graph_finds_the_graph(examples_store: Path) -> None:
    rows = cli_ok("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 10", "--store", examples_store, "--format", "csv")
    assert len(rows.stdout.splitlines()) == 11
    members = cli_ok("query", "SELECT DISTINCT ?p WHERE { ?p org:memberOf <https://w3id.org/kgnews/resource/organization/republican-party> }",
                 "--store", examples_store, "--format", "csv").stdout.splitlines()
    assert "https://w3id.org/kgnews/resource/person/kurt-daudt" in members


def test_queries_and_export_see_no_bookkeeping(examples_store: Path) -> None:
    """kgnews's counts are in the store's side store: the union default graph `query` (and
    `serve`) see holds the user's data alone, and so does an export."""
    assert cli_ok("query", "ASK { ?s a kgo:FactCount }", "--store", examples_store).stdout.split()[-1] == "false"
    types = cli_ok("query", "SELECT DISTINCT ?t WHERE { ?s a ?t }", "--store", examples_store,
                   "--format", "csv").stdout.splitlines()
    assert "https://w3id.org/kgnews/ontology#Person" in types
    assert not [kind for kind in types if kind.endswith(("#FactCount", "#EntityCount"))]
    graphs = cli_ok("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", examples_store,
                    "--format", "csv").stdout.splitlines()[1:]
    assert graphs and not [graph for graph in graphs if "/graph/fact-counts/" in graph or "/graph/entity-counts" in graph]
    nquads = cli_ok("export", "--format", "nquads", "--store", examples_store).stdout_bytes
    assert b"#FactCount" not in nquads and b"/graph/entity-counts" not in nquads and b"countOf" not in nquads


def test_query_from_file_and_stdin(examples_store: Path, tmp_path: Path) -> None:
    query_file = tmp_path / "count.rq"
    query_file.write_text(ARTICLE_COUNT, encoding="utf-8")
    from_file = cli_ok("query", query_file, "--store", examples_store, "--format", "csv").stdout
    from_stdin = cli_ok("query", "-", "--store", examples_store, "--format", "csv", input=ARTICLE_COUNT).stdout
    assert from_file == from_stdin and from_file.splitlines() == ["n", "5"]


def test_construct_query_prints_turtle(examples_store: Path) -> None:
    construct = (
        "CONSTRUCT { ?person org:holds ?post } "
        "WHERE { GRAPH ?g { ?person org:holds ?post } }"
    )
    turtle = cli_ok("query", construct, "--store", examples_store).stdout
    # Streamed, yet with the export's prefix per resource kind: no name needs a "\/" escape.
    assert "\\/" not in turtle and "person:mark-dayton" in turtle
    triples = [quad.triple for quad in ox.parse(turtle.encode("utf-8"), ox.RdfFormat.TURTLE)]
    assert ox.Triple(
        ox.NamedNode("https://w3id.org/kgnews/resource/person/mark-dayton"),
        ox.NamedNode("http://www.w3.org/ns/org#holds"),
        ox.NamedNode("https://w3id.org/kgnews/resource/position/governor-of-minnesota"),
    ) in triples


def test_entities_as_jsonl_csv_and_table(examples_store: Path, seed_id: str) -> None:
    records = [json.loads(line) for line in cli_ok("entities", "--store", examples_store).stdout.splitlines()]
    assert all(set(record) == ENTITY_FIELDS for record in records)
    dayton = next(record for record in records if record["label"] == "Mark Dayton")
    assert dayton["type"] == "Person" and dayton["articles"] == [seed_id] and "Dayton" in dayton["aliases"]
    rows = list(csv.DictReader(io.StringIO(cli_ok("entities", "--store", examples_store, "--format", "csv").stdout)))
    assert [row["label"] for row in rows] == [record["label"] for record in records]
    table = cli_ok("entities", "--store", examples_store, "--format", "table").stdout
    assert "Mark Dayton" in table and "Person" in table


def test_facts_of_one_article(examples_store: Path, seed_id: str) -> None:
    output = cli_ok("facts", "--article", seed_id, "--store", examples_store).stdout
    records = [json.loads(line) for line in output.splitlines()]
    assert records and all(FACT_FIELDS <= set(record) and record["article"] == seed_id for record in records)
    governor = [
        record for record in records if record["subject"] == "Mark Dayton" and record["relation"] == "holds_position"
    ]
    assert [(record["role"], record["role_of"]) for record in governor] == [("Governor", "Minnesota")]
    start, end = governor[0]["start"], governor[0]["end"]
    assert SEED_FILE.read_text(encoding="utf-8")[start:end] == governor[0]["sentence"]


def test_stats_counts_what_the_views_list(examples_store: Path) -> None:
    counts = json.loads(cli_ok("stats", "--store", examples_store, "--format", "json").stdout)
    entities = cli_ok("entities", "--store", examples_store).stdout.splitlines()
    facts = cli_ok("facts", "--store", examples_store).stdout.splitlines()
    assert counts["articles"] == 5 and counts["store"] == str(examples_store)
    assert counts["entities"] == Counter(json.loads(line)["type"] for line in entities)
    assert counts["facts"] == Counter(json.loads(line)["relation"] for line in facts)
    text = cli_ok("stats", "--store", examples_store).stdout
    assert re.search(r"^articles\s+5$", text, re.MULTILINE)
    assert re.search(rf"^triples\s+{counts['triples']}$", text, re.MULTILINE)
    assert re.search(rf"^facts\s+{len(facts)}$", text, re.MULTILINE)
    assert re.search(rf"^  holds_position\s+{counts['facts']['holds_position']}$", text, re.MULTILINE)
    events = {relation: n for relation, n in counts["facts"].items() if relation not in RELATION_NAMES}
    assert re.search(rf"^  events\s+{sum(events.values())} \({len(events)} verbs: ", text, re.MULTILINE)


@pytest.mark.parametrize("rdf_format", sorted(RDF_FORMATS))
def test_export_writes_parseable_rdf(examples_store: Path, tmp_path: Path, rdf_format: str) -> None:
    out = tmp_path / f"graph.{rdf_format}"
    cli_ok("export", "--format", rdf_format, "--out", out, "--store", examples_store)
    parsed = list(ox.parse(out.read_bytes(), RDF_FORMATS[rdf_format]))
    counts = json.loads(cli_ok("stats", "--store", examples_store, "--format", "json").stdout)
    if RDF_FORMATS[rdf_format].supports_datasets:
        assert len(parsed) == counts["triples"]
    else:  # the union of the graphs: at most as many triples, and not empty
        assert 0 < len(parsed) <= counts["triples"]
    if rdf_format in ("turtle", "trig"):  # a prefix per resource kind: no escaped "/" in any name
        assert b"\\/" not in out.read_bytes()


def test_export_one_article_to_stdout(examples_store: Path, seed_id: str) -> None:
    nquads = cli_ok("export", "--format", "nquads", "--graph", seed_id, "--store", examples_store).stdout_bytes
    graphs = {quad.graph_name.value for quad in ox.parse(nquads, ox.RdfFormat.N_QUADS)}
    assert graphs == {f"https://w3id.org/kgnews/resource/article/{seed_id}"}


@pytest.mark.slow
def test_remove_drops_an_article_and_its_entities(examples_store_copy: Path, seed_id: str) -> None:
    store = examples_store_copy
    assert cli_ok("remove", seed_id, "--store", store).stdout.strip() == f"removed 1 article(s): {seed_id}"
    counts = json.loads(cli_ok("stats", "--store", store, "--format", "json").stdout)
    assert counts["articles"] == 4
    labels = {json.loads(line)["label"] for line in cli_ok("entities", "--store", store).stdout.splitlines()}
    assert "Kurt Daudt" not in labels and "Nancy Pelosi" in labels
    missing = run_cli("remove", seed_id, "--store", store)
    assert missing.exit_code == 1
    assert missing.stderr.strip() == f"Error: {store}: no article '{seed_id}' in the store"


def test_store_comes_from_the_environment(examples_store: Path) -> None:
    counts = json.loads(cli_ok("stats", "--format", "json", env={"KGNEWS_STORE": str(examples_store)}).stdout)
    assert counts["store"] == str(examples_store) and counts["articles"] == 5


# Each takes a second or more to import; commands that do not need them must not pay for them.
HEAVY_MODULES = ("spacy", "matplotlib", "networkx", "trafilatura", "rich", "rdflib")


def modules_loaded_by(code: str) -> set[str]:
    """Top-level packages of HEAVY_MODULES in sys.modules after running `code` in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{name.split('.')[0] for name in sys.modules}})))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO)
    return set(loaded.stdout.split()) & set(HEAVY_MODULES)


def test_the_cli_and_its_help_import_no_heavy_library() -> None:
    help_run = "from click.testing import CliRunner\nfrom kgnews.cli import cli\nCliRunner().invoke(cli, ['--help'])"
    assert modules_loaded_by("import kgnews.cli") == set()
    assert modules_loaded_by(help_run) == set()


def test_a_query_imports_neither_spacy_nor_the_viz_libraries() -> None:
    query_run = ("from click.testing import CliRunner\nfrom kgnews.cli import cli\n"
                 "assert CliRunner().invoke(cli, ['query', 'ASK {}', '--store', ':memory:']).exit_code == 0")
    # rdflib stays: the predeclared prefixes are rdflib namespaces.
    assert modules_loaded_by(query_run) <= {"rdflib"}


def test_help_lists_mounted_commands_with_their_own_summaries() -> None:
    for name in KGNewsGroup.mounted:
        command = cli.get_command(click.Context(cli), name)
        assert KGNewsGroup.mounted_summaries[name] == command.help.split("\n")[0]
    listing = cli_ok("--help").stdout
    assert re.search(r"^  viz\s+Draw the graph of entities", listing, re.MULTILINE)
