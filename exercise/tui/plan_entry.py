"""The white cell's evaluation menu and the improvement plan's entry, shared by the white
cell's console (`e`) and replay (`i`): see every score and note, release them to the teams
or withdraw them, and add a line to the improvement plan (issue, recommendation, owner, due)."""

from __future__ import annotations

from exercise.core.seats import FACILITATOR
from exercise.tui.screens.prompt import ChoiceScreen, PromptScreen

PLAN_QUESTIONS = (
    ("issue", "Improvement plan: the issue (what went wrong, or what to improve)"),
    ("recommendation", "The recommendation"),
    ("owner", "Who owns it (optional)"),
    ("due", "Due by (optional, e.g. 2027-03-31)"),
)


def evaluation_menu(screen, game) -> None:
    evaluation = game.evaluation
    scores, notes = evaluation.scores(FACILITATOR), evaluation.evaluator_notes(FACILITATOR)
    released = evaluation.released()
    choices = [("view", "See every score and note")]
    if not game.read_only:
        choices.append(
            ("withdraw", "Withdraw them from the teams")
            if released
            else ("release", "Release the scores and notes to the teams")
        )
    choices.append(("plan", f"Add a line to the improvement plan ({len(evaluation.plan())} so far)"))
    state = "released to the teams" if released else "hidden from the teams"
    question = f"Evaluation: {len(scores)} score(s), {len(notes)} note(s), {state}"

    def chosen(choice: str | None) -> None:
        if choice == "view":
            from exercise.tui.screens.evaluation import EvaluationScreen

            screen.app.push_screen(EvaluationScreen(game, FACILITATOR))
        elif choice in ("release", "withdraw"):
            _release(screen, game, choice == "release")
        elif choice == "plan":
            add_plan_line(screen, game)

    screen.app.push_screen(ChoiceScreen(question, choices), chosen)


def _release(screen, game, release: bool) -> None:
    try:
        game.evaluation.release(release)
    except Exception as exc:
        from exercise.tui.errors import describe

        screen.notify(describe(exc), title="That did not work", severity="error")
        return
    screen.notify("The teams now see their scores and notes." if release else "The teams no longer see them.")


def add_plan_line(screen, game) -> None:
    """Ask the plan line's fields one after another; keep it once the last is answered."""
    answers: dict[str, str] = {}

    def ask(index: int) -> None:
        key, question = PLAN_QUESTIONS[index]
        optional = index >= 2

        def answered(text: str | None) -> None:
            if text is None and not optional:
                return  # escape on a required field: nothing is kept
            answers[key] = text or ""
            if index + 1 < len(PLAN_QUESTIONS):
                ask(index + 1)
            else:
                _keep(screen, game, answers)

        screen.app.push_screen(PromptScreen(question, note="Escape " + ("skips" if optional else "cancels")), answered)

    ask(0)


def _keep(screen, game, answers: dict[str, str]) -> None:
    try:
        item = game.evaluation.add_item(**answers)
    except Exception as exc:
        from exercise.tui.errors import describe

        screen.notify(describe(exc), title="Not kept", severity="error")
        return
    screen.notify(f"Improvement plan line {item.number} kept.", timeout=3)
