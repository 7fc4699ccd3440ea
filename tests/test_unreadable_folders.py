"""A folder kgnews cannot list is reported, one line each, and the rest of the tree is read.

Permissions do not stop root, so the reading happens in a child process that has given
up root for the `nobody` user.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from kgnews.ingest import read_articles

NOBODY = 65534


def read_as_nobody(folder: Path) -> tuple[list[str], list[str]]:
    """(article sources, error lines) of read_articles([folder]) run as the nobody user."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            errors: list[str] = []
            sources = [article.source for article in read_articles([folder], on_error=lambda e: errors.append(str(e)))]
            os.write(write_end, json.dumps([sources, errors]).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as answer:
        data = answer.read()
    os.waitpid(pid, 0)
    return tuple(json.loads(data))


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to become nobody (as non-root, chmod alone does it)")
def test_each_unreadable_subfolder_is_reported_and_the_rest_read() -> None:
    root = Path(tempfile.mkdtemp(prefix="kgnews-unreadable-"))
    try:
        for name in ("open", "closed", "closed-too", "open/closed-inside"):
            (root / name).mkdir()
            (root / name / "a.txt").write_text(f"Mark Dayton spoke in {name}.\n", encoding="utf-8")
        for path in root.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        root.chmod(0o755)
        for name in ("closed", "closed-too", "open/closed-inside"):
            (root / name).chmod(0o000)
        sources, errors = read_as_nobody(root)
        assert sources == [str(root / "open" / "a.txt")]
        assert errors == [f"{root / name}: folder cannot be read (permission denied)"
                          for name in ("closed", "closed-too", "open/closed-inside")]
    finally:
        for path in (root, *root.rglob("*")):
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(root)
