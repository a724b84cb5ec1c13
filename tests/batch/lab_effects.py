"""The check shared by tests/batch/test_batch_effects_*.py: one lab experiment at CI size
(seeded, so stable) holds, every comparison with its 95% interval on the claimed side of zero
and at least half its runs measured."""

from exercise.batch.experiments import find, run_experiment


def check_effect_holds(name: str) -> None:
    exp = find([name])[0]
    result = run_experiment(exp, exp.ci_runs, seed=1, workers=1)
    for outcome in result.outcomes:
        e = outcome.estimate
        assert outcome.verdict == "holds", f"{exp.name}: {outcome.comparison.label}: {e.text()} (n={e.n})"
        assert e.n >= exp.ci_runs // 2, f"{exp.name}: too few runs measured ({e.n})"
