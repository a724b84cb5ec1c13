"""benchmarks/vector_bound.py stays a bound of the engine's very rule: on a seeded turn its
numpy version adopts the same (norm, delegation) pairs and reaches the same depths and
progress (it exits non-zero otherwise). Skipped without numpy (the `bench` extra)."""

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("numpy")

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "vector_bound.py"


def test_the_numpy_bound_follows_the_engine_on_a_seeded_turn():
    out = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--delegations",
            "80",
            "--forums",
            "8",
            "--norms",
            "20",
            "--turn",
            "7",
            "--repeat",
            "1",
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "same adopted pairs: True; same depths: True; progress values that differ: 0" in out.stdout
    assert " 0 adoptions" not in out.stdout  # a turn where something happens
