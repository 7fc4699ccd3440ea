"""Analysis on a Dask cluster: the same graph as a local ingest, and nothing lost or written
twice when a worker dies mid-run. The clusters are real: worker processes on loopback."""
from __future__ import annotations

import dataclasses
import logging
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from dask import distributed

import kgnews
from conftest import EXAMPLE_ARTICLES
from kgnews.cli import cli
from kgnews.errors import KGNewsError
from kgnews.ingest import read_articles
from kgnews.model import Article
from kgnews.nlp.distributed import dask_cluster
from same_graph import derived_quads, without_run_provenance

pytestmark = [pytest.mark.slow, pytest.mark.model]


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as local_cluster:
        yield local_cluster


def test_dask_ingest_of_the_examples_gives_the_local_graph(
    cluster: distributed.LocalCluster, examples_store: Path, tmp_path: Path
) -> None:
    store = tmp_path / "dask.db"
    result = CliRunner().invoke(
        cli, ["ingest", str(EXAMPLE_ARTICLES), "--dask", cluster.scheduler_address, "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ingested 5, skipped 0, failed 0")
    assert without_run_provenance(store) == without_run_provenance(examples_store)
    # Idempotent as a local ingest: all five are skipped the second time, nothing is analysed.
    again = CliRunner().invoke(cli, ["ingest", str(EXAMPLE_ARTICLES), "--dask", cluster.scheduler_address,
                                     "--store", str(store)])
    assert again.stdout.startswith("ingested 0, skipped 5, failed 0"), again.output


def test_dask_workers_read_their_share_of_a_file_and_report_as_a_local_ingest(
    cluster: distributed.LocalCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Shares of a few hundred bytes: each worker reads a part of the file itself.
    monkeypatch.setattr("kgnews.ingest.shares.SHARE_BYTES", 300)
    lines = (EXAMPLE_ARTICLES / "wikinews-2019.jsonl").read_text(encoding="utf-8").splitlines()
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join([lines[0], "", '{"text": "unclosed', *lines[1:]]), encoding="utf-8")
    runs = {}
    for name, options in (("dask", {"dask": cluster.scheduler_address}), ("local", {})):
        with kgnews.open(tmp_path / f"{name}.db") as kg:
            summary = kg.ingest([source], **options)
        runs[name] = (summary.ingested, [str(error) for error in summary.errors])
    assert runs["dask"] == runs["local"] == (4, [f"{source}:3: malformed JSON: Unterminated string starting at "
                                                  "(column 10)"])
    assert without_run_provenance(tmp_path / "dask.db") == without_run_provenance(tmp_path / "local.db")


def test_jobs_two_ingest_of_the_examples_gives_the_local_graph(examples_store: Path, tmp_path: Path) -> None:
    # Two worker processes analyse and build the article graphs; the parent only writes.
    store = tmp_path / "jobs.db"
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLE_ARTICLES), "--jobs", "2", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ingested 5, skipped 0, failed 0")
    assert without_run_provenance(store) == without_run_provenance(examples_store)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_ingest_on_workers_flushes_the_store_while_they_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Once every article is sent to the workers, the store writes what it holds in memory
    to disk while they finish the last ones, not all of it on closing, after them; a
    one-process ingest leaves it to the close."""
    reported: list[str] = []
    flushed_after: list[int] = []
    with kgnews.open(tmp_path / "store.db") as kg:
        flush = kg.store.flush
        monkeypatch.setattr(kg.store, "flush", lambda: (flushed_after.append(len(reported)), flush()))
        summary = kg.ingest(EXAMPLE_ARTICLES, jobs=jobs, progress=lambda article, status: reported.append(status))
    assert summary.ingested == 5
    assert len(flushed_after) == (1 if jobs > 1 else 0) and all(0 < count for count in flushed_after)


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(cluster: distributed.LocalCluster, tmp_path: Path) -> None:
    # Four copies of the examples under new ids: enough chunks that some are still on the
    # workers when one of them is killed.
    articles = [
        dataclasses.replace(article, id=f"{article.id}-{copy}")
        for copy in range(4) for article in read_articles([EXAMPLE_ARTICLES])
    ]
    with distributed.Client(cluster) as client:
        worker_pids = client.run(os.getpid)
    killed: list[int] = []

    def kill_a_worker_once(article: Article, status: str) -> None:
        if status == "ingested" and not killed:
            pid = next(iter(worker_pids.values()))
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    with kgnews.open(tmp_path / "kgnews.db") as kg:
        summary = kg.ingest(articles, dask=cluster.scheduler_address, batch_size=2, progress=kill_a_worker_once)
        assert killed, "no worker was killed: the test proved nothing"
        assert (summary.ingested, summary.skipped, summary.failed) == (len(articles), 0, 0), summary.errors
        assert kg.article_ids() == sorted(article.id for article in articles)
        # Every quad written was new (the derived graphs, entities and counts, aside).
        assert summary.triples_added == len(kg.store) - derived_quads(kg.store)


def _periodic_work() -> list[str]:
    return sorted(distributed.get_worker().periodic_callbacks)


def test_a_local_cluster_spares_its_workers_dasks_profiler() -> None:
    """The profiler sampled the stack of the analysis every 10 ms, in each worker's own CPU."""
    with dask_cluster("local:1") as cluster:
        periodic = cluster.executor.submit(_periodic_work).result()
    assert "heartbeat" in periodic and "profile" not in periodic


def test_a_bad_dask_address_is_a_one_line_error() -> None:
    with pytest.raises(KGNewsError, match=r"--dask local:0: expected local:N"):
        with dask_cluster("local:0"):
            pass
