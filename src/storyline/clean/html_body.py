"""HTML page → the article body: two readings of the page combined, news furniture removed.

trafilatura reads the body precisely; readability (trafilatura's bundled readability-lxml)
reads it by paragraph density and keeps blocks trafilatura drops (subheads, lists, tables,
short paragraphs). When readability's reading holds nearly all of trafilatura's and more, it is
the same article read more completely, and it is kept (``combine``). An editor then removes
what is not the story from either reading (``remove_furniture``): the headline repeated as the
first line, date and byline lines above the text, share/comment/subscribe labels, ``Read
more:`` teasers and the related-stories list that ends many pages.

Every threshold here was chosen by cross-validation on html-readability, grouped by page (each
page is its own site): ``storyline bench html`` re-runs that choice and reports the held-out
figure beside the tuned one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.readability_lxml import Document as ReadabilityDocument

from storyline.clean.boilerplate import TAIL_MARKER, WIDGET_LABEL, LineKind, kind_of

# Shingle size of the public article-extraction benchmarks (ScrapingHub, Bevendorff et al.):
# two readings are compared, and bodies scored, by their sets of word 4-grams.
SHINGLE_WORDS = 4

# readability's reading replaces trafilatura's when it holds at least this share of
# trafilatura's shingles (the same article, not a sidebar or comment thread it preferred)...
SECOND_READING_COVERAGE = 0.85
# ...and has at least this many times as many shingles (it read more of that article).
# Both chosen by 5-fold cross-validation on html-readability among coverages {0.8, 0.85, 0.9,
# 0.95, 0.98, never} and growths {1.0, 1.05, 1.2} (``storyline bench html`` re-runs it).
SECOND_READING_GROWTH = 1.0

# readability gives up on blocks shorter than this many characters when scoring paragraphs
# (trafilatura's own setting for its fallback).
READABILITY_MIN_TEXT = 25

# The header: lines above the first prose line, at most this many, where a page puts its
# headline, standfirst, byline and dateline.
HEADER_MAX_LINES = 6
# A prose line: at least this many words (a byline or dateline is shorter).
PROSE_MIN_WORDS = 15
# A byline or dateline has at most this many words ("By Jane Doe and John Roe | May 2, 2024").
BYLINE_MAX_WORDS = 12
# A line is the headline when it and the page's title agree on their first words, and the
# shorter of the two has at least this many (a one-word "Foo" heading is not matched).
HEADLINE_MIN_WORDS = 3

# Byline openers in the languages of the pages we read ("By", "Por", "Par", "Von", "Di").
_BYLINE = re.compile(
    r"^(?:by|por|par|von|di|door|av|af|posted\s+(?:on|by)|published|updated|written\s+by)\b",
    re.IGNORECASE,
)
_MONTH_NAMES = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A date or a time as bylines and datelines write them: "24 July 2015", "April 21, 2015",
# "08.04.2015 12:46", "2017-03-10 09:58".
_DATE_OR_TIME = re.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTH_NAMES},?\s+\d{{4}}|{_MONTH_NAMES}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2})\b",
    re.IGNORECASE,
)
# Furniture labels, "Read more:" teasers and the heading of a related-stories list are the
# text-dump cleaner's line shapes (``boilerplate.WIDGET_LABEL``, ``LineKind.INLINE_TEASER``,
# ``boilerplate.TAIL_MARKER``): one vocabulary for both readers. A related-stories heading and
# every line after it are dropped when it sits in the last RELATED_TAIL_SHARE of the words.
RELATED_TAIL_SHARE = 0.4

_WORD = re.compile(r"\w+")
_BULLET = re.compile(r"^[\s\-–—•*|]+")

# Block elements: each starts a new line of text.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
        "title",
        "option",
    ]
)


@dataclass
class Readings:
    """Two readings of one page: trafilatura's document (text and metadata), readability's text."""

    document: Any  # trafilatura's Document, or None when it found nothing
    second: str  # readability's text, one line per block; "" when it found nothing


# The kinds of furniture remove_furniture knows, each its own rule (the benchmark reports the
# held-out figure without each): the headline repeated above the text, byline and dateline
# lines, one-line labels, "Read more:" teasers and the related-stories tail.
FURNITURE = frozenset({"headline", "byline", "labels", "teasers", "related"})


@dataclass(frozen=True)
class BodyRule:
    """The settings that turn two readings into a body (cross-validated in the benchmark)."""

    coverage: float = SECOND_READING_COVERAGE
    growth: float = SECOND_READING_GROWTH
    furniture: frozenset[str] = FURNITURE


def shingles(text: str) -> set[tuple[str, ...]]:
    """Return the set of lowercased word 4-grams of a text (its words, for shorter texts)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def read(html: str, settings: dict[str, Any], tree: lxml.html.HtmlElement | None) -> Readings:
    """Return trafilatura's (no fallback) and readability's readings of a page.

    ``tree`` is a fresh parse of the page that readability may consume (it mutates it).
    """
    try:
        document: Any = trafilatura.bare_extraction(html, fast=True, **settings)
    except (RecursionError, lxml.etree.LxmlError, ValueError):
        document = None
    second = ""
    if tree is not None:
        try:
            summary = ReadabilityDocument(tree, min_text_length=READABILITY_MIN_TEXT).summary()
            second = "\n".join(block_lines(lxml.html.fromstring(summary)))
        except (RecursionError, lxml.etree.LxmlError, ValueError, TypeError):
            second = ""
    return Readings(document, second)


