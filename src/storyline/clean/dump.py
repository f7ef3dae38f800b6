"""Text dumps → headline, body lines and removed lines, read by the line model.

Each non-blank line gets a probability of being story body from the line model
(``line_model``), which weighs its shape, its place and its neighbours (``line_features``).
Lines the site repeats on many pages (``templates``) are furniture whatever they look like.
The headline is the line above the body that the headline ensemble rates highest. Pages the
model finds no body in (a headline-and-snippet feed item, a story cut short) fall back to the
line-shape rules of ``boilerplate``, which keep what little text there is.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter

from storyline.clean.boilerplate import (
    GLUED_LABELS,
    MAX_HEADLINE_WORDS,
    MIN_HEADLINE_WORDS,
    MINGLUED_LABELS,
    LineKind,
    Segmentation,
    kind_of,
    mostly_date_words,
    repeats_headline,
    segment_by_rules,
    words,
)
from storyline.clean.line_features import Page, content_words, features, page_of
from storyline.clean.line_model import LineModel, packaged_model
from storyline.clean.templates import line_key

# The headline stands above the story; a few lines of slack below the first paragraph cover
# a standfirst the model took for body.
HEADLINE_SLACK = 3

# A headline-ensemble score below this is no headline (a page that shows none).
MIN_HEADLINE_PROBABILITY = 0.02

# Inside the story, between its first and last paragraphs the model is sure of, a line needs
# less to be kept: a list, a subheading or a short quote there is the story's more often than
# not. On held-out sites (5-fold) this kept 0.956 of body lines against 0.917 with one
# threshold, at better furniture precision (0.946 against 0.917); see BODY_THRESHOLD.
ANCHOR_PROBABILITY = 0.5
STORY_THRESHOLD = 0.02

# Line shapes that are furniture wherever they stand, whatever the model says: theme markup,
# widget captions, "Read more:" teasers, empty date fields, "(With inputs from agencies)".
ALWAYS_FURNITURE = frozenset(
    {
        LineKind.MARKUP,
        LineKind.FURNITURE,
        LineKind.INLINE_TEASER,
        LineKind.EMPTY_FIELD,
        LineKind.CREDIT,
        LineKind.TAIL_MARKER,
        LineKind.DATELINE,
        LineKind.NAVIGATION,
    }
)

# The byline and its date stand between the headline and the story's first lines; the body's
# first few lines are in the zone too (a byline the model kept, a date under the standfirst).
BYLINE_BODY_LINES = 5

# With a headline, the zone reaches this many lines over it (a date printed above the headline).
DATE_LINES_ABOVE_HEADLINE = 1

# Without a headline, the zone reaches this many lines above the body (a site header's date of
# the day, further up, is not the article's).
BYLINE_LINES_ABOVE_BODY = 6

# Words no headline ends on, written in lower case ("US" is a country, "us" would dangle): a
# headline line ending on one was wrapped.
DANGLING_WORDS = frozenset(
    "a an the of to and or for in on at with by from as that its their his her into over".split()  # noqa: SIM905
)

# Words no sentence or headline stops on ("... launched its"); "over", "in", "on" can end a
# headline ("Season Over", "Locked In").
CUT_OFF_WORDS = frozenset("a an the of and or that its their his her with from into".split())  # noqa: SIM905

# Shapes a wrapped headline's continuation can have (joined up to MAX_HEADLINE_WORDS).
_HEADLINE_PARTS = frozenset({LineKind.HEADLINE, LineKind.SHORT})

# The story's first paragraphs, whose words a headline shares most; past this many shared
# content words, more say nothing new.
LEAD_LINES = 5
MAX_SHARED_WORDS = 6

# Shapes no headline has: furniture, a date line, a menu, a teaser snippet.
NEVER_HEADLINE = ALWAYS_FURNITURE | {LineKind.SNIPPET}

# A sentence's full stop at the end of a line, closing quotation marks aside.
_FULL_STOP = re.compile(r"""\.["'”’\s]*$""")

