"""The `kgnews` command: a thin click layer over `kgnews.api`.

Each command parses its options, calls the API and writes the result; a `KGNewsError`
becomes a one-line `Error: ...` and exit status 1 (see `KGNewsGroup`).
"""
from __future__ import annotations

import importlib
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kgnews.defaults import (
    DEFAULT_BATCH_SIZE, DEFAULT_ROW_LIMIT,
)
from kgnews.errors import KGNewsError, QueryTimeout, StoreError, os_reason
from kgnews.export import RDF_FORMATS
from kgnews.options import (
    article_option, format_option, kb_option, max_length_option, opened_store, reading_store_option, store_option,
)
from kgnews.presentation import RESULT_FORMATS, write_records, write_result
from kgnews.version import __version__

if TYPE_CHECKING:
    from kgnews.api import KnowledgeGraph

# Only what `kgnews --help` needs is imported above: the API (store, rdflib), rich, spaCy
# and the rest are imported by the commands that use them, so that light commands start fast.


class KGNewsGroup(click.Group):
    """Turns library errors into one-line click errors for every subcommand.

    Commands owned by other packages are imported only when run, so that `kgnews query`
    does not pay for networkx and matplotlib (viz) or the scorer (eval); `kgnews --help`
    lists them with the one-line summaries below (a test checks they match the commands).
    """

    mounted = {"eval": "kgnews.eval.cli:eval_command", "serve": "kgnews.serve.cli:serve_command",
               "viz": "kgnews.viz.cli:viz_command"}
    mounted_summaries = {
        "eval": "Ingest the articles of GOLD files (JSON lines, docs/facts.md format) and score the graph.",
        "serve": "Serve the graph: a SPARQL 1.1 endpoint, Linked Data pages and a web UI.",
        "viz": "Draw the graph of entities and facts, or write it for Gephi, Cytoscape, d3 or Graphviz.",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.mounted])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.mounted:
            return super().get_command(ctx, name)
        module, attribute = self.mounted[name].split(":")
        return getattr(importlib.import_module(module), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            # A mounted command is listed through a stand-in holding its summary, not imported.
            command = click.Command(name, help=self.mounted_summaries[name]) if name in self.mounted else \
                super().get_command(ctx, name)
            rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KGNewsError as error:
            if isinstance(error.__cause__, BrokenPipeError):
                # The reader went away (`kgnews export | head`): nothing left to report.
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the exit flush quiet
                ctx.exit(1)
            raise click_error(error) from error


def click_error(error: KGNewsError) -> click.ClickException:
    """The one-line `Error: ...` a library error becomes, with the option that helps when there is one."""
    if isinstance(error, QueryTimeout):
        return click.ClickException(f"{error}; --timeout SECONDS allows longer (0: no limit)")
    return click.ClickException(str(error))


@click.group(cls=KGNewsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgnews")
def cli() -> None:
    """Turn political news articles into an RDF knowledge graph and query it.

    The graph lives in a store: a directory (default ./kgnews.db, or $KGNEWS_STORE),
    or a SPARQL 1.1 endpoint given as http://host:port/sparql.
    """
    show_library_warnings()


class StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a line is logged (click's test runner swaps it)."""

    @property  # type: ignore[override]
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        pass


def show_library_warnings() -> None:
    """What the library logs as a warning (a store upgraded, ...) as one `warning: ...` line on stderr."""
    logger = logging.getLogger("kgnews")
    if not any(isinstance(handler, StderrHandler) for handler in logger.handlers):
        handler = StderrHandler()
        handler.setFormatter(logging.Formatter("warning: %(message)s"))
        handler.setLevel(logging.WARNING)
        logger.addHandler(handler)


@contextmanager
def remembered_interrupt() -> Iterator[threading.Event]:
    """An event set by Ctrl-C (SIGINT) while in the block, which still raises KeyboardInterrupt
    as Python's own handler does. Python drops an exception raised inside a finaliser (a
    generator closed by the garbage collector, a `__del__`), so the interrupt itself can be
    lost; the event is not, and `KnowledgeGraph.ingest(stop=...)` ends at the batch's end."""
    interrupted = threading.Event()
    if threading.current_thread() is not threading.main_thread():  # only the main thread has handlers
        yield interrupted
        return

    def remember(signum: int, frame: object) -> None:
        interrupted.set()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, remember)
    try:
        yield interrupted
    finally:
        signal.signal(signal.SIGINT, previous)


# -- commands --------------------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@store_option
@click.option("--model", help="spaCy pipeline package to analyse with (default: the one kgnews pins).")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for the analysis.")
@click.option("--dask", metavar="ADDRESS", help="Analyse on a Dask cluster: tcp://SCHEDULER:8786, or local:N to start "
              "N local worker processes (needs kgnews[dask]).")
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE, show_default=True,
    help="Articles per analysis and store batch.",
)
@click.option("--replace", is_flag=True, help="Re-extract articles already in the store.")
@click.option("--bulk", is_flag=True, help="Write new articles by the store's bulk loader (less CPU); reading "
              "commands cannot open the store until the ingest ends.")
@kb_option
@max_length_option
def ingest(kg: KnowledgeGraph, paths: tuple[str, ...], model: str | None, jobs: int, dask: str | None,
           batch_size: int, replace: bool, bulk: bool, kb_files: tuple[str, ...], max_length: int) -> None:
    """Read articles from PATHS and add what they say to the graph.

    A path is a .txt, .html, .json or .jsonl file, a folder of them, a glob pattern, or
    "-" for standard input. An article already in the store with the same text is
    skipped. A bad input is reported on one line and skipped. Exits with status 1 when
    nothing could be ingested, 0 otherwise. People and organisations are linked to the
    default knowledge base (Wikidata QIDs), the --kb files and those in $KGNEWS_KB.
    """
    from kgnews.reporting import IngestReporter

    with IngestReporter() as reporter, remembered_interrupt() as interrupted:
        try:
            summary = kg.ingest(
                paths, model=model, jobs=jobs, dask=dask, batch_size=batch_size, replace=replace, bulk=bulk, kb=kb_files,
                max_length=max_length, on_error=reporter.error, on_warning=reporter.warning,
                progress=reporter.advance, stdin=sys.stdin, stop=interrupted.is_set,
            )
        except KeyboardInterrupt:
            # Batches are written whole: what was reported ingested is stored, the rest is not.
            reporter.stopped("interrupted")
            raise SystemExit(130) from None
        except StoreError:  # the store failed mid-run (a full disk): what is in it is still worth saying
            reporter.stopped("stopped")
            raise
    click.echo(str(summary))
    if summary.nothing_done:
        reason = "every input failed" if summary.failed else "no articles found"
        raise click.ClickException(f"nothing ingested: {reason}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Folder to write the graphs to.")
@click.option("--model", help="spaCy pipeline package to analyse with (default: the one kgnews pins).")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for the analysis.")
@click.option("--dask", metavar="ADDRESS", help="Analyse on a Dask cluster: tcp://SCHEDULER:8786, or local:N.")
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE, show_default=True,
    help="Articles per analysis batch.",
)
@kb_option
@max_length_option
def analyse(paths: tuple[str, ...], out: str, model: str | None, jobs: int, dask: str | None, batch_size: int,
            kb_files: tuple[str, ...], max_length: int) -> None:
    """Analyse articles from PATHS into N-Quads files in --out, for `kgnews load`.

    One file per article; run it again to resume: articles already in --out are skipped.
    Entities are linked to the default knowledge base, the --kb files and those in $KGNEWS_KB;
    give `kgnews load` the same --kb files, so it adds what they say about the linked entities.
    """
    from kgnews import api
    from kgnews.reporting import IngestReporter

    with IngestReporter() as reporter:
        summary = api.analyse(
            paths, out, model=model, jobs=jobs, dask=dask, batch_size=batch_size, kb=kb_files, max_length=max_length,
            on_error=reporter.error, on_warning=reporter.warning, progress=reporter.advance, stdin=sys.stdin,
        )
    click.echo(str(summary).replace("ingested", "analysed", 1))
    if summary.nothing_done:
        raise click.ClickException("nothing analysed: " + ("every input failed" if summary.failed else "no articles found"))


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@store_option
@kb_option
def load(kg: KnowledgeGraph, folder: str, kb_files: tuple[str, ...]) -> None:
    """Bulk-load the article graphs `kgnews analyse` wrote into FOLDER, then build the entity graph.

    Articles already in the store are skipped; a load cut short is finished by running it again.
    What the knowledge bases (the default KB, the --kb files and those in $KGNEWS_KB) say
    about the entities the articles link to is added too.
    """
    from kgnews.reporting import IngestReporter

    with IngestReporter() as reporter:
        summary = kg.load(folder, kb=kb_files, on_error=reporter.error)
    click.echo(str(summary).replace("ingested", "loaded", 1))


