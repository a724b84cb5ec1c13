"""`exercise worlds`: write a reproducible family of generated worlds (docs/worlds.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from exercise.cli.args import seed_arg
from exercise.errors import ExerciseError
from exercise.scenario import parse_scenario
from exercise.scenario.families import family, family_worlds, load_families


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "worlds",
        help="write a reproducible family of generated worlds",
        description="Write COUNT worlds of a named family (exercise/scenario/families.toml). "
        "The same arguments write byte-identical files.",
    )
    p.add_argument("--family", default=None, help="family name (see --list)")
    p.add_argument("--count", type=int, default=50, help="how many worlds (default 50)")
    p.add_argument("--seed", type=seed_arg, default=1, help="family seed (default 1)")
    p.add_argument("--quick", action="store_true", help="the family's small worlds (what CI runs)")
    p.add_argument("-o", "--output", metavar="DIR", help="directory to write the worlds into")
    p.add_argument("--force", action="store_true", help="overwrite existing world files")
    p.add_argument("--list", action="store_true", help="list the families and exit")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        for name, fam in load_families().items():
            print(f"{name:<14} {fam.description}")
        return 0
    if not args.family or not args.output:
        raise ExerciseError("worlds: give --family NAME and -o DIR (or --list)")
    fam = family(args.family)
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise ExerciseError(f"{out}: not a directory")
    worlds = family_worlds(fam, args.count, args.seed, args.quick)
    clashes = [name for name, _ in worlds if (out / name).exists()]
    if clashes and not args.force:
        raise ExerciseError(f"{out / clashes[0]}: already exists (use --force to overwrite)")
    for name, text in worlds:
        parse_scenario(text, name)  # never write a world that would not load
    out.mkdir(parents=True, exist_ok=True)
    for name, text in worlds:
        (out / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(worlds)} worlds of family {fam.name} (seed {args.seed}) to {out}")
    return 0
