"""The outside-in poser (effect 9): does seeding a norm in a like-minded forum first raise its
chance of adoption in the centralized one, compared with proposing it there directly?"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from exercise.batch.comparison import Comparison as C
from exercise.batch.poser_kit import (
    Assignment,
    NotPosed,
    Posed,
    forum_members,
    forums_of_kind,
    mean_alignment,
    wanting,
)
from exercise.core.spec import Forum, Norm, Scenario
from exercise.engine.appeal import alignment, will
from exercise.engine.forums import disposition
from exercise.engine.setup import new_game

EARLIEST_APEX = 4  # the centralized forum's first session is no earlier (room to seed first)
PROPOSERS = ("champion", "blocker")  # the scripted strategies that table norms


def first_session(forum: Forum, offset: int | None = None) -> int:
    f = forum if offset is None else attrs.evolve(forum, offset=offset)
    return next(t for t in range(1, f.offset + f.cadence + 2) if f.meets_on(t))


def champion_in(sc: Scenario, norm: Norm, members: Sequence[str]) -> str | None:
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
    central, local = forums_of_kind(sc, "centralized"), forums_of_kind(sc, "decentralized")
    if not central or not local:
        return NotPosed("no centralized forum" if not central else "no decentralized forum")
    apex = sorted(central, key=lambda f: (-len(forum_members(sc, f)), f.id))[0]
    apex_members = forum_members(sc, apex)
    best = None
    for norm in sorted(sc.norms, key=lambda n: n.id):
        objectors, least = would_object(sc, norm, apex_members)
        if not objectors or least <= 0.0:
            continue  # nobody would object (no route is needed), or someone always vetoes
        world = mean_alignment(sc, norm, apex_members)
        gaps = sorted(
            (
                (mean_alignment(sc, norm, forum_members(sc, f)) - world, f.id)
                for f in local
                if champion_in(sc, norm, sorted(set(forum_members(sc, f)) & set(apex_members)))
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
    entrepreneur = champion_in(sc, sc.norm(norm_id), sorted(set(forum_members(sc, sc.forum(like))) & set(apex_members)))
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
