"""The WARC streaming benchmark: every record read back, memory figures consistent."""

from __future__ import annotations

from pathlib import Path

from storyline.bench.warc import bench_warc_memory


def test_bench_warc_memory_reads_every_record(tmp_path: Path) -> None:
    figures = bench_warc_memory(tmp_path, 2_000_000, None)
    assert figures["records_read"] == figures["records_built"] > 0
    assert figures["errors"] == 0
    assert figures["extract_sample"] > 0
    assert figures["peak_rss_mb"] >= figures["baseline_rss_mb"]
