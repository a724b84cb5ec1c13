"""Forums: each forum's kind, rule, members, cadence and next session, and its agenda with
each norm's public support."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from exercise.core.wording import package_contents
from exercise.engine.views import View
from exercise.tui.presenters.forum_card import forum_card
from exercise.tui.textual_tricks import rendered_once
from exercise.tui.widgets.options import Options


class ForumsPane(Horizontal):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._view: View | None = None
        self._ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield Options(id="forum-list")
        with VerticalScroll(id="forum-detail-scroll"):
            yield Static(id="forum-detail")

    def show(self, view: View) -> None:
        self._view = view
        self._ids = list(view.forum_ids())
        listing = self.query_one("#forum-list", OptionList)
        keep = listing.highlighted or 0
        listing.clear_options()
        for forum_id in self._ids:
            card = forum_card(view, forum_id)
            when = "meets next turn" if card.next == view.turn + 1 else f"next: turn {card.next}"
            mine = "● " if card.member else "  "
            listing.add_option(
                Option(
                    Text.assemble(mine, (card.name, "bold"), "\n  ", (f"{len(card.agenda)} on agenda, {when}", "dim")),
                    id=forum_id,
                )
            )
        if self._ids:
            listing.highlighted = min(keep, len(self._ids) - 1)
            self._detail(self._ids[listing.highlighted])

    @on(OptionList.OptionHighlighted, "#forum-list")
    def _highlight(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self._detail(event.option.id)

    def _detail(self, forum_id: str) -> None:
        view = self._view
        if view is None:
            return
        c = forum_card(view, forum_id)
        head = Text.assemble((c.name, "bold"), f"  [{forum_id}]")
        facts = Table.grid(padding=(0, 2))
        facts.add_row(
            Text("Kind", style="bold"),
            "centralized: everyone is a member"
            if c.kind == "centralized"
            else "decentralized: a few like-minded members",
        )
        facts.add_row(Text("Rule", style="bold"), c.rule)
        facts.add_row(
            Text("Meets", style="bold"),
            ("every turn" if c.cadence == 1 else f"every {c.cadence} turns")
            + (f"; next session turn {c.next}" if c.next is not None else ""),
        )
        facts.add_row(Text("Agenda", style="bold"), f"{len(c.agenda)} of {c.agenda_size} places taken")
        if c.member is not None:
            facts.add_row(Text("You", style="bold"), "are a member" if c.member else "are not a member")
        members = Text(f"Members ({len(c.members)}): ", style="bold")
        members.append(", ".join(c.members), style="")
        agenda = Table(title="On the agenda", expand=True, show_lines=True, title_justify="left")
        agenda.add_column("norm", ratio=2)
        agenda.add_column("endorse", ratio=2, style="green")
        agenda.add_column("object", ratio=2, style="red")
        agenda.add_column("since", justify="right", ratio=1)
        for item in c.agenda:
            # the proposer endorses its own text: name it once
            support = [item.proposer + " (proposer)", *(e for e in item.endorsers if e != item.proposer)]
            if item.is_package:  # a package has no statement of its own: what it holds
                about = "package, adopted or not as one: " + package_contents(item.norms)
            else:
                about = view.norm(item.norm).statement
            agenda.add_row(
                Text.assemble((item.norm, "bold"), "\n", (about, "dim")),
                ", ".join(support),
                ", ".join(item.objectors) or "-",
                f"turn {item.since}\n{item.sessions} session(s)",
            )
        if not c.agenda:
            agenda.add_row(Text("nothing yet: a member may propose a norm", style="dim"), "", "", "")
        adopted = Text("Adopted here: ", style="bold")
        adopted.append(", ".join(f"{n} (turn {t})" for n, t in sorted(c.adopted.items())) or "nothing yet")
        parts: list[RenderableType] = [
            head,
            Text(c.description, style="italic") if c.description else Text(""),
            facts,
            members,
            agenda,
            adopted,
        ]
        detail = self.query_one("#forum-detail", Static)
        detail.update(rendered_once(detail, Group(*parts)))
