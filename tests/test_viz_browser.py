"""The HTML explorer in a real headless Chromium: it loads without errors, draws every node,
finds "Mark Dayton" by search, and a click shows his facts with their sources.

The page runs a self-test when opened with "#selftest=<name>": it searches the name, clicks
the first result and writes what it saw (node count, results, details panel, errors) into
<pre id="selftest">, which `chromium --dump-dom` returns.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import kgnews
from kgnews import viz

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium (chromium, chromium-browser or google-chrome)"),
    pytest.mark.external,
    pytest.mark.model,
]


def chromium(profile: Path, *arguments: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--window-size=1280,800"]
    return subprocess.run([CHROMIUM, *flags, *arguments], capture_output=True, text=True, timeout=120, check=True)


@pytest.fixture(scope="module")
def explorer_page(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("explorer")
    with kgnews.open(seed_store) as kg:
        graph = viz.project(kg.store)
    page = folder / "seed.html"
    viz.write(graph, "html", page)
    return page, len(graph)


def test_explorer_finds_and_shows_mark_dayton(explorer_page: tuple[Path, int], tmp_path: Path) -> None:
    page, node_count = explorer_page
    dom = chromium(tmp_path / "profile", "--virtual-time-budget=10000", "--dump-dom",
                   page.as_uri() + "#selftest=Mark%20Dayton").stdout
    found = re.search(r'<pre id="selftest"[^>]*>(.*?)</pre>', dom, re.S)
    assert found, "the page did not run its self-test"
    report = json.loads(html.unescape(found.group(1)))
    assert report["errors"] == []
    assert report["ready"] and report["nodes"] == node_count
    assert report["search"][0] == "Mark Dayton"
    assert report["details_title"] == "Mark Dayton"
    assert report["facts"] and all("article" in fact for fact in report["facts"])
    assert any("Governor" in fact for fact in report["facts"])


def test_explorer_screenshot(explorer_page: tuple[Path, int], tmp_path: Path) -> None:
    page, _ = explorer_page
    shot = tmp_path / "shot.png"
    chromium(tmp_path / "profile", "--virtual-time-budget=10000", f"--screenshot={shot}",
             page.as_uri() + "#selftest=Mark%20Dayton")
    content = shot.read_bytes()
    assert content[:8] == b"\x89PNG\r\n\x1a\n" and len(content) > 10_000
