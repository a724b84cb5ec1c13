"""`exercise replay SAVE --turn N [--as SEAT]`: a turn as the white cell saw it (everything) or
as one seat saw it (its view only: its own orders and brief, the public world, the events it
was allowed to see, the talk it heard: its audience's, in the order it was said)."""

from __future__ import annotations

import argparse
import json

from exercise.cli.play_cmd import seat_to_view
from exercise.cli.report import format_turn, turn_record
from exercise.cli.talk_cmd import said
from exercise.core.events import TALK_KINDS
from exercise.core.seats import FACILITATOR
from exercise.engine import view_for
from exercise.engine.talk import TalkEntry
from exercise.engine.views import View
from exercise.errors import ReplayError
from exercise.store import Game


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "replay",
        help="show a saved turn as the white cell or one seat saw it",
        description="Show a saved turn as the white cell or one seat saw it. Instructor material: without --as it shows the white cell's view (every seat's brief, orders and the white cell's trail), and it reads the save file directly, codes or not.",
    )
    p.add_argument("save", metavar="SAVE")
    p.add_argument("--turn", type=int, default=None, help="the turn to show (default: the latest)")
    p.add_argument(
        "--as",
        dest="seat",
        default=None,
        metavar="DELEGATION",
        help="show only what this seat could see (default: the white cell, everything)",
    )
    p.add_argument("--json", action="store_true", help="print the same as JSON")
    p.set_defaults(func=run)


def norm_lines(view: View) -> list[str]:
    lines = [f"  {'norm':<24} {'status':<10} {'breadth':>7} {'holders':>7}  framework"]
    for norm_id in view.norm_ids():
        q = view.norm_qualities(norm_id)
        lines.append(
            f"  {norm_id:<24} {q.status:<10} {view.breadth(norm_id):>7.2f} "
            f"{len(view.holders(norm_id)):>7}  {q.framework or '-'}"
        )
    return lines


def forum_lines(view: View) -> list[str]:
    lines = []
    for forum_id in view.forum_ids():
        agenda = ", ".join(a.norm for a in view.agenda(forum_id)) or "empty"
        adopted = ", ".join(sorted(view.adopted_in(forum_id))) or "nothing"
        lines.append(f"  {forum_id}: agenda: {agenda}; adopted: {adopted}")
    return lines


def objective_text(o) -> str:
    where = f" in {o.forum}" if o.forum else ""
    target = f" to {o.target:g}" if o.kind in ("breadth", "depth") else ""
    return f"{o.kind} {o.norm}{where}{target} (weight {o.weight:g})"


def seat_lines(state, view: View, seat: str | None) -> list[str]:
    if seat is None:
        return [
            f"  {s.id:<20} power {s.power:.2f}  capacity {s.capacity:.2f}  budget {s.budget:.2f}  "
            f"influence {s.influence:g}  threshold {s.threshold:.2f}"
            for s in sorted(state.seats.values(), key=lambda s: s.id)
        ]
    lines = [
        f"  {view.me.name} [{seat}]: influence {view.influence:g}, budget {view.budget:.2f}, "
        f"capacity {view.capacity:.2f}, power {view.power:.2f}"
    ]
    held = [f"{n} ({view.my_depth(n)})" for n in view.norm_ids() if view.my_depth(n)]
    lines.append(f"  holds: {', '.join(held) or 'no norm yet'}")
    for objective in view.objectives:
        lines.append(f"  objective: {objective_text(objective)}")
    return lines


def run(args: argparse.Namespace) -> int:
    with Game.open(args.save, read_only=True) as game:
        last = game.turn
        turn = last if args.turn is None else args.turn
        if not 0 <= turn <= last:
            raise ReplayError(f"{game.path}: there is no turn {turn} (turns 0 to {last})")
        seat = seat_to_view(game, args.seat)
        state = game.state(turn)
        view = view_for(state, seat, game.events(turn))
        orders = game.orders(turn)
        sources = game.order_sources(turn)
        if seat is not None:  # a seat saw only its own orders
            orders = {seat: orders[seat]} if seat in orders else {}
        record = turn_record(game.scenario, turn, view.events, game.state_hash(turn))
        talk = game.talk.heard(seat, turn) if turn > 0 else []  # the audience rule, as said
        who = "the white cell (everything)" if seat is None else f"{seat} (its view only)"
        if args.json:
            print(
                json.dumps(
                    {
                        "save": str(game.path),
                        "turn": turn,
                        "last_turn": last,
                        "as": seat or FACILITATOR,
                        "record": record,
                        "orders": {
                            s: {"source": sources.get(s, ""), "orders": [str(o) for o in os]}
                            for s, os in orders.items()
                        },
                        "events": [{"seq": e.seq, "kind": e.kind, "text": e.text()} for e in view.events],
                        "talk": [talk_record(entry) for entry in talk],
                        "state": state_summary(view),
                    },
                    sort_keys=True,
                    indent=1,
                )
            )
            return 0
        print(f"{game.path}: {game.scenario.title}, turn {turn} of {last}, as {who}")
        print()
        print("\n".join(format_turn(record)) if turn > 0 else "Turn 0: the start, before anyone ordered")
        print()
        print("Orders" if turn > 0 else "Orders: none yet")
        for s, seat_orders in orders.items():
            label = "white cell" if s == FACILITATOR else s
            print(f"  {label} ({sources.get(s, '?')}): {'; '.join(map(str, seat_orders)) or 'pass'}")
        print()
        print(f"Talk ({len(talk)})" if turn > 0 else "Talk: none yet")
        for entry in talk:
            print(f"  {said(entry)}")
        print()
        # the talk is listed above, in the order it was said; what came of the deals stays here
        shown = [e for e in view.events if e.kind not in TALK_KINDS or e.kind == "deal"]
        print(f"Events ({len(shown)})")
        for e in shown:
            print(f"  {e.text()}")
        print()
        print("Forums")
        print("\n".join(forum_lines(view)))
        print()
        print("Norms")
        print("\n".join(norm_lines(view)))
        print()
        print("Seats" if seat is None else "Brief")
        print("\n".join(seat_lines(state, view, seat)))
    return 0


def talk_record(entry: TalkEntry) -> dict:
    return {
        "index": entry.index,
        "seat": entry.seat,
        "text": entry.talk.text(),
        "audience": list(entry.audience),
        "offer": entry.offer,
    }


def state_summary(view: View) -> dict:
    return {
        "norms": {
            n: {"status": view.norm_qualities(n).status, "breadth": view.breadth(n), "holders": view.holders(n)}
            for n in view.norm_ids()
        },
        "forums": {
            f: {"agenda": [a.norm for a in view.agenda(f)], "adopted": view.adopted_in(f)} for f in view.forum_ids()
        },
    }
