"""The projector's panels in words, each in several sizes: the largest type that fits is shown.

Every function returns choices for `Fitted`: [(renderable, width, height)], largest first and
the last one always fitting. The words are the turn digest's and the debrief's; only the type
size changes. No Textual here, and nothing but a `Projection` (public facts) goes in.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from exercise.core.events import DECIDED
from exercise.core.wording import bar_cells
from exercise.tui.presenters.turn_digest import TurnDigest
from exercise.tui.projection import Projection
from exercise.tui.screens.results import VERDICT
from exercise.tui.widgets.big_type import HEIGHT, big, big_width

UP, DOWN, EMPTY = "bold #00ff5f", "bold #ff5f5f", "#5f5f5f"
SUBMITTED, WAITING, PAUSED = "bold black on #00d75f", "bold black on #ffd700", "bold black on #c0c0c0"
INJECT, FORUM, BLOCKERS = "bold white on #af00af", "bold #00d7ff", "bold #ffd700"
# the verdicts' colours (results.VERDICT), brighter: large blocks of them must read across a room
BIG_VERDICT = {
    "adopted": "bold #ffffff on #008700",
    "blocked": "bold #ffffff on #d70000",
    "tabled": "bold #ffffff on #5f5f5f",
}
Choices = list[tuple[RenderableType, int, int]]


def turn_choices(p: Projection) -> Choices:
    if p.finished:
        head, foot = "FINAL", f"{p.turn} turns played"
    else:
        head, foot = f"TURN {min(p.turn + 1, p.turns)}", f"of {p.turns}"
    small = Text.assemble((head, "bold"), " ", (foot, "bold"))
    return [
        (Group(big((head, "bold #ffffff")), Text(foot, style="bold", justify="center")), big_width(head), HEIGHT + 1),
        (small, 0, 0),
    ]


def status_choices(p: Projection) -> Choices:
    """Paused, and whom the turn waits for: names only, never what they ordered."""
    words = []
    if p.submitted:
        words.append(f"submitted: {', '.join(p.submitted)}")
    if p.waiting:
        words.append(f"waiting: {', '.join(p.waiting)}")
    line = Text(" — ".join(words) or ("" if p.finished else "Every seat is scripted."), style="bold")
    if p.paused and not p.finished:
        head = [(" PAUSED ", PAUSED)]
    elif p.finished:
        head = [("GAME OVER", "bold #ffffff")]
    elif p.waiting:
        head = [("WAITING ", "bold #ffd700"), *((f" {s} ", WAITING) for s in p.waiting)]
    elif p.submitted:
        head = [("ALL IN", "bold #00ff5f")]
    else:
        head = []
    choices: Choices = []
    # all of it large; else the names of the teams awaited alone (the line under them says so)
    for part in (head, head[1:] if p.waiting and not p.paused else []):
        if part:
            width = big_width("".join(text for text, _ in part))
            choices.append((Group(big(*part), line), max(width, len(line)), HEIGHT + 1))
    small = Text.assemble(*((text, style) for text, style in head)) if head else Text("")
    return [*choices, (Group(small, line), 0, 0)]


def decision_choices(p: Projection, d: TurnDigest) -> Choices:
    """What each forum decided in the turn of `d` (the projection's last), and who blocked:
    verdicts as coloured blocks."""
    injects = [Text.assemble((" INJECT ", INJECT), "  ", (title, "bold")) for title in d.injects]
    decided = [(forum, norm, outcome, detail) for forum, norm, outcome, detail in d.decisions if outcome in DECIDED]
    blocking = {forum for forum, _, outcome, _ in decided if outcome == "blocked"}
    decided.sort(key=lambda row: (row[0] not in blocking, row[2] != "blocked"))  # blocks first: cut last
    stuck = [f"{norm} ({forum})" for forum, norm, outcome, _ in d.decisions if outcome not in DECIDED]
    if len(stuck) > 3:  # few words: name three, count the rest
        stuck = [*stuck[:3], f"{len(stuck) - 3} more"]
    tail = [Text.assemble(("no agreement yet: ", "bold #c0c0c0"), (", ".join(stuck), "#c0c0c0"))] if stuck else []
    if not decided:
        return [
            (
                Group(
                    *injects, *([Text("")] if injects else []), Text("No forum decided anything.", style="bold"), *tail
                ),
                0,
                0,
            )
        ]
    head = [*injects, Text("")] if injects else []
    extra = len(head) + len(tail)
    widest = max(len(f" {o.upper()} ") for _, _, o, _ in decided)

    def who(forum: str, outcome: str, detail: str) -> Text:
        return Text.assemble(
            (p.forum_name(forum), FORUM), *(("  ", ""), (detail, BLOCKERS)) if outcome == "blocked" else ()
        )

    # 1: verdict and norm in large type, the forum and the blockers under them
    rows = []
    for forum, norm, outcome, detail in decided:
        rows += [
            big((f" {outcome.upper()} ", BIG_VERDICT.get(outcome, "bold")), "  ", (norm, "bold #ffffff")),
            who(forum, outcome, detail),
            Text(""),
        ]
    width1 = max(big_width(f" {o.upper()} ") + 2 * 4 + big_width(n) for _, n, o, _ in decided)
    huge = (Group(*head, *rows, *tail), width1, extra + len(decided) * (HEIGHT + 2))
    # 2: the verdict in large type, the norm, forum and blockers beside it
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    for i, (forum, norm, outcome, detail) in enumerate(decided):
        if i:
            table.add_row("", "")
        beside = Text.assemble((norm, "bold"), "\n", (p.forum_name(forum), FORUM))
        if outcome == "blocked":
            beside.append(f"\n{detail}", style=BLOCKERS)
        table.add_row(big((f" {outcome.upper()} ", BIG_VERDICT.get(outcome, "bold"))), beside)
    # long lists of blockers wrap beside the verdict
    beside_width = max(max(len(n), len(p.forum_name(f)), min(len(x), 30)) for f, n, _, x in decided)
    lines = sum(max(HEIGHT, 2 + (-(-len(x) // beside_width) if o == "blocked" else 0)) + 1 for _, _, o, x in decided)
    large = (Group(*head, table, *tail), widest * 4 + 2 + beside_width, extra + lines - 1)
    small = [*head, *small_decisions(p, decided), *tail]
    # short of lines: the injects share one line
    one = [Text.assemble((" INJECT ", INJECT), "  ", (" · ".join(d.injects), "bold")), Text("")] if injects else []
    lines = len(small) + sum(len(rows) for rows in _by_forum(decided).values())
    tight = [part for part in small[len(head) :] if not (isinstance(part, Text) and not part.plain)]
    return [
        huge,
        large,
        (Group(*small), 0, lines),
        (Group(*one, *small[len(head) :]), 0, lines - len(head) + len(one)),
        (Group(*one, *tight), 0, 0),
    ]


def small_decisions(p: Projection, decided) -> list[RenderableType]:
    """Normal type: each forum with its decisions under it."""
    parts: list[RenderableType] = []
    for forum, rows in _by_forum(decided).items():
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(style=BLOCKERS)
        for norm, outcome, detail in rows:
            table.add_row(
                Text(f" {outcome.upper()} ", style=VERDICT.get(outcome, "bold")),
                norm,
                detail if outcome == "blocked" else "",
            )
        parts += [Text(p.forum_name(forum), style=f"{FORUM} underline"), table, Text("")]
    return parts


def _by_forum(decided) -> dict[str, list[tuple[str, str, str]]]:
    by_forum: dict[str, list[tuple[str, str, str]]] = {}
    for forum, norm, outcome, detail in decided:
        by_forum.setdefault(forum, []).append((norm, outcome, detail))
    return by_forum


def bar_choices(rows, nothing: str = "Nothing spread or receded.") -> Choices:
    """Breadth per norm as bars (before -> now): two lines thick when there is room, else one."""
    if not rows:
        return [(Text(nothing, style="bold"), 0, 0)]
    name = max(len(norm) for norm, _, _ in rows)
    choices: Choices = []
    for width in (72, 56, 40):  # as wide as the panel allows
        thick = Table.grid(padding=(0, 1))
        thick.add_column(no_wrap=True)
        for norm, was, now in rows:
            thick.add_row(Text.assemble((norm, "bold"), "   ", change(was, now)))
            thick.add_row(bar(was, now, width) + Text("\n") + bar(was, now, width))
            thick.add_row("")
        choices.append((thick, max(width, name + 18), 4 * len(rows) - 1))
    # one line a norm, with air between them if there is room; the last, narrow, always fits
    for spaced, width in ((True, 24), (False, 24), (False, 8)):
        thin = Table.grid(padding=(0, 1))
        thin.add_column(style="bold", no_wrap=True)
        thin.add_column(no_wrap=True)
        thin.add_column(justify="right", no_wrap=True)
        for i, (norm, was, now) in enumerate(rows):
            if spaced and i:
                thin.add_row("", "", "")
            thin.add_row(
                norm, bar(was, now, width), change(was, now) if width > 8 else Text(f"{now:.0%}", style="bold")
            )
        needs = name + width + 2 + max(len(change(was, now)) for _, was, now in rows)
        choices.append((thin, needs, 2 * len(rows) - 1 if spaced else len(rows)) if width > 8 else (thin, 0, 0))
    return choices


def bar(was: float, now: float, width: int) -> Text:
    full, empty = bar_cells(now, width)
    return Text(full, style=UP if now >= was else DOWN) + Text(empty, style=EMPTY)


def change(was: float, now: float) -> Text:
    if abs(now - was) < 1e-9:
        return Text(f"{now:.0%}", style="bold")
    return Text(f"{was:.0%} → {now:.0%} {'▲' if now >= was else '▼'}", style=UP if now >= was else DOWN)


def turning_point_choices(p: Projection) -> Choices:
    if not p.heavy.turning_points:
        return [(Text("No forum decided anything in this game.", style="bold"), 0, 0)]
    parts: list[RenderableType] = []
    for turn, lines in p.heavy.turning_points:
        parts.append(Text(f" TURN {turn} ", style="bold black on #00d7ff"))
        parts += [Text(f"  {line}", style="bold") for line in lines[:3]]
        parts.append(Text(""))
    return [(Group(*parts), 0, 0)]