@cli.command()
@click.argument("ids", nargs=-1, required=True)
@store_option
def remove(kg: KnowledgeGraph, ids: tuple[str, ...]) -> None:
    """Remove the articles with these IDS and everything extracted from them."""
    removed = kg.remove(ids)
    click.echo(f"removed {len(removed)} article(s): {', '.join(removed)}")


@cli.command()
@opened_store(read_only=True, timeout=False)
def check(kg: KnowledgeGraph) -> None:
    """Verify the derived graphs (canonical entities) against the article graphs.

    Opens the store read-only. Prints each problem on one line and exits with status 1
    when there is any; `kgnews repair` recomputes the derived graphs.
    """
    problems = kg.check()
    for problem in problems:
        click.echo(f"problem: {problem}")
    if problems:
        raise click.ClickException(f"store {kg.location}: {len(problems)} problem(s) found")
    click.echo(f"store {kg.location}: {len(kg.article_ids())} articles, derived graphs agree with them")


@cli.command()
@store_option
def repair(kg: KnowledgeGraph) -> None:
    """Recompute the derived graphs (canonical entities) from the article graphs."""
    kg.repair()
    click.echo(f"store {kg.location}: entity graph recomputed from {len(kg.article_ids())} articles")


@cli.command()
@click.argument("query")
@reading_store_option
@format_option(RESULT_FORMATS["select"], default="table")
@click.option(
    "--limit", type=click.IntRange(min=0), default=DEFAULT_ROW_LIMIT, show_default=True, metavar="ROWS",
    help="Print at most this many rows, then say so on stderr (0: no limit).",
)
@click.option("--allow-service", is_flag=True, help="Run SERVICE clauses, which send requests to other servers.")
def query(kg: KnowledgeGraph, query: str, output_format: str, limit: int, allow_service: bool) -> None:
    """Run a SPARQL QUERY (the text, a .rq file, or "-" for stdin) and print the result.

    SELECT and ASK results are printed as --format; CONSTRUCT and DESCRIBE results as
    Turtle. The kgnews prefixes (kgo:, kgr:, schema:, prov:, ...) are predeclared. Rows
    are printed as they are found; a query still running after --timeout seconds is
    stopped with an error. Federated queries (SERVICE) are refused unless --allow-service.
    """
    out = sys.stdout
    with kg.stream(_query_text(query), limit=limit or None, allow_service=allow_service) as result:
        if result.kind == "graph":
            output_format = "turtle"
        if output_format == "table" and out.isatty():
            from rich.console import Console

            from kgnews.presentation import rich_table

            Console().print(rich_table(result))
        else:
            write_result(result, out, output_format)
    if result.truncated:
        out.flush()
        click.echo(f"kgnews: stopped after {limit} rows (--limit ROWS shows more, 0 all)", err=True)


