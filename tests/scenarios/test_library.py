"""The scenario library: every shipped scenario validates, has a facilitator guide, plays to the
end with all seats scripted for three seeds with every turn hashed, and shows the dynamic its
guide promises. Each check below is stated, in the same words, in docs/scenarios/<id>.md."""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from exercise.cli import main
from exercise.core.canonical import state_hash
from exercise.core.events import Assisted, Event, SessionOutcome
from exercise.core.state import GameState
from exercise.engine.metrics import game_metrics
from exercise.headless import play
from exercise.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
GUIDES = ROOT / "docs" / "scenarios"
SHIPPED = sorted(p.stem for p in SCENARIOS.glob("*.toml"))
SEEDS = (1, 2, 3)
# The library the issue asks for; more may ship, none of these may go missing.
REQUIRED = {
    "tutorial",
    "cent-vs-decent",
    "gge-2015-vs-2017",
    "oewg",
    "outside-in",
    "civilian-protection",
    "internet-freedom",
    "hygiene",
}


@attrs.frozen
class Game:
    seed: int
    state: GameState
    metrics: dict
    hashes: tuple[str, ...]
    events: tuple[tuple[int, Event], ...]  # (turn, event)

    def forum(self, forum_id: str) -> dict:
        return next(f for f in self.metrics["forums"] if f["forum"] == forum_id)

    def norm(self, norm_id: str) -> dict:
        return next(n for n in self.metrics["norms"] if n["norm"] == norm_id)

    def sessions(self, forum_id: str) -> list[SessionOutcome]:
        return [e for _, e in self.events if isinstance(e, SessionOutcome) and e.forum == forum_id]


@functools.cache
def games(name: str) -> tuple[Game, ...]:
    return play_seeds(load_scenario(SCENARIOS / f"{name}.toml"))


def play_seeds(scenario) -> tuple[Game, ...]:
    out = []
    for seed in SEEDS:
        hashes, events, state = [], [], None
        for result in play(scenario, seed):
            state = result.state
            hashes.append(state_hash(state))
            events.extend((state.turn, e) for e in result.events)
        out.append(Game(seed, state, game_metrics(state), tuple(hashes), tuple(events)))
    return tuple(out)


# ---------------------------------------------------------------- the dynamic of each scenario
DYNAMICS: dict[str, Callable[[tuple[Game, ...]], None]] = {}


def dynamic(name: str):
    def register(check):
        DYNAMICS[name] = check
        return check

    return register


def _decentralized_first(g: Game, central: str, others: tuple[str, ...]) -> tuple[int | None, int]:
    firsts = [g.forum(f)["first_adoption"] for f in others]
    return g.forum(central)["first_adoption"], min(t for t in firsts if t is not None)


@dynamic("tutorial")
def _tutorial(runs):
    """The majority coalition adopts before the consensus assembly; the assembly never adopts
    info-security."""
    for g in runs:
        central, early = _decentralized_first(g, "assembly", ("coalition",))
        assert central is None or central > early, g.seed
        assert "info-security" not in g.forum("assembly")["adopted"], g.seed


@dynamic("cent-vs-decent")
def _cent_vs_decent(runs):
    for g in runs:
        # 1. the UN's first adoption is later than the decentralized forums' earliest, by 2+ turns
        central, early = _decentralized_first(g, "un", ("alliance", "regional", "call"))
        assert central is None or central >= early + 2, (g.seed, central, early)
        # 2. every norm the UN adopts ends with a breadth of at least 0.8
        for norm in g.forum("un")["adopted"]:
            assert g.norm(norm)["breadth"] >= 0.8, (g.seed, norm)
        # 3. conflicting norms in force side by side: two opposed blocs
        assert g.metrics["conflict_index"] > 0.2, g.seed
        assert g.metrics["opposed_blocs"] >= 1, g.seed


FORCE = {"self-defence", "countermeasures", "ihl-applies"}


