"""The tutorial explains itself: one idea per page, dismissable at any point."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown, Static

PAGES = (
    """## Welcome, delegate

You represent one **delegation** at a negotiation over the rules of cyberspace.
Other delegations are played by the computer (or by your classmates).

The game lasts a few **turns**. Each turn you give **orders**, then every forum meets
and the results come in.""",
    """## What a forum is

A **forum** is where norms are proposed and decided.

* A *centralized* forum (the World Assembly) includes everyone and decides by **consensus**:
  a single objection blocks, and it meets rarely. What it adopts binds widely.
* A *decentralized* forum (the Coalition) has a few like-minded members and decides by
  **majority**, every turn. Fast, but others may not follow.

The **Forums** tab (key `2`) shows each forum's rule, members, next session and agenda.""",
    """## What an order is

An **order** is one thing your delegation does this turn: *propose* a norm in a forum,
*endorse* or *object* to one on the agenda, *amend* it, *lobby* a partner, *assist* a
weaker state, *implement* a norm at home, or *pass*.

Orders cost **influence** (attention) or **budget** (money). You cannot do everything:
choose which norms to back. On your **Desk** (key `1`) pick orders with `enter`;
an order you cannot give now is greyed out and says why.""",
    """## What makes a norm spread

Every norm has three qualities, shown on the **Norms** tab (key `3`):

* **clarity**: simple and clear ("clean up your networks") spreads better than technical text;
* **utility**: how visibly following it brings outcomes people want;
* **do-ability**: how cheap it is to comply, especially for delegations with little capacity.

Adopted norms spread along **ties** between delegations (the **Network** tab). Norms that
contradict each other split the world into **blocs**.""",
    """## Words and deeds

Holding a norm starts as **rhetoric**. Implementation at home and assistance from others
move it to **policy**, **law** and finally **practice**.

Your **objectives** and their progress are on your Desk. When you are ready, press
`s` to review and submit your orders. `?` shows the keys at any time, and `t` brings
this tutorial back.""",
)


class TutorialScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("right,n,enter", "next", "Next"),
        Binding("left,p", "back", "Back"),
        Binding("escape", "dismiss", "Close the tutorial"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.page = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog tutorial"):
            yield Markdown(PAGES[0], id="tutorial-page")
            yield Static(id="tutorial-count")
            with Horizontal(classes="buttons"):
                yield Button("Back", id="back")
                yield Button("Next", id="next", variant="primary")
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        self._show()
        self.query_one("#next", Button).focus()  # enter goes forward, not to the Back button

    def _show(self) -> None:
        self.query_one(Markdown).update(PAGES[self.page])
        self.query_one("#tutorial-count", Static).update(f"page {self.page + 1} of {len(PAGES)}  ·  escape closes")
        self.query_one("#next", Button).label = "Start playing" if self.page == len(PAGES) - 1 else "Next"

    def action_next(self) -> None:
        if self.page == len(PAGES) - 1:
            self.dismiss(None)
            return
        self.page += 1
        self._show()

    def action_back(self) -> None:
        self.page = max(0, self.page - 1)
        self._show()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"back": self.action_back, "next": self.action_next}.get(str(event.button.id), lambda: self.dismiss(None))()
