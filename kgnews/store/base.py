"""The Store contract shared by the embedded Oxigraph store and remote SPARQL endpoints."""
from __future__ import annotations

import errno
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from kgnews.errors import KGNewsError, QueryError, StoreError
from kgnews.parallel import chunks
from kgnews.results import QueryResult, QueryStream
from kgnews.sparql import values
from kgnews.store.keywords import refuse_service

SYNTAX_ERROR_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)
MAX_REASON_CHARS = 160
# How many quads each of some graphs holds ($graphs: a VALUES clause binding ?g).
GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?quads) WHERE { $graphs GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def one_line(text: str, limit: int = MAX_REASON_CHARS) -> str:
    """Collapse whitespace so an error stays on one terminal line; cut very long reasons."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def storage_failure(location: str, action: str, error: Exception) -> KGNewsError:
    """What an error Oxigraph raised while `action` ("open", "query", "update", "flush") means
    for the user, in one line: a damaged store, a full disk, or the engine's own words."""
    reason = str(error)
    if "Corruption" in reason:
        return StoreError(
            f"store {location} is damaged ({one_line(reason, 100)}): restore it from a backup, "
            "or ingest the articles again into a new store"
        )
    if getattr(error, "errno", None) == errno.ENOSPC or "no space left" in reason.lower():
        return StoreError(f"disk full while writing {location}: free some space, then run the command again")
    if action == "query" and isinstance(error, RuntimeError):  # the engine refusing this query
        return QueryError(f"SPARQL query failed: {one_line(reason)}")
    return StoreError(f"store {location}: {action} failed ({one_line(reason)})")


def syntax_error(error: SyntaxError, what: str = "query") -> QueryError:
    """A parser error as one line naming line and column."""
    message = str(error)
    match = SYNTAX_ERROR_POSITION.match(message)
    if match is None:
        return QueryError(f"SPARQL {what} syntax error: {one_line(message)}")
    line, column, reason = match.groups()
    if "Prefix not found" in reason:  # Oxigraph lists it among dozens of expected characters
        reason = "undeclared prefix"
    return QueryError(f"SPARQL {what} syntax error at line {line}, column {column}: {one_line(reason)}")


@dataclass(frozen=True)
class QueryDataset:
    """The graphs a query runs over, as the SPARQL 1.1 Protocol's `default-graph-uri` and
    `named-graph-uri` give them; they replace the query's own FROM and FROM NAMED."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


class Store(ABC):
    """An RDF dataset kgnews writes per-article named graphs to and queries with SPARQL.

    Use as a context manager, or call `close()` when done.

    Queries are bounded: `query_timeout` (seconds, None for no limit) applies to every query
    run without its own `timeout`, including those kgnews runs for its views.
    """

    location: str
    query_timeout: float | None = None
    values_rows: int | None = None  # graphs per VALUES clause kgnews sends (None: no limit)

    def stream(
        self,
        sparql: str,
        dataset: QueryDataset | None = None,
        *,
        timeout: float | None = None,
        limit: int | None = None,
        allow_service: bool = False,
    ) -> QueryStream:
        """Run a SELECT/ASK/CONSTRUCT/DESCRIBE query and stream its answer; kgnews prefixes are predeclared.

        Without FROM, FROM NAMED or `dataset`, the default graph is the union of all
        graphs (a triple stated in several graphs matches once per graph, as on Virtuoso)
        and GRAPH ?g ranges over every named graph; FROM and FROM NAMED, or `dataset`,
        restrict both as the SPARQL standard says.

        timeout: seconds before the query is stopped with a QueryTimeout (raised when the
            rows are read); None uses `query_timeout`, 0 means no limit.
        limit: at most this many rows (then `truncated` is set); None for all.
        allow_service: run SERVICE (federated) clauses, which reach other servers; refused
            with a QueryError by default.
        Use the stream in a `with` block (or close it) so a query not read to its end stops.
        """
        if not allow_service:
            refuse_service(sparql)
        seconds = self.query_timeout if timeout is None else timeout
        return self._stream(sparql, dataset, seconds or None).with_limit(limit)

    def query(
        self,
        sparql: str,
        dataset: QueryDataset | None = None,
        *,
        timeout: float | None = None,
        limit: int | None = None,
        allow_service: bool = False,
    ) -> QueryResult:
        """Run a query and return its whole answer; options as for `stream`."""
        return self.stream(sparql, dataset, timeout=timeout, limit=limit, allow_service=allow_service).collect()

    @abstractmethod
    def _stream(self, sparql: str, dataset: QueryDataset | None, timeout: float | None) -> QueryStream:
        """The answer to `sparql` over `dataset`, stopped after `timeout` seconds unless None."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update; kgnews prefixes are predeclared."""

    @abstractmethod
    def replace_graphs(
        self, graphs: Mapping[str, Iterable[ox.Quad]], remove: Iterable[str] = (), *, new: bool = False
    ) -> int:
        """Clear every graph in `graphs` and `remove`, add the quads; return how many were added.

        Each quad must carry the graph name it is listed under. `new`: the caller has read
        that none of `graphs` holds data (the store need not look again).
        """

    def load_graphs(self, graphs: Mapping[str, Iterable[ox.Quad]]) -> int:
        """Add new named graphs (none of them in the store yet) by the store's fastest path,
        which need not be atomic; return how many quads were added. By default, as
        `replace_graphs`."""
        return self.replace_graphs(graphs)

    def exclude_readers(self) -> None:
        """Before `load_graphs`: refuse (StoreError) if readers are open that the store's
        bulk path would fail, and keep new ones out until the store is closed. By default
        nothing (a server serves its readers itself)."""

    @abstractmethod
    def graph_names(self) -> set[str]:
        """IRIs of the named graphs holding data."""

    @abstractmethod
    def has_graph(self, iri: str) -> bool: ...

    def graphs_with_data(self, iris: Iterable[str]) -> set[str]:
        """Those of the named graphs `iris` that hold data (one request per thousand graphs
        on a remote store)."""
        return {iri for iri in iris if self.has_graph(iri)}

    def graph_quads(self, iris: Iterable[str]) -> dict[str, list[ox.Quad]]:
        """The quads of each of the named graphs `iris` that holds data (one request per
        thousand graphs, and more only for more rows than a page, on a remote store)."""
        found = {iri: list(self.quads(iri)) for iri in dict.fromkeys(iris)}
        return {iri: quads for iri, quads in found.items() if quads}

    def graph_sizes(self, iris: Iterable[str]) -> dict[str, int]:
        """How many quads each of the named graphs `iris` that holds data has: one query (one
        per `values_rows` graphs on a store that limits its VALUES clauses)."""
        sizes: dict[str, int] = {}
        for graphs in self._graph_values(iris):
            sizes.update((str(row["g"]), int(row["quads"])) for row in self.select(GRAPH_SIZES.replace("$graphs", graphs)))
        return sizes

    def _graph_values(self, iris: Iterable[str]) -> Iterator[str]:
        """VALUES ?g clauses over `iris`, each at most `values_rows` long (Virtuoso refuses
        very large ones)."""
        listed = list(dict.fromkeys(iris))
        return (values("g", part) for part in chunks(listed, self.values_rows or max(len(listed), 1)))

    @abstractmethod
    def __len__(self) -> int:
        """Number of quads."""

    @abstractmethod
    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Stream the quads of one named graph, or of the whole store but kgnews's
        bookkeeping graphs (`kgnews.vocab.bookkeeping_graphs`, read by name)."""

    @abstractmethod
    def triples(self, graph: str | None = None) -> Iterator[ox.Triple]:
        """Stream the triples of one named graph, or the distinct triples of all graphs but
        the bookkeeping graphs."""

    @property
    def bookkeeping(self) -> Store:
        """Where kgnews keeps its counts (kgnews.graph.derived), as named graphs: by default
        this store itself; the embedded store keeps them in a side store, out of the union
        default graph its queries see."""
        return self

    def compact(self) -> None:
        """Reclaim what deleted data costs reads (after a large deletion); by default nothing."""

    def flush(self) -> None:
        """Write to disk what the store holds in memory (then closing it has less to do); by
        default nothing."""

    def counts_elsewhere(self) -> Store | None:
        """A store holding counts this one is to keep as its own graphs (the side store of an
        embedded store now opened to keep them as graphs), for the caller to move and close."""
        return None

    @abstractmethod
    def close(self) -> None: ...

    def select(self, sparql: str) -> list[dict[str, object]]:
        """Rows of a SELECT query as dicts of Python values (see kgnews.results.python_value)."""
        result = self.query(sparql)
        if result.kind != "select":
            raise QueryError(f"select() needs a SELECT query, got a {result.kind.upper()} query")
        return result.records()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
