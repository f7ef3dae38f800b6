"""Text dumps → body lines and boilerplate lines, by the shape and place of each line.

A scraped page flattened to text has three regions: a header (headline, kicker, byline, date
field, teasers), the body (prose paragraphs, perhaps with inline "Read more" teasers and
widgets between them) and a tail (share and comment widgets, "Related" teaser lists, about-us
blurbs, copyright footer). Each line gets a kind from its own shape; the region it sits in
decides whether that kind is furniture. Every pattern and threshold below is named, says why,
and has a test case from a real article (tests/clean/test_boilerplate.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.clean.templates import line_key

# A line with at least this many words that ends like a sentence is prose. Six words keeps
# one-sentence paragraphs ("After this, Lu directly raised the issue of the no-confidence
# vote.") and drops widget captions ("Share This Post", "Leave a Reply").
MIN_PROSE_WORDS = 6

# A line this long is prose even without end punctuation (paragraphs cut by the scraper).
MIN_PROSE_CHARS = 160

# Past this length a line is prose without a look at its shape: it keeps every pattern below
# linear in the input whatever a hostile page holds (a 64 KiB line of quotation marks).
MAX_SHAPE_CHARS = 400

# Headlines are short: "Leaked Pakistan Secret Cable: U.S Urged Imran Khan's Removal" has 9
# words; the longest real headlines run to about 25.
MAX_HEADLINE_WORDS = 25
MIN_HEADLINE_WORDS = 3

# After a tail marker ("Related", "Share This Post", ...), the article is over unless at least
# this many prose paragraphs follow (a share widget placed mid-article is followed by the rest
# of the article; a footer holds at most an about-us blurb).
MIN_PARAGRAPHS_AFTER_TAIL_MARKER = 2

# Furniture captions are short; a longer line that mentions "logo" or "subscribe" is prose.
# The longest real caption seen is the comment form's 12-word notice.
MAX_FURNITURE_WORDS = 15

# A menu bar flattened to text is a run of capitalized section names with no function words
# and no punctuation but separators ("Home World Business Sport Opinion Weather"). Title-case
# headlines can lack function words too ("Leaked Pakistan Secret Cable: U.S Urged Imran
# Khan's Removal") but carry punctuation or stay shorter; six words keeps them safe.
MIN_NAVIGATION_WORDS = 6
_NAVIGATION_CHARACTERS = re.compile(r"^[\w\s|/&·•»-]+$")

# Menu labels run together by the scraper, a lower-case letter straight before a capital
# ("HomeLatest NewsPolitics"): two such joins, and more joins than spaces, make a menu. Names
# like "iPhone" or "McDonald" add one join among many spaces.
MINGLUED_LABELS = 2
GLUED_LABELS = re.compile(r"[a-z][A-Z]")

# A line made only of date and time words is a dateline (the page's date field, printed), never
# a headline or body: "June 06, 2013", "MONDAY, MAY 23, 2005", "Fri., May. 3, 2013 11: 45 AM",
# "Oct 18, 2019 · 8 min read" (a reading time printed beside the date).
MAX_DATELINE_CHARS = 60
_DATE_WORD = re.compile(
    r"\d+(?:st|nd|rd|th)?|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|am|pm|a\.m|p\.m|gmt|utc|bst|cet|cest|ist|pkt|[ecmp][sd]t|updated|"
    r"published|posted|modified|last|on|at|min|mins|read)\.?|\d+[.:]\d+"
)

# Past this share of date and time words, a line is a dateline however the site wrote it.
DATE_WORD_SHARE = 0.6

# A byline is short: desk or author name plus a date ("By Staff | May 2, 2024"). One with a
# publication cue and a digit is the page's date field, whoever's name is glued before it:
# "Published Date – 3 March 2024, 02:48 PM", "Ana RuizPublished April 22".
MAX_BYLINE_WORDS = 14
_PUBLICATION_CUE = re.compile(r"(?i)published|updated|posted|last\s+modified")

# The author part of a dated byline, before or after its date: "By TMZ Staff", "by Ana Ruiz |".
_BYLINE_NAME = re.compile(
    r"(?:^|[|·•,–—-]\s*|\s)(?i:by)\s+(?:[A-Z][\w.'-]*(?:\s+|$)){1,4}(?:\s*[|·•,–—-])?"
)

# A teaser snippet is a cut-off first sentence of another article, ending in an ellipsis.
MAX_TEASER_SNIPPET_CHARS = 240

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_SENTENCE_END = re.compile(r"""[.!?…]["”’')\]]*\s*$|["”]\s*$""")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\s*$")

# WordPress/Elementor shortcodes and theme furniture that leak into text dumps:
# "[tds_leads title_text=...]", "spot_imgspot_img", "[caption id=...]", stray tags.
_MARKUP = re.compile(
    r"""^\s*(?:
        \[/?[a-z][\w-]*(?:\s[^\]]*)?\]?    # [shortcode attr="..."] or [/shortcode]
      | [a-z]+(?:_[a-z]+)+_?               # spot_imgspot_img, td_block_wrap (one way to match)
      | </?[a-z][^>]*>                     # leftover HTML tags
      | \{\{.*\}\}                         # template placeholders
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


