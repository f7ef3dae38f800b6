"""HTML page → what it says about itself: headline, publication day, address, language, site.

The page's own metadata (<meta> tags, JSON-LD, <link rel=canonical>, <html lang>) names the
article more reliably than its layout: a <title> carries the site's name, the first <h1> is
often a logo. Publication dates are weighed strongest evidence first, and each comes with where
it was read (``html-meta``, ``url`` or ``content``) and the words it was read from, so that a
guess never passes for evidence. ``storyline.clean.html`` calls these on the parsed page.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import lxml.html

# A 1 January date found only by htmldate's content search is how it reports a bare year (a
# copyright line, a "2017" in a path): a year, not a publication day. Rejected unless the page
# writes that day out in full ("1 January 2017", "2017-01-01").
BARE_YEAR_DAY = (1, 1)

# Page regions that date other articles (related lists, menus, the site footer): a day written
# only there is a teaser's, not the article's, whatever htmldate's search makes of it.
TEASER_REGIONS = frozenset({"aside", "nav", "footer"})

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

# Of those, the keys that say "a date" of the page, not its publication: their day is checked
# against htmldate's extensive search, which wins when it reads another day.
GENERIC_DATE_KEYS = frozenset({"dc.date", "dcterms.date", "date"})

# <meta> names/properties that carry the headline as the site shares it (no " | Site" tail).
META_TITLE_KEYS = ("dc.title", "dcterms.title", "og:title", "twitter:title", "parsely-title")

# A <title> cut at its last separator must keep at least this many words to be a headline;
# "Code | Nicolas" is a section name, not a title.
MIN_HEADLINE_WORDS = 3

# <meta> names/properties that carry the site's own name ("The Daily Ledger"), not its domain.
META_SITE_KEYS = ("og:site_name", "application-name", "publisher")

# Separators between a headline and the site name in <title>: "Headline | Site", "Headline -
# Site", "Headline — Site", "Headline » Site".
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—»·:]\s+")

# A day in an attribute value: ISO ("2022-03-07T21:30"), slashed or compact ("20220307").
_ISO_DAY = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.]?(0[1-9]|1[0-2])[-/.]?(0[1-9]|[12]\d|3[01])")
# A CMS date path in the URL ("/2022/03/08/slug", "/2022-03-08.html"): the day it filed the
# article. Year/month alone ("/2022/03/") is an archive folder, not a day.
_URL_DAY = re.compile(
    r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:[/-]|\.html?|$)"
)
# Month names by month number in the languages of the pages we read (English, French,
# Spanish, Portuguese, Italian, German, Dutch, Czech, Polish and Romanian as dates write
# them, Turkish, Indonesian, the Scandinavian languages): "6 août 2019", "6 de agosto de
# 2019", "6. August 2019", "6 sierpnia 2019". Spellings are matched on their first letters,
# so "Aug." and "sept." match.
MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("january", "janvier", "enero", "janeiro", "gennaio", "januar", "januari", "ledna",
     "stycznia", "ianuarie", "ocak"),
    ("february", "février", "febrero", "fevereiro", "febbraio", "februar", "februari", "února",
     "lutego", "februarie", "şubat"),
    ("march", "mars", "marzo", "março", "märz", "maart", "března", "marca", "martie", "mart",
     "maret"),
    ("april", "avril", "abril", "aprile", "dubna", "kwietnia", "aprilie", "nisan"),
    ("may", "mai", "mayo", "maio", "maggio", "mei", "května", "maja", "maj", "mayıs"),
    ("june", "juin", "junio", "junho", "giugno", "juni", "června", "czerwca", "iunie",
     "haziran"),
    ("july", "juillet", "julio", "julho", "luglio", "juli", "července", "lipca", "iulie",
     "temmuz"),
    ("august", "août", "agosto", "augustus", "srpna", "sierpnia", "ağustos", "agustus"),
    ("september", "septembre", "septiembre", "setembro", "settembre", "září", "września",
     "septembrie", "eylül"),
    ("october", "octobre", "octubre", "outubro", "ottobre", "oktober", "října", "października",
     "octombrie", "ekim"),
    ("november", "novembre", "noviembre", "novembro", "listopadu", "listopada", "noiembrie",
     "kasım"),
    ("december", "décembre", "diciembre", "dezembro", "dicembre", "dezember", "prosince",
     "grudnia", "decembrie", "aralık", "desember"),
)  # fmt: skip
# A month name is recognized by its first letters: three, the usual abbreviation ("Aug"), or
# as many more as tell it from another month's name ("juin"/"juillet", "června"/"července").
MONTH_PREFIX = 3


def _month_prefixes(month: int) -> list[str]:
    """Return the shortest prefixes (MONTH_PREFIX letters at least) of a month's names that no
    other month's name starts with."""
    others = [name for number, names in enumerate(MONTH_NAMES, 1) if number != month
              for name in names]  # fmt: skip
    prefixes = set()
    for name in MONTH_NAMES[month - 1]:
        size = MONTH_PREFIX
        while size < len(name) and any(other.startswith(name[:size]) for other in others):
            size += 1
        prefixes.add(name[:size])
    return sorted(prefixes)


