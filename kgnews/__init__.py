"""kgnews: political news → knowledge graph with provenance.

    import kgnews
    with kgnews.open("kgnews.db") as kg:
        kg.ingest(["articles/"])
        kg.export("turtle", "kgnews.ttl")
"""
from __future__ import annotations

import importlib

from kgnews.version import __version__

__all__ = ["IngestSummary", "KnowledgeGraph", "__version__", "analyse", "build_graph", "open"]


def __getattr__(name: str) -> object:
    # The API is imported on first use, so that `kgnews --help` and the light commands do
    # not pay for the store, rdflib and the graph builder (PEP 562).
    if name in __all__:
        return getattr(importlib.import_module("kgnews.api"), name)
    raise AttributeError(f"module 'kgnews' has no attribute {name!r}")
