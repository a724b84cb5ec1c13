"""Canonical JSON of states, orders and events, and the sha256 that pins a state.

Canonical means: keys sorted, no spaces, floats in their shortest round-trip form (already
rounded by the engine), UTF-8, as orjson writes them. The same state gives the same bytes in any
process. orjson rather than the standard library's json: a 200-delegation state is written
every turn (its hash, and the save's snapshot), and orjson does it eight times faster.
"""

from __future__ import annotations

import hashlib
from typing import Any

import attrs
import cattrs
import orjson

from exercise.core.events import EVENT_TYPES, Event
from exercise.core.spec import Scenario
from exercise.core.state import AgendaItem, Coalition, Commitment, ForumState, GameState, NormState, Seat

_converter = cattrs.Converter()


def dumps_bytes(obj: Any) -> bytes:
    """The canonical bytes of plain JSON data (str keys; numbers, strings, lists, tuples)."""
    return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)


def dumps(obj: Any) -> str:
    return dumps_bytes(obj).decode("utf-8")


def _fields(cls: type) -> tuple[str, ...]:
    return tuple(a.name for a in attrs.fields(cls))


_SEAT, _FORUM, _NORM, _ITEM, _COALITION, _COMMITMENT = (
    _fields(c) for c in (Seat, ForumState, NormState, AgendaItem, Coalition, Commitment)
)


def _shallow(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _item(item: AgendaItem) -> dict[str, Any]:
    """An agenda item; a single norm's item leaves out its empty `norms`, so a game without
    packages writes the same bytes (and hashes) as before packages existed."""
    data = _shallow(item, _ITEM)
    if not item.norms:
        del data["norms"]
    return data


def state_to_dict(state: GameState) -> dict[str, Any]:
    """The state as plain JSON data. Shallow on purpose: the holder maps are already plain
    dicts of str -> number, so they are shared, not copied (attrs.asdict would walk every
    entry, 70k of them in a 200-delegation world). Read it; do not mutate it."""
    return {
        "scenario_id": state.scenario_id,
        "turn": state.turn,
        "salience": state.salience,
        "seats": {k: _shallow(v, _SEAT) for k, v in state.seats.items()},
        "forums": {k: {**_shallow(v, _FORUM), "agenda": [_item(a) for a in v.agenda]} for k, v in state.forums.items()},
        "norms": {k: _shallow(v, _NORM) for k, v in state.norms.items()},
        "fired_injects": state.fired_injects,
        "next_event": state.next_event,
        "coalitions": {k: _shallow(v, _COALITION) for k, v in state.coalitions.items()},
        "commitments": [_shallow(c, _COMMITMENT) for c in state.commitments],
        "trust": state.trust,
        "reputation": state.reputation,
    }


def state_from_dict(data: dict[str, Any], scenario: Scenario) -> GameState:
    return GameState(
        scenario_id=data["scenario_id"],
        turn=data["turn"],
        salience=dict(data["salience"]),
        seats={k: Seat(**v) for k, v in data["seats"].items()},
        forums={
            k: ForumState(**{**v, "agenda": [AgendaItem(**a) for a in v["agenda"]]}) for k, v in data["forums"].items()
        },
        norms={k: NormState(**v) for k, v in data["norms"].items()},
        fired_injects=list(data["fired_injects"]),
        next_event=data["next_event"],
        scenario=scenario,
        # states saved before negotiation (rules version 3 and older) have none of these
        coalitions={k: Coalition(**v) for k, v in data.get("coalitions", {}).items()},
        commitments=[Commitment(**c) for c in data.get("commitments", ())],
        trust={k: dict(v) for k, v in data.get("trust", {}).items()},
        reputation=dict(data.get("reputation", {})),
    )


def state_bytes(state: GameState) -> bytes:
    return dumps_bytes(state_to_dict(state))


def state_json(state: GameState) -> str:
    return state_bytes(state).decode("utf-8")


def state_hash(state: GameState) -> str:
    return hashlib.sha256(state_bytes(state)).hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event_to_dict(event: Event) -> dict[str, Any]:
    data = _converter.unstructure(event)
    data["kind"] = event.kind
    return data


def event_from_dict(data: dict[str, Any]) -> Event:
    data = dict(data)
    cls = EVENT_TYPES[data.pop("kind")]
    return _converter.structure(data, cls)
