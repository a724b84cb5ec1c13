"""Which forums and delegations an event concerns, and the timeline's filter by them."""

from __future__ import annotations

from collections.abc import Sequence

from exercise.core.events import Event


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


def filter_events(
    events: Sequence[Event], *, forum: str | None = None, delegation: str | None = None, kind: str | None = None
) -> list[Event]:
    return [
        e
        for e in events
        if (forum is None or forum in event_forums(e))
        and (delegation is None or delegation in event_delegations(e))
        and (kind is None or e.kind == kind)
    ]
