"""What every poser shares: the posed experiment (or why it is not), and the rules that read a
world (forums of a kind, a forum's members, power-weighted alignment, who wants a norm, the
world's target norm). Ties in every ranking are broken by id."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from exercise.batch.comparison import Comparison as C
from exercise.core.spec import Forum, Norm, Scenario
from exercise.engine.appeal import alignment

Assignment = tuple[str, Any]  # (key.path, value); value UNSET removes the key


@attrs.frozen
class Posed:
    variants: tuple[tuple[str, tuple[Assignment, ...]], ...]
    measure: str
    comparisons: tuple[C, ...]
    picked: str  # what the rules chose, for the report
    sets: tuple[Assignment, ...] = ()  # applied to every variant


@attrs.frozen
class NotPosed:
    reason: str


Pose = Callable[[Scenario], "Posed | NotPosed"]


def forums_of_kind(sc: Scenario, kind: str) -> list[Forum]:
    return sorted((f for f in sc.forums if f.kind == kind), key=lambda f: f.id)


def forum_members(sc: Scenario, forum: Forum) -> list[str]:
    if forum.open_to_all:
        return sorted(d.id for d in sc.delegations if forum.seats_unlisted(d))
    return sorted(forum.members)


def mean_alignment(sc: Scenario, norm: Norm, ids: Sequence[str] | None = None) -> float:
    """Power-weighted mean alignment of a set of seats (default: the whole world) with a norm."""
    chosen = [sc.delegation(i) for i in ids] if ids is not None else list(sc.delegations)
    total = sum(d.power for d in chosen) or 1.0
    return sum(d.power * alignment(d.values, norm) for d in chosen) / total


def wanting(sc: Scenario, norm: Norm) -> list[str]:
    """The seats whose objectives want `norm` adopted (its would-be instigators), by id."""
    return sorted(
        d.id
        for d in sc.delegations
        if any(o.kind in ("adopt", "breadth", "depth") and o.norm == norm.id for o in d.objectives)
    )


def ranked_norms(sc: Scenario) -> list[Norm]:
    """The norms by how likely the world is to spread them: most wanted (objectives), then
    best aligned with the world's values, then id."""
    wanted = {n.id: 0 for n in sc.norms}
    for d in sc.delegations:
        for o in d.objectives:
            if o.kind in ("adopt", "breadth", "depth") and o.norm in wanted:
                wanted[o.norm] += 1
    return sorted(sc.norms, key=lambda n: (-wanted[n.id], -mean_alignment(sc, n), n.id))


def target_norm(sc: Scenario, need_harms: bool = False) -> Norm | None:
    """The norm the world is most likely to spread: the one most seats want adopted (their
    objectives), then the best aligned with the world's values; with `need_harms`, the first
    such norm that harms some value (so some seat can be opposed to it), if any does."""
    ranked = ranked_norms(sc)
    if need_harms:
        harming = [n for n in ranked if n.harms]
        if harming:
            return harming[0]
    return ranked[0] if ranked else None
