"""The commands against hostile names and texts and a failing store: one line each, nothing let in.

File names, outlets and titles come from inputs: they reach a terminal without being read as
Rich markup or terminal escapes, and a CSV export without being read as spreadsheet formulas.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

BODY = (
    "The harbour council of Harbourton voted on 4 March 2024 to suspend dredging in the east "
    "basin after tests found heavy metals in the mud. Mayor Jana Okoro said on 5 March 2024 "
    "that the authority would publish every sample it had taken since January."
)

# CSI (clear screen), OSC (window title) and OSC 8 (hyperlink) sequences, as an attacker sends.
ANSI_TITLE = "Dredging \x1b[2J\x1b]0;pwned\x07halted \x1b]8;;https://evil.example\x1b\\here"


def storyline(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline", *args],
        capture_output=True,
        text=True,
        timeout=300,
        input=stdin,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def hostile(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A store ingested from hostile inputs, with the ingest's output (as on a terminal)."""
    folder = tmp_path_factory.mktemp("hostile")
    inputs = folder / "in"
    inputs.mkdir()
    # A Latin-1 file (one note line names it) and an empty one (one error line names it).
    (inputs / "[link=javascript:alert(1)]click.txt").write_bytes(
        ("Conseil de Harbourton\n\n" + BODY + " Le conseil a voté.").encode("latin-1")
    )
    (inputs / "bad [draft] name.txt").write_bytes(b"")
    # A damaged WARC whose first line holds closing markup: its error line quotes it.
    archive = io.BytesIO()
    writer = WARCWriter(archive, gzip=False)
    writer.write_record(
        writer.create_warc_record(
            "https://a.example/x",
            "resource",
            payload=io.BytesIO(b"hi"),
            warc_content_type="text/plain",
        )
    )
    (inputs / "broken.warc").write_bytes(archive.getvalue() + b"GARBAGE [/] [bold]line\r\n\r\n")
    records = [
        {"outlet": "Daily [/] News", "title": "=HYPERLINK(\"https://evil.example\",\"x\")",
         "published": "2024-03-05", "url": "https://daily.example/a", "text": BODY},
        {"outlet": "+Bay News", "title": ANSI_TITLE, "published": "2024-03-06",
         "url": "https://bay.example/a", "text": BODY.replace("Harbourton", "Harbourton's")},
        {"outlet": "@Coast", "title": "-1+1 [red]alarm[/red]", "published": "2024-03-07",
         "url": "https://coast.example/a", "text": BODY + " Fishers welcomed the vote."},
    ]  # fmt: skip
    (inputs / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    db = folder / "s.db"
    result = storyline("ingest", str(inputs), "--db", str(db), env={"FORCE_COLOR": "1"})
    return db, result


def _visible(output: str) -> str:
    """Return terminal output without the colour codes Rich itself writes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", output)


def test_file_names_and_warc_lines_are_printed_as_they_are(
    hostile: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    # Before: a hyperlink to javascript:, "bad  name.txt", and a MarkupError traceback on [/].
    _, result = hostile
    assert result.returncode == 1, result.stderr  # the empty file and the WARC failed
    assert "Traceback" not in result.stderr
    assert "\x1b]8;" not in result.stderr  # no terminal hyperlink
    shown = _visible(result.stderr)
    assert "[link=javascript:alert(1)]click.txt: not UTF-8" in shown
    assert "bad [draft] name.txt: empty input" in shown
    [warc_line] = [line for line in shown.splitlines() if "broken.warc" in line]
    assert "[/] [bold]line" in warc_line
    assert "3 articles read" in shown or "4 articles read" in shown


def test_timeline_prints_outlets_and_titles_without_markup_or_escapes(
    hostile: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    # Before: "Daily [/] News" crashed the timeline with a MarkupError traceback.
    db, _ = hostile
    result = storyline("timeline", "--db", str(db), env={"FORCE_COLOR": "1", "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Daily [/] News" in _visible(result.stdout)
    assert "\x1b[2J" not in result.stdout and "\x1b]0;" not in result.stdout
    assert "\x07" not in result.stdout and "\x1b]8;" not in result.stdout


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(
    hostile: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    db, _ = hostile
    result = storyline("export", "--what", "articles", "--format", "csv", "--db", str(db))
    assert result.returncode == 0, result.stderr
    rows = {r["url"]: r for r in csv.DictReader(io.StringIO(result.stdout)) if r["url"]}
    daily, bay, coast = (rows[f"https://{s}.example/a"] for s in ("daily", "bay", "coast"))
    assert daily["title"] == '\'=HYPERLINK("https://evil.example","x")'
    assert bay["outlet"] == "'+Bay News" and coast["outlet"] == "'@Coast"
    assert coast["title"] == "'-1+1 [red]alarm[/red]"
    for row in rows.values():
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    # JSON Lines keep the values as they are: only spreadsheets need the quote.
    titles = {json.loads(line)["title"] for line in storyline(
        "export", "--what", "articles", "--db", str(db)
    ).stdout.splitlines()}  # fmt: skip
    assert '=HYPERLINK("https://evil.example","x")' in titles


def test_ingest_into_a_read_only_database_fails_before_reading(tmp_path: Path) -> None:
    # Before: a traceback, after all the parsing work.
    db = tmp_path / "read-only.db"
    assert storyline("ingest", "--example", "--db", str(db)).returncode == 0
    db.chmod(0o444)
    command = [sys.executable, "-m", "storyline", "ingest", "--example", "--db", str(db)]
    if os.geteuid() == 0:  # root writes anywhere: drop the capabilities that let it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file permissions cannot apply")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()  # no progress, no "articles read": nothing was parsed
    assert line.startswith(f"error: {db}: the database is read-only")


def test_two_ingests_into_one_new_database_at_once_both_land(tmp_path: Path) -> None:
    # Before: 4 of 10 pairs failed ("table articles already exists", "database is locked").
    from storyline.cli import example_corpus

    corpus = sorted(str(p) for p in example_corpus().glob("*.txt"))
    db = tmp_path / "new.db"
    pair = [
        subprocess.Popen(
            [sys.executable, "-m", "storyline", "ingest", *half, "--db", str(db)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for half in (corpus[:5], corpus[5:])
    ]
    for process in pair:
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors
    articles = [json.loads(line) for line in storyline(
        "export", "--what", "articles", "--db", str(db)
    ).stdout.splitlines()]  # fmt: skip
    assert len(articles) == len(corpus)
    assert all(a["storyline_id"] and a["event_id"] for a in articles)  # the last grouping won


def test_store_faults_are_one_line_for_every_command(tmp_path: Path) -> None:
    future = tmp_path / "future.db"
    db = sqlite3.connect(future)
    db.execute("PRAGMA user_version = 99")
    db.close()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    text = tmp_path / "a.txt"
    text.write_text(BODY)
    for path, expected in ((future, "written by a newer storyline"), (damaged, "not a usable")):
        for command in (
            ("ingest", str(text)),
            ("export", "--what", "articles"),
            ("timeline",),
        ):
            result = storyline(*command, "--db", str(path))
            assert result.returncode in (1, 2), result.stderr
            [line] = result.stderr.splitlines()
            assert line.startswith(f"error: {path}: ") and expected in line, line


def test_a_page_of_a_million_tags_is_one_line_and_the_rest_is_ingested(tmp_path: Path) -> None:
    # 8 MB of <p> tags: before the element cap, over 5 minutes inside the HTML extractors.
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "tags.html").write_text("<html><body>" + "<p>news " * 1_000_000 + "</body></html>")
    (inputs / "story.txt").write_text("Harbour council halts dredging\n\n" + BODY + "\n")
    result = storyline("ingest", str(inputs), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if "tags.html" in line]
    assert "too many elements" in line
    assert "1 article" in result.stderr or "1 article" in result.stdout
