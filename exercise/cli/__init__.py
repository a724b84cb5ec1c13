"""The `exercise` command: one sub-command per module, errors as one line each, exit 2."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import NoReturn

from exercise import __version__
from exercise.cli.args import server_save_argv
from exercise.errors import ExerciseError, ScenarioError

# Each module defines register(subparsers) and sets `func` on its parser(s).
COMMAND_MODULES = (
    "exercise.cli.play_cmd",
    "exercise.cli.serve_cmd",
    "exercise.cli.scenarios_cmd",
    "exercise.cli.new_cmd",
    "exercise.cli.run_cmd",
    "exercise.cli.orders_cmd",
    "exercise.cli.talk_cmd",
    "exercise.cli.codes_cmd",
    "exercise.cli.saves_cmd",
    "exercise.cli.replay_cmd",
    "exercise.cli.verify_cmd",
    "exercise.cli.branch_cmd",
    "exercise.cli.copy_cmd",
    "exercise.cli.compare_cmd",
    "exercise.cli.debrief_cmd",
    "exercise.cli.plan_cmd",
    "exercise.cli.evaluate_cmd",
    "exercise.cli.notes_cmd",
    "exercise.cli.export_cmd",
    "exercise.cli.report_cmd",
    "exercise.cli.msel_cmd",
    "exercise.cli.validate_cmd",
    "exercise.cli.generate_cmd",
    "exercise.cli.worlds_cmd",
    "exercise.cli.strategies_cmd",
    "exercise.cli.sweep_cmd",
    "exercise.cli.experiments_cmd",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line and exit 2, like every other bad input
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(2)


def _command_of(argv: list[str]) -> str | None:
    """The sub-command named on the command line (the first word that is not an option)."""
    word = next((w for w in argv if not w.startswith("-")), None)
    return word if word and f"exercise.cli.{word}_cmd" in COMMAND_MODULES else None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """Every command's parser, or with `argv` naming one, only that one's: importing every
    command pulls in SQLAlchemy, Textual's dependencies and the batch runner (half a second),
    which `exercise validate` or `exercise scenarios` never need."""
    parser = _Parser(prog="exercise", description="Negotiate international cyber norms: a tabletop exercise engine.")
    parser.add_argument("--version", action="version", version=f"exercise {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    command = _command_of(argv) if argv is not None else None
    for name in (f"exercise.cli.{command}_cmd",) if command else COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a command not built yet
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        argv = server_save_argv(argv)
    except argparse.ArgumentTypeError as exc:
        print(f"exercise: {exc}", file=sys.stderr)
        return 2
    try:  # Ctrl-C while the command is still being imported: the same line and exit code
        parser = build_parser(argv)
        args = parser.parse_args(argv)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except ScenarioError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return 2
    except ExerciseError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so in one line, keep the traceback for developers
        if os.environ.get("EXERCISE_DEBUG"):
            raise
        print(f"internal error: {exc.__class__.__name__}: {exc} (set EXERCISE_DEBUG=1 for details)", file=sys.stderr)
        return 1
