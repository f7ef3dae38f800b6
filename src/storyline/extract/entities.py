"""Named entities of one article, each mention with the article's canonical name for it.

spaCy's NER finds the mentions; the names are then made canonical within the article: titles
dropped ("Spokesperson Ned Price" → "Ned Price"), surnames joined to the full name they
abbreviate ("Khan" → "Imran Khan"), acronyms to the name they were introduced with
("PTI" → "Pakistan Tehreek-e-Insaf" after "Pakistan Tehreek-e-Insaf (PTI)"), and common
country variants to one name ("US", "U.S.", "America" → "United States").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from storyline.model import Mention

# Entity types worth keeping for a storyline; dates, numbers and ordinals are the temporal
# engine's and the number checker's business.
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "EVENT", "LOC", "FAC", "LAW", "PRODUCT"}

# Words of rank and role that precede names in news ("Russian foreign ministry spokesperson
# Maria Zakharova"); dropped from a PERSON name's front.
TITLE_WORDS = {
    "president", "prime", "minister", "spokesperson", "spokesman", "spokeswoman", "secretary",
    "chief", "mr", "mrs", "ms", "dr", "sir", "senator", "sen", "rep", "representative",
    "congressman", "congresswoman", "governor", "gov", "mayor", "judge", "general", "gen",
    "ambassador", "envoy", "chairman", "chairwoman", "chair", "leader", "director", "assistant",
    "deputy", "foreign", "defence", "defense", "interior", "finance", "state", "barrister",
    "former", "retired", "late", "king", "queen", "prince", "princess", "pope", "lord", "lady",
    "professor", "prof", "captain", "colonel", "lieutenant", "officer", "inspector", "detective",
}  # fmt: skip

# Country name variants that news uses interchangeably (data, not heuristics: each maps to
# the name the rest of the corpus uses).
COUNTRY_ALIASES = {
    "us": "United States", "u.s.": "United States", "u.s": "United States",
    "usa": "United States", "u.s.a.": "United States", "america": "United States",
    "the united states": "United States", "united states": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "the united kingdom": "United Kingdom",
    "uae": "United Arab Emirates", "the uae": "United Arab Emirates",
}  # fmt: skip

# "Pakistan Tehreek-e-Insaf (PTI)": a capitalized name followed by its acronym in parentheses.
_ACRONYM_DEFINITION = re.compile(
    r"(?P<long>(?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|the|de|du)\s+)?){0,7}[A-Z][\w'’-]*)"
    r"\s+\((?P<short>[A-Z][A-Za-z&.]{1,9})\)"
)

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def acronyms(text: str) -> dict[str, str]:
    """Return the acronyms an article defines, each mapped to the name it stands for."""
    found: dict[str, str] = {}
    for match in _ACRONYM_DEFINITION.finditer(text):
        short = match.group("short").replace(".", "")
        long = _long_form(match.group("long").split(), short)
        if long and short not in found:
            found[short] = long
    return found


def mentions(doc: Doc, article_id: str) -> list[Mention]:
    """Return the entity mentions of a parsed article with article-level canonical names."""
    defined = acronyms(doc.text)
    raw: list[tuple[str, str, int, int, str]] = []  # surface, type, start, end, base name
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        base = _base_name(ent.text, ent.label_)
        if base:
            raw.append((ent.text, ent.label_, ent.start_char, ent.end_char, base))
    full_names = [base for _, kind, _, _, base in raw if kind == "PERSON" and " " in base]
    result = []
    for surface, kind, start, end, base in raw:
        name, kind = _canonical(base, kind, full_names, defined)
        result.append(Mention(article_id, surface, name, kind, start, end))
    return result


def _base_name(surface: str, kind: str) -> str | None:
    """Return a mention's name without articles, possessives and (for people) titles."""
    name = _POSSESSIVE.sub("", surface.strip()).strip(" .,;:\"“”'’")
    if kind != "PERSON" or not name:
        name = re.sub(r"^(?:the|The)\s+", "", name)
    else:
        tokens = name.split()
        while len(tokens) > 1 and tokens[0].lower().rstrip(".") in TITLE_WORDS:
            tokens.pop(0)
        name = " ".join(tokens)
    return name or None


def _canonical(
    base: str, kind: str, full_names: list[str], defined: dict[str, str]
) -> tuple[str, str]:
    """Return the article-level canonical name and type of a mention's base name."""
    if base in defined:
        return defined[base], "ORG" if kind in ("GPE", "PERSON") else kind
    country = COUNTRY_ALIASES.get(base.lower())
    if country and kind in ("GPE", "ORG", "LOC", "NORP") and kind != "NORP":
        return country, "GPE"
    if " " not in base:
        # A lone surname (NER sometimes labels it ORG: "Zakharova said") names the person
        # whose full name the article gave.
        matches = {full for full in full_names if full.split()[-1] == base}
        if len(matches) == 1 and kind in ("PERSON", "ORG", "GPE", "NORP"):
            return matches.pop(), "PERSON"
    return base, kind


def _long_form(tokens: list[str], short: str) -> str | None:
    """Return the shortest tail of the capitalized run whose initials spell the acronym."""
    letters = short.lower()
    for begin in range(len(tokens) - 1, -1, -1):
        candidate = tokens[begin:]
        initials = "".join(
            part[0].lower() for token in candidate for part in token.split("-") if part
        )
        starts_right = candidate[0][0].isupper() and candidate[0][0].lower() == letters[0]
        if starts_right and _subsequence(letters, initials):
            return " ".join(candidate)
    return None


def _subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(ch in it for ch in needle) and needle[-1] == haystack[-1]
