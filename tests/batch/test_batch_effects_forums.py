"""Validation experiments at CI size (seeded, so stable): the test fails when an effect loses
its claimed direction or its 95% interval comes to include zero. Full-size figures are in
docs/validation.md; the experiments are spread over three files so pytest-xdist runs them in
parallel."""

import pytest

from tests.batch.lab_effects import check_effect_holds


@pytest.mark.parametrize("name", ["forum-speed", "norm-blocs", "outside-in"])
def test_effect_holds(name):
    check_effect_holds(name)
