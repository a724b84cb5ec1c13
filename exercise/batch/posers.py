"""Posers: each experiment posed on any world by rule, never by name.

A poser reads a world (its parsed scenario) and returns the experiment's variants as key-path
assignments, the measure and the comparisons, or `NotPosed` with the reason the world cannot
ask the question (no centralized forum, no conflicting pair, ...). The rules pick norms, forums
and seats from what the world says about them: alignment of values, membership, ties, power.
Ties in every ranking are broken by id, so a world always poses the same experiment.
"""

from __future__ import annotations

from exercise.batch.comparison import Comparison as C
from exercise.batch.keypath import UNSET
from exercise.batch.measures import LOW_CAPACITY
from exercise.batch.poser_deals import broken_promises, side_payments
from exercise.batch.poser_kit import (
    Assignment,
    NotPosed,
    Pose,
    Posed,
    forum_members,
    forums_of_kind,
    mean_alignment,
    target_norm,
    wanting,
)
from exercise.batch.poser_outside_in import outside_in
from exercise.core.spec import Forum, Norm, Scenario
from exercise.engine.network import network_for

__all__ = ["POSERS", "Assignment", "NotPosed", "Posed"]
CLARITY_LOW, CLARITY_HIGH = 0.3, 0.9
DONOR_BUDGET = 6.0
FIRST_MOVER_DELAY = 3  # turns the second camp's forum waits
ALIGNED = (0.85, 0.2)  # the probe's values for the norm's served and harmed domains
OPPOSED = (0.25, 0.9)
CAPABLE, INCAPABLE = 0.9, 0.15


def _forumforums_of_kind(sc: Scenario, need_conflict: bool = False) -> NotPosed | None:
    if not forums_of_kind(sc, "centralized"):
        return NotPosed("no centralized forum")
    if not forums_of_kind(sc, "decentralized"):
        return NotPosed("no decentralized forum")
    if need_conflict and not any(n.conflicts for n in sc.norms):
        return NotPosed("no conflicting norms")
    return None


def forum_speed(sc: Scenario) -> Posed | NotPosed:
    missing = _forumforums_of_kind(sc)
    if missing:
        return missing
    return Posed(
        variants=(("decentralized", (("forums", "decentralized"),)), ("centralized", (("forums", "centralized"),))),
        measure="standard",
        comparisons=(
            C(
                "turns to first adoption (centralized - decentralized)",
                "decentralized",
                "centralized",
                "first_adoption",
                +1,
            ),
            C(
                "breadth of the first adopted norm (centralized - decentralized)",
                "decentralized",
                "centralized",
                "first_breadth",
                +1,
            ),
        ),
        picked="every centralized forum vs every decentralized one",
    )


def norm_blocs(sc: Scenario) -> Posed | NotPosed:
    missing = _forumforums_of_kind(sc, need_conflict=True)
    if missing:
        return missing
    return Posed(
        variants=(("centralized", (("forums", "centralized"),)), ("decentralized", (("forums", "decentralized"),))),
        measure="standard",
        comparisons=(
            C("conflict index (decentralized - centralized)", "centralized", "decentralized", "conflict_index", +1),
            C("opposed bloc pairs (decentralized - centralized)", "centralized", "decentralized", "opposed_blocs", +1),
        ),
        picked="every centralized forum vs every decentralized one",
    )


def clarity(sc: Scenario) -> Posed | NotPosed:
    norm = target_norm(sc)
    if norm is None:
        return NotPosed("no norm")
    key = f"norms.{norm.id}.clarity"
    return Posed(
        variants=(
            (f"clarity {CLARITY_LOW}", ((key, CLARITY_LOW),)),
            (f"clarity {CLARITY_HIGH}", ((key, CLARITY_HIGH),)),
        ),
        measure=f"norm:{norm.id}",
        comparisons=(
            C("final breadth (clear - unclear)", f"clarity {CLARITY_LOW}", f"clarity {CLARITY_HIGH}", "breadth", +1),
        ),
        picked=f"norm {norm.id}",
    )


