"""Near-duplicates: a syndicated copy points at the earliest copy."""

from __future__ import annotations

from storyline.group.duplicates import find_duplicates, shingles
from storyline.model import Article

TEXT = (
    "The city council voted nine to four on Tuesday to suspend all dredging in the East Basin "
    "until an independent inquiry has reported on the contamination found by the institute, "
    "and asked the harbour authority to publish every test result it holds within two weeks."
)


def test_copies_point_at_the_earliest() -> None:
    original = Article("a1", "1.txt", TEXT, published="2024-04-10")
    copy = Article("a2", "2.txt", TEXT + " (With inputs from agencies)", published="2024-04-11")
    other = Article("a3", "3.txt", "Dockers walked out on Monday over mud stockpiled on the quay.")
    earlier_copy_seen_later = Article("a4", "4.txt", "Harbourton: " + TEXT, published="2024-04-09")
    found = find_duplicates([original, copy, other, earlier_copy_seen_later])
    assert found == {"a1": "a4", "a2": "a4"}


def test_shingles_of_short_text() -> None:
    assert shingles("two words") == {"two words"}
    assert shingles("") == set()
