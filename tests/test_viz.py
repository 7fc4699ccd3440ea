"""kgnews.viz on graphs built by the real pipeline: the projection, its filters, every format.

The seed article (one article) and examples/articles (five) are ingested with the real
model; expectations are checked against the `entities`/`facts` views of the same store,
not hard-coded extraction results.
"""
from __future__ import annotations

import io
import json
import shutil
import struct
import subprocess
from collections import Counter
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import xmlschema
from click.testing import CliRunner
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

import kgnews
from kgnews import viz
from kgnews.errors import KGNewsError
from kgnews.viz import layout, picture
from kgnews.viz.cli import viz_command
from kgnews.viz.projection import find_node, node_id

pytestmark = pytest.mark.model

XSD = Path(__file__).resolve().parent / "data" / "xsd"


@pytest.fixture(params=["seed_store", "examples_store"])
def store_location(request: pytest.FixtureRequest) -> Path:
    """Each format test runs on the seed article and on the five example articles."""
    return request.getfixturevalue(request.param)


def projected(location: Path, **filters) -> tuple[nx.MultiDiGraph, list[dict], list[dict]]:
    with kgnews.open(location) as kg:
        return viz.project(kg.store, **filters), list(kg.entities()), list(kg.facts())


# -- the projection -------------------------------------------------------------------------


def test_nodes_are_the_canonical_entities_with_their_counts(seed_store: Path) -> None:
    graph, entities, facts = projected(seed_store)
    by_node = {node_id(entity["iri"]): entity for entity in entities}
    assert set(by_node) <= set(graph)
    for node, entity in by_node.items():
        data = graph.nodes[node]
        assert (data["label"], data["type"], data["iri"]) == (entity["label"], entity["type"], entity["iri"])
        assert data.get("subtype") == entity["subtype"]
        assert data["mentions"] == entity["mentions"] and data["articles"] == len(entity["articles"])
        said = sum(1 for fact in facts if fact["relation"] == "said" and fact["subject_iri"] == entity["iri"])
        assert data["quotes"] == said
        assert data["degree"] == graph.degree(node)
    assert sum(graph.nodes(data="pagerank")[node] for node in graph) == pytest.approx(1.0, abs=1e-3)
    dayton = graph.nodes["person:mark-dayton"]
    assert dayton["type"] == "Person" and "Governor of Minnesota" in dayton["positions"]


def test_nodes_are_seen_on_the_dates_of_their_articles(examples_store: Path) -> None:
    graph, entities, _ = projected(examples_store)
    with kgnews.open(examples_store) as kg:
        published = {row["id"]: row["date"] for row in kg.select(
            "SELECT ?id ?date WHERE { GRAPH ?g { ?g schema:identifier ?id ; schema:datePublished ?date } }")}
    assert published
    for entity in entities:
        dates = sorted(published[article] for article in entity["articles"] if article in published)
        if dates:
            data = graph.nodes[node_id(entity["iri"])]
            assert (data["first_seen"], data["last_seen"]) == (dates[0], dates[-1])


def test_edges_are_facts_between_entities_weighted_by_articles(examples_store: Path) -> None:
    graph, entities, facts = projected(examples_store)
    entity_iris = {entity["iri"] for entity in entities}
    relational = [fact for fact in facts
                  if fact["subject_iri"] in entity_iris and fact["object_iri"] in entity_iris]
    assert relational, "the example articles state facts between entities"
    for fact in relational:
        edges = graph.get_edge_data(node_id(fact["subject_iri"]), node_id(fact["object_iri"])) or {}
        matching = [data for data in edges.values() if data["relation"] == fact["relation"]]
        assert matching, fact
        supporting = {other["article"] for other in relational
                      if (other["subject_iri"], other["relation"], other["object_iri"], other.get("qualifier"))
                      == (fact["subject_iri"], fact["relation"], fact["object_iri"], fact.get("qualifier"))}
        assert any(data["weight"] == len(supporting) for data in matching)
    for _, _, data in graph.edges(data=True):
        assert data["kind"] == "relation" and data["sentence"] and data["article"]


