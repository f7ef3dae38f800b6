"""HTML cleaning benchmark: storyline's extract_html against trafilatura alone, in one run.

``bench_html`` scores both on the same pages of ``../shared/corpus/html-readability`` (body by
word 4-gram shingles against ``expected.html``, title exact match, publication day);
``bench_warc_memory`` builds a large WARC.GZ and reports streaming throughput and peak memory.
Figures only: the harness prints, it never passes or fails.
"""

from __future__ import annotations

import io
import json
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura

from storyline.clean.html import HtmlExtractionError, extract_html

# Shingle size of the public article-extraction benchmarks (ScrapingHub, Bevendorff et al.).
SHINGLE_WORDS = 4

_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


@dataclass
class Extraction:
    """One system's reading of one page."""

    text: str
    title: str | None
    published: str | None


def _storyline(html: str) -> Extraction:
    try:
        page = extract_html(html, None)
    except HtmlExtractionError:
        return Extraction("", None, None)
    return Extraction(page.text, page.title, page.published)


def _trafilatura(html: str) -> Extraction:
    text = trafilatura.extract(html, output_format="txt") or ""
    metadata = trafilatura.extract_metadata(html)
    title = metadata.title if metadata is not None else None
    published = metadata.date if metadata is not None else None
    return Extraction(text, title, published)


SYSTEMS: dict[str, Callable[[str], Extraction]] = {
    "storyline": _storyline,
    "trafilatura": _trafilatura,
}


def shingles(text: str) -> set[tuple[str, ...]]:
    """Return the set of lowercased word 4-grams of a text (its words, for shorter texts)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def _normal_title(title: str | None) -> str:
    return " ".join((title or "").translate(_QUOTES).split()).lower()


def _gold_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8", errors="replace")
    return str(lxml.html.fromstring(html).text_content()) if html.strip() else ""


def load_pages(corpus: Path) -> list[dict[str, Any]]:
    """Return the corpus pages: source markup, gold body text and gold metadata."""
    pages = []
    for folder in sorted(p for p in corpus.iterdir() if (p / "source.html").is_file()):
        metadata = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        pages.append(
            {
                "name": folder.name,
                "html": (folder / "source.html").read_text(encoding="utf-8", errors="replace"),
                "gold": shingles(_gold_text(folder / "expected.html")),
                "title": metadata.get("title"),
                "published": (metadata.get("publishedTime") or "")[:10] or None,
            }
        )
    return pages


def score(pages: list[dict[str, Any]], system: Callable[[str], Extraction]) -> dict[str, float]:
    """Return one system's body P/R/F1 (macro and micro), title and date figures, pages/s."""
    precision, recall, f1 = [], [], []
    overlap = found_total = gold_total = 0
    titles = dates_right = dated = invented = 0
    start = time.perf_counter()
    readings = [system(page["html"]) for page in pages]
    seconds = time.perf_counter() - start
    for page, reading in zip(pages, readings, strict=True):
        found, gold = shingles(reading.text), page["gold"]
        common = len(found & gold)
        p = common / len(found) if found else (1.0 if not gold else 0.0)
        r = common / len(gold) if gold else (1.0 if not found else 0.0)
        precision.append(p)
        recall.append(r)
        f1.append(2 * p * r / (p + r) if p + r else 0.0)
        overlap, found_total, gold_total = (
            overlap + common,
            found_total + len(found),
            gold_total + len(gold),
        )
        titles += _normal_title(reading.title) == _normal_title(page["title"])
        if page["published"]:
            dated += 1
            dates_right += (reading.published or "")[:10] == page["published"]
        elif reading.published:
            invented += 1
    micro_p = overlap / found_total if found_total else 0.0
    micro_r = overlap / gold_total if gold_total else 0.0
    count = len(pages) or 1
    return {
        "pages": len(pages),
        "precision": sum(precision) / count,
        "recall": sum(recall) / count,
        "f1": sum(f1) / count,
        "micro_precision": micro_p,
        "micro_recall": micro_r,
        "micro_f1": 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0,
        "title_accuracy": titles / count,
        "date_accuracy": dates_right / dated if dated else 0.0,
        "dated_pages": dated,
        "invented_dates": invented,
        "undated_pages": len(pages) - dated,
        "pages_per_second": len(pages) / seconds if seconds else 0.0,
    }


def bench_html(corpus: Path, console: Any) -> dict[str, dict[str, float]]:
    """Return and print storyline's and trafilatura's figures on the same pages, in one run."""
    from rich.table import Table

    pages = load_pages(corpus)
    figures = {name: score(pages, system) for name, system in SYSTEMS.items()}
    table = Table(title=f"HTML extraction on {corpus.name} ({len(pages)} pages)")
    table.add_column("figure")
    for name in figures:
        table.add_column(name, justify="right")
    for key in figures["storyline"]:
        table.add_row(key, *(_cell(figures[name][key]) for name in figures))
    console.print(table)
    return figures


def _cell(value: float) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


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
