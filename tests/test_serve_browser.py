"""The web UI of `kgnews serve` in a real headless Chromium: the editor runs a query against
the live endpoint and shows its rows, and an entity page renders its facts. Screenshots
are saved in the test's directory (and under $KGNEWS_SCREENSHOTS when set) for review."""
from __future__ import annotations

import html
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from serving import running_server
from test_viz_browser import CHROMIUM, chromium

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium (chromium, chromium-browser or google-chrome)"),
    pytest.mark.external,
    pytest.mark.model,
    pytest.mark.slow,
]
QUERY = ("PREFIX org: <http://www.w3.org/ns/org#> PREFIX kgo: <https://w3id.org/kgnews/ontology#> "
         "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT DISTINCT ?name ?party WHERE { ?p org:memberOf ?org . ?org a kgo:PoliticalParty ; rdfs:label ?party . "
         "?p rdfs:label ?name } ORDER BY ?party ?name")


@pytest.fixture(scope="module")
def server(examples_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = tmp_path_factory.mktemp("serve-browser") / "kgnews.db"
    shutil.copytree(examples_store, store)
    with running_server(store) as url:
        yield url


def keep(shot: Path) -> None:
    folder = os.environ.get("KGNEWS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(folder) / shot.name)


def assert_png(shot: Path) -> None:
    content = shot.read_bytes()
    assert content[:8] == b"\x89PNG\r\n\x1a\n" and len(content) > 10_000


def test_editor_runs_a_query_and_shows_its_rows(server: str, tmp_path: Path) -> None:
    page = f"{server}/#selftest={quote(QUERY)}"
    dom = chromium(tmp_path / "profile", "--virtual-time-budget=15000", "--dump-dom", page).stdout
    found = re.search(r'<pre id="selftest"[^>]*>(.*?)</pre>', dom, re.S)
    assert found, "the page did not run its self-test"
    report = json.loads(html.unescape(found.group(1)))
    assert report["errors"] == [] and report["ran"]
    assert "Kurt Daudt" in report["cells"] and "Republican Party" in report["cells"]
    assert "party-members" in dom  # the example queries are the editor's tabs
    shot = tmp_path / "serve-editor.png"
    chromium(tmp_path / "profile2", "--virtual-time-budget=15000", "--window-size=1280,1100",
             f"--screenshot={shot}", page)
    assert_png(shot)
    keep(shot)


def test_entity_page_renders_its_facts(server: str, tmp_path: Path) -> None:
    page = f"{server}/resource/person/kurt-daudt"
    dom = chromium(tmp_path / "profile", "--virtual-time-budget=10000", "--dump-dom", page).stdout
    text = html.unescape(re.sub(r"<[^>]+>", " ", dom))
    assert "Kurt Daudt" in text and "House Speaker" in text and "Republican Party" in text
    assert "call for" in text and "threaten" in text  # the event, with its sentence
    shot = tmp_path / "serve-entity.png"
    chromium(tmp_path / "profile2", "--virtual-time-budget=10000", "--window-size=1280,1400",
             f"--screenshot={shot}", page)
    assert_png(shot)
    keep(shot)
