"""Site templates: short lines that recur across many pages of one site are its furniture.

A site's navigation, widget captions and promo lines repeat on every page it serves, in words
no pattern list can know in advance ("Follow our live coverage on Saltgate TV"). Counting the
pages of one site that carry each short line finds them. The engine counts over the whole
ingest run first, then cleans with what it learned.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from urllib.parse import urlsplit

from storyline.model import RawDocument

# A line on this many distinct pages of one site is template, not article (three pages
# rule out a phrase two related articles happen to share).
MIN_TEMPLATE_PAGES = 3

# Only short lines can be template: article sentences of syndicated copies recur too, and
# must survive. Twelve words covers captions, promos and navigation.
MAX_TEMPLATE_WORDS = 12

_SPACE = re.compile(r"\s+")


def line_key(line: str) -> str:
    """Return the key a line is counted under: its case- and space-folded text, hashed."""
    folded = _SPACE.sub(" ", line.strip().lower())
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=8).hexdigest()


def site_of(document: RawDocument) -> str:
    """Return the site a document comes from: its outlet, else its URL's host, else ''."""
    if document.outlet:
        return document.outlet.lower()
    if document.url:
        host = urlsplit(document.url).hostname or ""
        return host.removeprefix("www.")
    return ""


class TemplateLearner:
    """Counts, per site, the pages that carry each short line (hashes only: bounded memory)."""

    def __init__(self) -> None:
        self._pages: dict[str, Counter[str]] = defaultdict(Counter)
        self._seen: set[str] = set()
        self._templates: dict[str, frozenset[str]] = {}

    def add(self, document: RawDocument) -> None:
        """Count the short lines of one text document once each."""
        if document.text is None:
            return
        content = line_key(document.text)
        if content in self._seen:
            return  # the same page twice is one page
        self._seen.add(content)
        keys = {
            line_key(line)
            for line in document.text.split("\n")
            if line.strip() and len(line.split()) <= MAX_TEMPLATE_WORDS
        }
        self._pages[site_of(document)].update(keys)
        self._templates.pop(site_of(document), None)

    def template(self, document: RawDocument) -> frozenset[str]:
        """Return the keys of the template lines of a document's site."""
        site = site_of(document)
        if site not in self._templates:
            counts = self._pages.get(site, Counter())
            self._templates[site] = frozenset(
                key for key, pages in counts.items() if pages >= MIN_TEMPLATE_PAGES
            )
        return self._templates[site]
