"""Timeline events: one record per happening, whatever precision each outlet dates it at."""

from __future__ import annotations

from storyline.model import Analysis, Article, Timex
from storyline.timeline.events import build_events


def _article(number: int, text: str, when: str, value: str, published: str) -> Analysis:
    article_id = f"a{number}"
    start = text.index(when)
    timex = Timex(article_id, when, start, start + len(when), "DATE", value)
    article = Article(article_id, f"{number}.txt", text, outlet=f"Outlet {number}",
                      published=published)  # fmt: skip
    return Analysis(article, timexes=[timex])


def test_a_month_and_a_day_of_one_happening_are_one_event_dated_by_the_day() -> None:
    analyses = [
        _article(1, "On March 7, 2022, the embassy sent the cipher cable to Islamabad.",
                 "March 7, 2022", "2022-03-07", "2023-08-09"),
        _article(2, "In March 2022 the embassy sent a cipher cable to Islamabad, officials say.",
                 "March 2022", "2022-03", "2023-08-10"),
        _article(3, "In March 2022 the fishing season opened early on the northern coast.",
                 "March 2022", "2022-03", "2023-08-11"),
    ]  # fmt: skip
    storyline = {a.article.id: "s1" for a in analyses}
    events = build_events(analyses, storyline, {a.article.id: None for a in analyses})
    cable = next(e for e in events if len(e.evidence) == 2)
    assert cable.date == "2022-03-07"
    assert cable.date_precision == "day"
    assert {(v.article_id, v.date) for v in cable.evidence} == {
        ("a1", "2022-03-07"),
        ("a2", "2022-03"),
    }
    assert cable.first_reported == "2023-08-09"
    # The unrelated month-dated sentence stays its own event, dated at its own precision.
    [season] = [e for e in events if e is not cable]
    assert (season.date, season.date_precision) == ("2022-03", "month")


def test_other_storylines_never_share_an_event() -> None:
    analyses = [
        _article(1, "On March 7, 2022, the embassy sent the cipher cable to Islamabad.",
                 "March 7, 2022", "2022-03-07", "2023-08-09"),
        _article(2, "In March 2022 the embassy sent a cipher cable to Islamabad, officials say.",
                 "March 2022", "2022-03", "2023-08-10"),
    ]  # fmt: skip
    events = build_events(analyses, {"a1": "s1", "a2": "s2"}, {"a1": None, "a2": None})
    assert len(events) == 2
