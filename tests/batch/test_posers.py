"""Posers pose each experiment on any world by rule: they pick from what the world says (values,
membership, ties), change only the named factor, and say why a world cannot pose one."""

import tomllib
from pathlib import Path

import attrs
import pytest

from exercise.batch.experiments import find
from exercise.batch.keypath import UNSET
from exercise.batch.posers import POSERS, NotPosed, Posed
from exercise.batch.worlds import World, pose
from exercise.scenario import load_scenario, parse_scenario
from exercise.scenario.generate import world_text
from exercise.scenario.knobs import Knobs

ROOT = Path(__file__).resolve().parents[2]
LAB = ROOT / "exercise" / "batch" / "scenarios"


def lab(name):
    return load_scenario(LAB / name)


def test_every_experiment_has_a_poser():
    assert sorted(POSERS) == sorted(e.name for e in find([]))


@pytest.mark.parametrize(
    "name, reason",
    [
        ("forum-speed", "no centralized forum"),
        ("norm-blocs", "no centralized forum"),
        ("outside-in", "no centralized forum"),
        ("first-mover", "fewer than two decentralized forums"),
    ],
)
def test_a_world_that_cannot_pose_says_why(name, reason):
    assert POSERS[name](lab("spread.toml")) == NotPosed(reason)


def test_the_rules_pick_from_the_world():
    spread, rivals, forums = lab("spread.toml"), lab("rivals.toml"), lab("forums.toml")
    assert POSERS["least-in-need"](spread).picked == "norm target, probe probe"  # the most tied state, no champions
    assert POSERS["assistance"](spread).picked.endswith("donor")  # the only broker
    assert POSERS["first-mover"](rivals).picked == "content-control (control-club) vs open-data (open-club)"
    # the contested norm with the mildest objection in the apex body, seeded where it is favoured most
    assert POSERS["outside-in"](forums).picked.startswith("protect-ci seeded in ")


def test_the_picks_do_not_depend_on_names():
    """Renaming every norm keeps the same picks (ids only break ties)."""
    text = world_text(Knobs(delegations=40, forums=5, norms=8, conflicts=0.5), seed=3)
    renamed = text
    for i in range(8, 0, -1):
        renamed = renamed.replace(f"norm-{i:03d}", f"rule-{9 - i:03d}")
    a, b = parse_scenario(text, "a"), parse_scenario(renamed, "b")
    for name, poser in sorted(POSERS.items()):
        pa, pb = poser(a), poser(b)
        assert type(pa) is type(pb), name
        if isinstance(pa, Posed):
            back = pb.picked
            for i in range(1, 9):
                back = back.replace(f"rule-{9 - i:03d}", f"NORM{i}")
            if name == "first-mover":  # the same pair; which rival is named first follows the ids
                assert sorted(back.split(" vs ")) == sorted(pa.picked.replace("norm-00", "NORM").split(" vs "))
            else:
                assert back == pa.picked.replace("norm-00", "NORM"), name


def test_variants_change_only_the_named_factor():
    text = (LAB / "spread.toml").read_text(encoding="utf-8")
    base = tomllib.loads(text)
    [(_, posed, texts)] = pose(World("spread.toml", text), find(["grafting"]))
    assert posed.variants[0][1] == (("norms.target.framework", UNSET),)
    ungrafted, grafted = (tomllib.loads(t) for t in texts)
    assert "framework" not in ungrafted["norms"][0] and grafted["norms"][0]["framework"] == "laws-of-war"
    for variant in (ungrafted, grafted):
        variant["norms"][0].pop("framework", None)
    stripped = {**base, "norms": [{k: v for k, v in n.items() if k != "framework"} for n in base["norms"]]}
    assert ungrafted == grafted == stripped


def test_outside_in_keeps_every_forum_in_both_arms():
    text = (LAB / "forums.toml").read_text(encoding="utf-8")
    [(_, posed, texts)] = pose(World("forums.toml", text), find(["outside-in"]))
    ids = [sorted(f["id"] for f in tomllib.loads(t)["forums"]) for t in texts]
    assert ids[0] == ids[1] == sorted(f.id for f in lab("forums.toml").forums)
    assert {label for label, _ in posed.variants} == {"direct", "outside-in"}
    assert posed.measure.startswith("adopted_in:protect-ci:apex:")


def test_posers_pose_on_generated_worlds_without_a_forum_kind():
    sc = parse_scenario(world_text(Knobs(delegations=30, centralized=0), seed=2), "w")
    assert POSERS["forum-speed"](sc) == NotPosed("no centralized forum")
    assert isinstance(POSERS["clarity"](sc), Posed)
    assert POSERS["clarity"](attrs.evolve(sc, norms=())) == NotPosed("no norm")


def test_least_in_need_seeds_the_norm_with_its_champions_in_every_variant():
    """A norm nobody holds never reaches the probe: the seats that want it hold it from the
    start, the same in every variant, and the probe is never one of them."""
    sc = parse_scenario(world_text(Knobs(delegations=40, forums=5, norms=8, harms=0.6), seed=3), "w")
    posed = POSERS["least-in-need"](sc)
    _, norm, probe = posed.measure.split(":")
    wanting = {
        d.id
        for d in sc.delegations
        if any(o.norm == norm and o.kind in ("adopt", "breadth", "depth") for o in d.objectives)
    }
    assert dict(posed.sets)[f"norms.{norm}.holders"] == sorted(wanting - {probe})
    assert all(key != f"norms.{norm}.holders" for _, assigns in posed.variants for key, _ in assigns)


def test_outside_in_direct_arm_has_no_outside_seeding():
    """Direct: every decentralized forum first meets after the apex's first session; outside-in:
    only the like-minded forum moves (to turn 1), the others keep their own calendar."""
    sc = lab("forums.toml")
    posed = POSERS["outside-in"](sc)
    session = int(posed.measure.rsplit(":", 1)[1])
    direct, seeded = (dict(assigns) for _, assigns in posed.variants)
    local = sorted(f.id for f in sc.forums if f.kind == "decentralized")
    assert direct == {f"forums.{f}.offset": session + 1 for f in local}
    like = posed.picked.split(" seeded in ")[1].split(" ")[0]
    assert seeded == {f"forums.{like}.offset": 0}
    entrepreneur = posed.picked.split(" by ")[1].split(",")[0]
    assert dict(posed.sets)[f"delegations.{entrepreneur}.objectives"][0]["norm"] == "protect-ci"


def test_first_mover_delays_the_other_forums_alike_in_both_arms():
    sc = parse_scenario(world_text(Knobs(delegations=60, forums=7, norms=8, conflicts=0.6), seed=5), "w")
    posed = POSERS["first-mover"](sc)
    assert isinstance(posed, Posed), posed
    camps = {key for _, assigns in posed.variants for key, _ in assigns}
    others = {f"forums.{f.id}.offset": f.offset + 3 for f in sc.forums if f.kind == "decentralized"}
    assert dict(posed.sets) == {k: v for k, v in others.items() if k not in camps}
