"""The norm board's rows (sortable, filterable) and a norm's holders, from a view."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from exercise.core.events import Event, NormAdopted
from exercise.core.state import DEPTH_NAMES
from exercise.engine.views import View


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
    "norm": "id",
    "clarity": "clarity",
    "utility": "utility",
    "do-ability": "doability",
    "framework": "framework",
    "breadth": "breadth",
    "depth": "depth",
    "status": "status",
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
        rows.append(
            NormRow(
                id=norm_id,
                statement=norm.statement,
                clarity=q.clarity,
                utility=q.utility,
                doability=q.doability,
                framework=q.framework or "-",
                conflicts=", ".join(sorted(norm.conflicts)) or "-",
                breadth=view.breadth(norm_id),
                depth=depth,
                holders=len(holders),
                status=q.status,
            )
        )
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
