"""The bargaining posers: side payments to a would-be blocker (effect 10) and what breaking
deals costs a seat's later offers (effect 11)."""

from __future__ import annotations

from exercise.batch.comparison import Comparison as C
from exercise.batch.poser_kit import NotPosed, Posed, forum_members, target_norm, wanting
from exercise.core.spec import ModelParams, Scenario
from exercise.strategies.offers import NEEDS_HELP

KEEPER, BREAKER = "bandwagoner", "lip-service"  # same requests for help; only the second breaks them
PROBE_CAPACITY = NEEDS_HELP * 2 / 3  # low enough that the probe asks for help


def side_payments(sc: Scenario) -> Posed | NotPosed:
    """Does a consensus forum adopt a norm more often when scripted champions may buy
    endorsements with assistance (offers on) than when nobody bargains (max_offers 0)? The
    norm: the world's target norm; the forum: the first consensus forum (by id) it sits in
    reach of a scripted champion that wants it."""
    norm = target_norm(sc)
    if norm is None:
        return NotPosed("no norm")
    champions = {d.id for d in sc.delegations if d.strategy == "champion" and not d.human}
    payers = sorted(champions & set(wanting(sc, norm))) or sorted(champions)
    if not payers:
        return NotPosed("no scripted champion to pay for endorsements")
    forums = [
        f
        for f in sorted(sc.forums, key=lambda f: f.id)
        if f.rule == "consensus" and any(p in forum_members(sc, f) for p in payers)
    ]
    if not forums:
        return NotPosed("no consensus forum a scripted champion sits in")
    forum = forums[0]
    on = sc.model.max_offers or ModelParams().max_offers
    return Posed(
        variants=(("no side payments", (("model.max_offers", 0),)), ("side payments", (("model.max_offers", on),))),
        measure=f"adopted_in:{norm.id}:{forum.id}",
        comparisons=(
            C(
                "share of runs the forum adopts the norm (side payments - none)",
                "no side payments",
                "side payments",
                "adopted",
                +1,
            ),
        ),
        picked=f"norm {norm.id} in {forum.id}, {len(payers)} champion(s)",
    )


def broken_promises(sc: Scenario) -> Posed | NotPosed:
    """Are a seat's later offers accepted less often when it breaks its deals than when it
    keeps them? The probe: the state of least capacity that holds a norm someone else holds
    from the start (so it has someone to ask for help); it asks for help to implement, as a
    seat that keeps its word (a bandwagoner) or one that does not (lip-service)."""
    shared = [n for n in sc.norms if len(n.holders) >= 2]
    holders = sorted(
        (sc.delegation(d).capacity, d) for n in shared for d in n.holders if sc.delegation(d).kind == "state"
    )
    probe = next((d for _, d in holders if not sc.delegation(d).human), None)
    if probe is None:
        return NotPosed("no state holds a norm with another holder from the start")
    keeps, breaks = "keeps its deals", "breaks its deals"
    key = f"delegations.{probe}.strategy"
    return Posed(
        variants=((keeps, ((key, KEEPER),)), (breaks, ((key, BREAKER),))),
        sets=((f"delegations.{probe}.capacity", min(sc.delegation(probe).capacity, PROBE_CAPACITY)),),
        measure=f"deals:{probe}",
        comparisons=(C("share of its later offers accepted (breaks - keeps)", keeps, breaks, "later_share", -1),),
        picked=f"probe {probe}",
    )
