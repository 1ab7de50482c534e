"""The build's progress lines stay whole although the PDF threads report while the main thread
goes on: a line that another line's text split (「    大綱の PDF … 完了[9/10] 意見提出用紙を作成して
います…」, seen in a build's log) hid a step from the planner, and from the test that counts them."""

from __future__ import annotations

import contextlib
import sys
import threading

from daisen_taiko.engine.progress import say


class Terminal:
    """A stdout whose writes are Python code, as any wrapper of stdout is: a thread may be switched
    between two writes of one line (as one was in the build's log)."""

    def __init__(self):
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def test_lines_said_from_many_threads_at_once_stay_whole():
    lines = {f"[{t}/8] 文書{t}の PDF … 完了 {i}" for t in range(8) for i in range(400)}
    out, start = Terminal(), threading.Barrier(8)
    switch = sys.getswitchinterval()

    def report(t: int) -> None:
        start.wait()
        for i in range(400):
            say(f"[{t}/8] 文書{t}の PDF … 完了 {i}")

    sys.setswitchinterval(1e-6)  # threads change as often as they can: any split shows
    try:
        with contextlib.redirect_stdout(out):
            threads = [threading.Thread(target=report, args=(t,)) for t in range(8)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
    finally:
        sys.setswitchinterval(switch)
    assert set("".join(out.parts).splitlines()) == lines
