"""``storyline bench web``: page latency of ``storyline serve`` under concurrent clients.

The real server (``storyline serve``, one process, as a user starts it) runs on a free loopback
port over a store of at least 20,000 articles; ``hey`` (a load tool, from Debian) sends each
page a bounded number of requests from 20 concurrent clients, each request bounded in time.
Reported per page: requests, p50, p95 and p99 latency, requests/s, responses by status class
(no 5xx is the goal) and requests that got no answer. Figures, never pass/fail.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from rich.console import Console
from rich.table import Table

from storyline.errors import StorylineError
from storyline.store.base import Store, open_store

# Concurrent clients and requests per page; a page's run also stops after RUN_SECONDS.
CLIENTS = 20
REQUESTS = 2_000
RUN_SECONDS = 60

# Requests sent to each page before measuring it (first-hit costs: templates, page cache).
WARM_UP_REQUESTS = 40

# Articles whose pages are each asked for once (spread over the store).
FIRST_VISIT_ARTICLES = 2_000

# Seconds one request may take before hey gives up on it (counted as unanswered).
REQUEST_TIMEOUT_SECONDS = 10

# Seconds the server may take to start answering.
START_SECONDS = 60

# Seconds the server may take to warm its page cache (serve's warming thread) before the runs.
WARM_SECONDS = 300


@dataclass
class PageRun:
    """What one page did under load."""

    name: str
    path: str
    requested: int
    latencies: list[float]  # seconds, answered requests
    statuses: Counter[int]
    seconds: float

    def percentile(self, share: float) -> float:
        """Return a latency percentile in milliseconds (nearest rank)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def pages(store: Store) -> list[tuple[str, str]]:
    """Return the pages measured: (what, path), chosen from what the store holds."""
    chosen = [("storylines list", "/")]
    storylines = store.find("stories", level="storyline", fields=["id", "article_ids"])
    if storylines:
        sizes = sorted(storylines, key=lambda s: len(s["article_ids"]))
        typical, largest = sizes[len(sizes) // 2], sizes[-1]
        chosen.append(
            (f"storyline page ({len(typical['article_ids'])} art.)", f"/storylines/{typical['id']}")
        )
        chosen.append(
            (
                f"largest storyline ({len(largest['article_ids'])} art.)",
                f"/storylines/{largest['id']}",
            )
        )
    count = store.count("articles")
    if count:
        [article] = store.find("articles", fields=["id"], limit=1, offset=count // 2)
        chosen.append(("article page", f"/articles/{article['id']}"))
    name = _common_speaker(store)
    if name:
        chosen.append((f"search {name!r}", f"/search?q={quote(repr_query(name))}"))
    chosen.append(("search 'said'", "/search?q=said"))
    return chosen


def first_visits(store: Store) -> list[tuple[str, list[str]]]:
    """Return the page sets asked for once each: (what, paths), every storyline and a spread of
    articles (a page cache answers none of them)."""
    storylines = [s["id"] for s in store.find("stories", level="storyline", fields=["id"])]
    count = store.count("articles")
    step = max(count // FIRST_VISIT_ARTICLES, 1)
    articles = [a["id"] for a in store.find("articles", fields=["id"], limit=count)[::step]][
        :FIRST_VISIT_ARTICLES
    ]
    chosen = []
    if storylines:
        chosen.append(
            (
                f"every storyline page once ({len(storylines)})",
                [f"/storylines/{i}" for i in storylines],
            )
        )
    if articles:
        chosen.append(
            (f"article pages once ({len(articles)})", [f"/articles/{i}" for i in articles])
        )
    return chosen


def repr_query(name: str) -> str:
    """Return a name as an FTS5 phrase query."""
    return '"' + name.replace('"', "") + '"'


def _common_speaker(store: Store) -> str | None:
    quotes = store.find("quotes", fields=["speaker"], limit=2_000)
    named = Counter(q["speaker"] for q in quotes if q["speaker"])
    return named.most_common(1)[0][0] if named else None


def run_page(base: str, name: str, path: str, requests: int, clients: int, seconds: int) -> PageRun:
    """Load one page with hey; return its latencies and statuses."""
    hey = shutil.which("hey")
    if hey is None:
        raise StorylineError("hey (the load tool) is not installed: apt-get install hey")
    url = base + path
    subprocess.run(
        [hey, "-n", str(WARM_UP_REQUESTS), "-c", str(min(clients, WARM_UP_REQUESTS)), url],
        capture_output=True,
        timeout=seconds + 60,
        check=False,
    )
    started = time.monotonic()
    result = subprocess.run(
        [hey, "-n", str(requests), "-c", str(clients), "-t", str(REQUEST_TIMEOUT_SECONDS),
         "-o", "csv", url],
        capture_output=True,
        text=True,
        timeout=seconds + REQUEST_TIMEOUT_SECONDS + 30,
        check=False,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    for row in csv.DictReader(io.StringIO(result.stdout)):
        latencies.append(float(row["response-time"]))
        statuses[int(row["status-code"])] += 1
    return PageRun(name, path, requests, latencies, statuses, elapsed)


def run_first_visits(base: str, name: str, paths: list[str], clients: int, seconds: int) -> PageRun:
    """Ask for each page once, ``clients`` at a time (Python threads, urllib); stop sending
    after ``seconds``. First visits: what a page costs before any cache holds it."""

    def visit(path: str) -> tuple[float | None, int]:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(base + path, timeout=REQUEST_TIMEOUT_SECONDS) as answer:
                answer.read()
                return time.monotonic() - started, answer.status
        except urllib.error.HTTPError as error:
            return time.monotonic() - started, error.code
        except OSError:
            return None, 0

    started = time.monotonic()
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    sent = 0
    with ThreadPoolExecutor(clients) as pool:
        pending = set()
        for path in paths:
            if time.monotonic() - started > seconds:
                break
            pending.add(pool.submit(visit, path))
            sent += 1
            if len(pending) >= clients:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                _count(done, latencies, statuses)
        _count(pending, latencies, statuses)
    return PageRun(name, paths[0], sent, latencies, statuses, time.monotonic() - started)


def _count(
    done: Iterable[Future[tuple[float | None, int]]],
    latencies: list[float],
    statuses: Counter[int],
) -> None:
    for future in done:
        latency, status = future.result()
        if latency is not None:
            latencies.append(latency)
            statuses[status] += 1


def serve(
    db: str, workers: int = 1, page_cache: bool = True, warm: bool = True
) -> tuple[subprocess.Popen[str], str]:
    """Start ``storyline serve`` on a free loopback port; return it and its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {key: value for key, value in os.environ.items() if key != "STORYLINE_TOKEN"}
    env["STORYLINE_PAGE_CACHE"] = "1" if page_cache else "0"
    env["STORYLINE_PAGE_WARM"] = "1" if warm else "0"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "storyline",
            "serve",
            "--db",
            db,
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            with urllib.request.urlopen(base + "/", timeout=5):
                return server, base
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                error = server.stderr.read() if server.stderr else ""
                raise StorylineError(f"storyline serve did not start: {error.strip()}") from None
            time.sleep(0.2)


def wait_warm(base: str, workers: int, seconds: float = WARM_SECONDS) -> dict[str, float] | None:
    """Wait until the server says its pages are warm (every worker process: a run of answers
    saying so, since any one of them answers); return the warm-up seconds and pages it reported
    (the slowest process's), or None when it did not finish in ``seconds``."""
    deadline = time.monotonic() + seconds
    warm_answers: list[dict[str, float]] = []
    while time.monotonic() < deadline:
        with urllib.request.urlopen(base + "/api/warm-up", timeout=REQUEST_TIMEOUT_SECONDS) as got:
            status = json.load(got)
        warm_answers = [*warm_answers, status] if status["warm"] else []
        if len(warm_answers) >= 4 * workers:
            slowest = max(warm_answers, key=lambda a: a["seconds"])
            return {"seconds": slowest["seconds"], "pages": slowest["pages"]}
        time.sleep(0.1)
    return None


def bench_served(
    db: str, console: Console, requests: int = REQUESTS, clients: int = CLIENTS,
    seconds: int = RUN_SECONDS, workers: int = 1, page_cache: bool = True, warm: bool = True,
) -> list[PageRun]:  # fmt: skip
    """Measure every page of the store at ``db`` under load; print and return the runs."""
    store = open_store(db, writable=False)
    try:
        articles = store.count("articles")
        chosen = pages(store)
        visits = first_visits(store)
    finally:
        store.close()
    warm = warm and page_cache
    server, base = serve(db, workers, page_cache, warm)
    runs = []
    warmed: dict[str, float] | None = None
    try:
        if warm:  # first, as after an ingest: the server's warming runs while nobody asks
            warmed = wait_warm(base, workers)
        for name, path in chosen:
            runs.append(run_page(base, name, path, requests, clients, seconds))
        for name, paths in visits:
            if warm and name.startswith("every storyline"):  # the pages the warming builds
                name += " warm" if warmed is not None else " (warming unfinished)"
            runs.append(run_first_visits(base, name, paths, clients, seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    table = Table(
        title=f"storyline serve --workers {workers}: {articles:,} articles, {clients} clients, "
        f"hey, loopback, page cache {'on' if page_cache else 'off'}"
    )
    for column in ("page", "requests", "p50 ms", "p95 ms", "p99 ms", "req/s", "2xx", "4xx", "5xx",
                   "no answer"):  # fmt: skip
        table.add_column(column, justify="left" if column == "page" else "right")
    for run in runs:
        by_class = Counter(status // 100 for status in run.statuses.elements())
        table.add_row(
            run.name,
            str(run.requested),
            f"{run.percentile(0.50):.1f}",
            f"{run.percentile(0.95):.1f}",
            f"{run.percentile(0.99):.1f}",
            f"{len(run.latencies) / run.seconds:.0f}",
            str(by_class[2]),
            str(by_class[4]),
            str(by_class[5]),
            str(run.requested - len(run.latencies)),
        )
    console.print(table)
    if not page_cache:
        console.print("page cache off: every request builds its page")
    elif not warm:
        console.print("page cache warming off: first visits build their pages")
    elif warmed is None:
        console.print(f"the server's page cache was not warm after {WARM_SECONDS} s")
    else:
        console.print(
            f"page cache warmed after start (as after any commit): {warmed['pages']:.0f} pages "
            f"(storylines list, storyline pages) in {warmed['seconds']:.2f} s per server process"
        )
    slowest = max(runs, key=lambda r: r.percentile(0.95))
    console.print(
        f"goal p95 < 100 ms on every page: slowest {slowest.name} at "
        f"{slowest.percentile(0.95):.1f} ms; 5xx: "
        f"{sum(n for r in runs for s, n in r.statuses.items() if s >= 500)}; "
        f"mean over pages of p50: {statistics.mean(r.percentile(0.5) for r in runs):.1f} ms"
    )
    return runs


def synthetic_store(workdir: Path, articles: int, shared: Path, console: Console) -> str:
    """Return the path of a grouped synthetic store of ``articles`` articles, built once.

    Built by the grouping engineer's generator (``storyline.bench.synthetic``: real ECB+
    paragraphs recombined, with their extractions) and grouped and dated by the engine, then
    kept under ``workdir`` for the next run.
    """
    path = workdir / f"web-{articles}.db"
    if path.exists():
        return str(path)
    try:
        synthetic = importlib.import_module("storyline.bench.synthetic")
    except ImportError:
        raise StorylineError(
            "no synthetic store generator in this storyline (storyline.bench.synthetic); "
            "give --db a store of at least 20,000 articles"
        ) from None
    from storyline.engine import rebuild
    from storyline.store.sqlite import SqliteStore

    workdir.mkdir(parents=True, exist_ok=True)
    ecbplus = shared / "corpus" / "ecbplus-dev"
    if not ecbplus.is_dir():
        raise StorylineError(f"{ecbplus}: no such folder (the synthetic store's paragraphs)")
    building = workdir / f"web-{articles}.building.db"
    for stale in workdir.glob(building.name + "*"):
        stale.unlink()
    started = time.monotonic()
    pool = synthetic.load_paragraphs(workdir / "paragraphs.json", ecbplus)
    store = SqliteStore(str(building))
    try:
        synthetic.build_store(store, pool, articles)
        console.print(f"{articles:,} synthetic articles stored; grouping them", highlight=False)
        try:
            rebuild(store)
        except Exception as error:  # a stage's bug on this data: one line, the store kept
            raise StorylineError(
                f"{building}: grouping the synthetic store failed ({type(error).__name__}: "
                f"{error}); measure another with --db"
            ) from None
    finally:
        store.close()
    for suffix in ("", "-wal", "-shm"):
        if Path(str(building) + suffix).exists():
            Path(str(building) + suffix).rename(str(path) + suffix)
    console.print(
        f"built {path} in {time.monotonic() - started:.0f} s", highlight=False, markup=False
    )
    return str(path)
