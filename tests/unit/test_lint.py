"""Lint and types hold, so `pytest` (and CI, which runs it) keeps the code ruff- and mypy-clean.

The settings are in pyproject.toml ([tool.ruff], [tool.mypy]); run the tools alone with
`ruff check exercise tests benchmarks` and `mypy` from the repository root.
"""

import subprocess
import sys
from pathlib import Path

from mypy import api as mypy_api

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_finds_nothing():
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "exercise", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_format_leaves_the_code_as_it_is():
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "exercise", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_finds_nothing():
    # Its incremental cache is the repository's .mypy_cache, as when run by hand: a warm run
    # takes a second or two, a cold one (CI) about fifteen.
    stdout, stderr, status = mypy_api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            str(ROOT / "exercise"),
        ]
    )
    assert status == 0, stdout + stderr
