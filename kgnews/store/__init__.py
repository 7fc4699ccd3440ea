"""Where the knowledge graph lives: embedded Oxigraph, in memory, or a SPARQL 1.1 server."""
from __future__ import annotations

import os
from pathlib import Path

from kgnews.defaults import DEFAULT_LOCATION, LOCATION_VARIABLE, TOKEN_VARIABLE
from kgnews.store.base import Store
from kgnews.store.oxigraph import MEMORY, OxigraphStore
from kgnews.store.remote import RemoteStore


__all__ = ["DEFAULT_LOCATION", "OxigraphStore", "RemoteStore", "Store", "open_store"]


def open_store(
    location: str | Path | None = None, *, read_only: bool = False, query_timeout: float | None = None,
    counts_as_graphs: bool = False,
) -> Store:
    """Open the store at `location`.

    A directory path opens (or creates) an embedded Oxigraph store; ":memory:" an in-memory
    one; "http(s)://host/sparql", optionally followed by "|" and a separate update endpoint
    and by "|" and a Graph Store Protocol endpoint to write graphs to (Virtuoso's is found
    without), a remote SPARQL 1.1 server, sent $KGNEWS_TOKEN as a Bearer token when set (what
    `kgnews serve --allow-update` asks updates for). None means $KGNEWS_STORE, else ./kgnews.db.

    read_only: open an existing directory store for reading only (no lock, nothing created).
    query_timeout: seconds any query may run (see Store.stream); None for no limit.
    counts_as_graphs: a directory store keeps kgnews's counts as named graphs of its own, as
        a server does, not in its side store (see OxigraphStore).
    """
    if location is None:
        location = os.environ.get(LOCATION_VARIABLE) or DEFAULT_LOCATION
    text = str(location)
    store: Store
    if text == MEMORY:
        store = OxigraphStore()
    elif text.startswith(("http://", "https://")):
        query_endpoint, update_endpoint, graph_store_endpoint = (text.split("|", 2) + ["", ""])[:3]
        store = RemoteStore(query_endpoint, update_endpoint or None, token=os.environ.get(TOKEN_VARIABLE) or None,
                            graph_store_endpoint=graph_store_endpoint or None)
    else:
        store = OxigraphStore(Path(location), read_only=read_only, counts_as_graphs=counts_as_graphs)
    store.query_timeout = query_timeout
    return store
