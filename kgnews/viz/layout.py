"""Numbers behind the pictures: PageRank, node positions and label placement.

networkx's own PageRank and large-graph spring layout need SciPy, which kgnews does not
depend on; these are small numpy versions sized for news graphs (thousands of nodes).
"""
from __future__ import annotations

import math
import random
from collections import deque

import networkx as nx
import numpy as np

DAMPING = 0.85
# Up to this many nodes, networkx's dense spring layout is quick (well under a second);
# larger graphs lay out their highest-ranked nodes that way and place the rest around them.
SPRING_LAYOUT_LIMIT = 300


def pagerank(graph: nx.Graph, damping: float = DAMPING, tolerance: float = 1.0e-6, max_iterations: int = 200) -> dict:
    """Weighted PageRank over the undirected graph (edge `weight`, default 1), summing to 1.

    Undirected because the direction of a relation (person -> organisation) says nothing
    about which end matters more. Nodes without edges spread their rank evenly.
    """
    nodes = list(graph)
    if not nodes:
        return {}
    index = {node: position for position, node in enumerate(nodes)}
    sources, targets, weights = [], [], []
    for u, v, data in graph.edges(data=True):
        weight = float(data.get("weight", 1))
        sources += [index[u], index[v]]
        targets += [index[v], index[u]]
        weights += [weight, weight]
    count = len(nodes)
    source, target, weight = np.array(sources, dtype=int), np.array(targets, dtype=int), np.array(weights)
    strength = np.bincount(source, weights=weight, minlength=count)
    dangling = strength == 0
    share = weight / np.where(strength[source] > 0, strength[source], 1) if len(source) else weight
    rank = np.full(count, 1.0 / count)
    for _ in range(max_iterations):
        spread = np.bincount(target, weights=rank[source] * share, minlength=count)
        updated = damping * (spread + rank[dangling].sum() / count) + (1.0 - damping) / count
        converged = np.abs(updated - rank).sum() < count * tolerance
        rank = updated
        if converged:
            break
    return {node: float(rank[index[node]]) for node in nodes}


def positions(graph: nx.Graph, seed: int = 7) -> dict:
    """Node -> (x, y) in about [-1, 1]²: a spring layout, hub-first for large graphs."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    for u, v, data in graph.edges(data=True):
        if u != v:
            previous = simple.get_edge_data(u, v, {"weight": 0})["weight"]
            simple.add_edge(u, v, weight=previous + float(data.get("weight", 1)))
    if len(simple) <= SPRING_LAYOUT_LIMIT:
        return _spring(simple, seed)
    ranks = pagerank(simple)
    core = sorted(simple, key=lambda node: -ranks[node])[:SPRING_LAYOUT_LIMIT]
    placed = _spring(simple.subgraph(core), seed)
    return _place_around(simple, placed, random.Random(seed))


def _spring(graph: nx.Graph, seed: int) -> dict:
    """Each connected component laid out on its own, then the components packed in rows,
    largest first, so isolated nodes neither crowd nor scatter around the main cluster."""
    components = sorted((sorted(component, key=str) for component in nx.connected_components(graph)),
                        key=lambda members: (-len(members), str(members[0])))
    if not components:
        return {}
    cells = [_component_layout(graph.subgraph(members), seed) for members in components]
    sides = [math.sqrt(len(members)) for members in components]
    row_width = max(max(sides), 1.3 * math.sqrt(sum(side * side for side in sides)))
    placed: dict = {}
    x = y = row_height = 0.0
    for cell, side in zip(cells, sides):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        for node, (cx, cy) in cell.items():
            placed[node] = (x + side * (cx + 1) / 2, y - side * (1 - cy) / 2)
        x += side
        row_height = max(row_height, side)
    return _normalised(placed)


def _component_layout(component: nx.Graph, seed: int) -> dict:
    """A connected component's spring layout scaled to [-1, 1]², with room at the border."""
    if len(component) == 1:
        return {next(iter(component)): (0.0, 0.0)}
    # k a little above networkx's 1/sqrt(n) default leaves room for labels between nodes.
    layout = nx.spring_layout(component, k=1.6 / math.sqrt(len(component)), iterations=100, seed=seed, weight=None)
    return {node: (0.8 * x, 0.8 * y) for node, (x, y) in _normalised(layout).items()}


def _normalised(places: dict) -> dict:
    """Positions shifted and scaled (one factor for both axes) into [-1, 1]²."""
    xy = np.array(list(places.values()), dtype=float)
    centre = (xy.max(axis=0) + xy.min(axis=0)) / 2
    extent = (xy.max(axis=0) - xy.min(axis=0)).max() / 2 or 1.0
    return {node: (float((x - centre[0]) / extent), float((y - centre[1]) / extent)) for node, (x, y) in places.items()}


