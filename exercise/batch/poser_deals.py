"""The bargaining posers: side payments to a would-be blocker (effect 10) and what breaking
deals costs a seat's later offers (effect 11)."""

from __future__ import annotations

import attrs

from exercise.batch.comparison import Comparison as C
from exercise.batch.poser_kit import NotPosed, Posed, forum_members, ranked_norms, wanting
from exercise.core.events import SessionOutcome
from exercise.core.rng import derive_seed
from exercise.core.spec import ModelParams, Scenario
from exercise.headless import play
from exercise.strategies.offers import NEEDS_HELP

PILOTS = 3  # pilot games, unbargained, to find the texts a world sinks by veto
SILENT = "random-legal"  # the strategy that says nothing and rejects every offer
KEEPER, BREAKER = "bandwagoner", "lip-service"  # same requests for help; only the second breaks them
PROBE_CAPACITY = NEEDS_HELP * 2 / 3  # low enough that the probe asks for help


def reachable(sc: Scenario, norm: str, seat: str) -> bool:
    """Whether a champion's side payment can reach and move `seat` on `norm`: a scripted seat
    that bargains (every strategy but random-legal says where it would vote no, and prices
    offers) with no red line on it (an avoid objective, or a block weighing at least
    red_line_weight, refuses any price)."""
    d = sc.delegation(seat)
    firm = sc.model.red_line_weight
    red = any(o.norm == norm and (o.kind == "avoid" or (o.kind == "block" and o.weight >= firm)) for o in d.objectives)
    return not d.human and d.strategy != SILENT and not red


def blocked_unbargained(sc: Scenario) -> dict[tuple[str, str], set[str]]:
    """(forum, norm) -> who blocked it, for each single text a forum blocked and never adopted
    in most of PILOTS games where nobody bargains (seeds none of the runs use): the texts the
    world sinks by veto, and their would-be blockers."""
    quiet = attrs.evolve(sc, model=attrs.evolve(sc.model, max_offers=0))
    blockers: dict[tuple[str, str], set[str]] = {}
    sunk: dict[tuple[str, str], int] = {}
    for pilot in range(PILOTS):
        blocked: set[tuple[str, str]] = set()
        state = None
        for result in play(quiet, derive_seed(0, "pilot", pilot) % 2**31):
            state = result.state
            for e in result.events:
                if isinstance(e, SessionOutcome) and e.outcome == "blocked" and not e.norms:
                    blocked.add((e.forum, e.norm))
                    blockers.setdefault((e.forum, e.norm), set()).update(e.blockers)
        adopted = {(f, n) for f, fs in state.forums.items() for n in fs.adopted} if state is not None else set()
        for key in blocked - adopted:
            sunk[key] = sunk.get(key, 0) + 1
    return {key: blockers[key] for key, times in sunk.items() if 2 * times > PILOTS}


def side_payments(sc: Scenario) -> Posed | NotPosed:
    """Does a consensus forum adopt a norm more often when scripted champions may buy
    endorsements with assistance (offers on) than when nobody bargains (max_offers 0)? The
    pair, by rule: the first (norms ranked as the target norm is, forums by id) consensus forum
    and single norm that a scripted champion sits in and wants, that the forum blocks and never
    adopts in most pilot games where nobody bargains, every one of whose blockers a side payment
    can reach (reachable) and no more of them than the champions' offers of one turn."""
    on = sc.model.max_offers or ModelParams().max_offers
    champions = {d.id for d in sc.delegations if d.strategy == "champion" and not d.human}
    if not champions:
        return NotPosed("no scripted champion to pay for endorsements")
    blocked = blocked_unbargained(sc)
    for norm in ranked_norms(sc):
        for forum in sorted(sc.forums, key=lambda f: f.id):
            payers = sorted(champions & set(wanting(sc, norm)) & set(forum_members(sc, forum)))
            blockers = sorted(blocked.get((forum.id, norm.id), ()))
            if forum.rule != "consensus" or not payers or not blockers or len(blockers) > on * len(payers):
                continue
            if all(reachable(sc, norm.id, b) for b in blockers):
                return Posed(
                    variants=(
                        ("no side payments", (("model.max_offers", 0),)),
                        ("side payments", (("model.max_offers", on),)),
                    ),
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
                    picked=f"norm {norm.id} in {forum.id}, {len(payers)} champion(s), "
                    f"would-be blocker(s) {', '.join(blockers)}",
                )
    return NotPosed("no text a consensus forum blocks unbargained whose blockers a champion's side payment can reach")


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
