"""`exercise experiments` as a user runs it: the report, --list, --json, --markdown, --check."""

import json

import attrs
import pytest

from exercise.batch import catalog, posers
from exercise.cli import main

SMALL = ["--runs", "6", "--workers", "1", "--quiet"]


def test_list_names_all_eleven_effects(capsys):
    assert main(["experiments", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [str(n) for n in range(1, 12)]
    assert lines[2].split()[1] == "clarity"


def test_the_report_gives_the_effect_its_interval_and_verdict(capsys):
    assert main(["experiments", "clarity", *SMALL]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3. clarity: HOLDS  (6 runs x 2 variants, seed 1,")
    assert "final breadth (clear - unclear): +" in out and "-> holds" in out
    assert out.rstrip().endswith("1 of 1 effects hold (95% interval on the claimed side of zero)")


def test_json_and_markdown_carry_the_same_figures(capsys):
    assert main(["experiments", "3", *SMALL, "--json"]) == 0
    [clarity] = json.loads(capsys.readouterr().out)
    comparison = clarity["comparisons"][0]
    assert clarity["name"] == "clarity" and clarity["runs"] == 6 and clarity["verdict"] == "holds"
    assert comparison["low"] <= comparison["effect"] <= comparison["high"] and comparison["n"] == 6
    assert main(["experiments", "3", *SMALL, "--markdown"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("| # | effect | setup | runs |")
    assert (
        f"| {comparison['effect']:+.3f} | [{comparison['low']:+.3f}, {comparison['high']:+.3f}] | holds |" in table[2]
    )


def test_check_fails_when_an_effect_loses_its_direction(monkeypatch, capsys):
    clarity = next(e for e in catalog.EXPERIMENTS if e.name == "clarity")
    pose = posers.POSERS["clarity"]

    def reversed_claim(scenario):
        posed = pose(scenario)
        return attrs.evolve(posed, comparisons=tuple(attrs.evolve(c, sign=-c.sign) for c in posed.comparisons))

    monkeypatch.setattr(catalog, "EXPERIMENTS", (clarity,))
    monkeypatch.setitem(posers.POSERS, "clarity", reversed_claim)
    assert main(["experiments", *SMALL]) == 0  # without --check it reports, and succeeds
    assert "without the claimed direction: clarity" in capsys.readouterr().out
    assert main(["experiments", *SMALL, "--check"]) == 1
    assert "3. clarity: FAILS" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, message",
    [
        (["nosuch"], "unknown experiment 'nosuch' (known: forum-speed,"),
        (["clarity", "--runs", "1"], "--runs 1: must be at least 2"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, args, message):
    assert main(["experiments", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(message) and len(err.splitlines()) == 1
