"""A damaged store, a full disk, Ctrl-C: one line naming the store and what to do, and an
ingest stopped early says what it stored before the stop."""
from __future__ import annotations

import errno
import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import kgnews
from conftest import run_cli
from kgnews.api import KnowledgeGraph
from kgnews.errors import KGNewsError, QueryError, StoreError
from kgnews.store.base import storage_failure

KGNEWS = [sys.executable, "-m", "kgnews"]
WHAT_TO_DO = "restore it from a backup, or ingest the articles again into a new store"


def damaged_copy(examples_store: Path, tmp_path: Path, damage: str) -> Path:
    store = tmp_path / "kgnews.db"
    shutil.copytree(examples_store, store)
    if damage == "garbage CURRENT":
        (store / "CURRENT").write_text("garbage\n")
    else:  # a data file cut short, as a crash of the disk (not of kgnews) could leave it
        data_file = max(store.glob("*.sst"), key=lambda path: path.stat().st_size)
        with data_file.open("r+b") as handle:
            handle.truncate(data_file.stat().st_size // 3)
    return store


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["garbage CURRENT", "truncated data file"])
@pytest.mark.parametrize("command", [["stats"], ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"], ["remove", "x"]])
def test_a_damaged_store_is_one_line_saying_what_to_do(examples_store: Path, tmp_path: Path, damage: str,
                                                       command: list[str]) -> None:
    store = damaged_copy(examples_store, tmp_path, damage)
    done = subprocess.run([*KGNEWS, *command, "--store", str(store)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"Error: store {store} is damaged (Corruption: ") and lines[0].endswith(WHAT_TO_DO)


def test_storage_errors_say_what_happened() -> None:
    full = storage_failure("news.db", "flush", OSError(errno.ENOSPC, "No space left on device"))
    assert str(full) == "disk full while writing news.db: free some space, then run the command again"
    rocksdb_full = storage_failure("news.db", "update", OSError("IO error: No space left on device: While appending"))
    assert isinstance(rocksdb_full, StoreError) and str(rocksdb_full).startswith("disk full while writing news.db")
    refused = storage_failure("news.db", "query", RuntimeError("The variable encoding the service name is unbound"))
    assert isinstance(refused, QueryError)


NAMES = ["Mark Dayton", "Kurt Daudt", "Amy Klobuchar", "Tim Walz", "Paul Gazelka", "Melissa Hortman"]
PLACES = ["Saint Paul", "Minneapolis", "Duluth", "Rochester", "Bloomington"]
STOPPED = re.compile(r"^(interrupted|stopped): (\d+) articles? ingested before the stop (is|are) in the store "
                     r"\(0 skipped, 0 failed\); the same command again skips them and goes on$")


def many_articles(path: Path, count: int = 300) -> Path:
    """`count` short, different political articles as JSON lines."""
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            first, second = NAMES[number % 6], NAMES[(number + 1 + number // 6) % 6]
            text = (f"{first} met {second} in {PLACES[number % 5]} on day {number} of the session. "
                    f"{first} said budget plan number {number} would pass the Minnesota House, and {second} disagreed.")
            out.write(json.dumps({"id": f"a{number}", "text": text}) + "\n")
    return path


def stored_articles(store: Path) -> int:
    with kgnews.open(store, read_only=True) as kg:
        return len(kg.article_ids())


def articles_while_writing(store: Path) -> int:
    """Articles a reader sees while an ingest may still be creating the store (0 until it can open it)."""
    if not (store / "CURRENT").exists():
        return 0
    try:
        return stored_articles(store)
    except KGNewsError:  # the writer is still laying out its files
        return 0


@pytest.mark.model
@pytest.mark.slow
def test_ctrl_c_ends_with_what_was_ingested(tmp_path: Path) -> None:
    store = tmp_path / "kgnews.db"
    # JSON lines on standard input are read as they come: with the pipe left open the ingest
    # cannot end before the signal, however fast or slow the machine.
    ingest = subprocess.Popen([*KGNEWS, "ingest", "-", "--store", str(store), "--batch-size", "2"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ingest.stdin.write(many_articles(tmp_path / "many.jsonl", 200).read_text(encoding="utf-8"))
        ingest.stdin.flush()
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and articles_while_writing(store) < 4:
            time.sleep(0.5)
        ingest.send_signal(signal.SIGINT)
        _, stderr = ingest.communicate(timeout=120)
    finally:
        ingest.kill()
    assert ingest.returncode == 130, stderr[-3000:]  # what the run said, should it not end as interrupted
    match = STOPPED.match(stderr.strip().splitlines()[-1])
    assert match and match.group(1) == "interrupted", stderr
    # What the line says is what the store holds.
    assert stored_articles(store) == int(match.group(2)) >= 4


@pytest.mark.model
@pytest.mark.slow
def test_ctrl_c_whose_interrupt_a_finaliser_swallowed_still_ends_as_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python drops an exception raised inside a finaliser: the ingest must end as
    interrupted at the batch's end all the same, from the SIGINT its handler remembered."""
    store = tmp_path / "kgnews.db"
    held = KnowledgeGraph._held
    checks = []

    def held_then_swallowed_interrupt(self: KnowledgeGraph, articles: list) -> set[str]:
        checks.append(len(articles))
        if len(checks) == 2:  # a chunk of articles into the run, after some batches were written
            try:  # as a generator closed by the garbage collector would
                signal.raise_signal(signal.SIGINT)
            except KeyboardInterrupt:
                pass
        return held(self, articles)

    monkeypatch.setattr(KnowledgeGraph, "_held", held_then_swallowed_interrupt)
    result = run_cli("ingest", many_articles(tmp_path / "many.jsonl", 200), "--store", store, "--batch-size", "8")
    assert result.exit_code == 130, result.output
    match = STOPPED.match(result.stderr.strip().splitlines()[-1])
    assert match and match.group(1) == "interrupted", result.stderr
    assert 0 < stored_articles(store) == int(match.group(2)) < 200


@pytest.fixture
def small_disk(tmp_path: Path):
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=True)


@pytest.mark.model
@pytest.mark.slow
def test_a_full_disk_ends_with_what_was_ingested(small_disk: Path, tmp_path: Path) -> None:
    store = small_disk / "kgnews.db"
    done = subprocess.run([*KGNEWS, "ingest", str(many_articles(tmp_path / "many.jsonl")), "--store", str(store),
                           "--batch-size", "4"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    *_, summary, error = done.stderr.strip().splitlines()
    assert error == f"Error: disk full while writing {store}: free some space, then run the command again"
    match = STOPPED.match(summary)
    assert match and match.group(1) == "stopped", done.stderr
    # The batch the disk stopped is undone; should the undo meet the full disk too, its articles
    # stay with the journal (kgnews.graph.derived), and the next command completes them.
    reported = int(match.group(2))
    assert reported > 0 and stored_articles(store) in (reported, reported + 4)


@pytest.mark.slow
def test_an_upgraded_store_is_said_once(examples_store: Path, tmp_path: Path) -> None:
    """Oxigraph upgrades an older store's format silently when it opens it for writing; kgnews
    notes the version that wrote each store and says so (here the note says an older one did)."""
    store = tmp_path / "kgnews.db"
    shutil.copytree(examples_store, store)
    assert json.loads((store / "kgnews-format.json").read_text())["pyoxigraph"] == ox.__version__
    (store / "kgnews-format.json").write_text(json.dumps({"pyoxigraph": "0.4.11"}))
    first = subprocess.run([*KGNEWS, "remove", "nothing", "--store", str(store)], capture_output=True, text=True)
    assert first.stderr.splitlines()[0] == (
        f"warning: store {store} was written with pyoxigraph 0.4.11 and has been upgraded to the format of "
        f"{ox.__version__}: older versions of kgnews or pyoxigraph can no longer open it"
    )
    again = subprocess.run([*KGNEWS, "remove", "nothing", "--store", str(store)], capture_output=True, text=True)
    assert "was written with" not in again.stderr and len(again.stderr.strip().splitlines()) == 1


@pytest.mark.model
@pytest.mark.slow
def test_reads_while_an_ingest_writes_all_succeed_and_see_it_grow(tmp_path: Path) -> None:
    """Reading commands open the store read-only while the ingest holds it: every read
    works, and each sees at least what the one before saw."""
    store = tmp_path / "kgnews.db"
    feed = many_articles(tmp_path / "many.jsonl", 200).read_text(encoding="utf-8").splitlines(keepends=True)
    ingest = subprocess.Popen([*KGNEWS, "ingest", "-", "--store", str(store), "--batch-size", "4"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: list[int] = []

    def read() -> None:
        if (store / "CURRENT").exists():
            with kgnews.open(store, read_only=True, timeout=30) as kg:
                seen.append(kg.stats()["articles"])
        time.sleep(0.2)

    try:
        # Half the feed, and the rest only once a read has seen some of it: one read is
        # surely made mid-way, however busy the machine is.
        ingest.stdin.write("".join(feed[:100]))
        ingest.stdin.flush()
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not any(seen):
            read()
        ingest.stdin.write("".join(feed[100:]))
        ingest.stdin.close()
        while ingest.poll() is None:
            read()
    finally:
        ingest.kill()
    assert ingest.returncode == 0, ingest.stderr.read()
    assert seen == sorted(seen) and any(0 < count < 200 for count in seen), seen
    assert stored_articles(store) == 200


@pytest.mark.model
@pytest.mark.slow
def test_a_slow_feed_on_standard_input_is_stored_as_it_arrives(tmp_path: Path) -> None:
    """Each article piped in is stored before the next is sent, the pipe still open: no stage
    (the already-stored check, the analysis, the writes) waits for a batch to fill."""
    store = tmp_path / "kgnews.db"
    feed = many_articles(tmp_path / "many.jsonl", 3).read_text(encoding="utf-8").splitlines(keepends=True)
    ingest = subprocess.Popen([*KGNEWS, "ingest", "-", "--store", str(store)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for sent, line in enumerate(feed, start=1):
            ingest.stdin.write(line)
            ingest.stdin.flush()
            deadline = time.monotonic() + 300
            while not ((store / "CURRENT").exists() and stored_articles(store) == sent):
                assert time.monotonic() < deadline and ingest.poll() is None, ingest.stderr.read() if ingest.poll() else ""
                time.sleep(0.2)
        ingest.stdin.close()
        assert ingest.wait(timeout=300) == 0, ingest.stderr.read()
    finally:
        ingest.kill()
