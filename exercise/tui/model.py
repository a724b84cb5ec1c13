"""Plain data the screens show, computed from views, states and events.

No Textual here: these are pure functions so they can be tested (and timed) on their own, and
so every screen derives what it shows from the same place. A seat's screens are fed only from
`view_for(state, seat, events)`; the facilitator's from the whole state.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import networkx as nx

from exercise.core.events import (
    Event,
    FacilitatorAction,
    InjectFired,
    NormAdopted,
    SessionOutcome,
)
from exercise.core.memo import per_scenario
from exercise.core.seats import FACILITATOR, Viewer
from exercise.core.spec import ForumKind, Scenario
from exercise.core.state import DEPTH_NAMES, GameState
from exercise.engine.metrics import norm_blocs, objective_progress
from exercise.engine.network import network_for
from exercise.engine.views import AgendaEntry, View


def seat_label(scenario: Scenario, seat: str | None) -> str:
    if seat is None or seat == FACILITATOR:
        return "White cell"
    try:
        return scenario.delegation(seat).name
    except KeyError:
        return seat


# --- the norm board -------------------------------------------------------------------------

@attrs.frozen
class NormRow:
    id: str
    statement: str
    clarity: float
    utility: float
    doability: float
    framework: str
    conflicts: str
    breadth: float
    depth: float
    holders: int
    status: str

    def matches(self, text: str) -> bool:
        text = text.lower().strip()
        if not text:
            return True
        hay = " ".join((self.id, self.statement, self.framework, self.conflicts, self.status)).lower()
        return all(word in hay for word in text.split())


NORM_SORT_KEYS: dict[str, str] = {
    "norm": "id", "clarity": "clarity", "utility": "utility", "do-ability": "doability",
    "framework": "framework", "breadth": "breadth", "depth": "depth", "status": "status",
}


def norm_rows(view: View) -> list[NormRow]:
    """Every norm's public qualities; holders and their depths are public, so breadth and
    mean depth are the same in every seat's view."""
    rows = []
    for norm_id in view.norm_ids():
        norm = view.norm(norm_id)
        q = view.norm_qualities(norm_id)
        holders = view.holders(norm_id)
        depth = sum(holders.values()) / len(holders) if holders else 0.0
        rows.append(NormRow(
            id=norm_id, statement=norm.statement, clarity=q.clarity, utility=q.utility,
            doability=q.doability, framework=q.framework or "-",
            conflicts=", ".join(sorted(norm.conflicts)) or "-", breadth=view.breadth(norm_id),
            depth=depth, holders=len(holders), status=q.status,
        ))
    return rows


def sort_rows(rows: list[NormRow], key: str, reverse: bool) -> list[NormRow]:
    attr = NORM_SORT_KEYS.get(key, "id")
    return sorted(rows, key=lambda r: (getattr(r, attr), r.id), reverse=reverse)


def holders_by_depth(view: View, norm_id: str, since: dict[str, int] | None = None) -> list[tuple[str, list[str]]]:
    """[(depth name, [delegations])] from practice down to rhetoric."""
    holders = view.holders(norm_id)
    out = []
    for level in range(4, 0, -1):
        who = sorted(d for d, v in holders.items() if v == level)
        if who:
            out.append((DEPTH_NAMES[level], who))
    return out


def adoption_turns(events: Iterable[Event], norm_id: str) -> dict[str, int]:
    """delegation -> the turn it adopted the norm, from the (visible) events."""
    out: dict[str, int] = {}
    for e in events:
        if isinstance(e, NormAdopted) and e.norm == norm_id and e.delegation not in out:
            out[e.delegation] = e.turn
    return out


# --- forums --------------------------------------------------------------------------------

RULE_WORDS = {
    "consensus": "consensus: one objection blocks",
    "unanimity": "unanimity: every member must say yes",
    "majority": "simple majority of members",
    "qualified": "qualified majority",
    "weighted": "majority weighted by power",
    "signon": "voluntary sign-on: each member signs or not",
}


