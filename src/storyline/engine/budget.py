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

# Seconds an article may spend in cleaning, and again in extraction. Cleaning a news article
# takes milliseconds (the bench cleans ~100 articles/s on one core), a 10 MB dump a few
# seconds; parsing and extracting one takes ~50 ms, a 100 KB article ~8 s (about 0.08 s per
# KB: an article of over ~400 KB fails extraction when it has to be extracted alone).
ARTICLE_SECONDS = 30.0

# After the budget is spent, the interrupt repeats this often until the work stops: code that
# catches every exception would swallow a single one and carry on.
_REPEAT_SECONDS = 1.0


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
