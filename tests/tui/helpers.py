"""Helpers for driving the app with Pilot and reading what a screen shows."""

from __future__ import annotations

import io
from contextlib import asynccontextmanager
from pathlib import Path

from rich.console import Console
from textual.geometry import Region
from textual.widgets import DataTable, OptionList, SelectionList, Static

from exercise.tui.app import ExerciseApp

SIZE = (120, 40)


def plain(renderable) -> str:
    console = Console(width=400, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def notices(app) -> list[str]:
    """The texts of the notifications on screen (Textual's toasts), as a user reads them: run
    the app with `run_test(notifications=True)` (`seated(..., notifications=True)`)."""
    return [plain(toast.render()) for toast in app.screen.query("Toast")]


def screen_text(screen) -> str:
    """Every word the screen holds, in visible and hidden tabs alike (not just what fits)."""
    parts = []
    for widget in [screen, *screen.query("*")]:
        if isinstance(widget, Static):
            parts.append(plain(widget.content))
        elif isinstance(widget, DataTable):
            for row in range(widget.row_count):
                parts.append(" ".join(plain(cell) for cell in widget.get_row_at(row)))
        elif isinstance(widget, (OptionList, SelectionList)):
            for index in range(widget.option_count):
                parts.append(plain(widget.get_option_at_index(index).prompt))
    return "\n".join(parts)


def drawn(screen) -> str:
    """What the screen draws now, widget by widget as laid out (borders and their titles
    too): the lines each widget on screen renders for its own area. Every character drawn
    is in it; a widget that is hidden or scrolled out of the layout is not."""
    parts = []
    for widget in [screen, *screen.query("*")]:
        region = widget.region
        if region.area:
            parts += [strip.text for strip in widget.render_lines(Region(0, 0, region.width, region.height))]
    return "\n".join(parts)


async def settle(pilot, app: ExerciseApp) -> None:
    """Let workers (resolving a turn, opening a save) finish and the screen update."""
    for _ in range(50):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if type(app.screen).__name__ != "BusyScreen":
            return
    raise AssertionError("the app stayed busy")


async def settle_past_tutorial(pilot, app: ExerciseApp) -> None:
    """Settle, and close the tutorial's pages if the game opened on them."""
    from exercise.tui.screens.tutorial import TutorialScreen

    await settle(pilot, app)
    if isinstance(app.screen, TutorialScreen):
        await pilot.press("escape")


def new_app(tmp_path: Path, game=None, seat: str | None = None, replay: bool = False) -> ExerciseApp:
    return ExerciseApp(saves_dir=tmp_path / "saves", game=game, seat=seat, replay=replay)


@asynccontextmanager
async def seated(tmp_path: Path, game, seat: str, notifications: bool = False):
    """The app open on `game` as `seat` (a delegation, or "white"), settled past any tutorial:
    yields (app, pilot). `notifications`: show toasts (see `notices`), as the app does."""
    app = new_app(tmp_path, game=game, seat=seat)
    async with app.run_test(size=SIZE, notifications=notifications) as pilot:
        await settle_past_tutorial(pilot, app)
        yield app, pilot


def sync(test):
    """Run an async Pilot test with asyncio.run (no async pytest plugin is installed)."""
    import asyncio
    import functools

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


async def wait_for_screen(pilot, screen_type, *words: str, what: str, tries: int = 200) -> None:
    """Pause until a `screen_type` screen is up and says `words`: a screen is pushed before it has
    composed, so its type alone does not mean its text can be read yet."""
    app = pilot.app

    def shown() -> bool:
        if not isinstance(app.screen, screen_type):
            return False
        text = screen_text(app.screen)
        return all(word in text for word in words)

    await wait_until(pilot, shown, what, tries)


async def wait_until(pilot, condition, what: str, tries: int = 200) -> None:
    """Pause until `condition()` holds (a condition, never a duration: robust under load)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    raise AssertionError(f"never happened: {what}")


async def each_hot_seat(pilot, seats: set[str], visit, at_privacy=None) -> set[str]:
    """Play a hot-seat turn at one keyboard: past the tutorial and every privacy screen
    (`at_privacy(screen)` first), `await visit(seat_screen)` for each seat, then submit its
    orders. Returns the seats visited (stops once `seats` all were)."""
    from exercise.tui.screens.privacy import PrivacyScreen
    from exercise.tui.screens.review import ReviewScreen
    from exercise.tui.screens.seat import SeatScreen
    from exercise.tui.screens.tutorial import TutorialScreen

    app = pilot.app
    visited: set[str] = set()
    await settle(pilot, app)
    for _ in range(12):
        screen = app.screen
        if isinstance(screen, TutorialScreen):
            await pilot.press("escape")
        elif isinstance(screen, PrivacyScreen):
            if at_privacy is not None:
                at_privacy(screen)
            await pilot.press("enter")
        elif isinstance(screen, SeatScreen):
            await visit(screen)
            visited.add(screen.seat)
            await pilot.press("s")
            await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review dialog")
            await pilot.press("ctrl+s")
            await wait_until(
                pilot,
                lambda: app.screen is not screen and not isinstance(app.screen, ReviewScreen),
                f"{screen.seat}'s orders submitted",
            )
        if visited == seats:
            break
        await settle(pilot, app)
    return visited


@asynccontextmanager
async def replaying(tmp_path: Path, game):
    """The app replaying `game` (closed first), opened again read-only: yields (app, pilot)."""
    from exercise.store import Game

    path = game.path
    game.close()
    with Game.open(path, read_only=True) as again:
        app = new_app(tmp_path, game=again, replay=True)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            yield app, pilot
