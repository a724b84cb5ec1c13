"""Properties of the statistics and the sweep's value parsing, over many generated inputs."""

import math

from hypothesis import given
from hypothesis import strategies as st

from exercise.batch.runner import run_seeds
from exercise.batch.stats import estimate, paired_difference
from exercise.batch.sweep import _split_values

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
samples = st.lists(st.one_of(finite, st.just(math.nan)), min_size=0, max_size=40)


@given(samples)
def test_an_interval_holds_its_mean_and_counts_only_real_values(values):
    e = estimate(values)
    real = [v for v in values if not math.isnan(v)]
    assert e.n == len(real)
    if real:
        assert e.low <= e.mean + 1e-6 and e.mean <= e.high + 1e-6
        assert min(real) - 1e-6 <= e.mean <= max(real) + 1e-6


@given(st.lists(finite, min_size=2, max_size=40), finite)
def test_shifting_every_run_shifts_the_interval_by_as_much(values, shift):
    a, b = estimate(values), estimate([v + shift for v in values])
    tolerance = 1e-6 * (1 + max(abs(v) for v in values) + abs(shift))
    assert abs((b.mean - a.mean) - shift) < tolerance
    assert abs((b.high - b.low) - (a.high - a.low)) < tolerance * 10


@given(st.lists(st.tuples(finite, finite), min_size=1, max_size=40))
def test_a_paired_difference_is_the_estimate_of_the_differences(pairs):
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    assert paired_difference(a, b) == estimate([y - x for x, y in pairs])
    same = paired_difference(a, a)
    assert same.mean == 0 and same.low == same.high == 0


words = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Nd"), whitelist_characters="-._"), min_size=1)


@given(
    st.lists(
        st.one_of(words, st.lists(words, min_size=1, max_size=3).map(lambda xs: "[" + ",".join(xs) + "]")),
        min_size=1,
        max_size=6,
    )
)
def test_vary_values_split_on_commas_outside_brackets_only(values):
    assert _split_values(",".join(values)) == values


@given(st.integers(min_value=0, max_value=2**40), st.integers(min_value=1, max_value=200))
def test_run_seeds_are_stable_in_range_and_a_prefix_of_a_longer_batch(seed, runs):
    seeds = run_seeds(seed, runs)
    assert seeds == run_seeds(seed, runs) and all(0 <= s < 2**31 for s in seeds)
    assert run_seeds(seed, runs + 5)[:runs] == seeds  # more runs keep the earlier ones: results can grow
