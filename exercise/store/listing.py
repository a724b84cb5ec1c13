"""Finding the saves in a directory, or the games in a database on a server.

SQLAlchemy is imported only once there is a save to open, and the engine only for scores: the
terminal UI's home screen lists the saves folder as it starts, and an empty folder (a first
start) should not pay for either.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from exercise.core.seats import HUMAN
from exercise.errors import SaveError
from exercise.store.paths import SaveAddress, ServerGame, is_server_url
from exercise.store.records import SaveSummary

if TYPE_CHECKING:
    from exercise.store.game import Game

DEFAULT_DIR = Path("saves")
SUFFIXES = (".db", ".sqlite", ".sqlite3")


def save_files(directory) -> list[Path]:
    """The files of `directory` that may be saves (by suffix), sorted by name."""
    directory = Path(directory)
    if not directory.is_dir():
        raise SaveError(f"{directory}: no such directory")
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())


def save_addresses(where) -> list[SaveAddress]:
    """The saves in a folder (save_files), or every game in a database given by its URL."""
    if not is_server_url(where):
        return list(save_files(where))
    from exercise.store import server
    from exercise.store.database import translated

    database = ServerGame(str(where).partition("#")[0], "")
    with translated(database), server.admin_session(database) as s:
        return [database.other(name) for name in server.game_names(s)]


def list_saves(directory=DEFAULT_DIR, *, problems: list[str] | None = None, scores: bool = False) -> list[SaveSummary]:
    """Summaries of the saves in `directory`, most recently played first. Files that are not
    saves are skipped; each gets one line in `problems` when a list is given. `scores`: with
    the human seats' scores (each save's state is read: slower)."""
    found = []
    saves = save_addresses(directory)
    if saves:
        from exercise.store.game import Game
    for path in saves:
        try:
            with Game.open(path, read_only=True) as game:
                found.append(game.summary(scores=scores))
        except SaveError as e:
            if problems is not None:
                problems.append(str(e))
    found.sort(key=lambda s: (s.last_played_at, s.path.name), reverse=True)
    return found


def summary_of(game: Game, *, scores: bool = False) -> SaveSummary:
    """What `exercise saves` lists of a save; `scores`: also the human seats' scores (reads the state)."""
    from exercise.store import queries as q

    marks = None
    if scores:  # the engine only for scores: the home screen lists saves without it
        from exercise.engine.metrics import delegation_score

        state = game.state()
        marks = {
            seat: delegation_score(state, seat)
            for seat, c in game.controllers().items()
            if c == HUMAN and game.scenario.delegation(seat).objectives
        }
    with game._read() as s:
        row = q.game_row(s)
        latest = q.latest_turn(s)
        controllers = q.controllers(s)
        done = q.pending(s, latest + 1)
        over = latest >= game.scenario.turns
        return SaveSummary(
            path=game.path,
            scenario_id=game.scenario.id,
            title=game.scenario.title,
            turn=latest,
            length=game.scenario.turns,
            seed=game.seed,
            controllers=controllers,
            waiting_for=()
            if over
            else tuple(seat for seat, c in controllers.items() if c == HUMAN and seat not in done),
            paused=row.paused,
            created_at=row.created_at,
            last_played_at=row.last_played_at,
            branched_from=row.branched_from,
            branched_at_turn=row.branched_at_turn,
            scores=marks,
        )
