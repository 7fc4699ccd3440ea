"""Text formats of a projected graph: GraphML, GEXF, Cytoscape.js JSON, d3 JSON and Graphviz dot.

Types and dates:
  * GraphML: attributes are typed with GraphML's key types (int/long -> "long", float ->
    "double", str -> "string"). GraphML has no date type, so first_seen / last_seen are
    "string" keys holding ISO 8601 dates (YYYY-MM-DD, or YYYY-MM / YYYY when only that is
    known); as text they sort in date order, and Gephi or yEd can parse them.
  * GEXF 1.2 (namespace http://www.gexf.net/1.2draft, which Gephi and networkx read): its
    attribute types have no date either; dates are typed the GEXF way instead, as the
    `start` / `end` of each node and edge with timeformat="date" (xs:date), which Gephi's
    timeline uses. Nodes carry viz:color (by type), viz:size (by PageRank) and
    viz:position (the same layout as the pictures).
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any, TextIO
from xml.etree import ElementTree as ET

import networkx as nx

from kgnews import xmlchars
from kgnews.version import __version__
from kgnews.viz import layout, style

GEXF_NAMESPACE = "http://www.gexf.net/1.2draft"
GEXF_VIZ_NAMESPACE = "http://www.gexf.net/1.2draft/viz"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
GEXF_DATE_KEYS = {"first_seen": "start", "last_seen": "end"}
_GEXF_TYPES = {bool: "boolean", int: "integer", float: "double", str: "string"}
# Written as XML attributes of <node>/<edge> rather than as attvalues.
_GEXF_OWN_ATTRIBUTES = {"label", "weight", *GEXF_DATE_KEYS}
POSITION_SCALE = 500.0  # layout coordinates (about -1..1) to screen-like units


def _xml_safe(value: Any) -> Any:
    if isinstance(value, str):
        return xmlchars.replace_forbidden(value)
    if isinstance(value, list):
        return [_xml_safe(item) for item in value]
    if isinstance(value, dict):
        return {key: _xml_safe(item) for key, item in value.items()}
    return value


def xml_safe_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose text holds no character XML or Graphviz refuses (each becomes U+FFFD).

    Ingest strips them, but a store may have been written otherwise; every format is
    written from this copy, so each file is valid whatever the store holds.
    """
    copy = nx.MultiDiGraph(**_xml_safe(graph.graph))
    copy.add_nodes_from((_xml_safe(node), _xml_safe(data)) for node, data in graph.nodes(data=True))
    copy.add_edges_from((_xml_safe(source), _xml_safe(target), key, _xml_safe(data))
                        for source, target, key, data in graph.edges(keys=True, data=True))
    return copy


def plain_graph(graph: nx.MultiDiGraph, unique_edge_keys: bool = False) -> nx.MultiDiGraph:
    """A copy without the graph-level facts list, which the file formats cannot type.

    With `unique_edge_keys`, edges are keyed e0, e1, ... (GraphML requires edge ids unique
    within a graph; the relation, role and qualifier stay in the edge attributes).
    """
    copy = nx.MultiDiGraph(**{key: value for key, value in graph.graph.items() if key != "facts"})
    copy.add_nodes_from(graph.nodes(data=True))
    for number, (source, target, key, data) in enumerate(graph.edges(keys=True, data=True)):
        copy.add_edge(source, target, key=f"e{number}" if unique_edge_keys else key, **data)
    return copy


def write_graphml(graph: nx.MultiDiGraph, out) -> None:
    nx.write_graphml_xml(plain_graph(graph, unique_edge_keys=True), out)


# -- GEXF -------------------------------------------------------------------------------------


def write_gexf(graph: nx.MultiDiGraph, out) -> None:
    ET.register_namespace("", GEXF_NAMESPACE)
    ET.register_namespace("viz", GEXF_VIZ_NAMESPACE)
    ET.register_namespace("xsi", XSI_NAMESPACE)
    tree = ET.ElementTree(gexf_element(graph))
    ET.indent(tree)
    tree.write(out, encoding="utf-8", xml_declaration=True)


def _g(tag: str) -> str:
    return f"{{{GEXF_NAMESPACE}}}{tag}"


def _viz(tag: str) -> str:
    return f"{{{GEXF_VIZ_NAMESPACE}}}{tag}"


