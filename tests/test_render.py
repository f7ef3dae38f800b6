"""Printing untrusted values: Rich shows them as they are, minus control characters."""

from __future__ import annotations

import io
import itertools
import re

from rich.console import Console, RenderableType

from storyline.render import labelled, plain, printable, spreadsheet_cell

# Pieces of hostile names and titles; every combination of two is tried.
PIECES = [
    "[link=javascript:alert(1)]",
    "[/]",
    "[bold red]",
    "\\",
    "\\[",
    "[draft]",
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x1b]8;;https://evil.example\x1b\\",
    "\x1b",
    "\x00",
    "\x9b31m",
    "\u202e",
    "\n",
    "Daily News",
    ":warning:",
    "émigré",
]


def _shown(renderable: RenderableType) -> str:
    console = Console(file=io.StringIO(), force_terminal=True, color_system=None, width=500)
    console.print(renderable, end="", highlight=False)
    return console.file.getvalue()  # type: ignore[attr-defined]


def _expected(value: str) -> str:
    # What a person should see: the words and brackets, without the control characters.
    for sequence in ("\x1b[2J", "\x1b]0;title\x07", "\x1b]8;;https://evil.example\x1b\\"):
        value = value.replace(sequence, "")
    value = re.sub("\x1b.?", "", value)  # a lone ESC and the command it starts (ESC c: reset)
    value = value.replace("\n", " ")
    return "".join(c for c in value if c.isprintable() or c == " ")


def test_every_combination_is_shown_as_written_without_controls() -> None:
    for first, second in itertools.product(PIECES, repeat=2):
        value = f"{first}a{second}"
        assert _shown(plain(value)) == _expected(value), repr(value)
        assert _shown(labelled("error:", "red", value)) == "error: " + _expected(value)
        assert printable(value) == _expected(value)


def test_formula_cells_get_a_quote_and_others_stay() -> None:
    for cell in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_cell(cell) == "'" + cell
    for cell in ("Daily News", "", "['a']", 12, None, -3):
        assert spreadsheet_cell(cell) == cell
