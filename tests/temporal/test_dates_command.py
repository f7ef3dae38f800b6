"""``storyline dates`` reports offsets into the text the caller gave, whatever it repairs."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app


def _timexes(path: Path) -> list[dict[str, object]]:
    result = CliRunner().invoke(app, ["dates", "--ref", "2013-03-20", str(path)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_offsets_index_the_input_despite_entities_and_crlf(tmp_path: Path) -> None:
    given = "AT&amp;T said on Tuesday\r\nthat talks resume on Wednes-day.\r\n"
    path = tmp_path / "article.txt"
    path.write_bytes(given.encode("utf-8"))
    found = _timexes(path)
    assert [(t["text"], t["value"]) for t in found] == [
        ("Tuesday", "2013-03-19"),
        ("Wednes-day", "2013-03-20"),
    ]
    for timex in found:
        start, end = timex["start"], timex["end"]
        assert isinstance(start, int) and isinstance(end, int)
        assert given[start:end] == timex["text"]
