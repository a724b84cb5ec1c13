"""Phase 3: forum sessions. Every forum that meets this turn takes its agenda, oldest item
first, and applies its decision rule.

Each member's vote on an item: its stated position if it endorsed or objected, otherwise its
disposition (appeal plus the social pull of its ties that hold the norm, scaled by will like
every pressure toward a norm) plus a little vote noise from the game seed: yes at or above
`vote_yes`, no below `vote_no`, abstain between. The noise makes precedent and lobbying raise
the chance of a yes rather than decide it: a would-be objector near the line sometimes lets a
text pass and sometimes does not, so the same history plays out differently across seeds.

    disposition = appeal + will * social_weight * social_share + uniform(+-vote_noise)

In a consensus body a no is a veto, and vetoing a text much of the world already holds
isolates the one who casts it. A member whose values are not flatly opposed (will > 0) stands
aside instead of blocking unless its disposition is below `vote_no - isolation`:

    isolation = stand_aside_weight * breadth at the end of the last turn        (will > 0)

Standing aside is not adopting (see consensus below): it is how precedent raises the chance,
not the certainty, of a consensus ("outside-in"), while a flatly opposed member always blocks.

Rules:

- consensus:  adopted unless someone votes no (every no is a block); the yes voters adopt, and
              so do abstainers whose values lean toward it (will >= 0.5): they acquiesce.
              An abstainer whose values lean against it lets the text pass without taking it on.
- unanimity:  adopted only if every member votes yes; all members adopt.
- majority:   adopted if yes > no (by count); the yes voters adopt.
- qualified:  adopted if yes >= quota * members; the yes voters adopt.
- weighted:   adopted if power(yes) > power(no) and power(yes) >= quota/2 * power(all);
              the yes voters adopt.
- signon:     a voluntary call: adopted once `min_signatories` have signed; signatories adopt,
              and anyone signing later adopts on signature.

A package (one item holding several norms, like a draft report) is weighed by what it holds
for the member, norm by norm, and one unacceptable norm sinks it:

    d_i = disposition(member, norm_i)
    d_package = mean_i d_i   if min_i d_i >= vote_no - package_tolerance
              = min_i d_i    otherwise

plus one noise draw per member (stream vote, turn, forum, package name); in a consensus body the
isolation reads the package's mean breadth, for a member flatly opposed to none of its norms
(the least will over them > 0). It is adopted, blocked or tabled as one; adopted, each of its
norms is adopted in the forum, each member adopting by the rule above, norm by norm (under
consensus an abstainer acquiesces in the norms it leans toward).

An item younger than `min_deliberation` turns is only deliberated. One that fails without
being blocked is deadlocked; after `max_sessions` sessions it is tabled (dropped).
"""

from __future__ import annotations

from exercise.core.events import SessionOutcome
from exercise.core.rng import stream
from exercise.core.spec import ModelParams
from exercise.core.state import AgendaItem, ForumState, GameState
from exercise.engine.appeal import NormTerms, alignment_and_will, appeal_of
from exercise.engine.log import EventLog
from exercise.engine.network import network_for
from exercise.engine.orders_phase import adopt


def social_share(state: GameState, delegation_id: str, norm_id: str) -> float:
    """Power- and tie-weighted share of a delegation's ties holding the norm, friendly ties
    for it and hostile ones (rivalries) against it: -1..1, 0 with no ties.

        share = (sum w_friend * power [holds] - sum w_rival * power [holds]) / sum w * power
    """
    holders = state.norms[norm_id].depth
    seats = state.seats
    network = network_for(state.scenario)
    total = held = 0.0
    for other, weight in network.neighbours[delegation_id]:
        w = weight * seats[other].power
        total += w
        if other in holders:
            held += w
    rivals = network.rivals[delegation_id]
    if rivals:
        for other, weight in rivals:
            w = weight * seats[other].power
            total += w
            if other in holders:
                held -= w
    return held / total if total else 0.0


