"""HTML page → body text, title, dated provenance, site name and the boilerplate lines dropped.

trafilatura finds the body and htmldate (run by trafilatura with our parameters) the date; this
module adds what a timeline needs on top: where the date was read (``html-meta``, ``url`` or
``content``) and the words it was read from, a headline from the page's own metadata rather
than its first <h1>, a second, recall-oriented pass when the precise one finds no body, and
the page's visible lines that are not body (``removed_lines``).

Failure contract: ``extract_html`` raises ``HtmlExtractionError`` (a ValueError) for markup it
refuses to process (over MAX_HTML_CHARS, or no parseable document at all); the caller turns it
into an InputError. Markup nested deeper than the parser's limit (libxml2 stops at 256 levels)
is read as far as the limit allows, and a page with no readable body gives an HtmlPage with
empty ``text``, which the caller reports as an article without text.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

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

# A date on 1 January with no words saying so is how htmldate reports a bare year (a
# copyright line, a "2017" in a path): a year, not a publication day.
BARE_YEAR_DAY = (1, 1)

# The oldest news pages on the web; an earlier "publication" date is a birth date or a year.
MIN_YEAR = 1994

# <meta> names/properties that state when the article was first published, most specific
# first. Modification dates are left out on purpose: an update is not a publication.
META_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publishdate",
    "pubdate",
    "publication_date",
    "citation_publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
)

# <meta> names/properties that carry the headline as the site shares it (no " | Site" tail).
META_TITLE_KEYS = ("dc.title", "dcterms.title", "og:title", "twitter:title", "parsely-title")

# A <title> cut at its last separator must keep at least this many words to be a headline;
# "Code | Nicolas" is a section name, not a title.
MIN_HEADLINE_WORDS = 3

META_SITE_KEYS = ("og:site_name", "application-name", "publisher")

# Separators between a headline and the site name in <title>: "Headline | Site", "Headline -
# Site", "Headline — Site", "Headline » Site".
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—»·:]\s+")

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

_ISO_DAY = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.]?(0[1-9]|1[0-2])[-/.]?(0[1-9]|[12]\d|3[01])")
_URL_DAY = re.compile(
    r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:[/-]|\.html?|$)"
)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_SPACES = re.compile(r"\s+")

# Our input is already decoded; the parser must read the bytes we give it as UTF-8, whatever
# the page's <meta charset> says (lxml would otherwise fall back to latin-1 and garble it).
_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)

# Wrappers that XHTML pages and old CMSes put around a script's JSON.
_CDATA = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")

# JSON-LD types that describe the article itself (not the site, a video or a breadcrumb).
_ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report|Posting", re.IGNORECASE)


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


def extract_html(html: str, url: str | None) -> HtmlPage:
    """Return the body, title, dated provenance and boilerplate of an HTML page.

    Raises HtmlExtractionError for markup over MAX_HTML_CHARS or with no document in it.
    """
    if len(html) > MAX_HTML_CHARS:
        raise HtmlExtractionError(f"page too large ({len(html):,} characters)")
    tree = _parse(html)
    if tree is None:
        return HtmlPage(text="", url=url)
    meta = _meta(tree)
    page_url = _canonical(tree, meta) or url
    document = _body(html, page_url)
    text = _paragraphs(document.text if document is not None else None)
    published, source, evidence = _published(tree, meta, page_url, html, document)
    site_name = _first(meta, META_SITE_KEYS) or (document.sitename if document else None)
    return HtmlPage(
        text=text,
        title=_title(tree, meta, document.title if document else None),
        published=published,
        published_source=source,
        published_evidence=evidence,
        site_name=_squash(site_name) or outlet_from_url(page_url),
        url=page_url,
        lang=_lang(tree, meta),
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
    lines = (_squash(line) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _meta(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """Return the page's <meta> values by lowercased name/property/itemprop (first one wins)."""
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if not content or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            for key in (element.get(attribute) or "").lower().split():
                values.setdefault(key, content.strip())
    return values


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    """Return the value of the first of the given meta keys the page has."""
    return next((meta[key] for key in keys if meta.get(key)), None)


def _canonical(tree: lxml.html.HtmlElement, meta: dict[str, str]) -> str | None:
    """Return the page's stated address (<link rel=canonical>, else og:url) if absolute."""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = (link.get("href") or "").strip()
            if href.startswith(("http://", "https://")):
                return href
    og_url = meta.get("og:url", "")
    return og_url if og_url.startswith(("http://", "https://")) else None


