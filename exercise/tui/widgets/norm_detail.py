"""One norm in detail: its text, qualities, adoption curve over turns and who holds it how deeply."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static
from textual_plotext import PlotextPlot

from exercise.engine.views import View
from exercise.tui.presenters.norm_board import adoption_turns, holders_by_depth
from exercise.tui.textual_tricks import rendered_once


class NormDetail(VerticalScroll):
    DEFAULT_CSS = """
    NormDetail { padding: 0 1; }
    NormDetail #norm-curve { height: 12; min-height: 8; }
    NormDetail Static { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="norm-text")
        yield PlotextPlot(id="norm-curve")
        yield Static(id="norm-holders")

    def show(self, view: View, norm_id: str | None) -> None:
        text = self.query_one("#norm-text", Static)
        holders = self.query_one("#norm-holders", Static)
        plot = self.query_one(PlotextPlot)
        if norm_id is None:
            text.update(Text("No norm matches the filter.", style="dim"))
            holders.update("")
            plot.display = False
            return
        plot.display = True
        norm = view.norm(norm_id)
        q = view.norm_qualities(norm_id)
        head = Text.assemble((norm_id, "bold"), "\n", (f"“{norm.statement}”", "italic"))
        serves = Text.assemble(
            ("serves ", "dim"), ", ".join(norm.domains) or "-", ("   harms ", "dim"), ", ".join(norm.harms) or "-"
        )
        where = ", ".join(f"{f} (turn {t})" for f, t in sorted(q.adopted_in.items())) or "no forum yet"
        text.update(rendered_once(text, Group(head, serves, Text(f"adopted in: {where}"))))
        history = view.breadth_history(norm_id)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        turns: list[float] = list(range(0, len(history) + 1))  # whole turns; plotext takes its ticks as floats
        plt.plot(turns, [0.0, *history], marker="braille")
        plt.title("breadth (power-weighted share of holders) by turn")
        plt.ylim(0, 1)
        plt.xticks(turns if len(turns) <= 13 else turns[:: max(1, len(turns) // 12)])
        plot.refresh()
        since = adoption_turns(view.events, norm_id)
        lines = [Text("Who holds it, and how deeply", style="bold underline")]
        by_depth = holders_by_depth(view, norm_id)
        for depth, who in by_depth:
            line = Text(f"{depth:<9}", style="bold")
            line.append(", ".join(f"{d}" + (f" (t{since[d]})" if d in since else "") for d in who))
            lines.append(line)
        if not by_depth:
            lines.append(Text("nobody yet", style="dim"))
        holders.update(rendered_once(holders, Group(*lines)))
