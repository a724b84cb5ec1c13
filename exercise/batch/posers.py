"""Posers: each experiment posed on any world by rule, never by name.

A poser reads a world (its parsed scenario) and returns the experiment's variants as key-path
assignments, the measure and the comparisons, or `NotPosed` with the reason the world cannot
ask the question (no centralized forum, no conflicting pair, ...). The rules pick norms, forums
and seats from what the world says about them: alignment of values, membership, ties, power.
Ties in every ranking are broken by id, so a world always poses the same experiment.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from exercise.batch.comparison import Comparison as C
from exercise.batch.keypath import UNSET
from exercise.batch.measures import LOW_CAPACITY
from exercise.core.spec import Forum, Norm, Scenario
from exercise.engine.appeal import alignment, will
from exercise.engine.forums import disposition
from exercise.engine.network import network_for
from exercise.engine.setup import new_game

Assignment = tuple[str, Any]  # (key.path, value); value UNSET removes the key
CLARITY_LOW, CLARITY_HIGH = 0.3, 0.9
DONOR_BUDGET = 6.0
FIRST_MOVER_DELAY = 3  # turns the second camp's forum waits
EARLIEST_APEX = 4  # outside-in: the centralized forum's first session is no earlier (room to seed first)
ALIGNED = (0.85, 0.2)  # the probe's values for the norm's served and harmed domains
OPPOSED = (0.25, 0.9)
CAPABLE, INCAPABLE = 0.9, 0.15
PROPOSERS = ("champion", "blocker")  # the scripted strategies that table norms


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


def _kinds(sc: Scenario, kind: str) -> list[Forum]:
    return sorted((f for f in sc.forums if f.kind == kind), key=lambda f: f.id)


def _members(sc: Scenario, forum: Forum) -> list[str]:
    if forum.open_to_all:
        return sorted(d.id for d in sc.delegations if forum.seats_unlisted(d))
    return sorted(forum.members)


def _mean_alignment(sc: Scenario, norm: Norm, ids: Sequence[str] | None = None) -> float:
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


def target_norm(sc: Scenario, need_harms: bool = False) -> Norm | None:
    """The norm the world is most likely to spread: the one most seats want adopted (their
    objectives), then the best aligned with the world's values; with `need_harms`, the first
    such norm that harms some value (so some seat can be opposed to it), if any does."""
    wanted = {n.id: 0 for n in sc.norms}
    for d in sc.delegations:
        for o in d.objectives:
            if o.kind in ("adopt", "breadth", "depth") and o.norm in wanted:
                wanted[o.norm] += 1
    ranked = sorted(sc.norms, key=lambda n: (-wanted[n.id], -_mean_alignment(sc, n), n.id))
    if need_harms:
        harming = [n for n in ranked if n.harms]
        if harming:
            return harming[0]
    return ranked[0] if ranked else None


def _forum_kinds(sc: Scenario, need_conflict: bool = False) -> NotPosed | None:
    if not _kinds(sc, "centralized"):
        return NotPosed("no centralized forum")
    if not _kinds(sc, "decentralized"):
        return NotPosed("no decentralized forum")
    if need_conflict and not any(n.conflicts for n in sc.norms):
        return NotPosed("no conflicting norms")
    return None


def forum_speed(sc: Scenario) -> Posed | NotPosed:
    missing = _forum_kinds(sc)
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
    missing = _forum_kinds(sc, need_conflict=True)
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
        (_mean_alignment(sc, mine, _members(sc, f)) - _mean_alignment(sc, rival, _members(sc, f)), f.id)
        for f in forums
        if _members(sc, f)
    ]
    return sorted(margins, key=lambda x: (-x[0], x[1]))[0]


def first_mover(sc: Scenario) -> Posed | NotPosed:
    forums = _kinds(sc, "decentralized")
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


def first_session(forum: Forum, offset: int | None = None) -> int:
    f = forum if offset is None else attrs.evolve(forum, offset=offset)
    return next(t for t in range(1, f.offset + f.cadence + 2) if f.meets_on(t))


def _champion_in(sc: Scenario, norm: Norm, members: Sequence[str]) -> str | None:
    """The strongest scripted proposer among `members` that wants `norm` adopted (power, then
    id), if any: the entrepreneur who will table it."""
    wants = set(wanting(sc, norm))
    ranked = sorted(
        (d for d in map(sc.delegation, members) if not d.human and d.strategy in PROPOSERS and d.id in wants),
        key=lambda d: (-d.power, d.id),
    )
    return ranked[0].id if ranked else None


def would_object(sc: Scenario, norm: Norm, members: Sequence[str]) -> tuple[list[str], float]:
    """The members who would vote no on `norm` at the start of the game (their disposition,
    noise aside, below `vote_no`), and the least will among them (0: someone is flatly opposed,
    or so far below the line that even a world holding the norm would not move it)."""
    m = sc.model
    state = new_game(sc, 0)
    leaning = {d: disposition(state, d, norm.id) for d in members}
    objectors = [d for d in members if leaning[d] < m.vote_no]
    wills = {d: will(alignment(sc.delegation(d).values, norm)) for d in objectors}
    # The most a route can do: the whole world holding the norm (precedent, every tie's pull,
    # and the isolation of a lone veto at breadth 1). An objector still below the line then
    # vetoes whatever the route, like a flatly opposed one (will 0).
    reach = {d: wills[d] * (m.precedent_weight + m.social_weight) + m.stand_aside_weight for d in objectors}
    least = min((0.0 if leaning[d] + reach[d] < m.vote_no else wills[d] for d in objectors), default=1.0)
    return objectors, least


def outside_in(sc: Scenario) -> Posed | NotPosed:
    """The norm: one some members of the centralized forum would object to at the start
    (disposition below `vote_no`) while none is flatly opposed on values (will 0 vetoes
    whatever the world holds: the claim is conditional, docs/model.md), the fewest would-be
    objectors first; that a decentralized forum's members favour more than the centralized
    forum's do and where a scripted proposer that sits in both wants it adopted (that forum is
    the like-minded one, that proposer the entrepreneur, whose one aim the norm becomes). Both
    arms keep every forum (the same agenda competition). Direct means no outside seeding: every
    decentralized forum first meets after the centralized forum's first session (one forum's
    delay alone left the others to seed it in the "direct" arm too). Outside-in: the like-minded
    forum meets from turn 1, the others keep their calendar. The measure is adoption by the
    centralized forum at that first session."""
    central, local = _kinds(sc, "centralized"), _kinds(sc, "decentralized")
    if not central or not local:
        return NotPosed("no centralized forum" if not central else "no decentralized forum")
    apex = sorted(central, key=lambda f: (-len(_members(sc, f)), f.id))[0]
    apex_members = _members(sc, apex)
    best = None
    for norm in sorted(sc.norms, key=lambda n: n.id):
        objectors, least = would_object(sc, norm, apex_members)
        if not objectors or least <= 0.0:
            continue  # nobody would object (no route is needed), or someone always vetoes
        world = _mean_alignment(sc, norm, apex_members)
        gaps = sorted(
            (
                (_mean_alignment(sc, norm, _members(sc, f)) - world, f.id)
                for f in local
                if _champion_in(sc, norm, sorted(set(_members(sc, f)) & set(apex_members)))
            ),
            key=lambda x: (-x[0], x[1]),
        )
        if gaps and gaps[0][0] > 0:
            key = (-len(objectors), gaps[0][0])
            if best is None or key > best[0]:
                best = (key, norm.id, gaps[0][1])
    if best is None:
        return NotPosed(
            "no norm some member of the centralized forum would object to, none out of reach, "
            "that a like-minded forum favours and a proposer sitting in both champions"
        )
    _, norm_id, like = best
    entrepreneur = _champion_in(sc, sc.norm(norm_id), sorted(set(_members(sc, sc.forum(like))) & set(apex_members)))
    # The route is the entrepreneur's: in both arms this norm is its one aim, in the centralized
    # forum (as the lab's), so each arm tables it by its route rather than among other wishes.
    aim = [{"kind": "adopt", "norm": norm_id, "forum": apex.id, "weight": 2.0}]
    sets: list[Assignment] = [(f"delegations.{entrepreneur}.objectives", aim)]
    offset = apex.offset
    if first_session(apex) < EARLIEST_APEX:
        offset = EARLIEST_APEX
        sets.append((f"forums.{apex.id}.offset", offset))
    session = first_session(apex, offset)
    # direct: no outside seeding at all (every decentralized forum first meets after the
    # centralized forum's first session); outside-in: the like-minded forum from turn 1 and the
    # others at their own times. Every forum exists in both arms: the same agenda competition.
    late = tuple((f"forums.{f.id}.offset", session + 1) for f in local if f.id != like)
    direct = ((f"forums.{like}.offset", session + 1), *late)
    seeded = ((f"forums.{like}.offset", 0),)
    return Posed(
        variants=(
            ("direct", direct),
            ("outside-in", seeded),
        ),
        measure=f"adopted_in:{norm_id}:{apex.id}:{session}",
        comparisons=(
            C(
                "share of runs the centralized forum adopts the norm at its first session (outside-in - direct)",
                "direct",
                "outside-in",
                "adopted_by",
                +1,
            ),
        ),
        sets=tuple(sets),
        picked=f"{norm_id} seeded in {like} by {entrepreneur}, decided in {apex.id} at turn {session}",
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
}
