"""Where the knowledge graph lives: embedded Oxigraph, in memory, or a SPARQL 1.1 server."""
from __future__ import annotations

import os
from pathlib import Path

from kgnews.defaults import DEFAULT_LOCATION, LOCATION_VARIABLE, TOKEN_VARIABLE
from kgnews.store.base import Store
from kgnews.store.oxigraph import MEMORY, OxigraphStore
from kgnews.store.remote import RemoteStore


__all__ = ["DEFAULT_LOCATION", "OxigraphStore", "RemoteStore", "Store", "open_store"]


def open_store(location: str | Path | None = None) -> Store:
    """Open the store at `location`.

    A directory path opens (or creates) an embedded Oxigraph store; ":memory:" an in-memory
    one; "http(s)://host/sparql", optionally followed by "|" and a separate update endpoint
    and by "|" and a Graph Store Protocol endpoint to write graphs to (Virtuoso's is found
    without), a remote SPARQL 1.1 server, sent $KGNEWS_TOKEN as a Bearer token when set (what
    `kgnews serve --allow-update` asks updates for). None means $KGNEWS_STORE, else ./kgnews.db.
    """
    if location is None:
        location = os.environ.get(LOCATION_VARIABLE) or DEFAULT_LOCATION
    text = str(location)
    if text == MEMORY:
        return OxigraphStore()
    if text.startswith(("http://", "https://")):
        query_endpoint, update_endpoint, graph_store_endpoint = (text.split("|", 2) + ["", ""])[:3]
        return RemoteStore(query_endpoint, update_endpoint or None, token=os.environ.get(TOKEN_VARIABLE) or None,
                           graph_store_endpoint=graph_store_endpoint or None)
    return OxigraphStore(Path(location))
