"""Writing new save files: a new game, or a branch of an existing one.

A new file is built next to its destination under a temporary name, closed (which folds the
WAL into it), then renamed over the destination in one step: a reader never sees half a save,
and an existing file is only ever replaced whole, and only when asked (force).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import insert
from sqlalchemy.orm import Session

from exercise import __version__
from exercise.core.canonical import sha256_text, state_json
from exercise.core.events import FacilitatorAction
from exercise.core.limits import seed_problem
from exercise.core.seats import FACILITATOR
from exercise.engine import new_game
from exercise.engine.rules import RULES_VERSION
from exercise.errors import ReplayError, SaveError, listed
from exercise.scenario import parse_scenario
from exercise.scenario.loader import scenario_text as read_scenario_text
from exercise.store import queries as q
from exercise.store.bulk import copy_rows
from exercise.store.codec import SNAPSHOT_CODEC, encode, events_digest, pack_snapshot
from exercise.store.database import exclusive_use, make_engine, set_file_identity, translated, writer
from exercise.store.evaluation import copy_evaluation
from exercise.store.eventlog import EventTable
from exercise.store.schema import (
    GAME_ID,
    SCHEMA_VERSION,
    Base,
    EventPackRow,
    EventShapeRow,
    GameRow,
    OrderPackRow,
    SeatRow,
    SnapshotRow,
    TalkOpeningRow,
    TalkRow,
    TurnRow,
    table_of,
)
from exercise.strategies import default_controllers

if TYPE_CHECKING:
    from exercise.store.game import Game


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _check_target(path: Path, force: bool) -> None:
    if path.is_dir():
        raise SaveError(f"{path}: is a directory; give a file name for the save")
    if path.exists() and not force:
        raise SaveError(f"{path}: already exists (choose another name, or --force to replace it)")
    if path.exists():  # replacing it would pull its WAL from under our connection, or another's
        with exclusive_use(path):
            pass


@contextmanager
def _new_file(path: Path):
    """Yield a writable session on a fresh temporary file; on success rename it to `path`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SaveError(f"{path.parent}: cannot create the directory ({e.strerror})") from None
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    for leftover in [tmp, *_sidecars(tmp)]:
        leftover.unlink(missing_ok=True)
    engine = make_engine(tmp, "rwc")
    try:
        with translated(path), Session(writer(engine)) as s, s.begin():
            Base.metadata.create_all(s.connection())
            set_file_identity(s)
            yield s
        engine.dispose()  # the last connection closes: the WAL is checkpointed and removed
        # Checked again, and held, as the old save is replaced: a program that opened it while
        # the new one was being built would go on writing to a file nobody sees.
        with exclusive_use(path) if path.exists() else nullcontext():
            for sidecar in _sidecars(path):  # a replaced save's WAL must not be replayed onto the new one
                sidecar.unlink(missing_ok=True)
            os.replace(tmp, path)
    finally:
        engine.dispose()
        for leftover in [tmp, *_sidecars(tmp)]:
            leftover.unlink(missing_ok=True)


def create_save(path: Path, scenario_path: Path, *, seed: int | None, humans: Iterable[str], force: bool) -> None:
    scenario_text = read_scenario_text(scenario_path)
    scenario = parse_scenario(scenario_text, scenario_path.name)
    humans = sorted(set(humans))
    seats = scenario.by_id.delegation_ids
    unknown = [h for h in humans if h not in scenario.by_id.delegations]
    if unknown:
        hint = f"see `exercise scenarios {scenario_path}`"
        raise SaveError(f"--human: {scenario.id} has no seat {unknown[0]!r} (seats: {listed(seats, hint=hint)})")
    seed = scenario.seed if seed is None else seed
    if seed_problem(seed):
        raise SaveError(f"--seed: a seed {seed_problem(seed)}")
    _check_target(path, force)
    start = new_game(scenario, seed)
    text = state_json(start)
    stamp = q.now()
    with _new_file(path) as s:
        s.add(
            GameRow(
                id=GAME_ID,
                schema_version=SCHEMA_VERSION,
                app_version=__version__,
                scenario_id=scenario.id,
                scenario_title=scenario.title,
                scenario_name=scenario_path.name,
                scenario_text=scenario_text,
                scenario_json=encode(tomllib.loads(scenario_text)),
                scenario_sha256=sha256_text(scenario_text),
                seed=seed,
                rules_version=RULES_VERSION,
                created_at=stamp,
                last_played_at=stamp,
                paused=False,
            )
        )
        s.flush()
        s.execute(
            insert(table_of(SeatRow)),
            [
                {"game_id": GAME_ID, "seat": seat, "controller": c}
                for seat, c in default_controllers(scenario, humans).items()
            ],
        )
        _write_start(s, text, stamp)


