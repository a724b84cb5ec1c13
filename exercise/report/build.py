"""The report model from what gather.py read: pure functions of the save's data, so the same
save gives the same report, and every number in it can be found again in the save."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from statistics import fmean

from exercise.core.events import InjectFired, SessionOutcome
from exercise.core.seats import HUMAN
from exercise.core.spec import Objective, Scenario
from exercise.core.state import MAX_DEPTH
from exercise.engine.debrief import Debrief, debrief
from exercise.engine.metrics import breadth, objective_progress
from exercise.report.gather import Gathered
from exercise.report.model import (
    Finding,
    ForumOutcomes,
    Note,
    ObjectiveAnalysis,
    Overview,
    PlanItem,
    Report,
    Scorecard,
    ScoreRow,
    SeatLine,
    Series,
    TeamAnalysis,
)
from exercise.scenario.rubric import LEVEL_NAMES
from exercise.store.evaluation_records import RubricScore

STRONG = 3  # a rubric level at or above this is a strength, below it an area for improvement
_VERB = {"adopt": "adopt", "block": "block", "breadth": "spread", "depth": "practise", "avoid": "stay out of"}


def objective_text(scenario: Scenario, o: Objective) -> str:
    if o.description:
        return " ".join(o.description.split())
    text = f"{_VERB[o.kind]} {o.norm}"
    if o.forum:
        text += f" in {scenario.forum(o.forum).name}"
    if o.kind in ("breadth", "depth") and o.target:
        text += f" (target {o.target:g})"
    return text


def _mean(values: Sequence[float]) -> float | None:
    return round(fmean(values), 2) if values else None


def build_report(g: Gathered) -> Report:
    past = g.history
    scenario = g.scenario
    final = past[-1][0]
    seats = None if g.viewer is None else [g.viewer]
    d = debrief(past, seats)
    scored = [t for t in g.teams if scenario.delegation(t).objectives]
    series = {arc.seat: arc.scores for arc in d.arcs}
    fired = {
        e.inject: e.turn
        for _, events in past
        for e in events
        if isinstance(e, InjectFired) and (seats is None or e.visible_to(g.viewer))
    }
    return Report(
        overview=_overview(g, series),
        objectives=tuple(_objective(g, c, fired) for c in g.criteria),
        teams=tuple(_team(g, d, t) for t in g.teams),
        timeline=d.points,
        negotiation=d.negotiation,
        biggest=tuple(sorted(p.turn for p in d.biggest())),
        adoption=tuple(Series(n, tuple(round(breadth(state, n), 4) for state, _ in past)) for n in sorted(final.norms)),
        scores=tuple(Series(t, tuple(series[t])) for t in scored if t in series),
        forums=_forums(g),
        scorecard=_scorecard(g, scored, series),
        plan=tuple(PlanItem(i.number, i.issue, i.recommendation, i.owner, i.due, i.objective) for i in g.plan),
        notes=tuple(
            sorted(
                [Note(n.turn, n.text, n.author) for n in g.instructor_notes]
                + [Note(n.turn, n.text if not n.team else f"{n.team}: {n.text}", n.author) for n in g.evaluator_notes],
                key=lambda n: (n.turn, n.author, n.text),
            )
        ),
        released=g.released,
    )


def _overview(g: Gathered, series: dict[str, tuple[float, ...]]) -> Overview:
    s, scenario = g.summary, g.scenario
    lines = []
    for seat in scenario.by_id.delegation_ids:
        if g.viewer is not None and seat != g.viewer:
            continue
        controller = s.controllers.get(seat, "")
        played = "human team" if controller == HUMAN else f"scripted ({controller})"
        score = series[seat][-1] if seat in series else None
        lines.append(
            SeatLine(
                seat,
                scenario.delegation(seat).name,
                scenario.delegation(seat).kind,
                played,
                g.players.get(seat, ""),
                score,
            )
        )
    if g.viewer is None:
        lines += [SeatLine(r.seat, r.seat, r.kind, r.kind, r.player) for r in g.roles]
    return Overview(
        scenario.title,
        scenario.id,
        " ".join(scenario.description.split()),
        s.path.name,
        s.created_at,
        s.last_played_at,
        s.seed,
        s.turn,
        s.length,
        scenario.minutes_per_turn,
        tuple(lines),
        g.final_hash,
        s.branched_from,
        s.branched_at_turn,
        g.viewer,
    )


def _norms_of(scenario: Scenario, objective_id: str, title: str) -> tuple[str, ...]:
    """The norms an exercise objective is about: the one a derived id names (adopt-<norm>),
    else those its title names."""
    head, _, rest = objective_id.partition("-")
    if head in _VERB and rest in scenario.by_id.norms:
        return (rest,)
    words = set(re.findall(r"[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]", title))
    return tuple(n for n in scenario.by_id.norm_ids if n in words)


def _level_finding(score: RubricScore) -> Finding:
    text = score.note or f"rated {score.level} ({LEVEL_NAMES[score.level - 1].lower()})"
    return Finding(score.team, text, f"{score.evaluator}, turn {score.turn}, level {score.level}")


def _objective(g: Gathered, criterion, fired: dict[str, int]) -> ObjectiveAnalysis:
    scenario, final = g.scenario, g.history[-1][0]
    mine = [s for s in g.scores if s.objective == criterion.objective]
    strengths: list[Finding] = []
    improvements: list[Finding] = []
    for team in g.teams:
        levels = [s.level for s in mine if s.team == team]
        if levels:
            mean = fmean(levels)
            finding = Finding(team, f"rated {mean:.1f} on average over {len(levels)} score(s)", "evaluators")
            (strengths if mean >= STRONG else improvements).append(finding)
    for s in mine:
        if s.note:
            (strengths if s.level >= STRONG else improvements).append(_level_finding(s))
    norms = _norms_of(scenario, criterion.objective, criterion.title)
    for team in g.teams:
        for o in scenario.delegation(team).objectives:
            if o.norm not in norms:
                continue
            progress = objective_progress(final, team, o)
            met = _met_at(g, team, o)
            if progress >= 1.0:
                strengths.append(
                    Finding(
                        team,
                        f"met its objective: {objective_text(scenario, o)}",
                        f"engine, turn {met}" if met else "engine",
                    )
                )
            else:
                improvements.append(
                    Finding(
                        team, f"{objective_text(scenario, o)}: {progress:.0%} at the end", f"engine, turn {final.turn}"
                    )
                )
    injects = tuple((i.title, fired.get(i.id)) for i in scenario.injects if i.objective == criterion.objective)
    return ObjectiveAnalysis(
        criterion.objective,
        criterion.title,
        tuple((lv.level, lv.looks_like) for lv in criterion.levels),
        len(mine),
        _mean([s.level for s in mine]),
        tuple(strengths),
        tuple(improvements),
        injects,
        norms,
    )


def _met_at(g: Gathered, team: str, o: Objective) -> int | None:
    """The first turn after which the objective was fully met (0: from the start)."""
    return next((state.turn for state, _ in g.history if objective_progress(state, team, o) >= 1.0), None)


def _team(g: Gathered, d: Debrief, team: str) -> TeamAnalysis:
    """The team's own section: its findings name no team (the heading does)."""
    scenario, final = g.scenario, g.history[-1][0]
    objectives, strengths, improvements = [], [], []
    for o in scenario.delegation(team).objectives:
        progress, met = objective_progress(final, team, o), _met_at(g, team, o)
        text = objective_text(scenario, o)
        objectives.append((text, round(progress, 4), met if progress >= 1.0 else None))
        if progress >= 1.0:
            strengths.append(Finding("", f"met: {text}", f"engine, turn {met}"))
        else:
            improvements.append(Finding("", f"not met: {text} ({progress:.0%})", f"engine, turn {final.turn}"))
    arc = next((a for a in d.arcs if a.seat == team), None)
    if arc and arc.best:
        strengths.append(
            Finding("", f"best turn: {arc.best_why} ({arc.best[1]:+.0f} points)", f"engine, turn {arc.best[0]}")
        )
    if arc and arc.worst:
        improvements.append(
            Finding("", f"worst turn: {arc.worst_why} ({arc.worst[1]:+.0f} points)", f"engine, turn {arc.worst[0]}")
        )
    verbs = Counter(order.split()[0] for _, orders in g.orders.get(team, []) for order in orders)
    signed = {
        order.split()[1] for _, orders in g.orders.get(team, []) for order in orders if order.startswith("signon ")
    }
    held = {n for n, ns in final.norms.items() if team in ns.depth}
    practice = tuple(sorted(n for n in held if final.norms[n].depth[team] >= MAX_DEPTH))
    return TeamAnalysis(
        team,
        scenario.delegation(team).name,
        tuple(objectives),
        tuple(strengths),
        tuple(improvements),
        tuple(sorted(verbs.items(), key=lambda kv: (-kv[1], kv[0]))),
        tuple(sorted(held | signed)),
        practice,
    )


