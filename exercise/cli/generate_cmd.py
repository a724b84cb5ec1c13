from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exercise.cli.args import seed_arg
from exercise.errors import ExerciseError
from exercise.scenario import parse_scenario
from exercise.scenario.generate import generate_scenario


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("generate", help="write a valid synthetic scenario of a fictional world")
    p.add_argument("--delegations", type=int, default=30)
    p.add_argument("--forums", type=int, default=4)
    p.add_argument("--norms", type=int, default=10)
    p.add_argument("--turns", type=int, default=12)
    p.add_argument("--seed", type=seed_arg, default=1)
    p.add_argument("-o", "--output", metavar="FILE.toml", help="where to write (default: standard output)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        text = generate_scenario(args.delegations, args.forums, args.norms, args.seed, args.turns)
    except ValueError as exc:
        raise ExerciseError(f"generate: {exc}") from None
    parse_scenario(text, "generated")  # never write a file that would not load
    if not args.output:
        sys.stdout.write(text)
        return 0
    out = Path(args.output)
    if out.exists() and not args.force:
        raise ExerciseError(f"{out}: already exists (use --force to overwrite)")
    if not out.parent.exists():
        raise ExerciseError(f"{out.parent}: no such directory")
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0
