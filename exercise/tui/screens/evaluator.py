"""An evaluator's seat (`exercise play SAVE --as evaluator-1`): watch one team or every team,
live (screens/watch.py), and score each team's play of each turn against the rubric.

The Rubric tab lists the objectives for the team and turn shown; enter on one picks its level
(1-4, each with what it looks like), `n` writes a note on the turn (about the team shown),
`[` and `]` move between the turns that can be scored (the played ones and the one in play).
Scores and notes are stored outside the turns and stay hidden from the teams until the white
cell releases them.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import DataTable, Static

from exercise.tui.errors import plain_errors
from exercise.tui.evaluation_text import criterion_text, level_choices
from exercise.tui.screen_lease import ScreenLease
from exercise.tui.screens.prompt import ChoiceScreen, PromptScreen
from exercise.tui.screens.tabbed import tab_keys
from exercise.tui.screens.watch import WatchScreen
from exercise.tui.widgets.rubric_pane import RubricPane


class EvaluatorScreen(WatchScreen):
    BINDINGS = [
        *WatchScreen.BINDINGS,
        Binding("left_square_bracket", "turn(-1)", "Turn back", key_display="["),
        Binding("right_square_bracket", "turn(1)", "Turn on", key_display="]"),
        Binding("n", "note", "Note"),
        *tab_keys("Rubric", "Orders", "Brief", "Forums", "Norms", "Network", "Timeline", "Talks"),
    ]
    ALL_ALLOWED = True
    WHAT = "Evaluator"
    DEFAULT_CSS = """
    EvaluatorScreen #rubric-head { padding: 0 1; }
    EvaluatorScreen #rubric { height: auto; max-height: 50%; }
    EvaluatorScreen #rubric-detail { padding: 1 1 0 1; }
    """

    def __init__(self, game, seat: str, team: str | None = None, ask: bool = False) -> None:
        super().__init__(game, seat, team, ask)
        self.scored_turn: int | None = None  # None: follow the last turn played
        self._given: dict = {}  # this evaluator's scores of the team and turn shown, by objective
        self.lease = ScreenLease(self, game, seat)

    def take_seat(self, then) -> None:
        """An evaluator writes as its seat: one terminal at a time holds it (screen_lease.py)."""
        if self.game.read_only:
            then()
        else:
            self.lease.take(then)

    def on_unmount(self) -> None:
        self.lease.close()

    def lead_panes(self) -> list[tuple[str, str, Widget]]:
        from textual.containers import Vertical

        rubric = Vertical(
            Static(id="rubric-head"), RubricPane(id="rubric"), Static(id="rubric-detail"), id="rubric-box"
        )
        return [("Rubric", "tab-rubric", rubric), *super().lead_panes()]

    def scorable(self) -> tuple[int, int]:
        """The turns that can be scored: 1 to the one in play (never past the last)."""
        return 1, max(1, min(self.latest + 1, self.game.scenario.turns))

    @property
    def turn(self) -> int:
        low, high = self.scorable()
        wanted = self.scored_turn if self.scored_turn is not None else max(low, self.latest)
        return max(low, min(high, wanted))

    def loaded(self, state) -> None:
        self.show_rubric()

    def show_rubric(self) -> None:
        head = self.query_one("#rubric-head", Static)
        pane = self.query_one(RubricPane)
        turn = self.turn
        if self.team is None:
            head.update(Text("Every team is shown: press t and choose one to score it.", style="bold yellow"))
            self._given = {}
            pane.show(self.game.evaluation.rubric(), {})
            self._show_detail()
            return
        played = "in play" if turn > self.latest else "played"
        head.update(
            Text.assemble(
                "Scoring ",
                (self.team, "bold"),
                " for turn ",
                (str(turn), "bold"),
                f" ({played})",
                ("   enter: level   n: note   [ ]: turn   t: team", "dim"),
            )
        )
        self._given = {
            s.objective: s
            for s in self.game.evaluation.scores(self.seat, turn=turn, team=self.team, evaluator=self.seat)
        }
        pane.show(self.game.evaluation.rubric(), self._given)
        self._show_detail()

    def _show_detail(self) -> None:
        objective = self.query_one(RubricPane).current()
        criterion = next((c for c in self.game.evaluation.rubric() if c.objective == objective), None)
        detail = self.query_one("#rubric-detail", Static)
        if criterion is None or self.team is None:
            detail.update("")
            return
        detail.update(criterion_text(criterion, self._given.get(criterion.objective)))

    @on(DataTable.RowHighlighted, "#rubric")
    def _highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def action_turn(self, delta: int) -> None:
        low, high = self.scorable()
        self.scored_turn = max(low, min(high, self.turn + delta))
        self.show_rubric()

    @on(DataTable.RowSelected, "#rubric")
    def _pick_level(self, event: DataTable.RowSelected) -> None:
        objective = event.row_key.value
        if self.team is None or objective is None:
            self.notify("Choose a team first (t).", severity="warning")
            return
        criterion = next(c for c in self.game.evaluation.rubric() if c.objective == objective)
        turn, team = self.turn, self.team

        def chosen(level: str | None) -> None:
            if level:
                self._score(turn, team, objective, int(level))

        self.app.push_screen(ChoiceScreen(f"{criterion.title}: {team}, turn {turn}", level_choices(criterion)), chosen)

    @plain_errors
    def _score(self, turn: int, team: str, objective: str, level: int) -> None:
        old = {
            s.objective: s for s in self.game.evaluation.scores(self.seat, turn=turn, team=team, evaluator=self.seat)
        }.get(objective)
        self.game.evaluation.score(self.seat, turn, team, objective, level, old.note if old else "")
        self.show_rubric()

    def action_note(self) -> None:
        turn, team = self.turn, self.team or ""
        about = f" about {team}" if team else ""

        def written(text: str | None) -> None:
            if text:
                self._note(turn, team, text)

        self.app.push_screen(
            PromptScreen(
                f"A note on turn {turn}{about}", note="Hidden from the teams until the white cell releases it."
            ),
            written,
        )

    @plain_errors
    def _note(self, turn: int, team: str, text: str) -> None:
        self.game.evaluation.add_evaluator_note(self.seat, turn, text, team=team)
        self.notify(f"Note on turn {turn} kept.", timeout=3)
