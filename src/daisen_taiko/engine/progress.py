"""The lines a build or a refresh shows the planner as it goes."""

from __future__ import annotations

import sys
import threading

_SAYING = threading.Lock()


def say(msg: str) -> None:
    """One line of progress, written whole: the PDF threads report while the main thread goes on,
    and a line split by another's text hid a step."""
    with _SAYING:
        sys.stdout.write(msg + "\n")
        sys.stdout.flush()
