"""Rule data: every file in kgnews/nlp/data is read by the typed loader, and a broken file is
a one-line error naming the file and line."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgnews.nlp import gazetteers


def _clear_caches() -> None:
    for loader in (*gazetteers.LOADERS, gazetteers.words):
        if hasattr(loader, "cache_clear"):
            loader.cache_clear()


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Loaders read their files anew in the test, and again (unpatched) after it."""
    _clear_caches()
    yield
    _clear_caches()


def test_every_data_file_is_loaded_and_not_empty(fresh_caches: None, monkeypatch: pytest.MonkeyPatch) -> None:
    read: set[str] = set()
    read_tsv, read_patterns = gazetteers.read_tsv, gazetteers.read_patterns

    def spy_tsv(name: str) -> list[dict[str, str]]:
        read.add(name)
        return read_tsv(name)

    def spy_patterns(name: str) -> list[dict[str, object]]:
        read.add(name)
        return read_patterns(name)

    monkeypatch.setattr(gazetteers, "read_tsv", spy_tsv)
    monkeypatch.setattr(gazetteers, "read_patterns", spy_patterns)
    for loader in gazetteers.LOADERS:
        assert loader(), f"{loader} loaded nothing"
    shipped = {path.name for path in gazetteers.DATA_DIR.iterdir() if path.suffix in (".tsv", ".jsonl")}
    assert read == shipped


def test_no_module_reads_rule_data_but_the_loader() -> None:
    package = Path(gazetteers.__file__).parents[1]
    readers = [
        path for path in package.rglob("*.py")
        if path.name != "gazetteers.py" and ("read_tsv(" in path.read_text(encoding="utf-8")
                                              or ".tsv\")" in path.read_text(encoding="utf-8"))
    ]
    assert readers == []


@pytest.mark.parametrize(
    ("name", "broken_line", "loader", "reason"),
    [
        ("titles.tsv", "Gov.\tGovernor", gazetteers.titles, "expected 3 tab-separated columns, got 2"),
        ("entity_patterns.jsonl", '{"label": "ORG"}', lambda: gazetteers.read_patterns("entity_patterns.jsonl"),
         "bad entity pattern"),
    ],
)
def test_a_broken_data_file_is_one_line_naming_file_and_line(
    fresh_caches: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    name: str, broken_line: str, loader, reason: str,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(gazetteers.DATA_DIR, data)
    lines = (data / name).read_text(encoding="utf-8").splitlines()
    (data / name).write_text("\n".join([*lines, broken_line]) + "\n", encoding="utf-8")
    monkeypatch.setattr(gazetteers, "DATA_DIR", data)
    with pytest.raises(gazetteers.GazetteerError) as caught:
        loader()
    message = str(caught.value)
    assert message.startswith(f"{data / name}:{len(lines) + 1}: ") and reason in message
    assert "\n" not in message


def test_plural_titles_are_the_plurals_of_another_form_of_the_same_post() -> None:
    plural = {title.surface for title in gazetteers.plural_titles()}
    assert {"Senators", "Sens.", "Representatives", "Reps.", "Governors"} <= plural
    assert not plural & {"Senator", "Sen.", "Mrs.", "Rep."}  # "Mrs." is no plural of an honorific "Mr."
