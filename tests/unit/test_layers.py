"""The domain layers stay free of the UI and the database."""

import subprocess
import sys


def test_core_and_engine_import_neither_textual_nor_sqlalchemy():
    code = (
        "import sys, exercise.core.canonical, exercise.engine, exercise.strategies, exercise.scenario;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'sqlalchemy'));"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_import_contracts_hold():
    out = subprocess.run(["lint-imports"], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
