"""A forum as the forums tab shows it to one viewer."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from exercise.core.spec import ForumKind
from exercise.engine.views import AgendaEntry, View

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
    return ForumCard(
        forum_id,
        forum.name,
        forum.kind,
        rule,
        tuple(members),
        forum.cadence,
        nxt,
        forum.agenda_size,
        forum.description,
        tuple(view.agenda(forum_id)),
        view.adopted_in(forum_id),
        (view.seat in members) if view.seat else None,
    )
