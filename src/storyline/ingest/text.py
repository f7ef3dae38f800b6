"""Plain-text dumps: one article per file, as scrapers write them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from storyline.errors import InputError
from storyline.ingest.decode import decode, read_capped
from storyline.model import RawDocument


def read_text(source: str, stream: BinaryIO) -> Iterator[RawDocument | InputError]:
    """Yield the one document of a text dump, or the reason it cannot be read."""
    try:
        text, encoding = decode(source, read_capped(source, stream))
    except InputError as error:
        yield error
        return
    yield RawDocument(source=source, text=text, format="text", encoding=encoding)
