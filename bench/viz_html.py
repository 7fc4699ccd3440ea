"""Bench: load-to-ready time of the HTML explorer with a synthetic 5,000-node graph.

    .venv/bin/python bench/viz_html.py [--nodes 5000] [--runs 3]

Builds a scale-free graph shaped like a kgnews projection (three entity types, relations,
facts with sentences), writes the explorer, opens it in headless Chromium and reads the
page's own measure (performance.now() when Cytoscape is ready, i.e. from navigation start
to a drawn, interactive graph) from the DOM. Also prints the Python side: projection-to-HTML
time and file size. A bench, not a test: it prints figures and asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html import unescape
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kgnews.viz import explorer, layout  # noqa: E402

TYPES = ("Person", "Organization", "Place")
RELATIONS = ("holds_position", "member_of", "works_for", "represents", "located_in", "said")


def synthetic_graph(count: int, seed: int = 11) -> nx.MultiDiGraph:
    shape = nx.barabasi_albert_graph(count, 1, seed=seed)
    graph = nx.MultiDiGraph()
    for node in shape:
        name = f"Entity {node}"
        graph.add_node(f"e:{node}", label=name, type=TYPES[node % 3], iri=f"urn:e:{node}", aliases=name,
                       mentions=1 + node % 7, articles=1 + node % 3, quotes=0, pagerank=0.0, degree=0)
    facts = []
    for number, (u, v) in enumerate(shape.edges):
        relation = RELATIONS[number % 5]
        sentence = f"Entity {u} and Entity {v} appear together in sentence {number}."
        graph.add_edge(f"e:{u}", f"e:{v}", key=relation, kind="relation", relation=relation, label=relation,
                       weight=1 + number % 4, sentence=sentence, article=f"a{number % 200}")
        facts.append({"subject": f"Entity {u}", "subject_iri": f"urn:e:{u}", "relation": relation,
                      "object": f"Entity {v}", "object_iri": f"urn:e:{v}", "object_type": TYPES[v % 3],
                      "sentence": sentence, "article": f"a{number % 200}"})
    graph.graph["facts"] = facts
    ranks = layout.pagerank(graph)
    for node, data in graph.nodes(data=True):
        data["pagerank"], data["degree"] = ranks[node], graph.degree(node)
    return graph


def ready_ms(page: Path, profile: Path) -> float:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        sys.exit("no Chromium found")
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--window-size=1280,800", "--dump-dom", page.as_uri() + "#selftest=Entity%2010"],
        capture_output=True, text=True, timeout=600, check=True).stdout
    report = json.loads(unescape(re.search(r'<pre id="selftest"[^>]*>(.*?)</pre>', dom, re.S).group(1)))
    if report["errors"]:
        sys.exit(f"page errors: {report['errors']}")
    return float(report["ready_ms"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    graph = synthetic_graph(options.nodes)
    started = time.perf_counter()
    page_text = explorer.explorer_html(graph, title="bench")
    build_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "bench.html"
        page.write_text(page_text, encoding="utf-8")
        times = [ready_ms(page, Path(folder) / f"profile{run}") for run in range(options.runs)]
        size = page.stat().st_size
    print(f"nodes {len(graph)}, edges {graph.number_of_edges()}, html {size / 1e6:.1f} MB, "
          f"built in {build_seconds:.2f} s (layout included)")
    print(f"load-to-ready in headless Chromium: {', '.join(f'{value:.0f}' for value in times)} ms "
          f"(median {sorted(times)[len(times) // 2]:.0f} ms)")


if __name__ == "__main__":
    main()
