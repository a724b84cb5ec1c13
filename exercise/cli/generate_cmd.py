"""`exercise generate`: one synthetic world, shaped by the generator's knobs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import attrs

from exercise.cli.args import seed_arg
from exercise.core.limits import RANGE
from exercise.errors import ExerciseError, ScenarioError
from exercise.scenario import parse_scenario
from exercise.scenario.generate import world_text
from exercise.scenario.knobs import KNOB_NAMES, Knobs, knob_help, knob_problems


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "generate",
        help="write a valid synthetic scenario of a fictional world",
        description="Write a valid synthetic scenario. The knobs shape the world (docs/worlds.md).",
    )
    for name in KNOB_NAMES:
        p.add_argument(
            f"--{name.replace('_', '-')}",
            dest=name,
            default=None,
            metavar="N" if name != "rules" else "R,R",
            help=knob_help(name),
        )
    p.add_argument("--seed", type=seed_arg, default=1)
    p.add_argument("-o", "--output", metavar="FILE.toml", help="where to write (default: standard output)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=run)


def read_knobs(args: argparse.Namespace) -> Knobs:
    """The knobs given on the command line, checked: one line per bad knob (exit 2)."""
    fields = attrs.fields_dict(Knobs)
    values: dict[str, Any] = {}
    problems = []
    for name in KNOB_NAMES:
        text = getattr(args, name)
        if text is None:
            continue
        flag = f"--{name.replace('_', '-')}"
        if name == "rules":
            values[name] = tuple(r.strip() for r in text.split(",") if r.strip())
            continue
        try:
            values[name] = int(text) if fields[name].metadata[RANGE].whole else float(text)
        except ValueError:
            problems.append(
                f"generate: {flag}: {text!r} is not a {'whole ' if fields[name].metadata[RANGE].whole else ''}number"
            )
    problems += [_as_flag(p) for p in knob_problems(values, "generate")]
    if problems:
        raise ScenarioError(problems)
    return Knobs(**values)


def _as_flag(problem: str) -> str:
    """`generate: tie_density: ...` -> `generate: --tie-density: ...` (what the user typed)."""
    where, _, rest = problem.partition(": ")
    name, _, why = rest.partition(": ")
    return f"{where}: --{name.replace('_', '-')}: {why}" if name in KNOB_NAMES else problem


def run(args: argparse.Namespace) -> int:
    knobs = read_knobs(args)
    text = world_text(knobs, args.seed)
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
