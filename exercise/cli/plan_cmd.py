"""`exercise plan SAVE`: the improvement plan (AAR/IP) of a save: list it, export it as CSV for
a spreadsheet, or import one (replacing the plan; every row checked first, nothing written on
a problem). The white cell also adds lines in the terminal UI (e in its console, i in replay).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exercise.errors import SaveError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plan", help="the improvement plan of a save: list, --export CSV, --import CSV")
    p.add_argument("save", metavar="SAVE")
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--import",
        dest="import_csv",
        type=Path,
        metavar="PLAN.csv",
        help="replace the plan with the rows of a CSV file (columns: number, issue, "
        "recommendation, owner, due, objective)",
    )
    group.add_argument(
        "--export",
        dest="export_csv",
        nargs="?",
        const="-",
        default=None,
        metavar="PLAN.csv",
        help="write the plan as CSV (to the file, or to stdout)",
    )
    p.add_argument("--force", action="store_true", help="with --export FILE: replace an existing file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from exercise.store import Game
    from exercise.store.plan_csv import read_plan_csv, write_plan_csv

    with Game.open(args.save, read_only=args.import_csv is None) as game:
        evaluation = game.evaluation
        if args.import_csv is not None:
            items = read_plan_csv(args.import_csv, evaluation.objectives())
            evaluation.replace_plan(items)
            print(f"{game.path}: the improvement plan now has {len(items)} line(s), from {args.import_csv}")
            return 0
        items = evaluation.plan()
        if args.export_csv == "-":
            write_plan_csv(items, sys.stdout)
            return 0
        if args.export_csv is not None:
            target = Path(args.export_csv)
            if target.exists() and not args.force:
                raise SaveError(f"{target}: already exists (choose another name, or --force to replace it)")
            with target.open("w", encoding="utf-8", newline="") as out:
                count = write_plan_csv(items, out)
            print(f"wrote {count} line(s) of the improvement plan to {target}")
            return 0
        if not items:
            print(
                f"{game.path}: the improvement plan is empty (add lines: exercise plan {game.path} --import "
                "plan.csv, or e in the white cell's console)"
            )
        for item in items:
            extra = ", ".join(
                p
                for p in (
                    f"owner {item.owner}" if item.owner else "",
                    f"due {item.due}" if item.due else "",
                    f"objective {item.objective}" if item.objective else "",
                )
                if p
            )
            print(f"{item.number}. {item.issue}\n   -> {item.recommendation}" + (f"\n   ({extra})" if extra else ""))
    return 0