# Initials and abbreviations a headline can end on: "N.Y.C.", "U.S.", "Jr." ("4 p.m." ends a
# sentence).
_ABBREVIATION_END = re.compile(
    r"""(?:\b(?:[A-Z]\.){2,}|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St)\.)["'”’\s]*$"""
)

# A line that continues a sentence, not one that opens a headline: it starts in lower case or
# on punctuation ("-- adorned in pearls --", "titles in native 4K"), or ends on a comma or a
# colon ("Courtesy of the Gazette:"). A kicker can end on a dash ("Biz & IT —").
_FRAGMENT_START = re.compile(r"""^(?:[a-z]|[-–—,;:.)])""")
_FRAGMENT_END = re.compile(r"""[,;:]\s*$""")

# A brand written in lower case opens a headline ("iPhone sales slump", "eBay to split").
_CAMEL_WORD = re.compile(r"^[a-z]+[A-Z]")

# Two short sentences can make a headline ("Trump wins. Now what?"); a longer line of several
# sentences is a notice or a paragraph.
MAX_SENTENCE_HEADLINE_WORDS = 12

# A sentence boundary inside a line: a headline is one sentence, a notice is several.
_INNER_SENTENCE = re.compile(r"""(?<![A-Z])(?<!Mr|Ms|Dr|St)(?<!Mrs)[.!?]["'”’)]*\s+["'“‘(]*[A-Z]""")

# Shapes a line of the story or of a headline has (a dateline or a byline is neither).
_STORY_SHAPES = frozenset({LineKind.PROSE, LineKind.HEADLINE, LineKind.SHORT})

# A site or section label glued to a headline by a separator: "New York|Manhole fires ...",
# "Veteran Wraps Baby ... - Yahoo". The label has at most this many words, and the same
# headline stands without it elsewhere on the page: the bare line is the headline.
_LABEL_SEPARATOR = re.compile(r"\s*\|\s*|\s+[-–—:»]\s+")
MAX_LABEL_WORDS = 3

# The first label of a breadcrumb trail, glued to the next by a scraper: "HomeWorld...".
BREADCRUMB_ROOTS = frozenset({"home", "homepage", "news", "latest", "latest news", "main"})

# Shapes of the lines right under a headline: the byline, its date, a credit.
_BYLINE_KINDS = frozenset({LineKind.DATELINE, LineKind.FURNITURE, LineKind.CREDIT})

# A site or section suffix the page's <title> line carries: "Headline - BBC News".
_TITLE_SUFFIX = re.compile(r"\s+[-|–—:»]\s+")


def segment(
    lines: list[str],
    *,
    title_allowed: bool = True,
    template: frozenset[str] = frozenset(),
    model: LineModel | None = None,
) -> Segmentation:
    """Return the title, body lines and boilerplate lines of a text dump, in input order.

    ``title_allowed`` is False when the first line is known to be body (a crawler's date
    prefix shares its line with the first sentence). ``template`` holds the keys of the lines
    the page's site repeats on many pages. ``model`` defaults to the packaged line model.
    """
    model = model or packaged_model()
    page = page_of(lines)
    if model is None or not page.lines:
        return segment_by_rules(lines, title_allowed=title_allowed, template=template)
    rows = features(page)
    body_p = model.body.probabilities(rows)
    is_body = body_lines(page, body_p, model.body_threshold)
    for i, line in enumerate(page.lines):
        kind = kind_of(line)
        if kind in ALWAYS_FURNITURE:
            is_body[i] = False
        elif template and is_body[i] and kind is not LineKind.PROSE:
            is_body[i] = line_key(line) not in template
    if not title_allowed:
        is_body[0] = True  # the crawler glued its date to the first sentence
    if not any(is_body):
        return segment_by_rules(lines, title_allowed=title_allowed, template=template)
    title_at = headline_index(page, rows, body_p, is_body, model) if title_allowed else None
    result = Segmentation()
    first_body = is_body.index(True)
    wrapped: list[int] = []
    if title_at is not None:
        # The story starts under its headline: what stands above it is the site's (a promo,
        # a teaser), unless the model is sure it is story (a headline picked inside a plain
        # text must not take the paragraphs above it along).
        if any(is_body[title_at + 1 :]):
            is_body[:title_at] = [
                keep and p >= ANCHOR_PROBABILITY
                for keep, p in zip(is_body[:title_at], body_p[:title_at], strict=True)
            ]
            first_body = is_body.index(True)
        wrapped = _wrapped_lines(page, title_at, is_body)
        result.title = strip_breadcrumbs(" ".join(page.lines[i] for i in [title_at, *wrapped]))
        for i in [title_at, *wrapped]:
            is_body[i] = False
    for i, line in enumerate(page.lines):
        if is_body[i] and not (result.title and repeats_headline(line, result.title)):
            result.body.append(line)
            continue
        if i == title_at or i in wrapped:
            continue
        result.removed.append(lines[page.index[i]])
        if i < first_body:
            result.header.append(lines[page.index[i]])
    if not result.body and result.title:
        result.body.append(result.title)
    result.byline_zone = _byline_zone(page, is_body, title_at)
    return result


