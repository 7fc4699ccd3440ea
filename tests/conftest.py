"""Shared fixtures: the kgnews spaCy pipeline, loaded once per test session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from spacy.language import Language

import kgnews
from kgnews.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


EXAMPLE_ARTICLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding examples/articles, built once and closed (commands open it).

    Tests that change a store work on `examples_store_copy`.
    """
    location = tmp_path_factory.mktemp("examples") / "kgnews.db"
    with kgnews.open(location) as kg:
        summary = kg.ingest([EXAMPLE_ARTICLES])
    assert (summary.ingested, summary.failed) == (5, 0), summary.errors
    return location


@pytest.fixture
def examples_store_copy(examples_store: Path, tmp_path: Path) -> Path:
    location = tmp_path / "kgnews.db"
    shutil.copytree(examples_store, location)
    return location
