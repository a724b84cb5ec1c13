"""Plain-text reports of turns and games for the terminal (and their JSON twins)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from exercise.core.events import Event, InjectFired, SessionOutcome
from exercise.core.spec import Scenario
from exercise.core.wording import bloc_line, decision_line


def turn_record(scenario: Scenario, turn: int, events: Sequence[Event], digest: str) -> dict[str, Any]:
    sessions: dict[str, Any] = {}
    for forum in sorted(scenario.forums, key=lambda f: f.id):
        if not forum.meets_on(turn):
            sessions[forum.id] = "no session this turn"
            continue
        sessions[forum.id] = [
            {
                "norm": e.norm,
                **({"norms": list(e.norms)} if e.norms else {}),  # a package: what it held
                "outcome": e.outcome,
                "yes": list(e.yes),
                "no": list(e.no),
                "blockers": list(e.blockers),
            }
            for e in events
            if isinstance(e, SessionOutcome) and e.forum == forum.id
        ] or "session held, nothing on the agenda"
    injects = [{"inject": e.inject, "title": e.title} for e in events if isinstance(e, InjectFired)]
    return {"turn": turn, "hash": digest, "injects": injects, "sessions": sessions}


def format_turn(record: dict[str, Any]) -> list[str]:
    lines = [f"Turn {record['turn']}  (state {record['hash'][:12]})"]
    for inject in record["injects"]:
        lines.append(f"  inject: {inject['title']}")
    for forum, outcome in record["sessions"].items():
        if isinstance(outcome, str):
            lines.append(f"  {forum}: {outcome}")
            continue
        for item in outcome:
            lines.append(
                "  "
                + decision_line(
                    SessionOutcome(
                        turn=record["turn"],
                        forum=forum,
                        norm=item["norm"],
                        outcome=item["outcome"],
                        yes=tuple(item["yes"]),
                        no=tuple(item["no"]),
                        blockers=tuple(item["blockers"]),
                        norms=tuple(item.get("norms", ())),
                    )
                )
            )
    return lines


def _turns(value: int | None) -> str:
    return "never" if value is None else f"turn {value}"


def format_summary(metrics: dict[str, Any]) -> list[str]:
    lines = [f"After turn {metrics['turn']}", "", "Norms"]
    header = f"  {'norm':<24} {'status':<10} {'breadth':>7} {'depth':>6}  {'origin':<16} adopters by kind"
    lines.append(header)
    for n in metrics["norms"]:
        kinds = ", ".join(f"{k} {v}" for k, v in n["by_kind"].items()) or "-"
        lines.append(
            f"  {n['norm']:<24} {n['status']:<10} {n['breadth']:>7.2f} {n['mean_depth']:>6.2f}  "
            f"{n['origin_forum'] or '-':<16} {kinds}"
        )
    lines += ["", "Forums (turns to first adoption)"]
    for f in metrics["forums"]:
        adopted = ", ".join(f["adopted"]) or "nothing"
        lines.append(f"  {f['forum']:<24} first adoption {_turns(f['first_adoption']):<10} adopted: {adopted}")
    lines += [
        "",
        f"Conflict index {metrics['conflict_index']:.3f}; {len(metrics['blocs'])} norm bloc(s), "
        f"{metrics['opposed_blocs']} opposed pair(s)",
    ]
    lines += [f"  {bloc_line(bloc)}" for bloc in metrics["blocs"]]
    lines += ["", "Scores against objectives (0-100)"]
    for seat, score in metrics["scores"].items():
        lines.append(f"  {seat:<24} {score:6.1f}")
    if metrics.get("unscored"):
        lines.append(f"  no objectives (not scored): {', '.join(metrics['unscored'])}")
    return lines