@cli.command()
@reading_store_option
@article_option
@format_option(("jsonl", "csv", "table"), default="jsonl")
def entities(kg: KnowledgeGraph, article: str | None, output_format: str) -> None:
    """List canonical entities: label, type, aliases, mentions and articles."""
    write_records(kg.entities(article=article), sys.stdout, output_format, ENTITY_TABLE_COLUMNS)


@cli.command()
@reading_store_option
@article_option
@format_option(("jsonl", "csv", "table"), default="jsonl")
@click.option("--with-kb", is_flag=True,
              help='Also list what the knowledge base says about linked entities (marked "source": "kb").')
def facts(kg: KnowledgeGraph, article: str | None, output_format: str, with_kb: bool) -> None:
    """List extracted facts, each with the article and sentence it came from."""
    write_records(kg.facts(article=article, with_kb=with_kb), sys.stdout, output_format, FACT_TABLE_COLUMNS)


@cli.command()
@reading_store_option
@format_option(("text", "json"), default="text")
def stats(kg: KnowledgeGraph, output_format: str) -> None:
    """Count articles, entities by type, facts by relation and triples in the store."""
    counts = kg.stats()
    if output_format == "json":
        click.echo(json.dumps(counts, indent=2))
        return
    for name in ("store", "articles", "triples"):
        click.echo(f"{name:<10}{counts[name]}")
    entities, facts = counts["entities"], counts["facts"]
    click.echo(f"{'entities':<10}{sum(entities.values())}")
    for entity_type, count in entities.items():
        click.echo(f"  {entity_type:<18}{count}")
    click.echo(f"{'facts':<10}{sum(facts.values())}")
    # Verb-lemma relations are many and small: one line for all events (JSON lists each verb).
    for relation, count in counts.named_facts.items():
        click.echo(f"  {relation:<18}{count}")
    events = counts.event_facts
    if events:
        verbs = ", ".join(list(events)[:5]) + (", ..." if len(events) > 5 else "")
        click.echo(f"  {'events':<18}{sum(events.values())} ({len(events)} verbs: {verbs})")


@cli.command()
@opened_store(read_only=True, timeout=False)  # no query of the user's: its work is linear in the store
@format_option(RDF_FORMATS, default="turtle")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="File to write (default stdout).")
@click.option("--graph", metavar="IRI|ID", help="Only this named graph: an IRI or an article id.")
def export(kg: KnowledgeGraph, output_format: str, out: str | None, graph: str | None) -> None:
    """Write the graph as RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML)."""
    kg.export(output_format, Path(out) if out else sys.stdout.buffer, graph=graph)


# -- output helpers --------------------------------------------------------------------------

ENTITY_TABLE_COLUMNS = ("label", "type", "subtype", "wikidata", "mentions", "articles")
FACT_TABLE_COLUMNS = ("subject", "relation", "object", "role", "role_of", "article")


def _query_text(query: str) -> str:
    """The query itself, or the contents of the file (or stdin) it names."""
    if query == "-":
        return sys.stdin.read()
    if query.endswith(".rq") or Path(query).is_file():
        try:
            return Path(query).read_text(encoding="utf-8")
        except OSError as error:
            raise KGNewsError(f"{query}: {os_reason(error)}") from error
        except UnicodeDecodeError as error:
            raise KGNewsError(f"{query}: not valid UTF-8 at byte {error.start}") from error
    return query


def main() -> None:
    cli()
