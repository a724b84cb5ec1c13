"""The domain layers stay free of the UI and the database."""

import subprocess
import sys
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_core_and_engine_import_neither_textual_nor_sqlalchemy():
    code = (
        "import sys, exercise.core.canonical, exercise.engine, exercise.strategies, exercise.scenario;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'sqlalchemy'));"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_import_contracts_hold(capsys):
    # In-process, so it needs no `lint-imports` on PATH (an unactivated venv has none).
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    out = capsys.readouterr()
    assert status == 0, out.out + out.err
