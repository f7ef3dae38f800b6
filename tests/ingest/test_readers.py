"""Readers: format detection, folders and globs, JSON Lines, and bad input reported per item."""

from __future__ import annotations

import io
import json
import os
import socket
import threading
from collections.abc import Callable
from pathlib import Path

from storyline.errors import InputError
from storyline.ingest import Skipped, format_of, read_inputs, sniff_format
from storyline.model import RawDocument


def _items(*specs: str, stdin: bytes | None = None) -> list[object]:
    return list(read_inputs(list(specs), io.BytesIO(stdin) if stdin is not None else None))


def test_format_follows_the_file_ending() -> None:
    assert format_of("a/b.warc.gz") == "warc"
    assert format_of("x.JSONL") == "jsonl"
    assert format_of("page.htm") == "html"
    assert format_of("feed.atom") == "feed"
    assert format_of("dump.txt") == "text"
    assert format_of("README.md") is None


def test_unnamed_input_is_sniffed() -> None:
    assert sniff_format(b'{"text": "x"}\n') == "jsonl"
    assert sniff_format(b"<!DOCTYPE html><html>") == "html"
    assert sniff_format(b'<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert sniff_format(b"WARC/1.0\r\n") == "warc"
    assert sniff_format(b"Plain words of a dump.") == "text"


def test_text_dump_is_one_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline here\n\nA body sentence that is long enough.\n")
    [doc] = _items(str(tmp_path / "a.txt"))
    assert isinstance(doc, RawDocument)
    assert doc.text is not None and doc.text.startswith("Headline here")
    assert doc.format == "text"


def test_folder_walk_is_recursive_and_skips_non_article_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Second article body, long enough to read.")
    (tmp_path / "a.txt").write_text("First article body, long enough to read.")
    (tmp_path / "notes.md").write_text("# not an input")
    (tmp_path / "gold.jsonl").write_text(json.dumps({"file": "a.txt", "title": "x"}) + "\n")
    items = _items(str(tmp_path))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert sorted(Path(d.source).name for d in docs) == ["a.txt", "b.txt"]
    assert [Path(i.source).name for i in items if isinstance(i, Skipped)] == ["gold.jsonl"]
    assert not [i for i in items if isinstance(i, InputError)]


def test_glob_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("An article body that is long enough.")
    (tmp_path / "b.txt").write_text("Another article body that is long enough.")
    assert len(_items(str(tmp_path / "*.txt"))) == 2
    [error] = _items(str(tmp_path / "nothing-*.txt"))
    assert isinstance(error, InputError) and "no file matches" in error.reason
    [error] = _items(str(tmp_path / "absent.txt"))
    assert isinstance(error, InputError) and "no such file" in error.reason


def test_stdin_is_sniffed() -> None:
    [doc] = _items("-", stdin=b'{"text": "From a pipe, a body of words."}\n')
    assert isinstance(doc, RawDocument) and doc.text == "From a pipe, a body of words."
    assert doc.source == "<stdin>#1"


def test_jsonl_reports_bad_lines_and_keeps_the_rest(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "1", "url": "https://example.org/a", "text": "Good one, long enough."}),
        '{"text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": 42}),
        json.dumps({"html": "<p>Markup body</p>", "published": "2024-05-01"}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = _items(str(path))
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["1", "6"]
    assert docs[0].url == "https://example.org/a"
    assert docs[1].html == "<p>Markup body</p>" and docs[1].published == "2024-05-01"
    assert [e.source.rsplit("#", 1)[1] for e in errors] == ["2", "3", "4", "5"]
    assert "malformed JSON" in errors[0].reason


def test_binary_empty_and_latin1_files(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "latin.txt").write_bytes(
        "Le ministre a déclaré à la presse que la réunion était très importante.".encode("latin-1")
    )
    items = {Path(i.source).name: i for i in _items(str(tmp_path))}  # type: ignore[union-attr]
    assert isinstance(items["bin.txt"], InputError) and "binary" in items["bin.txt"].reason
    assert isinstance(items["empty.txt"], InputError) and "empty" in items["empty.txt"].reason
    latin = items["latin.txt"]
    assert isinstance(latin, RawDocument)
    assert latin.text is not None and "déclaré" in latin.text and latin.encoding


def test_oversized_text_is_refused(tmp_path: Path) -> None:
    from storyline.ingest.decode import MAX_DOCUMENT_BYTES

    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (MAX_DOCUMENT_BYTES // 5 + 10))
    [error] = _items(str(path))
    assert isinstance(error, InputError) and "too large" in error.reason


def test_a_fifo_in_a_folder_or_by_name_is_one_error_and_never_opened(tmp_path: Path) -> None:
    # Opening a FIFO without a writer blocks forever: the batch must go on past it.
    (tmp_path / "a.txt").write_text("An article body that is long enough to read.")
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "README")  # unknown ending in a folder walk: passed over, not opened
    items = _run_with_deadline(lambda: _items(str(tmp_path)))
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [Path(d.source).name for d in docs] == ["a.txt"]
    assert [(Path(e.source).name, e.reason) for e in errors] == [("pipe.txt", "not a regular file")]
    for spec in (str(tmp_path / "pipe.txt"), str(tmp_path / "README"), str(tmp_path / "p*.txt")):
        [error] = _run_with_deadline(lambda spec=spec: _items(spec))  # type: ignore[misc]
        assert isinstance(error, InputError) and error.reason == "not a regular file"


def test_a_device_and_a_socket_are_not_read(tmp_path: Path) -> None:
    [error] = _run_with_deadline(lambda: _items("/dev/zero"))  # would never end
    assert isinstance(error, InputError) and error.reason == "not a regular file"
    listener = socket.socket(socket.AF_UNIX)
    try:
        listener.bind(str(tmp_path / "sock.jsonl"))
        [error] = _run_with_deadline(lambda: _items(str(tmp_path)))
        assert isinstance(error, InputError) and error.reason == "not a regular file"
    finally:
        listener.close()


def test_a_symlink_to_a_fifo_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link.txt").symlink_to(tmp_path / "pipe")
    [error] = _run_with_deadline(lambda: _items(str(tmp_path / "link.txt")))
    assert isinstance(error, InputError) and error.reason == "not a regular file"


def _run_with_deadline(work: Callable[[], list[object]], seconds: float = 10) -> list[object]:
    """Return what work returns, failing the test (not hanging it) when it blocks."""
    done: list[list[object]] = []
    worker = threading.Thread(target=lambda: done.append(work()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert done, "reading blocked"  # the daemon thread stays stuck; the suite goes on
    return done[0]