def _write_start(s: Session, text: str, stamp: str) -> None:
    s.execute(
        insert(table_of(SnapshotRow)).values(
            game_id=GAME_ID, turn=0, codec=SNAPSHOT_CODEC, sha256=sha256_text(text), data=pack_snapshot(text)
        )
    )
    s.execute(
        insert(table_of(TurnRow)).values(
            game_id=GAME_ID,
            turn=0,
            state_hash=sha256_text(text),
            events_hash=events_digest([]),
            last_seq=-1,
            resolved_at=stamp,
            forced=False,
        )
    )


def branch_save(game: Game, from_turn: int, path: Path, *, force: bool) -> None:
    if path.resolve() == game.path.resolve():
        raise SaveError(f"{path}: a branch needs a new file, not the save it comes from")
    _check_target(path, force)
    with game.session() as src, translated(game.path):
        latest = q.latest_turn(src)
        if not 0 <= from_turn <= latest:
            raise ReplayError(f"{game.path}: cannot branch from turn {from_turn} (turns 0 to {latest})")
        last = q.last_seq(src, from_turn)
        origin = src.get(GameRow, GAME_ID)
        if origin is None:
            raise SaveError(f"{game.path}: not a save (no game row)")
        stamp = q.now()
        with _new_file(path) as dst:
            dst.add(
                GameRow(
                    id=GAME_ID,
                    schema_version=SCHEMA_VERSION,
                    app_version=__version__,
                    scenario_id=origin.scenario_id,
                    scenario_title=origin.scenario_title,
                    scenario_name=origin.scenario_name,
                    scenario_text=origin.scenario_text,
                    scenario_json=origin.scenario_json,
                    scenario_sha256=origin.scenario_sha256,
                    seed=origin.seed,
                    rules_version=origin.rules_version,
                    created_at=stamp,
                    last_played_at=stamp,
                    paused=False,
                    branched_from=str(game.path),
                    branched_at_turn=from_turn,
                )
            )
            dst.flush()
            copy_rows(src, dst, SeatRow)
            copy_rows(src, dst, SnapshotRow, SnapshotRow.turn <= from_turn)
            copy_rows(src, dst, TurnRow, TurnRow.turn <= from_turn)
            copy_rows(src, dst, OrderPackRow, OrderPackRow.turn <= from_turn)
            copy_rows(src, dst, TalkRow, TalkRow.turn <= from_turn)  # talk is a turn's input, like orders
            copy_rows(src, dst, TalkOpeningRow, TalkOpeningRow.turn <= from_turn)
            copy_rows(src, dst, EventShapeRow)
            copy_rows(src, dst, EventPackRow, EventPackRow.seq <= last)  # a pack is within one turn
            copy_evaluation(src, dst, from_turn)
            q.append_audit(
                dst,
                EventTable(),
                [
                    FacilitatorAction(
                        turn=from_turn + 1,
                        audience=(FACILITATOR,),
                        action="branched",
                        detail=f"what-if from {game.path.name} at turn {from_turn}",
                    )
                ],
            )
