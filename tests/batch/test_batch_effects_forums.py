"""Validation experiments at CI size (seeded, so stable): the test fails when an effect loses
its claimed direction or its 95% interval comes to include zero. Full-size figures are in
docs/validation.md; the experiments are spread over three files so pytest-xdist runs them in
parallel."""

import pytest

from exercise.batch.experiments import find, run_experiment


@pytest.mark.parametrize("name", ["forum-speed", "norm-blocs", "outside-in"])
def test_effect_holds(name):
    exp = find([name])[0]
    result = run_experiment(exp, exp.ci_runs, seed=1, workers=1)
    for outcome in result.outcomes:
        e = outcome.estimate
        assert outcome.verdict == "holds", f"{exp.name}: {outcome.comparison.label}: {e.text()} (n={e.n})"
        assert e.n >= exp.ci_runs // 2, f"{exp.name}: too few runs measured ({e.n})"
