"""The rubric evaluators score a game with: the scenario's own `[[rubric]]` criteria, or one
derived from its objectives when it has none (a pure function of the scenario).

Levels follow HSEEP's four performance ratings; a derived criterion says what each looks like
in words that fit any objective. The derived objective ids are stable for a scenario: its
learning objectives in order ("lo-1", "lo-2", ...), else every distinct delegation objective
("adopt-<norm>", "block-<norm>-<forum>", ...), sorted, so scores stay attached across releases.
"""

from __future__ import annotations

from exercise.core.limits import ID_KIND
from exercise.core.spec import Criterion, Objective, RubricLevel, Scenario

# HSEEP's ratings, worded for a team's play against one objective (level 1..4).
LEVEL_NAMES = (
    "Unable to be performed",
    "Performed with major challenges",
    "Performed with some challenges",
    "Performed without challenges",
)
_LOOKS_LIKE = (
    "The team did not work toward this objective, or worked against it.",
    "The team worked toward it late or in part; its moves left major gaps.",
    "The team worked toward it with a fitting plan; some moves missed chances.",
    "The team worked toward it deliberately and effectively throughout.",
)
_VERBS = {"adopt": "Adopt", "block": "Block", "breadth": "Spread", "depth": "Practise", "avoid": "Stay out of"}
TITLE_MAX = 200


def rubric(scenario: Scenario) -> tuple[Criterion, ...]:
    """The criteria evaluators score against: the scenario's rubric, else the derived one."""
    return scenario.rubric or default_rubric(scenario)


def default_rubric(scenario: Scenario) -> tuple[Criterion, ...]:
    if scenario.learning_objectives:
        return tuple(_criterion(f"lo-{n}", text) for n, text in enumerate(scenario.learning_objectives, 1))
    seen: dict[str, str] = {}
    for delegation in sorted(scenario.delegations, key=lambda d: d.id):
        for o in delegation.objectives:
            ident = objective_key(o)
            if ID_KIND.problem(ident) is None and ident not in seen:
                forum = f" in {scenario.forum(o.forum).name}" if o.forum else ""
                seen[ident] = f"{_VERBS[o.kind]} {o.norm}{forum}"
    return tuple(_criterion(ident, title) for ident, title in sorted(seen.items()))


def objective_key(objective: Objective) -> str:
    """A delegation objective's id: "adopt-<norm>", or "adopt-<norm>-<forum>" with a forum."""
    return f"{objective.kind}-{objective.norm}" + (f"-{objective.forum}" if objective.forum else "")


def _criterion(ident: str, text: str) -> Criterion:
    title = " ".join(text.split())
    title = title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"
    levels = tuple(
        RubricLevel(level=n, looks_like=f"{LEVEL_NAMES[n - 1]}. {_LOOKS_LIKE[n - 1]}")
        for n in range(1, len(LEVEL_NAMES) + 1)
    )
    return Criterion(objective=ident, title=title or ident, levels=levels)
