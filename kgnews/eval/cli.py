"""`kgnews eval`: score the pipeline against gold files (mounted on the main `kgnews` group)."""
from __future__ import annotations

import click


@click.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--articles", type=click.Path(exists=True),
    help="Folder or .jsonl file with the articles' texts (default: beside each gold file).",
)
@click.option("--misses", is_flag=True, help="Also list missed and spurious facts with their sentences.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--model", help="spaCy pipeline package to analyse with (default: the one kgnews pins).")
@click.option("--store", help="Keep the graph in this store (default: a temporary in-memory one).")
def eval_command(gold: tuple[str, ...], articles: str | None, misses: bool, output_format: str, model: str | None,
                 store: str | None) -> None:
    """Ingest the articles of GOLD files (JSON lines, docs/facts.md format) and score the graph.

    Prints precision, recall and F1 per fact family (positions, affiliations, quotes,
    places, events, bylines) and how many gold entities were found, split or merged.
    An article's text is looked for beside its gold file: articles/<id>.txt,
    seed-<id>.txt, <id>.txt or articles.jsonl.
    """
    # Imported here: spaCy, trafilatura and networkx are slow to import, and only this command needs them.
    from kgnews.eval.report import format_json, format_text
    from kgnews.eval.runner import evaluate

    report = evaluate(gold, articles=articles, model=model, store=store)
    click.echo(format_json(report) if output_format == "json" else format_text(report, misses=misses), nl=False)
