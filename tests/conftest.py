"""Shared fixtures and helpers: the spaCy pipeline, the example and seed stores and the seed
evaluation report, each built once per test session; paths and helpers several test modules use.

Markers (registered in pyproject.toml): `model` runs the spaCy model, `slow` takes seconds,
`external` needs a program outside Python. `make test-fast` skips slow and external tests.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from spacy.language import Language
from spacy.tokens import Doc

import kgnews
from kgnews.cli import cli
from kgnews.eval.runner import evaluate
from kgnews.eval.scoring import EvalReport
from kgnews.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
EXAMPLE_ARTICLES = EXAMPLES / "articles"
SEED_FILE = EXAMPLE_ARTICLES / "seed-7249ac44.txt"
GOLD_DIR = Path(__file__).parent / "data" / "gold"
SEED_GOLD = GOLD_DIR / "seed-gold.jsonl"
SEED_DATE = "2016-11-01"
# Fixtures that run the model: a test using one is marked `model`.
MODEL_FIXTURES = frozenset({"nlp", "examples_store", "examples_store_copy", "seed_store", "seed_report"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if MODEL_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


def run_cli(*args: object, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    """`kgnews ARGS...` through click's CliRunner (arguments turned into strings)."""
    return CliRunner().invoke(cli, [str(arg) for arg in args], input=input, env=env)


def cli_ok(*args: object, **options: object) -> Result:
    """`run_cli` for a command that must succeed; its output is in the failure message."""
    result = run_cli(*args, **options)
    assert result.exit_code == 0, result.output
    return result


def analyse(nlp: Language, text: str, article_date: str = SEED_DATE) -> Doc:
    """`text` through the pipeline with the article date the components resolve dates against."""
    doc = nlp.make_doc(text)
    doc._.kg_article_date = article_date
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def copy_store(location: Path, directory: Path) -> Path:
    """A copy of the on-disk store at `location` in `directory`, for a test that changes it."""
    copy = directory / "kgnews.db"
    shutil.copytree(location, copy)
    return copy


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


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
    return copy_store(examples_store, tmp_path)


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding the seed article alone, built once and closed."""
    location = tmp_path_factory.mktemp("seed") / "kgnews.db"
    with kgnews.open(location) as kg:
        assert kg.ingest([SEED_FILE]).ingested == 1
    return location


@pytest.fixture(scope="session")
def seed_report() -> EvalReport:
    """`kgnews eval` of the seed article's gold."""
    return evaluate(SEED_GOLD)
