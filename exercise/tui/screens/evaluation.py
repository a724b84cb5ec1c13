"""`e`: the evaluators' scores and notes as one viewer may see them. A team (and an observer
watching it) sees nothing until the white cell releases the evaluation; the store decides
what each viewer gets (`game.evaluation.scores(viewer)`), this dialog only shows it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from exercise.core.seats import FACILITATOR
from exercise.store.evaluation_records import EVALUATOR
from exercise.tui.evaluation_text import note_lines, scores_table

NOT_RELEASED = "The evaluators' scores and notes are not released yet: the white cell releases them."


class EvaluationScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,e,q", "dismiss", "Close")]

    def __init__(self, game, viewer: str) -> None:
        super().__init__()
        self.game = game
        self.viewer = viewer

    def compose(self) -> ComposeResult:
        evaluation = self.game.evaluation
        scores = evaluation.scores(self.viewer)
        notes = evaluation.evaluator_notes(self.viewer)
        with VerticalScroll(id="dialog", classes="dialog wide"):
            yield Static(Text("Evaluation", style="bold"))
            if not scores and not notes:
                if not evaluation.released() and not self._sees_all():
                    yield Static(Text(NOT_RELEASED), id="evaluation-empty")
                else:
                    yield Static(Text("No scores or notes yet.", style="dim"), id="evaluation-empty")
            if scores:
                yield Static(scores_table(scores, evaluation.rubric()), id="evaluation-scores")
            if notes:
                yield Static(note_lines(notes), id="evaluation-notes")
            yield Static(Text("escape closes", style="dim"))

    def _sees_all(self) -> bool:
        role = self.game.evaluation.role(self.viewer)
        return self.viewer == FACILITATOR or (role is not None and role.kind == EVALUATOR)