def test_a_position_is_an_edge_to_the_organisation_or_place_it_belongs_to(seed_store: Path) -> None:
    graph, _, facts = projected(seed_store)
    positions = [fact for fact in facts if fact["relation"] == "holds_position" and fact["role_of"]]
    assert positions
    for fact in positions:
        owners = [target for _, target, data in graph.out_edges(node_id(fact["subject_iri"]), data=True)
                  if data["relation"] == "holds_position" and data["role"] == fact["role"]]
        assert [graph.nodes[owner]["label"] for owner in owners] == [fact["role_of"]]


def test_edges_are_labelled_with_what_they_mean(seed_store: Path) -> None:
    graph, _, _ = projected(seed_store)
    labels = {(graph.nodes[u]["label"], data["label"], graph.nodes[v]["label"]) for u, v, data in graph.edges(data=True)}
    assert ("Mark Dayton", "Governor", "Minnesota") in labels
    assert ("Kurt Daudt", "member of", "Republican Party") in labels
    assert ("Kurt Daudt", "represents", "Crown") in labels


def test_events_and_quotes_become_nodes(seed_store: Path) -> None:
    plain, _, facts = projected(seed_store)
    graph, _, _ = projected(seed_store, events=True, entity="Kurt Daudt", hops=1)
    threatened = [(data["label"], graph.nodes[v]) for u, v, data in graph.edges(data=True)
                  if graph.nodes[u]["label"] == "Kurt Daudt" and graph.nodes[v]["type"] == "Event"]
    assert [(label, node["label"].startswith("call for")) for label, node in threatened] == [("threaten", True)]
    quotes = [graph.nodes[v] for u, v, data in graph.edges(data=True) if data["label"] == "said"]
    said = [fact for fact in facts if fact["subject"] == "Kurt Daudt" and fact["relation"] == "said"]
    assert len(quotes) == len(said) and all(node["type"] == "Quote" for node in quotes)
    assert all(node["type"] not in ("Event", "Quote") for _, node in plain.nodes(data=True))
    people, _, _ = projected(seed_store, events=True, types="Person")
    assert {node["type"] for _, node in people.nodes(data=True)} == {"Person", "Event", "Quote"}
    assert all(people.degree(node) for node, data in people.nodes(data=True) if data["type"] in ("Event", "Quote"))


