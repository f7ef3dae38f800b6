"""WARC streaming benchmark: a large WARC.GZ of varied news pages, read and cleaned.

``bench_warc_memory`` builds the archive, then reads it in a subprocess (so that the peak RSS is
its own) and reports records/s, MB/s, extraction articles/s on a sample, and peak memory.
Figures only: the harness prints, it never passes or fails.
"""

from __future__ import annotations

import io
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Daily Ledger</title>
<meta property="article:published_time" content="{day}T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>© The Daily Ledger. All rights reserved.</footer></body></html>"""

_WORDS = [
    "council",
    "harbour",
    "dredging",
    "strike",
    "minister",
    "inquiry",
    "report",
    "vote",
    "port",
    "ships",
    "union",
    "mayor",
    "sediment",
    "fishers",
    "protest",
    "court",
    "charge",
    "budget",
    "water",
    "river",
    "storm",
    "election",
    "police",
]


def _page(rng: random.Random, padding: int) -> str:
    """Return one synthetic news page of roughly ``padding`` bytes of varied prose.

    ``{number}`` is left in the markup for the record number, so that pages built from one
    template still differ.
    """
    paragraphs = []
    size = 0
    while size < padding:
        words = rng.choices(_WORDS, k=rng.randint(20, 60))
        sentence = "<p>Report {number}: " + " ".join(words).capitalize() + ".</p>\n"
        paragraphs.append(sentence)
        size += len(sentence)
    day = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    title = " ".join(rng.choices(_WORDS, k=6)).capitalize()
    return (
        _PAGE.replace("{title}", title)
        .replace("{day}", day)
        .replace("{paragraphs}", "".join(paragraphs))
    )


# Distinct page templates; each record fills one in with its number. Generating fresh prose
# for a whole gigabyte would make the benchmark measure Python's random module.
PAGE_TEMPLATES = 64


def build_warc(path: Path, size_bytes: int, page_bytes: int = 20_000) -> int:
    """Write a WARC.GZ of about ``size_bytes`` of varied HTML responses; return the count."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(7)
    templates = [_page(rng, page_bytes) for _ in range(PAGE_TEMPLATES)]
    count = 0
    with path.open("wb") as output:
        writer = WARCWriter(output, gzip=True)
        while output.tell() < size_bytes:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            body = templates[count % PAGE_TEMPLATES].replace("{number}", str(count))
            record = writer.create_warc_record(
                f"https://ledger.example.com/{2000 + count % 20}/01/02/story-{count}",
                "response",
                payload=io.BytesIO(body.encode()),
                http_headers=headers,
            )
            writer.write_record(record)
            count += 1
    return count


_MEASURE = """
import resource, sys, time
from storyline.ingest.warc import read_warc
from storyline.clean.html import extract_html
path, sample = sys.argv[1], int(sys.argv[2])
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter(); records = errors = 0; kept = []
with open(path, "rb") as stream:
    for item in read_warc(path, stream):
        if hasattr(item, "html"):
            records += 1
            if len(kept) < sample:
                kept.append(item.html)
        else:
            errors += 1
read_seconds = time.perf_counter() - start
start = time.perf_counter()
for html in kept:
    extract_html(html, None)
clean_seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(records, errors, read_seconds, len(kept), clean_seconds, base, peak)
"""


def bench_warc_memory(tmpdir: Path, size_bytes: int = 1 << 30, console: Any = None) -> dict:
    """Return read_warc's records/s, MB/s and peak RSS over a WARC.GZ of ``size_bytes``.

    Extraction is slower than reading by two orders of magnitude, so its throughput is measured
    on the first EXTRACT_SAMPLE records. Runs in a subprocess so that the peak RSS is its own.
    """
    path = tmpdir / "bench.warc.gz"
    start = time.perf_counter()
    built = build_warc(path, size_bytes)
    build_seconds = time.perf_counter() - start
    output = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), str(EXTRACT_SAMPLE)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    records, errors, read_s, sampled, clean_s, base_kb, peak_kb = output
    archive_mb = path.stat().st_size / 1e6
    figures = {
        "archive_mb": archive_mb,
        "records_built": built,
        "build_seconds": build_seconds,
        "records_read": int(records),
        "errors": int(errors),
        "read_records_per_second": int(records) / float(read_s),
        "read_mb_per_second": archive_mb / float(read_s),
        "extract_sample": int(sampled),
        "extract_articles_per_second": int(sampled) / float(clean_s) if float(clean_s) else 0.0,
        "baseline_rss_mb": int(base_kb) / 1024,
        "peak_rss_mb": int(peak_kb) / 1024,
        "parent_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if console is not None:
        from rich.table import Table

        table = Table(title=f"WARC streaming ({archive_mb:,.0f} MB WARC.GZ)")
        table.add_column("figure")
        table.add_column("value", justify="right")
        for key, value in figures.items():
            table.add_row(key, _cell(value))
        console.print(table)
    return figures


# Records run through extract_html for the cleaning throughput figure.
EXTRACT_SAMPLE = 300


def _cell(value: float) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)