def combine(first: str, second: str, rule: BodyRule) -> str:
    """Return the second reading when it holds the first (``rule``) and more, else the first."""
    if not second:
        return first
    ours, theirs = shingles(first), shingles(second)
    if not ours:
        return second
    held = len(ours & theirs) / len(ours)
    return second if held >= rule.coverage and len(theirs) >= rule.growth * len(ours) else first


def remove_furniture(
    lines: list[str], headline: str | None, kinds: frozenset[str] = FURNITURE
) -> list[str]:
    """Return the body lines without the furniture ``kinds`` found in them (all by default)."""
    header = _header_size(lines)
    kept: list[str] = []
    for index, line in enumerate(lines):
        bare = _BULLET.sub("", line)
        if index < header and (
            ("headline" in kinds and _is_headline(bare, headline))
            or ("byline" in kinds and _is_byline(bare))
        ):
            continue
        if ("labels" in kinds and WIDGET_LABEL.match(bare)) or (
            "teasers" in kinds and kind_of(bare) is LineKind.INLINE_TEASER
        ):
            continue
        kept.append(line)
    return _cut_related_tail(kept) if "related" in kinds else kept


def _header_size(lines: list[str]) -> int:
    """Return how many lines sit above the first prose line (at most HEADER_MAX_LINES)."""
    for index, line in enumerate(lines[:HEADER_MAX_LINES]):
        if len(line.split()) >= PROSE_MIN_WORDS:
            return index
    return min(len(lines), HEADER_MAX_LINES)


def _is_headline(line: str, headline: str | None) -> bool:
    """Return True when a line and the headline agree word for word up to the shorter one."""
    ours, theirs = _WORD.findall(line.lower()), _WORD.findall((headline or "").lower())
    shorter = min(len(ours), len(theirs))
    if not shorter:
        return False
    if ours == theirs:
        return True
    return shorter >= HEADLINE_MIN_WORDS and ours[:shorter] == theirs[:shorter]


def _is_byline(line: str) -> bool:
    """Return True for a short line that names the author or states when it was published."""
    if len(line.split()) > BYLINE_MAX_WORDS:
        return False
    return bool(_BYLINE.match(line) or _DATE_OR_TIME.search(line))


def _cut_related_tail(lines: list[str]) -> list[str]:
    """Return the lines before a related-stories label that opens the body's last part."""
    total = sum(len(line.split()) for line in lines)
    seen = 0
    for index, line in enumerate(lines):
        if seen >= (1 - RELATED_TAIL_SHARE) * total and TAIL_MARKER.match(_BULLET.sub("", line)):
            return lines[:index]
        seen += len(line.split())
    return lines


def block_lines(root: lxml.html.HtmlElement, skip: Iterable[str] = ()) -> list[str]:
    """Return an element's text, one line per block element, whitespace folded, blanks dropped."""
    lines: list[str] = []
    current: list[str] = []
    skipped = frozenset(skip)
    # iterwalk is iterative (no recursion), so deeply nested pages cannot overflow the stack.
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in skipped:
            continue
        if tag in BLOCK_TAGS:
            lines.append(" ".join(current))
            current = []
        if event == "start" and tag and element.text:
            current.append(element.text)
        elif event == "end" and element is not root and element.tail:
            current.append(element.tail)
    lines.append(" ".join(current))
    return [folded for line in lines if (folded := " ".join(line.split()))]
