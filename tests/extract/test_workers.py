"""Parsing in several processes gives the same extractions as one process."""

from __future__ import annotations

from storyline.extract import MIN_PARALLEL_ARTICLES, extract
from storyline.model import Article


def test_two_workers_match_one() -> None:
    articles = [
        Article(
            id=f"a{n}",
            source=f"{n}.txt",
            language="en",
            published="2024-04-11",
            text=(
                f"“We will not move that mud, not for {n} days or ever,” union leader Tomas Reyne said "
                f"on Tuesday in Harbourton. Jana Okoro said that the dredging would stop by May {n % 28 + 1}."
            ),
        )
        for n in range(MIN_PARALLEL_ARTICLES)
    ]
    single = list(extract(articles, workers=1))
    double = list(extract(articles, workers=2))
    assert [a.article.id for a in double] == [a.article.id for a in single]
    assert [a.quotes for a in double] == [a.quotes for a in single]
    assert [a.mentions for a in double] == [a.mentions for a in single]
    assert [a.timexes for a in double] == [a.timexes for a in single]
    assert single[0].quotes[0].speaker == "Tomas Reyne"