def _forums(g: Gathered) -> tuple[ForumOutcomes, ...]:
    counts: Counter[tuple[str, str]] = Counter()
    for _, events in g.history:
        for e in events:
            if isinstance(e, SessionOutcome) and (g.viewer is None or e.visible_to(g.viewer)):
                counts[(e.forum, e.outcome)] += 1
    return tuple(
        ForumOutcomes(g.scenario.forum(f).name, counts[(f, "adopted")], counts[(f, "blocked")], counts[(f, "tabled")])
        for f in g.scenario.by_id.forum_ids
    )


def _scorecard(g: Gathered, scored: list[str], series: dict[str, tuple[float, ...]]) -> Scorecard:
    objectives = tuple(c.objective for c in g.criteria)
    rows = []
    for team in scored:
        mine = [s for s in g.scores if s.team == team]
        by = tuple((o, _mean([s.level for s in mine if s.objective == o])) for o in objectives)
        rows.append(
            ScoreRow(team, g.scenario.delegation(team).name, series[team][-1], _mean([s.level for s in mine]), by)
        )
    # the group average is the teams' average (each team counts once, however often scored)
    group_by = tuple(
        (o, _mean([v for r in rows for ob, v in r.by_objective if ob == o and v is not None])) for o in objectives
    )
    return Scorecard(
        tuple(rows),
        objectives,
        _mean([r.engine for r in rows]),
        _mean([r.evaluator for r in rows if r.evaluator is not None]),
        group_by,
        tuple(sorted({s.evaluator for s in g.scores})),
    )