# Widget labels and page controls, anywhere on the page (the HTML reader's editor pass uses
# them too: trafilatura and readability keep such one-line blocks).
WIDGET_LABEL = re.compile(
    r"""^\W*(?:
        (?:share|tweet|pin|email|print|save)(?:\s+(?:this|the))?(?:\s+(?:post|article|story|page))?
      | share\s+(?:on|via)\s+\w+(?:\s+\w+)?
      | leave\s+a\s+(?:reply|comment)
      | post\s+a\s+comment | add\s+a\s+comment | \d*\s*comments? | loading(?:\s+comments)?
      | your\s+email\s+address\s+will\s+not\s+be\s+published.*
      | required\s+fields\s+are\s+marked.*
      | (?:subscribe|sign\s+up)(?:\s+(?:now|to\b.*|for\b.*))? | (?:our\s+)?newsletters?
      | (?:follow|like)\s+us(?:\s+on\b.*)? | like(?:\s+this)?
      | advertisement | sponsored(?:\s+content)? | scroll\s+to\s+continue.*
      | .{0,60}\b(?:click|tap)\s+here\b.* | skip\s+to\s+content
      | video | watch | fullscreen | thumbnails | \d+\s+of\s+\d+ | please\s+wait
      | this\s+is\s+a\s+developing\s+story\.?
      | (?:article|story)\s+continue[sd]?\s+(?:below|after\s+(?:this\s+)?(?:ad|advertisement))
      | continue\s+reading(?:\s+(?:below|the\s+main\s+story))?
      | (?:download|get)\s+(?:the|our)\b.{0,30}\bapp\b.{0,40}
      | connect\s+with\s+us | type\s+to\s+search | .{0,20}what\s+are\s+you\s+looking\s+for\??
      | \d+\s+(?:min(?:ute)?s?\s+read|shares?|views?)
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Credits, captions and site marks: bylines and desk credits, photo credits and image file
# names, copyright lines and logos, tag lists.
_CREDIT_FURNITURE = re.compile(
    r"""^\W*(?:
        .*\ball\s+rights\s+reserved\.?
      | (?:©|copyright\b).*
      | .*\blogo\b[\w\s().-]{0,20}
      | (?:tags?|filed\s+under|categories)\s*:.*
      | (?:photo|image|picture|file\s+photo|screengrab|screenshot)s?\b.{0,80}
      | .{0,60}/\s*(?:file|afp|reuters|ap|associated\s+press|getty\s+images|epa|dpa|bloomberg)
      | [\w-]+\.(?:jpe?g|png|gif|webp|svg)                          # unnamed-file-18.jpg
      | [a-z0-9]+(?:[-_][a-z0-9]+){2,}(?:\s*\(\d+\))?                 # hg-masthead-final (2)
      | .{0,120}\b(?:photograph|photo|image|picture)\s*(?::|by\b|credit).{0,80}  # a credit
      | by\s+(?-i:[A-Z][\w.'-]*)(?:\s+(?:(?-i:[A-Z&][\w.'-]*)|and|of)){0,4}  # By News Desk
      | (?-i:[A-Z][\w.]*)(?:\s+(?-i:[A-Z][\w.]*))?\s+(?:report|desk|staff|correspondent|bureau)
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Headings of the lists that follow an article: everything after them is other articles.
TAIL_MARKER = re.compile(
    r"""^\W*(?:
        popular(?:\s+(?:now|posts|stories|news))? | most\s+(?:read|popular|viewed|shared)
      | related(?:\s+(?:posts|articles|stories|news|coverage|videos|content|links))?
      | more\s+like\s+this | you\s+(?:might|may)\s+also\s+like | top\s+stories
      | recent\s+(?:posts|articles|stories) | other\b.{0,30}\bcolumns
      | more\s+(?:from|in|on)\b.{0,40} | read\s+next | up\s+next
      | recommended(?:\s+for\s+you)? | trending(?:\s+now)? | latest(?:\s+(?:news|posts|stories))?
      | also\s+read | see\s+also | don'?t\s+miss | editor'?s\s+picks?
      | share\s+this\s+(?:post|article|story) | leave\s+a\s+(?:reply|comment)
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

# "Read more : “Another headline" — a teaser for another article between paragraphs.
_INLINE_TEASER = re.compile(
    r"^\W*(?:read(?:\s+more|\s+also)?|also\s+read|see\s+also|related|must\s+read|watch)\s*[:|–—-]",
    re.IGNORECASE,
)

# A metadata field with nothing after it ("Date:", "Published:"): the value is unknown.
EMPTY_FIELD = re.compile(
    r"^\s*(?:date|published(?:\s+on)?|posted(?:\s+on)?|updated|last\s+updated|by|author)\s*:?\s*$",
    re.IGNORECASE,
)

# Closing credit lines that are not part of the story: "(With inputs from agencies)".
_CREDIT_LINE = re.compile(
    r"^\W*(?:with\s+(?:additional\s+)?inputs?\s+from|additional\s+reporting\s+by|"
    r"(?:written|edited|compiled|reporting)\s+by)\b[^.]{0,80}\W*$",
    re.IGNORECASE,
)


class LineKind(Enum):
    BLANK = "blank"
    MARKUP = "markup"
    DATELINE = "dateline"
    NAVIGATION = "navigation"
    FURNITURE = "furniture"
    TAIL_MARKER = "tail-marker"
    INLINE_TEASER = "inline-teaser"
    EMPTY_FIELD = "empty-field"
    CREDIT = "credit"
    SNIPPET = "snippet"
    HEADLINE = "headline"
    PROSE = "prose"
    SHORT = "short"


# Kinds that can open the body of an item with no prose line (see ``segment``).
_SHORT_BODY = {LineKind.HEADLINE, LineKind.SHORT, LineKind.SNIPPET}

_NEVER_TITLE = {
    LineKind.MARKUP,
    LineKind.FURNITURE,
    LineKind.EMPTY_FIELD,
    LineKind.BLANK,
    LineKind.NAVIGATION,
    LineKind.DATELINE,
}


@dataclass
class Segmentation:
    """The lines of a text dump split into title, body and boilerplate."""

    title: str | None = None
    body: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # removed lines above the body, in order
    # The lines where a byline and its date stand: below the headline, around the body's start.
    byline_zone: list[str] = field(default_factory=list)
    empty_date_field: bool = False


def words(line: str) -> list[str]:
    """Return the words of a line (letters and digits, with inner apostrophes and dots)."""
    return _WORD.findall(line)


@lru_cache(maxsize=8192)  # the line model and the cleaner ask for each line's shape more than once
def kind_of(line: str) -> LineKind:
    """Return the shape of one line, without regard to where it stands."""
    stripped = line.strip()
    if not stripped:
        return LineKind.BLANK
    if _MARKUP.match(stripped):  # linear: every repeat in it starts on its own character
        return LineKind.MARKUP  # shortcodes run long: "[tds_leads title_text=... ]"
    if len(stripped) > MAX_SHAPE_CHARS:
        return LineKind.PROSE  # no other furniture runs this long; the patterns never see it
    if EMPTY_FIELD.match(stripped):
        return LineKind.EMPTY_FIELD
    if TAIL_MARKER.match(stripped):
        return LineKind.TAIL_MARKER
    if _INLINE_TEASER.match(stripped):
        return LineKind.INLINE_TEASER
    if _CREDIT_LINE.match(stripped):
        return LineKind.CREDIT
    count = len(words(stripped))
    if count <= MAX_FURNITURE_WORDS and (
        WIDGET_LABEL.match(stripped) or _CREDIT_FURNITURE.match(stripped)
    ):
        return LineKind.FURNITURE
    if _ELLIPSIS_END.search(stripped) and len(stripped) <= MAX_TEASER_SNIPPET_CHARS:
        return LineKind.SNIPPET
    if len(stripped) >= MIN_PROSE_CHARS or (
        count >= MIN_PROSE_WORDS and _SENTENCE_END.search(stripped)
    ):
        return LineKind.PROSE
    if _is_dateline(stripped):
        return LineKind.DATELINE
    if _is_navigation(stripped, count):
        return LineKind.NAVIGATION
    if MIN_HEADLINE_WORDS <= count <= MAX_HEADLINE_WORDS and not _SENTENCE_END.search(stripped):
        return LineKind.HEADLINE
    return LineKind.SHORT


def segment_by_rules(
    lines: list[str], *, title_allowed: bool = True, template: frozenset[str] = frozenset()
) -> Segmentation:
    """Return the title, body lines and boilerplate lines of a text dump, in input order.

    ``title_allowed`` is False when the first line is known to be body (a crawler's date
    prefix shares its line with the first sentence). ``template`` holds the keys
    (``templates.line_key``) of the lines the page's site repeats on many pages.
    """
    kinds = [kind_of(line) for line in lines]
    result = Segmentation()
    content = [i for i, kind in enumerate(kinds) if kind is not LineKind.BLANK]
    if not content:
        return result
    title_index = None
    # The headline is the first headline-shaped line before any prose, past theme furniture
    # ("spot_img", an empty field) and short page labels (a site name, a section: "Dawn",
    # "World News"); failing that, the first line that is not furniture.
    first = next(
        (i for i in content if kinds[i] not in _NEVER_TITLE | {LineKind.SHORT}),
        content[0],
    )
    if kinds[first] is not LineKind.HEADLINE:
        first = next((i for i in content if kinds[i] not in _NEVER_TITLE), content[0])
    if template:
        # Site furniture, except the headline: a page's title recurs in other pages' teasers.
        for i in content:
            if i != first and kinds[i] is not LineKind.PROSE and line_key(lines[i]) in template:
                kinds[i] = LineKind.FURNITURE
    if title_allowed and kinds[first] is LineKind.HEADLINE:
        title_index = first
        result.title = lines[first].strip()
    body_start = next((i for i in content if kinds[i] is LineKind.PROSE), len(lines))
    if not title_allowed:
        body_start = min(body_start, first)  # a prefixed first line is the first sentence
    if body_start == len(lines):
        # No prose at all: a headline-and-snippet item or a story cut short by the source.
        # Its body is what follows the title, cut-off sentence included.
        after = -1 if title_index is None else title_index
        body_start = next((i for i in content if i > after and kinds[i] in _SHORT_BODY), len(lines))
        kinds = [
            LineKind.SHORT if i >= body_start and kind is LineKind.SNIPPET else kind
            for i, kind in enumerate(kinds)
        ]
    tail_start = _tail_start(kinds)
    for index in content:
        if index == title_index:
            continue
        line, kind = lines[index], kinds[index]
        if _is_body(line, kind, index, body_start, tail_start, result.title):
            result.body.append(line.strip())
            continue
        result.removed.append(line)
        if index < body_start:
            result.header.append(line)
        if kind is LineKind.EMPTY_FIELD and index < body_start:
            result.empty_date_field = result.empty_date_field or _is_date_field(line)
    if not result.body and result.title:
        result.body.append(result.title)  # a headline-only item: the headline is all it says
    if title_index is not None:
        # The byline stands under the headline (or its date just over it); the header's
        # other lines are the site's.
        result.byline_zone = [
            lines[i] for i in content if title_index - 1 <= i < body_start and i != title_index
        ]
    return result


def _is_body(
    line: str, kind: LineKind, index: int, body_start: int, tail_start: int, title: str | None
) -> bool:
    """Return True when a line belongs to the article body, given its shape and region."""
    if index >= tail_start or index < body_start:
        return False
    if title is not None and repeats_headline(line, title):
        return False  # the headline repeated under the byline
    return kind in (LineKind.PROSE, LineKind.HEADLINE, LineKind.SHORT)


def _tail_start(kinds: list[LineKind]) -> int:
    """Return the index of the first line of the page's tail (len(kinds) when there is none)."""
    prose_after = [0] * (len(kinds) + 1)
    for i in range(len(kinds) - 1, -1, -1):
        prose_after[i] = prose_after[i + 1] + (kinds[i] is LineKind.PROSE)
    seen_prose = False
    for i, kind in enumerate(kinds):
        if kind is LineKind.PROSE:
            seen_prose = True
        elif (
            seen_prose
            and kind in (LineKind.TAIL_MARKER, LineKind.FURNITURE)
            and prose_after[i] < MIN_PARAGRAPHS_AFTER_TAIL_MARKER
        ):
            return i
    return len(kinds)


def _is_dateline(line: str) -> bool:
    """Return True for a line that is only a date or time ("Fri., May. 3, 2013 11: 45 AM PDT"),
    or a short byline that says when it was published ("Ana RuizPublished April 22, 2022")."""
    if not any(ch.isdigit() for ch in line):
        return False
    if len(words(line)) <= MAX_BYLINE_WORDS and _PUBLICATION_CUE.search(line):
        return True
    if len(words(line)) <= MAX_BYLINE_WORDS and _BYLINE_NAME.search(line):
        line = _BYLINE_NAME.sub(" ", line)  # "2/26/2015 7:11 AM PST BY TMZ STAFF"
    if len(line) > MAX_DATELINE_CHARS:
        return False
    return not [w for w in words(line) if not _DATE_WORD.fullmatch(w)]


def mostly_date_words(line: str) -> bool:
    """Return True for a line most of whose words are date and time words ("on Jul 7 2012,
    5: 55p"): a dateline a site wrote its own way, not a sentence."""
    tokens = words(line)
    dated = sum(bool(_DATE_WORD.fullmatch(t)) for t in tokens)
    return bool(tokens) and dated >= DATE_WORD_SHARE * len(tokens)


def _is_navigation(line: str, count: int) -> bool:
    """Return True for a flattened menu: capitalized words only, no function word, no sentence;
    or link labels the scraper ran together ("HomeLatest NewsPoliticsBusiness")."""
    glued = len(GLUED_LABELS.findall(line))
    if glued >= MINGLUED_LABELS and glued >= line.count(" "):
        return True
    if count < MIN_NAVIGATION_WORDS or count > MAX_HEADLINE_WORDS:
        return False
    if not _NAVIGATION_CHARACTERS.match(line):
        return False
    tokens = words(line)
    return all(t[0].isupper() or t[0].isdigit() for t in tokens) and not any(
        t.lower() in ENGLISH_STOP_WORDS for t in tokens
    )


def _is_date_field(line: str) -> bool:
    return line.strip().lower().rstrip(":").strip() in {"date", "published", "posted", "updated"}


def repeats_headline(line: str, title: str) -> bool:
    """Return True when a line shows the headline again (over the byline, under the photo).
    A sentence of the story that says what the headline says ("Khan was acquitted." under
    "Khan was acquitted") is the story's first line, and stays."""
    if _SENTENCE_END.search(line) and not _SENTENCE_END.search(title):
        return False
    return [w.lower() for w in words(line)] == [w.lower() for w in words(title)]
