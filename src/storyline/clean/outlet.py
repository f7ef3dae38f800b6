"""The outlet a URL belongs to: its registered domain (``www.dawn.com/news/1`` → ``dawn.com``)."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

import tldextract


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    """Return a suffix-list reader that uses the snapshot bundled with tldextract, never the web."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def outlet_from_url(url: str | None) -> str | None:
    """Return the registered domain of an http(s) URL, lowercased, or None when it has none.

    Public suffixes count as one label ("bbc.co.uk", not "co.uk"); bare IP addresses and
    local hosts name no outlet.
    """
    if not url or not url.strip():
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    parts = _extractor()(host)
    if not parts.domain or not parts.suffix:
        return None
    return f"{parts.domain}.{parts.suffix}".lower()
