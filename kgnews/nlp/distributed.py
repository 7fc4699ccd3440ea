"""Analysis on a Dask cluster (`kgnews ingest --dask ADDRESS`), an optional extra: kgnews[dask].

ADDRESS is a running scheduler ("tcp://host:8786", started with `dask scheduler`, its
workers with `dask worker tcp://host:8786`, each in an environment with kgnews and the
spaCy model installed), or "local:N" for a cluster of N worker processes on this machine,
on loopback. Workers read their shares of the input files (kgnews.ingest.shares), then
analyse chunks of articles (the pipeline loaded once per worker process), read again
where they are, and, given the graph stage's builder, build their graphs too; the client
writes them, so the graph is the one a local ingest makes. A chunk whose worker is lost is recomputed by
another worker and its result is used once: nothing is lost or written twice.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from kgnews.errors import KGNewsError

LOCAL_PREFIX = "local:"
# Dask's own periodic work, less often on a local cluster: its statistical profiler samples a
# running task's stack every 10 ms in every worker; the memory monitor wakes every 100 ms, the
# system monitor every 500 ms and the event loop's tick every 20 ms there and in this process,
# which holds the scheduler and the nannies. An ingest reads none of it.
# Idle, they cost 2.3% of a core here and 1.8% per worker, against 0.6% and 0.3%; a worker
# busy analysing paid for them in its own CPU, and waits for the GIL they take.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.tick.interval": "1s",
}


@dataclass
class Cluster:
    """A connected Dask client's executor and how many workers it had on connecting."""

    executor: object  # a concurrent.futures.Executor running tasks on the cluster
    workers: int


def _local_workers(address: str) -> int:
    count = address[len(LOCAL_PREFIX):]
    if not count.isdigit() or int(count) < 1:
        raise KGNewsError(f"--dask {address}: expected local:N with N >= 1 worker processes")
    return int(count)


@contextmanager
def dask_cluster(address: str) -> Iterator[Cluster]:
    """A client of the scheduler at `address`, or of a new local cluster for "local:N"."""
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise KGNewsError("--dask needs dask.distributed: pip install 'kgnews[dask]'") from error
    with ExitStack() as stack:
        try:
            if address.startswith(LOCAL_PREFIX):
                workers = _local_workers(address)
                # Read as the cluster starts: the nannies hand their workers this configuration.
                stack.enter_context(dask.config.set(LOCAL_CLUSTER_CONFIG))
                # One single-threaded process per worker: spaCy holds the GIL.
                cluster = stack.enter_context(LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                    dashboard_address=None, silence_logs=logging.ERROR,
                ))
                client = stack.enter_context(Client(cluster))
            else:
                client = stack.enter_context(Client(address, timeout="20s"))
                workers = len(client.scheduler_info().get("workers", {})) or 1
        except OSError as error:  # no scheduler there, or the cluster could not start
            raise KGNewsError(f"--dask {address}: {error}") from error
        yield Cluster(client.get_executor(pure=False), workers)
