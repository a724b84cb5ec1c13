"""Whatever validates plays: hypothesis builds valid scenarios across the whole schema (every
number anywhere in its documented range, bounds included; unicode ids and text; every kind
of objective, effect, trigger, rule and strategy) and each one goes through new, run,
verify, replay, debrief and export, in process, each of which must succeed. (Every seat is
scripted, so `run` plays; human seats are what the other tests of play are for.)

The ranges are read from the spec's field metadata, as the checker reads them, so a range
widened there is explored here without touching this file.
"""

from __future__ import annotations

import contextlib
import io
import json
import os

import attrs
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise.cli import main
from exercise.core.limits import RANGE, TEXT, Range
from exercise.core.spec import (
    DECISION_RULES,
    DELEGATION_KINDS,
    Delegation,
    Effect,
    Forum,
    Inject,
    ModelParams,
    Norm,
    Objective,
    Scenario,
    Tie,
    TieGroup,
    Trigger,
)
from exercise.scenario import parse_scenario
from exercise.strategies import strategy_names

# About 0.5 s an example. CI runs 15; EXERCISE_PROPERTY_EXAMPLES=500 pytest this file for more.
EXAMPLES = int(os.environ.get("EXERCISE_PROPERTY_EXAMPLES", "15"))

ID_CHARS = st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789éж中")
WORD = st.text(ID_CHARS, min_size=1, max_size=5)
IDS = (
    st.lists(WORD, min_size=1, max_size=3)
    .map("-".join)
    .filter(
        lambda s: (
            s not in {"white", "all", "facilitator", "projector"}
            and not s.startswith(("evaluator-", "observer-"))
            and s != "white-cell"
        )
    )
)
TEXT_CHARS = st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))


def number(cls: type, name: str) -> st.SearchStrategy:
    rule: Range = attrs.fields_dict(cls)[name].metadata[RANGE]
    if rule.whole:
        return st.one_of(st.just(rule.low), st.just(rule.high), st.integers(int(rule.low), int(rule.high)))
    return st.one_of(
        st.just(float(rule.low)),
        st.just(float(rule.high)),
        st.floats(rule.low, rule.high, allow_nan=False, allow_infinity=False),
    )


def text(cls: type, name: str) -> st.SearchStrategy:
    limit = attrs.fields_dict(cls)[name].metadata[TEXT]
    body = st.text(TEXT_CHARS, min_size=1, max_size=min(limit.max_len, 30))
    return st.one_of(body, st.just("é" * limit.max_len))


def unique_ids(n_min: int, n_max: int) -> st.SearchStrategy:
    return st.lists(IDS, min_size=n_min, max_size=n_max, unique=True)


def maybe(draw, key: str, strategy: st.SearchStrategy, table: dict) -> None:
    if draw(st.booleans()):
        table[key] = draw(strategy)


