"""Breadth of a few norms over the turns, drawn for a room: thick lines, bright colours on
black, and a legend naming each line with its breadth now (plotext's own legend would sit on
the lines)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static
from textual_plotext import PlotextPlot

# bright, far apart on black, and none of them the verdicts' red
COLOURS: tuple[tuple[str, tuple[int, int, int]], ...] = (
    ("#00ff5f", (0, 255, 95)),
    ("#ffff00", (255, 255, 0)),
    ("#00d7ff", (0, 215, 255)),
    ("#ff5fff", (255, 95, 255)),
    ("#ff8700", (255, 135, 0)),
    ("#ffffff", (255, 255, 255)),
)
MARKER = "█"  # a full block: the thickest line a terminal can draw


class AdoptionChart(Horizontal):
    DEFAULT_CSS = """
    AdoptionChart { height: 1fr; background: black; }
    AdoptionChart PlotextPlot { width: 1fr; height: 100%; background: black; }
    AdoptionChart #chart-legend { width: auto; min-width: 24; max-width: 44; height: auto; padding: 1 1 0 2; }
    """

    def compose(self) -> ComposeResult:
        plot = PlotextPlot(id="chart-plot")
        plot.theme = "textual-default"  # the terminal's own colours: black behind, white axes
        yield plot
        yield Static(id="chart-legend")

    def show(self, series: Sequence[tuple[str, Sequence[float]]], note: str = "") -> None:
        """`series`: (norm, breadth after turn 0, 1, ...) for each line, at most len(COLOURS)."""
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        legend = Text()
        longest = max((len(values) for _, values in series), default=0)
        turns: list[float] = list(range(longest))  # whole turns; plotext takes its ticks as floats
        # the widest norm last, so its line is drawn on top where lines meet
        for (_, values), (_, rgb) in reversed(list(zip(series, COLOURS, strict=False))):
            plt.plot(list(range(len(values))), list(values), marker=MARKER, color=rgb)
        for (norm, values), (hex_colour, _) in zip(series, COLOURS, strict=False):
            legend.append("██ ", style=hex_colour)
            legend.append(norm, style=f"bold {hex_colour}")
            legend.append(f" {values[-1]:.0%}\n\n", style="bold #ffffff")
        if not series:
            legend.append(note or "nothing has spread yet", style="bold white")
        plt.ylim(0, 1)
        plt.yticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"])
        if turns:
            step = max(1, len(turns) // 12)
            plt.xticks(turns[::step])
            plt.xlim(0, max(1, turns[-1]))
        plt.xlabel("turn")
        plot.refresh()
        self.query_one("#chart-legend", Static).update(legend)
