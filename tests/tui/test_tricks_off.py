"""With EXERCISE_TEXTUAL_TRICKS=0 the TUI runs on plain Textual widgets and still works: key
TUI tests run again that way, in a fresh process (the switch is read at import)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# the snapshots too: the plain widgets must draw the very same screens
KEY_TESTS = [
    "tests/tui/test_desk.py",
    "tests/tui/test_table.py",
    "tests/tui/test_first_steps.py",
    "tests/tui/test_snapshots.py",
]


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, EXERCISE_TEXTUAL_TRICKS="0")
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


def test_the_switch_turns_every_trick_off():
    check = (
        "from textual.widgets import DataTable, OptionList\n"
        "from exercise.tui import textual_tricks as t\n"
        "from exercise.tui.widgets.table import Table\n"
        "from exercise.tui.widgets.options import Options\n"
        "from exercise.tui.screens.tabbed import TabbedScreen\n"
        "assert not t.ENABLED and not (t.TABLE_TRICKS or t.OPTIONS_TRICKS or t.PER_LAYOUT)\n"
        "assert Table.__mro__[1] is DataTable and Options.__mro__[1] is OptionList\n"
        "assert t.PerLayoutLines not in TabbedScreen.__mro__\n"
        "assert t.rendered_once(None, 'x') == 'x'\n"
    )
    done = _run("-c", check)
    assert done.returncode == 0, done.stderr


def test_key_tui_tests_pass_without_the_tricks():
    done = _run("-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", *KEY_TESTS)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout.splitlines()[-1]