def strip_breadcrumbs(title: str) -> str:
    """Return a headline without the menu labels a scraper ran into it: "HomeLatest
    NewsPoliticsKhan Acquitted in Cipher Case" is "Khan Acquitted in Cipher Case". The cut
    falls at a join with two joins before it, or one after a breadcrumb's root ("HomeWorld
    Khan ..."), and keeps a headline's words after it; names keep their joins ("YouTube
    Bans Channel", "McDonald's PlayStation Deal Sours")."""
    joins = [match.end() - 1 for match in GLUED_LABELS.finditer(title)]
    if not joins:
        return title
    root = title[: joins[0]].strip().lower()
    for k in range(len(joins) - 1, -1, -1):
        rest = title[joins[k] :]
        # A menu: two joins before the headline, or one after a breadcrumb's root ("Home").
        if (k >= MINGLUED_LABELS or root in BREADCRUMB_ROOTS) and len(
            words(rest)
        ) >= MIN_HEADLINE_WORDS:
            return rest
    return title


def _wrapped_lines(page: Page, title_at: int, is_body: list[bool]) -> list[int]:
    """Return the lines that continue a headline the page wrapped ("Khan acquitted in the /
    cipher case"): the break falls on a function word."""
    wrapped: list[int] = []
    last = title_at
    while last + 1 < len(page.lines):
        line, following = page.lines[last], page.lines[last + 1]
        tail = words(line)[-1] if words(line) else ""
        head = words(following)[0] if words(following) else ""
        # The line ends on a dangling word ("... in the"), or the next opens on one in lower
        # case ("in the cipher case"); a byline ("by Ana Ruiz") or a date never continues it.
        continues = (tail in DANGLING_WORDS or head in DANGLING_WORDS) and head != "by"
        continues = continues and not any(ch.isdigit() for ch in following)
        shape = kind_of(following)  # a headline's second half may look like body to the model
        joined = len(words(" ".join(page.lines[i] for i in [title_at, *wrapped, last + 1])))
        if not continues or shape not in _HEADLINE_PARTS or joined > MAX_HEADLINE_WORDS:
            break
        wrapped.append(last + 1)
        last += 1
    return wrapped


def _byline_zone(page: Page, is_body: list[bool], title_at: int | None) -> list[str]:
    """Return the lines where the article's byline and date stand, in page order.

    From below the headline to the story's fifth body line, never past its last one (what
    follows the story is other stories' teasers); sentences of the story are not bylines.
    """
    body_at = [i for i, body in enumerate(is_body) if body]
    if not body_at:
        return []
    start = title_at + 1 if title_at is not None else body_at[0] - BYLINE_LINES_ABOVE_BODY
    # Counted from the story's first paragraph: a menu label the model kept is no story line.
    story = next((k for k, i in enumerate(body_at) if kind_of(page.lines[i]) is LineKind.PROSE), 0)
    end = body_at[min(story + BYLINE_BODY_LINES, len(body_at)) - 1]
    zone = [
        page.lines[i]
        for i in range(max(start, 0), end + 1)
        if not (is_body[i] and kind_of(page.lines[i]) is LineKind.PROSE)
    ]
    if title_at is None:
        return zone
    # Some sites print the date over the headline; a site header's date of the day stands
    # further up, past the menus, and is not the article's.
    return zone + page.lines[max(title_at - DATE_LINES_ABOVE_HEADLINE, 0) : title_at]