def grafting(sc: Scenario) -> Posed | NotPosed:
    norm = target_norm(sc)
    if norm is None or not sc.frameworks:
        return NotPosed("no norm" if norm is None else "no framework to graft onto")
    neutral = sc.model.graft_neutral
    total = sum(d.power for d in sc.delegations) or 1.0
    accepted = sorted(
        ((sum(d.power * d.affinity.get(f.id, neutral) for d in sc.delegations) / total, f.id) for f in sc.frameworks),
        key=lambda x: (-x[0], x[1]),
    )
    best, framework = accepted[0]
    if best <= neutral:
        return NotPosed(f"no framework its audience accepts (best {framework}: {best:.2f} <= neutral {neutral:g})")
    key = f"norms.{norm.id}.framework"
    grafted = f"grafted on {framework}"
    return Posed(
        variants=(("ungrafted", ((key, UNSET),)), (grafted, ((key, framework),))),
        measure=f"norm:{norm.id}",
        comparisons=(C("mean breadth over the game (grafted - ungrafted)", "ungrafted", grafted, "breadth_mean", +1),),
        picked=f"norm {norm.id} on {framework} (mean affinity {best:.2f})",
    )


def assistance(sc: Scenario) -> Posed | NotPosed:
    donors = sorted(d.id for d in sc.delegations if d.strategy == "broker" and not d.human)
    if not donors:
        return NotPosed("no scripted broker to fund anyone")
    if not any(d.capacity < LOW_CAPACITY for d in sc.delegations):
        return NotPosed(f"no seat with capacity below {LOW_CAPACITY}")
    return Posed(
        variants=(
            ("no funding", tuple((f"delegations.{d}.budget", 0.0) for d in donors)),
            ("donors fund", tuple((f"delegations.{d}.budget", DONOR_BUDGET) for d in donors)),
        ),
        measure="holdings",
        comparisons=(
            C(
                "mean depth of low-capacity holders (funded - unfunded)",
                "no funding",
                "donors fund",
                "depth_low_capacity",
                +1,
            ),
            C("lip-service share of holders (funded - unfunded)", "no funding", "donors fund", "lip_service", -1),
        ),
        picked=f"{len(donors)} broker(s): {', '.join(donors[:3])}{'...' if len(donors) > 3 else ''}",
    )


def probe_seat(sc: Scenario) -> str | None:
    """The state most exposed to others: the largest total tie weight, then power."""
    neighbours = network_for(sc).neighbours
    weight = {d.id: sum(w for _, w in neighbours[d.id]) for d in sc.delegations if d.kind == "state" and not d.human}
    ranked = sorted(weight, key=lambda d: (-weight[d], -sc.delegation(d).power, d))
    return ranked[0] if ranked and weight[ranked[0]] > 0 else None


def least_in_need(sc: Scenario) -> Posed | NotPosed:
    """Who adopts a spreading norm first: the probe (the most tied state) able and aligned, of
    low capacity, or opposed. The question needs a norm that spreads, so the seats that want it
    (its champions, by their objectives) hold it from the start in every variant, as the lab's
    pioneers do: a norm nobody holds does not diffuse, and in generated worlds the forums often
    adopt no norm that harms a value, so the probe never met the norm in any variant."""
    norm = target_norm(sc, need_harms=True)
    seat = probe_seat(sc)
    if norm is None or seat is None:
        return NotPosed("no norm" if norm is None else "no state with ties")

    instigators = sorted((set(norm.holders) | set(wanting(sc, norm))) - {seat})

    def profile(capacity: float, served: float, harmed: float) -> tuple[Assignment, ...]:
        out: list[Assignment] = [(f"delegations.{seat}.capacity", capacity)]
        out += [(f"delegations.{seat}.values.{d}", served) for d in norm.domains]
        out += [(f"delegations.{seat}.values.{d}", harmed) for d in norm.harms if d not in norm.domains]
        return tuple(out)

    return Posed(
        variants=(
            ("least in need", profile(CAPABLE, *ALIGNED)),
            ("low capacity", profile(INCAPABLE, *ALIGNED)),
            ("opposed values", profile(CAPABLE, *OPPOSED)),
        ),
        measure=f"probe:{norm.id}:{seat}",
        comparisons=(
            C(
                "probe's adoption turn (low capacity - least in need)",
                "least in need",
                "low capacity",
                "adoption_turn",
                +1,
            ),
            C(
                "probe's adoption turn (opposed - least in need)",
                "least in need",
                "opposed values",
                "adoption_turn",
                +1,
            ),
            C(
                "share of runs the probe adopts (opposed - least in need)",
                "least in need",
                "opposed values",
                "adopted",
                -1,
            ),
        ),
        sets=(
            (f"delegations.{seat}.strategy", "bandwagoner"),
            (f"delegations.{seat}.objectives", []),
            *(((f"norms.{norm.id}.holders", instigators),) if instigators else ()),
        ),
        picked=f"norm {norm.id}, probe {seat}" + (f", {len(instigators)} instigators" if instigators else ""),
    )


