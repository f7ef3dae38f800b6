"""The timeline's axis (partial dates drawn as their period, long gaps cut) and highlighting."""

from __future__ import annotations

from storyline.web.axis import BREAK_WIDTH_PERCENT, MAX_LANES, layout, period
from storyline.web.highlight import Span, segments, to_html


def test_a_month_only_date_is_drawn_as_the_whole_month() -> None:
    marks, _, _ = layout([("day", "2022-03-07"), ("month", "2022-04"), ("end", "2022-06-30")])
    by_key = {m.key: m for m in marks}
    assert by_key["day"].width == 0 and by_key["day"].precision == "day"
    month = by_key["month"]
    assert month.precision == "month"
    # April is 30 of the 122 days from March to June.
    assert abs(month.width - 100 * 30 / 122) < 0.01


def test_a_long_empty_stretch_is_cut_out_of_the_axis() -> None:
    marks, ticks, breaks = layout([("old", "1999-04"), ("a", "2022-02-23"), ("b", "2023-08-10")])
    assert len(breaks) == 1
    by_key = {m.key: m for m in marks}
    # 2022-2023 keep nearly all the room instead of a tenth of it.
    assert by_key["b"].left - by_key["a"].left > 80
    assert by_key["a"].left >= by_key["old"].left + by_key["old"].width + BREAK_WIDTH_PERCENT - 0.01
    assert {t.label for t in ticks} >= {"Jan 2023"}


def test_crowded_marks_stack_in_lanes_then_lose_their_labels() -> None:
    same_days = [(f"{day}-{n}", f"2022-03-{day:02d}") for day in (1, 2) for n in range(5)]
    marks, _, _ = layout([*same_days, ("late", "2022-04-30")])
    lanes = [m.lane for m in marks if m.key != "late"]
    assert lanes[:MAX_LANES] == list(range(MAX_LANES))
    overflow = [m for m in marks if m.lane == MAX_LANES]
    assert len(overflow) == len(same_days) - MAX_LANES and not any(m.labelled for m in overflow)
    assert next(m for m in marks if m.key == "late").labelled


def test_unreadable_dates_are_not_drawn() -> None:
    assert period("2022-13") is None and period("PRESENT_REF") is None and period("0000") is None
    assert layout([("x", "XXXX-03")]) == ([], [], [])


def test_segments_cut_text_at_every_boundary_and_keep_overlaps() -> None:
    text = "Doe said on March 6 that it closes."
    spans = [Span(0, 3, "entity"), Span(12, 19, "date"), Span(9, 35, "quote", "Doe")]
    cut = segments(text, spans)
    assert "".join(s.text for s in cut) == text
    march = next(s for s in cut if s.text == "March 6")
    assert march.kinds == "date quote" and march.note == "Doe"
    assert segments(text, [Span(30, 99, "quote")])[0].text == text  # out of range: dropped


def test_the_html_of_a_text_escapes_it_and_drops_terminal_escapes() -> None:
    text = 'a <script>x</script> \x1b[31mred\x1b[0m "q"'
    html = to_html(segments(text, [Span(0, 1, "entity", "A <b>", '/entities/A"x')]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "\x1b" not in html and "red" in html
    assert 'href="/entities/A&#34;x"' in html and 'title="A &lt;b&gt;"' in html
