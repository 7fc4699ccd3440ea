"""The embedded store: Oxigraph on disk (RocksDB directory) or in memory."""
from __future__ import annotations

import errno
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox

from kgnews.errors import StoreError
from kgnews.query.results import QueryResult
from kgnews.store.base import QueryDataset, Store, one_line, syntax_error
from kgnews.store.updates import checked_quads, graph_node, replacement_requests
from kgnews.vocab import prefixes

MEMORY = ":memory:"
# RocksDB writes this file first in every database directory it creates.
ROCKSDB_MARKER = "CURRENT"
UNION_TRIPLES = (
    "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE "
    "{ { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }"
)

# SPARQL text in the order a scanner must try it: strings and IRIs may contain "#" and
# "FROM", comments may contain anything; a FROM keyword is a word not part of a prefixed
# name (`ex:from`, `from:x`) or a variable.
SPARQL_TOKEN = re.compile(
    r"""(?P<skip>'{3}(?:[^'\\]|\\.|'(?!''))*'{3}|"{3}(?:[^"\\]|\\.|"(?!""))*"{3}"""
    r"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n]*"""
    r"""|[?$][\w-]+|[\w.-]*:[\w.-]*)|(?P<from>\b(?i:FROM)\b)""",
)


def names_its_dataset(sparql: str) -> bool:
    """True when the query text has a FROM or FROM NAMED clause."""
    return any(token.group("from") for token in SPARQL_TOKEN.finditer(sparql))


def open_failure(path: Path, error: OSError) -> StoreError:
    """Turn what RocksDB says into one line a user can act on."""
    reason = str(error)
    # Look at RocksDB's words only: the path itself may contain "lock" ("/srv/blocks/...").
    if "lock" in reason.replace(str(path), "").lower():
        return StoreError(
            f"store {path} is in use by another process (or already open here); "
            "Oxigraph allows one writer at a time"
        )
    if error.errno == errno.EACCES or "permission denied" in reason.lower():
        return StoreError(f"store {path} is not writable (permission denied)")
    if error.errno == errno.ENOTDIR or "not a directory" in reason.lower():
        return StoreError(f"store {path}: a path component is a file, not a directory")
    return StoreError(f"store {path} cannot be opened: {one_line(reason)}")


def check_store_directory(path: Path) -> None:
    """Refuse paths Oxigraph would fail on obscurely, or fill with database files by mistake."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"store {path} exists but is not a directory")
    if path.is_dir() and any(path.iterdir()) and not (path / ROCKSDB_MARKER).exists():
        raise StoreError(f"store {path} is a non-empty directory that is not an Oxigraph store")


class OxigraphStore(Store):
    """Oxigraph over a directory, or in memory when `path` is None."""

    def __init__(self, path: Path | None = None) -> None:
        self.location = MEMORY if path is None else str(path)
        if path is None:
            self._store: ox.Store | None = ox.Store()
            return
        check_store_directory(path)
        try:
            self._store = ox.Store(str(path))
        except OSError as error:
            raise open_failure(path, error) from error

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for callers that need its full API."""
        if self._store is None:
            raise StoreError(f"store {self.location} is closed")
        return self._store

    def failure(self, action: str, error: OSError) -> StoreError:
        return StoreError(f"store {self.location}: {action} failed ({one_line(str(error))})")

    def query(self, sparql: str, dataset: QueryDataset | None = None) -> QueryResult:
        if dataset is not None:
            graphs = {"default_graph": [graph_node(iri) for iri in dataset.default],
                      "named_graphs": [graph_node(iri) for iri in dataset.named]}
        else:
            # Oxigraph's union option would override a FROM clause: use it only without one.
            graphs = {"use_default_graph_as_union": not names_its_dataset(sparql)}
        try:
            answer = self.oxigraph.query(sparql, prefixes=prefixes(), **graphs)
            # Solutions are computed lazily: read them inside the try so errors are caught here.
            if isinstance(answer, ox.QuerySolutions):
                variables = tuple(variable.value for variable in answer.variables)
                rows = tuple(tuple(solution[name] for name in variables) for solution in answer)
                return QueryResult("select", variables, rows)
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(answer))
            return QueryResult.from_triples(answer)
        except SyntaxError as error:
            raise syntax_error(error) from None
        except OSError as error:
            raise self.failure("query", error) from error

    def update(self, sparql: str) -> None:
        try:
            self.oxigraph.update(sparql, prefixes=prefixes())
        except SyntaxError as error:
            raise syntax_error(error, "update") from None
        except OSError as error:
            raise self.failure("update", error) from error

    def replace_graphs(
        self, graphs: Mapping[str, Iterable[ox.Quad]], remove: Iterable[str] = ()
    ) -> int:
        remove = list(remove)
        if not remove and not any(self.has_graph(name) for name in graphs):
            # Nothing to clear (new articles): one transactional `extend`, four times faster
            # than writing the quads out as SPARQL text for Oxigraph to parse back.
            quads = checked_quads(graphs)
            try:
                self.oxigraph.extend(quads)
            except OSError as error:
                raise self.failure("update", error) from error
            return len(quads)
        requests, added = replacement_requests(graphs, remove)
        # One request, so Oxigraph applies the drops and inserts as one transaction.
        for request in requests:
            self.update(request)
        return added

    def load_graphs(self, graphs: Mapping[str, Iterable[ox.Quad]]) -> int:
        # Oxigraph's bulk loader: sorted files written straight into RocksDB, no transaction.
        quads = checked_quads(graphs)
        try:
            self.oxigraph.bulk_extend(quads)
        except OSError as error:
            raise self.failure("bulk load", error) from error
        return len(quads)

    def graph_names(self) -> set[str]:
        # CLEAR GRAPH leaves an empty graph listed; only graphs with data count.
        return {
            graph.value
            for graph in self.oxigraph.named_graphs()
            if isinstance(graph, ox.NamedNode) and self.has_graph(graph.value)
        }

    def has_graph(self, iri: str) -> bool:
        # A dropped graph is gone from named_graphs; an emptied one may linger, so look for data.
        return next(self.quads(iri), None) is not None

    def __len__(self) -> int:
        return len(self.oxigraph)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        graph_name = None if graph is None else graph_node(graph)
        return self.oxigraph.quads_for_pattern(None, None, None, graph_name)

    def triples(self, graph: str | None = None) -> Iterator[ox.Triple]:
        if graph is None:
            return iter(self.oxigraph.query(UNION_TRIPLES))
        return (quad.triple for quad in self.quads(graph))

    def close(self) -> None:
        """Flush and release the directory lock (dropping the last reference frees it)."""
        if self._store is None:
            return
        try:
            if self.location != MEMORY:
                self._store.flush()
        except OSError as error:
            raise self.failure("flush", error) from error
        finally:
            self._store = None