@dynamic("gge-2015-vs-2017")
def _gge(runs):
    for g in runs:
        # the 2014-15 group agrees at least three voluntary norms
        assert len(set(g.forum("gge-2015")["adopted"]) - FORCE) >= 3, g.seed
        # the 2016-17 group agrees none of its international-law texts ...
        assert not set(g.forum("gge-2017")["adopted"]) & FORCE, g.seed
        # ... because a handful (at most 4 of 25: Russia and Cuba on self-defence, with China and
        # Belarus when the United States brings the laws-of-war text instead) block them, alone
        # or in the draft report (a package) that holds them
        blocked = [s for s in g.sessions("gge-2017") if s.outcome == "blocked"]
        assert blocked and all(1 <= len(s.blockers) <= 4 for s in blocked), g.seed
        assert all(set(s.texts) & FORCE for s in blocked), g.seed
    # and in most seeds the 2014-15 group also drops every force text (in seed 3 Russia stands
    # aside on self-defence, the minority history: tests/scenarios/test_history_spread.py)
    assert sum(not set(g.forum("gge-2015")["adopted"]) & FORCE for g in runs) >= 2


@dynamic("oewg")
def _oewg(runs):
    for g in runs:
        # breadth at the cost of time: the open group's first adoption comes 2+ turns after the GGE's
        central, early = _decentralized_first(g, "oewg", ("gge",))
        assert central is not None and central >= early + 2, (g.seed, central, early)
        # whatever it adopts is held by (almost) every state the turn it is adopted
        adopted = g.forum("oewg")["adopted"]
        assert adopted, g.seed
        for norm in adopted:
            turn = g.state.norms[norm].adopted_in["oewg"]
            assert g.state.norms[norm].breadth_history[turn - 1] >= 0.95, (g.seed, norm)
        # and the most contested text (the laws of war) never passes
        assert "ihl-applies" not in adopted, g.seed


OUTSIDE = ("call", "accord", "commission")


@dynamic("outside-in")
def _outside_in(runs):
    for g in runs:
        un = g.state.norms
        adopted = g.forum("un")["adopted"]
        assert adopted, g.seed
        for norm in adopted:  # every UN adoption was seeded outside first
            outside = [t for f, t in un[norm].adopted_in.items() if f in OUTSIDE]
            assert outside and min(outside) < un[norm].adopted_in["un"], (g.seed, norm)
        for s in g.sessions("un"):  # and nothing reaching a UN vote cold passed (a package: none of it)
            if s.outcome == "adopted":
                for norm in s.texts:
                    assert any(f in OUTSIDE for f in un[norm].adopted_in), (g.seed, s.norm, norm)
        cold = [
            s
            for s in g.sessions("un")
            if s.outcome in ("blocked", "tabled") and not any(f in OUTSIDE for n in s.texts for f in un[n].adopted_in)
        ]
        assert cold, f"seed {g.seed}: no cold proposal was refused at the UN"


@dynamic("civilian-protection")
def _civilian_protection(runs):
    militaries = [
        d.id for d in load_scenario(SCENARIOS / "civilian-protection.toml").delegations if d.kind == "military"
    ]
    for g in runs:
        medical, cascading = g.norm("protect-medical"), g.norm("no-cascading")
        # the grafted, do-able norm spreads to (nearly) everyone; the hard-to-do one much less
        assert medical["breadth"] >= 0.8, g.seed
        assert cascading["breadth"] <= medical["breadth"] - 0.3, g.seed
        # and where it is held it is held more shallowly
        assert cascading["mean_depth"] < medical["mean_depth"], g.seed
        # militaries take the grafted norm and none the cascading-effects one
        holders = g.state.norms
        assert all(m in holders["protect-medical"].depth for m in militaries), g.seed
        assert not any(m in holders["no-cascading"].depth for m in militaries), g.seed


@dynamic("internet-freedom")
def _internet_freedom(runs):
    for g in runs:
        # two blocs holding conflicting norms
        assert g.metrics["opposed_blocs"] >= 1, g.seed
        assert g.metrics["conflict_index"] > 0.3, g.seed
        sides = [set(b["norms"]) for b in g.metrics["blocs"]]
        assert any("free-flow" in s for s in sides) and any("info-sovereignty" in s for s in sides), g.seed
        # the universal forum adopts neither side
        assert not {"free-flow", "info-sovereignty"} & set(g.forum("un")["adopted"]), g.seed
        # allies split: Germany and France criminalise hate speech online, the United States does not
        hate = g.state.norms["hate-speech-crime"].depth
        assert "deu" in hate and "fra" in hate and "usa" not in hate, g.seed


