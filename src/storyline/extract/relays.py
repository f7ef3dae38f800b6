"""Relays: the outlet or agency a quote was given to or taken from (a quote's ``via``).

"told People", "according to the Associated Press", "as quoted by The Intercept",
"news agency PTI quoted", "said in an interview with CNN", "Ward told The Canadian Press",
"(via Jeff Duncan of the Times-Picayune)", "wrote on Twitter". Only the words of the quote's
own cue sentence are searched: a quote takes a relay only where its cue names it.
"""

from __future__ import annotations

import re

# A name as news writes an outlet: capitalized words, "The" allowed in front, dotted domains
# ("MLB.com", "SI. com" in tokenized text) and hyphened names ("Times - Picayune").
_WORD = r"[A-Z][\w&'’.]*(?:\s?\.\s?com)?"
_NAME = (
    rf"(?:(?:[Tt]he\s+)?{_WORD}(?:(?:\s+|\s*-\s*|\s+of\s+){_WORD}){{0,4}}"
    r"|[a-z][a-z0-9-]+\.(?:com|org|net|co\.uk)\b)"  # "according to washingtonpost.com"
)

# Social networks a quote may be posted on ("wrote on Twitter" → Twitter).
_SOCIAL = r"Twitter|Facebook|Instagram|TikTok|YouTube|Weibo|Telegram"

# Verbs and phrases whose object is the outlet that carried the words. Each is a shape seen
# in real articles; the named group is the relay.
RELAY_PATTERNS = (
    # "as quoted by The Intercept", "quoted by state media"
    re.compile(rf"\b(?:[Aa]s\s+)?quoted\s+by\s+(?P<name>{_NAME})"),
    # "news agency PTI quoted", "the news agency IRNA quoted"
    re.compile(rf"\b(?:news\s+agency|agency|wire\s+service)\s+(?P<name>{_NAME})\s+quoted\b"),
    # "told People", "told the BBC", "told the student news agency ISNA", "after telling People"
    re.compile(
        rf"\b(?:[Tt]old|[Tt]elling|tells|(?:confirm(?:s|ed)?|said|wrote)\s+to)\s+(?:the\s+)?(?:(?:[a-z]+\s+){{0,3}}(?:news\s+agency|newspaper|daily|"
        rf"magazine|website|channel|broadcaster)\s+)?(?P<name>{_NAME})"
    ),
    # "according to the Associated Press", "according to a statement to CNN"
    re.compile(rf"\b[Aa]ccording\s+to\s+(?:the\s+)?(?P<name>{_NAME})"),
    # "in an interview with CNN" (not "a call with Seattle reporters": a call is not an outlet)
    re.compile(rf"\b(?:[Ii]nterview|[Cc]onversation)\s+with\s+(?:the\s+)?(?P<name>{_NAME})"),
    # "(via Jeff Duncan of the Times-Picayune)": the outlet after "of"
    re.compile(rf"\bvia\s+{_NAME}\s+of\s+(?:the\s+)?(?P<name>{_NAME})"),
    re.compile(rf"\bvia\s+(?:the\s+)?(?P<name>{_NAME})"),
    # "wrote on Twitter", "On its Twitter account, X said", "posted on Facebook"
    re.compile(rf"\b[Oo]n\s+(?:(?:his|her|its|their|the)\s+)?(?P<name>{_SOCIAL})\b"),
    re.compile(rf"\b(?:tweeted|via)\b.*?\b(?P<name>{_SOCIAL})\b"),
    # "said in a Playboy interview", "told in an ABC interview"
    re.compile(rf"\b[Ii]n\s+an?\s+(?P<name>{_NAME})\s+interview\b"),
    # "on the National Institutes of Health web site": the site's owner published the words
    re.compile(rf"\b[Oo]n\s+the\s+(?P<name>{_NAME})\s+(?:web\s?site|website|blog|site)\b"),
    # "SI.com is reporting that", "The Anchorage Daily News reported": the outlet relays
    re.compile(rf"(?P<name>{_NAME})(?:['’]s?\s+\S+)?\s+(?:is\s+reporting|reported|reports)\b"),
    # "state television said" / "state TV quoted" / "told state television": media by kind
    re.compile(r"\b(?P<name>state\s+(?:television|TV|media|radio|news\s+agency))\b"),
)

# Words the name pattern catches that are not outlets ("told The" of a broken line, pronouns,
# a sentence-initial word after "told": "told reporters" is lowercase and never caught).
_NOT_RELAYS = {"the", "he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}

# Outlets named with a possessive or a trailing title word keep only the outlet part
# ("CNN's" → "CNN"; "the BBC on Monday" has no capital after BBC so it stops by itself).
_POSSESSIVE = re.compile(r"['’]s?$")

# Words that make a name an outlet even where the NER took it for a person ("Northshore
# Herald", "France Info").
OUTLET_WORDS = {"Herald", "News", "Times", "Post", "Info", "Press", "TV", "Radio", "Daily",
                "Journal", "Tribune", "Gazette", "Telegraph", "Guardian", "Mail", "Express",
                "Magazine", "Weekly", "Ledger", "Chronicle", "Star", "Sun", "Observer"}  # fmt: skip

# Who is told is a person, not an outlet, when the "name" is a known person of the article;
# the caller passes those names. Titles of people ("Mr", "Gov") mark a person too.
_PERSON_TITLES = {"mr", "mrs", "ms", "dr", "gov", "sen", "rep", "president", "judge"}


# "told the newspaper", "told the magazine": the outlet the article named before.
OUTLET_NOUNS = re.compile(
    r"\b(?:told|telling|according\s+to)\s+the\s+(?:newspaper|paper|magazine|daily|weekly|"
    r"network|broadcaster|station|agency|news\s+agency|website|wire)\b"
)


def relay(
    cue_words: str, people: frozenset[str] = frozenset(), outlet_before: str | None = None
) -> str | None:
    """Return the outlet a quote's cue sentence names as its relay, or None.

    ``outlet_before`` is the last organization the article named before the quote, the one
    "told the newspaper" points back to.
    """
    if outlet_before and OUTLET_NOUNS.search(cue_words):
        return outlet_before
    for pattern in RELAY_PATTERNS:
        for match in pattern.finditer(cue_words):
            name = _POSSESSIVE.sub("", match.group("name").strip(" .,;:"))
            name = re.sub(r"^the\s+", "", name)  # "the BBC" → "BBC"; "The Intercept" stays
            first = name.split()[0].lower().rstrip(".") if name.split() else ""
            if not name or name.lower() in _NOT_RELAYS or first in _PERSON_TITLES:
                continue
            outlet_like = any(w in OUTLET_WORDS for w in name.split()) or bool(
                re.fullmatch(_SOCIAL, name)
            )
            if not outlet_like and any(name == p or name == p.split()[-1] for p in people):
                continue  # "told Smith": a person, not an outlet
            return name
    return None
