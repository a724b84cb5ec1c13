"""`exercise debrief SAVE [--as SEAT]`: the game's turning points (the deals that unlocked or
sank a decision among them), who gained and lost against their objectives, the blocs it ended
in, and the negotiation: each seat's pledges against its practice, its deals kept and broken.
The end-of-session debrief, from the save; a seat's shows only what it could see."""

from __future__ import annotations

import argparse
import json

import attrs

from exercise.cli.debrief_talk import format_negotiation, markdown_negotiation
from exercise.cli.notes_cmd import note_lines
from exercise.cli.play_cmd import seat_to_view
from exercise.core.state import GameState
from exercise.core.wording import bloc_line
from exercise.engine.debrief import Debrief, debrief
from exercise.engine.metrics import norm_summary
from exercise.scenario.guides import debrief_questions
from exercise.store import Game
from exercise.store.history import history, orders_by_turn, teams_of


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "debrief",
        help="a save's turning points, who gained and lost, and the blocs it ended in",
        description="The debrief of a save: turning points, who gained and lost, the blocs. Instructor material: without --as it shows the white cell's view (every seat's brief, orders and the white cell's trail), and it reads the save file directly, codes or not.",
    )
    p.add_argument("save", metavar="SAVE")
    p.add_argument(
        "--as",
        dest="seat",
        default=None,
        metavar="DELEGATION",
        help="one seat's debrief: its score and what it could see (default: the white cell, everything)",
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the debrief as JSON")
    out.add_argument(
        "--markdown",
        action="store_true",
        help="print the debrief as a Markdown handout (for the next class's briefing)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Game.open(args.save, read_only=True) as game:
        seat = seat_to_view(game, args.seat)
        past = history(game)
        result = debrief(past, None if seat is None else [seat])
        # the instructor's bookmarks are instructor material: the white cell's debrief only
        notes = game.evaluation.instructor_notes() if seat is None else []
        handout = handout_extras(game, past[-1][0], seat) if args.markdown else None
    if args.json:
        print(
            json.dumps(
                {
                    **attrs.asdict(result),
                    **({"instructor_notes": [attrs.asdict(n) for n in notes]} if seat is None else {}),
                },
                indent=2,
            )
        )
    elif handout is not None:
        print("\n".join(markdown_debrief(result, game.path.name, game.seed, game.scenario.title)))
        print("\n".join(markdown_negotiation(result.negotiation)))
        if notes:
            print("\n".join(["", "## Instructor's notes", "", *note_lines(notes, markdown=True)]))
        print("\n".join(handout))
    else:
        print("\n".join(format_debrief(result, game.path.name, game.seed)))
        print("\n".join(format_negotiation(result.negotiation)))
        if notes:
            print("\n".join(["", "Instructor's notes", *note_lines(notes)]))
    return 0


def _signed(x: float) -> str:
    return f"{x:+.0f}"


def format_debrief(d: Debrief, name: str, seed: int) -> list[str]:
    lines = [f"Debrief of {name}: {d.scenario}, {d.turns} turns, seed {seed}"]
    if not d.points:
        lines += ["", "Nothing has turned yet: no decision, inject or score change."]
    else:
        big = {p.turn for p in d.biggest()}
        lines += ["", "Turning points (* the three biggest)"]
        for p in d.points:
            mark = "*" if p.turn in big else " "
            texts = list(p.headlines) or ["(scores moved)"]
            lines.append(f" {mark}turn {p.turn:<3} {texts[0]}")
            lines += [f"  {'':<8} {t}" for t in texts[1:]]
            if p.score_changes:
                lines.append(f"  {'':<8} scores: " + ", ".join(f"{s} {_signed(c)}" for s, c in p.score_changes))
    if d.arcs:
        lines += ["", "Who gained and lost (score against objectives, 0-100)"]
        for arc in d.arcs:
            text = f"  {arc.seat:<16} {arc.scores[0]:>5.0f} -> {arc.scores[-1]:>5.0f}"
            for label, step, why in (("best", arc.best, arc.best_why), ("worst", arc.worst, arc.worst_why)):
                if step is not None:
                    text += f"   {label}: turn {step[0]} ({_signed(step[1])}: {why})"
            lines.append(text)
    lines += [
        "",
        f"Blocs at the end: {len(d.blocs)} norm bloc(s), {d.opposed_pairs} opposed pair(s)"
        + (f"; the world split at turn {d.split_at}" if d.split_at else ""),
    ]
    lines += [f"  {bloc_line(bloc)}" for bloc in d.blocs]
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_debrief(d: Debrief, name: str, seed: int, title: str) -> list[str]:
    """The same debrief as a handout: headings and tables that any Markdown viewer renders."""
    lines = [f"# Debrief: {title}", "", f"`{name}`: scenario `{d.scenario}`, {d.turns} turns, seed {seed}.", ""]
    lines += ["## Turning points", ""]
    if not d.points:
        lines.append("Nothing has turned yet: no decision, inject or score change.")
    else:
        big = {p.turn for p in d.biggest()}
        lines += ["| turn | what happened | scores moved |", "|---:|---|---|"]
        for p in d.points:
            what = "<br>".join(_cell(h) for h in p.headlines) or "-"
            turn = f"**{p.turn}**" if p.turn in big else str(p.turn)
            moved = ", ".join(f"{seat} {_signed(c)}" for seat, c in p.score_changes) or "-"
            lines.append(f"| {turn} | {what} | {moved} |")
        lines += ["", "The three biggest turns are in bold."]
    if d.arcs:
        lines += [
            "",
            "## Who gained and lost",
            "",
            "Scores against each delegation's objectives, 0 to 100.",
            "",
            "| delegation | start | end | best turn | worst turn |",
            "|---|---:|---:|---|---|",
        ]
        for arc in d.arcs:
            best = f"{arc.best[0]} ({_signed(arc.best[1])}: {_cell(arc.best_why)})" if arc.best else "-"
            worst = f"{arc.worst[0]} ({_signed(arc.worst[1])}: {_cell(arc.worst_why)})" if arc.worst else "-"
            lines.append(f"| {arc.name} ({arc.seat}) | {arc.scores[0]:.0f} | {arc.scores[-1]:.0f} | {best} | {worst} |")
    lines += [
        "",
        "## Blocs at the end",
        "",
        f"{len(d.blocs)} norm bloc(s), {d.opposed_pairs} opposed pair(s)"
        + (f"; the world split at turn {d.split_at}." if d.split_at else "."),
    ]
    if d.blocs:
        lines.append("")
        lines += [bloc_line(b, markdown=True) for b in d.blocs]
    return lines


def handout_extras(game: Game, final: GameState, seat: str | None) -> list[str]:
    """What the handout adds to the debrief: how every norm ended, each team's orders by turn
    and the scenario guide's debrief questions."""
    scenario = game.scenario
    lines = [
        "",
        "## How every norm ended",
        "",
        "| norm | status | adopted in (turn) | breadth | holders | rhetoric / policy / law / practice |",
        "|---|---|---|---:|---:|---|",
    ]
    for norm in sorted(final.norms):
        n = norm_summary(final, norm)
        where = ", ".join(f"{scenario.forum(f).name} ({t})" for f, t in n["adopted_in"].items()) or "-"
        depths = " / ".join(str(n["by_depth"][k]) for k in ("rhetoric", "policy", "law", "practice"))
        lines.append(f"| `{norm}` | {n['status']} | {_cell(where)} | {n['breadth']:.2f} | {n['holders']} | {depths} |")
    lines += ["", "## Orders by turn"]
    for team, turns in orders_by_turn(game, list(teams_of(game, seat))).items():
        lines += ["", f"### {_cell(scenario.delegation(team).name)} (`{team}`)", ""]
        if not turns:
            lines.append("No orders given.")
            continue
        lines += ["| turn | orders |", "|---:|---|"]
        lines += [f"| {turn} | {'<br>'.join(_cell(o) for o in orders)} |" for turn, orders in turns]
    questions = debrief_questions(scenario.id)
    lines += ["", "## Debrief questions", ""]
    if questions:
        lines += [f"{i}. {q}" for i, q in enumerate(questions, 1)]
    else:
        lines.append(f"The scenario `{scenario.id}` has no facilitator guide with debrief questions.")
    return lines
