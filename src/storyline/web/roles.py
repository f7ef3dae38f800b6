"""Roles an entity is given in the articles, with the dates they were given: an entity page's.

Extraction keeps who is mentioned, not the title the article gives them, so the roles are read
here from the words around each mention: a title run before the name ("Prime Minister Imran
Khan", "former PM Imran Khan", "Foreign Office spokesperson Mumtaz Zahra Baloch") or an
appositive after it ("Imran Khan, the founder of the party,"). A run counts only when it holds
a role noun (ROLE_NOUNS): "Pakistan's Imran Khan" and "When Imran Khan" give none. Each role
comes with the first and last publication dates of the articles that give it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

# Head nouns of a role or title (lowercase). A word list, not a model: these are the titles
# news writing puts before or after a name; a run of words without one is no role.
ROLE_NOUNS = frozenset({
    "president", "premier", "minister", "pm", "chancellor", "secretary", "spokesperson",
    "spokesman", "spokeswoman", "ambassador", "envoy", "diplomat", "senator", "governor",
    "mayor", "judge", "justice", "chief", "chairman", "chairwoman", "chair", "director",
    "leader", "head", "founder", "co-founder", "commander", "general", "admiral", "colonel",
    "officer", "sheriff", "attorney", "prosecutor", "lawyer", "ceo", "executive", "councillor",
    "councilor", "councilman", "councilwoman", "lawmaker", "legislator", "mp",
    "representative", "congressman", "congresswoman", "king", "queen", "prince", "princess",
    "emperor", "pope", "bishop", "cardinal", "imam", "coach", "captain", "manager",
    "commissioner", "inspector", "detective", "candidate", "nominee", "speaker",
    "superintendent", "treasurer", "adviser", "advisor", "aide", "official", "owner",
    "chairperson", "president-elect", "dictator", "monarch", "ruler", "governor-general",
    "economist", "analyst", "professor", "editor", "correspondent", "reporter", "journalist",
    "investigator"
})  # fmt: skip

# Words a title run keeps although they are stop words ("former prime minister").
ROLE_MODIFIERS = frozenset({"former", "then", "ex", "first", "top", "acting", "deputy", "vice"})

# Words right before a role that report or act on the person rather than describe them
# ("said spokesperson X", "met President X"): a run of lowercase qualifiers stops at them.
NOT_QUALIFIERS = frozenset({
    "said", "says", "told", "added", "asked", "met", "urged", "warned", "thanked", "accused",
    "called", "visited", "named", "oust", "remove", "removed", "release", "released",
    "arrested", "detained", "defeated", "replaced", "succeeded",
    "fired", "hired", "sacked", "appointed", "elected", "nominated", "hailed", "blamed"
})  # fmt: skip

# Longest run of words before a name taken as its title; words of an appositive its role
# noun may come within, and words of the "of ..." phrase after it.
MAX_TITLE_WORDS = 5
APPOSITIVE_HEAD_WORDS = 4
APPOSITIVE_TAIL_WORDS = 3

# Short forms written for a role, read as the role ("former PM" is a former prime minister;
# "Sen." a senator). A word ending in a full stop joins a title only if it is one of these:
# otherwise the stop ends a sentence ("Partners's chief executive. Viskavis has said").
ABBREVIATIONS = {
    "pm": "prime minister", "sen": "senator", "gen": "general", "gov": "governor",
    "rep": "representative", "col": "colonel", "capt": "captain", "insp": "inspector",
    "det": "detective", "supt": "superintendent", "pres": "president", "adm": "admiral",
}  # fmt: skip

# Characters of text read on each side of a mention.
CONTEXT_CHARS = 80

# Mentions read for an entity page (the latest by publication).
MAX_MENTIONS_READ = 2_000

_WORD = re.compile(r"[\w’'.-]+$")
_APPOSITIVE = re.compile(r"^\s*,\s+(?:(?:the|a|an)\s+)?([^,.;:()“”\"\n]{2,80})")


@dataclass
class Role:
    """A role an entity is given: as written most often, first and last seen, in how many."""

    role: str
    first_seen: str | None
    last_seen: str | None
    articles: int
    article_id: str  # an article giving it (the latest)


def title_before(before: str) -> str | None:
    """Return the title run right before a name ("former prime minister"), or None.

    Read from the name leftwards: role nouns, modifiers ("former") and capitalized words are
    taken; a lowercase word only as a qualifier of the word taken after it ("prime" of
    "minister", "foreign ministry" of "spokesperson"); anything else, punctuation or a line
    break ends the run.
    """
    words: list[str] = []
    if not before.endswith(" "):
        return None  # the name follows punctuation, a quote mark or a line break
    rest = before.rstrip(" ")
    while len(words) < MAX_TITLE_WORDS:
        found = _WORD.search(rest)
        if not found:
            break
        word = found.group().strip(".")
        lower = word.lower()
        if not word or lower.endswith(("'s", "’s")) or word[0].isdigit():
            break
        if found.group().endswith("."):
            if lower not in ABBREVIATIONS:
                break  # a sentence ends there
            word += "."  # "Sen.", as written
        if lower in ROLE_NOUNS or lower in ROLE_MODIFIERS:
            pass
        elif lower in STOP_WORDS or lower in NOT_QUALIFIERS:
            break
        elif not word[0].isupper() and not (words and words[0][0].islower()):
            break  # a lowercase qualifier only of a lowercase role word ("prime minister")
        words.insert(0, word)
        rest = rest[: found.start()]
        if not rest.endswith(" "):
            break  # punctuation or a line break before the word: the run starts here
        rest = rest.rstrip(" ")
    return _role(words)


def appositive_after(after: str) -> str | None:
    """Return the role an appositive gives after a name (", the founder of the party"), or None.

    The role noun must come within its first words; the phrase ends there, or after one
    "of / at / for" phrase ("founder of the party", not "PTI leader Barrister Saif made").
    """
    found = _APPOSITIVE.match(after)
    if not found:
        return None
    words = found.group(1).split()
    if not words or words[0].lower() in STOP_WORDS - ROLE_MODIFIERS:
        return None
    heads = [i for i, w in enumerate(words[:APPOSITIVE_HEAD_WORDS]) if _is_role_noun(w)]
    if not heads:
        return None
    end = heads[-1] + 1
    if end < len(words) and words[end].lower() in ("of", "at", "for"):
        tail = end + 1
        while tail < min(len(words), end + 1 + APPOSITIVE_TAIL_WORDS) and words[
            tail
        ].lower() not in STOP_WORDS - {"the", "a", "an"}:
            tail += 1
        if tail > end + 1 and words[tail - 1].lower() not in ("the", "a", "an"):
            end = tail
    return " ".join(words[:end])


def roles(contexts: list[dict[str, Any]]) -> list[Role]:
    """Return the roles the mentions' contexts give, most articles first, with their dates."""
    written: dict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    dates: dict[str, list[str]] = defaultdict(list)
    articles: dict[str, dict[str, None]] = defaultdict(dict)
    for context in contexts:
        for role in (title_before(context["before"]), appositive_after(context["after"])):
            if role is None:
                continue
            key = _key(role)
            written[key][role] += 1
            articles[key].setdefault(context["article_id"])
            if context["published"]:
                dates[key].append(context["published"])
    found = [
        Role(
            role=max(written[key], key=lambda role: (written[key][role], _titled(role), role)),
            first_seen=min(dates[key]) if dates[key] else None,
            last_seen=max(dates[key]) if dates[key] else None,
            articles=len(articles[key]),
            article_id=next(iter(articles[key])),
        )
        for key in written
    ]
    return sorted(found, key=lambda r: (-r.articles, r.first_seen or "9999", r.role))


def _titled(role: str) -> bool:
    """Return whether a role is written as a title ("Prime Minister": preferred on a tie)."""
    return role[:1].isupper() and not role.isupper()


def _is_role_noun(word: str) -> bool:
    lower = word.lower().strip(".,")
    return lower in ROLE_NOUNS or lower in ABBREVIATIONS


def _role(words: list[str]) -> str | None:
    """Return the words as a role if one of them is a role noun."""
    if not any(_is_role_noun(w) for w in words):
        return None
    return " ".join(words)


def _key(role: str) -> str:
    words = [ABBREVIATIONS.get(w.lower(), w.lower()) for w in role.split()]
    return " ".join(words)
