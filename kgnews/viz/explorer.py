"""A self-contained HTML explorer of a projected graph: one file, no network needed.

The page inlines the vendored Cytoscape.js (static/cytoscape.min.js, MIT), its own script and
style, and the graph as JSON: nodes with positions computed here (so the browser does no
layout work, which keeps 5,000-node graphs responsive), edges, and every fact about each
entity with its sentence and article for the details panel.
"""
from __future__ import annotations

import json
import re
from importlib.resources import files
from typing import Any

import networkx as nx

from kgnews.viz import layout, style
from kgnews.viz.projection import node_id

POSITION_SCALE = 90.0  # layout units to screen pixels per sqrt(node count)
FACT_FIELDS = ("subject", "relation", "object", "object_type", "role", "role_of", "qualifier", "kind",
               "sentence", "article", "date")


def _static(name: str) -> str:
    return (files("kgnews.viz") / "static" / name).read_text(encoding="utf-8")


def explorer_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """What the page shows: nodes (with positions), edges, legend, relations and facts."""
    places = layout.positions(graph)
    spread = POSITION_SCALE * max(len(graph), 1) ** 0.5
    size = style.size_scale([data["pagerank"] for _, data in graph.nodes(data=True)], 10.0, 44.0)
    nodes = []
    for node, data in graph.nodes(data=True):
        x, y = places[node]
        nodes.append({**data, "id": node, "aliases": data["aliases"].split("; "),
                      "colour": style.type_colour(data["type"]), "size": round(size(data["pagerank"]), 1),
                      "x": round(x * spread, 1), "y": round(-y * spread, 1)})
    edges = [{"id": f"e{number}", "source": source, "target": target, **data}
             for number, (source, target, data) in enumerate(graph.edges(data=True))]
    facts = [{name: fact[name] for name in FACT_FIELDS if fact.get(name) is not None}
             for fact in graph.graph.get("facts", [])]
    node_facts: dict[str, list[int]] = {}
    for index, fact in enumerate(graph.graph.get("facts", [])):
        for iri in (fact["subject_iri"], fact.get("object_iri")):
            if iri and node_id(iri) in graph and index not in node_facts.get(node_id(iri), []):
                node_facts.setdefault(node_id(iri), []).append(index)
    return {
        "types": [{"name": name, "colour": style.type_colour(name)} for name in style.legend_types(graph.nodes)],
        "relations": sorted({data["relation"] for *_, data in graph.edges(data=True)}
                            | {fact["relation"] for fact in graph.graph.get("facts", [])}),
        "nodes": nodes,
        "edges": edges,
        "facts": facts,
        "node_facts": node_facts,
    }


# Characters written as JSON escapes inside <script>: with no "<" the HTML parser meets no
# "</script>" and no "<!--" (which would make a later "<script>" swallow the page's end).
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _script_json(value: Any) -> str:
    """JSON that cannot end or change the <script> element it is inlined in."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda match: _SCRIPT_ESCAPES[match.group()], text)


def explorer_html(graph: nx.MultiDiGraph, title: str = "kgnews graph") -> str:
    """The whole page as one string."""
    escaped_title = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    parts = {
        "__STYLE__": _static("explorer.css"),
        "__DATA__": _script_json(explorer_data(graph)),
        "__CYTOSCAPE__": _static("cytoscape.min.js"),
        "__APP__": _static("explorer.js"),
        "__TITLE__": escaped_title,
    }
    # One regex pass: text inside an inlined part (the minified library) is never re-scanned.
    return re.sub("|".join(parts), lambda match: parts[match.group(0)], _static("explorer.html"))
