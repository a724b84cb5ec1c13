from __future__ import annotations

from pathlib import Path

import pytest

from exercise.cli import main
from exercise.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


@pytest.fixture(scope="session")
def tutorial():
    return load_scenario(SCENARIOS / "tutorial.toml")


@pytest.fixture(scope="session")
def tutorial_path() -> Path:
    return SCENARIOS / "tutorial.toml"


@pytest.fixture
def cli(capsys):
    """cli("verify", "x.db") -> (exit code, stdout, stderr), the command run in this process:
    for tests of what a command says and does, where the process itself is not what is tested
    (a spawned `python -m exercise` costs a second of imports per call)."""

    def run(*argv: object) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run
