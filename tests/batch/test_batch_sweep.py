"""Sweeps: key paths, the forums factor, paired seeds, tidy rows, and the CLI's one-line errors."""

import csv
import io
import math
import tomllib

import pytest

from exercise.batch.keypath import build_variant, keep_forums, parse_value, set_path
from exercise.batch.runner import RunTask, run_seeds, run_tasks
from exercise.batch.stats import estimate, paired_difference, t975
from exercise.batch.sweep import run_sweep, write_csv
from exercise.cli import main
from exercise.errors import BatchError


def comparable(rows):
    """NaN (a quantity that did not exist in a run) never equals itself: compare it as None."""
    return [tuple(None if isinstance(x, float) and math.isnan(x) else x for x in row) for row in rows]


@pytest.fixture()
def data(tutorial_path):
    return tomllib.loads(tutorial_path.read_text())


def test_values_read_as_toml_or_else_text():
    assert parse_value("0.3") == 0.3 and parse_value("true") is True and parse_value("3") == 3
    assert parse_value('["a", "b"]') == ["a", "b"] and parse_value("laws-of-war") == "laws-of-war"


def test_key_paths_name_tables_by_id_or_index_and_create_missing_tables(data):
    set_path(data, "norms.free-flow.clarity", 0.95)
    set_path(data, "ties.0.weight", 0.25)
    set_path(data, "model.cascade_tipping", 0.2)
    set_path(data, "delegations.deltora.values.privacy", 0.1)
    scenario, text = build_variant(data, [], "t.toml")
    assert scenario.norm("free-flow").clarity == 0.95
    assert scenario.ties[0].weight == 0.25
    assert scenario.model.cascade_tipping == 0.2
    assert scenario.delegation("deltora").values["privacy"] == 0.1
    assert tomllib.loads(text)["model"]["cascade_tipping"] == 0.2


@pytest.mark.parametrize(
    "key, value, fragment",
    [
        ("norms.nope.clarity", 0.3, "norms has no entry 'nope' (known: protect-hospitals"),
        ("norms.free-flow.clarity.x", 0.3, "norms.free-flow.clarity is a value"),
        ("norms.free-flow.clarity", 3.0, "norms[2].clarity: must be between 0 and 1"),
        ("norms.free-flow.clarity", "high", "must be a number"),
        ("norms.free-flow.colour", 0.3, "unknown key(s): colour"),
        ("forums", "regional", "forums=regional: must be one of centralized, decentralized, both"),
    ],
)
def test_a_bad_path_or_value_is_one_line_naming_the_assignment(data, key, value, fragment):
    with pytest.raises(BatchError) as info:
        build_variant(data, [(key, value, "--set")], "tutorial.toml")
    message = str(info.value)
    assert fragment in message and "\n" not in message
    assert key in message


def test_forums_factor_keeps_one_kind_and_loosens_references(data):
    keep_forums(data, "decentralized")
    assert [f["id"] for f in data["forums"]] == ["coalition"]
    atlantia = next(d for d in data["delegations"] if d["id"] == "atlantia")
    assert "forum" not in atlantia["objectives"][0]  # was: adopt in the assembly
    leak = next(i for i in data["injects"] if i["id"] == "leak")
    assert "forum" not in leak["when"]
    build_variant(data, [], "tutorial.toml")  # still a valid scenario


def test_seeds_are_derived_stable_and_shared_by_variants():
    assert run_seeds(1, 5) == run_seeds(1, 5) and len(set(run_seeds(1, 50))) == 50
    assert run_seeds(1, 3) != run_seeds(2, 3)


def test_a_run_of_no_turns_measures_the_start_and_one_turn_measures_that_turn(tutorial_path):
    from exercise.batch.measures import MEASURES, Trace
    from exercise.engine import new_game
    from exercise.headless import final_state
    from exercise.scenario.loader import load_scenario

    text = tutorial_path.read_text(encoding="utf-8")
    scenario = load_scenario(tutorial_path)
    zero, one = run_tasks([RunTask(text, 3, 0), RunTask(text, 3, 1)], workers=1)
    assert comparable([zero.values()]) == comparable([MEASURES["standard"](new_game(scenario, 3), Trace()).values()])
    assert zero.keys() == one.keys() and comparable([one.values()]) != comparable([zero.values()])
    assert one["mean_breadth"] == MEASURES["standard"](final_state(scenario, 3, 1), Trace())["mean_breadth"]


def test_a_sweep_gives_the_same_rows_with_one_or_two_workers(tutorial_path):
    one = run_sweep(tutorial_path, 4, 7, vary=["forums=centralized,both"], turns=6, workers=1)
    two = run_sweep(tutorial_path, 4, 7, vary=["forums=centralized,both"], turns=6, workers=2)
    assert comparable(one.rows()) == comparable(two.rows())
    assert [v.label for v in one.variants] == ["forums=centralized", "forums=both"]
    rows = list(one.rows())
    assert {r[2] for r in rows} == set(run_seeds(7, 4))  # the same seeds in both variants
    assert {"conflict_index", "first_adoption[assembly]", "breadth[free-flow]"} <= {r[3] for r in rows}


def test_variants_really_differ_and_the_set_applies_to_all(tutorial_path):
    result = run_sweep(
        tutorial_path,
        3,
        1,
        sets=["model.threshold_low=0.9", "model.threshold_high=0.95"],
        vary=["norms.clean-networks.clarity=0.1,0.9"],
        turns=5,
        workers=1,
    )
    texts = [tomllib.loads(v.text) for v in result.variants]
    assert [t["model"]["threshold_low"] for t in texts] == [0.9, 0.9]
    assert [n["clarity"] for t in texts for n in t["norms"] if n["id"] == "clean-networks"] == [0.1, 0.9]