def gexf_element(graph: nx.MultiDiGraph) -> ET.Element:
    root = ET.Element(_g("gexf"), {
        "version": "1.2",
        f"{{{XSI_NAMESPACE}}}schemaLocation": f"{GEXF_NAMESPACE} {GEXF_NAMESPACE}/gexf.xsd",
    })
    meta = ET.SubElement(root, _g("meta"), lastmodifieddate=date.today().isoformat())
    ET.SubElement(meta, _g("creator")).text = f"kgnews {__version__}"
    ET.SubElement(meta, _g("description")).text = "Entities and the facts between them, extracted from news articles"
    records = [data for _, data in graph.nodes(data=True)] + [data for *_, data in graph.edges(data=True)]
    dated = any(key in data for data in records for key in GEXF_DATE_KEYS)
    graph_element = ET.SubElement(root, _g("graph"), defaultedgetype="directed",
                                  mode="dynamic" if dated else "static", **({"timeformat": "date"} if dated else {}))
    node_types = _attribute_types(data for _, data in graph.nodes(data=True))
    edge_types = _attribute_types(data for *_, data in graph.edges(data=True))
    for element_class, types in (("node", node_types), ("edge", edge_types)):
        attributes = ET.SubElement(graph_element, _g("attributes"), {"class": element_class, "mode": "static"})
        for name, gexf_type in types.items():
            ET.SubElement(attributes, _g("attribute"), id=name, title=name, type=gexf_type)

    places = layout.positions(graph)
    size = style.size_scale([data["pagerank"] for _, data in graph.nodes(data=True)], 4.0, 40.0)
    nodes = ET.SubElement(graph_element, _g("nodes"), count=str(len(graph)))
    for node, data in graph.nodes(data=True):
        element = ET.SubElement(nodes, _g("node"), id=node, label=data["label"], **_gexf_dates(data))
        _attvalues(element, data, node_types)
        red, green, blue = style.rgb(style.type_colour(data["type"]))
        ET.SubElement(element, _viz("color"), r=str(red), g=str(green), b=str(blue), a="1.0")
        ET.SubElement(element, _viz("size"), value=f"{size(data['pagerank']):.2f}")
        x, y = places[node]
        ET.SubElement(element, _viz("position"), x=f"{x * POSITION_SCALE:.2f}", y=f"{y * POSITION_SCALE:.2f}", z="0.0")

    edges = ET.SubElement(graph_element, _g("edges"), count=str(graph.number_of_edges()))
    for number, (source, target, data) in enumerate(graph.edges(data=True)):
        element = ET.SubElement(edges, _g("edge"), id=f"e{number}", source=source, target=target,
                                label=data["label"], weight=str(data["weight"]), **_gexf_dates(data))
        _attvalues(element, data, edge_types)
    return root


def _attribute_types(records) -> dict[str, str]:
    """Attribute name -> GEXF type, over every record that has it (first seen order)."""
    types: dict[str, str] = {}
    for data in records:
        for name, value in data.items():
            if name not in _GEXF_OWN_ATTRIBUTES:
                types.setdefault(name, "anyURI" if name == "iri" else _GEXF_TYPES[type(value)])
    return types


def _gexf_dates(data: dict[str, Any]) -> dict[str, str]:
    return {gexf_key: data[key] for key, gexf_key in GEXF_DATE_KEYS.items() if key in data}


def _attvalues(element: ET.Element, data: dict[str, Any], types: dict[str, str]) -> None:
    values = ET.SubElement(element, _g("attvalues"))
    for name in types:
        if name in data:
            value = data[name]
            text = str(value).lower() if isinstance(value, bool) else str(value)
            ET.SubElement(values, _g("attvalue"), {"for": name, "value": text})


# -- JSON -------------------------------------------------------------------------------------


def cytoscape_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape.js / Cytoscape desktop JSON: {"elements": {"nodes": [...], "edges": [...]}}."""
    places = layout.positions(graph)
    nodes = [
        {"data": {"id": node, **data, "color": style.type_colour(data["type"])},
         "position": {"x": round(places[node][0] * POSITION_SCALE, 2), "y": round(-places[node][1] * POSITION_SCALE, 2)}}
        for node, data in graph.nodes(data=True)
    ]
    edges = [
        {"data": {"id": f"e{number}", "source": source, "target": target, "key": key, **data}}
        for number, (source, target, key, data) in enumerate(graph.edges(keys=True, data=True))
    ]
    return {"data": {"name": "kgnews", "directed": True}, "elements": {"nodes": nodes, "edges": edges}}


def d3_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """d3-force style JSON: {"nodes": [{"id", ...}], "links": [{"source", "target", "key", ...}]}."""
    return nx.node_link_data(plain_graph(graph), edges="links")


def write_json(data: dict[str, Any], out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=1)
    out.write("\n")


# -- Graphviz ---------------------------------------------------------------------------------

_DOT_SHAPES = {"Person": "ellipse", "Organization": "box", "Place": "hexagon"}


def _quoted(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def dot_text(graph: nx.MultiDiGraph) -> str:
    """Graphviz source: nodes labelled by name, filled by type colour, shaped by type; extracted
    relations solid and labelled, co-mentions dashed grey; a legend cluster of the types."""
    lines = [
        "digraph kgnews {",
        '  graph [overlap=false, splines=true, fontname="Helvetica", fontsize=10];',
        '  node [style="filled", fontname="Helvetica", fontsize=10, fontcolor="white", penwidth=0];',
        '  edge [fontname="Helvetica", fontsize=8, color="#555555", fontcolor="#333333"];',
    ]
    for node, data in graph.nodes(data=True):
        lines.append(f"  {_quoted(node)} [label={_quoted(data['label'])}, "
                     f"fillcolor={_quoted(style.type_colour(data['type']))}, "
                     f"shape={_DOT_SHAPES.get(data['type'], 'ellipse')}];")
    for source, target, data in graph.edges(data=True):
        attributes = [f"penwidth={1 + min(data['weight'], 8) / 2:.1f}"]
        if data["kind"] == "cooccurrence":
            attributes += ["style=dashed", "dir=none", f"color={_quoted(style.COOCCURRENCE_COLOUR)}"]
        else:
            attributes.append(f"label={_quoted(data['label'])}")
        lines.append(f"  {_quoted(source)} -> {_quoted(target)} [{', '.join(attributes)}];")
    lines += ['  subgraph cluster_legend {', '    label="Entity types"; fontsize=10; color="#CCCCCC";']
    for entity_type in style.legend_types(graph.nodes):
        lines.append(f"    {_quoted('legend:' + entity_type)} [label={_quoted(entity_type)}, "
                     f"fillcolor={_quoted(style.type_colour(entity_type))}, "
                     f"shape={_DOT_SHAPES.get(entity_type, 'ellipse')}];")
    lines += ["  }", "}"]
    return "\n".join(lines) + "\n"