def _lang(tree: lxml.html.HtmlElement, meta: dict[str, str]) -> str | None:
    """Return the language the page declares (<html lang>, else Content-Language), if any."""
    declared = tree.get("lang") or tree.get("xml:lang") or meta.get("content-language") or ""
    primary = re.split(r"[-_,;\s]", declared.strip(), maxsplit=1)[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def _json_ld(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Yield every JSON-LD object of the page, nested @graph members included."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(_CDATA.sub("", script.text))
        except (json.JSONDecodeError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                stack.extend(v for k, v in item.items() if k == "@graph")


def _title(tree: lxml.html.HtmlElement, meta: dict[str, str], found: str | None) -> str | None:
    """Return the headline: JSON-LD, then sharing metadata, then <title> without the site name.

    trafilatura prefers the first <h1>, which on many pages is the site's logo or a section
    name ("Allergies Health Center"); the page's metadata names the article itself.
    """
    element = tree.find(".//title")
    title = _squash(element.text_content()) if element is not None else ""
    for item in _articles(tree):
        name, headline = (_squash(str(item.get(key) or "")) for key in ("name", "headline"))
        if name and headline and name != headline:
            # Some sites put their own name in "name" (aktualne.cz), others a type label in
            # "headline" (Wikipedia): keep the one closer to the <title>.
            # On a tie the longer one is the headline; the other is a site or type name.
            ranked = sorted((name, headline), key=lambda text: (_overlap(text, title), len(text)))
            return ranked[-1]
        if name or headline:
            return name or headline
    stated = _first(meta, META_TITLE_KEYS)
    if stated:
        return _squash(stated)
    if title and _TITLE_SEPARATOR.search(title):
        # "Headline | Site" or "Headline - Section - Site": drop the last part when what
        # remains is still a headline (MIN_HEADLINE_WORDS), as readers (Readability) do.
        *_, last = _TITLE_SEPARATOR.finditer(title)
        if len(title[: last.start()].split()) >= MIN_HEADLINE_WORDS:
            title = _squash(title[: last.start()])
    return title or _squash(found) or None


def _articles(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Yield the JSON-LD objects that describe an article."""
    for item in _json_ld(tree):
        if _ARTICLE_TYPES.search(str(item.get("@type"))):
            yield item


def _overlap(candidate: str, title: str) -> float:
    """Return the share of a candidate's words that the <title> also has."""
    words = set(candidate.lower().split())
    return len(words & set(title.lower().split())) / len(words) if words else 0.0


def _published(
    tree: lxml.html.HtmlElement, meta: dict[str, str], url: str | None, html: str, document: Any
) -> tuple[str | None, str | None, str | None]:
    """Return (day, source, evidence) of the publication date, strongest evidence first.

    The page's metadata states the date outright (html-meta); a date path in the URL is the
    CMS's record of it (url); htmldate's reading of the markup is kept only when the day is
    written somewhere in the page (content), so that a guess never passes for evidence.
    """
    structured = list(_json_ld(tree))
    articles = [item for item in structured if _ARTICLE_TYPES.search(str(item.get("@type")))]
    for item in articles:  # the article's own structured data is the most specific
        day = _day(str(item.get("datePublished") or ""))
        if day:
            return day, "html-meta", str(item["datePublished"])
    for key in META_DATE_KEYS:
        day = _day(meta.get(key))
        if day:
            return day, "html-meta", meta[key]
    for item in structured:
        day = _day(str(item.get("datePublished") or ""))
        if day:
            return day, "html-meta", str(item["datePublished"])
    for element in tree.xpath("//*[@itemprop='datePublished' or @pubdate]"):
        value = element.get("datetime") or element.get("content") or ""
        day = _day(value)
        if day:
            return day, "html-meta", value
    match = _URL_DAY.search(url or "")
    day = _valid(*match.groups()) if match else None
    if match and day:
        return day, "url", match.group(0).strip("/")
    found = document.date if document is not None else None
    if found and _valid(*found.split("-")) and (int(found[5:7]), int(found[8:10])) != BARE_YEAR_DAY:
        evidence = _written(found, html)
        if evidence:
            return found, "content", evidence
    return None, None, None


def _day(value: str | None) -> str | None:
    """Return the calendar day an ISO, compact or RFC 822 timestamp states, as written."""
    if not value:
        return None
    match = _ISO_DAY.search(value)
    if match:
        return _valid(*match.groups())
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return _valid(str(parsed.year), str(parsed.month), str(parsed.day))


def _valid(year: str, month: str, day: str) -> str | None:
    """Return YYYY-MM-DD for a real day between MIN_YEAR and tomorrow, else None."""
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    if date.year < MIN_YEAR or date > dt.date.today() + dt.timedelta(days=1):
        return None
    return date.isoformat()


def _written(day: str, html: str) -> str | None:
    """Return the words in the page that state the given day (several spellings), if any."""
    date = dt.date.fromisoformat(day)
    month = _MONTHS[date.month - 1]
    spellings = [
        rf"{month[:3]}\w*\.?\s+{date.day}(?:st|nd|rd|th)?,?\s+{date.year}",
        rf"{date.day}(?:st|nd|rd|th)?\.?\s+{month[:3]}\w*\.?,?\s+{date.year}",
        rf"{date.year}[-/.]0?{date.month}[-/.]0?{date.day}(?!\d)",
        rf"(?<!\d)0?{date.day}[-/.]0?{date.month}[-/.]{date.year}",
        rf"(?<!\d)0?{date.month}/0?{date.day}/{date.year}",
        rf"{date.year}年0?{date.month}月0?{date.day}日",
    ]
    for spelling in spellings:
        match = re.search(spelling, html, re.IGNORECASE)
        if match:
            return match.group(0)
    return None


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
    return [squashed for line in lines if (squashed := _squash(line))]


def _removed_lines(tree: lxml.html.HtmlElement, text: str) -> list[str]:
    """Return the page's visible lines that are not part of the body, in page order (capped)."""
    body = _squash(text)
    removed: list[str] = []
    for line in _visible_lines(tree):
        if line not in body:
            removed.append(line)
            if len(removed) >= MAX_REMOVED_LINES:
                break
    return removed


def _squash(text: str | None) -> str:
    """Return text with runs of whitespace folded to one space and the ends stripped."""
    return _SPACES.sub(" ", text).strip() if text else ""