def test_tidy_csv_has_one_row_per_run_and_metric(tutorial_path):
    result = run_sweep(tutorial_path, 2, 1, vary=["forums=decentralized,both"], turns=4, workers=1)
    buf = io.StringIO()
    count = write_csv(result, buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == count == sum(len(m) for runs in result.results for m in runs)
    assert set(rows[0]) == {"variant", "run", "seed", "metric", "value"}


def test_intervals_use_students_t():
    assert t975(1) == 12.706 and abs(t975(100) - 1.984) < 0.002
    e = estimate([1.0, 2.0, 3.0, 4.0])
    assert e.mean == 2.5 and abs((e.high - e.mean) - 3.182 * (1.2909944 / 2)) < 1e-3
    d = paired_difference([1.0, 2.0, float("nan")], [2.0, 4.0, 9.0])
    assert d.n == 2 and d.mean == 1.5


def test_unknown_measure_is_refused():
    with pytest.raises(BatchError):
        run_tasks([RunTask("", 1, 1, "nonsense")], workers=1)


def test_cli_sweep_writes_csv_and_summary(tutorial_path, tmp_path, capsys):
    out = tmp_path / "r.csv"
    code = main(
        [
            "sweep",
            str(tutorial_path),
            "--runs",
            "3",
            "--turns",
            "4",
            "--workers",
            "1",
            "--quiet",
            "--vary",
            "forums=centralized,decentralized,both",
            "--out",
            str(out),
        ]
    )
    text = capsys.readouterr().out
    assert code == 0
    assert "forums=centralized" in text and "forums=both" in text and "conflict_index" in text
    differences = text.split("difference from forums=centralized, paired by seed: mean [95% CI]\n")[1]
    assert differences.splitlines()[0].split() == ["metric", "forums=decentralized", "forums=both"]
    assert "-0.000" not in text
    assert out.read_text().startswith("variant,run,seed,metric,value\n")
    before = out.read_bytes()
    assert main(["sweep", str(tutorial_path), "--runs", "2", "--quiet", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err and out.read_bytes() == before


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--set", "norms.nope.clarity=0.3"], "--set norms.nope.clarity=0.3: norms has no entry 'nope'"),
        (["--vary", "norms.free-flow.clarity=0.3,7"], "must be between 0 and 1"),
        (["--vary", "forums=centralized,regional"], "forums=regional: must be one of"),
        (["--vary", "norms.free-flow.clarity"], "expected KEY.PATH=VALUE"),
        (["--runs", "0"], "--runs 0: must be at least 1"),
    ],
)
def test_cli_bad_input_is_one_line_exit_2(tutorial_path, capsys, args, fragment):
    code = main(["sweep", str(tutorial_path), "--quiet", "--workers", "1", "--runs", "2", *args])
    err = capsys.readouterr().err.strip()
    assert code == 2 and fragment in err and len(err.splitlines()) == 1


def test_a_metric_pattern_that_matches_nothing_is_refused_before_any_run(tutorial_path, capsys):
    code = main(["sweep", str(tutorial_path), "--quiet", "--workers", "1", "--runs", "2", "--metric", "brerdth[*]"])
    captured = capsys.readouterr()
    assert code == 2 and "--metric brerdth[*]: matches none of" in captured.err
    assert captured.out == ""  # no sweep ran, so no summary was printed
    assert (
        main(
            [
                "sweep",
                str(tutorial_path),
                "--quiet",
                "--workers",
                "1",
                "--runs",
                "2",
                "--turns",
                "2",
                "--metric",
                "breadth[*]",
            ]
        )
        == 0
    )
    assert "breadth[free-flow]" in capsys.readouterr().out


def test_the_summary_pairs_each_variant_with_the_first_seed_by_seed():
    from exercise.batch.sweep import SweepResult, Variant
    from exercise.cli.sweep_cmd import format_summary

    def runs(values):
        return tuple({"m": v} for v in values)

    result = SweepResult(
        (Variant("a", (), ""), Variant("b", (), "")),
        (1, 2, 3, 4),
        (runs([1.0, 5.0, 9.0, 13.0]), runs([2.0, 6.0, 10.0, 14.0 + 1e-9])),
    )
    paired = result.differences("m")[0]
    assert paired.n == 4 and abs(paired.mean - 1.0) < 1e-6 and paired.high - paired.low < 1e-6
    # unpaired, the seeds' spread would swamp the difference: each variant's own interval is wide
    assert result.summary("m")[0].high - result.summary("m")[0].low > 10
    lines = format_summary(result)
    assert lines[lines.index("difference from a, paired by seed: mean [95% CI]") + 2].split() == [
        "m",
        "+1.000",
        "[+1.000,",
        "+1.000]",
    ]


def test_variant_labels_show_values_as_typed(tutorial_path):
    from exercise.batch.sweep import build_variants

    base = tomllib.loads(tutorial_path.read_text())
    labels = [
        v.label
        for v in build_variants(
            base,
            [],
            ['norms.free-flow.domains=["commerce"],["commerce","privacy"]', "norms.free-flow.clarity=0.3"],
            "t.toml",
        )
    ]
    assert labels == [
        'norms.free-flow.domains=["commerce"],norms.free-flow.clarity=0.3',
        'norms.free-flow.domains=["commerce","privacy"],norms.free-flow.clarity=0.3',
    ]
