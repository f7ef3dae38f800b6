"""HTML page → body text, title, dated provenance, site name and the boilerplate lines dropped.

trafilatura finds the body and htmldate (run by trafilatura with our parameters) the date; this
module adds what a timeline needs on top: a second, recall-oriented pass when the precise one
finds no body, and the page's visible lines that are not body (``removed_lines``). What the
page says about itself (headline, publication day with its provenance, canonical address,
language, site name) is read by ``storyline.clean.html_meta``.

Failure contract: ``extract_html`` raises ``HtmlExtractionError`` (a ValueError) for markup it
refuses to process (over MAX_HTML_CHARS, or no parseable document at all); the caller turns it
into an InputError. Markup nested deeper than the parser's limit (libxml2 stops at 256 levels)
is read as far as the limit allows, and a page with no readable body gives an HtmlPage with
empty ``text``, which the caller reports as an article without text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from storyline.clean import html_meta
from storyline.clean.html_meta import squash
from storyline.clean.outlet import outlet_from_url

# trafilatura needs ~3.5 s per MB of markup; a 50 MB page would block a worker for minutes.
# Real article pages are under 2 MB; the readers cap a document at 10 MB before we get here.
MAX_HTML_CHARS = 10_000_000

# Below this many characters the precise pass "found nothing": retry with favor_recall, which
# keeps more borderline blocks. Measured on html-readability: pages where the precise pass
# gives <250 chars are short-bodied pages (tests, notes) whose gold body is what recall finds.
MIN_BODY_CHARS = 250

# htmldate's extensive search also reads free text (copyright lines, teasers, "today"); we
# only want its markup-based reading, since content dates are weighed by the caller.
HTMLDATE_PARAMS: dict[str, Any] = {
    "extensive_search": False,
    "original_date": True,
    "outputformat": "%Y-%m-%d",
}

# Block elements: each starts a new visible line.
_BLOCK_TAGS = frozenset(
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

    Raises HtmlExtractionError for markup over MAX_HTML_CHARS or with no document in it.
    """
    if len(html) > MAX_HTML_CHARS:
        raise HtmlExtractionError(f"page too large ({len(html):,} characters)")
    if not _WHOLE_PAGE.search(html[:PAGE_SNIFF_CHARS]):
        # A fragment (a feed item's content, an extractor's output): trafilatura finds no body
        # in markup without <html>/<body>, so give it one.
        html = f"<html><body>{html}</body></html>"
    tree = _parse(html)
    if tree is None:
        return HtmlPage(text="", url=url)
    meta = html_meta.meta_tags(tree)
    page_url = html_meta.canonical(tree, meta) or url
    document = _body(html, page_url)
    text = _paragraphs(document.text if document is not None else None)
    published, source, evidence = html_meta.published(tree, meta, page_url, html, document)
    site_name = html_meta.first(meta, html_meta.META_SITE_KEYS) or (
        document.sitename if document else None
    )
    return HtmlPage(
        text=text,
        title=html_meta.title(tree, meta, document.title if document else None),
        published=published,
        published_source=source,
        published_evidence=evidence,
        site_name=squash(site_name) or outlet_from_url(page_url),
        url=page_url,
        lang=html_meta.lang(tree, meta),
        removed_lines=_removed_lines(tree, text),
    )


def _parse(html: str) -> lxml.html.HtmlElement | None:
    """Return the parsed page, None for markup without any element; raise for unparseable."""
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=_PARSER)
    except lxml.etree.ParserError:
        return None  # "Document is empty": text without any tag
    except (lxml.etree.LxmlError, ValueError, RecursionError) as error:
        raise HtmlExtractionError(f"unparseable HTML ({error})") from None


def _body(html: str, url: str | None) -> Any:
    """Return trafilatura's document (body + metadata), re-run for recall when it is too short."""
    settings: dict[str, Any] = {
        "url": url,
        "with_metadata": True,
        "include_comments": False,
        "include_tables": True,
        "date_extraction_params": HTMLDATE_PARAMS,
    }
    try:
        document: Any = trafilatura.bare_extraction(html, **settings)
        if document is None or len(document.text or "") < MIN_BODY_CHARS:
            recall: Any = trafilatura.bare_extraction(html, favor_recall=True, **settings)
            found = (document.text if document is not None else None) or ""
            if recall is not None and len(recall.text or "") > len(found):
                document = recall
    except (RecursionError, lxml.etree.LxmlError, ValueError):
        return None
    return document


def _paragraphs(text: str | None) -> str:
    """Return trafilatura's one-line-per-block text with blocks separated by one blank line."""
    if not text:
        return ""
    lines = (squash(line) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


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
    lines: list[str] = []
    current: list[str] = []
    # iterwalk is iterative (no recursion), so deeply nested pages cannot overflow the stack.
    for event, element in lxml.etree.iterwalk(body, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BLOCK_TAGS:
            lines.append(" ".join(current))
            current = []
        if event == "start" and tag and element.text:
            current.append(element.text)
        elif event == "end" and element is not body and element.tail:
            current.append(element.tail)
    lines.append(" ".join(current))
    return [squashed for line in lines if (squashed := squash(line))]


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
