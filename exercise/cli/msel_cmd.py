"""`exercise msel export SCENARIO --out injects.csv|.xlsx` and `exercise msel import SCENARIO
SHEET --out NEW.toml`: a scenario's injects as the planners' master scenario events list, and
back (docs/report.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exercise.cli.output import check_output, write_output
from exercise.errors import ExerciseError
from exercise.msel.convert import msel_rows, scenario_with_msel
from exercise.msel.sheets import read_sheet, sheet_format, write_sheet
from exercise.scenario.loader import load_scenario


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "msel",
        help="a scenario's injects as a master scenario events list (CSV or Excel), and back",
        description="The master scenario events list: export a scenario's injects to a spreadsheet "
        "planners edit, or import one into a new scenario file.",
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True, parser_class=type(p))
    out = verbs.add_parser("export", help="write the scenario's injects to a .csv or .xlsx sheet")
    out.add_argument("scenario", type=Path, metavar="SCENARIO")
    out.add_argument("--out", type=Path, required=True, metavar="FILE", help="the sheet: injects.csv or injects.xlsx")
    out.add_argument("--force", action="store_true", help="replace FILE if it exists")
    out.set_defaults(func=run_export)
    into = verbs.add_parser("import", help="a new scenario file: SCENARIO with its injects replaced by the sheet's")
    into.add_argument("scenario", type=Path, metavar="SCENARIO")
    into.add_argument("sheet", type=Path, metavar="SHEET", help="injects.csv or injects.xlsx")
    into.add_argument("--out", type=Path, required=True, metavar="NEW.toml", help="the scenario file to write")
    into.add_argument("--force", action="store_true", help="replace NEW.toml if it exists")
    into.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    sheet_format(args.out)
    scenario = load_scenario(args.scenario)
    check_output(args.out, args.force, [args.scenario])
    rows = msel_rows(scenario)
    write_output(args.out, write_sheet(args.out, rows))
    print(f"wrote {len(rows)} inject(s) of {scenario.id} to {args.out}", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() != ".toml":
        raise ExerciseError(f"{args.out}: a scenario file ends in .toml")
    check_output(args.out, args.force, [args.sheet])
    header, rows = read_sheet(args.sheet)
    text = scenario_with_msel(args.scenario, args.sheet.name, header, rows)
    write_output(args.out, text)
    print(
        f"wrote {args.out}: {args.scenario.name} with the {len(rows)} inject(s) of {args.sheet.name}", file=sys.stderr
    )
    return 0
