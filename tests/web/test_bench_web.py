"""``storyline bench web``: the harness runs the real server under hey and reports every page."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from storyline.cli import app as cli


def test_bench_web_reports_latency_and_statuses_of_every_page(seeds_db: str) -> None:
    if shutil.which("hey") is None:
        pytest.skip("hey (the load tool) not installed: apt-get install hey (see .ci/run)")
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        cli, ["bench", "web", "--db", seeds_db, "--requests", "40", "--clients", "4"]
    )
    assert result.exit_code == 0, result.output
    for page in ("storylines list", "storyline page", "article page", "search",
                 "every storyline page once (1)", "article pages once (5)"):  # fmt: skip
        assert page in result.output
    assert "p95 ms" in result.output and "5xx: 0" in result.output
    # The server warmed its cache before the runs, and the first-visit row says so.
    assert "every storyline page once (1) warm" in result.output
    assert "page cache warmed after start (as after any commit): 2 pages" in result.output


def test_bench_web_without_a_generator_or_store_says_what_to_do(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(
        cli, ["bench", "web", "--workdir", str(tmp_path), "--shared", str(tmp_path / "none")]
    )
    assert result.exit_code == 1
    assert "error:" in result.output and "Traceback" not in result.output
