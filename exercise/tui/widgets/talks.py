"""The Talks tab: what the viewer heard in a turn, by channel, and a line to say something.

The inbox comes from the store (`game.talk.board(turn)`) filtered for the viewer by the
presenter (`presenters/talk_inbox.py`), so a seat's tab holds only what the seat heard. The
compose line posts through `game.talk.post`: a line that cannot be said shows the store's one
line under it and nothing is recorded; an offer to a scripted seat is answered at once and the
answer is in the inbox as soon as the line is said. With an open offer to the viewer selected,
`a` accepts it, `r` rejects it and `c` starts a counter-offer. Tab (or right arrow) takes the
completion offered (`presenters/talk_completion.py`).

`show(talk, viewer, speaker, turn)`: `speaker` None makes it read-only (replay); the screens
call `refresh_talk()` when the save says talk changed.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from exercise.core.seats import FACILITATOR
from exercise.core.talk import Counter, Reply
from exercise.engine.talk import TalkBoard, TalkEntry
from exercise.store.talk_log import GameTalk
from exercise.tui.errors import describe
from exercise.tui.presenters.talk_completion import TalkNames, complete, completions
from exercise.tui.presenters.talk_inbox import InboxLine, inbox, speaker_name
from exercise.tui.widgets.options import Options

PLACEHOLDER = "say in FORUM: ...  say to SEAT: ...  offer SEAT: ORDER if ORDER  (tab completes)"


def talk_names(board: TalkBoard, seat: str | None) -> TalkNames:
    state = board.state
    packages = {item.norm for forum in state.forums.values() for item in forum.agenda if item.norms}
    return TalkNames(
        seats=tuple(sorted(s for s in state.seats if s != seat)),
        forums=tuple(sorted(state.forums)),
        norms=tuple(sorted({*state.norms, *packages})),
        coalitions=tuple(sorted(board.coalitions)),
        offers=tuple(r.id for r in board.open_offers(seat)) if seat is not None else (),
    )


class TalkSuggester(Suggester):
    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = TalkNames()

    async def get_suggestion(self, value: str) -> str | None:
        return complete(value, self.names)


class TalkLine(Input):
    BINDINGS = [Binding("tab", "complete", "Complete", show=False)]

    def action_complete(self) -> None:
        self.cursor_position = len(self.value)
        self.action_cursor_right()  # takes the suggestion shown, at the end of the line


class TalkInbox(Options):
    BINDINGS = [
        Binding("a", "answer('accept')", "Accept"),
        Binding("r", "answer('reject')", "Reject"),
        Binding("c", "counter", "Counter"),
        # letters typed on the inbox are keys (s submits, a accepts...): w moves to the line
        Binding("w", "write", "Write"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        pane = self._pane()
        if action == "write":
            return pane is not None and pane.speaker is not None
        if action in ("answer", "counter"):
            return pane is not None and pane.speaker is not None and pane.can_answer
        return super().check_action(action, parameters)

    def action_answer(self, answer: str) -> None:
        self.post_message(TalksPane.Answer(answer))

    def action_counter(self) -> None:
        self.post_message(TalksPane.Answer("counter"))

    def action_write(self) -> None:
        pane = self._pane()
        if pane is not None:
            pane.query_one(TalkLine).focus()

    def _pane(self) -> TalksPane | None:
        return next((a for a in self.ancestors if isinstance(a, TalksPane)), None)


class TalksPane(Vertical):
    DEFAULT_CSS = """
    TalksPane { height: 1fr; }
    TalksPane #talk-head { height: auto; padding: 0 1; }
    TalksPane #talk-inbox { height: 1fr; }
    TalksPane #talk-problem { height: auto; min-height: 1; padding: 0 1; }
    """

    class Answer(Message):
        """`a`, `r` or `c` on the inbox: accept, reject or counter the offer selected."""

        def __init__(self, answer: str) -> None:
            super().__init__()
            self.answer = answer

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.talk: GameTalk | None = None
        self.viewer: str | None = None
        self.speaker: str | None = None
        self.turn = 0
        self.board: TalkBoard | None = None
        self._lines: dict[str, InboxLine] = {}
        self._seen: dict[int, int] = {}  # turn -> how many lines heard were shown
        self._suggester = TalkSuggester()

    def compose(self) -> ComposeResult:
        yield Static(id="talk-head")
        yield TalkInbox(id="talk-inbox")
        # not selected on focus: `c` prefills `counter ID: ` and the player types on after it
        yield TalkLine(placeholder=PLACEHOLDER, suggester=self._suggester, select_on_focus=False, id="talk-line")
        yield Static(id="talk-problem")

    @property
    def can_answer(self) -> bool:
        return self.selected_offer() is not None

    def show(self, talk: GameTalk | None, viewer: str | None, speaker: str | None, turn: int) -> None:
        """`turn`: the turn whose talk is shown and said into: the one the screen shows being
        played (never a later one resolved meanwhile: a line for it is refused as stale)."""
        self.talk, self.viewer, self.speaker, self.turn = talk, viewer, speaker, turn
        self.query_one(TalkLine).display = speaker is not None
        self.refresh_talk()

    def refresh_talk(self) -> list[TalkEntry]:
        """Read the turn's talk again; the lines others said that this pane had not shown."""
        if self.talk is None:  # replay's turn 0: the scenario's start, before anyone spoke
            self.board = None
            self.query_one("#talk-head", Static).update(Text("Nothing is said before turn 1.", style="dim"))
            self.query_one(TalkInbox).clear_options()
            return []
        board = self.board = self.talk.board(self.turn)
        heard = board.heard_by(self.viewer)
        seen = self._seen.get(board.turn)
        self._seen = {board.turn: len(heard)}
        new = [e for e in heard[seen:] if e.seat != self.viewer] if seen is not None else []
        self._suggester.names = talk_names(board, self.viewer)
        heard_by = (
            ": every channel (the white cell hears everything)."
            if self.viewer is None
            else f", as heard by {self.viewer}."
        )
        if self.speaker == FACILITATOR:
            keys = "  w writes on the line below, as the chair: say in FORUM: ... or say to SEAT: ..."
        elif self.speaker is not None:
            keys = "  w writes a line; a accepts, r rejects, c counters the offer selected"
        else:
            keys = ""
        self.query_one("#talk-head", Static).update(
            Text.assemble(("Talk of turn ", "bold"), (str(board.turn), "bold"), heard_by, (keys, "dim"))
        )
        inbox_list = self.query_one(TalkInbox)
        highlighted = inbox_list.highlighted
        options: list[Option] = []
        self._lines = {}
        for group in inbox(board, self.viewer):
            options.append(Option(Text(group.title, style="bold underline"), disabled=True))
            for line in group.lines:
                key = f"l{len(self._lines)}"
                self._lines[key] = line
                style = "bold" if line.answerable else ""
                options.append(Option(Text(("  " + line.text), style=style), id=key))
        if not options:
            options.append(
                Option(
                    Text("nothing heard" if self.speaker is None else "nothing said yet this turn", style="dim"),
                    disabled=True,
                )
            )
        inbox_list.clear_options()
        inbox_list.add_options(options)
        if highlighted is not None:
            inbox_list.highlighted = min(highlighted, len(options) - 1)
        return new

    def selected_offer(self) -> str | None:
        inbox_list = self.query_one(TalkInbox)
        index = inbox_list.highlighted
        if index is None:
            return None
        option = inbox_list.get_option_at_index(index)
        line = self._lines.get(option.id or "")
        return line.offer if line is not None and line.answerable else None

    # --- saying things ------------------------------------------------------------------
    def say(self, line: str) -> bool:
        """Post `line` as the speaker; True if it was said. A line that cannot be said shows
        why under the compose line, and nothing is recorded."""
        problem = self.query_one("#talk-problem", Static)
        if self.talk is None or self.speaker is None or not line.strip():
            return False
        try:
            entry = self.talk.post(self.speaker, line, for_turn=self.turn)
        except Exception as exc:  # the store's one line, in place
            problem.update(Text(describe(exc), style="bold red"))
            return False
        self.refresh_talk()
        said = f"said: {entry.talk.text()}" + (f" (offer {entry.offer})" if entry.offer else "")
        answers = [
            f"{speaker_name(e.seat)} answered: {e.talk.text()}"
            for e in (self.board.entries if self.board else [])
            if e.index > entry.index and isinstance(e.talk, (Reply, Counter))
        ]
        problem.update(Text("; ".join([said, *answers]), style="green"))
        return True

    @on(Input.Submitted, "#talk-line")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.say(event.value):
            event.input.value = ""

    @on(Input.Changed, "#talk-line")
    def _typing(self, event: Input.Changed) -> None:
        if not event.value:  # emptied after a line was said: what was said (and answered) stays
            return
        found = completions(event.value, self._suggester.names)
        hint = ("next: " + ", ".join(found[:8]) + (" ..." if len(found) > 8 else "")) if found else ""
        self.query_one("#talk-problem", Static).update(Text(hint, style="dim"))

    @on(OptionList.OptionHighlighted, "#talk-inbox")
    def _highlighted(self) -> None:
        self.screen.refresh_bindings()  # a, r and c show only on an offer that waits for us

    @on(Answer)
    def _answer(self, message: Answer) -> None:
        message.stop()
        offer = self.selected_offer()
        if offer is None:
            return
        if message.answer == "counter":
            line = self.query_one(TalkLine)
            line.value = f"counter {offer}: "
            line.cursor_position = len(line.value)
            line.focus()
            return
        self.say(f"{message.answer} {offer}")
