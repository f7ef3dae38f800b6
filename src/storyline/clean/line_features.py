"""The features of each line of a text dump: its own shape, its place, and its neighbours.

The line model (``line_model``) reads a page as an editor does: a line is furniture or story
by what it looks like (length, function words, punctuation, capitals run together like a
flattened menu), by where it stands (above the first paragraph of prose, after the last,
between two) and by what surrounds it (a short line amid paragraphs is a subheading, amid
other short lines a list of links). Every feature is a plain number, computed in one pass.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.clean.boilerplate import GLUED_LABELS, LineKind, kind_of, words

_KINDS = list(LineKind)

_SEPARATORS = re.compile(r"[|»·•/>]")
_SENTENCE_END = re.compile(r"""[.!?…]["”’')\]]*$""")
_URLISH = re.compile(r"https?:|www\.|\.com\b|@\w", re.IGNORECASE)
_BULLET = re.compile(r"^[-–—•*·►▶>]")
_QUOTE = re.compile(r"[\"“”]")

# The story's longest paragraphs, whose words tell what it is about.
CORE_LINES = 5

# How far the context features look, in non-blank lines, on each side.
NEIGHBOURS = (-3, -2, -1, 1, 2, 3)
WINDOW = 5


@dataclass
class Page:
    """The non-blank lines of a dump, with where each stood in the input."""

    lines: list[str]  # stripped, non-blank
    index: list[int]  # the input line number of each
    blank_before: list[bool]
    blank_after: list[bool]


def page_of(raw_lines: list[str]) -> Page:
    """Return the non-blank lines of a dump with their input positions."""
    lines: list[str] = []
    index: list[int] = []
    before: list[bool] = []
    after: list[bool] = []
    previous_blank = True
    for i, line in enumerate(raw_lines):
        stripped = line.strip()
        if not stripped:
            if after:
                after[-1] = True
            previous_blank = True
            continue
        lines.append(stripped)
        index.append(i)
        before.append(previous_blank)
        after.append(False)
        previous_blank = False
    return Page(lines, index, before, after)


def _own(line: str, kind: LineKind) -> list[float]:
    """Return the features of one line on its own (``kind``: its shape, ``kind_of``)."""
    tokens = words(line)
    count = len(tokens)
    letters = sum(map(str.isalpha, line))
    capitals = sum(map(str.isupper, line))
    own = [
        math.log1p(len(line)),
        math.log1p(count),
        sum(t.lower() in ENGLISH_STOP_WORDS for t in tokens) / count if count else 0.0,
        sum(t[0].isupper() for t in tokens) / count if count else 0.0,
        sum(map(str.isdigit, line)) / len(line),
        float(bool(_SENTENCE_END.search(line))),
        float(line.endswith(":")),
        float(line.endswith(("...", "…"))),
        math.log1p(len(_SEPARATORS.findall(line))),
        float(bool(_BULLET.match(line))),
        float("©" in line or "copyright" in line.lower()),
        float(bool(_URLISH.search(line))),
        capitals / letters if letters else 0.0,
        sum(map(len, tokens)) / count if count else 0.0,
        line.count(",") / count if count else 0.0,
        float(bool(_QUOTE.search(line))),
        math.log1p(len(GLUED_LABELS.findall(line))),
        float(line[:1].islower()),
    ]
    own.extend(float(kind is k) for k in _KINDS)
    return own


def features(page: Page) -> list[list[float]]:
    """Return one feature row per non-blank line of a page."""
    n = len(page.lines)
    if not n:
        return []
    kinds = [kind_of(line) for line in page.lines]
    own = [_own(line, kind) for line, kind in zip(page.lines, kinds, strict=True)]
    prose = [float(k is LineKind.PROSE) for k in kinds]
    chars = [len(line) for line in page.lines]
    total_chars = sum(chars) or 1
    prose_chars = [c * p for c, p in zip(chars, prose, strict=True)]
    total_prose = sum(prose_chars) or 1.0
    prose_at = [i for i in range(n) if prose[i]]
    first_prose = prose_at[0] if prose_at else n
    last_prose = prose_at[-1] if prose_at else -1
    seen: dict[str, int] = {}
    for line in page.lines:
        key = line.lower()
        seen[key] = seen.get(key, 0) + 1
    # Runs of lines that end no sentence: a story's subheading stands alone between paragraphs,
    # a teaser list or a menu runs on for many lines.
    sentence = [own[i][5] == 1.0 and kinds[i] is LineKind.PROSE for i in range(n)]
    run = _run_lengths(sentence)
    gap = _distance_to(sentence)
    # The story's words: those of its longest paragraphs. A subheading or a caption shares
    # them; another story's teaser does not.
    longest = sorted(range(n), key=lambda i: -chars[i] * prose[i])[:CORE_LINES]
    core = set().union(*(content_words(page.lines[i]) for i in longest if prose[i]))
    rows = []
    chars_before = prose_before = 0.0
    for i in range(n):
        row = list(own[i])
        row += [
            i / n,
            chars_before / total_chars,
            prose_before / total_prose,
            (i - first_prose) / n,
            (i - last_prose) / n,
            float(i < first_prose),
            float(i > last_prose),
            float(page.blank_before[i]),
            float(page.blank_after[i]),
            float(seen[page.lines[i].lower()] > 1),
        ]
        for offset in NEIGHBOURS:
            j = i + offset
            if 0 <= j < n:
                row += [own[j][1], prose[j], own[j][5], own[j][2]]
            else:
                row += [0.0, 0.0, 0.0, 0.0]
        low, high = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        span = high - low
        row += [
            sum(prose[low:high]) / span,
            sum(own[j][1] for j in range(low, high)) / span,
            sum(own[j][2] for j in range(low, high)) / span,
        ]
        content = content_words(page.lines[i])
        row += [
            math.log1p(run[i]),
            math.log1p(gap[i]),
            len(content & core) / len(content) if content else 0.0,
        ]
        rows.append(row)
        chars_before += chars[i]
        prose_before += prose_chars[i]
    return rows


def _run_lengths(flags: list[bool]) -> list[int]:
    """Return, for each line, the length of the run of equal flags it belongs to."""
    out = [0] * len(flags)
    start = 0
    for i in range(1, len(flags) + 1):
        if i == len(flags) or flags[i] != flags[start]:
            out[start:i] = [i - start] * (i - start)
            start = i
    return out


def _distance_to(flags: list[bool]) -> list[int]:
    """Return, for each line, how many lines away the nearest flagged line stands."""
    n = len(flags)
    far = n + 1
    out = [far] * n
    last = -far
    for i in range(n):
        if flags[i]:
            last = i
        out[i] = i - last
    last = 2 * n + 2
    for i in range(n - 1, -1, -1):
        if flags[i]:
            last = i
        out[i] = min(out[i], last - i, far)
    return out


def content_words(line: str) -> set[str]:
    """Return the lowercased words of a line that are not function words."""
    return {w for w in (t.lower() for t in words(line)) if w not in ENGLISH_STOP_WORDS}