def disposition(state: GameState, delegation_id: str, norm_id: str, terms: NormTerms | None = None) -> float:
    """A member's leaning on a norm put to the vote; `terms`: the norm's, when already built."""
    scenario = state.scenario
    m = scenario.model
    ns = state.norms[norm_id]
    if terms is None:
        terms = NormTerms(state, scenario.norm(norm_id), ns)
    delegation = scenario.delegation(delegation_id)
    value = appeal_of(state, delegation, ns, terms)
    pull = alignment_and_will(state, delegation, terms.norm)[1]
    return value + pull * m.social_weight * social_share(state, delegation_id, norm_id)


def isolation(model: ModelParams, breadth_history: list[float], will: float) -> float:
    """How far below `vote_no` a member's disposition must be before it vetoes a consensus
    text: the world's adherence to the norm (last recorded breadth) makes a lone no costly,
    for anyone whose values are not flatly opposed (will > 0)."""
    if will <= 0.0 or not breadth_history:
        return 0.0
    return model.stand_aside_weight * breadth_history[-1]


def package_disposition(dispositions: list[float], model: ModelParams) -> float:
    """A member's leaning on a package from its leaning on each norm: their mean, unless one
    is unacceptable (below `vote_no - package_tolerance`): then the worst, which sinks it."""
    worst = min(dispositions)
    if worst < model.vote_no - model.package_tolerance:
        return worst
    return sum(dispositions) / len(dispositions)


def _norm_leaning(state: GameState, item: AgendaItem):
    """(disposition of a member, its will, the breadth history that isolates a veto) for one norm."""
    norm = state.scenario.norm(item.norm)
    terms = NormTerms(state, norm, state.norms[item.norm])  # one vote: one state
    delegations = state.scenario.by_id.delegations

    def leaning(member: str) -> float:
        return disposition(state, member, item.norm, terms)

    def will_of(member: str) -> float:
        return alignment_and_will(state, delegations[member], norm)[1]

    return leaning, will_of, state.norms[item.norm].breadth_history


def _package_leaning(state: GameState, item: AgendaItem):
    """The same for a package: weighed by what it holds (package_disposition), its least will
    over its norms, and the mean breadth of its norms."""
    scenario = state.scenario
    norms = [scenario.norm(n) for n in item.norms]
    terms = [NormTerms(state, norm, state.norms[norm.id]) for norm in norms]
    delegations = scenario.by_id.delegations
    breadth = [h[-1] for h in (state.norms[n].breadth_history for n in item.norms) if h]
    mean_breadth = [sum(breadth) / len(item.norms)] if breadth else []

    def leaning(member: str) -> float:
        each = [disposition(state, member, norm.id, t) for norm, t in zip(norms, terms)]
        return package_disposition(each, scenario.model)

    def will_of(member: str) -> float:
        return min(alignment_and_will(state, delegations[member], norm)[1] for norm in norms)

    return leaning, will_of, mean_breadth


def votes(state: GameState, forum: ForumState, item: AgendaItem, seed: int) -> tuple[list[str], list[str]]:
    m = state.scenario.model
    leaning, will_of, history = (_package_leaning if item.norms else _norm_leaning)(state, item)
    veto = state.scenario.forum(forum.id).rule == "consensus"
    rng = stream(seed, state.turn, "vote", forum.id, item.norm) if m.vote_noise else None
    yes, no = [], []
    endorsers, objectors = set(item.endorsers), set(item.objectors)  # asked of every member
    for member in forum.members:  # one draw per member in member order, whether used or not
        noise = (rng.random() * 2.0 - 1.0) * m.vote_noise if rng is not None else 0.0
        if member in endorsers:
            yes.append(member)
        elif member in objectors:
            no.append(member)
        else:
            d = leaning(member) + noise
            line = m.vote_no
            if veto:
                line -= isolation(m, history, will_of(member))
            if d >= m.vote_yes:
                yes.append(member)
            elif d < line:
                no.append(member)
    return yes, no


