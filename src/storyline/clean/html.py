"""HTML page → body text, title, dated provenance, site name and the boilerplate lines dropped.

trafilatura and readability read the body and ``storyline.clean.html_body`` combines their
readings and removes news furniture; htmldate (run by trafilatura with our parameters) reads
the date. This module runs them, re-runs trafilatura for recall when it finds no body, and
lists the page's visible lines that are not body (``removed_lines``). What the page says about
itself (headline, publication day with its provenance, canonical address, language, site name)
is read by ``storyline.clean.html_meta``.

Failure contract: ``extract_html`` raises ``HtmlExtractionError`` (a ValueError) for markup it
refuses to process (over MAX_HTML_CHARS or MAX_HTML_ELEMENTS, or no parseable document at all);
the caller turns it into an InputError. Markup nested deeper than the parser's limit (libxml2
stops at 256 levels) is read as far as the limit allows, and a page with no readable body gives
an HtmlPage with empty ``text``, which the caller reports as an article without text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import htmldate
import lxml.etree
import lxml.html
import trafilatura

from storyline.clean import html_body, html_meta
from storyline.clean.html_meta import squash
from storyline.clean.outlet import outlet_from_url

# trafilatura needs ~3.5 s per MB of markup; a 50 MB page would block a worker for minutes.
# Real article pages are under 2 MB; the readers cap a document at 10 MB before we get here.
MAX_HTML_CHARS = 10_000_000
# trafilatura's and readability's passes grow faster than the element count (measured: 10,000
# <p> 2.4 s, 40,000 7 s, 160,000 32 s, 1,000,000 over 5 minutes). The largest page of
# html-readability has 9,892 elements; five times that is still an article page.
MAX_HTML_ELEMENTS = 50_000
_ELEMENT = re.compile(r"<[A-Za-z]")

# Below this many characters the precise pass "found nothing": retry with favor_recall, which
# keeps more borderline blocks. Measured on html-readability: pages where the precise pass
# gives <250 chars are short-bodied pages (tests, notes) whose gold body is what recall finds.
MIN_BODY_CHARS = 250

# htmldate's reading of the markup, which trafilatura runs for its metadata: the quick one (its
# date is not used; html_meta reads the page's metadata itself).
HTMLDATE_PARAMS: dict[str, Any] = {
    "extensive_search": False,
    "original_date": True,
    "outputformat": "%Y-%m-%d",
}
# htmldate's extensive search also reads the page's free text and comments ("Posted August 06,
# 2019", "<!-- 2019-08-06 -->"). html_meta asks for it only when the page's metadata and URL
# state no date (it can take a second on a page where it falls back to dateparser), so that
# the publication day is never worse than htmldate's alone.
HTMLDATE_SEARCH_PARAMS: dict[str, Any] = {**HTMLDATE_PARAMS, "extensive_search": True}

_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "head")

# removed_lines keeps the first lines only: enough to audit the cut on any real page.
MAX_REMOVED_LINES = 300

# Our input is already decoded; the parser must read the bytes we give it as UTF-8, whatever
# the page's <meta charset> says (lxml would otherwise fall back to latin-1 and garble it).
_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)


class HtmlExtractionError(ValueError):
    """Markup that extract_html refuses to process: too large, or no HTML document at all."""


@dataclass
class HtmlPage:
    """What an HTML page says: its body text and the metadata it carries about itself."""

    text: str  # main body; paragraphs separated by exactly one blank line; "" when none
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_source: str | None = None  # html-meta | url | content
    published_evidence: str | None = None  # the attribute value or words the date came from
    site_name: str | None = None  # the site's own name, else the URL's registered domain
    url: str | None = None  # canonical URL if the page states one, else the given URL
    lang: str | None = None  # declared language, primary subtag lowercased ("en")
    removed_lines: list[str] = field(default_factory=list)


# Markup that is a whole page opens with <html> or <body> within its first characters (after
# a doctype, comments and <head>); anything else is a fragment.
PAGE_SNIFF_CHARS = 100_000
_WHOLE_PAGE = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)


def extract_html(html: str, url: str | None) -> HtmlPage:
    """Return the body, title, dated provenance and boilerplate of an HTML page.

    Raises HtmlExtractionError for markup over MAX_HTML_CHARS or MAX_HTML_ELEMENTS, or with
    no document in it.
    """
    if len(html) > MAX_HTML_CHARS:
        raise HtmlExtractionError(f"page too large ({len(html):,} characters)")
    elements = sum(1 for _ in _ELEMENT.finditer(html))
    if elements > MAX_HTML_ELEMENTS:
        raise HtmlExtractionError(
            f"page has too many elements to extract ({elements:,}; at most {MAX_HTML_ELEMENTS:,})"
        )
    if not _WHOLE_PAGE.search(html[:PAGE_SNIFF_CHARS]):
        # A fragment (a feed item's content, an extractor's output): trafilatura finds no body
        # in markup without <html>/<body>, so give it one.
        html = f"<html><body>{html}</body></html>"
    tree = parse_page(html)
    if tree is None:
        return HtmlPage(text="", url=url)
    meta = html_meta.meta_tags(tree)
    page_url = html_meta.canonical(tree, meta) or url
    readings = page_readings(html, page_url)
    document = readings.document
    headline = html_meta.title(tree, meta, document.title if document else None)
    text = body_text(readings, headline, html_body.BodyRule())
    published, source, evidence = html_meta.published(
        tree, meta, page_url, html, lambda: _searched_date(html, page_url)
    )
    site_name = html_meta.first(meta, html_meta.META_SITE_KEYS) or (
        document.sitename if document else None
    )
    return HtmlPage(
        text=text,
        title=headline,
        published=published,
        published_source=source,
        published_evidence=evidence,
        site_name=squash(site_name) or outlet_from_url(page_url),
        url=page_url,
        lang=html_meta.lang(tree, meta),
        removed_lines=_removed_lines(tree, text),
    )


def parse_page(html: str) -> lxml.html.HtmlElement | None:
    """Return the parsed page, None for markup without any element; raise for unparseable."""
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=_PARSER)
    except lxml.etree.ParserError:
        return None  # "Document is empty": text without any tag
    except (lxml.etree.LxmlError, ValueError, RecursionError) as error:
        raise HtmlExtractionError(f"unparseable HTML ({error})") from None


def page_readings(html: str, url: str | None) -> html_body.Readings:
    """Return trafilatura's and readability's readings, trafilatura's re-run for recall if short."""
    settings: dict[str, Any] = {
        "url": url,
        "with_metadata": True,
        "include_comments": False,
        "include_tables": True,
        "date_extraction_params": HTMLDATE_PARAMS,
    }
    readings = html_body.read(html, settings, parse_page(html))  # readability consumes its tree
    found = (readings.document.text if readings.document is not None else None) or ""
    if len(found) < MIN_BODY_CHARS and len(squash(found)) < _text_chars(html):
        try:
            recall: Any = trafilatura.bare_extraction(html, favor_recall=True, **settings)
        except (RecursionError, lxml.etree.LxmlError, ValueError):
            recall = None
        if recall is not None and len(recall.text or "") > len(found):
            readings.document = recall
    return readings


