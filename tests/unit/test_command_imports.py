"""Each command imports only what it uses: SQLAlchemy, networkx, Faker, pygal, openpyxl and
Textual cost from a tenth to a third of a second each to import (docs/performance.md,
"Start-up"), so a command that does not need one must not load it. Each case runs in a fresh
interpreter, as a user's command does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.startup import HOME_SCRIPT

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("networkx", "sqlalchemy", "faker", "pygal", "openpyxl", "textual")

_HELP = """
import json, sys
from exercise.cli import main
try:
    main(sys.argv[1:] + ["--help"])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy} if m in sys.modules)))
"""

_HOME = HOME_SCRIPT + "\nimport json\nprint(json.dumps(sorted(m for m in {heavy} if m in sys.modules)))\n"

_RUN = """
import json, sys, contextlib, io
from exercise.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
assert code == 0, code
print(json.dumps(sorted(m for m in {heavy} if m in sys.modules)))
"""


def _loaded(script: str, *argv: object, cwd: Path = ROOT) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", script.format(heavy=HEAVY), *map(str, argv)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=True,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


# command -> the heavy libraries its parser and module may load (everything else: none)
ALLOWED = {
    "play": set(),
    "scenarios": set(),
    "validate": set(),
    "run": set(),
    "replay": {"sqlalchemy"},
    "verify": {"sqlalchemy"},
    "export": {"sqlalchemy"},
    "saves": {"sqlalchemy"},
    "compare": {"sqlalchemy"},
    "debrief": {"sqlalchemy"},
    "report": {"sqlalchemy"},
    "generate": {"faker"},
    "strategies": set(),
    "sweep": set(),
}


@pytest.mark.parametrize("command", sorted(ALLOWED))
def test_a_commands_help_loads_only_what_it_needs(command):
    assert _loaded(_HELP, command) <= ALLOWED[command]


def test_the_home_screen_loads_neither_sqlalchemy_nor_networkx(tmp_path):
    (tmp_path / "saves").mkdir()
    assert _loaded(_HOME, tmp_path / "saves") == {"textual"}


_HOME_OWN = HOME_SCRIPT + (
    "\nimport json\n"
    "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('exercise.engine', 'exercise.strategies')))))\n"
)


def test_the_home_screen_checks_the_shipped_scenarios_without_the_engine(tmp_path):
    # the rules and the scripted seats are for a game: the home screen only lists and checks
    (tmp_path / "saves").mkdir()
    assert _loaded(_HOME_OWN, tmp_path / "saves") == set()


def test_replaying_a_turn_loads_no_ui_and_no_report_libraries(tmp_path, tutorial_path):
    save = tmp_path / "g.db"
    _loaded(_RUN, "new", tutorial_path, "--save", save)
    _loaded(_RUN, "run", save, "--turns", 2)
    # the save's reader only: a turn is shown and re-resolved without the tie graph (networkx)
    assert _loaded(_RUN, "replay", save, "--turn", 1) == {"sqlalchemy"}
    assert _loaded(_RUN, "replay", save, "--turn", 2, "--json") == {"sqlalchemy"}
    assert _loaded(_RUN, "verify", save) == {"sqlalchemy"}