def body_lines(page: Page, body_p: list[float], threshold: float) -> list[bool]:
    """Return whether each line is body: above ``threshold``, or, inside the story (between
    its first and last confident paragraphs), above the lower ``STORY_THRESHOLD``; never
    after a list heading that follows the story."""
    anchors = [
        i
        for i, p in enumerate(body_p)
        if p >= ANCHOR_PROBABILITY and kind_of(page.lines[i]) is LineKind.PROSE
    ]
    first, last = (anchors[0], anchors[-1]) if anchors else (len(body_p), -1)
    keep = [
        p >= (STORY_THRESHOLD if first <= i <= last else threshold) for i, p in enumerate(body_p)
    ]
    # A list heading after the story's last paragraph ("Related stories", "Most read") opens
    # other stories' teasers: nothing after it is this story's.
    tail = (
        next(
            (
                i
                for i in range(last + 1, len(keep))
                if kind_of(page.lines[i]) is LineKind.TAIL_MARKER
            ),
            len(keep),
        )
        if anchors
        else len(keep)
    )
    return keep[:tail] + [False] * (len(keep) - tail)


def headline_candidates(page: Page, is_body: list[bool], body_p: list[float]) -> list[int]:
    """Return the lines that may be the headline: those above the story's first paragraph.

    The first paragraph is the first body line of prose shape the model is sure of, so that a
    promo or a menu label it kept does not hide a headline below it; a few lines of slack
    below it cover a headline-shaped line the model took for body. A story paragraph ending
    on a full stop is never the headline (headlines take none), nor is a piece of a sentence
    (``_is_fragment``), a paragraph past a headline's length, a line the next one carries on,
    or one that carries on the line above; in the slack, only a headline-shaped line is.
    """
    paragraphs = [
        i for i, line in enumerate(page.lines) if is_body[i] and kind_of(line) is LineKind.PROSE
    ]
    confident = [i for i in paragraphs if body_p[i] >= ANCHOR_PROBABILITY]
    first = (confident or paragraphs or [is_body.index(True) if True in is_body else 0])[0]
    end = min(len(page.lines), first + HEADLINE_SLACK + 1)
    story = {i for i, line in enumerate(page.lines[:end]) if is_body[i] and _ends_sentence(line)}
    return [
        i
        for i in range(end)
        if kind_of(page.lines[i]) not in NEVER_HEADLINE
        and (i <= first or kind_of(page.lines[i]) is LineKind.HEADLINE)
        and not _is_paragraph(page.lines[i])
        and i not in story
        and not _is_fragment(page.lines[i])
        and not _cut_off(page, i)
        and not (i + 1 < len(page.lines) and _continues(page.lines[i + 1]))
        and not (i > 0 and _breaks_off(page.lines[i - 1]))
    ]


def _breaks_off(line: str) -> bool:
    """Return True for a line that stops mid-clause, so that the next line carries it on: a
    headline's first half ending on a function word, a sentence cut at a comma. A label that
    ends on one ("Supported by", "Sign in") is too short to be cut off."""
    if _FRAGMENT_END.search(line):
        return True
    tokens = words(line)
    return kind_of(line) is LineKind.HEADLINE and tokens[-1] in DANGLING_WORDS


def _continues(line: str) -> bool:
    """Return True for a line that carries on the sentence above it: a paragraph the scraper
    wrapped ("... Cristina Gil Lladanosa" / "tears open a silver envelope")."""
    tokens = words(line)
    byline = bool(tokens) and tokens[0] == "by"  # "by Ana Ruiz": a byline opens in lower case
    if byline or kind_of(line) not in _STORY_SHAPES or mostly_date_words(line):
        return False  # "on Feb. 04, 2009", "on Jul 7 2012, 5: 55p": a dateline
    return line[:1].islower() and not _CAMEL_WORD.match(line)


