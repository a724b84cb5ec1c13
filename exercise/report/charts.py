"""The report's charts as inline SVG, drawn by pygal: adoption of each norm over the turns,
each team's score over the turns, and what each forum decided. No script and no outside
reference in the SVG (the report is one file that works offline); the chart ids are fixed, so
the same save draws the same bytes."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pygal
from pygal.style import Style

from exercise.report.model import ForumOutcomes, Series

WIDTH, HEIGHT = 760, 360
_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#222",
    foreground_strong="#111",
    foreground_subtle="#bbb",
    font_family="Helvetica, Arial, sans-serif",
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=11,
    title_font_size=14,
    value_font_size=10,
    tooltip_font_size=11,
    colors=(
        "#1f77b4",
        "#d62728",
        "#2ca02c",
        "#ff7f0e",
        "#9467bd",
        "#8c564b",
        "#e377c2",
        "#17becf",
        "#7f7f7f",
        "#bcbd22",
    ),
)
_UUID = re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)  # pygal's tooltip config: the report runs no script


LEGEND_ROW = 21  # pixels a row of the legend takes (1.5 x its 14-pixel box)


def _config(title: str, legend_items: int) -> dict:
    """Legend below the plot, four entries to a row. pygal reserves floor(n / columns) rows
    for it, so the rows it misses are added to the bottom margin."""
    columns = max(1, min(4, legend_items))
    rows = -(-legend_items // columns)
    return dict(
        title=title,
        style=_STYLE,
        js=[],
        disable_xml_declaration=True,
        width=WIDTH,
        height=HEIGHT + LEGEND_ROW * rows,
        legend_at_bottom=True,
        legend_at_bottom_columns=columns,
        margin_bottom=20 + LEGEND_ROW * (rows - legend_items // columns),
        truncate_legend=28,
        truncate_label=-1,
        explicit_size=True,
    )


def _svg(chart, name: str) -> str:
    """The rendered SVG with pygal's random id made `chart-NAME`, its comments and script left out."""
    return _SCRIPT.sub("", _COMMENT.sub("", _UUID.sub(f"chart-{name}", chart.render(is_unicode=True))))


def _x_labels(chart, turns: int) -> None:
    step = max(1, turns // 10)
    chart.x_labels = [str(t) for t in range(turns)]
    chart.x_labels_major = [str(t) for t in range(0, turns, step)]
    chart.show_minor_x_labels = turns <= 25
    chart.show_dots = turns <= 40


def line_chart(name: str, title: str, series: Sequence[Series], low: float, high: float, y_title: str) -> str:
    turns = len(series[0].values) if series else 1
    chart = pygal.Line(
        **_config(title, len(series)),
        range=(low, high),
        x_title="turn",
        y_title=y_title,
        dots_size=2.5,
        stroke_style={"width": 2},
    )
    _x_labels(chart, turns)
    for s in series:
        chart.add(s.name, list(s.values))
    return _svg(chart, name)


def adoption_chart(series: Sequence[Series]) -> str:
    return line_chart(
        "adoption", "Adoption of each norm (breadth: share of power holding it)", series, 0.0, 1.0, "breadth"
    )


def score_chart(series: Sequence[Series]) -> str:
    return line_chart("scores", "Each team's score against its objectives", series, 0.0, 100.0, "score (0-100)")


def forum_chart(forums: Sequence[ForumOutcomes]) -> str:
    chart = pygal.StackedBar(
        **_config("What each forum decided", 3),
        x_title="forum",
        y_title="decisions",
        print_values=True,
        print_zeroes=False,
        min_scale=1,
    )
    chart.x_labels = [f.forum for f in forums]
    top = max([f.adopted + f.blocked + f.tabled for f in forums] + [1])
    chart.y_labels = list(range(0, top + 1, -(-top // 10)))  # whole decisions: no 0.2-step ticks
    for label, values in (
        ("adopted", [f.adopted for f in forums]),
        ("blocked", [f.blocked for f in forums]),
        ("tabled", [f.tabled for f in forums]),
    ):
        chart.add(label, values)
    return _svg(chart, "forums")
