"""The debrief: turning points, score arcs and blocs, from a game's history."""

from pathlib import Path

from exercise.core.events import InjectFired, SessionOutcome
from exercise.engine import new_game
from exercise.engine.debrief import debrief, headlines
from exercise.engine.metrics import delegation_score, objective_progress
from exercise.headless import play
from exercise.scenario import load_scenario


def history_of(scenario, seed=7, turns=8):
    history = [(new_game(scenario, seed), [])]
    history += [(r.state, list(r.events)) for r in play(scenario, seed, turns)]
    return history


def test_every_decision_and_inject_is_a_turning_point_and_scores_add_up(tutorial):
    history = history_of(tutorial)
    result = debrief(history)
    decided = {
        e.turn
        for _, events in history
        for e in events
        if isinstance(e, InjectFired) or (isinstance(e, SessionOutcome) and e.outcome in ("adopted", "blocked"))
    }
    assert decided and decided <= {p.turn for p in result.points}
    for arc in result.arcs:  # each arc is the seat's score after every turn
        assert arc.scores == tuple(delegation_score(state, arc.seat) for state, _ in history)
        changes = {p.turn: dict(p.score_changes).get(arc.seat, 0.0) for p in result.points}
        assert abs(arc.scores[0] + sum(changes.values()) - arc.scores[-1]) < 1.0  # only moves under 0.5 are left out
        if arc.best:
            assert arc.best[1] == max(b - a for a, b in zip(arc.scores, arc.scores[1:])).__round__(2)
            assert arc.best_why
    assert "esteria" not in {a.seat for a in result.arcs}  # no objectives: not scored
    biggest = result.biggest()
    assert len(biggest) == 3 and biggest[0].weight == max(p.weight for p in result.points)


def test_one_seats_debrief_scores_only_that_seat_and_hides_what_it_could_not_see(tutorial):
    history = history_of(tutorial)
    mine = debrief(history, ["atlantia"])
    assert [a.seat for a in mine.arcs] == ["atlantia"]
    for p in mine.points:
        assert set(dict(p.score_changes)) <= {"atlantia"}
    secret = [InjectFired(turn=1, inject="x", title="A leak only borealis hears of", audience=("borealis",))]
    assert headlines(history[1][0], secret, "atlantia") == []
    assert (
        headlines(history[1][0], secret, "borealis")
        == headlines(history[1][0], secret)
        == ["inject: A leak only borealis hears of"]
    )


def test_headlines_name_forums_blockers_and_injects(tutorial):
    state = new_game(tutorial, 1)
    events = [
        InjectFired(turn=1, inject="x", title="Ransomware hits hospitals"),
        SessionOutcome(turn=1, forum="assembly", norm="free-flow", outcome="blocked", blockers=("borealis",)),
        SessionOutcome(turn=1, forum="coalition", norm="free-flow", outcome="adopted"),
        SessionOutcome(turn=1, forum="coalition", norm="info-security", outcome="deliberating"),
    ]
    assembly, coalition = tutorial.forum("assembly").name, tutorial.forum("coalition").name
    assert headlines(state, events) == [
        "inject: Ransomware hits hospitals",
        f"borealis blocked free-flow in {assembly}",
        f"{coalition} adopted free-flow",
    ]


def test_a_game_that_has_not_started_has_no_turning_points(tutorial):
    result = debrief([(new_game(tutorial, 3), [])])
    assert result.points == () and result.turns == 0 and result.split_at is None


def test_a_seats_best_turn_is_explained_by_the_objective_that_moved(tutorial):
    history = history_of(tutorial)
    explained = 0
    for arc in debrief(history).arcs:
        if not arc.best:
            continue
        objectives = tutorial.delegation(arc.seat).objectives
        turn = arc.best[0]
        before, after = history[turn - 1][0], history[turn][0]
        moved = max(
            objectives,
            key=lambda o: o.weight * (objective_progress(after, arc.seat, o) - objective_progress(before, arc.seat, o)),
        )
        if any(moved.norm in h.split() for h in debrief(history).point(turn).headlines):
            assert moved.norm in arc.best_why.split(), (arc.seat, moved.norm, arc.best_why)
            explained += 1
    assert explained >= 2


def test_the_turn_the_world_splits_into_opposed_blocs_is_a_turning_point():
    scenario = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "cent-vs-decent.toml")
    result = debrief(history_of(scenario, seed=1, turns=12))
    assert result.opposed_pairs > 0 and result.split_at is not None
    split = result.point(result.split_at)
    assert any(h.startswith("the world splits: ") for h in split.headlines)
    assert split.weight >= 10.0  # a split weighs like a decision