def test_neighbours_of_an_entity_iri_read_only_its_facts_and_draw_the_same_edges(examples_store: Path) -> None:
    def edges(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
        return {(graph.nodes[u]["label"], data["label"], graph.nodes[v]["label"]) for u, v, data in graph.edges(data=True)}

    for name, iri in (("Kurt Daudt", "person/kurt-daudt"), ("Donald Trump", "person/donald-trump")):
        by_name, _, _ = projected(examples_store, entity=name, hops=1, events=True)
        by_iri, _, _ = projected(examples_store, entity=f"https://w3id.org/kgnews/resource/{iri}", hops=1, events=True)
        centre = find_node(by_name, name)
        around = {(a, label, b) for a, label, b in edges(by_name) if name in (a, b)}
        assert edges(by_iri) == around and len(around) > 3, centre


@pytest.mark.slow
def test_filters_compose(examples_store: Path) -> None:
    full, _, _ = projected(examples_store)
    people, _, _ = projected(examples_store, types="Person")
    assert people and {data["type"] for _, data in people.nodes(data=True)} == {"Person"}

    positions, _, facts = projected(examples_store, relations="holds_position,said")
    assert {data["relation"] for *_, data in positions.edges(data=True)} == {"holds_position"}
    speakers = {node_id(fact["subject_iri"]) for fact in facts if fact["relation"] == "said"}
    assert all(positions.degree(node) or node in speakers for node in positions)

    ego, _, _ = projected(examples_store, entity="Mark Dayton", hops=1)
    distances = nx.single_source_shortest_path_length(full.to_undirected(), "person:mark-dayton", cutoff=1)
    assert set(ego) == set(distances)

    ego_places, _, _ = projected(examples_store, entity="mark dayton", hops=2, types="Person,Place")
    assert "person:mark-dayton" in ego_places
    assert {data["type"] for _, data in ego_places.nodes(data=True)} <= {"Person", "Place"}

    dated, _, _ = projected(examples_store, since="2019-09-01", until="2019-09-30")
    assert dated and all("2019-09-01" <= data["first_seen"] <= "2019-09-30" for _, data in dated.nodes(data=True))
    assert "person:mark-dayton" not in dated

    top, _, _ = projected(examples_store, top=5)
    ranked = sorted(full, key=lambda node: -full.nodes[node]["pagerank"])
    assert len(top) == 5 and set(top) <= set(ranked[:8])

    heavy, _, _ = projected(examples_store, min_weight=2)
    assert all(data["weight"] >= 2 for *_, data in heavy.edges(data=True))
    assert heavy.number_of_edges() < full.number_of_edges()

    one, entities, _ = projected(examples_store, article="021")
    assert one and all(data["articles"] == 1 for _, data in one.nodes(data=True))


def test_bad_filters_are_errors_that_name_the_problem(seed_store: Path) -> None:
    with pytest.raises(viz.VizError, match="no entity named 'Nobody'"):
        projected(seed_store, entity="Nobody")
    with pytest.raises(viz.VizError, match="since '1 Nov' is not an ISO date"):
        projected(seed_store, since="1 Nov")
    with pytest.raises(KGNewsError, match="unknown article 'nope'"):
        projected(seed_store, article="nope")


def test_cooccurrence_edges_are_kept_apart_and_cite_a_sentence_naming_both(examples_store: Path) -> None:
    graph, _, _ = projected(examples_store, cooccurrence=True)
    co_mentions = [(u, v, data) for u, v, data in graph.edges(data=True) if data["kind"] == "cooccurrence"]
    assert co_mentions and any(data["kind"] == "relation" for *_, data in graph.edges(data=True))
    for u, v, data in co_mentions:
        assert u < v and data["relation"] == "co_mention" and data["weight"] >= 1
        for node in (u, v):
            names = graph.nodes[node]["aliases"].split("; ")
            assert any(name.casefold() in data["sentence"].casefold() for name in names), (node, data["sentence"])


def test_pagerank_matches_networkx_on_a_weighted_graph() -> None:
    graph = nx.Graph()
    graph.add_weighted_edges_from([("a", "b", 3), ("b", "c", 1), ("c", "a", 2), ("c", "d", 1)])
    graph.add_node("alone")
    expected = _pagerank_python(graph, weight="weight")
    assert layout.pagerank(graph) == pytest.approx(expected, abs=1e-5)


def test_label_relaxation_removes_every_overlap() -> None:
    rng = np.random.default_rng(3)
    corners = rng.uniform(0, 200, size=(30, 2))
    boxes = np.hstack([corners, corners + [60, 12]])
    moved = layout.relax_labels(boxes, (0, 0, 800, 600))
    assert not _overlapping_pairs(moved)
    assert _overlapping_pairs(boxes), "the test starts from overlapping labels"


def _overlapping_pairs(boxes: np.ndarray) -> list[tuple[int, int]]:
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
            if boxes[i, 0] < boxes[j, 2] and boxes[j, 0] < boxes[i, 2]
            and boxes[i, 1] < boxes[j, 3] and boxes[j, 1] < boxes[i, 3]]


# -- GraphML and GEXF: schemas and round trips ---------------------------------------------


