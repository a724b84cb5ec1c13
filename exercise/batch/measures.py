"""What a batch run measures: named functions of a game's final state -> flat {metric: float}.

A measure is named by a string (`standard`, or `probe:NORM:DELEGATION`, ...) so tasks stay plain
data for process pools and Dask. Metric names are `name` or `name[subject]`. Something that did
not happen within the game's turns is censored at turns + 1 (a turn) or NaN (a quantity that
does not exist, like the breadth of a norm a forum never adopted).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from itertools import pairwise

from exercise.core.events import Event, OfferAnswered, OfferMade, SessionOutcome
from exercise.core.state import GameState
from exercise.engine.metrics import breadth, conflict_index, mean_depth, norm_blocs, opposed_blocs, total_power

NAN = math.nan
LOW_CAPACITY = 0.4  # a holder below this capacity is "low-capacity" (effect 5)


class Trace:
    """What a measure needs from a game's events, not just its final state: who adopted each
    norm by a forum's decision (every member under consensus or unanimity, the yes voters or
    signatories otherwise), whether or not they already held it."""

    def __init__(self) -> None:
        self.via: dict[tuple[str, str], list[str]] = {}
        self.offers: dict[str, OfferMade] = {}  # by id, in the order made
        self.answers: dict[str, str] = {}  # offer id -> accepted | rejected | countered | expired

    def record(self, state: GameState, events: Iterable[Event]) -> None:
        for e in events:
            if isinstance(e, OfferMade):
                self.offers[e.offer] = e
            elif isinstance(e, OfferAnswered):
                self.answers[e.offer] = e.answer
            if isinstance(e, SessionOutcome) and e.outcome == "adopted":
                rule = state.scenario.forum(e.forum).rule
                adopters = state.forums[e.forum].members if rule in ("consensus", "unanimity") else e.yes
                for norm in e.texts:  # a package: each norm it held
                    self.via[(norm, e.forum)] = sorted(adopters)


def first_adoption_breadth(state: GameState, trace: Trace, forum_id: str) -> float:
    """Adherence a forum's first adopted norm starts with: the power share of the delegations
    that adopted it by that forum's decision (the widest norm if it adopted several at once).
    Diffusion afterwards is spread, not a property of the forum's decision."""
    forum = state.forums[forum_id]
    if forum.first_adoption is None:
        return NAN
    total = total_power(state)
    firsts = sorted(n for n, t in forum.adopted.items() if t == forum.first_adoption)
    return max(sum(state.seats[d].power for d in trace.via.get((n, forum_id), ())) / total for n in firsts)


def standard(state: GameState, trace: Trace) -> dict[str, float]:
    """Game-level and per-norm, per-forum metrics (what `exercise sweep` reports)."""
    total = total_power(state)
    never = state.turn + 1
    out: dict[str, float] = {}
    blocs = norm_blocs(state)
    out["conflict_index"] = conflict_index(state)
    out["opposed_blocs"] = float(opposed_blocs(state, blocs))
    out["blocs"] = float(len(blocs))
    adopted = [n for n in sorted(state.norms) if state.norms[n].adopted_in]
    held = [n for n in sorted(state.norms) if state.norms[n].depth]
    out["norms_adopted"] = float(len(adopted))
    out["mean_breadth"] = sum(breadth(state, n, total) for n in sorted(state.norms)) / max(1, len(state.norms))
    out["mean_depth"] = sum(mean_depth(state, n) for n in held) / len(held) if held else NAN
    for n in sorted(state.norms):
        ns = state.norms[n]
        out[f"breadth[{n}]"] = breadth(state, n, total)
        out[f"depth[{n}]"] = mean_depth(state, n) if ns.depth else NAN
        out[f"adopted_turn[{n}]"] = float(min(ns.adopted_in.values())) if ns.adopted_in else float(never)
    firsts = [(fs.first_adoption, f) for f, fs in sorted(state.forums.items()) if fs.first_adoption is not None]
    out["first_adoption"] = float(min(firsts)[0]) if firsts else float(never)
    out["first_breadth"] = (
        max(first_adoption_breadth(state, trace, f) for t, f in firsts if t == min(firsts)[0]) if firsts else NAN
    )
    for f in sorted(state.forums):
        fs = state.forums[f]
        out[f"first_adoption[{f}]"] = float(fs.first_adoption if fs.first_adoption is not None else never)
        out[f"first_breadth[{f}]"] = first_adoption_breadth(state, trace, f)
        out[f"adopted[{f}]"] = float(len(fs.adopted))
    return out


def probe(state: GameState, trace: Trace, norm_id: str, delegation_id: str) -> dict[str, float]:
    """When one delegation adopted one norm (censored at turns + 1), and whether it did."""
    since = state.norms[norm_id].since
    return {
        "adoption_turn": float(since.get(delegation_id, state.turn + 1)),
        "adopted": 1.0 if delegation_id in since else 0.0,
    }


