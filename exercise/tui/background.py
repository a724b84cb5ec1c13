"""Slow work off the UI thread: a debrief, a folder's list of saves, a comparison of two saves.

`in_background(node, work, then)` runs `work()` in a thread worker and hands its result to
`then` on the UI thread; a failure becomes an error notification in plain words (as
`errors.plain_errors` does), never a traceback. One worker per `group` at a time: a second
request replaces the first (a key pressed twice computes once).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.dom import DOMNode

from exercise.tui.errors import describe

T = TypeVar("T")


def in_background(node: DOMNode, work: Callable[[], T], then: Callable[[T], object], *, group: str) -> None:
    app = node.app

    def run() -> None:
        try:
            result = work()
        except Exception as exc:  # the app must stay up; the message says what went wrong
            app.call_from_thread(app.notify, describe(exc), title="That did not work", severity="error", timeout=8)
            return
        app.call_from_thread(then, result)

    node.run_worker(run, thread=True, exclusive=True, group=group, exit_on_error=False)
