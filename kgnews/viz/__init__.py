"""Graph views of the knowledge graph: a networkx projection and files for visualisation tools.

    import kgnews
    from kgnews import viz
    with kgnews.open("kgnews.db") as kg:
        graph = viz.project(kg.store, types="Person,Organization", entity="Mark Dayton", hops=2)
        viz.write(graph, "gexf", "dayton.gexf")        # Gephi
        viz.write(graph, "html", "dayton.html")        # offline explorer
        viz.write(graph, "png", "dayton.png", width=1600, height=1200, dpi=100)

See `kgnews.viz.projection` for what nodes and edges hold and how filters compose, and
`kgnews.viz.formats` for how each format types attributes and dates.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from kgnews.viz import explorer, formats
from kgnews.viz.projection import Filters, VizError, build_graph, make_filters, node_id, project, read_records

FORMATS = ("graphml", "gexf", "cytoscape", "d3", "dot", "png", "svg", "html")
BINARY_FORMATS = ("png",)
SUFFIXES = {"graphml": ".graphml", "gexf": ".gexf", "cytoscape": ".cyjs", "d3": ".json", "dot": ".dot",
            "png": ".png", "svg": ".svg", "html": ".html"}

__all__ = ["FORMATS", "Filters", "VizError", "build_graph", "make_filters", "node_id", "project", "read_records",
           "render", "write", "write_bytes"]


def render(graph: nx.MultiDiGraph, output_format: str, *, width: int = 1600, height: int = 1200, dpi: int = 100,
           title: str = "kgnews graph") -> bytes:
    """`graph` as the bytes of a file in `output_format` (one of FORMATS)."""
    graph = formats.xml_safe_graph(graph)
    buffer = io.BytesIO()
    if output_format == "graphml":
        formats.write_graphml(graph, buffer)
    elif output_format == "gexf":
        formats.write_gexf(graph, buffer)
    elif output_format in ("png", "svg"):
        if width < 100 or height < 100 or dpi < 10:
            raise VizError(f"picture too small: {width}x{height} pixels at {dpi} dpi (at least 100x100 at 10 dpi)")
        from kgnews.viz import picture  # matplotlib loads only when a picture is drawn

        picture.draw(graph, width, height, dpi).save(buffer, output_format)
    elif output_format in ("cytoscape", "d3"):
        data = formats.cytoscape_data(graph) if output_format == "cytoscape" else formats.d3_data(graph)
        text = io.StringIO()
        formats.write_json(data, text)
        buffer.write(text.getvalue().encode("utf-8"))
    elif output_format == "dot":
        buffer.write(formats.dot_text(graph).encode("utf-8"))
    elif output_format == "html":
        buffer.write(explorer.explorer_html(graph, title=title).encode("utf-8"))
    else:
        raise VizError(f"unknown format {output_format!r} (known: {', '.join(FORMATS)})")
    return buffer.getvalue()


def write(graph: nx.MultiDiGraph, output_format: str, out: str | Path | BinaryIO, **options) -> None:
    """Write `graph` as `output_format` to a path or binary stream (options as for `render`)."""
    write_bytes(render(graph, output_format, **options), out)


def write_bytes(content: bytes, out: str | Path | BinaryIO) -> None:
    """Write rendered `content` to a path (a VizError naming it when that fails) or a stream."""
    if isinstance(out, (str, Path)):
        try:
            Path(out).write_bytes(content)
        except OSError as error:
            raise VizError(f"{out}: cannot write ({error.strerror or error})") from error
    else:
        out.write(content)