@attrs.frozen
class ForumCard:
    """A forum as the forums tab shows it to one viewer."""

    id: str
    name: str
    kind: ForumKind
    rule: str  # in words, the quota included
    members: tuple[str, ...]
    cadence: int
    next: int | None  # the turn of its next session
    agenda_size: int
    description: str
    agenda: tuple[AgendaEntry, ...]
    adopted: Mapping[str, int]  # norm -> turn adopted
    member: bool | None  # whether the viewer is a member (None: the white cell)


def forum_card(view: View, forum_id: str) -> ForumCard:
    forum = view.forum(forum_id)
    members = view.members(forum_id)
    nxt = view.next_session(forum_id)
    rule = RULE_WORDS.get(forum.rule, forum.rule)
    if forum.rule == "qualified":
        rule += f" ({forum.quota:.0%})"
    return ForumCard(forum_id, forum.name, forum.kind, rule, tuple(members), forum.cadence, nxt,
                     forum.agenda_size, forum.description, tuple(view.agenda(forum_id)),
                     view.adopted_in(forum_id), (view.seat in members) if view.seat else None)


# --- the network ---------------------------------------------------------------------------
#
# The network tab's two computations are the only slow ones of the TUI's models (pure Python;
# docs/performance.md): both are remembered in the scenario's memo,
# and `network_facts_known` tells whether they are at hand, so the tab can compute them in a
# worker instead of freezing a key press. The lock keeps two threads (a prefetch and the tab's
# own worker) from computing the same thing twice.

_COMPUTING = threading.Lock()
BLOCS_KEPT = 8  # bloc computations remembered per scenario (a few turns of a replay)


def _kept(scenario: Scenario, name: str) -> dict:
    return scenario.memo.setdefault(f"{__name__}.{name}", {})


def _centrality(scenario: Scenario) -> tuple[tuple[str, float, float], ...]:
    """Ties never change during a game, so this is computed once per scenario. The pure-Python
    power iteration is used on purpose: the numpy variant needs numpy and scipy, which are not
    dependencies, and would silently turn every score into 0."""
    kept = _kept(scenario, "centrality")
    if "rows" in kept:
        return kept["rows"]
    with _COMPUTING:
        if "rows" not in kept:
            kept["rows"] = _compute_centrality(scenario)
    return kept["rows"]


def _compute_centrality(scenario: Scenario) -> tuple[tuple[str, float, float], ...]:
    graph = network_for(scenario).graph
    degree = dict(graph.degree(weight="weight"))
    eig: dict[str, float] = {}
    if graph.number_of_edges():
        try:
            eig = nx.eigenvector_centrality(graph, weight="weight", max_iter=1000, tol=1e-9)
        except nx.PowerIterationFailedConvergence:  # degenerate graphs: rank by weighted degree
            eig = {}
    rows = [(n, round(float(degree.get(n, 0.0)), 3), round(abs(float(eig.get(n, 0.0))), 3)) for n in sorted(graph)]
    rows.sort(key=lambda r: (-r[2], -r[1], r[0]))
    return tuple(rows)


def central_actors(scenario: Scenario, top: int = 10) -> list[tuple[str, float, float]]:
    """(delegation, weighted degree, eigenvector centrality), most central first. Ties are
    public and fixed for the game, so this is the same for every viewer."""
    return list(_centrality(scenario)[:top])


def blocs(state: GameState) -> list[dict[str, Any]]:
    """Norm blocs computed only from public facts (who holds which contested norm, and
    power), remembered by exactly those facts: every seat's view, the white cell's polls and
    replay's steps of one turn share one computation, and any change of holdings or power
    computes it again. Treat the result as read-only."""
    facts = _bloc_facts(state)
    kept = _kept(state.scenario, "blocs")
    found = kept.get(facts)
    if found is None:
        with _COMPUTING:
            found = kept.get(facts)
            if found is None:
                found = kept[facts] = norm_blocs(state)
                while len(kept) > BLOCS_KEPT:
                    kept.pop(next(iter(kept)), None)
    return found


def _bloc_facts(state: GameState) -> tuple:
    contested = _contested(state.scenario)
    held = tuple((d, frozenset(n for n in contested if d in state.norms[n].depth)) for d in sorted(state.seats))
    power = tuple(state.seats[d].power for d in sorted(state.seats))
    return held, power


