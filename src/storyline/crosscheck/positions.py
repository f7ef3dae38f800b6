"""Positions: each main actor's statements on a storyline in date order, and where they shift.

A main actor is a speaker with at least ``MIN_STATEMENTS`` statements in the storyline. A
shift is a statement, after earlier ones, whose cue marks a change (deny, retract, concede,
...) or whose words do ("I've moved past that", "no longer").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from storyline.crosscheck.statements import Said
from storyline.model import Position, PositionStatement, Shift

MIN_STATEMENTS = 2

# Cues (lemmas) that mark a change of position when the actor has spoken before.
SHIFT_CUES = {
    "deny": "denies", "retract": "retracts", "withdraw": "withdraws", "recant": "recants",
    "concede": "concedes", "admit": "admits", "acknowledge": "acknowledges",
    "reverse": "reverses", "backtrack": "backtracks", "apologize": "apologizes",
    "apologise": "apologises", "clarify": "clarifies",
}  # fmt: skip

# Words inside a statement that say the speaker has changed their mind.
SHIFT_WORDS = re.compile(
    r"\b(?P<cue>mov(?:e|ed|es|ing) (?:past|on from|beyond)|no longer|"
    r"chang(?:e|ed|es) (?:my|our|his|her|their) (?:mind|view|position)|"
    r"(?:take|took|taking) (?:it |that |those words )?back|regret(?:s|ted)?|"
    r"retract(?:s|ed)?|withdr[ae]w(?:s|n)?)\b",
    re.IGNORECASE,
)


def find_positions(storyline: str | None, said: Sequence[Said]) -> list[Position]:
    """Return the positions of one storyline's main actors, most statements first."""
    by_actor: dict[str, list[Said]] = defaultdict(list)
    for statement in said:
        if statement.speaker:
            by_actor[statement.speaker].append(statement)
    positions = []
    for actor, statements in by_actor.items():
        if len(statements) < MIN_STATEMENTS:
            continue
        statements.sort(key=lambda s: s.order)
        positions.append(
            Position(
                entity=actor,
                storyline_id=storyline,
                statements=[
                    PositionStatement(
                        date=s.date,
                        article_id=s.article_id,
                        outlet=s.analysis.article.outlet,
                        kind=s.quote.kind,
                        cue=s.cue,
                        text=s.quote.text,
                    )
                    for s in statements
                ],
                shifts=_shifts(actor, statements),
            )
        )
    return sorted(positions, key=lambda p: (-len(p.statements), p.entity))


def _shifts(actor: str, statements: list[Said]) -> list[Shift]:
    shifts = []
    for index, statement in enumerate(statements[1:], start=1):
        words = SHIFT_WORDS.search(statement.quote.text)
        if statement.cue in SHIFT_CUES:
            cue, verb = statement.cue, SHIFT_CUES[statement.cue]
        elif words:
            cue = verb = words.group("cue").lower()
        else:
            continue
        before = statements[index - 1]
        explanation = (
            f"{actor} {verb} (“{_short(statement.quote.text)}”) after saying "
            f"“{_short(before.quote.text)}”" + (f" ({before.date})" if before.date else "") + "."
        )
        shifts.append(Shift(date=statement.date, cue=cue or "", explanation=explanation))
    return shifts


# Words of a statement shown in a shift's explanation.
SHORT_WORDS = 14


def _short(text: str) -> str:
    words = text.split()
    return " ".join(words[:SHORT_WORDS]) + ("…" if len(words) > SHORT_WORDS else "")
