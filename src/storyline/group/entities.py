"""Corpus-wide entities: one canonical name per entity across all articles.

Within an article the extractor already joined surnames to full names. Across articles, a
person named only by surname in one article ("Lu responded") takes the full name other
articles give ("Donald Lu") when exactly one full name in the corpus ends with it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from storyline.model import Analysis, Entity, content_id


def resolve(analyses: Sequence[Analysis]) -> tuple[list[Entity], dict[str, str]]:
    """Return the corpus entities and the article-level names that map to another name."""
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    for analysis in analyses:
        for mention in analysis.mentions:
            if mention.type == "PERSON" and " " in mention.name:
                full_by_surname[mention.name.split()[-1]].add(mention.name)
    renamed: dict[str, str] = {}
    for analysis in analyses:
        for mention in analysis.mentions:
            if mention.type == "PERSON" and " " not in mention.name:
                fulls = full_by_surname.get(mention.name, set())
                if len(fulls) == 1:
                    renamed[mention.name] = next(iter(fulls))
    types: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    for analysis in analyses:
        for mention in analysis.mentions:
            name = renamed.get(mention.name, mention.name)
            types[name][mention.type] += 1
            aliases[name].add(mention.text)
            articles[name].add(mention.article_id)
    order = {a.article.id: i for i, a in enumerate(analyses)}
    entities = []
    for name in sorted(types):
        kind = types[name].most_common(1)[0][0]
        entities.append(
            Entity(
                id=content_id(name, kind, prefix="e"),
                name=name,
                type=kind,
                aliases=sorted(aliases[name]),
                article_ids=sorted(articles[name], key=order.__getitem__),
            )
        )
    return entities, renamed


def apply_names(analyses: Sequence[Analysis], renamed: dict[str, str]) -> None:
    """Rename article-level mentions and quote speakers to their corpus-wide names, in place."""
    for analysis in analyses:
        for mention in analysis.mentions:
            mention.name = renamed.get(mention.name, mention.name)
        for quote in analysis.quotes:
            if quote.speaker:
                quote.speaker = renamed.get(quote.speaker, quote.speaker)
