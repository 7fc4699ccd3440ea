"""What `kgnews ingest` shows while it runs: a progress bar on a terminal, failures on stderr."""
from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from kgnews.errors import IngestWarning, KGNewsError
from kgnews.model import Article


class RateColumn(ProgressColumn):
    """Articles per second since the start."""

    def render(self, task: Task) -> Text:
        rate = task.completed / task.elapsed if task.elapsed else 0.0
        return Text(f"{rate:.1f} articles/s")


class IngestReporter:
    """Progress bar on a terminal (nothing when piped) and one stderr line per failed input."""

    def __init__(self) -> None:
        self.console = Console(stderr=True)
        self.counts: Counter[str] = Counter()  # articles by status: ingested, skipped, failed
        self.progress: Progress | None = None
        if self.console.is_terminal:
            self.progress = Progress(
                SpinnerColumn(), TextColumn("{task.completed} articles"), RateColumn(),
                TimeElapsedColumn(), console=self.console, transient=True,
            )
            # Started by the first article, so the model's loading time does not lower the rate.
            self.task = self.progress.add_task("ingest", total=None, start=False)

    def __enter__(self) -> IngestReporter:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def advance(self, article: Article, status: str) -> None:
        self.counts[status] += 1
        if self.progress is not None:
            self.progress.start_task(self.task)  # no-op once started
            self.progress.advance(self.task)

    def error(self, error: KGNewsError) -> None:
        # Through the progress console so the line lands above a live progress bar.
        self.console.print(Text(f"failed: {error}"), soft_wrap=True)

    def warning(self, warning: IngestWarning) -> None:
        self.console.print(Text(f"warning: {warning}"), soft_wrap=True)

    def stopped(self, why: str) -> None:
        """One line on what the store holds from this run when it ends early (Ctrl-C, a full disk)."""
        ingested = self.counts["ingested"]
        self.console.print(Text(
            f"{why}: {ingested} article{'' if ingested == 1 else 's'} ingested before the stop "
            f"{'is' if ingested == 1 else 'are'} in the store ({self.counts['skipped']} skipped, "
            f"{self.counts['failed']} failed); the same command again skips them and goes on"
        ), soft_wrap=True)
