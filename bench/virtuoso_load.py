"""Writing article graphs into Virtuoso: SPARQL Update requests of several sizes, the Graph
Store Protocol, and Virtuoso's own bulk loader, on the same graphs.

    .venv/bin/python bench/virtuoso_load.py [--articles DIR] [--limit N]

DIR holds `kgnews analyse` output (default: the example articles, analysed first into a
temporary folder). Each method loads every graph into a fresh throwaway Virtuoso on
loopback (tests/virtuoso.py) and prints seconds and quads/s:
  * update-2000: `RemoteStore.replace_graphs` as ingest used it, requests of 2,000 quads;
  * update-N: the same with larger requests;
  * graph-store: `RemoteStore`'s default on Virtuoso, one Graph Store Protocol PUT
    (N-Triples) per article graph (/sparql-graph-crud);
  * ld_dir: Virtuoso's bulk loader (ld_dir + rdf_loader_run over isql; local servers only).
Needs virtuoso-t and isql-vt (`.ci/run` installs them); says so and exits 0 without them.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import pyoxigraph as ox  # noqa: E402

from virtuoso import DBA_PASSWORD, running_virtuoso, virtuoso_binaries  # noqa: E402


def read_graphs(folder: Path, limit: int | None) -> dict[str, list[ox.Quad]]:
    from kgnews.api import analysis_files

    graphs = {}
    for path in analysis_files(folder)[:limit]:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
        graphs[quads[0].graph_name.value] = quads
    return graphs


def by_update(endpoint: str, graphs: dict[str, list[ox.Quad]], batch_size: int) -> None:
    from kgnews.store import RemoteStore

    RemoteStore(endpoint, batch_size=batch_size, graph_store_endpoint="").load_graphs(graphs)


def by_graph_store(endpoint: str, graphs: dict[str, list[ox.Quad]]) -> None:
    from kgnews.store import RemoteStore

    store = RemoteStore(endpoint)
    assert store.graph_store(), "the server offers no Graph Store Protocol endpoint kgnews found"
    store.load_graphs(graphs)


def sql_port(directory: Path) -> int:
    """The SQL port tests/virtuoso.py wrote into the server's ini (the first ServerPort)."""
    return int(re.search(r"ServerPort = 127\.0\.0\.1:(\d+)", (directory / "virtuoso.ini").read_text())[1])


def by_ld_dir(directory: Path, folder: Path) -> None:
    isql = virtuoso_binaries()[1]
    shutil.copytree(folder, directory / "load")  # DirsAllowed is the server's own folder
    commands = "ld_dir('load', '*.nq', 'urn:kgnews:unused'); rdf_loader_run(); checkpoint;"
    subprocess.run([isql, f"127.0.0.1:{sql_port(directory)}", "dba", DBA_PASSWORD, f"exec={commands}"],
                   check=True, capture_output=True, timeout=3600)


def count(endpoint: str) -> int:
    from kgnews.store import RemoteStore

    return len(RemoteStore(endpoint))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, help="folder of `kgnews analyse` output")
    parser.add_argument("--limit", type=int, help="only the first N graphs")
    parser.add_argument("--sizes", default="2000,20000,100000", help="update request sizes to try")
    options = parser.parse_args()
    if virtuoso_binaries() is None:
        print("bench/virtuoso_load.py: virtuoso-t / isql-vt not installed; nothing measured")
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = options.articles
        if folder is None:
            import kgnews

            folder = Path(scratch, "analysed")
            kgnews.analyse(ROOT / "examples" / "articles", folder)
        graphs = read_graphs(folder, options.limit)
        total = sum(map(len, graphs.values()))
        print(f"{len(graphs)} article graphs, {total} quads, from {folder}")
        methods = [(f"update-{size}", lambda endpoint, _, size=int(size): by_update(endpoint, graphs, size))
                   for size in options.sizes.split(",")]
        methods += [("graph-store", lambda endpoint, _: by_graph_store(endpoint, graphs)),
                    ("ld_dir", lambda _, directory: by_ld_dir(directory, folder))]
        for name, load in methods:
            directory = Path(scratch, name)
            directory.mkdir()
            with running_virtuoso(directory) as endpoint:
                started = time.perf_counter()
                load(endpoint, directory)
                seconds = time.perf_counter() - started
                loaded = count(endpoint)
            print(f"{name:<14} {seconds:8.2f} s {total / seconds:10.0f} quads/s  ({loaded} quads in the store)")


if __name__ == "__main__":
    main()