def _text_chars(html: str) -> int:
    """Return how many characters of text the markup holds, whitespace folded.

    The recall pass cannot read more text than the page holds: when the precise pass already
    has all of it (a feed item's one-paragraph summary), the second pass is skipped. It was
    half of the cleaning time of a short feed item.
    """
    tree = parse_page(html)
    return len(squash(tree.text_content())) if tree is not None else 0


def _searched_date(html: str, url: str | None) -> str | None:
    """Return the day htmldate's extensive search finds in the page, if any."""
    try:
        return htmldate.find_date(html, url=url, **HTMLDATE_SEARCH_PARAMS)
    except (RecursionError, lxml.etree.LxmlError, ValueError):
        return None


def body_text(readings: html_body.Readings, headline: str | None, rule: html_body.BodyRule) -> str:
    """Return a page's body from its readings: combined, furniture removed, one blank line apart."""
    first = (readings.document.text if readings.document is not None else None) or ""
    chosen = html_body.combine(first, readings.second, rule)
    lines = [folded for line in chosen.splitlines() if (folded := squash(line))]
    lines = html_body.remove_furniture(lines, headline, rule.furniture)
    return "\n\n".join(lines)


def _visible_lines(tree: lxml.html.HtmlElement) -> list[str]:
    """Return the page's visible text, one line per block element, blank lines dropped.

    Drops invisible elements from the tree (it is not used after this step).
    """
    body = tree.find("body")
    if body is None:
        return []
    for element in list(body.iter(*_INVISIBLE_TAGS)):
        element.drop_tree()  # keeps the tail, which is visible
    for element in body.xpath(".//*[@hidden or @aria-hidden='true']"):
        element.drop_tree()
    return html_body.block_lines(body)


def _removed_lines(tree: lxml.html.HtmlElement, text: str) -> list[str]:
    """Return the page's visible lines that are not part of the body, in page order (capped)."""
    body = squash(text)
    removed: list[str] = []
    for line in _visible_lines(tree):
        if line not in body:
            removed.append(line)
            if len(removed) >= MAX_REMOVED_LINES:
                break
    return removed