def cascade(state: GameState, trace: Trace, norm_id: str, tipping: str = "", window: str = "0.15") -> dict[str, float]:
    """The pace of adoption just below and just above the tipping share: the mean breadth gained
    per turn over the turns that start with breadth in [tip - w, tip) and in [tip, tip + w).

    A cascade means the pace above exceeds the pace below. Narrow windows on both sides of the
    tipping share compare like with like: far above it the pool of willing adopters is spent and
    every diffusion curve flattens, which says nothing about the tipping point. NaN when the
    norm's breadth never starts a turn inside a window.
    """
    tip = float(tipping) if tipping else state.scenario.model.cascade_tipping
    w = float(window)
    history = [0.0, *state.norms[norm_id].breadth_history]
    gains: dict[str, list[float]] = {"below": [], "above": []}
    for start, end in pairwise(history):
        if tip - w <= start < tip:
            gains["below"].append(end - start)
        elif tip <= start < tip + w:
            gains["above"].append(end - start)
    below, above = gains["below"], gains["above"]
    return {
        "pace_below": sum(below) / len(below) if below else NAN,
        "pace_above": sum(above) / len(above) if above else NAN,
        "crossed": 1.0 if max(history) >= tip else 0.0,
        "breadth": breadth(state, norm_id),
    }


def adopted_in(state: GameState, trace: Trace, norm_id: str, forum_id: str, by: str = "") -> dict[str, float]:
    """Whether (1/0) and when (censored) a forum adopted a norm, the norm's breadth, and with
    `by` whether the forum had adopted it by that turn (`adopted_by`)."""
    turn = state.forums[forum_id].adopted.get(norm_id)
    out = {
        "adopted": 1.0 if turn is not None else 0.0,
        "adopted_turn": float(turn if turn is not None else state.turn + 1),
        "breadth": breadth(state, norm_id),
    }
    if by:
        out["adopted_by"] = 1.0 if turn is not None and turn <= int(by) else 0.0
    return out


def norm(state: GameState, trace: Trace, norm_id: str) -> dict[str, float]:
    """One norm's breadth, the mean of its breadth over the game (how fast it spread), depth
    and lip-service share among its holders, and depth among low-capacity holders."""
    ns = state.norms[norm_id]
    history = ns.breadth_history
    low = [ns.depth[d] for d in sorted(ns.depth) if state.scenario.delegation(d).capacity < LOW_CAPACITY]
    return {
        "breadth": breadth(state, norm_id),
        "breadth_mean": sum(history) / len(history) if history else 0.0,
        "depth": mean_depth(state, norm_id) if ns.depth else NAN,
        "lip_service": (sum(1 for v in ns.depth.values() if v <= 1) / len(ns.depth)) if ns.depth else NAN,
        "depth_low_capacity": sum(low) / len(low) if low else NAN,
    }


def holdings(state: GameState, trace: Trace) -> dict[str, float]:
    """Depth over every norm's holders: the mean depth of low-capacity holdings and the
    lip-service share of all holdings (a world where assistance may go to any norm)."""
    depths = [(d, ns.depth[d]) for n, ns in sorted(state.norms.items()) for d in sorted(ns.depth)]
    low = [v for d, v in depths if state.scenario.delegation(d).capacity < LOW_CAPACITY]
    return {
        "holdings": float(len(depths)),
        "depth_low_capacity": sum(low) / len(low) if low else NAN,
        "lip_service": sum(1 for _, v in depths if v <= 1) / len(depths) if depths else NAN,
    }


def deals(state: GameState, trace: Trace, delegation_id: str) -> dict[str, float]:
    """How a delegation's offers fared: how many it made, the share accepted, and the share
    accepted of its later offers, those made after the turn its first deal was accepted
    (NaN when it made none then), when its partners have seen whether it keeps its word."""
    mine = [o for o in trace.offers.values() if o.offerer == delegation_id]
    accepted = [o for o in mine if trace.answers.get(o.offer) == "accepted"]
    first = min((o.turn for o in accepted), default=None)
    later = [o for o in mine if first is not None and o.turn > first]
    return {
        "offers": float(len(mine)),
        "accepted_share": len(accepted) / len(mine) if mine else NAN,
        "later_share": sum(trace.answers.get(o.offer) == "accepted" for o in later) / len(later) if later else NAN,
    }


_MEASURES: dict[str, Callable[..., dict[str, float]]] = {
    "standard": standard,
    "probe": probe,
    "cascade": cascade,
    "adopted_in": adopted_in,
    "norm": norm,
    "holdings": holdings,
    "deals": deals,
}


class _Registry:
    """`MEASURES["probe:n:d"]` is `probe(state, "n", "d")`; `"x" in MEASURES` checks the name."""

    def __contains__(self, name: str) -> bool:
        return name.split(":", 1)[0] in _MEASURES

    def __getitem__(self, name: str) -> Callable[[GameState, Trace], dict[str, float]]:
        head, *args = name.split(":")
        fn = _MEASURES[head]
        return lambda state, trace: fn(state, trace, *args)


MEASURES = _Registry()
