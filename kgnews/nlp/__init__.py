"""The NLP stage: a spaCy pipeline with kgnews components, and its adapter to the model.

    nlp = load_pipeline()                       # spaCy Language with kgnews components
    for article, extraction in extract_articles(articles, jobs=2):
        ...
"""
from __future__ import annotations

from kgnews.nlp import extensions  # noqa: F401 - registers the Doc/Span extensions first
from kgnews.nlp.adapter import to_extraction
from kgnews.nlp.pipeline import DEFAULT_MODEL, extract_articles, load_pipeline, model_name

__all__ = ["DEFAULT_MODEL", "extract_articles", "load_pipeline", "model_name", "to_extraction"]
