"""Clean: a raw document → an Article with body, title, outlet, dated provenance and credits.

``clean`` is the stage's one entry point. Text dumps go through the line segmenter
(``boilerplate``); HTML, feed items and WARC responses through the HTML extractor (``html``).
Both paths then share the date weighing, credited sources, outlet and language steps.
"""

from __future__ import annotations

from storyline.clean.boilerplate import LineKind, kind_of
from storyline.clean.dates import (
    UNKNOWN,
    PublicationDate,
    byline_date,
    contradicted_by,
    split_prefix,
    stated_date,
)
from storyline.clean.dump import segment
from storyline.clean.language import detect_language
from storyline.clean.line_model import LineModel
from storyline.clean.sources import credited_sources, outlet_from_footer
from storyline.errors import InputError
from storyline.model import Article, RawDocument, content_id

# Paragraphs of the clean body are separated by exactly one blank line (the contract's shape).
PARAGRAPH_SEPARATOR = "\n\n"


def article_id(raw: RawDocument) -> str:
    """Return the stable id of an input document: a hash of its content, whitespace-folded."""
    return content_id(" ".join(raw.content.split()), prefix="a")


def clean(
    raw: RawDocument,
    template: frozenset[str] = frozenset(),
    line_model: LineModel | None = None,
) -> Article:
    """Return the clean Article of a raw document; raises InputError when no body remains.

    ``template`` holds the keys of the lines the document's site repeats on many pages
    (``templates.TemplateLearner``); ``line_model`` replaces the packaged line model (the
    benchmark's per-fold models).
    """
    article = _clean_text(raw, template, line_model) if raw.text is not None else _clean_markup(raw)
    if not article.text.strip():
        raise InputError(raw.source, "no article text left after removing boilerplate")
    article.attributed_to = [
        name
        for name in credited_sources(article.text, article.removed_lines)
        if name != article.outlet  # an outlet citing its own reporting credits no one
    ]
    article.language = detect_language(article.text)
    return article


def _clean_text(
    raw: RawDocument, template: frozenset[str], line_model: LineModel | None
) -> Article:
    """Return the Article of a plain-text dump."""
    lines = (raw.text or "").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    original_first = lines[first]
    lines[first], prefix_date = split_prefix(original_first)
    # A prefixed first line is body (the crawler glued its date to the first sentence) unless
    # it is shaped like a headline: then the crawler glued its date to the headline.
    prefixed = lines[first] != original_first
    parts = segment(
        lines,
        title_allowed=not prefixed or kind_of(lines[first]) is LineKind.HEADLINE,
        template=template,
        model=line_model,
    )
    body = PARAGRAPH_SEPARATOR.join(parts.body)
    # Where the page shows a headline, its byline stands by it; the header's other dates are
    # the site's (the day's date over the menus). Without one, the header is all there is.
    zone = parts.byline_zone if parts.title else (parts.byline_zone or parts.header)
    published = _weigh([prefix_date, byline_date(zone), stated_date(raw.published)], body)
    return Article(
        id=article_id(raw),
        source=raw.source,
        url=raw.url,
        outlet=raw.outlet or outlet_from_footer(parts.removed),
        title=raw.title or parts.title,
        published=published.value,
        published_source=published.source,
        published_evidence=published.evidence,
        text=body,
        removed_lines=parts.removed,
    )


def _clean_markup(raw: RawDocument) -> Article:
    """Return the Article of an HTML page, feed item or WARC response."""
    from storyline.clean.html import HtmlExtractionError, extract_html
    from storyline.clean.outlet import outlet_from_url

    try:
        page = extract_html(raw.html or "", raw.url)
    except HtmlExtractionError as error:
        raise InputError(raw.source, str(error)) from None
    url = raw.url or page.url
    page_date = (
        PublicationDate(page.published, page.published_source, page.published_evidence)
        if page.published
        else None
    )
    published = _weigh([stated_date(raw.published), page_date], page.text)
    return Article(
        id=article_id(raw),
        source=raw.source,
        url=url,
        outlet=raw.outlet or page.site_name or outlet_from_url(url),
        title=raw.title or page.title,
        published=published.value,
        published_source=published.source,
        published_evidence=published.evidence,
        text=page.text,
        removed_lines=page.removed_lines,
    )


def _weigh(candidates: list[PublicationDate | None], body: str) -> PublicationDate:
    """Return the strongest candidate date that the body does not contradict, else unknown."""
    for candidate in candidates:
        if candidate is None or candidate.value is None:
            continue
        if contradicted_by(candidate.value, body) is None:
            return candidate
    return UNKNOWN