@per_scenario
def _contested(scenario: Scenario) -> tuple[str, ...]:
    return tuple(sorted({n for norm in scenario.norms for other in norm.conflicts for n in (norm.id, other)}))


def network_facts(state: GameState) -> tuple[list[dict[str, Any]], list[tuple[str, float, float]]]:
    """What the network tab shows besides the view: the blocs, and every actor by centrality."""
    return blocs(state), central_actors(state.scenario, top=len(state.seats))


def network_facts_known(state: GameState) -> bool:
    """Whether `network_facts(state)` is at hand, without computing anything."""
    return "rows" in _kept(state.scenario, "centrality") and _bloc_facts(state) in _kept(state.scenario, "blocs")


def ties_of(view: View, delegation_id: str) -> list[tuple[str, float]]:
    return sorted(view.neighbours(delegation_id), key=lambda t: (-t[1], t[0]))


# --- the timeline --------------------------------------------------------------------------

def event_forums(event: Event) -> set[str]:
    out = set()
    forum = getattr(event, "forum", None)
    if forum:
        out.add(forum)
    via = getattr(event, "via", "")
    if via and via != "diffusion":
        out.add(via.split(":", 1)[-1])
    return out


def event_delegations(event: Event) -> set[str]:
    out = set()
    for name in ("seat", "proposer", "by", "target", "delegation"):
        value = getattr(event, name, None)
        if value:
            out.add(value)
    for name in ("yes", "no", "blockers"):
        out.update(getattr(event, name, ()) or ())
    return out


def filter_events(events: Sequence[Event], *, forum: str | None = None, delegation: str | None = None,
                  kind: str | None = None) -> list[Event]:
    return [
        e for e in events
        if (forum is None or forum in event_forums(e))
        and (delegation is None or delegation in event_delegations(e))
        and (kind is None or e.kind == kind)
    ]


# --- the desk ------------------------------------------------------------------------------

def objectives_with_progress(state: GameState, seat: str) -> list[tuple[str, float]]:
    """The seat's OWN objectives with progress 0..1 (never anyone else's)."""
    out = []
    for o in state.scenario.delegation(seat).objectives:
        text = o.description or f"{o.kind} {o.norm}" + (f" in {o.forum}" if o.forum else "")
        out.append((text, objective_progress(state, seat, o)))
    return out


# --- turn results --------------------------------------------------------------------------

@attrs.frozen
class TurnDigest:
    turn: int
    injects: tuple[str, ...]
    decisions: tuple[tuple[str, str, str, str], ...]  # (forum, norm, outcome, detail)
    movers: tuple[tuple[str, float, float], ...]  # (norm, breadth before, after)
    white_cell: tuple[str, ...]


def turn_digest(before: GameState | None, after: GameState, events: Sequence[Event], seat: Viewer = None,
                top: int = 5) -> TurnDigest:
    """What a projector shows after a turn: each forum decision and the biggest changes in
    breadth. `seat` limits it to what that viewer may see (events by audience; PUBLIC: public only)."""
    turn = after.turn
    visible = [e for e in events if e.turn == turn and e.visible_to(seat)]
    injects = tuple(e.title for e in visible if isinstance(e, InjectFired))
    decisions = []
    for e in visible:
        if isinstance(e, SessionOutcome):
            detail = ""
            if e.outcome == "blocked" and e.blockers:
                detail = "by " + ", ".join(e.blockers)
            elif e.outcome != "deliberating":
                detail = f"{len(e.yes)} for, {len(e.no)} against"
            decisions.append((e.forum, e.norm, e.outcome, detail))
    movers = []
    for norm_id, ns in sorted(after.norms.items()):
        now = ns.breadth_history[-1] if ns.breadth_history else 0.0
        if before is not None and before.norms[norm_id].breadth_history:
            was = before.norms[norm_id].breadth_history[-1]
        else:
            was = ns.breadth_history[-2] if len(ns.breadth_history) > 1 else 0.0
        if abs(now - was) > 1e-9:
            movers.append((norm_id, was, now))
    movers.sort(key=lambda m: (-abs(m[2] - m[1]), m[0]))
    white = tuple(e.text() for e in visible if isinstance(e, FacilitatorAction))
    return TurnDigest(turn, injects, tuple(decisions), tuple(movers[:top]), white)

