"""Load test of `kgnews serve`: throughput and latency of the example queries, idle and while
runaway queries run, on loopback.

    .venv/bin/python bench/serve_load.py [--store DIR] [--clients 50] [--requests 2000]
                                         [--runaways 1] [--timeout 30] [--concurrency 4]

Without --store it ingests shared/corpus/bulk.jsonl (293 articles) into a temporary store,
or examples/articles when shared/ is absent (and says so). It starts `kgnews serve` on
127.0.0.1 (a free port), then sends `--requests` POSTs of the queries in examples/queries,
round robin, from `--clients` concurrent clients, twice: once alone, once while `--runaways`
clients keep sending a three-way cross join that only the server's --timeout stops. It
prints requests/s and p50/p95/max latency of each run, and checks that the p95 with the
runaways is at most twice the idle p95. Latencies include the wait for one of the server's
--concurrency query slots, so with 50 clients they are mostly queueing. On a 2-core
machine the bulk store answers about 4 example queries a second: 2,000 requests take
about 8 minutes a run (`--requests 800`: under 4).
"""
from __future__ import annotations

import argparse
import asyncio
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BULK = ROOT.parent / "shared" / "corpus" / "bulk.jsonl"
EXAMPLES = ROOT / "examples" / "articles"
QUERIES = sorted((ROOT / "examples" / "queries").glob("*.rq"))
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ALLOWED_SLOWDOWN = 2.0


def build_store(folder: Path) -> Path:
    source = BULK if BULK.exists() else EXAMPLES
    if source is EXAMPLES:
        print(f"note: {BULK} is absent; using {EXAMPLES} (5 articles) instead")
    store = folder / "kgnews.db"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kgnews", "ingest", str(source), "--store", str(store)], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"ingested {source.name} in {time.perf_counter() - started:.0f} s")
    return store


def start_server(store: Path, options: list[str]) -> tuple[subprocess.Popen, str]:
    server = subprocess.Popen([sys.executable, "-m", "kgnews", "serve", "--store", str(store), "--host", "127.0.0.1",
                               "--port", "0", *options], stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    found = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
    if found is None:
        server.kill()
        raise SystemExit(f"kgnews serve did not start: {line!r}")
    return server, found.group(1)


async def load(url: str, clients: int, requests: int, runaways: int) -> dict:
    """Send `requests` example queries from `clients` clients (with `runaways` cross joins
    running alongside); the latencies in seconds and the wall time."""
    queries = [query.read_text(encoding="utf-8") for query in QUERIES]
    latencies: list[float] = []
    failures: list[str] = []
    next_request = iter(range(requests))
    stop = asyncio.Event()
    runaway_answers: list[int] = []
    limits = httpx.Limits(max_connections=clients + runaways + 2)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as http:

        async def client() -> None:
            for number in next_request:
                started = time.perf_counter()
                answer = await http.post("/sparql", data={"query": queries[number % len(queries)]},
                                         headers={"Accept": "application/sparql-results+json"})
                latencies.append(time.perf_counter() - started)
                if answer.status_code != 200:
                    failures.append(f"{answer.status_code} {answer.text.strip()}")

        async def runaway() -> None:
            while not stop.is_set():
                answer = await http.post("/sparql", data={"query": RUNAWAY})
                runaway_answers.append(answer.status_code)

        background = [asyncio.create_task(runaway()) for _ in range(runaways)]
        if runaways:
            await asyncio.sleep(1.0)  # let the cross joins get going first
        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        wall = time.perf_counter() - started
        stop.set()  # each runaway client ends once its last cross join is answered (by --timeout)
        await asyncio.gather(*background)
    return {"latencies": latencies, "wall": wall, "failures": failures, "runaway_answers": runaway_answers}


def summary(name: str, run: dict) -> float:
    latencies = sorted(run["latencies"])
    p50 = statistics.median(latencies)
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    print(f"{name:<22} {len(latencies):>5} requests in {run['wall']:6.1f} s = {len(latencies) / run['wall']:6.1f} req/s; "
          f"p50 {p50 * 1000:7.1f} ms, p95 {p95 * 1000:7.1f} ms, max {latencies[-1] * 1000:7.1f} ms; "
          f"{len(run['failures'])} failed")
    for failure in run["failures"][:3]:
        print(f"  failed: {failure[:160]}")
    return p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="an existing store (default: ingest the bulk corpus)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--runaways", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30.0, help="the server's --timeout")
    parser.add_argument("--concurrency", type=int, default=4, help="the server's --concurrency")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = arguments.store or build_store(Path(folder))
        server, url = start_server(store, ["--timeout", str(arguments.timeout),
                                           "--concurrency", str(arguments.concurrency)])
        try:
            print(f"kgnews serve at {url} over {store}; {len(QUERIES)} example queries; "
                  f"{arguments.clients} clients; server --timeout {arguments.timeout:g} "
                  f"--concurrency {arguments.concurrency}")
            asyncio.run(load(url, arguments.clients, min(arguments.requests, 200), 0))  # warm-up
            idle = summary("idle", asyncio.run(load(url, arguments.clients, arguments.requests, 0)))
            busy_run = asyncio.run(load(url, arguments.clients, arguments.requests, arguments.runaways))
            busy = summary(f"with {arguments.runaways} runaway(s)", busy_run)
            stopped = busy_run["runaway_answers"]
            print(f"runaway cross joins answered: {', '.join(map(str, stopped)) or 'none yet'} "
                  f"(503 = stopped at the timeout)")
            ratio = busy / idle
            verdict = "ok" if ratio <= ALLOWED_SLOWDOWN else "TOO SLOW"
            print(f"p95 with runaways / idle p95 = {ratio:.2f} (allowed <= {ALLOWED_SLOWDOWN:g}): {verdict}")
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
