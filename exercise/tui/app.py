"""The Textual app: home, the game screens and replay, with a command palette and help.

The app owns which save is open and which screen is the main one; a `PlayFlow` decides who
plays next. Screens read views and write orders through the store's `Game`, never the state.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from exercise.core.seats import FACILITATOR, PROJECTOR, WHITE_NAMES
from exercise.store.evaluation_records import EVALUATOR, role_kind
from exercise.tui import heap
from exercise.tui.errors import describe
from exercise.tui.flow import PlayFlow
from exercise.tui.screens.home import HomeScreen, save_rows


class ExerciseApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Cyber norms exercise"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (110, "-wide")]  # type: ignore[misc]
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        *,
        saves_dir: Path | str = "saves",
        scenarios_dir: Path | str | None = None,
        game: Any = None,
        seat: str | None = None,
        replay: bool = False,
        unlocked: bool = False,
        watch: str | None = None,
    ) -> None:
        super().__init__()
        self.saves_dir = Path(saves_dir)
        self.scenarios_dir = Path(scenarios_dir) if scenarios_dir else None
        self.game = game
        self.flow: PlayFlow | None = None
        self._start_seat = seat
        self._start_replay = replay
        self._start_unlocked = unlocked  # the code was checked on the command line
        self._start_watch = watch  # the team an evaluator or observer watches first (None: asked)
        self.home: HomeScreen | None = None

    # --- start-up -----------------------------------------------------------------------
    def on_mount(self) -> None:
        from exercise.scenario.catalog import list_scenarios

        heap.freeze()  # what start-up imported lives as long as the app: not worth walking again
        scenarios, problems = list_scenarios(self.scenarios_dir)
        self.home = HomeScreen(scenarios, problems, self.saves_dir)
        self.push_screen(self.home)
        if self.game is not None:
            if self._start_replay:
                self._show_replay(self.game)
            else:
                self.start_game(
                    self.game,
                    role=self._start_seat,
                    unlocked=self._start_unlocked,
                    on_cancel=self.exit if self._start_seat else self.go_home,
                )

    def on_unmount(self) -> None:
        if self.flow is not None:
            self.flow.close()  # the seats played here are free for another terminal at once

    # --- main screens -------------------------------------------------------------------
    def show_main(self, screen: Screen) -> None:
        """Make `screen` the one main screen above home, closing dialogs and the previous one."""
        if self.home is None:  # pragma: no cover - home is pushed on mount, before any main screen
            raise RuntimeError("a main screen was shown before the home screen")
        base = self.screen_stack.index(self.home)
        while len(self.screen_stack) > base + 2:  # dialogs above the main screen
            self.pop_screen()
        if self.screen is self.home:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)
        self.call_after_refresh(heap.freeze)

    def main_screen(self) -> Screen | None:
        """The main screen above home (under any dialogs), if one is open."""
        stack = self.screen_stack
        if self.home not in stack:
            return None
        index = stack.index(self.home) + 1
        return stack[index] if index < len(stack) else None

    def go_home(self) -> None:
        while self.screen is not self.home and self.home in self.screen_stack:
            self.pop_screen()
        self._close_game()
        if self.home is not None:
            self.home.action_refresh_saves()

    def _close_game(self) -> None:
        if self.flow is not None:
            self.flow.close()
        if self.game is not None:
            try:
                self.game.close()
            except Exception:
                pass
            self.call_after_refresh(heap.reclaim)  # the game's screens are garbage now
        self.game = None
        self.flow = None

    # --- games --------------------------------------------------------------------------
    def start_game(
        self, game: Any, role: str | None = None, *, unlocked: bool = False, on_cancel: Callable[[], None] | None = None
    ) -> None:
        """role: None hot-seat (every human seat here), a seat id, or the white cell. In a save
        with join codes the seat's code is asked first (the white cell's for the white cell and
        for hot-seat); cancelling calls `on_cancel` (default: back home)."""
        if self.game is not None and self.game is not game:
            self._close_game()
        self.game = game
        if role == PROJECTOR:  # the room's screen: public, read-only, no seat, no code (screens/projector.py)
            from exercise.tui.screens.projector import ProjectorScreen

            self.flow = None
            self.show_main(ProjectorScreen(game))
            return
        if role and role_kind(role):  # an evaluator or observer: watches, never plays
            self._start_watching(game, role, unlocked=unlocked, on_cancel=on_cancel)
            return
        seat = None if role in WHITE_NAMES or not role else role

        def begin(ok: bool) -> None:
            if not ok:
                self._cancel_start(game, on_cancel)
                return
            if role in WHITE_NAMES:
                self.flow = PlayFlow(self, game, white=True)
            elif role:
                self.flow = PlayFlow(self, game, seats=[role])
            else:
                self.flow = PlayFlow(self, game)
            self.flow.start()

        if unlocked or game.read_only:
            begin(True)
        else:
            self.unlock(game, seat, begin)

    def _cancel_start(self, game: Any, on_cancel: Callable[[], None] | None) -> None:
        """The code was not given: the game closes, and `on_cancel` (default: back home)."""
        game.close()
        if self.game is game:
            self.game = None
        (on_cancel or self.go_home)()

    def _start_watching(self, game: Any, role: str, *, unlocked: bool, on_cancel: Callable[[], None] | None) -> None:
        """An evaluator's or observer's seat (screens/evaluator.py, observer.py), after its code."""
        from exercise.tui.screens.evaluator import EvaluatorScreen
        from exercise.tui.screens.observer import ObserverScreen

        def begin(ok: bool) -> None:
            if not ok:
                self._cancel_start(game, on_cancel)
                return
            self.flow = None
            screen = EvaluatorScreen if role_kind(role) == EVALUATOR else ObserverScreen
            watch, self._start_watch = self._start_watch, None
            self.show_main(screen(game, role, team=watch, ask=watch is None))

        if unlocked:
            begin(True)
        else:
            self.unlock(game, role, begin)

    def unlock(self, game: Any, seat: str | None, then: Callable[[bool], None]) -> None:
        """Ask for `seat`'s code (None: the white cell's) if the save has codes, then `then(ok)`."""
        from exercise.tui.presenters.seats import seat_label
        from exercise.tui.screens.code import CodeScreen

        if not game.live.has_codes():
            then(True)
            return
        who = seat_label(game.scenario, seat) if seat else "The white cell"
        note = "" if seat else "The white cell's code (it opens the console and every seat). Escape cancels."
        self.show_main(_locked_screen())
        # dismissed without a result (as when the app closes under it): not opened
        self.push_screen(CodeScreen(game, seat or FACILITATOR, who, note=note), lambda ok: then(bool(ok)))

    def new_game(self, scenario_path: Path, seed: int | None, humans: list[str]) -> None:
        from exercise.scenario import load_scenario

        def create():
            from exercise.store import Game, new_save_path

            scenario = load_scenario(scenario_path)
            self.saves_dir.mkdir(parents=True, exist_ok=True)
            path = new_save_path(self.saves_dir, scenario.id)  # never outside saves_dir
            return Game.create(path, scenario_path, seed=seed, humans=humans)

        self.background("Creating the game…", create, lambda game: self.start_game(game))

    def choose_role(self, path: Path) -> None:
        from exercise.tui.screens.prompt import ChoiceScreen

        def opened(game) -> None:
            humans = game.human_seats()
            choices = []
            if len(humans) > 1:
                choices.append(("", "Hot-seat: every human seat at this keyboard, in turn"))
            for seat in humans:
                choices.append((seat, f"Play {game.scenario.delegation(seat).name} [{seat}] only"))
            choices.append((FACILITATOR, "White cell (facilitator): see everything, steer the session"))
            for role in game.evaluation.roles():
                what = "score the teams against the rubric" if role.kind == EVALUATOR else "watch a team, live"
                choices.append((role.seat, f"{role.seat.capitalize()}: {what}"))

            def chosen(role: str | None) -> None:
                if role is None:
                    game.close()
                    self.go_home()
                    return
                self.start_game(game, role=role or None)

            self.push_screen(ChoiceScreen(f"{path.name}: who is at this keyboard?", choices), chosen)

        self.background("Opening the save…", partial(_open, path), opened)

    def open_replay(self, path: Path) -> None:
        self.background("Opening the save for replay…", partial(_open, path, read_only=True), self._show_replay)

    def _show_replay(self, game) -> None:
        from exercise.tui.screens.replay import ReplayScreen

        if self.game is not None and self.game is not game:
            self._close_game()
        self.game = game
        self.flow = None
        self.show_main(ReplayScreen(game, on_branch=self.branch, on_leave=self.go_home))

    def branch(self, game, turn: int) -> None:
        from exercise.tui.screens.prompt import PromptScreen

        stamp = time.strftime("%Y%m%d-%H%M%S")
        default = self.saves_dir / f"{game.scenario.id}-branch-t{turn}-{stamp}.db"

        def chosen(text: str | None) -> None:
            if not text:
                return
            target = Path(text)
            if target.exists():
                self.notify(f"{target} already exists: choose another name.", severity="error")
                return

            def work():
                target.parent.mkdir(parents=True, exist_ok=True)
                return game.branch(turn, target)

            self.background(f"Branching from turn {turn}…", work, lambda new: self.start_game(new))

        self.push_screen(
            PromptScreen(
                f"Branch a what-if game from turn {turn} into",
                value=str(default),
                note="The new save keeps turns 0 to the turn shown; play on from there.",
            ),
            chosen,
        )

    def save_rows(self) -> list[tuple]:
        if not self.saves_dir.is_dir():
            return []
        try:
            from exercise.store import list_saves

            problems: list[str] = []
            rows = save_rows(list_saves(self.saves_dir, problems=problems))
            for line in problems:
                self.notify(line, title="Not a save, skipped", severity="warning")
            return rows
        except Exception as exc:
            self.notify(describe(exc), title="Could not list the saves", severity="error")
            return []

    # --- slow work ------------------------------------------------------------------------
    def background(self, message: str, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Run `work` in a thread behind a loading screen, then `then(result)` here; a failure
        becomes a plain notification and the user lands back on the home screen."""
        from exercise.tui.screens.busy import BusyScreen

        self.show_main(BusyScreen(message))

        def run() -> None:
            try:
                result = work()
            except Exception as exc:
                self.call_from_thread(self._background_failed, exc)
                return
            self.call_from_thread(then, result)

        self.run_worker(run, thread=True, group="background", exit_on_error=False)

    def _background_failed(self, exc: Exception) -> None:
        self.notify(describe(exc), title="That did not work", severity="error", timeout=10)
        if self.flow is not None and self.game is not None:
            self.flow.next_seat() if not self.flow.white else self.flow.show_white()
        else:
            self.go_home()

    # --- help and the command palette ---------------------------------------------------------
    def action_help(self) -> None:
        from exercise.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if any(getattr(s, "LOCKED", False) for s in self.screen_stack):  # the projector: help and quit only
            yield SystemCommand("Help", "The keys of this screen", self.action_help)
            yield SystemCommand("Quit", "Quit the projector", self.action_quit)
            return
        if self.flow is not None and self.flow.locked:  # a terminal locked to its seat goes nowhere else
            yield SystemCommand("Help", "The keys of this screen", self.action_help)
            return
        yield SystemCommand("Home", "Back to the home screen (the game is saved)", self.go_home)
        yield SystemCommand("Help", "The keys of this screen", self.action_help)
        yield SystemCommand(
            "Tutorial", "What forums, orders and norm qualities are", lambda: self.push_screen(_tutorial())
        )
        seen = set()
        for binding in getattr(screen, "BINDINGS", ()):
            if not isinstance(binding, Binding) or not binding.description or binding.description in seen:
                continue
            if screen.check_action(binding.action.split("(")[0], ()) is False:
                continue
            seen.add(binding.description)
            yield SystemCommand(
                binding.description, f"key {binding.key.split(',')[0]}", partial(screen.run_action, binding.action)
            )
        yield from super().get_system_commands(screen)


def _locked_screen():
    from exercise.tui.screens.busy import BusyScreen

    return BusyScreen("This terminal is locked: type the code.")


def _open(path: Path, read_only: bool = False):
    from exercise.store import Game

    return Game.open(path, read_only=read_only)


def _tutorial():
    from exercise.tui.screens.tutorial import TutorialScreen

    return TutorialScreen()
