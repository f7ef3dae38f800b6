"""Relays named in a cue's sentence: the outlet a quote was given to or taken from."""

from __future__ import annotations

import pytest

from storyline.extract.relays import relay


@pytest.mark.parametrize(
    ("words", "outlet"),
    [
        ("Arlo Penn told People on Tuesday.", "People"),
        ("she said, according to the Associated Press.", "Associated Press"),
        ("Penn said as quoted by The Intercept.", "The Intercept"),
        ("news agency PTI quoted the spokesperson.", "PTI"),
        ("Mira Dane said in an interview with CNN.", "CNN"),
        ("he told the student news agency ISNA.", "ISNA"),
        ("she said in a Playboy interview in 1998.", "Playboy"),
        ("Coach Sean Dale said (via Jeff Orr of the Harbour Times).", "Harbour Times"),
        ("SI.com is reporting that", "SI.com"),
        ("Councilman Ray Ortiz, who represents the area, said on Twitter.", "Twitter"),
    ],
)
def test_relay_shapes(words: str, outlet: str) -> None:
    assert relay(words) == outlet


def test_told_a_person_is_no_relay() -> None:
    assert relay("she told Smith after the hearing.", frozenset({"John Smith"})) is None


def test_told_the_newspaper_is_the_outlet_named_before() -> None:
    assert (
        relay("the owner told the newspaper.", outlet_before="Harlow Courier") == "Harlow Courier"
    )
    assert relay("the owner told reporters.", outlet_before="Harlow Courier") is None
