"""The report's wording, said once for every rendering (HTML, Markdown, PDF)."""

from __future__ import annotations

from exercise.report.model import Finding, Report, Scorecard

TITLE = "After-Action Report and Improvement Plan"
SECTIONS = {
    "overview": "Exercise overview",
    "objectives": "Objectives and how each was evaluated",
    "analysis": "Analysis of each objective",
    "teams": "Analysis of each team's play",
    "timeline": "Timeline of turning points",
    "negotiation": "Negotiation: pledge vs practice, deals kept and broken",
    "charts": "Charts",
    "scorecard": "Scorecard",
    "plan": "Improvement plan",
    "notes": "Notes",
    "sources": "Where the numbers come from",
}
NO_PLAN = (
    "No improvement items yet: the trainer adds them in the white cell or replay screen, or with "
    "`exercise plan SAVE --import plan.csv`."
)
NO_NOTES = "No instructor or evaluator notes."
NO_TURNING = "Nothing has turned yet: no decision, inject or score change."
NO_NORMS = "The objective names no norm, so the game's evidence for it is each team's play (next section)."
ENGINE_HOW = "The engine scores each team 0 to 100 against its own objectives after every turn (weighted progress)."


def evaluation_status(card: Scorecard, released: bool, viewer: str | None) -> str:
    if not card.has_evaluators:
        if viewer is not None and not released:
            return "The evaluators' scores have not been released to the teams: engine scores only."
        return "No evaluator scored this game: the scores in this report are the engine's only."
    who = ", ".join(card.evaluators)
    return f"Evaluated by {who} against the rubric (levels 1 to 4), beside the engine's scores."


def view_line(viewer: str | None) -> str:
    if viewer is None:
        return "The white cell's view: every team, every event."
    return f"The view of {viewer}: its own orders, scores and what it could see."


def played(turns: int, planned: int, minutes: int) -> str:
    return f"{turns} of {planned} turns ({minutes} minutes a turn)"


def level(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def score(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def finding(f: Finding, names: dict[str, str]) -> str:
    who = f"{names.get(f.team, f.team)}: " if f.team else ""
    return f"{who}{f.text} [{f.source}]"


def fired(turn: int | None) -> str:
    return "not fired" if turn is None else f"fired on turn {turn}"


def sources(report: Report) -> list[str]:
    o = report.overview
    return [
        f"Every number is read from the save {o.save} (scenario {o.scenario_id}, seed {o.seed}).",
        f"Engine scores, breadth and the timeline come from the state after each turn, 0 to {o.turns_played}; "
        f"the final state's hash is {o.final_hash} (`exercise verify {o.save}` recomputes every turn).",
        f"`exercise export {o.save}` writes every turn's orders, events and state as JSON lines; "
        f"`exercise debrief {o.save} --json` the turning points and scores.",
        "Evaluator scores and notes are the evaluators' records in the same save (outside the hashed turns).",
    ]


def names_of(report: Report) -> dict[str, str]:
    return {s.seat: s.name for s in report.overview.seats}
