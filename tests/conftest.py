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


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server for this test process (tests/postgres.py); skips, or in
    CI fails, without PostgreSQL."""
    from tests import postgres

    postgres.require()
    cluster = postgres.start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["file", "postgres"])
def save_at(request, tmp_path):
    """save_at(name="game.db") -> where a test's save goes, as a command takes it: a file in
    tmp_path, or (the second run of the test) a fresh game `URL#NAME` on the test server."""
    if request.param == "file":
        return lambda name="game.db": str(tmp_path / name)
    cluster = request.getfixturevalue("pg_cluster")
    return lambda name="game.db": cluster.game(Path(name).stem.replace("_", "-"))
