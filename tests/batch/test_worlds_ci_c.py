"""The CI family, part c (tests/batch/ci_family.py says what it checks)."""

import pytest

from tests.batch.ci_family import check_floors

NAMES = ["cascade", "first-mover", "outside-in", "side-payments"]


@pytest.mark.ci_family
def test_effects_hold_in_at_least_their_floor_of_worlds():
    check_floors(NAMES)
