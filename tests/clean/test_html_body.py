"""Two readings of a page combined, news furniture removed: small invented pages of real shapes."""

from __future__ import annotations

import lxml.html
import pytest

from storyline.clean.boilerplate import TAIL_MARKER, WIDGET_LABEL, LineKind, kind_of
from storyline.clean.html_body import (
    BYLINE_MAX_WORDS,
    FURNITURE,
    HEADER_MAX_LINES,
    HEADLINE_MIN_WORDS,
    RELATED_TAIL_SHARE,
    SECOND_READING_COVERAGE,
    SECOND_READING_GROWTH,
    BodyRule,
    block_lines,
    combine,
    read,
    remove_furniture,
    shingles,
)

PROSE = (
    "The harbour authority said on Monday that dredging in the east basin would stop until a "
    "second round of sediment tests is complete, a decision fishers welcomed at the quay."
)
OTHER = (
    "Council members asked the authority to publish every test result, and the mayor said the "
    "city would pay for an independent laboratory if the port refused to do so."
)
SUBHEAD = "What the tests found"
LIST_ITEM = "Lead and cadmium above the legal limit in three of the five samples taken"


def test_shingles_are_lowercased_word_4grams() -> None:
    assert shingles("The Council met, today.") == {("the", "council", "met", "today")}
    assert shingles("Two words") == {("two", "words")}
    assert shingles("") == set()


def test_second_reading_is_kept_when_it_holds_the_first_and_more() -> None:
    # readability kept the subhead and the list that trafilatura dropped: the same article.
    first = f"{PROSE}\n{OTHER}"
    second = f"{PROSE}\n{SUBHEAD}\n{LIST_ITEM}\n{OTHER}"
    assert SECOND_READING_COVERAGE == 0.85 and SECOND_READING_GROWTH == 1.0
    assert combine(first, second, BodyRule()) == second


def test_second_reading_is_refused_when_it_read_something_else() -> None:
    # readability preferred the comment thread: it holds little of trafilatura's article.
    comments = "Great article, thanks for sharing this with all of us here. " * 8
    first = f"{PROSE}\n{OTHER}"
    assert combine(first, f"{PROSE}\n{comments}", BodyRule()) == first
    # Shorter than the first reading: it lost part of the article.
    assert combine(first, PROSE, BodyRule()) == first
    assert combine(first, "", BodyRule()) == first
    assert combine("", PROSE, BodyRule()) == PROSE


def test_headline_repeated_above_the_text_is_removed() -> None:
    assert HEADLINE_MIN_WORDS == 3
    lines = ["Harbour dredging halted after tests", PROSE, OTHER]
    assert remove_furniture(lines, "Harbour dredging halted after tests") == [PROSE, OTHER]
    # The <title> adds the site: the line is still the headline ("Headline | Site").
    assert remove_furniture(lines, "Harbour dredging halted after tests | Ledger") == [PROSE, OTHER]
    # A one-word heading agreeing with a one-word title only when equal.
    assert remove_furniture(["Foo", PROSE], "Foo bar baz") == ["Foo", PROSE]
    # Below the first prose line, a line equal to the headline is body (a quote, a recap).
    assert remove_furniture(
        [PROSE, "Harbour dredging halted after tests"], "Harbour dredging halted after tests"
    ) == [PROSE, "Harbour dredging halted after tests"]


@pytest.mark.parametrize(
    "byline",
    [
        "By Jane Doe and John Roe",
        "posted on April 21, 2015, at 11:29 a.m.",
        "- 24 July 2015",
        "08.04.2015 12:46",
        "Por Ana Gómez y Luis Pérez",
        "2017-03-10 09:58 Source: Ledger Science",
        "22 Dec, 2016 22 Dec, 2016",
    ],
)
def test_byline_and_dateline_above_the_text_are_removed(byline: str) -> None:
    assert BYLINE_MAX_WORDS == 12 and HEADER_MAX_LINES == 6
    assert remove_furniture([byline, PROSE, OTHER], None) == [PROSE, OTHER]


def test_a_dated_sentence_in_the_body_is_not_a_byline() -> None:
    dated = "On 24 July 2015 the port closed."
    assert remove_furniture([PROSE, dated, OTHER], None) == [PROSE, dated, OTHER]


@pytest.mark.parametrize(
    "label",
    [
        "Share on Twitter",
        "- Share on Facebook",
        "941 comments",
        "Loading Comments...",
        "SUBSCRIBE",
        "Advertisement",
        "VIDEO",
        "Like this:",
        "1 of 5",
        "Please wait...",
        "Continue reading the main story",
        "SIGN UP FOR OUR NEWSLETTER",
    ],
)
def test_one_line_labels_are_removed_anywhere(label: str) -> None:
    assert WIDGET_LABEL.match(label.lstrip("- "))
    assert remove_furniture([PROSE, label, OTHER], None) == [PROSE, OTHER]


def test_read_more_teasers_are_removed() -> None:
    teaser = "Read more: Port workers strike over pay"
    assert kind_of(teaser) is LineKind.INLINE_TEASER
    assert kind_of("Also read | Ferry fares rise") is LineKind.INLINE_TEASER
    assert remove_furniture([PROSE, teaser, OTHER], None) == [PROSE, OTHER]
    # "Read more about the tests on the authority's site." is a sentence, not a teaser.
    sentence = "Read more about the tests on the authority's site."
    assert remove_furniture([PROSE, sentence], None) == [PROSE, sentence]


def test_related_list_at_the_end_is_cut() -> None:
    assert RELATED_TAIL_SHARE == 0.4
    teasers = ["You Might Also Like", "Ferry fares rise again", "Mayor opens cycle lane"]
    assert TAIL_MARKER.match("Other Opinion Columns")
    assert remove_furniture([PROSE, OTHER, *teasers], None) == [PROSE, OTHER]
    # The same label near the top opens a section of the article, not the related list.
    lines = ["Related coverage", PROSE, OTHER, PROSE]
    assert remove_furniture(lines, None) == lines


def test_furniture_kinds_can_be_switched_off_one_by_one() -> None:
    lines = ["By Jane Doe", PROSE, "Share", OTHER]
    assert remove_furniture(lines, None, FURNITURE - {"byline"}) == ["By Jane Doe", PROSE, OTHER]
    assert remove_furniture(lines, None, frozenset()) == lines
    assert BodyRule().furniture == FURNITURE


def test_block_lines_give_one_line_per_block() -> None:
    root = lxml.html.fromstring(
        "<div><h2>What the <em>tests</em> found</h2><p>Lead above<br>the limit.</p>"
        "<ul><li>one</li><li>two</li></ul><!-- note --></div>"
    )
    assert block_lines(root) == ["What the tests found", "Lead above", "the limit.", "one", "two"]


def test_read_gives_both_readings_of_a_page() -> None:
    page = (
        f"<html><body><nav>Home World</nav><article><h1>Harbour dredging halted</h1>"
        f"<p>{PROSE}</p><h2>{SUBHEAD}</h2><p>{OTHER}</p></article></body></html>"
    )
    tree = lxml.html.document_fromstring(page)
    readings = read(page, {"include_comments": False}, tree)
    assert readings.document is not None and "dredging in the east basin" in readings.document.text
    assert PROSE in readings.second and OTHER in readings.second
    assert read(page, {}, None).second == ""
