"""`kgnews viz`: the click command, mounted on the main CLI by kgnews/cli.py."""
from __future__ import annotations

import sys

import click

from kgnews import api, viz
from kgnews.cli import click_error
from kgnews.errors import KGNewsError
from kgnews.options import location_option, timeout_option


@click.command(name="viz")
@click.option("--format", "output_format", type=click.Choice(viz.FORMATS), default="html", show_default=True,
              help="graphml/gexf (Gephi, yEd), cytoscape (Cytoscape JSON), d3 (nodes/links JSON), dot "
                   "(Graphviz), png/svg (picture), html (offline explorer).")
@click.option("--out", type=click.Path(dir_okay=False, writable=True),
              help="File to write (default stdout; required for png).")
@location_option
@timeout_option
@click.option("--article", metavar="ID", help="Only this article.")
@click.option("--since", metavar="DATE", help="Only facts and entities dated on or after DATE (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Only facts and entities dated on or before DATE.")
@click.option("--type", "types", metavar="TYPES", help='Entity types or subtypes, e.g. "Person,Organization".')
@click.option("--relation", "relations", metavar="RELATIONS", help='Relations, e.g. "holds_position,said".')
@click.option("--entity", metavar="NAME", help='Ego network around this entity (name, alias or IRI).')
@click.option("--hops", type=click.IntRange(min=0), default=1, show_default=True, help="Hops around --entity.")
@click.option("--min-weight", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only edges supported by at least this many articles (sentences for co-mentions).")
@click.option("--top", type=click.IntRange(min=1), metavar="N", help="Only the N entities of highest PageRank.")
@click.option("--cooccurrence", is_flag=True, help="Add co-mention edges (entities named in one sentence).")
@click.option("--events", is_flag=True,
              help="Draw quotes and what events act on as nodes of their own (Daudt -threaten-> call for "
                   "Dayton's resignation).")
@click.option("--width", type=click.IntRange(min=100), default=1600, show_default=True, help="Picture width, pixels.")
@click.option("--height", type=click.IntRange(min=100), default=1200, show_default=True, help="Picture height, pixels.")
@click.option("--dpi", type=click.IntRange(min=10), default=100, show_default=True, help="Picture resolution.")
@click.option("--title", default="kgnews graph", show_default=True, help="Title of the HTML explorer.")
def viz_command(output_format: str, out: str | None, location: str, timeout: float, width: int, height: int,
                dpi: int, title: str, **filters: object) -> None:
    """Draw the graph of entities and facts, or write it for Gephi, Cytoscape, d3 or Graphviz.

    Nodes are entities (label, type, mentions, articles, dates, degree, PageRank); edges are
    facts between them, weighted by the number of articles stating them. Filters combine:
    e.g. --type Person --entity "Mark Dayton" --hops 2 --since 2016-01-01.
    """
    if out is None and output_format in viz.BINARY_FORMATS:
        raise click.UsageError(f"--format {output_format} needs --out FILE")
    try:
        with api.open(location, read_only=True, timeout=timeout or None) as kg:
            graph = viz.project(kg.store, **filters)
        content = viz.render(graph, output_format, width=width, height=height, dpi=dpi, title=title)
        if out is None:
            sys.stdout.buffer.write(content)
        else:
            viz.write_bytes(content, out)
    except KGNewsError as error:
        raise click_error(error) from error
    if out is not None:
        click.echo(f"wrote {out}: {len(graph)} entities, {graph.number_of_edges()} edges", err=True)
