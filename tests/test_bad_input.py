"""Bad input, through the CLI and the API: one clear line naming the file (and line) and the
reason, exit status 1 when nothing could be done, the good articles of a batch still
ingested, and the store's triples unchanged by the failure (count and content)."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

import kgnews
from conftest import run_cli
from kgnews.errors import IngestError, QueryError, StoreError

pytestmark = pytest.mark.model

GOOD_TEXT = "Governor Mark Dayton of Minnesota met reporters in Saint Paul on Tuesday.\n"
GOOD_LINE = '{"id": "%s", "text": "Senator Amy Klobuchar of Minnesota spoke in Washington on Monday."}\n'
MALFORMED_LINE = '{"id": "broken", "text": \n'

# name -> (file content or None for a missing file, the reason kgnews gives)
BAD_FILES: dict[str, tuple[bytes | None, str]] = {
    "empty.txt": (b"", "empty file"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (not text)"),
    "latin1.txt": ("Caf\u00e9 politics in Paris.\n".encode("latin-1"), "not valid UTF-8 at byte 3"),
    "notes.docx": (
        b"PK\x03\x04 a word document", "unsupported file type '.docx' (expected .txt, .html, .htm, .json, .jsonl)"
    ),
    "missing.txt": (None, "no such file or directory"),
    "deep.json": (b"[" * 100_000 + b"]" * 100_000,
                  "JSON nested too deeply to read (arrays or objects hundreds of levels deep)"),
}
DEEP_LINE = '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n"


def snapshot(location: Path) -> tuple[int, list[str]]:
    """The store's quad count and its sorted N-Quads lines."""
    with kgnews.open(location) as kg:
        out = io.BytesIO()
        kg.export("nquads", out)
        return len(kg.store), sorted(out.getvalue().decode("utf-8").splitlines())