def _edge_multiset(graph: nx.MultiDiGraph, rename: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> Counter:
    rename = rename or {}
    return Counter((u, v, tuple(sorted((rename.get(key, key), value) for key, value in data.items() if key not in drop)))
                   for u, v, data in graph.edges(data=True))


@pytest.mark.slow
def test_graphml_is_valid_and_reads_back_the_same(store_location: Path, tmp_path: Path) -> None:
    graph, _, _ = projected(store_location, cooccurrence=True)
    out = tmp_path / "graph.graphml"
    viz.write(graph, "graphml", out)
    xmlschema.XMLSchema(XSD / "graphml.xsd").validate(out)
    back = nx.read_graphml(out, force_multigraph=True)
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert _edge_multiset(back) == _edge_multiset(graph)
    assert isinstance(back.nodes["person:mark-dayton"]["pagerank"], float)
    assert isinstance(back.nodes["person:mark-dayton"]["mentions"], int)


@pytest.mark.slow
def test_gexf_is_valid_and_reads_back_the_same(store_location: Path, tmp_path: Path) -> None:
    graph, _, _ = projected(store_location, cooccurrence=True)
    out = tmp_path / "graph.gexf"
    viz.write(graph, "gexf", out)
    xmlschema.XMLSchema(XSD / "gexf.xsd").validate(out)
    back = nx.read_gexf(out)
    dates = {"start": "first_seen", "end": "last_seen"}
    for node, data in graph.nodes(data=True):
        read = {dates.get(key, key): value for key, value in back.nodes[node].items() if key != "viz"}
        assert read == data
        assert back.nodes[node]["viz"]["color"]["r"] >= 0 and back.nodes[node]["viz"]["size"] > 0
    assert _edge_multiset(back, rename=dates, drop=("id",)) == _edge_multiset(graph)


@pytest.mark.slow
def test_schemas_reject_what_the_formats_forbid(seed_store: Path, tmp_path: Path) -> None:
    graph, _, _ = projected(seed_store)
    graphml = viz.render(graph, "graphml").decode()
    first_edge_id = graphml.split('<edge ')[1].split('id="')[1].split('"')[0]
    duplicated = graphml.replace('id="e1"', f'id="{first_edge_id}"', 1)
    assert not xmlschema.XMLSchema(XSD / "graphml.xsd").is_valid(io.StringIO(duplicated))
    gexf = viz.render(graph, "gexf").decode()
    dated_attribute = gexf.replace('type="integer"', 'type="date"', 1)
    assert not xmlschema.XMLSchema(XSD / "gexf.xsd").is_valid(io.StringIO(dated_attribute))


# -- JSON, dot, pictures, HTML ----------------------------------------------------------------


def test_cytoscape_json_has_every_node_and_edge(store_location: Path) -> None:
    graph, _, _ = projected(store_location)
    data = json.loads(viz.render(graph, "cytoscape"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert {node["data"]["id"] for node in nodes} == set(graph)
    assert len(edges) == graph.number_of_edges() == len({edge["data"]["id"] for edge in edges})
    assert all(edge["data"]["source"] in graph and edge["data"]["target"] in graph for edge in edges)
    assert all({"x", "y"} <= node["position"].keys() and node["data"]["label"] for node in nodes)


def test_d3_json_reads_back_as_the_same_graph(store_location: Path) -> None:
    graph, _, _ = projected(store_location)
    data = json.loads(viz.render(graph, "d3"))
    assert {"nodes", "links"} <= data.keys()
    back = nx.node_link_graph(data, edges="links")
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert _edge_multiset(back) == _edge_multiset(graph)


@pytest.mark.external
@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_dot_renders_with_graphviz(store_location: Path, tmp_path: Path) -> None:
    graph, _, _ = projected(store_location, cooccurrence=True)
    source = tmp_path / "graph.dot"
    viz.write(graph, "dot", source)
    svg = subprocess.run(["dot", "-Tsvg", str(source)], capture_output=True, text=True, check=True).stdout
    assert "Mark Dayton" in svg and "#4E79A7" in svg.upper()


def _png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", content[16:24])


@pytest.mark.slow
@pytest.mark.parametrize(("width", "height", "dpi"), [(1200, 900, 100), (800, 600, 150)])
def test_png_has_the_requested_size_a_legend_and_no_overlapping_labels(
        seed_store: Path, width: int, height: int, dpi: int) -> None:
    graph, _, _ = projected(seed_store)
    drawn = picture.draw(graph, width, height, dpi)
    assert [text.get_text() for text in drawn.legend.get_texts()] == ["Person", "Organization", "Place"]
    renderer = drawn.figure.canvas.get_renderer()
    label_boxes = np.array([label.get_window_extent(renderer).extents for label in drawn.labels])
    assert len(label_boxes) == len(graph) and not _overlapping_pairs(label_boxes)
    edge_texts = {text.get_text() for text in drawn.edge_labels}
    assert {"Governor", "represents"} <= edge_texts and any("member of" in text for text in edge_texts)
    buffer = io.BytesIO()
    drawn.save(buffer, "png")
    assert _png_size(buffer.getvalue()) == (width, height)


@pytest.mark.slow
def test_png_and_svg_of_the_examples(examples_store: Path) -> None:
    graph, _, _ = projected(examples_store)
    assert _png_size(viz.render(graph, "png", width=640, height=480, dpi=80)) == (640, 480)
    svg = viz.render(graph, "svg", width=640, height=480).decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_html_is_one_offline_file_with_the_graph_and_its_facts(store_location: Path) -> None:
    graph, _, facts = projected(store_location)
    page = viz.render(graph, "html", title="Test <graph>").decode()
    assert "<script src" not in page and "<link" not in page and "Test &lt;graph&gt;" in page
    assert "cytoscape" in page and "__DATA__" not in page
    data = json.loads(page.split('id="kg-data">', 1)[1].split("</script>", 1)[0].replace("<\\/", "</"))
    assert len(data["nodes"]) == len(graph) and len(data["edges"]) == graph.number_of_edges()
    dayton = [data["facts"][index] for index in data["node_facts"]["person:mark-dayton"]]
    expected = [fact for fact in facts if "person/mark-dayton" in fact["subject_iri"]]
    assert len(dayton) == len(expected) and all(fact["sentence"] and fact["article"] for fact in dayton)


@pytest.mark.slow
def test_explorer_places_a_large_graph_without_scipy() -> None:
    graph = nx.MultiDiGraph()
    generator = nx.barabasi_albert_graph(1500, 1, seed=5)
    for node in generator:
        graph.add_node(str(node), label=f"n{node}", type="Person", aliases=f"n{node}", pagerank=0.0)
    graph.add_edges_from((str(u), str(v), {"weight": 1, "relation": "r", "kind": "relation"}) for u, v in generator.edges)
    places = layout.positions(graph)
    assert set(places) == set(graph) and len(set(places.values())) == len(graph)


# -- the command ------------------------------------------------------------------------------


@pytest.mark.slow
def test_viz_command_writes_each_format(examples_store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for output_format in viz.FORMATS:
        out = tmp_path / f"graph{viz.SUFFIXES[output_format]}"
        result = runner.invoke(viz_command, ["--store", str(examples_store), "--format", output_format,
                                             "--out", str(out), "--type", "Person,Place", "--width", "400",
                                             "--height", "300"])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0 and "entities" in result.output
    with_events = runner.invoke(viz_command, ["--store", str(examples_store), "--format", "dot", "--events",
                                              "--entity", "Kurt Daudt"])
    assert with_events.exit_code == 0 and 'label="threaten"' in with_events.output
    shown = runner.invoke(viz_command, ["--store", str(examples_store), "--format", "d3", "--entity", "Kurt Daudt"])
    assert shown.exit_code == 0 and "kurt-daudt" in json.loads(shown.output)["nodes"][0]["id"] + shown.output


def test_viz_command_errors(examples_store: Path) -> None:
    runner = CliRunner()
    no_out = runner.invoke(viz_command, ["--store", str(examples_store), "--format", "png"])
    assert no_out.exit_code == 2 and "--format png needs --out FILE" in no_out.output
    unknown = runner.invoke(viz_command, ["--store", str(examples_store), "--entity", "Nobody At All"])
    assert unknown.exit_code == 1 and "Error: no entity named 'Nobody At All'" in unknown.output
