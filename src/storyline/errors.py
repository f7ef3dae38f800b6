"""The one exception type storyline raises for people: which input, and what is wrong with it."""

from __future__ import annotations


class StorylineError(Exception):
    """A problem a user can act on; the CLI prints it on one line."""


class InputError(StorylineError):
    """An input that cannot be read as an article: names the input and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class QueryError(StorylineError):
    """A search the store cannot read (bad syntax, empty): names the query and the reason."""

    def __init__(self, query: str, reason: str) -> None:
        super().__init__(f"search {query!r}: {reason}")
        self.query = query
        self.reason = reason