@st.composite
def scenarios(draw) -> dict:
    domains = draw(
        st.lists(
            st.text("abcdefgh_", min_size=1, max_size=6).filter(
                lambda s: s[0] != "_" and s[-1] != "_" and "__" not in s
            ),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    seat_ids = draw(unique_ids(2, 5))
    norm_ids = draw(unique_ids(1, 3))
    forum_ids = draw(unique_ids(1, 3))
    framework_ids = draw(unique_ids(0, 2))
    inject_ids = draw(unique_ids(0, 3))
    data: dict = {"id": draw(IDS), "title": draw(text(Scenario, "title")), "domains": domains}
    for key in ("turns", "minutes_per_turn", "seed"):
        maybe(draw, key, number(Scenario, key), data)
    maybe(draw, "description", text(Scenario, "description"), data)
    maybe(draw, "learning_objectives", st.lists(text(Scenario, "learning_objectives"), max_size=2), data)
    maybe(draw, "salience", st.dictionaries(st.sampled_from(domains), number(Scenario, "salience")), data)
    data["frameworks"] = [
        {"id": f, "name": draw(text(Delegation, "name")), "description": draw(text(Delegation, "instructions"))}
        for f in framework_ids
    ]

    kinds = {}
    data["delegations"] = []
    for seat in seat_ids:
        d: dict = {"id": seat, "name": draw(text(Delegation, "name"))}
        kinds[seat] = draw(st.sampled_from(DELEGATION_KINDS))
        d["kind"] = kinds[seat]
        for key in ("power", "capacity", "budget", "threshold"):
            maybe(draw, key, number(Delegation, key), d)
        maybe(draw, "values", st.dictionaries(st.sampled_from(domains), number(Delegation, "values")), d)
        if framework_ids:
            maybe(draw, "affinity", st.dictionaries(st.sampled_from(framework_ids), number(Delegation, "affinity")), d)
        d["strategy"] = draw(st.sampled_from(strategy_names()))
        maybe(draw, "bloc", text(Delegation, "bloc"), d)
        maybe(draw, "instructions", text(Delegation, "instructions"), d)
        maybe(draw, "red_lines", st.lists(text(Delegation, "red_lines"), max_size=2), d)
        d["objectives"] = draw(st.lists(objective(norm_ids, forum_ids), max_size=3))
        data["delegations"].append(d)

    data["norms"] = []
    for norm in norm_ids:
        n: dict = {"id": norm, "statement": draw(text(Norm, "statement"))}
        maybe(draw, "description", text(Norm, "description"), n)
        for key in ("clarity", "utility", "doability"):
            maybe(draw, key, number(Norm, key), n)
        maybe(draw, "domains", st.lists(st.sampled_from(domains), max_size=2, unique=True), n)
        maybe(draw, "harms", st.lists(st.sampled_from(domains), max_size=1), n)
        if framework_ids:
            maybe(draw, "framework", st.sampled_from(framework_ids), n)
        others = [m for m in norm_ids if m != norm]
        if others:
            maybe(draw, "conflicts", st.lists(st.sampled_from(others), max_size=1, unique=True), n)
        data["norms"].append(n)

    data["forums"] = []
    for forum in forum_ids:
        f: dict = {
            "id": forum,
            "name": draw(text(Forum, "name")),
            "rule": draw(st.sampled_from(DECISION_RULES)),
            "kind": draw(st.sampled_from(["centralized", "decentralized"])),
        }
        f["open_to_non_state"] = draw(st.booleans())
        eligible = [s for s in seat_ids if f["open_to_non_state"] or kinds[s] in ("state", "military")]
        if not eligible or draw(st.booleans()):
            f["open_to_all"] = True
        else:
            f["members"] = draw(st.lists(st.sampled_from(eligible), min_size=1, unique=True))
        for key in ("cadence", "offset", "agenda_size", "min_deliberation", "max_sessions", "quota", "min_signatories"):
            maybe(draw, key, number(Forum, key), f)
        f["binding"] = draw(st.booleans())
        maybe(draw, "description", text(Forum, "description"), f)
        data["forums"].append(f)

    pairs = st.lists(st.sampled_from(seat_ids), min_size=2, max_size=2, unique=True)
    data["ties"] = [
        {"a": a, "b": b, "kind": draw(text(Tie, "kind")), "weight": draw(number(Tie, "weight"))}
        for a, b in draw(st.lists(pairs, max_size=3))
    ]
    data["tie_groups"] = [
        {
            "kind": draw(text(TieGroup, "kind")),
            "weight": draw(number(TieGroup, "weight")),
            "members": draw(st.lists(st.sampled_from(seat_ids), min_size=1, unique=True)),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    data["injects"] = [draw(inject(i, domains, seat_ids, norm_ids, forum_ids)) for i in inject_ids]
    if draw(st.booleans()):
        data["model"] = {
            f.name: draw(number(ModelParams, f.name)) for f in attrs.fields(ModelParams) if draw(st.booleans())
        }
    return data


@st.composite
def objective(draw, norms, forums) -> dict:
    kind = draw(st.sampled_from(["adopt", "block", "breadth", "depth", "avoid"]))
    o: dict = {"kind": kind, "norm": draw(st.sampled_from(norms))}
    if kind in ("adopt", "block"):
        maybe(draw, "forum", st.sampled_from(forums), o)
    if kind == "breadth":
        o["target"] = draw(st.floats(0, 1))
    if kind == "depth":
        o["target"] = draw(st.floats(1, 4))
    maybe(draw, "weight", number(Objective, "weight"), o)
    maybe(draw, "description", text(Objective, "description"), o)
    return o


@st.composite
def inject(draw, inject_id, domains, seats, norms, forums) -> dict:
    i: dict = {"id": inject_id, "title": draw(text(Inject, "title"))}
    maybe(draw, "description", text(Inject, "description"), i)
    timing = draw(st.sampled_from(["turn", "when", "manual", "none"]))
    if timing == "turn":
        i["turn"] = draw(number(Inject, "turn"))
    elif timing == "when":
        w: dict = {
            "event": draw(st.sampled_from(["adopted", "on_agenda", "blocked", "breadth_above"])),
            "norm": draw(st.sampled_from(norms)),
            "value": draw(number(Trigger, "value")),
        }
        maybe(draw, "forum", st.sampled_from(forums), w)
        i["when"] = w
    elif timing == "manual":
        i["manual"] = True
    effects = []
    for kind in draw(
        st.lists(
            st.sampled_from(["salience", "capacity", "power", "budget", "join", "leave", "attribution", "note"]),
            max_size=3,
        )
    ):
        e: dict = {"kind": kind, "delta": draw(number(Effect, "delta"))}
        if kind == "salience":
            e["domain"] = draw(st.sampled_from(domains))
        if kind in ("capacity", "power", "budget", "join", "leave", "attribution"):
            e["delegation"] = draw(st.sampled_from(seats))
        if kind in ("join", "leave"):
            e["forum"] = draw(st.sampled_from(forums))
        effects.append(e)
    i["effects"] = effects
    return i


def cli(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=scenarios())
def test_every_valid_scenario_plays_saves_and_reads_back(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("prop")
    path = folder / "generated.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    parse_scenario(path.read_text(encoding="utf-8"), path.name)  # the generator makes valid files only
    save = folder / "g.db"
    for argv in (
        ["validate", path],
        ["new", path, "--save", save],
        ["run", save, "--turns", 2],
        ["verify", save],
        ["replay", save, "--turn", 1],
        ["replay", save, "--json"],
        ["debrief", save],
        ["debrief", save, "--json"],
        ["export", save, "--out", folder / "g.jsonl"],
    ):
        code, _out, err = cli(*argv)
        assert code == 0, f"{argv[0]} exited {code}: {err.strip()}"
    lines = (folder / "g.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["type"] for line in lines][:1] == ["game"]
    assert any(json.loads(line)["type"] == "state" for line in lines)
