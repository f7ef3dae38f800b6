"""Where a storyline's events sit on a time axis: positions, widths, lanes, ticks and breaks.

Dates may be partial: a month-only date is drawn as the whole month, a year-only one as the
whole year, so the page shows how precisely each event is known. Positions are percentages of
the axis, so the browser can zoom by widening it without asking the server again. A long
empty stretch (a background sentence recalling 1999 in a 2022 story) is cut out of the axis
and drawn as a break, so the story's own months keep the room.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Lanes markers are stacked in when they would overlap; a mark that finds no free lane goes to
# one more lane below them, drawn without its label (its tooltip still says everything).
MAX_LANES = 6

# Room (percent of the axis) a tick label needs per character before the next tick's.
TICK_ROOM_PER_CHAR = 0.6

# Horizontal room (percent of the axis) a marker's label needs before the next in its lane:
# "2005-05-20 · 30 art." is about 130 px of a 1,320 px axis.
LABEL_ROOM_PERCENT = 10.0

# A tick per month when the drawn time spans at most this many months, else one per year.
MONTH_TICKS_UP_TO = 36

# An empty stretch longer than this share of the whole span (and than a year) is cut out:
# on the seeds' storyline, one 1999 date otherwise squeezes 2021-2023 into a tenth of the axis.
BREAK_MIN_SHARE = 0.25
BREAK_MIN_DAYS = 366

# Width (percent) a cut-out stretch keeps on the axis, where the break is drawn.
BREAK_WIDTH_PERCENT = 4.0


@dataclass
class Mark:
    """One item drawn on the axis: where it starts, how wide it is, in which lane."""

    key: str
    date: str
    precision: str
    left: float  # percent of the axis
    width: float  # percent; 0 for a day
    lane: int = 0
    labelled: bool = True


@dataclass
class Tick:
    label: str
    left: float


@dataclass
class Piece:
    """A stretch of time drawn linearly between two positions on the axis."""

    first: dt.date
    end: dt.date  # exclusive
    left: float
    right: float


def period(date: str) -> tuple[dt.date, dt.date] | None:
    """Return the first and the last day an ISO date (YYYY, YYYY-MM, YYYY-MM-DD) covers."""
    try:
        parts = [int(p) for p in date.split("-")]
        if not 1 <= parts[0] <= 9998:
            return None
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            return dt.date(parts[0], parts[1], 1), _next_month(dt.date(parts[0], parts[1], 1)) - (
                dt.timedelta(days=1)
            )
        if len(parts) == 3:
            day = dt.date(parts[0], parts[1], parts[2])
            return day, day
    except (ValueError, OverflowError):
        return None
    return None


def layout(items: list[tuple[str, str]]) -> tuple[list[Mark], list[Tick], list[float]]:
    """Return marks for (key, date) items with a readable date, the ticks, and the breaks.

    Breaks are the positions (percent) where a cut-out stretch of time is drawn.
    """
    periods = {key: (date, p) for key, date in items if (p := period(date))}
    if not periods:
        return [], [], []
    pieces = _pieces([p for _, p in periods.values()])

    def percent(day: dt.date, closing: bool = False) -> float:
        """Return where a day starts on the axis (``closing``: where the day before ends)."""
        for piece in pieces:
            if day < piece.end or (closing and day == piece.end):
                share = (day - piece.first).days / max((piece.end - piece.first).days, 1)
                return piece.left + max(share, 0.0) * (piece.right - piece.left)
        return 100.0

    marks = []
    for key, (date, (start, stop)) in sorted(periods.items(), key=lambda kv: kv[1][1][0]):
        precision = {1: "year", 2: "month"}.get(date.count("-") + 1, "day")
        width = (
            0.0 if start == stop else percent(stop + dt.timedelta(days=1), True) - percent(start)
        )
        marks.append(Mark(key, date, precision, percent(start), width))
    _assign_lanes(marks)
    ticks = _spaced([tick for piece in pieces for tick in _ticks(piece, pieces)])
    return marks, ticks, [piece.right + BREAK_WIDTH_PERCENT / 2 for piece in pieces[:-1]]


def _pieces(periods: list[tuple[dt.date, dt.date]]) -> list[Piece]:
    """Return the stretches of time to draw, long empty ones between them cut out."""
    spans = sorted((start.replace(day=1), _next_month(stop)) for start, stop in periods)
    merged: list[list[dt.date]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    total = (merged[-1][1] - merged[0][0]).days
    stretches: list[list[dt.date]] = [merged[0]]
    for start, end in merged[1:]:
        gap = (start - stretches[-1][1]).days
        if gap > BREAK_MIN_DAYS and gap > BREAK_MIN_SHARE * total:
            stretches.append([start, end])
        else:
            stretches[-1][1] = end
    room = 100.0 - BREAK_WIDTH_PERCENT * (len(stretches) - 1)
    drawn = sum((end - start).days for start, end in stretches)
    pieces = []
    left = 0.0
    for start, end in stretches:
        right = left + room * (end - start).days / drawn
        pieces.append(Piece(start, end, left, right))
        left = right + BREAK_WIDTH_PERCENT
    return pieces


def _assign_lanes(marks: list[Mark]) -> None:
    """Put each mark in the first lane where it clears the previous label."""
    lane_free_from = [-100.0] * MAX_LANES
    for mark in marks:
        free = [i for i, edge in enumerate(lane_free_from) if mark.left >= edge]
        if free:
            mark.lane = free[0]
            lane_free_from[mark.lane] = mark.left + max(mark.width, LABEL_ROOM_PERCENT)
        else:  # every lane busy: the overflow lane, without a label
            mark.lane = MAX_LANES
            mark.labelled = False


def _ticks(piece: Piece, pieces: list[Piece]) -> list[Tick]:
    months_drawn = sum(
        (p.end.year - p.first.year) * 12 + p.end.month - p.first.month for p in pieces
    )
    ticks = []
    day = piece.first
    while day < piece.end:
        at = piece.left + (piece.right - piece.left) * (day - piece.first).days / max(
            (piece.end - piece.first).days, 1
        )
        if months_drawn <= MONTH_TICKS_UP_TO:
            label = (
                day.strftime("%b %Y")
                if day.month == 1 or day == piece.first
                else day.strftime("%b")
            )
            ticks.append(Tick(label, at))
        elif day.month == 1 or day == piece.first:
            ticks.append(Tick(str(day.year), at))
        day = _next_month(day)
    return ticks


def _spaced(ticks: list[Tick]) -> list[Tick]:
    """Return the ticks whose labels do not run into the previous kept one's."""
    kept: list[Tick] = []
    for tick in ticks:
        if not kept or tick.left - kept[-1].left >= len(kept[-1].label) * TICK_ROOM_PER_CHAR:
            kept.append(tick)
    return kept


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