def cascade(sc: Scenario) -> Posed | NotPosed:
    norm = target_norm(sc)
    if norm is None:
        return NotPosed("no norm")
    return Posed(
        variants=(("base", ()),),
        measure=f"cascade:{norm.id}",
        comparisons=(
            C(
                "breadth gained per turn (just above the tipping share - just below)",
                "base",
                "base",
                "pace_below",
                +1,
                metric_b="pace_above",
            ),
        ),
        picked=f"norm {norm.id}",
    )


def _camp_forum(sc: Scenario, forums: list[Forum], mine: Norm, rival: Norm) -> tuple[float, str]:
    """The decentralized forum whose members prefer `mine` over `rival` the most."""
    margins = [
        (mean_alignment(sc, mine, forum_members(sc, f)) - mean_alignment(sc, rival, forum_members(sc, f)), f.id)
        for f in forums
        if forum_members(sc, f)
    ]
    return sorted(margins, key=lambda x: (-x[0], x[1]))[0]


def first_mover(sc: Scenario) -> Posed | NotPosed:
    forums = forums_of_kind(sc, "decentralized")
    if len(forums) < 2:
        return NotPosed("fewer than two decentralized forums")
    pairs = sorted({tuple(sorted((n.id, c))) for n in sc.norms for c in n.conflicts})
    if not pairs:
        return NotPosed("no conflicting norms")
    best = None
    for a_id, b_id in pairs:
        a, b = sc.norm(a_id), sc.norm(b_id)
        (ma, fa), (mb, fb) = _camp_forum(sc, forums, a, b), _camp_forum(sc, forums, b, a)
        if fa != fb and ma > 0 and mb > 0 and (best is None or min(ma, mb) > best[0]):
            best = (min(ma, mb), a_id, b_id, fa, fb)
    if best is None:
        return NotPosed("no conflicting pair with a forum of its own camp on each side")
    _, a, b, fa, fb = best
    first, second = f"{a} first", f"{a} second"
    # The other decentralized forums wait too, in both arms alike: otherwise they adopt either
    # rival on their own schedule and the camps' order decides nothing about which came first.
    others = tuple((f"forums.{f.id}.offset", f.offset + FIRST_MOVER_DELAY) for f in forums if f.id not in (fa, fb))
    return Posed(
        variants=(
            (first, ((f"forums.{fa}.offset", 0), (f"forums.{fb}.offset", FIRST_MOVER_DELAY))),
            (second, ((f"forums.{fa}.offset", FIRST_MOVER_DELAY), (f"forums.{fb}.offset", 0))),
        ),
        sets=others,
        measure="standard",
        comparisons=(
            C("final breadth of one rival (its forum second - first)", first, second, f"breadth[{a}]", -1),
            C("final breadth of the other rival (its forum second - first)", second, first, f"breadth[{b}]", -1),
        ),
        picked=f"{a} ({fa}) vs {b} ({fb})",
    )


POSERS: dict[str, Pose] = {
    "forum-speed": forum_speed,
    "norm-blocs": norm_blocs,
    "clarity": clarity,
    "grafting": grafting,
    "assistance": assistance,
    "least-in-need": least_in_need,
    "cascade": cascade,
    "first-mover": first_mover,
    "outside-in": outside_in,
    "side-payments": side_payments,
    "broken-promises": broken_promises,
}