# An ISO timestamp with its time and zone: "2019-08-06T23:30:00-04:00", "...T03:30:00.000Z".
_ISO_TIMESTAMP = re.compile(
    r"((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]"
    r"(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?"
)
# A UTC timestamp before this hour may be the evening before in the Americas (UTC-3 to -10);
# from UTC_MORNING_AFTER on, the next morning in Asia and Oceania (UTC+8 to +14). Only the
# page's written date moves it (_written_local_day).
UTC_EVENING_BEFORE = 8
UTC_MORNING_AFTER = 16
# Metadata values that may carry a timestamp whose zone tells the page's local offset.
_TIMESTAMP_KEYS = ("datePublished", "dateModified", "dateCreated", "uploadDate")
# Runs of whitespace, folded to one space by squash().
_SPACES = re.compile(r"\s+")

# Wrappers that XHTML pages and old CMSes put around a script's JSON.
_CDATA = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")

# JSON-LD types that describe the article itself (not the site, a video or a breadcrumb).
_ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report|Posting", re.IGNORECASE)


def meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
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


def first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    """Return the value of the first of the given meta keys the page has."""
    return next((meta[key] for key in keys if meta.get(key)), None)


def canonical(tree: lxml.html.HtmlElement, meta: dict[str, str]) -> str | None:
    """Return the page's stated address (<link rel=canonical>, else og:url) if absolute."""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = (link.get("href") or "").strip()
            if href.startswith(("http://", "https://")):
                return href
    og_url = meta.get("og:url", "")
    return og_url if og_url.startswith(("http://", "https://")) else None


def lang(tree: lxml.html.HtmlElement, meta: dict[str, str]) -> str | None:
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


def title(tree: lxml.html.HtmlElement, meta: dict[str, str], found: str | None) -> str | None:
    """Return the headline: JSON-LD, then sharing metadata, then <title> without the site name.

    trafilatura prefers the first <h1>, which on many pages is the site's logo or a section
    name ("Allergies Health Center"); the page's metadata names the article itself.
    """
    element = tree.find(".//title")
    shown = squash(element.text_content()) if element is not None else ""
    for item in _articles(tree):
        name, headline = (squash(str(item.get(key) or "")) for key in ("name", "headline"))
        if name and headline and name != headline:
            # Some sites put their own name in "name" (aktualne.cz), others a type label in
            # "headline" (Wikipedia): keep the one closer to the <title>.
            # On a tie the longer one is the headline; the other is a site or type name.
            ranked = sorted((name, headline), key=lambda text: (_overlap(text, shown), len(text)))
            return ranked[-1]
        if name or headline:
            return name or headline
    stated = first(meta, META_TITLE_KEYS)
    if stated:
        return squash(stated)
    if shown and _TITLE_SEPARATOR.search(shown):
        # "Headline | Site" or "Headline - Section - Site": drop the last part when what
        # remains is still a headline (MIN_HEADLINE_WORDS), as readers (Readability) do.
        *_, last = _TITLE_SEPARATOR.finditer(shown)
        if len(shown[: last.start()].split()) >= MIN_HEADLINE_WORDS:
            shown = squash(shown[: last.start()])
    return shown or squash(found) or None