@dynamic("hygiene")
def _hygiene(runs):
    scenario = load_scenario(SCENARIOS / "hygiene.toml")
    low = [d.id for d in scenario.delegations if d.capacity < 0.4]
    for g in runs:
        assert g.norm("clean-networks")["breadth"] >= 0.8, g.seed
        received: dict[str, float] = {}
        for _, e in g.events:
            if isinstance(e, Assisted):
                received[e.target] = received.get(e.target, 0.0) + e.amount

        def mean_depth(seat: str) -> float:
            held = [ns.depth[seat] for ns in g.state.norms.values() if seat in ns.depth]
            return sum(held) / len(held)

        assisted = [d for d in low if received.get(d)]
        alone = [d for d in low if not received.get(d)]
        assert assisted and alone, g.seed
        # the assisted low-capacity holders end deeper than the unassisted, by half a level or more
        deep = sum(map(mean_depth, assisted)) / len(assisted)
        shallow = sum(map(mean_depth, alone)) / len(alone)
        assert deep >= shallow + 0.5, (g.seed, deep, shallow)
        # and some unassisted holders still only pay lip service (rhetoric) to a norm they hold
        assert any(ns.depth.get(d) == 1 for d in alone for ns in g.state.norms.values()), g.seed


# ---------------------------------------------------------------- tests
def test_the_library_is_complete():
    assert set(SHIPPED) >= REQUIRED, sorted(REQUIRED - set(SHIPPED))
    assert set(SHIPPED) <= set(DYNAMICS), f"no dynamic check for {sorted(set(SHIPPED) - set(DYNAMICS))}"


@pytest.mark.parametrize("name", SHIPPED)
def test_validates(name, capsys):
    assert main(["validate", str(SCENARIOS / f"{name}.toml")]) == 0, capsys.readouterr().err
    scenario = load_scenario(SCENARIOS / f"{name}.toml")
    assert scenario.id == name, "the file name is the id trainers type"
    assert scenario.learning_objectives and scenario.description.strip()


@pytest.mark.parametrize("name", sorted(REQUIRED - {"tutorial"}))
def test_has_what_the_issue_asks_of_a_scenario(name):
    s = load_scenario(SCENARIOS / f"{name}.toml")
    assert any(d.objectives for d in s.delegations)
    assert any(d.instructions for d in s.delegations) and any(d.red_lines for d in s.delegations)
    assert any(i.turn is not None for i in s.injects), "a turn-triggered inject"
    assert any(i.when is not None for i in s.injects), "a condition-triggered inject"


@pytest.mark.parametrize("name", SHIPPED)
def test_has_a_facilitator_guide(name):
    path = GUIDES / f"{name}.md"
    assert path.exists(), f"{path} is missing"
    text = path.read_text(encoding="utf-8")
    for heading in (
        "## Purpose",
        "## The real events",
        "## Seats",
        "## Dynamics to expect",
        "## Debrief questions",
        "## Master scenario events list",
    ):
        assert heading in text, f"{path.name}: no section {heading!r}"
    assert "Check (tested)" in text, f"{path.name}: state the tested check next to the dynamic"
    scenario = load_scenario(SCENARIOS / f"{name}.toml")
    missing = [i.id for i in scenario.injects if f"`{i.id}`" not in text]
    assert not missing, f"{path.name}: injects not in the events list: {missing}"


@pytest.mark.parametrize("name", SHIPPED)
def test_plays_to_the_end_and_shows_its_dynamic(name):
    scenario = load_scenario(SCENARIOS / f"{name}.toml")
    runs = games(name)
    for g in runs:
        assert g.state.turn == scenario.turns
        assert len(g.hashes) == scenario.turns and len(set(g.hashes)) == scenario.turns
        assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in g.hashes)
    assert len({g.hashes[-1] for g in runs}) > 1, "different seeds should not play identically"
    DYNAMICS[name](runs)


