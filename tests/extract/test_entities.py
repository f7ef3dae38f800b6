"""Entity mentions with article-level canonical names."""

from __future__ import annotations

from storyline.extract.entities import acronyms, mentions
from storyline.extract.nlp import english


def _names(text: str) -> dict[str, str]:
    return {m.text: m.name for m in mentions(english()(text), "a1")}


def test_acronym_definitions() -> None:
    text = (
        "Members of the Harbour Workers Union (HWU) met the Pakistan Tehreek-e-Insaf (PTI) today."
    )
    assert acronyms(text) == {"HWU": "Harbour Workers Union", "PTI": "Pakistan Tehreek-e-Insaf"}


def test_surnames_titles_and_acronyms_take_the_full_name() -> None:
    text = (
        "Harbour Authority chief executive Jana Okoro met the Harbour Workers Union (HWU) on "
        "Monday. Okoro said the HWU had agreed to talks. Spokesperson Ned Price declined to comment."
    )
    names = _names(text)
    assert names.get("Okoro") == "Jana Okoro"
    assert names.get("HWU") == "Harbour Workers Union"
    assert "Ned Price" in {v for v in names.values()}


def test_country_variants_are_one_name() -> None:
    names = _names(
        "The U.S. and the United States Congress; officials in the US said America would act."
    )
    assert {n for s, n in names.items() if s in ("U.S.", "US", "America")} == {"United States"}
