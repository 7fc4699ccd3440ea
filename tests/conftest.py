"""Shared fixtures: the kgnews spaCy pipeline, loaded once per test session."""
from __future__ import annotations

import pytest
from spacy.language import Language

from kgnews.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()
