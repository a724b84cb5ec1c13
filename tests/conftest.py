from __future__ import annotations

from pathlib import Path

import pytest

from exercise.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


@pytest.fixture(scope="session")
def tutorial():
    return load_scenario(SCENARIOS / "tutorial.toml")


@pytest.fixture(scope="session")
def tutorial_path() -> Path:
    return SCENARIOS / "tutorial.toml"
