"""Online storylines: new articles join the stored storyline they resemble, or start one."""

from __future__ import annotations

from storyline.group.clusters import Weights
from storyline.group.online import join_storylines

QUAKE = ["earthquake", "magnitude", "iquique", "@chile", "@onemi", "power", "house"]
REHAB = ["rehab", "actress", "@tara reid", "@promises treatment center", "malibu", "rep"]
ELECTION = ["ballot", "turnout", "@electoral commission", "recount", "constituency", "poll"]
FILLER = [[f"filler{i}", f"word{i}", f"other{i}"] for i in range(20)]


def test_new_articles_join_the_storyline_they_resemble_or_start_their_own() -> None:
    stored = [QUAKE, [*QUAKE[:5], "aftershock"], REHAB, [*REHAB[:4], "clinic"]]
    storylines = ["s-quake", "s-quake", "s-rehab", "s-rehab"]
    new = [[*QUAKE[1:], "tsunami"], REHAB[1:], ELECTION, [*ELECTION[1:], "ballot"]]
    collection = [*stored, *new, *FILLER]
    placed = join_storylines(new, stored, storylines, Weights.of(collection))
    assert placed[0] == "s-quake"
    assert placed[1] == "s-rehab"
    # The two election articles start one new storyline together.
    assert isinstance(placed[2], int)
    assert placed[2] == placed[3]


def test_with_no_candidates_new_articles_cluster_among_themselves() -> None:
    new = [QUAKE, QUAKE[:6], REHAB]
    placed = join_storylines(new, [], [], Weights.of([*new, *FILLER]))
    assert placed[0] == placed[1] != placed[2]
