"""Game: one open save. Every read is a short read transaction (WAL: it never waits for a
writer); every write is one BEGIN IMMEDIATE transaction, so several terminals can share a file.

A Game remembers the last turn it saw (`turn`, `state()`, `resolve()` update it). Orders and
resolutions are meant for the turn after that one: if another client resolved it meanwhile,
`submit` and `resolve` raise AlreadyResolved instead of acting on a turn nobody looked at.
A screen that shows a turn passes `for_turn` itself, so a terminal left open while the turn
resolved elsewhere can never order for a turn its team has not seen. Nothing is recorded past
the scenario's last turn (GameOver). The live session (codes, leases, drafts, the round clock)
is `game.live` (live.py); the talk of each turn (statements, messages, offers, answers) is
`game.talk` (talk_log.py); evaluators' scores, notes and the improvement plan are
`game.evaluation` (evaluation.py).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Engine, Row, bindparam, delete, exc, select
from sqlalchemy.orm import Session

from exercise.core.events import Event
from exercise.core.orders import Order
from exercise.core.seats import FACILITATOR
from exercise.core.spec import Scenario
from exercise.core.state import GameState
from exercise.engine import TurnResult, validate_orders
from exercise.errors import AlreadyResolved, GameOver, GamePaused, ReadOnlySave, ReplayError, SaveError
from exercise.store import queries as q
from exercise.store import server
from exercise.store.bulk import Writes
from exercise.store.codec import orders_by_seat, orders_text, state_from_text
from exercise.store.database import (
    check_header,
    hold,
    release,
    same_file,
    translated,
    watcher,
    writer,
)
from exercise.store.evaluation import Evaluation
from exercise.store.eventlog import EventTable
from exercise.store.live import Live, bump_draft, clock_of, restart_clock
from exercise.store.opening import connect_checked, connect_server, stored_scenario, writable
from exercise.store.paths import SaveAddress, ServerGame, save_address
from exercise.store.records import HUMAN, SaveSummary, VerifyResult
from exercise.store.schema import (
    GAME_ID,
    SCHEMA_VERSION,
    DraftRow,
    PendingRow,
    SessionRow,
    TurnRow,
)
from exercise.store.talk_log import GameTalk, opened_board
from exercise.store.turns import plan_orders, write_turn
from exercise.store.upgrade import upgrade_in_place, upgrade_server_game, upgraded_copy
from exercise.store.white_cell import WhiteCellActions

_CLEAR_DRAFTS = delete(DraftRow).where(DraftRow.game_id == GAME_ID, DraftRow.turn <= bindparam("turn"))


class Game(WhiteCellActions):
    """One open save. Use as a context manager, or call close()."""

    def __init__(
        self,
        path: SaveAddress,
        db_path: Path | None,
        read_only: bool,
        row: Row,
        engine: Engine,
        tmp: tempfile.TemporaryDirectory | None = None,
        identity: int | None = None,
    ):
        """Use Game.open or Game.create. `identity`: a server game's (server.identity)."""
        self.path = path
        self.read_only = read_only
        self.scenario_text = row.scenario_text
        self.seed = row.seed
        self.rules_version = row.rules_version
        self._engine = engine
        self._server = isinstance(path, ServerGame)
        self._writer = server.writer(engine) if self._server else writer(engine)
        self._held: Any = identity if db_path is None else hold(db_path)
        self._tmp = tmp
        self._cache: tuple[int, GameState] | None = None
        self._log = EventTable()
        self._seen = 0
        self._watch: Any = None  # a connection of its own for `changes()`, opened on first use
        self.live = Live(self)
        self.evaluation = Evaluation(self)
        self.talk = GameTalk(self)
        try:
            self.scenario: Scenario = stored_scenario(row.scenario_json, path)
            self._seen = self.turn
        except BaseException:
            self.close()
            raise

    # --- opening and closing --------------------------------------------------------------
    @classmethod
    def create(
        cls, path, scenario_path, *, seed: int | None = None, humans: Iterable[str] = (), force: bool = False
    ) -> Game:
        """A new save of the scenario file; seed defaults to the scenario's. Refuses an existing
        path unless force (and then replaces it whole, never in part)."""
        from exercise.store.copying import create_save

        address = save_address(path)
        create_save(address, Path(scenario_path), seed=seed, humans=humans, force=force)
        return cls.open(address)

    @classmethod
    def open(cls, path, *, read_only: bool = False) -> Game:
        """Open a save (a file, or a game on a server: paths.save_address); one that is not a
        readable save raises SaveError in one line and is left as it was. An older save is
        upgraded (in place after a backup copy, or in a temporary copy when read_only)."""
        path = save_address(path)
        if isinstance(path, ServerGame):
            return cls._open_server(path, read_only)
        check_header(path)
        if not read_only and not writable(path):
            raise SaveError(f"{path}: cannot be written (read-only file or directory); open it read-only")
        engine, version, row = connect_checked(path, read_only)
        db_path, tmp = path, None
        if version < SCHEMA_VERSION:
            engine.dispose()
            if read_only:
                db_path, tmp = upgraded_copy(path, version)
            else:
                upgrade_in_place(path, version)
            engine, version, row = connect_checked(db_path, read_only)
        if row is None:  # an upgrade always ends at SCHEMA_VERSION; say so rather than fail later
            engine.dispose()
            raise SaveError(f"{path}: could not be brought to save format {SCHEMA_VERSION}")
        return cls(path, db_path, read_only, row, engine, tmp)

    @classmethod
    def _open_server(cls, address: ServerGame, read_only: bool) -> Game:
        engine, version, row, identity = connect_server(address, read_only)
        if version < SCHEMA_VERSION:
            engine.dispose()
            if read_only:
                raise SaveError(
                    f"{address}: is a game of save schema {version}; open it for play once "
                    f"(this release upgrades it to {SCHEMA_VERSION} in place) before reading it"
                )
            upgrade_server_game(address, version)
            engine, version, row, identity = connect_server(address, read_only)
        if row is None:
            engine.dispose()
            raise SaveError(f"{address}: could not be brought to save format {SCHEMA_VERSION}")
        return cls(address, None, read_only, row, engine, identity=identity)

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        self._engine.dispose()
        if not self._server:
            release(self._held)
        self._held = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> Game:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Game({str(self.path)!r}, scenario={self.scenario.id!r}, read_only={self.read_only})"

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with translated(self.path), Session(self._engine) as s:
            yield s

    @contextmanager
    def _write(self) -> Iterator[Session]:
        if self.read_only:
            raise ReadOnlySave(f"{self.path}: opened read-only (replay); open it for play to change it")
        if isinstance(self.path, Path) and not same_file(self.path, self._held):  # `new --force` elsewhere
            raise self._replaced()
        with translated(self.path), Session(self._writer) as s, s.begin():
            if self._server and server.identity(s) != self._held:  # the game's lock is held here
                raise self._replaced()
            yield s

    def _replaced(self) -> SaveError:
        return SaveError(
            f"{self.path}: was replaced or removed by another program since it was opened; "
            "nothing more is written to the old game (open the save again)"
        )

    def _state_at(self, s: Session, turn: int, latest: int) -> GameState:
        if self._cache is not None and self._cache[0] == turn:
            return self._cache[1]
        state = state_from_text(q.snapshot_text(s, turn, latest, str(self.path)), self.scenario)
        if turn == latest:  # the next resolve starts from it
            self._cache = (turn, state)
        return state

    def _expect(self, s: Session, for_turn: int | None) -> int:
        """The turn being ordered for / resolved; AlreadyResolved if someone else did it,
        GameOver past the scenario's last turn."""
        latest = q.latest_turn(s)
        target = self._seen + 1 if for_turn is None else for_turn
        if latest >= target:
            self._seen = latest
            raise AlreadyResolved(
                f"{self.path}: turn {target} was already resolved elsewhere (the save is at turn {latest})"
            )
        if target > self.scenario.turns:
            raise GameOver(f"{self.path}: the game is over (all {self.scenario.turns} turns are played)")
        if target != latest + 1:
            raise SaveError(f"{self.path}: turn {target} cannot be played yet (the save is at turn {latest})")
        return latest

    # --- reading ---------------------------------------------------------------------------
    @property
    def turn(self) -> int:
        """The last completed turn (0: not started)."""
        with self._read() as s:
            self._seen = q.latest_turn(s)
        return self._seen

    def state(self, turn: int | None = None) -> GameState:
        """The state after `turn` (default: the latest). Yours to keep: a fresh copy."""
        with self._read() as s:
            latest = q.latest_turn(s)
            if turn is None:
                turn = self._seen = latest
            return self._state_at(s, turn, latest).clone()

    def state_hash(self, turn: int | None = None) -> str:
        """The sha256 of the canonical state after `turn` (default: the latest)."""
        with self._read() as s:
            latest = q.latest_turn(s)
            turn = latest if turn is None else turn
            digest = s.scalar(select(TurnRow.state_hash).where(TurnRow.game_id == GAME_ID, TurnRow.turn == turn))
            if digest is None:
                raise ReplayError(f"{self.path}: there is no turn {turn} (turns 0 to {latest})")
            return digest

    def events(self, turn: int | None = None) -> list[Event]:
        """Every event (engine and white-cell audit) in the order recorded, or one turn's."""
        with self._read() as s:
            return q.events(s, self._log, turn, str(self.path))

    def orders(self, turn: int) -> dict[str, list[Order]]:
        """The orders turn `turn` was resolved with, by seat ("@white": the facilitator)."""
        with self._read() as s:
            return orders_by_seat((seat, text) for seat, text, _ in q.turn_orders(s, turn, str(self.path)))

    def order_sources(self, turn: int) -> dict[str, str]:
        """Where each seat's orders of `turn` came from: human, a strategy, the white cell."""
        with self._read() as s:
            return {seat: source for seat, _, source in q.turn_orders(s, turn, str(self.path))}

    def controllers(self) -> dict[str, str]:
        with self._read() as s:
            return q.controllers(s)

    def human_seats(self) -> list[str]:
        return [seat for seat, c in self.controllers().items() if c == HUMAN]

    def submitted(self) -> dict[str, list[Order]]:
        """Orders waiting for the next turn, by seat (a seat that submitted a pass: [])."""
        with self._read() as s:
            return orders_by_seat(q.pending(s, q.latest_turn(s) + 1).items())

    def waiting_for(self) -> list[str]:
        """Human seats that have not submitted orders for the next turn (none once it is over)."""
        with self._read() as s:
            latest = q.latest_turn(s)
            if latest >= self.scenario.turns:
                return []
            done = q.pending(s, latest + 1)
            return [seat for seat, c in q.controllers(s).items() if c == HUMAN and seat not in done]

    @property
    def finished(self) -> bool:
        return self.turn >= self.scenario.turns

    def changes(self) -> int:
        """A number that changes whenever another connection commits to the save (SQLite's
        data_version; on a server, the game's NOTIFYs heard): a screen polls it several times
        a second at the cost of one pragma (one round trip)."""
        if self._watch is None:
            self._watch = server.Watcher(self.path) if isinstance(self.path, ServerGame) else watcher(self.path)
        if isinstance(self._watch, server.Watcher):
            return self._watch.changes()
        with translated(self.path):
            return self._watch.execute("PRAGMA data_version").fetchone()[0]

    @property
    def paused(self) -> bool:
        with self._read() as s:
            return q.paused(s)

    # --- playing ---------------------------------------------------------------------------
    def submit(self, seat: str, orders: list[Order], *, for_turn: int | None = None, version: int | None = None) -> int:
        """Replace `seat`'s orders for turn `for_turn` (default: the one after the last this
        Game saw), after checking them against the latest state (OrderError says which order
        and why). `version`: the draft version the orders were made from (`live.draft`); if
        another terminal changed them since, StaleOrders. Returns the new draft version."""
        orders = list(orders)
        with self._write() as s:
            latest = self._expect(s, for_turn)
            if seat != FACILITATOR and seat not in q.controllers(s):
                raise SaveError(f"{self.path}: there is no seat {seat!r}")
            validate_orders(self._state_at(s, latest, latest), {seat: orders})
            new_version = bump_draft(s, seat, latest + 1, orders, version) if seat != FACILITATOR else 0
            self._put_pending(s, latest + 1, seat, orders)
            return new_version

    def _put_pending(self, s: Session, turn: int, seat: str, orders: list[Order]) -> None:
        row = s.get(PendingRow, (GAME_ID, turn, seat))
        if row is None:
            s.add(PendingRow(game_id=GAME_ID, turn=turn, seat=seat, orders=orders_text(orders), submitted_at=q.now()))
        else:
            row.orders, row.submitted_at = orders_text(orders), q.now()

    def resolve(self, *, force: bool = False, missing: str = "pass", for_turn: int | None = None) -> TurnResult | None:
        """Resolve the next turn once every human seat has submitted; None while still waiting.
        The result's state is read-only (it is the start of the next turn); use state() for a copy.
        force=True resolves anyway (missing human seats pass, or play their scripted strategy
        with missing="strategy") and also while paused; otherwise a paused game raises
        GamePaused. If another process resolved this turn first: raises AlreadyResolved."""
        with self._write() as s:
            latest = self._expect(s, for_turn)
            result = self._resolve_in(s, latest, force=force, missing=missing)
            if result is None:
                return None
        self._cache = (result.state.turn, result.state)
        self._seen = result.state.turn
        # The state returned is the one the next turn starts from: read it, never change it
        # (state() gives a copy of your own). Cloning a 200-delegation state for every
        # caller cost a fifth of persisting the turn, and no caller needs one.
        return result

    def _resolve_in(self, s: Session, latest: int, *, force: bool, missing: str, why: str = "") -> TurnResult | None:
        paused = q.paused(s)
        if paused and not force:
            raise GamePaused(f"{self.path}: the game is paused; resume it or force the turn")
        controllers = q.controllers(s)
        pending = q.pending(s, latest + 1)
        if not force and any(c == HUMAN and seat not in pending for seat, c in controllers.items()):
            return None
        state = self._state_at(s, latest, latest)
        board = opened_board(s, state, self.seed, controllers)  # scripted deals bind their orders too
        plan = plan_orders(
            state, self.seed, controllers, pending, force=force, missing=missing, paused=paused, why=why, board=board
        )
        writes = Writes()  # the turn's rows and these, sent together (one round trip on a server)
        result, _digest = write_turn(s, self._log, plan, state, self.seed, bool(plan.audit), writes, board=board)
        restart_clock(s, result.state.turn, time.time())
        writes.execute(_CLEAR_DRAFTS, {"turn": result.state.turn})
        try:
            writes.send(s)
        except exc.IntegrityError:  # the backstop: the (game, turn) key already exists
            raise AlreadyResolved(f"{self.path}: turn {latest + 1} was already resolved elsewhere") from None
        return result

    def resolve_if_time_is_up(self, *, for_turn: int | None = None) -> TurnResult | None:
        """Resolve turn `for_turn` if the round clock has run out and the white cell chose to
        resolve at zero (missing seats pass or play their strategy); None otherwise, also when
        another terminal got there first. Every open terminal may call it: one resolves."""
        with self._write() as s:
            try:
                latest = self._expect(s, for_turn)
            except (AlreadyResolved, GameOver):
                return None
            clock = clock_of(s.get(SessionRow, GAME_ID), latest, time.time())
            if not clock.expired or not clock.running or clock.at_zero == "warn" or q.paused(s):
                return None
            result = self._resolve_in(s, latest, force=True, missing=clock.at_zero, why="the round clock ran out")
            if result is None:
                return None
        self._cache = (result.state.turn, result.state)
        self._seen = result.state.turn
        return result

    # --- whole-save tools ------------------------------------------------------------------
    def branch(self, from_turn: int, new_path, *, force: bool = False) -> Game:
        """A what-if copy holding turns 0..from_turn; this save is not changed."""
        from exercise.store.copying import branch_save

        address = save_address(new_path)
        branch_save(self, from_turn, address, force=force)
        return Game.open(address)

    def copy(self, target, *, force: bool = False) -> Game:
        """The same game, every row of it, in another save (a file, or a game on a server)."""
        from exercise.store.copying import copy_save

        address = save_address(target)
        copy_save(self, address, force=force)
        return Game.open(address)

    @property
    def rules_note(self) -> str:
        """One line when the save was made under other rules than this engine plays, else ""."""
        from exercise.engine.rules import RULES_VERSION

        if self.rules_version == RULES_VERSION:
            return ""
        return (
            f"{self.path}: made under rules version {self.rules_version}, this engine plays version "
            f"{RULES_VERSION}: its turns are not re-resolved (stored turns replay as recorded; "
            "new turns follow the new rules)"
        )

    def verify(self) -> VerifyResult:
        from exercise.store.verify import verify_game

        return verify_game(self)

    def export_jsonl(self, out: TextIO, seat: str | None = None) -> int:
        """The save as JSON lines; `seat`: only what that seat could see (None: everything)."""
        from exercise.store.export import export_jsonl

        return export_jsonl(self, out, seat)

    def summary(self, *, scores: bool = False) -> SaveSummary:
        """What `exercise saves` lists; `scores`: also the human seats' scores (reads the state)."""
        from exercise.store.listing import summary_of

        return summary_of(self, scores=scores)

    def session(self) -> Session:
        """A read session on the save, for the store's own tools (verify, export, branch)."""
        return Session(self._engine)
