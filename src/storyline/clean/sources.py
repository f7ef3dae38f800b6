"""Who an article credits as its source (agencies, other outlets), and its own outlet's name.

Credits are read from fixed reporting frames around a capitalized name, never from a list of
known outlets: "according to a report published by The Intercept", "news agency PTI quoted",
"Khan said as quoted by The Intercept", "in an interview with the Financial Times",
"— (Express Tribune)" closing the article, "(With inputs from Reuters)".
"""

from __future__ import annotations

import re

from storyline.clean.boilerplate import LineKind, kind_of

# A proper name as news writes outlets: capitalized words, acronyms, ampersands, an optional
# leading "The" ("The Intercept", "Financial Times", "PTI", "AP", "Dawn News TV").
_NAME = r"(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w&'’.-]*){0,4}"

# Reporting frames in which a name is a credited source. Each has a real-article case in
# tests/clean/test_sources.py.
_FRAMES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        # according to a report published by The Intercept / according to Reuters
        rf"\baccording\s+to\s+(?:(?:a|an|the)\s+)?(?:\w+\s+)?(?:(?:report|story|article|"
        rf"investigation|documents?|analysis)\s+)?(?:(?:published|carried|released|aired)\s+)?"
        rf"(?:(?:by|in|on)\s+)?(?:the\s+)?(?P<name>{_NAME})",
        # news agency PTI quoted / wire service Reuters reported
        rf"\b(?:news\s+agency|wire\s+service|news\s+service|agency)\s+(?P<name>{_NAME})",
        # quoted by / reported by / obtained by / first reported by / published by X
        rf"\b(?:quoted|reported|obtained|published|broadcast|aired|revealed|first\s+reported)"
        rf"(?:\s+\w+){{0,6}}?\s+by\s+(?:the\s+)?(?P<name>{_NAME})",
        # , The Intercept reported. / X reported on Monday
        rf"(?:^|[,.;]\s+|\n)(?P<name>{_NAME})\s+(?:reported|has\s+reported|first\s+reported)\b",
        # in an interview with the Financial Times / told the BBC
        rf"\b(?:interview\s+with|told|speaking\s+to|spoke\s+to)\s+(?:the\s+)?(?P<name>{_NAME})",
        # The Intercept's report / release of the cable (not "Khan's release" from jail)
        rf"(?P<name>{_NAME})['’]s\s+(?:(?:report|investigation|reporting|publication)\b|"
        rf"release\s+of\s+(?:the|its|a)\b)",
        # — (Express Tribune) closing a paragraph; (With inputs from Reuters)
        rf"[—–-]\s*\((?P<name>{_NAME})\)\s*$",
        rf"\((?:[Ww]ith\s+)?(?:additional\s+)?inputs?\s+from\s+(?P<name>{_NAME})\)",
    )
)

# Names a frame can catch that are people, pronouns or generic words rather than sources.
_NOT_SOURCES = {
    "he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our",
    "agencies", "reporters", "officials", "sources", "media", "the", "this", "that",
    "reuters reported",
}  # fmt: skip

# Words that may end a frame's greedy name but are sentence words, not part of it.
_TRAILING_WORDS = re.compile(r"(?:\s+(?:On|In|At|On|For|As|And|But|That|The|This))+$")

# "News Guru, 2024 © All Rights Reserved" / "© 2024 News Guru. All rights reserved."
_COPYRIGHT_OWNER = (
    re.compile(r"^\s*(?P<name>[^,©\d][^,©]{1,60}?),?\s*(?:\d{4}\s*)?©", re.IGNORECASE),
    re.compile(
        r"^\s*(?:©|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<name>[^.,©|]{2,60}?)\s*"
        r"(?:[.,|]|all\s+rights)",
        re.IGNORECASE,
    ),
)


def credited_sources(body: str, removed_lines: list[str]) -> list[str]:
    """Return the outlets and agencies an article credits, in order of first mention."""
    found: list[str] = []
    # Of the removed lines only closing credits count: an about-us blurb in the footer
    # ("The Gazette has reported on the docks since 1968") credits no one.
    credits = [line for line in removed_lines if kind_of(line) is LineKind.CREDIT]
    texts = [*body.split("\n"), *credits]
    for text in texts:
        for frame in _FRAMES:
            for match in frame.finditer(text):
                name = _clean_name(match.group("name"))
                if name and name not in found:
                    found.append(name)
    return found


def outlet_from_footer(removed_lines: list[str]) -> str | None:
    """Return the site name a copyright footer states, if any."""
    for line in reversed(removed_lines):
        if "©" not in line and "copyright" not in line.lower():
            continue
        for pattern in _COPYRIGHT_OWNER:
            match = pattern.search(line)
            if match:
                name = match.group("name").strip(" .,-–|")
                if name and not name.lower().startswith("all rights"):
                    return name
    return None


def _clean_name(raw: str) -> str | None:
    name = _TRAILING_WORDS.sub("", raw.strip()).strip(" .,'’")
    name = re.sub(r"['’]s$", "", name)
    if name.lower() in _NOT_SOURCES or len(name) < 2:
        return None
    if name.startswith("The ") and len(name.split()) == 1:
        return None
    return name
