"""`exercise saves [DIR]`: the saves in a directory, most recently played first."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from exercise.cli.args import saves_place_arg
from exercise.core.seats import HUMAN
from exercise.errors import SaveError
from exercise.store import Game, SaveSummary, list_saves
from exercise.store.listing import DEFAULT_DIR
from exercise.store.paths import place_shown, save_address


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("saves", help="list saved games: scenario, turn, seats, last played, who is awaited")
    p.add_argument(
        "directory",
        nargs="?",
        type=saves_place_arg,
        default=DEFAULT_DIR,
        metavar="DIR",
        help="where to look (default: saves/; --db URL: every game in that database)",
    )
    p.add_argument(
        "--scores",
        action="store_true",
        help="with each human seat's score against its objectives (0-100), e.g. for grading",
    )
    p.add_argument(
        "--json", action="store_true", help="print the same as JSON (with --scores: each save's gradebook rows too)"
    )
    p.add_argument(
        "--csv",
        action="store_true",
        help="with --scores: the gradebook as CSV, one row per save and human seat (student, scenario, "
        "seed, engine score per objective, evaluators' rubric scores, final score)",
    )
    p.set_defaults(func=run)


def seats_text(summary: SaveSummary) -> str:
    """'human: deu, usa; scripted: 3 champion, 1 blocker'"""
    humans = summary.human_seats
    scripted = Counter(c for c in summary.controllers.values() if c != HUMAN)
    parts = []
    if humans:
        marks = summary.scores
        parts.append(
            "human: "
            + ", ".join(f"{seat} (score {marks[seat]:.1f})" if marks and seat in marks else seat for seat in humans)
        )
    if scripted:
        parts.append("scripted: " + ", ".join(f"{n} {name}" for name, n in sorted(scripted.items())))
    return "; ".join(parts) or "no seats"


def status_text(summary: SaveSummary) -> str:
    if summary.finished:
        return "finished"
    if summary.paused:
        return "paused"
    if summary.waiting_for:
        return "waiting for " + ", ".join(summary.waiting_for)
    return "ready"


def as_dict(summary: SaveSummary) -> dict:
    return {
        "path": str(summary.path),
        "scenario": summary.scenario_id,
        "title": summary.title,
        "turn": summary.turn,
        "length": summary.length,
        "seed": summary.seed,
        "controllers": summary.controllers,
        "waiting_for": list(summary.waiting_for),
        "paused": summary.paused,
        "created_at": summary.created_at,
        "last_played_at": summary.last_played_at,
        "branched_from": summary.branched_from,
        "branched_at_turn": summary.branched_at_turn,
        "status": status_text(summary),
        **({} if summary.scores is None else {"scores": summary.scores}),
    }


def run(args: argparse.Namespace) -> int:
    if args.csv:
        return _gradebook_csv(args)
    problems: list[str] = []
    saves = list_saves(args.directory, problems=problems, scores=args.scores)
    for line in problems:
        print(f"skipped {line}", file=sys.stderr)
    if args.json:
        entries = [as_dict(s) for s in saves]
        if args.scores:
            from exercise.store.gradebook import save_rows

            for entry, summary in zip(entries, saves, strict=True):
                with Game.open(summary.path, read_only=True) as game:
                    entry["gradebook"] = [row.as_dict() for row in save_rows(game)]
        print(json.dumps(entries, sort_keys=True, indent=1))
        return 0
    if not saves:
        print(f"no saves in {place_shown(args.directory)} (create one with `exercise new SCENARIO`)")
        return 0
    for s in saves:
        branch = (
            f"  (what-if of {save_address(s.branched_from).name} at turn {s.branched_at_turn})"
            if s.branched_from
            else ""
        )
        print(
            f"{s.path}  {s.scenario_id}  turn {s.turn} of {s.length}  seed {s.seed}  "
            f"last played {s.last_played_at.replace('T', ' ').rstrip('Z')} UTC  {status_text(s)}{branch}"
        )
        print(f"    {seats_text(s)}")
    return 0


def _gradebook_csv(args: argparse.Namespace) -> int:
    from exercise.store.gradebook import gradebook, write_csv

    if not args.scores or args.json:
        raise SaveError("--csv: writes the gradebook: give it with --scores (and without --json)")
    problems: list[str] = []
    rows = gradebook(args.directory, problems)
    for line in problems:
        print(f"skipped {line}", file=sys.stderr)
    write_csv(rows, sys.stdout)
    return 0
