"""Timeline events: one record per happening, whatever precision each outlet dates it at."""

from __future__ import annotations

import pytest

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


def _dated(text: str, dates: dict[str, str], published: str = "2022-04-07") -> Analysis:
    """Return an analysis of one made-up article with DATE expressions at the given texts."""
    article = Article("a1", "1.txt", text, outlet="Outlet 1", published=published)
    timexes = []
    for when, value in dates.items():
        start = text.index(when)
        timexes.append(Timex("a1", when, start, start + len(when), "DATE", value))
    return Analysis(article, timexes=timexes)


def test_a_happening_is_dated_by_its_main_verb_not_by_a_clause_of_the_same_sentence() -> None:
    text = (
        "The mayor met the harbour pilots in Tarnow on March 3, the second mayor to visit "
        "the port in twenty years, the last being Anton Reisz in June 2001."
    )
    analysis = _dated(text, {"March 3": "2022-03-03", "June 2001": "2001-06"})
    events = build_events([analysis], {"a1": "s1"}, {"a1": None})
    by_date = {e.date: e for e in events}
    assert set(by_date) == {"2022-03-03", "2001-06"}
    # The meeting keeps its sentence; the 2001 date dates only the visit of its own clause.
    assert by_date["2022-03-03"].summary.startswith("The mayor met the harbour pilots")
    older = by_date["2001-06"].summary
    assert "Anton Reisz in June 2001" in older
    assert "met the harbour pilots" not in older
    [evidence] = by_date["2001-06"].evidence
    assert text[evidence.start : evidence.end] == evidence.sentence == older


def test_a_date_that_bounds_a_state_is_no_happening() -> None:
    text = (
        "Brenholt, which has repaired ships on the eastern quay since 1987, declined to "
        "comment. The quay stays closed until May 2022. The council voted on Tuesday to "
        "close the quay."
    )
    analysis = _dated(
        text, {"since 1987": "1987", "May 2022": "2022-05", "on Tuesday": "2022-04-05"}
    )
    events = build_events([analysis], {"a1": "s1"}, {"a1": None})
    assert [(e.date, e.summary) for e in events] == [
        ("2022-04-05", "The council voted on Tuesday to close the quay.")
    ]


def test_past_the_parse_budget_a_date_dates_its_whole_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import storyline.timeline.events as events

    monkeypatch.setattr(events, "MAX_CLAUSE_PARSES", 0)
    text = "The mayor met the pilots on March 3, the last being Anton Reisz in June 2001."
    analysis = _dated(text, {"March 3": "2022-03-03", "June 2001": "2001-06"})
    events_found = build_events([analysis], {"a1": "s1"}, {"a1": None})
    assert [e.summary for e in events_found] == [text, text]
