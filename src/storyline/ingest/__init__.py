"""Readers: paths, folders, globs or stdin → raw documents, one reader per input format.

``read_inputs`` is the only entry point the engine uses. It yields, in input order, a
``RawDocument`` for every article found, an ``InputError`` for every input (or item of a
multi-item input) that cannot be read, and a ``Skipped`` notice for files a folder walk passes
over on purpose. Nothing here raises for bad input: one bad file never stops a batch.
"""

from __future__ import annotations

import glob
import io
import os
import stat
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from storyline.errors import InputError
from storyline.ingest.decode import bom_encoding
from storyline.ingest.jsonl import holds_articles, read_jsonl
from storyline.ingest.text import read_text
from storyline.model import RawDocument

Reader = Callable[[str, BinaryIO], Iterator[RawDocument | InputError]]


@dataclass
class Skipped:
    """A file a folder walk passed over on purpose (not an article input), with the reason."""

    source: str
    reason: str


Item = RawDocument | InputError | Skipped


def _reader(name: str) -> Reader:
    """Return the reader for a format name; imported lazily so that start-up stays light."""
    if name == "text":
        return read_text
    if name == "jsonl":
        return read_jsonl
    if name == "html":
        from storyline.ingest.html import read_html

        return read_html
    if name == "feed":
        from storyline.ingest.feeds import read_feed

        return read_feed
    if name == "warc":
        from storyline.ingest.warc import read_warc

        return read_warc
    raise ValueError(name)


# File name endings → format; the contract's auto-detection table. Longest endings first.
FORMAT_BY_SUFFIX: tuple[tuple[str, str], ...] = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".rss", "feed"),
    (".atom", "feed"),
    (".xml", "feed"),
    (".txt", "text"),
)


def format_of(path: str) -> str | None:
    """Return the input format a file name announces, or None for an unknown ending."""
    lower = path.lower()
    for suffix, name in FORMAT_BY_SUFFIX:
        if lower.endswith(suffix):
            return name
    return None


def sniff_format(head: bytes) -> str:
    """Return the likely format of unnamed input (stdin, unknown endings) from its first bytes."""
    marked = bom_encoding(head)
    if marked is not None:  # UTF-16/32 text: sniff its characters, not its bytes
        head = head.decode(marked, errors="ignore").encode("utf-8")
    start = head.lstrip()[:512].lower()
    if start.startswith(b"warc/") or head[:2] == b"\x1f\x8b":
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<?xml") and (b"<rss" in start or b"<feed" in start):
        return "feed"
    if start.startswith((b"<rss", b"<feed")):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<div")):
        return "html"
    return "text"


def read_inputs(
    specs: Iterable[str], stdin: BinaryIO | None = None, formats: Collection[str] | None = None
) -> Iterator[Item]:
    """Yield every document, error and skip notice for the given paths, folders, globs or '-'.

    ``formats`` restricts the walk to files of those formats (by name or, for unknown
    endings, by content); None reads every input.
    """
    for spec in specs:
        if spec == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            yield from _read_file("<stdin>", io.BytesIO(data), sniff_format(data[:4096]))
            continue
        path = Path(spec)
        if path.is_dir():
            yield from _read_folder(path, formats)
        elif path.exists():
            yield from _read_path(path, explicit=True, formats=formats)
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield InputError(spec, "no file matches this pattern")
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    yield from _read_folder(match_path, formats)
                else:
                    yield from _read_path(match_path, explicit=True, formats=formats)
        else:
            yield InputError(spec, "no such file or folder")


def _read_folder(folder: Path, formats: Collection[str] | None) -> Iterator[Item]:
    """Yield the items of every input file under a folder, recursively, in name order."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            yield from _read_path(Path(root) / name, explicit=False, formats=formats)


def _read_path(
    path: Path, *, explicit: bool, formats: Collection[str] | None = None
) -> Iterator[Item]:
    """Yield the items of one file; files of unknown kind in folder walks are passed over.

    Only regular files are read: a FIFO, socket or device would block the batch forever (or
    never end), so each gets one error line instead.
    """
    source = str(path)
    kind = format_of(source)
    if kind is None and not explicit:
        return  # READMEs, images, lock files, sockets: not inputs, and never opened
    try:
        with _open_regular(path) as stream:
            if stream is None:
                yield InputError(source, "not a regular file")
                return
            if kind is None:
                kind = sniff_format(stream.read(4096))
                stream.seek(0)
            if formats is not None and kind not in formats:
                return
            if kind == "jsonl" and not explicit:
                if not holds_articles(stream):
                    yield Skipped(source, "JSON Lines without 'text' or 'html' fields")
                    return
                stream.seek(0)
            yield from _read_file(source, stream, kind)
    except OSError as error:
        yield InputError(source, f"cannot read ({error.strerror or error})")


@contextmanager
def _open_regular(path: Path) -> Iterator[BinaryIO | None]:
    """Open a file for reading in binary, or give None when it is not a regular file.

    The open does not block (O_NONBLOCK: a FIFO with no writer would hang it) and the type is
    checked on the opened descriptor, so a file swapped for a FIFO after a stat is still caught.
    """
    if not stat.S_ISREG(os.stat(path).st_mode):
        yield None
        return
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
        if regular:
            os.set_blocking(descriptor, True)
    except OSError:
        os.close(descriptor)
        raise
    if not regular:
        os.close(descriptor)
        yield None
        return
    with os.fdopen(descriptor, "rb") as stream:
        yield stream


def _read_file(source: str, stream: BinaryIO, kind: str) -> Iterator[Item]:
    """Yield the items a reader finds, turning any unexpected reader failure into an error."""
    try:
        yield from _reader(kind)(source, stream)
    except InputError as error:
        yield error
    except Exception as error:  # a reader bug must not sink the batch
        yield InputError(source, f"unreadable {kind} input ({type(error).__name__}: {error})")
