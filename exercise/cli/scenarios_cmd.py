"""`exercise scenarios`: what a trainer picks from. Lists every shipped scenario with its title,
seats, length (turns and about how many minutes live) and learning objectives; with a name,
also its description, forums and every seat."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections import Counter
from pathlib import Path

from exercise.scenario.catalog import ScenarioInfo, find_scenario, info, list_scenarios

# Plural labels for the seat breakdown, in the order a trainer reads them.
_KIND_LABELS = (
    ("state", "state", "states"),
    ("military", "military", "militaries"),
    ("company", "company", "companies"),
    ("civil_society", "civil society", "civil society"),
    ("intl_org", "international organisation", "international organisations"),
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scenarios", help="list the shipped scenarios (or show one in detail)")
    p.add_argument(
        "name", nargs="?", default=None, help="a scenario name or file: show its description, forums and seats"
    )
    p.add_argument("--dir", type=Path, default=None, help="where to look (default: the shipped scenarios)")
    p.add_argument("--json", action="store_true", help="print the same as JSON")
    p.set_defaults(func=run)


def seat_breakdown(scenario: ScenarioInfo) -> str:
    """'31 seats: 24 states, 2 militaries, 3 companies, ...'"""
    kinds = Counter(seat.kind for seat in scenario.seats)
    parts = [
        f"{kinds[kind]} {one if kinds[kind] == 1 else many}" for kind, one, many in _KIND_LABELS if kinds.get(kind)
    ]
    return f"{len(scenario.seats)} seats: " + ", ".join(parts)


def as_dict(scenario: ScenarioInfo, seats: bool = False) -> dict:
    data = {
        "id": scenario.id,
        "title": scenario.title,
        "path": str(scenario.path),
        "seats": len(scenario.seats),
        "seats_by_kind": dict(sorted(Counter(s.kind for s in scenario.seats).items())),
        "turns": scenario.turns,
        "minutes_per_turn": scenario.minutes_per_turn,
        "minutes": scenario.minutes,
        "forums": scenario.forums,
        "norms": scenario.norms,
        "learning_objectives": list(scenario.learning_objectives),
    }
    if seats:
        data["description"] = scenario.description
        data["seat_list"] = [
            {"id": s.id, "name": s.name, "kind": s.kind, "strategy": s.strategy, "bloc": s.bloc} for s in scenario.seats
        ]
    return data


def _wrap(text: str, indent: str, hang: str = "  ") -> list[str]:
    return textwrap.wrap(text, width=92, initial_indent=indent, subsequent_indent=indent + hang)


def format_listing(found: list[ScenarioInfo]) -> list[str]:
    lines: list[str] = []
    for scenario in found:
        if lines:
            lines.append("")
        lines.append(f"{scenario.id}  {scenario.title}")
        lines.append(f"  {seat_breakdown(scenario)}")
        lines.append(
            f"  {scenario.turns} turns x {scenario.minutes_per_turn} min: about "
            f"{_duration(scenario.minutes)}; {scenario.forums} forums, {scenario.norms} norms"
        )
        if scenario.learning_objectives:
            lines.append("  Learning objectives:")
            for objective in scenario.learning_objectives:
                lines.extend(_wrap(f"- {objective}", "    "))
    return lines


def format_detail(scenario: ScenarioInfo) -> list[str]:
    lines = format_listing([scenario])
    if scenario.description:
        lines.append("  About:")
        lines.extend(_wrap(" ".join(scenario.description.split()), "    ", hang=""))
    lines.append("  Seats (id, kind, bloc, scripted strategy):")
    width = max(len(s.id) for s in scenario.seats)
    for s in scenario.seats:
        lines.append(f"    {s.id:<{width}}  {s.kind:<13} {s.bloc or '-':<10} {s.strategy:<12} {s.name}")
    lines.append(f"  File: {scenario.path}")
    return lines


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def run(args: argparse.Namespace) -> int:
    if args.name:
        scenario = info(find_scenario(args.name, args.dir))
        if args.json:
            print(json.dumps(as_dict(scenario, seats=True), indent=1, sort_keys=True))
        else:
            print("\n".join(format_detail(scenario)))
        return 0
    found, problems = list_scenarios(args.dir)
    if args.json:
        print(json.dumps([as_dict(s) for s in found], indent=1, sort_keys=True))
    elif found:
        print("\n".join(format_listing(found)))
    else:
        print(f"no scenarios found in {args.dir or 'the shipped scenarios'}")
    for line in problems:  # a broken file must not hide the good ones, nor go unnoticed
        print(line, file=sys.stderr)
    return 2 if problems else 0