def acquiescing(state: GameState, members: list[str], yes: list[str], norm_id: str) -> list[str]:
    """Who takes on a consensus text: the yes voters and the abstainers whose values lean
    toward it (will >= 0.5); an abstainer leaning against it lets it pass without adopting."""
    voted = set(yes)
    norm = state.scenario.norm(norm_id)
    delegations = state.scenario.by_id.delegations
    return [d for d in members if d in voted or alignment_and_will(state, delegations[d], norm)[1] >= 0.5]


Decision = tuple[str, list[str], list[str], list[str], dict[str, list[str]]]


def decide(state: GameState, forum: ForumState, item: AgendaItem, seed: int) -> Decision:
    """Return (outcome, yes, no, blockers, adopters of each norm the item holds)."""
    spec = state.scenario.forum(forum.id)
    texts = item.texts
    if spec.rule == "signon":
        signed = forum.signatories.get(item.norm, [])
        if len(signed) >= spec.min_signatories:
            return "adopted", list(signed), [], [], {item.norm: list(signed)}
        return "deadlocked", list(signed), [], [], {}
    yes, no = votes(state, forum, item, seed)
    members = forum.members
    if spec.rule == "consensus":
        if no:
            return "blocked", yes, no, list(no), {}
        if not yes:
            return "deadlocked", yes, no, [], {}
        return "adopted", yes, no, [], {n: acquiescing(state, members, yes, n) for n in texts}
    if spec.rule == "unanimity":
        if len(yes) == len(members):
            return "adopted", yes, no, [], {n: list(members) for n in texts}
        return ("blocked", yes, no, list(no), {}) if no else ("deadlocked", yes, no, [], {})
    if spec.rule == "majority":
        passed = len(yes) > len(no)
    elif spec.rule == "qualified":
        passed = len(yes) >= spec.quota * len(members)
    else:  # weighted
        power = {m: state.seats[m].power for m in members}
        p_yes, p_no = sum(power[m] for m in yes), sum(power[m] for m in no)
        passed = p_yes > p_no and p_yes >= spec.quota / 2 * sum(power.values())
    if passed:
        return "adopted", yes, no, [], {n: list(yes) for n in texts}
    return "deadlocked", yes, no, [], {}


def run_sessions(state: GameState, log: EventLog, seed: int) -> None:
    for forum_id in sorted(state.forums):
        spec = state.scenario.forum(forum_id)
        if not spec.meets_on(state.turn):
            continue
        forum = state.forums[forum_id]
        forum.sessions_held += 1
        for item in sorted(forum.agenda, key=lambda a: (a.since, a.norm)):
            package = tuple(item.norms)
            if state.turn - item.since < spec.min_deliberation:
                log.add(SessionOutcome, forum=forum_id, norm=item.norm, outcome="deliberating", norms=package)
                continue
            item.sessions += 1
            outcome, yes, no, blockers, adopters = decide(state, forum, item, seed)
            if outcome == "adopted":
                forum.agenda.remove(item)
                for norm_id in item.texts:  # a package is adopted as one: each of its norms
                    forum.adopted[norm_id] = state.turn
                    state.norms[norm_id].adopted_in[forum_id] = state.turn
                if forum.first_adoption is None:
                    forum.first_adoption = state.turn
            else:
                if outcome == "blocked":
                    forum.blocked[item.norm] = state.turn
                if item.sessions >= spec.max_sessions:
                    outcome = "tabled"
                    forum.agenda.remove(item)
            log.add(
                SessionOutcome,
                forum=forum_id,
                norm=item.norm,
                outcome=outcome,
                yes=tuple(yes),
                no=tuple(no),
                blockers=tuple(blockers),
                norms=package,
            )
            via = f"signon:{forum_id}" if spec.rule == "signon" else forum_id
            for norm_id, members in adopters.items():
                for member in members:
                    adopt(state, log, norm_id, member, via)
