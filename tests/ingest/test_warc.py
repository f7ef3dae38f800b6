"""WARC archives: HTML responses streamed one by one; damage reported, the rest still read."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.errors import InputError
from storyline.ingest.decode import MAX_DOCUMENT_BYTES
from storyline.ingest.warc import read_warc
from storyline.model import RawDocument


def _warc(pages: list[tuple[str, str, bytes]], gzip: bool = True) -> bytes:
    """Return a WARC with one response per (url, content type, body), plus a request record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, content_type, body in pages:
        request = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
        writer.write_record(request)
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


PAGES = [
    (
        f"https://news.example.com/2021/09/0{n}/story",
        "text/html; charset=utf-8",
        f"<html><body><p>Story {n} café</p></body></html>".encode(),
    )
    for n in range(1, 6)
]


def _read(data: bytes, name: str = "cc.warc.gz") -> list[RawDocument | InputError]:
    return list(read_warc(name, io.BytesIO(data)))


def test_html_responses_become_documents_and_others_are_skipped() -> None:
    pages = [*PAGES[:2], ("https://news.example.com/logo.png", "image/png", b"\x89PNG\x00\x00")]
    items = _read(_warc(pages))
    assert [item.url for item in items if isinstance(item, RawDocument)] == [
        PAGES[0][0],
        PAGES[1][0],
    ]
    assert all(isinstance(item, RawDocument) and item.format == "warc" for item in items)
    first = items[0]
    assert isinstance(first, RawDocument) and "Story 1 café" in (first.html or "")
    assert first.source.startswith("cc.warc.gz#") and first.source.split("#")[1].isdigit()


def test_http_charset_decodes_the_payload() -> None:
    body = "<html><body><p>Ça coûte 5 €</p></body></html>".encode("cp1252")
    (item,) = _read(_warc([("https://x.example.com/", "text/html; charset=windows-1252", body)]))
    assert isinstance(item, RawDocument) and "Ça coûte 5 €" in (item.html or "")


def test_uncompressed_warc_reads_the_same() -> None:
    items = _read(_warc(PAGES, gzip=False), "cc.warc")
    assert [item.url for item in items if isinstance(item, RawDocument)] == [p[0] for p in PAGES]


def test_truncated_gzip_keeps_records_before_and_reports_one_error() -> None:
    data = _warc(PAGES)
    offsets = [int(i.source.split("#")[1]) for i in _read(data) if isinstance(i, RawDocument)]
    items = _read(data[: offsets[2] + 120])  # cut inside the third response's gzip member
    documents = [item for item in items if isinstance(item, RawDocument)]
    errors = [item for item in items if isinstance(item, InputError)]
    assert [d.url for d in documents] == [p[0] for p in PAGES[: len(documents)]]
    assert len(documents) == 2
    assert len(errors) == 1 and "truncated" in errors[0].reason
    assert errors[0].source.startswith("cc.warc.gz#")


def _corrupt_third_response(data: bytes, gzip: bool) -> bytes:
    offsets = [
        int(item.source.split("#")[1]) for item in _read(data) if isinstance(item, RawDocument)
    ]
    damaged = bytearray(data)
    start = offsets[2]
    if gzip:
        damaged[start + 20 : start + 60] = b"\x00" * 40  # inside the deflate stream
    else:
        damaged[start : start + 8] = b"GARBAGE!"  # the WARC version line
    return bytes(damaged)


def test_corrupt_record_is_one_error_and_reading_goes_on() -> None:
    for gzip in (True, False):
        items = _read(_corrupt_third_response(_warc(PAGES, gzip=gzip), gzip))
        urls = [item.url for item in items if isinstance(item, RawDocument)]
        errors = [item for item in items if isinstance(item, InputError)]
        assert urls == [PAGES[0][0], PAGES[1][0], PAGES[3][0], PAGES[4][0]], gzip
        assert len(errors) == 1 and "corrupt WARC record" in errors[0].reason


def test_oversized_record_is_an_error_for_that_record_only() -> None:
    huge = b"<html><body>" + b"<p>x</p>" * (MAX_DOCUMENT_BYTES // 8 + 1) + b"</body></html>"
    items = _read(_warc([PAGES[0], ("https://x.example.com/huge", "text/html", huge), PAGES[1]]))
    assert isinstance(items[1], InputError) and "too large" in items[1].reason
    assert [item.url for item in items if isinstance(item, RawDocument)] == [
        PAGES[0][0],
        PAGES[1][0],
    ]


def test_not_a_warc_is_one_error() -> None:
    items = _read(b"this is not an archive\n" * 10, "x.warc")
    assert len(items) == 1 and isinstance(items[0], InputError)


_STREAM = """
import resource, sys
from storyline.ingest.warc import read_warc
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
count = 0
with open(sys.argv[1], "rb") as stream:
    for item in read_warc(sys.argv[1], stream):
        count += 1
print(count, base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_streaming_memory_stays_far_below_archive_size(tmp_path: Path) -> None:
    from storyline.bench.html import build_warc

    path = tmp_path / "big.warc.gz"
    # 20 MB (~5,000 records, ~10 s) is enough: reading it into memory at once grows the peak by
    # ~18 MB, over four times the limit below, while streaming adds nothing measurable.
    built = build_warc(path, 20_000_000)
    size_kb = path.stat().st_size / 1024
    result = subprocess.run(
        [sys.executable, "-c", _STREAM, str(path)], check=True, capture_output=True, text=True
    )
    count, base_kb, peak_kb = (int(value) for value in result.stdout.split())
    assert count == built
    # Uncompressed, the archive is ~3x its size; streaming holds one record at a time.
    assert peak_kb - base_kb < size_kb / 5
