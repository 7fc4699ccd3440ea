"""A test hook that kills the process at a named step of a write, as `kill -9` would.

Crash-consistency tests set KGNEWS_CRASH_AT to a step name, optionally with ":N" for the
N-th time the step is reached (default the first): `KGNEWS_CRASH_AT=articles-written:2`.
Unset (always, outside those tests), `crash_point` does nothing.
"""
from __future__ import annotations

import os
import signal
from collections import Counter

CRASH_VARIABLE = "KGNEWS_CRASH_AT"

_reached: Counter[str] = Counter()


def crash_point(step: str) -> None:
    """SIGKILL this process if $KGNEWS_CRASH_AT names `step` (and this is its N-th time)."""
    wanted = os.environ.get(CRASH_VARIABLE)
    if not wanted:
        return
    name, _, count = wanted.partition(":")
    if name != step:
        return
    _reached[step] += 1
    if _reached[step] == int(count or 1):
        os.kill(os.getpid(), signal.SIGKILL)
