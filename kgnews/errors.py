"""Errors a user can act on: each names the file (and line) and the reason."""
from __future__ import annotations


class KGNewsError(Exception):
    """Base class; `str(error)` is one line fit for a terminal."""


def os_reason(error: OSError) -> str:
    """What the system said went wrong, as a reason in a one-line error ("permission denied")."""
    return (error.strerror or str(error)).lower()


class IngestError(KGNewsError):
    """An input could not be read as an article."""

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[type, tuple[str, str, int | None]]:
        # Made by a worker process (kgnews.ingest.shares), raised or reported in the parent.
        return type(self), (self.source, self.reason, self.line)


class IngestWarning:
    """Something in an input kgnews changed or left out while still ingesting it; `str()` is one line."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    def __repr__(self) -> str:
        return f"IngestWarning({str(self)!r})"


class QueryError(KGNewsError):
    """A SPARQL query could not be parsed or evaluated."""


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""

    def __init__(self, message: str, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(message)


class StoreError(KGNewsError):
    """The store could not be opened, read or written."""
