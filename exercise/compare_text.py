"""Two saves compared (exercise.store.compare), as text: `exercise compare` prints it and the
replay screen shows it. The store computes the comparison; the words are here."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from exercise.store.compare import GameComparison


def _orders(lines: tuple[str, ...]) -> str:
    return "; ".join(lines)


def _norm(figures: dict) -> str:
    depth = "-" if figures["mean_depth"] is None else f"{figures['mean_depth']:.2f}"
    return f"{figures['status']:<10} {figures['breadth']:>7.2f} {depth:>5}"


def format_comparison(c: GameComparison, all_seats: bool = False) -> list[str]:
    name_a, name_b = Path(c.paths[0]).name, Path(c.paths[1]).name
    if name_a == name_b:
        name_a, name_b = c.paths
    lines = [
        f"A = {name_a} (turn {c.turns[0]}, seed {c.seeds[0]})",
        f"B = {name_b} (turn {c.turns[1]}, seed {c.seeds[1]})",
        f"scenario {c.scenario}; compared up to turn {c.common_turns}",
    ]
    if not c.same_scenario_text:
        lines.append("note: the two saves hold different texts of the scenario (it was edited between the games)")
    if c.seeds[0] != c.seeds[1]:
        lines.append("note: the seeds differ, so part of any difference is chance (thresholds, noise)")
    if c.parted_at is None:
        lines.append(f"The games are identical up to turn {c.common_turns}: same states, orders and decisions.")
    else:
        lines.append(f"The games part at turn {c.parted_at}: the first turn whose states differ.")
    shown = [d for d in c.orders if d.by_people or all_seats]
    if shown:
        lines += ["", "Orders that differed" + ("" if all_seats else " (the seats people played)")]
        for d in shown:
            lines.append(f"  turn {d.turn:<3} {d.seat:<16} A: {_orders(d.a)}")
            lines.append(f"  {'':<8} {'':<16} B: {_orders(d.b)}")
    scripted = Counter(d.turn for d in c.orders if not d.by_people)
    if scripted and not all_seats:
        per_turn = ", ".join(f"turn {t}: {n}" for t, n in sorted(scripted.items()))
        lines.append(f"  scripted seats that ordered otherwise in reply ({per_turn}): --all-seats lists them")
    if c.outcomes:
        lines += ["", "Forum decisions that came out otherwise"]
        for o in c.outcomes:
            lines.append(f"  turn {o.turn:<3} {o.forum + ': ' + o.norm:<36} A: {o.a:<28} B: {o.b}")
    changed = [(n, x, y) for n, x, y in c.norms if x != y]
    if changed:
        lines += [
            "",
            f"Norms at turn {c.common_turns} (where they differ; depth: 1 rhetoric .. 4 practice)",
            f"  {'norm':<24} {'A':<10} {'breadth':>7} {'depth':>5}   {'B':<10} {'breadth':>7} {'depth':>5}   breadth B - A",
        ]
        for n, x, y in changed:
            lines.append(f"  {n:<24} {_norm(x)}   {_norm(y)}   {y['breadth'] - x['breadth']:+.2f}")
    if c.scores:
        lines += [
            "",
            f"Scores against objectives at turn {c.common_turns} (0-100)",
            f"  {'seat':<24} {'A':>6} {'B':>6}  B - A",
        ]
        for seat, score_a, score_b in c.scores:
            lines.append(f"  {seat:<24} {score_a:>6.1f} {score_b:>6.1f}  {score_b - score_a:+.1f}")
    return lines
