"""Characters XML forbids, unreadable dates and markup in names: reported at ingest, harmless in every output.

Ingest strips what XML cannot hold and says so; a store holding such characters anyway
(written by another tool) still exports valid RDF/XML, GraphML, GEXF, SVG and DOT; a name
like `<!--<script>` cannot break the explorer page.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pyoxigraph as ox
import pytest

import kgnews
from kgnews import viz, xmlchars

pytestmark = pytest.mark.model  # the module ingests with the model itself

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "articles" / "seed-7249ac44.txt"
HOSTILE_NAME = "Mark\x00 Dayton\x0b <!--<script>alert(1)</script>\ufffe"
RECORDS = [
    {"id": "nul-1", "text": "Gov. Mark Dayton of Minnesota spoke on Monday.\u0000 He said the budget would pass.",
     "title": "Budget\u0001 talks", "author": "Eve\u0000 Smith", "date": "2019-02-30"},
    {"id": "nul-2", "text": "Kurt Daudt met the press in St. Paul.", "date": 20190211},
    {"id": "nul-3", "text": "Kurt Daudt met the press again.", "date": "not a date", "publisher": "\ud800Star"},
    {"id": "nul-4", "text": "Kurt Daudt spoke.", "date": "2019-02-11"},
]
WARNINGS = [
    "{file}:1: field 'text': removed 1 character XML does not allow (U+0000)",
    "{file}:1: field 'title': removed 1 character XML does not allow (U+0001)",
    "{file}:1: field 'author': removed 1 character XML does not allow (U+0000)",
    "{file}:1: field 'date': '2019-02-30' is not a date kgnews can read (e.g. 2019-02-11); left out",
    "{file}:2: field 'date' must be a string, found number 20190211; left out",
    "{file}:3: field 'publisher': removed 1 character XML does not allow (U+D800)",
    "{file}:3: field 'date': 'not a date' is not a date kgnews can read (e.g. 2019-02-11); left out",
]


@pytest.fixture(scope="module")
def hostile_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    # json.dumps writes the characters as \u escapes, as a JSON producer would.
    path.write_text("".join(json.dumps(record) + "\n" for record in RECORDS), encoding="utf-8")
    return path


def test_ingest_strips_forbidden_characters_and_warns_once_per_field(hostile_jsonl: Path) -> None:
    with kgnews.open(":memory:") as kg:
        summary = kg.ingest([hostile_jsonl])
        assert (summary.ingested, summary.failed) == (4, 0), summary.errors
        assert [str(warning) for warning in summary.warnings] == [w.format(file=hostile_jsonl) for w in WARNINGS]
        stored = kg.select("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER(isLiteral(?o)) } }")
        assert stored and not any(xmlchars.forbidden_in(str(row["o"])) for row in stored)
        dates = {row["id"]: row["date"] for row in kg.select(
            "SELECT ?id ?date WHERE { GRAPH ?g { ?g schema:identifier ?id OPTIONAL { ?g schema:datePublished ?date } } }")}
        assert dates == {"nul-1": None, "nul-2": None, "nul-3": None, "nul-4": "2019-02-11"}


@pytest.mark.slow
def test_ingest_command_prints_each_warning_on_one_line(hostile_jsonl: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "kgnews", "ingest", str(hostile_jsonl), "--store", str(tmp_path / "db")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [f"warning: {w.format(file=hostile_jsonl)}" for w in WARNINGS]
    assert done.stdout.startswith("ingested 4, skipped 0, failed 0")


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article, with Mark Dayton renamed HOSTILE_NAME behind kgnews' back."""
    location = tmp_path_factory.mktemp("hostile-store") / "kgnews.db"
    with kgnews.open(location) as kg:
        assert kg.ingest([SEED]).ingested == 1
        kg.store.update(f"""
            DELETE {{ GRAPH ?g {{ ?e ?p ?name }} }} INSERT {{ GRAPH ?g {{ ?e ?p {ox.Literal(HOSTILE_NAME)} }} }}
            WHERE {{ GRAPH ?g {{ ?e ?p ?name FILTER(?p IN (rdfs:label, skos:prefLabel) && ?name = "Mark Dayton") }} }}""")
        assert any(entity["label"] == HOSTILE_NAME for entity in kg.entities())
    return location


def test_rdf_xml_export_is_well_formed_whatever_the_store_holds(hostile_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.rdf"
    with kgnews.open(hostile_store, read_only=True) as kg:
        kg.export("xml", out)
    names = [element.text for element in ET.parse(out).iter() if element.text and "Dayton" in element.text]
    assert xmlchars.replace_forbidden(HOSTILE_NAME) in names


@pytest.mark.parametrize("output_format", ["graphml", "gexf", "svg"])
def test_xml_visualisation_formats_are_well_formed(hostile_store: Path, output_format: str) -> None:
    with kgnews.open(hostile_store, read_only=True) as kg:
        content = viz.render(viz.project(kg.store), output_format)
    root = ET.fromstring(content)
    if output_format != "svg":  # the picture draws the name; the files carry it as text
        assert xmlchars.replace_forbidden(HOSTILE_NAME) in {element.get("value") or element.get("label") or element.text
                                                            for element in root.iter()}


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_dot_is_accepted_by_graphviz(hostile_store: Path, tmp_path: Path) -> None:
    with kgnews.open(hostile_store, read_only=True) as kg:
        (tmp_path / "graph.dot").write_bytes(viz.render(viz.project(kg.store), "dot"))
    done = subprocess.run(["dot", "-Tsvg", str(tmp_path / "graph.dot")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Dayton" in done.stdout


def test_explorer_page_keeps_a_script_like_name_as_data(hostile_store: Path) -> None:
    with kgnews.open(hostile_store, read_only=True) as kg:
        page = viz.render(viz.project(kg.store), "html").decode("utf-8")
    data_script = page.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0]
    # With no "<" in the data, no "<!--", "<script>" or "</script>" in a name can change the page.
    assert "<" not in data_script
    labels = {node["label"] for node in json.loads(data_script)["nodes"]}
    assert xmlchars.replace_forbidden(HOSTILE_NAME) in labels
    assert page.count("<script") == page.count("</script>")
