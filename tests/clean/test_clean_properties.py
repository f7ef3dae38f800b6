"""Properties of the text cleaner on arbitrary input: it never crashes, never stalls, never invents.

Hypothesis writes the inputs: any Unicode text, and text built from the pieces of a news dump
(headlines, bylines, datelines, furniture labels, quote marks, markup) where the cleaner's
patterns do their work. The only exception the cleaner may raise is InputError (nothing left
to keep); every line it removes is a line of its input.
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.clean import clean
from storyline.clean.boilerplate import LineKind, kind_of
from storyline.errors import InputError
from storyline.model import RawDocument

# Seconds one example may take. Cleaning a page of a few KB takes milliseconds; the bound is
# loose for a shared, loaded machine and tight enough to catch a backtracking pattern (those
# run for minutes on 100 characters).
CLEAN_SECONDS = 5.0
LINE_SECONDS = 1.0

# Pieces of a news text dump: where the line shapes and date patterns look.
DUMP_PIECES = [
    "By Jane Doe",
    "Published: Wednesday 03 July 2013",
    "WEDNESDAY 03 JULY 2013",
    "Updated 12:46 GMT",
    "Share this article",
    "Read more:",
    "Related stories",
    "Advertisement",
    "Harbour council halts dredging",
    "The council voted on Tuesday to suspend dredging in the basin.",
    '"We will not stop," the mayor said.',
    "“",
    "”",
    '"',
    "ab_",
    "!",
    "[/]",
    "<p>",
    "</p>",
    "&amp;",
    "|",
    "—",
    "\t",
    "\x00",
    "\u200b",
    "2013-07-03",
    "(AP) —",
    "LONDON —",
    "© 2013 Daily News",
]

dump_lines = st.lists(
    st.one_of(st.sampled_from(DUMP_PIECES), st.text(max_size=40)), max_size=12
).map(" ".join)
dumps = st.one_of(
    st.text(max_size=2000),
    st.lists(dump_lines, max_size=40).map("\n".join),
)

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(text=dumps)
def test_clean_raises_only_input_error_and_removes_only_input_lines(text: str) -> None:
    started = time.monotonic()
    try:
        article = clean(RawDocument(source="hostile.txt", text=text))
    except InputError as error:
        assert error.source == "hostile.txt"
        return
    finally:
        assert time.monotonic() - started < CLEAN_SECONDS
    assert article.text.strip()
    for line in article.removed_lines:
        assert line in text


@_SETTINGS
@given(line=dump_lines)
def test_kind_of_gives_a_kind_for_any_line(line: str) -> None:
    started = time.monotonic()
    assert isinstance(kind_of(line), LineKind)
    assert time.monotonic() - started < LINE_SECONDS


@settings(max_examples=20, deadline=None)
@given(
    piece=st.sampled_from(["ab_", '"', "“", "a ", "- ", "|", ". "]), repeat=st.integers(40, 4000)
)
def test_kind_of_is_fast_on_long_repetitive_lines(piece: str, repeat: int) -> None:
    # The shapes that once backtracked: "ab_ab_…ab_!" and a line of quote marks.
    line = piece * repeat + "!"
    started = time.monotonic()
    kind_of(line)
    assert time.monotonic() - started < LINE_SECONDS