def _is_fragment(line: str) -> bool:
    """Return True for a piece of a sentence, which no headline is: it opens in lower case or
    on punctuation ("titles in native 4K", "-- adorned in pearls"), ends on a comma
    ("stormed the country's most prominent museum,"), or holds more than one sentence ("...
    can see it. Are you sure ...?"). A headline wrapped after a function word is joined, not
    a fragment ("Council Orders Halt to Dredging in the" / "East Basin ...")."""
    tokens = words(line)
    if not tokens:
        return True
    if _FRAGMENT_START.match(line) and not _CAMEL_WORD.match(line):
        return True
    if _FRAGMENT_END.search(line):
        return True
    return len(_INNER_SENTENCE.findall(line)) > 0 and len(tokens) > MAX_SENTENCE_HEADLINE_WORDS


def _is_paragraph(line: str) -> bool:
    """Return True for a paragraph by its length, with or without its full stop: prose past
    the longest headline's word count."""
    return kind_of(line) is LineKind.PROSE and len(words(line)) > MAX_HEADLINE_WORDS


def _cut_off(page: Page, i: int) -> bool:
    """Return True for a line that stops on a function word with nothing to carry it on: a
    sentence cut short ("... it immediately launched its"), not a wrapped headline."""
    tokens = words(page.lines[i])
    if not tokens or tokens[-1] not in CUT_OFF_WORDS:
        return False
    return i + 1 >= len(page.lines) or kind_of(page.lines[i + 1]) not in _HEADLINE_PARTS


def headline_features(page: Page, body_p: list[float], candidates: list[int]) -> list[list[float]]:
    """Return the headline scorer's features of each candidate line.

    A headline tells the story in short: it shares content words with the story's first
    paragraphs (a menu label, a site slogan or a caption does less so); it stands close above
    the story, headline-shaped; the page often repeats it (the ``<title>`` line with a site
    suffix, the headline over the byline).
    """
    folded = [_fold(line) for line in page.lines]
    ordered = sorted(folded)
    counts = Counter(folded)
    paragraphs = [
        i for i, p in enumerate(body_p) if p >= 0.5 and kind_of(page.lines[i]) is LineKind.PROSE
    ]
    lead = set().union(*(content_words(page.lines[i]) for i in paragraphs[:LEAD_LINES]))
    first = paragraphs[0] if paragraphs else len(page.lines)
    shaped_below = 0
    first_shaped = next(
        (i for i in candidates if kind_of(page.lines[i]) is LineKind.HEADLINE), len(page.lines)
    )
    body_words = set().union(*(content_words(page.lines[i]) for i in paragraphs))
    # Lines the page also shows with a site or section label ("... - Yahoo", "Economy|...").
    labelled = {_fold(bare) for bare in map(_strip_label, page.lines)} - set(folded)
    out: list[list[float]] = []
    for i in reversed(candidates):
        line, text = page.lines[i], folded[i]
        kind = kind_of(line)
        own = content_words(line)
        shared = len(own & lead)
        at = bisect.bisect_right(ordered, text)  # the lines that extend this one sort after it
        prefix_of_other = bool(text) and at < len(ordered) and ordered[at].startswith(text)
        repeated = counts[text] > 1
        tokens = words(line)
        out.append(
            [
                min(shared, MAX_SHARED_WORDS) / MAX_SHARED_WORDS,
                shared / (len(own) + 1),
                math.log1p(len(tokens)),
                float(kind is LineKind.HEADLINE),
                float(kind is LineKind.SHORT),
                float(kind in ALWAYS_FURNITURE or kind is LineKind.NAVIGATION),
                float(kind is LineKind.PROSE),
                float(repeated),
                float(prefix_of_other),
                float(bool(_TITLE_SUFFIX.search(line))),
                math.log1p(max(first - i, 0)),
                math.log1p(shaped_below),
                float(i > first),
                body_p[i],
                sum(t[0].isupper() for t in tokens) / len(tokens) if tokens else 0.0,
                float(line.rstrip("\"'”’)").endswith(".")),
                float(kind is LineKind.HEADLINE and i == first_shaped),
                len(own & body_words) / (len(own) + 1),
                float(_FRAGMENT_START.match(line) is not None),
                float(_breaks_off(line)),
                float(len(_INNER_SENTENCE.findall(line))),
                float(line.rstrip("\"'”’)").endswith(("?", "!"))),
                float(_fold(_strip_label(line)) != text and _fold(_strip_label(line)) in counts),
                float(text in labelled),
                float(any(kind_of(below) in _BYLINE_KINDS for below in page.lines[i + 1 : i + 4])),
                sum(t.isupper() and len(t) > 1 for t in tokens) / len(tokens) if tokens else 0.0,
                float(shared),
            ]
        )
        if kind is LineKind.HEADLINE:
            shaped_below += 1
    out.reverse()
    # How a line's shared words compare with the best of the page's candidates.
    most = max((row[-1] for row in out), default=0.0) or 1.0
    for row in out:
        row[-1] = row[-1] / most
    return out


