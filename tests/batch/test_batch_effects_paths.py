"""Validation experiments at CI size (seeded, so stable): the test fails when an effect loses
its claimed direction or its 95% interval comes to include zero. Full-size figures are in
docs/validation.md; the experiments are spread over three files so pytest-xdist runs them in
parallel."""

import tomllib

import pytest

from exercise.batch.comparison import compare
from exercise.batch.experiments import find, pose_lab, run_experiment, variant_texts
from exercise.batch.runner import RunTask, run_seeds, run_tasks


@pytest.mark.parametrize("name", ["least-in-need", "cascade", "first-mover"])
def test_effect_holds(name):
    exp = find([name])[0]
    result = run_experiment(exp, exp.ci_runs, seed=1, workers=1)
    for outcome in result.outcomes:
        e = outcome.estimate
        assert outcome.verdict == "holds", f"{exp.name}: {outcome.comparison.label}: {e.text()} (n={e.n})"
        assert e.n >= exp.ci_runs // 2, f"{exp.name}: too few runs measured ({e.n})"


def test_cascade_vanishes_without_the_cascade_term():
    # What ties the acceleration to the tipping share is the cascade term (its pull and the
    # rate step past the share): switched off, the pace just above the share is no faster.
    exp = find(["cascade"])[0]
    posed = pose_lab(exp)
    data = tomllib.loads(exp.path.read_text(encoding="utf-8"))
    data.setdefault("model", {})["cascade_weight"] = 0
    [text] = variant_texts(posed, data, exp.scenario)
    results = run_tasks([RunTask(text, s, None, posed.measure) for s in run_seeds(1, exp.ci_runs)], 1)
    [outcome] = compare(posed.comparisons, {"base": results})
    assert outcome.verdict == "fails", outcome.estimate.text()
