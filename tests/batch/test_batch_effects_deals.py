"""Validation experiments 10 and 11 at CI size (seeded, so stable): the test fails when an
effect loses its claimed direction or its 95% interval comes to include zero. Full-size
figures are in docs/validation.md."""

import pytest

from exercise.batch.experiments import find, run_experiment


@pytest.mark.parametrize("name", ["side-payments", "broken-promises"])
def test_effect_holds(name):
    exp = find([name])[0]
    result = run_experiment(exp, exp.ci_runs, seed=1, workers=1)
    for outcome in result.outcomes:
        e = outcome.estimate
        assert outcome.verdict == "holds", f"{exp.name}: {outcome.comparison.label}: {e.text()} (n={e.n})"
        assert e.n >= exp.ci_runs // 2, f"{exp.name}: too few runs measured ({e.n})"


def test_experiments_are_found_by_number_too():
    assert [e.name for e in find(["10", "11"])] == ["side-payments", "broken-promises"]
