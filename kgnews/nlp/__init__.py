"""The NLP stage: a spaCy pipeline with kgnews components, and its adapter to the model.

    nlp = load_pipeline()                       # spaCy Language with kgnews components
    for article, extraction in extract_articles(articles, jobs=2):
        ...

The names below are imported on first use (PEP 562), so that `kgnews.nlp.gazetteers`, the
rule data other stages read too, comes without spaCy.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "DEFAULT_MODEL": "kgnews.defaults",
    "extract_articles": "kgnews.nlp.pipeline",
    "load_pipeline": "kgnews.nlp.pipeline",
    "model_name": "kgnews.nlp.pipeline",
    "to_extraction": "kgnews.nlp.adapter",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'kgnews.nlp' has no attribute {name!r}")
