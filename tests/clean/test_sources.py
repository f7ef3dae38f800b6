"""Credited sources and outlet names, each frame with an invented sentence of a real shape."""

from __future__ import annotations

import pytest

from storyline.clean.sources import credited_sources, outlet_from_footer


@pytest.mark.parametrize(
    ("text", "credits"),
    [
        (
            "The mud was toxic, according to a report published by The Coastal Ledger.",
            ["The Coastal Ledger"],
        ),
        ("“We will not move it,” news agency KPA quoted union leader Tomas Reyne.", ["KPA"]),
        (
            "The strike will go on, Reyne said as quoted by Northshore Herald.",
            ["Northshore Herald"],
        ),
        (
            "She said in an interview with the Financial Times that she would stay.",
            ["Financial Times"],
        ),
        ("The yard denied any wrongdoing. — (Express Tribune)", ["Express Tribune"]),
        ("The minister was questioned, The Intercept reported.", ["The Intercept"]),
        ("The cable was obtained from a ministry document by The Intercept.", ["The Intercept"]),
        ("Tests by the Merrow Bay Institute found cadmium, according to test results.", []),
        ("Supporters called for Khan’s release outside the court.", []),
    ],
)
def test_credit_frames(text: str, credits: list[str]) -> None:
    assert credited_sources(text, []) == credits


def test_agencies_are_not_a_named_source_but_named_inputs_are() -> None:
    assert credited_sources("Body.", ["(With inputs from agencies)"]) == []
    assert credited_sources("Body.", ["(With inputs from Reuters)"]) == ["Reuters"]


def test_outlet_from_copyright_footer() -> None:
    assert (
        outlet_from_footer(["Share This Post", "Tidewater Post, 2025 © All Rights Reserved"])
        == "Tidewater Post"
    )
    assert outlet_from_footer(["© 2024 Saltgate Times. All rights reserved."]) == "Saltgate Times"
    assert outlet_from_footer(["Leave a Reply"]) is None
