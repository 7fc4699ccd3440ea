"""`kgnews serve`: a SPARQL 1.1 endpoint, Linked Data pages and a web UI over a kgnews store.

    import kgnews, uvicorn
    from kgnews.serve import Settings, create_app
    with kgnews.open("kgnews.db") as kg:
        uvicorn.run(create_app(kg.store, Settings()), host="127.0.0.1", port=7878)
"""
from __future__ import annotations

from kgnews.serve.app import Limits, Settings, create_app

__all__ = ["Limits", "Settings", "create_app"]
