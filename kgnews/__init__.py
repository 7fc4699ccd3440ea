"""kgnews: political news → knowledge graph with provenance.

    import kgnews
    with kgnews.open("kgnews.db") as kg:
        kg.ingest(["articles/"])
        kg.export("turtle", "kgnews.ttl")
"""
from __future__ import annotations

__version__ = "0.1.0"

# After __version__: the modules below read it while kgnews is still being imported.
from kgnews.api import IngestSummary, KnowledgeGraph, build_graph, open  # noqa: E402

__all__ = ["IngestSummary", "KnowledgeGraph", "__version__", "build_graph", "open"]