def _articles(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Yield the JSON-LD objects that describe an article."""
    for item in _json_ld(tree):
        if _ARTICLE_TYPES.search(str(item.get("@type"))):
            yield item


def _overlap(candidate: str, title: str) -> float:
    """Return the share of a candidate's words that the <title> also has."""
    words = set(candidate.lower().split())
    return len(words & set(title.lower().split())) / len(words) if words else 0.0


def published(
    tree: lxml.html.HtmlElement,
    meta: dict[str, str],
    url: str | None,
    html: str,
    searched: Callable[[], str | None],
) -> tuple[str | None, str | None, str | None]:
    """Return (day, source, evidence) of the publication date, strongest evidence first.

    The page's metadata states the date outright (html-meta), read in the page's own time
    zone; a date path in the URL is the CMS's record of it (url); else htmldate's extensive
    search of the page (``searched``, called only then), whose answer is kept (content) unless
    it is a 1 January the page never writes out (a bare year) or a day written only in teasers.
    """
    structured = list(_json_ld(tree))
    local = _local_offset(meta, structured, tree)
    for value, specific in _stated_dates(tree, meta, structured):
        day = _day(value, local)
        if not day:
            continue
        if local is None:
            day = _written_local_day(value, day, tree)
        if not specific:  # in doubt: htmldate's extensive search has the last word
            found = searched()
            if found and found[:10] != day and _valid(*found[:10].split("-")):
                return found[:10], "content", _written(found[:10], html) or f"{found} (htmldate)"
        return day, "html-meta", value
    match = _URL_DAY.search(url or "")
    day = _valid(*match.groups()) if match else None
    if match and day:
        return day, "url", match.group(0).strip("/")
    found = searched()
    if not found or not _valid(*found[:10].split("-")):
        return None, None, None
    found = found[:10]
    evidence = _written(found, html)
    if (int(found[5:7]), int(found[8:10])) == BARE_YEAR_DAY and not evidence:
        return None, None, None
    if evidence and _only_in_teasers(tree, evidence):
        return None, None, None
    return found, "content", evidence or f"{found} (htmldate)"


def _only_in_teasers(tree: lxml.html.HtmlElement, words: str) -> bool:
    """Return True when the page writes these words, and only inside TEASER_REGIONS."""
    places = tree.xpath("//text()[contains(., $words)]", words=words)
    return bool(places) and all(
        any(ancestor.tag in TEASER_REGIONS for ancestor in place.getparent().iterancestors())
        or place.getparent().tag in TEASER_REGIONS
        for place in places
    )


def _stated_dates(
    tree: lxml.html.HtmlElement, meta: dict[str, str], structured: list[dict[str, Any]]
) -> Iterator[tuple[str, bool]]:
    """Yield the publication timestamps the page states, most specific first.

    Each comes with whether it names the article's publication specifically: the article's
    JSON-LD and the publication meta keys do; GENERIC_DATE_KEYS, another object's JSON-LD and
    the first microdata datePublished (a teaser's, on some pages) may not.
    """
    articles = [item for item in structured if _ARTICLE_TYPES.search(str(item.get("@type")))]
    for item in articles:  # the article's own structured data is the most specific
        yield str(item.get("datePublished") or ""), True
    for key in META_DATE_KEYS:
        yield meta.get(key, ""), key not in GENERIC_DATE_KEYS
    for item in structured:
        yield str(item.get("datePublished") or ""), False
    for element in tree.xpath("//*[@itemprop='datePublished' or @pubdate]"):
        yield element.get("datetime") or element.get("content") or "", False


def _local_offset(
    meta: dict[str, str], structured: list[dict[str, Any]], tree: lxml.html.HtmlElement
) -> dt.timedelta | None:
    """Return the page's local UTC offset when its timestamps state exactly one non-zero one.

    A CMS that writes one timestamp in UTC ("...Z") often writes another (modified, created,
    a <time datetime>) in the newsroom's zone: that zone is the day the article was published.
    """
    values = list(meta.values())
    values += [str(item.get(key) or "") for item in structured for key in _TIMESTAMP_KEYS]
    values += [element.get("datetime") or "" for element in tree.iter("time")]
    offsets = set()
    for value in values:
        for match in _ISO_TIMESTAMP.finditer(value):
            offset = _offset(match.group(6))
            if offset:
                offsets.add(offset)
    return offsets.pop() if len(offsets) == 1 else None


def _written_local_day(value: str, day: str, tree: lxml.html.HtmlElement) -> str:
    """Return the day a UTC timestamp falls on where the page writes its date out.

    With no local offset stated, "2019-08-06T02:00Z" is 5 August in America and 6 August in
    Europe: the page's own words decide. When it writes out the day before (a small UTC hour,
    UTC_EVENING_BEFORE) or the day after (a late one, UTC_MORNING_AFTER) and never the UTC day,
    in its shown text outside teaser regions, that written day is the local one.
    """
    stamp = _ISO_TIMESTAMP.search(value)
    if stamp is None or _offset(stamp.group(6)) is not None or stamp.group(6) is None:
        return day
    hour = int(stamp.group(4))
    if hour < UTC_EVENING_BEFORE:
        step = -1
    elif hour >= UTC_MORNING_AFTER:
        step = 1
    else:
        return day
    shown = " ".join(tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]"))
    if _written(day, shown):
        return day
    local = (dt.date.fromisoformat(day) + dt.timedelta(days=step)).isoformat()
    words = _written(local, shown)
    if words is None or _only_in_teasers(tree, words):
        return day
    return local


def _offset(zone: str | None) -> dt.timedelta | None:
    """Return the UTC offset a timestamp's zone states ("-04:00", "+0100"); None for Z or none."""
    if not zone or zone == "Z":
        return None
    digits = zone[1:].replace(":", "")
    offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return -offset if zone.startswith("-") else offset


def _day(value: str | None, local: dt.timedelta | None = None) -> str | None:
    """Return the calendar day a timestamp states, in the page's own time zone.

    A timestamp with an offset is the day as written in that offset ("2019-08-06T23:30-04:00"
    is 6 August); a UTC one ("Z") is moved to the page's local offset when that is known.
    """
    if not value:
        return None
    stamp = _ISO_TIMESTAMP.search(value)
    if stamp and stamp.group(6) == "Z" and local is not None:
        year, month, day, hour, minute = (int(part) for part in stamp.groups()[:5])
        try:
            moment = dt.datetime(year, month, day, hour, minute) + local
        except ValueError:
            return None
        return _valid(str(moment.year), str(moment.month), str(moment.day))
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
    """Return the words in the page (comments included) that state the given day, if any.

    Days may be zero-padded ("August 06, 2019") and months named in any of MONTH_NAMES.
    """
    date = dt.date.fromisoformat(day)
    prefixes = _month_prefixes(date.month)
    month = rf"(?:{'|'.join(prefixes)})\w*\.?"
    d, m, y = date.day, date.month, date.year
    spellings = [
        rf"(?<!\w){month}\s+0?{d}(?:st|nd|rd|th)?(?!\d),?\s+{y}",
        rf"(?<!\d)0?{d}(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?{month},?\s+(?:de\s+)?{y}",
        rf"{y}[-/.]0?{m}[-/.]0?{d}(?!\d)",
        rf"(?<!\d)0?{d}[-/.]0?{m}[-/.]{y}",
        rf"(?<!\d)0?{m}/0?{d}/{y}",
        rf"{y}年0?{m}月0?{d}日",
    ]
    for spelling in spellings:
        match = re.search(spelling, html, re.IGNORECASE)
        if match:
            return match.group(0)
    return None


def squash(text: str | None) -> str:
    """Return text with runs of whitespace folded to one space and the ends stripped."""
    return _SPACES.sub(" ", text).strip() if text else ""
