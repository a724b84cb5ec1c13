"""Mutated shipped scenarios: each is refused in clear lines (exit 2, every line naming the
file) or plays (new, run, replay, verify); never exit 1, never a save that does not open.
benchmarks/fuzz_scenarios.py runs the same mutations 10,000 times."""

from __future__ import annotations

import fuzzing

FILES = 150  # about 5 s on 2 idle cores


def test_mutated_scenarios_are_refused_clearly_or_play(tmp_path):
    outcomes, failing, examples = fuzzing.run(FILES, tmp_path, seed=17, sources=fuzzing.SMALL)
    assert sum(outcomes.values()) == FILES
    assert outcomes["refused"] > FILES // 2 and outcomes["valid"] > 0, outcomes  # both sides exercised
    assert not failing, "\n".join(examples)


def test_a_deep_nesting_or_odd_key_is_one_line_naming_the_file(tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text('id = "x"\ntitle = "t"\nlearning_objectives = ' + "[" * 5000 + "]" * 5000 + "\n")
    assert fuzzing.try_file(deep, tmp_path / "x.db") == "refused"
    code, err = fuzzing._call(["validate", str(deep)])
    assert code == 2 and err.strip() == "deep.toml: nests tables and lists more than 8 levels deep (a scenario needs 5)"