def test_the_gge_deadlock_comes_from_its_objectors():
    """The check can fail: with Russia, China and Cuba scripted as followers without red lines,
    the 2016-17 group does adopt an international-law text."""
    scenario = load_scenario(SCENARIOS / "gge-2015-vs-2017.toml")
    softened = attrs.evolve(
        scenario,
        delegations=tuple(
            attrs.evolve(d, strategy="bandwagoner", objectives=(), values={**d.values, "sovereignty": 0.3})
            if d.id in ("rus", "chn", "cub")
            else d
            for d in scenario.delegations
        ),
    )
    runs = play_seeds(softened)
    assert all(set(g.forum("gge-2017")["adopted"]) & FORCE for g in runs)
    with pytest.raises(AssertionError):
        DYNAMICS["gge-2015-vs-2017"](runs)


def test_the_hygiene_gap_comes_from_assistance():
    """The check can fail: when the donors only pay lip service (no assistance) and nobody
    bargains (no side payments), nobody is lifted."""
    scenario = load_scenario(SCENARIOS / "hygiene.toml")
    stingy = attrs.evolve(
        scenario,
        model=attrs.evolve(scenario.model, max_offers=0),
        delegations=tuple(
            attrs.evolve(d, strategy="lip-service") if d.strategy == "broker" else d for d in scenario.delegations
        ),
    )
    runs = play_seeds(stingy)
    assert not any(isinstance(e, Assisted) for g in runs for _, e in g.events)
    with pytest.raises(AssertionError):
        DYNAMICS["hygiene"](runs)


def test_the_generated_oewg_file_is_current_and_deterministic():
    """scenarios/oewg.toml is written by scenarios/tools/make_oewg.py; an edit to either alone
    would make them disagree."""
    spec = importlib.util.spec_from_file_location("make_oewg", SCENARIOS / "tools" / "make_oewg.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    text = tool.render()
    assert text == tool.render()
    assert text == (SCENARIOS / "oewg.toml").read_text(encoding="utf-8"), "run python scenarios/tools/make_oewg.py"
    assert len(load_scenario(SCENARIOS / "oewg.toml").delegations) == 193


# ---------------------------------------------------------------- exercise scenarios
def test_scenarios_lists_title_seats_turns_minutes_and_objectives(capsys):
    assert main(["scenarios", "--dir", str(SCENARIOS)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("tutorial  "), "the tutorial comes first"
    for name in SHIPPED:
        s = load_scenario(SCENARIOS / f"{name}.toml")
        block = out.split(f"{s.id}  {s.title}\n", 1)[1].split("\n\n", 1)[0]
        assert f"{len(s.delegations)} seats: " in block
        assert f"{s.turns} turns x {s.minutes_per_turn} min" in block
        flat = " ".join(block.split())
        for objective in s.learning_objectives:
            assert " ".join(objective.split()) in flat


def test_scenarios_json_and_detail(capsys):
    assert main(["scenarios", "--dir", str(SCENARIOS), "--json"]) == 0
    listing = {d["id"]: d for d in json.loads(capsys.readouterr().out)}
    assert set(listing) == set(SHIPPED)
    cvd = listing["cent-vs-decent"]
    assert cvd["minutes"] == cvd["turns"] * cvd["minutes_per_turn"]
    assert cvd["seats"] == sum(cvd["seats_by_kind"].values()) >= 30
    assert main(["scenarios", "cent-vs-decent", "--dir", str(SCENARIOS)]) == 0
    out = capsys.readouterr().out
    assert "Seats (id, kind, bloc, scripted strategy):" in out and "us-cybercom" in out


def test_scenarios_names_a_broken_file_and_still_lists_the_rest(tmp_path, capsys):
    (tmp_path / "tutorial.toml").write_text((SCENARIOS / "tutorial.toml").read_text())
    (tmp_path / "broken.toml").write_text('id = "broken"\ntitle = 3\n')
    assert main(["scenarios", "--dir", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "tutorial  " in captured.out
    assert captured.err.strip() == "broken.toml: title: must be a string, not 3"
    assert main(["scenarios", "no-such-thing", "--dir", str(tmp_path)]) == 2
    assert "no-such-thing: no such scenario" in capsys.readouterr().err
