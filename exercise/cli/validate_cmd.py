from __future__ import annotations

import argparse
import sys

from exercise.errors import ScenarioError
from exercise.scenario import load_scenario


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check scenario files; one line per problem")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    failed = False
    for path in args.files:
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            failed = True
            for line in exc.problems:
                print(line, file=sys.stderr)
            continue
        print(
            f"{path}: ok ({len(scenario.delegations)} delegations, {len(scenario.forums)} forums, "
            f"{len(scenario.norms)} norms, {len(scenario.injects)} injects)"
        )
    return 2 if failed else 0