@pytest.fixture(scope="module")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with one good article in it, so "unchanged" compares real content."""
    folder = tmp_path_factory.mktemp("base")
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    location = folder / "kgnews.db"
    with kgnews.open(location) as kg:
        assert kg.ingest([folder / "good.txt"]).ingested == 1
    return location


@pytest.fixture
def store(base_store: Path, tmp_path: Path) -> Path:
    location = tmp_path / "kgnews.db"
    shutil.copytree(base_store, location)
    return location


def write_bad_file(folder: Path, name: str) -> Path:
    content, _ = BAD_FILES[name]
    path = folder / name
    if content is not None:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_cli_reports_a_bad_file_in_one_line_and_changes_nothing(name: str, store: Path, tmp_path: Path) -> None:
    path = write_bad_file(tmp_path, name)
    before = snapshot(store)
    result = run_cli("ingest", path, "--store", store)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"failed: {path}: {BAD_FILES[name][1]}",
        "Error: nothing ingested: every input failed",
    ]
    assert result.stdout.startswith("ingested 0, skipped 0, failed 1, triples added 0 in ")
    assert snapshot(store) == before


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_api_passes_a_bad_file_to_on_error_and_changes_nothing(name: str, store: Path, tmp_path: Path) -> None:
    path = write_bad_file(tmp_path, name)
    before = snapshot(store)
    errors: list[Exception] = []
    with kgnews.open(store) as kg:
        summary = kg.ingest([path], on_error=errors.append)
    assert (summary.ingested, summary.failed, summary.nothing_done) == (0, 1, True)
    assert [str(error) for error in errors] == [f"{path}: {BAD_FILES[name][1]}"]
    assert isinstance(errors[0], IngestError) and errors[0].source == str(path)
    assert snapshot(store) == before


def test_malformed_json_line_is_reported_with_its_line_and_the_rest_ingested(store: Path, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(GOOD_LINE % "first" + MALFORMED_LINE + GOOD_LINE.replace("Monday", "Friday") % "third",
                     encoding="utf-8")
    before = snapshot(store)
    result = run_cli("ingest", batch, "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"failed: {batch}:2: malformed JSON: Expecting value (column 26)"]
    assert result.stdout.startswith("ingested 2, skipped 0, failed 1, ")
    with kgnews.open(store) as kg:
        ids = set(kg.article_ids())
        assert {"first", "third"} <= ids and "broken" not in ids
        kg.remove(["first", "third"])
    # Taking the two good articles out again restores the store exactly: the bad line left nothing.
    assert snapshot(store) == before


def test_deeply_nested_json_line_is_one_line_and_the_rest_ingested(store: Path, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(GOOD_LINE % "first" + DEEP_LINE + GOOD_LINE.replace("Monday", "Friday") % "third",
                     encoding="utf-8")
    result = run_cli("ingest", batch, "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"failed: {batch}:2: JSON nested too deeply to read (arrays or objects hundreds of levels deep)"
    ]
    assert result.stdout.startswith("ingested 2, skipped 0, failed 1, ")


def test_over_long_text_is_one_line_with_the_limit_and_how_to_raise_it(store: Path, tmp_path: Path) -> None:
    text = "Speaker Kurt Daudt of Minnesota spoke in Saint Paul on Friday."
    article = tmp_path / "long.txt"
    article.write_text(text, encoding="utf-8")
    length = len(text)
    before = snapshot(store)
    refused = run_cli("ingest", article, "--store", store, "--max-length", 40)
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[0] == (
        f"failed: {article}: text is {length} characters, over the analysis limit of 40 "
        "(raise it with --max-length, or max_length=; about 1 GB of memory per 100,000)"
    )
    assert snapshot(store) == before
    raised = run_cli("ingest", article, "--store", store, "--max-length", length)
    assert raised.exit_code == 0, raised.output
    assert raised.stdout.startswith("ingested 1, ")


def test_bad_files_in_a_batch_are_skipped_and_the_good_one_ingested(store: Path, tmp_path: Path) -> None:
    good = tmp_path / "another.txt"
    good.write_text("Speaker Nancy Pelosi of California addressed the House on Thursday.\n", encoding="utf-8")
    bad = [write_bad_file(tmp_path, name) for name in ("empty.txt", "image.txt")]
    before_count, _ = snapshot(store)
    result = run_cli("ingest", bad[0], good, bad[1], "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"failed: {bad[0]}: empty file",
        f"failed: {bad[1]}: binary file (not text)",
    ]
    assert result.stdout.startswith("ingested 1, skipped 0, failed 2, ")
    assert snapshot(store)[0] > before_count


def test_sparql_syntax_error_is_one_line_with_its_position(store: Path) -> None:
    before = snapshot(store)
    result = run_cli("query", "SELECT ?s WHERE { ?s ?p", "--store", store)
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: SPARQL query syntax error at line 1, column 24: ")
    with kgnews.open(store) as kg, pytest.raises(QueryError, match="syntax error at line 1, column 24"):
        kg.query("SELECT ?s WHERE { ?s ?p")
    assert snapshot(store) == before


@pytest.mark.parametrize(("content", "reason"), [(None, "no such file or directory"),
                                                 (b"SELECT * WHERE { ?s ?p '\xe9' }", "not valid UTF-8 at byte 24")])
def test_unreadable_query_file_is_one_line(store: Path, tmp_path: Path, content: bytes | None, reason: str) -> None:
    query_file = tmp_path / "question.rq"
    if content is not None:
        query_file.write_bytes(content)
    before = snapshot(store)
    result = run_cli("query", query_file, "--store", store)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: {query_file}: {reason}"]
    assert snapshot(store) == before


def test_query_command_cannot_run_an_update(store: Path) -> None:
    before = snapshot(store)
    result = run_cli("query", "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", store)
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: SPARQL query syntax error at line 1, column ")
    assert snapshot(store) == before


def test_unwritable_store_path_is_one_line(tmp_path: Path) -> None:
    # A path under a regular file cannot be created, even by root (chmod would not stop root).
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    source = tmp_path / "good.txt"
    source.write_text(GOOD_TEXT, encoding="utf-8")
    result = run_cli("ingest", source, "--store", blocker / "kgnews.db")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: store {blocker / 'kgnews.db'}: a path component is a file, not a directory"
    ]
    with pytest.raises(StoreError, match="a path component is a file"):
        kgnews.open(blocker / "kgnews.db")
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


def test_every_input_already_stored_is_not_a_failure(store: Path, tmp_path: Path) -> None:
    source = tmp_path / "good.txt"
    source.write_text(GOOD_TEXT, encoding="utf-8")
    before = snapshot(store)
    result = run_cli("ingest", source, "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ingested 0, skipped 1, failed 0, triples added 0 in ")
    assert snapshot(store) == before
