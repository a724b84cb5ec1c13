"""The network: norm blocs side by side (members and the norms they hold), the most central
actors, and the ties of the highlighted actor. Everything here is public."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, HorizontalScroll, Vertical, VerticalScroll
from textual.widgets import DataTable, Label, Static

from exercise.engine.views import View
from exercise.tui.model import ties_of
from exercise.tui.widgets.table import Table


def bloc_text(bloc: dict[str, Any], max_members: int = 12) -> Group:
    members = bloc["members"]
    shown = ", ".join(members[:max_members]) + (f" … +{len(members) - max_members}" if len(members) > max_members else "")
    return Group(
        Text(f"{bloc['id']}  ({len(members)} members, power {bloc['power']:.1f})", style="bold"),
        Text("holds: ", style="dim") + Text(", ".join(bloc["norms"]) or "-", style="bold cyan"),
        Text(shown),
    )


class NetworkPane(Vertical):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._view: View | None = None

    def compose(self) -> ComposeResult:
        yield Label("Norm blocs: groups holding the same side of conflicting norms", classes="section")
        yield HorizontalScroll(id="blocs")
        with Horizontal(id="network-split"):
            yield Table(id="central", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="ties-scroll"):
                yield Static(id="ties")

    def on_mount(self) -> None:
        table = self.query_one("#central", DataTable)
        table.add_columns("actor", "kind", "bloc", "tie weight", "centrality")

    def show(self, view: View, blocs: list[dict[str, Any]], actors: list[tuple[str, float, float]]) -> None:
        self._view = view
        holder = self.query_one("#blocs", HorizontalScroll)
        holder.remove_children()
        if blocs:
            holder.mount_all([Static(bloc_text(b), classes="bloc") for b in blocs])
        else:
            holder.mount(Static(Text("No blocs yet: no one holds either side of a conflicting pair of norms.",
                                     style="dim"), classes="bloc"))
        table = self.query_one("#central", DataTable)
        table.clear()
        scenario_actors = actors
        for actor, degree, eig in scenario_actors:
            public = view.public_delegation(actor)
            table.add_row(Text(actor, style="bold" if actor == view.seat else ""), public["kind"],
                          public["bloc"] or "-", f"{degree:.1f}", f"{eig:.2f}", key=actor)
        if scenario_actors:
            self._ties(scenario_actors[0][0])

    @on(DataTable.RowHighlighted, "#central")
    def _highlight(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key is not None:
            self._ties(event.row_key.value)

    def _ties(self, actor: str) -> None:
        view = self._view
        if view is None:
            return
        public = view.public_delegation(actor)
        lines = [Text.assemble((public["name"], "bold"), f" [{actor}]"),
                 Text(f"{public['kind']}, bloc {public['bloc'] or '-'}, power {public['power']:.2f}")]
        held = [n for n in view.norm_ids() if actor in view.holders(n)]
        lines.append(Text("holds: ", style="dim") + Text(", ".join(held) or "nothing yet"))
        lines.append(Text("ties (weight):", style="bold"))
        for other, weight in ties_of(view, actor):
            lines.append(Text(f"  {other:<20} {'━' * max(1, round(weight * 5))} {weight:.1f}"))
        self.query_one("#ties", Static).update(Group(*lines))
