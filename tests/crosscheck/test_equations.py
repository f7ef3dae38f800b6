"""Internal inconsistencies: a date tied to a second happening that is dated otherwise."""

from __future__ import annotations

from storyline.crosscheck.contradictions import find_contradictions
from storyline.model import Analysis, Article, Mention, Timex


def _article(
    name: str,
    text: str,
    dates: list[tuple[str, str, str | None]],
    names: tuple[tuple[str, str, str, int], ...] = (),
) -> Analysis:
    """An article with its dates (text, value, last day of a range) and names (text, corpus
    name, type, which occurrence of the text)."""
    analysis = Analysis(Article(id=name, source=f"{name}.txt", text=text, outlet=name))
    for words, value, last in dates:
        at = text.index(words)
        analysis.timexes.append(
            Timex(name, words, at, at + len(words), "DATE", value, range_end=last)
        )
    for words, corpus_name, kind, nth in names:
        at = -1
        for _ in range(nth + 1):
            at = text.index(words, at + 1)
        analysis.mentions.append(Mention(name, words, corpus_name, kind, at, at + len(words)))
    return analysis


def test_a_date_equated_with_a_happening_its_article_dates_otherwise() -> None:
    # The seeds' case: the meeting in Moscow falls outside the visit to Moscow.
    text = (
        "The visit of Imran Khan to Moscow on February 23-24 was announced in January.\n\n"
        "Khan met Vladimir Putin in Moscow on February 25, the day when Russian forces "
        "launched a full-scale invasion of Ukraine."
    )
    names = (
        ("Imran Khan", "Imran Khan", "PERSON", 0), ("Moscow", "Moscow", "GPE", 0),
        ("Khan", "Imran Khan", "PERSON", 1), ("Vladimir Putin", "Vladimir Putin", "PERSON", 0),
        ("Moscow", "Moscow", "GPE", 1),
    )  # fmt: skip
    dates = [("February 23-24", "2022-02-23", "2022-02-24"), ("February 25", "2022-02-25", None)]
    article = _article("004", text, dates, names)
    (found,) = [c for c in find_contradictions("s", [article], {}) if c.kind == "internal"]
    assert found.a.value == "2022-02-25" and found.b.value == "2022-02-23/2022-02-24"
    assert "the day when Russian forces launched" in found.explanation


def test_a_date_equated_with_a_happening_the_storyline_dates_otherwise() -> None:
    told = "Russian forces began the invasion of Ukraine on February 24 before dawn."
    agreed = "The invasion of Ukraine began on February 24, officials said."
    wrong = "Khan landed in Moscow on February 25, the day the invasion of Ukraine began."
    filler = [
        _article(f"f{i}", f"The talks number {i} were held on March {i + 1}.",
                 [(f"March {i + 1}", f"2022-03-0{i + 1}", None)])
        for i in range(4)
    ]  # fmt: skip
    articles = [
        _article("a", told, [("February 24", "2022-02-24", None)]),
        _article("b", agreed, [("February 24", "2022-02-24", None)]),
        _article("c", wrong, [("February 25", "2022-02-25", None)]),
        *filler,
    ]
    internal = [c for c in find_contradictions("s", articles, {}) if c.kind == "internal"]
    assert len(internal) == 1
    assert internal[0].a.article_id == "c"
    assert {s.article_id for s in internal[0].b_all} == {"a", "b"}


def test_an_equation_nothing_contradicts_is_no_record() -> None:
    text = "The season ended on May 3, the day that the Pistons eliminated the Sixers."
    article = _article("x", text, [("May 3", "2008-05-03", None)])
    assert find_contradictions("s", [article], {}) == []
