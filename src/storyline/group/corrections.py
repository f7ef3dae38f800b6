"""Analysts' corrections to grouping: merge two stories, split articles off one, rename one.

Each correction is kept in the store and takes effect at once on the storylines it concerns;
every later ingest replays it (``storyline.group.replay``), so it lasts whatever the
clustering does. The CLI's ``storyline stories merge|split|rename`` and the web UI call these.
"""

from __future__ import annotations

from storyline.errors import StorylineError
from storyline.model import Correction, Story, content_id
from storyline.store.base import Store


def merge(store: Store, a: str, b: str) -> str:
    """Merge story ``b`` into story ``a`` (two events, or two storylines); return ``a``."""
    first, second = _story(store, a), _story(store, b)
    if a == b:
        raise StorylineError(f"{a}: cannot merge a story with itself")
    if first.level != second.level:
        raise StorylineError(f"{a} is a {first.level}, {b} a {second.level}: merge like with like")
    store.add_correction(
        Correction("merge", first.level, a, b, list(first.article_ids), list(second.article_ids))
    )
    _regroup(store, {_storyline(first), _storyline(second)})
    return a


def split(store: Store, story: str, article_ids: list[str]) -> str:
    """Split these articles off a story into a new story of the same level; return its id."""
    found = _story(store, story)
    if not article_ids:
        raise StorylineError(f"{story}: name the articles to split off")
    members = set(found.article_ids)
    strangers = [a for a in article_ids if a not in members]
    if strangers:
        raise StorylineError(f"{strangers[0]}: no such article in {found.level} {story}")
    moved = list(dict.fromkeys(article_ids))
    if len(moved) == len(members):
        raise StorylineError(f"{story}: splitting off every article would leave it empty")
    new_id = content_id(found.level, "split", story, *sorted(moved), prefix=found.level[0])
    store.add_correction(Correction("split", found.level, story, new_id, moved))
    _regroup(store, {_storyline(found)})
    return new_id


def rename(store: Store, story: str, label: str) -> None:
    """Give a story the analyst's label (kept over the label grouping would make)."""
    found = _story(store, story)
    label = " ".join(label.split())
    if not label:
        raise StorylineError(f"{story}: the new label is empty")
    store.add_correction(Correction("rename", found.level, story, label=label))
    _regroup(store, {_storyline(found)})


def _story(store: Store, story_id: str) -> Story:
    found = store.story(story_id)
    if found is None:
        raise StorylineError(f"{story_id}: no such story (see storyline export --what stories)")
    return found


def _storyline(story: Story) -> str:
    return story.id if story.level == "storyline" else (story.parent_id or story.id)


def _regroup(store: Store, storylines: set[str]) -> None:
    from storyline.engine.regroup import regroup_stored  # the engine runs the later stages

    regroup_stored(store, storylines)
