"""The CI family check (exercise/batch/floors.py), shared by test_worlds_ci_{a,b,c}.py: every
named effect posed on the first CI_COUNT quick worlds of CI_FAMILY must hold in at least its
floor's share of them. The nine effects are spread over three files so pytest-xdist runs
them in parallel."""

from exercise.batch.floors import CI_COUNT, CI_FAMILY, FLOORS
from exercise.batch.worlds import run_worlds


def check_floors(names: list[str]) -> None:
    result = run_worlds(CI_FAMILY, names, count=CI_COUNT, quick=True, workers=1)
    for effect in result.effects:
        name = effect.experiment.name
        assert effect.posed >= 1, f"{name}: posed in no world of the CI family"
        share = effect.share("holds")
        assert share >= FLOORS[name], (
            f"{name}: holds in {share:.0%} of {effect.posed} posed worlds, below its floor {FLOORS[name]:.0%}"
        )
