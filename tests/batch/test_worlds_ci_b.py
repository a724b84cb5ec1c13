"""The CI family (exercise/batch/floors.py): every effect posed on the first CI_COUNT quick
worlds of CI_FAMILY; fails when an effect's share of holding worlds drops below its floor.
The nine effects are spread over three files so pytest-xdist runs them in parallel."""

import pytest

from exercise.batch.floors import CI_COUNT, CI_FAMILY, FLOORS
from exercise.batch.worlds import run_worlds

NAMES = ["grafting", "assistance", "least-in-need"]


@pytest.mark.ci_family
def test_effects_hold_in_at_least_their_floor_of_worlds():
    result = run_worlds(CI_FAMILY, NAMES, count=CI_COUNT, quick=True, workers=1)
    for effect in result.effects:
        name = effect.experiment.name
        assert effect.posed >= 1, f"{name}: posed in no world of the CI family"
        share = effect.share("holds")
        assert share >= FLOORS[name], (
            f"{name}: holds in {share:.0%} of {effect.posed} posed worlds, below its floor {FLOORS[name]:.0%}"
        )
