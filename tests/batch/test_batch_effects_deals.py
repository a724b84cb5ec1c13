"""Validation experiments 10 and 11 at CI size (seeded, so stable): the test fails when an
effect loses its claimed direction or its 95% interval comes to include zero. Full-size
figures are in docs/validation.md."""

import pytest

from exercise.batch.experiments import find
from tests.batch.lab_effects import check_effect_holds


@pytest.mark.parametrize("name", ["side-payments", "broken-promises"])
def test_effect_holds(name):
    check_effect_holds(name)


def test_experiments_are_found_by_number_too():
    assert [e.name for e in find(["10", "11"])] == ["side-payments", "broken-promises"]