def _strip_label(line: str) -> str:
    """Return a line without a short site or section label before or after its separator
    ("New York|Manhole fires ...", "Veteran Wraps Baby ... - Yahoo")."""
    parts = _LABEL_SEPARATOR.split(line)
    if len(parts) != 2:
        return line
    head, tail = parts
    if len(words(tail)) <= MAX_LABEL_WORDS < len(words(head)):
        return head
    if len(words(head)) <= MAX_LABEL_WORDS < len(words(tail)):
        return tail
    return line


def headline_index(
    page: Page,
    rows: list[list[float]],
    body_p: list[float],
    is_body: list[bool],
    model: LineModel,
) -> int | None:
    """Return the index of the headline line, or None when the page shows none."""
    candidates = headline_candidates(page, is_body, body_p)
    if not candidates:
        return None
    scores = model.headline.probabilities(headline_features(page, body_p, candidates))
    best = max(range(len(candidates)), key=lambda k: scores[k])
    if scores[best] < MIN_HEADLINE_PROBABILITY:
        return None
    return _over_standfirst(page, candidates, _bare_headline(page, candidates, candidates[best]))


def _over_standfirst(page: Page, candidates: list[int], chosen: int) -> int:
    """Return the headline over a standfirst: a headline-shaped line straight above the chosen
    one, no longer than it and on the story's subject, is the headline and the chosen line its
    standfirst ("Imran is eager to make amends with the US" / "Imran Khan demands that ...")."""
    above = chosen - 1
    if above not in candidates or kind_of(page.lines[above]) is not LineKind.HEADLINE:
        return chosen
    if kind_of(page.lines[chosen]) is not LineKind.HEADLINE:
        return chosen
    if len(words(page.lines[above])) > len(words(page.lines[chosen])):
        return chosen
    shared = content_words(page.lines[above]) & content_words(page.lines[chosen])
    return above if shared else chosen


def _bare_headline(page: Page, candidates: list[int], chosen: int) -> int:
    """Return the line that shows the chosen headline without its site or section label,
    when the page shows one ("Economy|As Debt Rises ..." → "As Debt Rises ...")."""
    bare = _fold(_strip_label(page.lines[chosen]))
    if bare == _fold(page.lines[chosen]):
        return chosen
    return next((i for i in candidates if _fold(page.lines[i]) == bare), chosen)


def _fold(line: str) -> str:
    """Return a line's words in lower case, one space apart: what two showings share."""
    return " ".join(w.lower() for w in words(line))


def _ends_sentence(line: str) -> bool:
    """Return True when a line ends on a full stop, not on an abbreviation ("... N.Y.C.")."""
    return bool(_FULL_STOP.search(line)) and not _ABBREVIATION_END.search(line)
