from __future__ import annotations

import argparse

from exercise.strategies import STRATEGIES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("strategies", help="list the scripted strategies")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    width = max(len(name) for name in STRATEGIES)
    for name in sorted(STRATEGIES):
        cls = STRATEGIES[name]
        tags = ", ".join(k for k, v in sorted(cls.classifier.items()) if v) or "deterministic"
        print(f"{name:<{width}}  {cls.summary} [{tags}]")
    return 0
