"""Click options shared by the `kgnews` commands (the main CLI, viz, serve), declared once."""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

import click

from kgnews.defaults import DEFAULT_LOCATION, DEFAULT_MAX_LENGTH, DEFAULT_QUERY_TIMEOUT, LOCATION_VARIABLE

location_option = click.option(
    "--store", "location", metavar="PATH|URL", envvar=LOCATION_VARIABLE, default=DEFAULT_LOCATION,
    show_default=True, help=f"Store directory, ':memory:' or SPARQL endpoint URL (env {LOCATION_VARIABLE}).",
)
timeout_option = click.option(
    "--timeout", type=click.FloatRange(min=0), default=DEFAULT_QUERY_TIMEOUT, show_default=True,
    metavar="SECONDS", help="Stop any query running longer than this, with an error (0: no limit).",
)


def opened_store(*, read_only: bool, timeout: bool) -> Callable[[Callable], Callable]:
    """--store (and --timeout), opened as a KnowledgeGraph passed to the command as `kg`, closed after it.

    Read-only: an ingest may write the store meanwhile (a bulk load may not) and it must exist.
    """

    def decorate(command: Callable) -> Callable:
        @functools.wraps(command)
        def with_graph(location: str, timeout: float | None = None, **options: object) -> object:
            from kgnews import api

            with api.open(location, read_only=read_only, timeout=timeout or None) as kg:
                return command(kg=kg, **options)

        return location_option(timeout_option(with_graph) if timeout else with_graph)

    return decorate


store_option = opened_store(read_only=False, timeout=False)
reading_store_option = opened_store(read_only=True, timeout=True)


def format_option(choices: Iterable[str], default: str) -> Callable:
    return click.option(
        "--format", "output_format", type=click.Choice(list(choices)), default=default,
        show_default=True, help="Output format.",
    )


max_length_option = click.option(
    "--max-length", type=click.IntRange(min=1), default=DEFAULT_MAX_LENGTH, show_default=True, metavar="CHARS",
    help="Longest article text analysed; a longer one is reported and skipped (about 1 GB of memory per 100,000).",
)
article_option = click.option("--article", metavar="ID", help="Only this article (the id it was ingested with).")
kb_option = click.option(
    "--kb", "kb_files", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
    help="A knowledge-base file (JSON lines) to link entities to, besides the default KB and $KGNEWS_KB; repeatable.",
)
