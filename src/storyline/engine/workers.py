"""Parser processes that die with the ingest that started them.

spaCy forks its parser processes (``nlp.pipe(n_process=...)``) and they wait on a queue for
work: when their parent is killed (SIGKILL, the OOM killer) they would wait forever, orphaned,
each holding a loaded model. On Linux the kernel can send them a signal when the parent dies
(``prctl(PR_SET_PDEATHSIG)``); a fork hook sets it in every child forked while parsing.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# prctl(2) option: the signal the calling process gets when its parent thread dies.
_PR_SET_PDEATHSIG = 1

_state: dict[str, Any] = {"armed": False, "parent": 0, "prctl": None, "hooked": False}


def _prctl() -> Any:
    """Return libc's prctl, or None where there is none (not Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def _after_fork_in_child() -> None:
    if not _state["armed"] or _state["prctl"] is None:
        return
    _state["prctl"](_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != _state["parent"]:
        os._exit(1)  # the parent died before the signal was asked for


@contextmanager
def die_with_parent() -> Iterator[None]:
    """Within this block, processes forked by this one are killed when it dies."""
    if not _state["hooked"]:
        _state["prctl"] = _prctl()  # looked up before any fork: the child only calls it
        os.register_at_fork(after_in_child=_after_fork_in_child)
        _state["hooked"] = True
    _state["parent"] = os.getpid()
    _state["armed"] = True
    try:
        yield
    finally:
        _state["armed"] = False
