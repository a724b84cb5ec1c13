"""A seat's private brief: who it is, what it has this turn, its instructions and objectives.

Fed only from the seat's own view and its own objectives' progress, so it can never show
another seat's private side.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from exercise.engine.views import View
from exercise.tui.textual_tricks import rendered_once


def bar(value: float, width: int = 10) -> str:
    value = max(0.0, min(1.0, value))
    full = round(value * width)
    return "█" * full + "░" * (width - full)


class SeatBrief(Static):
    """Static text; `show(view, progress)` replaces it."""

    DEFAULT_CSS = """
    SeatBrief { height: auto; padding: 0 1; }
    """

    def show(self, view: View, progress: list[tuple[str, float]], score: float | None = None) -> None:
        me = view.me
        head = Text.assemble((me.name, "bold"), f"  ({me.kind}, bloc {me.bloc or '-'})")
        means = Table.grid(padding=(0, 2))
        means.add_row(
            Text("Influence", style="bold"),
            f"{view.influence:g} left this turn",
            Text("Budget", style="bold"),
            f"{view.budget:g}",
        )
        means.add_row(
            Text("Capacity", style="bold"),
            f"{bar(view.capacity)} {view.capacity:.2f}",
            Text("Power", style="bold"),
            f"{view.power:.2f}",
        )
        values = Table.grid(padding=(0, 1))
        for domain, weight in sorted(me.values.items(), key=lambda kv: (-kv[1], kv[0])):
            values.add_row(domain.replace("_", " "), bar(weight), f"{weight:.1f}")
        parts: list = [head, means, Text("")]
        parts.append(Text("Instructions from your capital", style="bold underline"))
        parts.append(Text(me.instructions or "None: use your judgement."))
        if me.red_lines:
            parts.append(Text("Red lines", style="bold underline"))
            for line in me.red_lines:
                parts.append(Text(f"✖ {line}", style="red"))
        parts.append(
            Text("Objectives" + (f"  (score {score:.0f}/100)" if score is not None else ""), style="bold underline")
        )
        if progress:
            objectives = Table.grid(padding=(0, 1))
            for text, p in progress:
                objectives.add_row(bar(p, 8), f"{p:.0%}", text)
            parts.append(objectives)
        else:
            parts.append(Text("None set: support what your values favour."))
        parts.append(Text("What you value", style="bold underline"))
        parts.append(values)
        self.update(rendered_once(self, Group(*parts)))
