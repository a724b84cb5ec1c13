"""The timeline: every event the viewer may see, filterable by forum, delegation and kind."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Select

from exercise.core.events import EVENT_TYPES, Event
from exercise.tui.presenters.timeline_filter import filter_events
from exercise.tui.widgets.table import Table

KIND_STYLE = {
    "inject": "bold magenta",
    "session": "bold",
    "adopted": "green",
    "facilitator": "bold yellow",
    "refused": "red",
    "depth": "cyan",
}


class TimelinePane(Vertical):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._events: list[Event] = []
        self._options_key: tuple = ()

    def compose(self) -> ComposeResult:
        with Horizontal(id="timeline-filters"):
            yield Select([], prompt="any forum", id="tl-forum")
            yield Select([], prompt="any delegation", id="tl-delegation")
            yield Select([(k, k) for k in sorted(EVENT_TYPES)], prompt="any kind", id="tl-kind")
        yield Table(id="timeline", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("turn", "kind", "what happened")

    def show(self, events: Sequence[Event], forums: Sequence[str], delegations: Sequence[str]) -> None:
        self._events = list(events)
        key = (tuple(forums), tuple(delegations))
        if key != self._options_key:  # rebuilding a Select resets it: only when the choices change
            self._options_key = key
            self.query_one("#tl-forum", Select).set_options([(f, f) for f in forums])
            self.query_one("#tl-delegation", Select).set_options([(d, d) for d in delegations])
        self._fill()

    @staticmethod
    def _value(select: Select) -> str | None:
        value = select.value
        return value if isinstance(value, str) else None

    def _fill(self) -> None:
        shown = filter_events(
            self._events,
            forum=self._value(self.query_one("#tl-forum", Select)),
            delegation=self._value(self.query_one("#tl-delegation", Select)),
            kind=self._value(self.query_one("#tl-kind", Select)),
        )
        # newest first: the latest turn is what a player wants to read. The text is a Text,
        # not a str: it is shown as written (a string would be read as markup), and a row of
        # Texts is measured by counting (widgets/table.py)
        rows = [
            (str(e.turn), Text(e.kind, style=KIND_STYLE.get(e.kind, "")), Text(e.text()))
            for e in sorted(shown, key=lambda e: (-e.turn, -e.seq))
        ]
        if not rows:  # say why the list is empty rather than show a bare header
            why = (
                "no event matches these filters"
                if self._events
                else "nothing has happened yet: events appear here once the first turn resolves"
            )
            rows = [("", Text(""), Text(why, style="dim"))]
        self.query_one(Table).replace_rows(rows)

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        event.stop()
        self._fill()
