"""One look for every output: colours by entity type, sizes by PageRank."""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

# Tableau 10 hues: distinct for colour-blind readers and on white or dark backgrounds.
TYPE_COLOURS: dict[str, str] = {
    "Person": "#4E79A7",
    "Organization": "#F28E2B",
    "Place": "#59A14F",
    "Event": "#B07AA1",  # what an event acts on (viz --events)
    "Quote": "#EDC948",  # something said (viz --events)
}
OTHER_COLOUR = "#9C9C9C"
COOCCURRENCE_COLOUR = "#BBBBBB"


def type_colour(entity_type: str | None) -> str:
    return TYPE_COLOURS.get(entity_type or "", OTHER_COLOUR)


def rgb(colour: str) -> tuple[int, int, int]:
    """'#4E79A7' -> (78, 121, 167)."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def legend_types(nodes: Mapping[Any, Mapping[str, Any]]) -> list[str]:
    """The entity types present, in the fixed legend order, unknown types last."""
    present = {data["type"] for data in nodes.values()}
    return [name for name in TYPE_COLOURS if name in present] + sorted(present - TYPE_COLOURS.keys())


def size_scale(ranks: list[float], smallest: float, largest: float):
    """A function from PageRank to a size between `smallest` and `largest` (square-root scale,
    so a node's area grows with its rank)."""
    top = max(ranks, default=0.0) or 1.0

    def size(rank: float) -> float:
        return smallest + (largest - smallest) * math.sqrt(max(rank, 0.0) / top)

    return size
