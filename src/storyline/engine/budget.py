"""A time budget per article: one article the stages choke on fails alone, the batch goes on.

The stages are written to be linear in an article's size; the budget is the net under them
for the input nobody foresaw (a pattern that backtracks, a pathological page). It interrupts
with SIGALRM, which Python delivers between bytecodes and the regex engine checks while it
backtracks; it is armed only in the main thread (the only one that gets signals), elsewhere
the work runs unbounded.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

# Seconds an article of up to BUDGET_CHARS may spend in cleaning, and again in extraction; a
# longer one has as much per BUDGET_CHARS. Cleaning a news article takes milliseconds (the
# bench cleans ~100 articles/s on one core), a 10 MB dump a few seconds; parsing and extracting
# one takes ~50 ms, a 600 KB article ~65 s on a loaded machine (0.1 s per KB, ten times under
# the budget's rate). A stage that goes superlinear on some input still meets the net.
ARTICLE_SECONDS = 30.0
BUDGET_CHARS = 50_000

# After the budget is spent, the interrupt repeats this often until the work stops: code that
# catches every exception would swallow a single one and carry on.
_REPEAT_SECONDS = 1.0


def budget_for(seconds: float | None, chars: int) -> float | None:
    """Return the budget of an article of ``chars`` characters: ``seconds`` per BUDGET_CHARS."""
    return seconds * max(1.0, chars / BUDGET_CHARS) if seconds else None


class BudgetExceeded(BaseException):
    """The work overran its time budget. A BaseException: ``except Exception`` lets it pass."""


def _expired(signum: int, frame: FrameType | None) -> None:
    raise BudgetExceeded


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Within this block, raise BudgetExceeded once ``seconds`` have passed (None: no limit)."""
    armed = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if seconds is None or seconds <= 0 or not armed:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
