"""The generator's knobs and the world families: each knob shapes the world it says it does,
bad knobs are one line each, and a family's worlds are reproducible and inside its ranges."""

import attrs
import pytest

from exercise.core.spec import STATE_KINDS
from exercise.scenario import parse_scenario
from exercise.scenario.families import draw_knobs, family_problems, family_worlds, load_families
from exercise.scenario.generate import generate_world
from exercise.scenario.knobs import Knobs, knob_problems


def world(**knobs):
    return generate_world(Knobs(**{"delegations": 60, **knobs}), seed=5)


def test_bad_knobs_are_one_line_each_naming_the_knob():
    problems = knob_problems(
        {"tie_density": 99, "clustering": -1, "rules": ["majority", "vote"], "nosuch": 1, "delegations": 40}, "here"
    )
    assert problems == [
        "here: clustering: must be between 0 and 1, not -1",
        "here: nosuch: unknown knob (known: " + ", ".join(f.name for f in attrs.fields(Knobs)) + ")",
        "here: rules: 'vote' not one of unanimity, majority, qualified, weighted, signon",
        "here: tie_density: must be between 0.5 and 30, not 99",
    ]
    assert knob_problems({"agenda_min": 4, "agenda_max": 2}, "x") == ["x: agenda_min: 4 is more than agenda_max 2"]
    assert knob_problems({f.name: f.default for f in attrs.fields(Knobs)}, "x") == []


def test_non_state_share_and_industry_shape_the_seats():
    data = world(delegations=200, non_state=0.6, industry=1.0)
    kinds = [d["kind"] for d in data["delegations"]]
    share = sum(k not in STATE_KINDS for k in kinds) / len(kinds)
    assert 0.5 < share < 0.7
    assert {k for k in kinds if k not in STATE_KINDS} == {"company"}
    assert all(d["kind"] in STATE_KINDS for d in world(non_state=0.0)["delegations"])


def test_ties_follow_density_clustering_and_hostility():
    data = world(delegations=100, tie_density=6, clustering=1.0, hostile=1.0)
    bloc = {d["id"]: d["bloc"] for d in data["delegations"]}
    ties = data["ties"]
    assert 5 <= 2 * len(ties) / 100 <= 6.5
    assert all(bloc[t["a"]] == bloc[t["b"]] for t in ties) and {t["kind"] for t in ties} == {"partner"}
    across = world(delegations=100, clustering=0.0, hostile=1.0)["ties"]
    assert across and {t["kind"] for t in across} == {"rivalry"}
    assert not any(t["kind"] == "rivalry" for t in world(hostile=0.0, clustering=0.3)["ties"])


def test_polarisation_splits_the_blocs_into_opposite_camps():
    def camp_gap(data):
        people = data["delegations"]
        one = [p for p in people if int(p["bloc"].split("-")[1]) % 2 == 1]
        two = [p for p in people if int(p["bloc"].split("-")[1]) % 2 == 0]
        mean = lambda ps, d: sum(p["values"][d] for p in ps) / len(ps)  # noqa: E731
        return sum(abs(mean(one, d) - mean(two, d)) for d in one[0]["values"]) / len(one[0]["values"])

    assert camp_gap(world(delegations=120, blocs=2, polarisation=1.0)) > 0.6
    assert camp_gap(world(delegations=120, blocs=2, polarisation=0.0)) < 0.45


def test_forum_mix_capacity_and_conflicts():
    data = world(
        forums=8,
        centralized=2,
        signon=1.0,
        capacity_mean=0.3,
        capacity_spread=0.2,
        conflicts=1.0,
        norms=10,
        agenda_min=1,
        agenda_max=1,
    )
    forums = data["forums"]
    assert [f["kind"] for f in forums].count("centralized") == 2
    assert {f["rule"] for f in forums if f["kind"] == "decentralized"} == {"signon"}
    assert {f["agenda_size"] for f in forums if f["kind"] == "decentralized"} == {1}
    assert all(0.2 - 1e-9 <= d["capacity"] <= 0.4 + 1e-9 for d in data["delegations"])
    assert sum(1 for n in data["norms"] if n.get("conflicts")) == 5
    assert not any(f["kind"] == "centralized" for f in world(centralized=0)["forums"])


def test_shipped_families_load_and_draw_inside_their_ranges():
    families = load_families()
    assert {"un-like", "polarised", "industry-led"} <= set(families)
    for fam in families.values():
        for quick in (False, True):
            spec = fam.spec(quick)
            for i in range(5):
                knobs = draw_knobs(fam, 1, i, quick)
                for name, value in spec.items():
                    got = getattr(knobs, name)
                    if isinstance(value, list) and name != "rules":
                        assert value[0] <= got <= value[1], (fam.name, name, got)
                    else:
                        assert got == (tuple(value) if name == "rules" else value)
    assert min(draw_knobs(families["industry-led"], 1, i).delegations for i in range(30)) >= 20
    assert max(draw_knobs(families["industry-led"], 1, i).delegations for i in range(30)) <= 300


def test_a_family_is_reproducible_and_its_worlds_load():
    fam = load_families()["polarised"]
    first = family_worlds(fam, 3, seed=2, quick=True)
    assert first == family_worlds(fam, 3, seed=2, quick=True)
    assert first[:2] == family_worlds(fam, 2, seed=2, quick=True)  # world i does not depend on --count
    assert first != family_worlds(fam, 3, seed=3, quick=True)
    for name, text in first:
        parse_scenario(text, name)


@pytest.mark.parametrize(
    "data, problem",
    [
        ({"knobs": {}}, "x: f.description: missing"),
        ({"description": "d", "knobs": {"hostile": [0.5, 0.2]}}, "x: f.knobs.hostile: low 0.5 is more than high 0.2"),
        ({"description": "d", "knobs": {"hostile": [0.5, 2]}}, "x: f.knobs: hostile: must be between 0 and 1, not 2"),
        ({"description": "d", "knobs": {"hostile": [0.5]}}, "x: f.knobs.hostile: a range is [low, high], not [0.5]"),
        ({"description": "d", "other": 1}, "x: f.other: unknown key"),
    ],
)
def test_bad_family_entries_are_named(data, problem):
    problems = family_problems("f", data, "x")
    assert len(problems) == 1 and problems[0].startswith(problem)


def test_docs_give_every_knob_and_their_commands_parse():
    import re
    import shlex
    from pathlib import Path

    from exercise.cli import build_parser
    from exercise.scenario.knobs import KNOB_NAMES, knob_help

    doc = (Path(__file__).resolve().parents[2] / "docs" / "worlds.md").read_text(encoding="utf-8")
    for name in KNOB_NAMES:
        assert f"| `--{name.replace('_', '-')}` | {knob_help(name)} |" in doc, name
    commands = [
        line.split("#")[0].strip()
        for block in re.findall(r"```\n(.*?)```", doc, re.S)
        for line in block.splitlines()
        if line.startswith("exercise ") and "--help" not in line
    ]
    assert len(commands) >= 8
    for command in commands:
        words = shlex.split(command)[1:]
        build_parser(words).parse_args(words)  # an unknown option exits 2