def _place_around(graph: nx.Graph, placed: dict, rng: random.Random) -> dict:
    """Each unplaced node near the placed neighbours that reach it first (breadth first);
    components with no placed node go on an outer ring."""
    placed = dict(placed)
    spacing = 2.0 / math.sqrt(len(graph))
    queue = deque(placed)
    while queue:
        node = queue.popleft()
        for neighbour in graph[node]:
            if neighbour not in placed:
                x, y = placed[node]
                angle = rng.uniform(0.0, 2.0 * math.pi)
                radius = spacing * rng.uniform(0.5, 1.5)
                placed[neighbour] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
                queue.append(neighbour)
    rest = [component for component in nx.connected_components(graph) if not component & placed.keys()]
    for number, component in enumerate(rest):
        angle = 2.0 * math.pi * number / max(len(rest), 1)
        centre = (1.3 * math.cos(angle), 1.3 * math.sin(angle))
        for member_number, node in enumerate(sorted(component, key=str)):
            offset = spacing * math.sqrt(member_number)
            turn = member_number * 2.4  # golden-angle spiral keeps members apart
            placed[node] = (centre[0] + offset * math.cos(turn), centre[1] + offset * math.sin(turn))
    return placed


def relax_labels(boxes: np.ndarray, bounds: tuple[float, float, float, float], obstacles: np.ndarray | None = None,
                 padding: float = 2.0, max_iterations: int = 400) -> np.ndarray:
    """Move label boxes (rows of x0, y0, x1, y1, in pixels) apart until none overlap.

    Each overlapping pair is pushed apart along the axis where they overlap least, half each
    way; a label overlapping a fixed obstacle (a node's marker) is pushed off it by the whole
    overlap. Boxes are kept inside `bounds` (x0, y0, x1, y1). Returns the moved boxes.
    """
    boxes = np.array(boxes, dtype=float)
    count = len(boxes)
    fixed = np.zeros((0, 4)) if obstacles is None else np.array(obstacles, dtype=float).reshape(-1, 4)
    if count == 0:
        return boxes
    half = np.column_stack([(boxes[:, 2] - boxes[:, 0]) / 2, (boxes[:, 3] - boxes[:, 1]) / 2]) + padding / 2
    centre = np.column_stack([(boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2])
    fixed_half = np.column_stack([(fixed[:, 2] - fixed[:, 0]) / 2, (fixed[:, 3] - fixed[:, 1]) / 2]) + padding / 2
    fixed_centre = np.column_stack([(fixed[:, 0] + fixed[:, 2]) / 2, (fixed[:, 1] + fixed[:, 3]) / 2])
    all_half = np.vstack([half, fixed_half])
    # A movable pair shares the push; an obstacle does not move, so the label takes it all.
    share = np.concatenate([np.full(count, 0.5), np.ones(len(fixed))])
    order = np.where(np.arange(count)[:, None] >= np.arange(count + len(fixed))[None, :], 1.0, -1.0)
    for _ in range(max_iterations):
        delta = centre[:, None, :] - np.vstack([centre, fixed_centre])[None, :, :]
        overlap = half[:, None, :] + all_half[None, :, :] - np.abs(delta)
        overlapping = (overlap[..., 0] > 0) & (overlap[..., 1] > 0)
        overlapping[np.arange(count), np.arange(count)] = False
        if not overlapping.any():
            break
        # Ties (same centre) are broken by index so two identical boxes still separate.
        direction = np.where(delta != 0, np.sign(delta), order[..., None])
        along_x = overlap[..., 0] <= overlap[..., 1]
        push = np.where(np.stack([along_x, ~along_x], axis=-1), direction * overlap, 0.0)
        centre += (push * (overlapping * share[None, :])[..., None]).sum(axis=1)
        _clamp(centre, half, bounds)
    _settle_remaining(centre, half, fixed_centre, fixed_half, bounds)
    return np.column_stack([centre - half + padding / 2, centre + half - padding / 2])


def _settle_remaining(centre: np.ndarray, half: np.ndarray, fixed_centre: np.ndarray, fixed_half: np.ndarray,
                      bounds: tuple[float, float, float, float]) -> None:
    """Labels the relaxation left overlapping (pushed from both sides at once) move, one at a
    time, to the nearest free spot on a spiral around where they are."""
    def clashes(index: int, point: np.ndarray) -> bool:
        others = np.vstack([np.delete(centre, index, axis=0), fixed_centre])
        others_half = np.vstack([np.delete(half, index, axis=0), fixed_half])
        gap = half[index] + others_half - np.abs(point - others)
        return bool(((gap[:, 0] > 0) & (gap[:, 1] > 0)).any())

    low, high = np.array(bounds[:2]), np.array(bounds[2:])
    for index in range(len(centre)):
        if not clashes(index, centre[index]):
            continue
        step = float(half[index].min())
        for turn in range(1, 2000):
            angle, radius = turn * 0.5, step * math.sqrt(turn)
            point = np.clip(centre[index] + radius * np.array([math.cos(angle), math.sin(angle)]),
                            low + half[index], np.maximum(low + half[index], high - half[index]))
            if not clashes(index, point):
                centre[index] = point
                break


def _clamp(centre: np.ndarray, half: np.ndarray, bounds: tuple[float, float, float, float]) -> None:
    """Keep boxes (given by centre and half size) inside bounds, in place."""
    low = np.array(bounds[:2]) + half
    high = np.array(bounds[2:]) - half
    np.copyto(centre, np.clip(centre, low, np.maximum(low, high)))
