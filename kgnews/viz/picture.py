"""A static picture of a projected graph (PNG or SVG) for reports, drawn with matplotlib (Agg).

Nodes are coloured by type and sized by PageRank; each edge says what it means (the
relation, or the title of a position) at its middle; node labels are placed beside their nodes and
then pushed apart until no two overlap (`layout.relax_labels`), with a thin leader line when
a label ends up away from its node; a legend of the types runs along the top.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text

from kgnews.viz import layout, style

MAX_LABELS = 60  # larger graphs label only their highest-ranked nodes
MAX_EDGE_LABELS = 80  # and only their heaviest edges
LEADER_MIN_PIXELS = 12.0


@dataclass
class Picture:
    """The drawn figure, with the artists a caller (or a test) may want to inspect."""

    figure: Figure
    legend: Legend
    labels: list[Text]
    edge_labels: list[Text]

    def save(self, out, image_format: str) -> None:
        self.figure.savefig(out, format=image_format, dpi=self.figure.dpi)


def draw(graph: nx.MultiDiGraph, width: int = 1600, height: int = 1200, dpi: int = 100) -> Picture:
    """Draw `graph` on a `width` x `height` pixel figure at `dpi`."""
    figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.01, 0.01, 0.98, 0.90))
    axes.set_axis_off()
    places = layout.positions(graph)
    nodes = list(graph)
    xy = np.array([places[node] for node in nodes]) if nodes else np.zeros((0, 2))

    for kind, line_style, colour in (("relation", "solid", "#666666"), ("cooccurrence", "dashed", style.COOCCURRENCE_COLOUR)):
        segments = [(places[u], places[v]) for u, v, data in graph.edges(data=True) if data["kind"] == kind and u != v]
        widths = [0.6 + min(data["weight"], 6) * 0.4 for u, v, data in graph.edges(data=True) if data["kind"] == kind and u != v]
        if segments:
            axes.add_collection(LineCollection(segments, colors=colour, linewidths=widths, linestyles=line_style, zorder=1))

    edge_labels = _edge_labels(axes, graph, places)

    ranks = [graph.nodes[node]["pagerank"] for node in nodes]
    area = style.size_scale(ranks, 30.0, 900.0)
    areas = [area(rank) for rank in ranks]
    axes.scatter(xy[:, 0], xy[:, 1], s=areas,
                 c=[style.type_colour(graph.nodes[node]["type"]) for node in nodes],
                 edgecolors="white", linewidths=0.8, zorder=2)
    if nodes:
        margin = 0.12
        axes.set_xlim(xy[:, 0].min() - margin, xy[:, 0].max() + margin)
        axes.set_ylim(xy[:, 1].min() - margin, xy[:, 1].max() + margin)

    labelled = sorted(nodes, key=lambda node: -graph.nodes[node]["pagerank"])[:MAX_LABELS]
    labels = [axes.text(*places[node], graph.nodes[node]["label"], fontsize=8, ha="center", va="bottom", zorder=3,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75})
              for node in labelled]
    # Marker radius in pixels: scatter sizes are areas in points squared.
    radii = {node: np.sqrt(size) / 2 * dpi / 72 for node, size in zip(nodes, areas)}
    _separate_labels(figure, axes, labels, [places[node] for node in labelled], [radii[node] for node in labelled],
                     [(places[node], radii[node]) for node in nodes], edge_labels)

    handles = [Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=style.type_colour(name),
                      markeredgecolor="white", label=name) for name in style.legend_types(graph.nodes)]
    legend = figure.legend(handles=handles, loc="upper center", ncols=max(len(handles), 1), frameon=False,
                           title="Entity type", fontsize=9, title_fontsize=9)
    return Picture(figure, legend, labels, edge_labels)


def _edge_labels(axes, graph: nx.MultiDiGraph, places: dict) -> list[Text]:
    """What each extracted relation says ("Governor", "member of", "threaten"), written at the
    middle of its edge; parallel relations between two nodes share one label."""
    said: dict[tuple[str, str], list[str]] = {}
    weights: dict[tuple[str, str], int] = {}
    for source, target, data in graph.edges(data=True):
        if data["kind"] != "relation" or source == target:
            continue
        pair = (source, target) if source < target else (target, source)
        if data["label"] not in said.setdefault(pair, []):
            said[pair].append(data["label"])
        weights[pair] = weights.get(pair, 0) + data["weight"]
    heaviest = sorted(said, key=lambda pair: -weights[pair])[:MAX_EDGE_LABELS]
    return [axes.text(*((np.array(places[a]) + np.array(places[b])) / 2), " / ".join(said[(a, b)]),
                      fontsize=7, color="#444444", ha="center", va="center", zorder=2.6,
                      bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
            for a, b in heaviest]


def _separate_labels(figure: Figure, axes, labels: list[Text], anchors: list[tuple[float, float]],
                     lifts: list[float], markers: list[tuple[tuple[float, float], float]],
                     fixed: list[Text]) -> None:
    """Start each label just above its node, move labels (in pixels) until none overlaps
    another label, a node or a `fixed` label (the edges'), and draw leaders to those that
    ended up away from their node."""
    if not labels:
        return
    renderer = figure.canvas.get_renderer()
    drawn = np.array([label.get_window_extent(renderer).extents for label in labels])
    lifted = drawn + np.outer(lifts, [0, 1, 0, 1])
    obstacles = [(*(axes.transData.transform(centre) - radius), *(axes.transData.transform(centre) + radius))
                 for centre, radius in markers]
    obstacles += [tuple(label.get_window_extent(renderer).extents) for label in fixed]
    area = axes.get_window_extent(renderer).extents
    moved = layout.relax_labels(lifted, tuple(area), obstacles=np.array(obstacles))
    to_data = axes.transData.inverted()
    for label, before, start, after, anchor in zip(labels, drawn, lifted, moved, anchors):
        label.set_position(to_data.transform(axes.transData.transform(label.get_position()) + (after[:2] - before[:2])))
        if np.hypot(*(after[:2] - start[:2])) > LEADER_MIN_PIXELS:
            axes.plot(*zip(anchor, label.get_position()), color="#999999", linewidth=0.5, zorder=2.5)
