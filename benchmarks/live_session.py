"""A live session under load: 8 client processes on one save for 200 turns (issue 11).

    python benchmarks/live_session.py                  # 8 clients, 200 turns (a few minutes)
    python benchmarks/live_session.py --turns 30       # a quick look

The clients are what a classroom runs: one terminal per human seat (six of them; two save a
draft before they submit, the last to submit resolves the turn), a relief terminal that takes
a seat over now and then and submits for it (the seat's own terminal learns it at its
heartbeat, goes read-only, and opens the seat again once the relief leaves), and the white
cell, which forces a turn now and then (and any turn kept waiting too long). Every client
watches the save with `game.changes()` every `WATCH_SECONDS`, as an open screen does, and
notes when it first sees each new turn; whoever resolves notes time.time() right after the
commit. Every client logs what it did to a JSON-lines file; the figures come from those logs
and the save:

- resolutions per turn (must be exactly 1) and the races lost (AlreadyResolved);
- orders lost: a seat's last accepted submission for a turn (the highest draft version) that
  is not what the turn was resolved with; duplicated orders (two rows for one seat and turn);
- orders accepted for a turn already resolved (a pending row left for a resolved turn);
- `verify`;
- the delay from a turn's commit to each other client seeing it: median, p95 and worst.

Figures are printed beside a fixed reference loop's time (the machine is shared and noisy).
Everything is bounded: each client stops at its deadline, the parent kills what is left.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEATS = 6  # human seats, one terminal each


def machine_speed() -> float:
    """Seconds for a fixed pure-Python loop, in two processes at once (as in sweep_speed.py:
    2.0 s was its quickest reading on this machine, 3.5 s its slowest)."""
    code = "import time\nt = time.perf_counter()\nx = 0\nfor i in range(20_000_000): x += i\nprint(time.perf_counter() - t)"
    runs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    return max(float(run.communicate()[0]) for run in runs)


# --- the clients ----------------------------------------------------------------------------------
class Log:
    def __init__(self, path: Path, client: str):
        self._file = path.open("a", encoding="utf-8")
        self.client = client

    def __call__(self, kind: str, **fields) -> None:
        self._file.write(json.dumps({"kind": kind, "client": self.client, "time": time.time(), **fields}) + "\n")
        self._file.flush()


class Watch:
    """What an open screen does: ask the save every WATCH_SECONDS whether anything changed,
    and read the turn only when it did."""

    def __init__(self, game, log: Log):
        self.game, self.log = game, log
        self.version = game.changes()
        self.turn = game.turn
        self.log("seen", turn=self.turn)

    def poll(self) -> bool:
        """True if a new turn was seen."""
        version = self.game.changes()
        if version == self.version:
            return False
        self.version = version
        return self.see()

    def see(self) -> bool:
        turn = self.game.turn
        if turn <= self.turn:
            return False
        for t in range(self.turn + 1, turn + 1):
            self.log("seen", turn=t)
        self.turn = turn
        return True


def resolved(log: Log, watch: Watch, result, how: str) -> None:
    """A resolution committed by this client: its time first, then this client has seen it."""
    log("resolved", turn=result.state.turn, how=how)
    watch.see()


def seat_client(args) -> None:
    from exercise.errors import AlreadyResolved, GameOver, SeatTaken, StaleOrders
    from exercise.store import Game
    from exercise.store.codec import orders_text
    from exercise.store.records import HEARTBEAT_SECONDS, WATCH_SECONDS, new_holder
    from exercise.strategies import strategy_orders

    rng = random.Random(args.rng)
    log = Log(Path(args.log), args.name)
    seat, holder = args.seat, new_holder()
    with Game.open(args.save) as game:
        game.live.open_seats([seat], holder, takeover=True, place=args.name)
        holding, beat = True, time.monotonic()
        watch = Watch(game, log)
        done_for, think_until = 0, time.monotonic() + rng.uniform(0.02, 0.3)
        while time.time() < args.deadline and watch.turn < args.turns:
            if time.monotonic() - beat >= HEARTBEAT_SECONDS:
                beat = time.monotonic()
                if holding:
                    if game.live.heartbeat([seat], holder):
                        holding = False
                        log("lost", seat=seat)
                else:
                    try:
                        game.live.open_seats([seat], holder, place=args.name)
                        holding = True
                        log("reopened", seat=seat)
                    except SeatTaken:
                        pass
            if watch.poll():
                think_until = time.monotonic() + rng.uniform(0.02, 0.3)
            target = watch.turn + 1
            if holding and done_for < target and time.monotonic() >= think_until and target <= args.turns:
                try:
                    draft = game.live.draft(seat)
                    if draft.turn != target:  # the save moved on since the last look
                        watch.see()
                        continue
                    orders = strategy_orders(game.state(watch.turn), seat, game.seed)
                    version = draft.version
                    if args.drafts:  # picks one order, keeps the draft, then picks the rest
                        version = game.live.save_draft(seat, orders[:1], for_turn=target, version=version)
                        log("draft", turn=target, seat=seat, version=version)
                    version = game.submit(seat, orders, for_turn=target, version=version)
                    log("submit", turn=target, seat=seat, orders=orders_text(orders), version=version)
                    done_for = target
                    result = game.resolve(for_turn=target)
                    if result is not None:
                        resolved(log, watch, result, "last submission")
                except StaleOrders:  # another terminal (the relief) changed them: look again
                    log("stale", turn=target, seat=seat)
                    done_for = target  # the relief spoke for the seat this turn
                except AlreadyResolved:
                    log("too late", turn=target, seat=seat)
                    watch.see()
                except GameOver:
                    break
            time.sleep(WATCH_SECONDS)
        if holding:
            game.live.close_seats([seat], holder)


def relief_client(args) -> None:
    """Now and then takes a seat over for a couple of turns and submits for it."""
    from exercise.errors import AlreadyResolved, GameOver, StaleOrders
    from exercise.store import Game
    from exercise.store.codec import orders_text
    from exercise.store.records import HEARTBEAT_SECONDS, WATCH_SECONDS, new_holder
    from exercise.strategies import strategy_orders

    rng = random.Random(args.rng)
    log = Log(Path(args.log), args.name)
    holder = new_holder()
    with Game.open(args.save) as game:
        watch = Watch(game, log)
        seats = game.human_seats()
        seat, until_turn, done_for, beat = None, 0, 0, time.monotonic()
        next_takeover = rng.randint(3, 12)
        while time.time() < args.deadline and watch.turn < args.turns:
            watch.poll()
            if seat is None and watch.turn >= next_takeover:
                seat = rng.choice(seats)
                game.live.open_seats([seat], holder, takeover=True, place=args.name)
                log("takeover", seat=seat, turn=watch.turn)
                until_turn, beat = watch.turn + rng.randint(1, 3), time.monotonic()
            if seat is not None and time.monotonic() - beat >= HEARTBEAT_SECONDS:
                beat = time.monotonic()
                if game.live.heartbeat([seat], holder):
                    log("lost", seat=seat)
                    seat = None
            if seat is not None and watch.turn >= until_turn:
                game.live.close_seats([seat], holder)
                log("left", seat=seat, turn=watch.turn)
                seat, next_takeover = None, watch.turn + rng.randint(4, 15)
            target = watch.turn + 1
            if seat is not None and done_for < target <= args.turns:
                try:
                    draft = game.live.draft(seat)
                    if draft.turn == target and not draft.submitted:
                        orders = strategy_orders(game.state(watch.turn), seat, game.seed)[::-1]
                        version = game.submit(seat, orders, for_turn=target, version=draft.version)
                        log("submit", turn=target, seat=seat, orders=orders_text(orders), version=version)
                        result = game.resolve(for_turn=target)
                        if result is not None:
                            resolved(log, watch, result, "last submission")
                    done_for = target
                except StaleOrders:
                    log("stale", turn=target, seat=seat)
                except AlreadyResolved:
                    log("too late", turn=target, seat=seat)
                    watch.see()
                except GameOver:
                    break
            time.sleep(WATCH_SECONDS)
        if seat is not None:
            game.live.close_seats([seat], holder)


def white_client(args) -> None:
    """Forces about one turn in eight, racing the last submission, and any turn kept waiting."""
    from exercise.errors import AlreadyResolved, GameOver
    from exercise.store import Game
    from exercise.store.records import WATCH_SECONDS

    rng = random.Random(args.rng)
    log = Log(Path(args.log), args.name)
    with Game.open(args.save) as game:
        watch = Watch(game, log)

        def plan() -> float:
            return time.monotonic() + (rng.uniform(0.05, 0.4) if rng.random() < 1 / 8 else args.patience)

        force_at = plan()
        while time.time() < args.deadline and watch.turn < args.turns:
            if watch.poll():
                force_at = plan()
            if time.monotonic() >= force_at:
                target = watch.turn + 1
                try:
                    result = game.resolve(force=True, missing=rng.choice(("pass", "strategy")), for_turn=target)
                    resolved(log, watch, result, "forced")
                except AlreadyResolved:
                    log("too late", turn=target)
                    watch.see()
                except GameOver:
                    break
                force_at = plan()
            time.sleep(WATCH_SECONDS)


# --- the run and its figures -------------------------------------------------------------------------
def make_save(tmp: Path, turns: int, delegations: int):
    from exercise.scenario.generate import generate_scenario
    from exercise.store import Game

    scenario = tmp / "live.toml"
    scenario.write_text(generate_scenario(delegations, 3, 10, seed=1, turns=turns), encoding="utf-8")
    save = tmp / "live.db"
    with Game.create(save, scenario) as game:
        humans = sorted(game.controllers())[:SEATS]
    save.unlink()
    Game.create(save, scenario, humans=humans).close()
    return save, humans


def run(args) -> None:
    from sqlalchemy import select

    from exercise.store import Game
    from exercise.store.codec import unpack_orders
    from exercise.store.records import HEARTBEAT_SECONDS, WATCH_SECONDS
    from exercise.store.schema import OrderPackRow, PendingRow, TurnRow

    with tempfile.TemporaryDirectory(prefix="live-bench-") as tmp_name:
        tmp = Path(tmp_name)
        save, humans = make_save(tmp, args.turns, args.delegations)
        logs = tmp / "logs"
        logs.mkdir()
        deadline = time.time() + args.timeout
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        common = ["--save", str(save), "--turns", str(args.turns), "--deadline", str(deadline)]
        clients = [
            (f"seat-{seat}", ["--client", "seat", "--seat", seat, *(["--drafts"] if i < 2 else [])])
            for i, seat in enumerate(humans)
        ]
        clients += [
            ("relief", ["--client", "relief"]),
            ("white", ["--client", "white", "--patience", str(args.patience)]),
        ]
        print(
            f"{len(clients)} clients on one save: {len(humans)} human seats ({humans[0]}...), a relief terminal, "
            f"the white cell; {args.turns} turns of a generated {args.delegations}-delegation world"
        )
        print(f"watch every {WATCH_SECONDS} s, heartbeat every {HEARTBEAT_SECONDS} s")
        print(
            f"machine speed: a fixed loop took {machine_speed():.2f} s on each of two cores "
            "(quickest seen: 2.0 s, slowest 3.5 s)",
            flush=True,
        )
        t0 = time.time()
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    *common,
                    *extra,
                    "--name",
                    name,
                    "--log",
                    str(logs / f"{name}.jsonl"),
                    "--rng",
                    str(i),
                ],
                env=env,
                stderr=subprocess.PIPE,
                text=True,
            )
            for i, (name, extra) in enumerate(clients)
        ]
        failures = []
        for (name, _), proc in zip(clients, procs):
            try:
                _, err = proc.communicate(timeout=max(1.0, deadline + 30 - time.time()))
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
            if proc.returncode != 0:
                failures.append(f"{name}: exit {proc.returncode}: {err.strip().splitlines()[-1:] or ''}")
        elapsed = time.time() - t0
        records = [json.loads(line) for path in sorted(logs.iterdir()) for line in path.read_text().splitlines()]
        with Game.open(save, read_only=True) as game:
            latest = game.turn
            verified = game.verify()
            with game.session() as s:
                table, duplicates = {}, []
                for t, data in s.execute(select(OrderPackRow.turn, OrderPackRow.data)):
                    for seat, text, source in unpack_orders(data, f"turn {t}"):
                        if (t, seat) in table:  # a seat twice in one turn's orders
                            duplicates.append((t, seat))
                        table[t, seat] = (text, source)
                left = s.execute(select(PendingRow.turn, PendingRow.seat).where(PendingRow.turn <= latest)).all()
                forced_turns = {t for (t,) in s.execute(select(TurnRow.turn).where(TurnRow.forced))}
        report(records, table, duplicates, left, forced_turns, latest, verified, elapsed, failures, args.turns)
        if args.keep:  # the save and every client's log, to look into
            shutil.copytree(tmp, args.keep, dirs_exist_ok=True)


def report(records, table, duplicates, left, forced_turns, latest, verified, elapsed, failures, turns) -> None:
    by_kind = defaultdict(list)
    for r in records:
        by_kind[r["kind"]].append(r)
    resolutions = Counter(r["turn"] for r in by_kind["resolved"])
    how = Counter(r["how"] for r in by_kind["resolved"])
    per_turn = Counter(resolutions[t] for t in range(1, latest + 1))
    # each seat's last accepted submission for a turn is the highest draft version
    last = {}
    for r in by_kind["submit"]:
        key = (r["turn"], r["seat"])
        if key not in last or r["version"] > last[key]["version"]:
            last[key] = r
    lost = [
        (key, r["client"])
        for key, r in last.items()
        if key[0] <= latest and table.get(key, (None, None)) != (r["orders"], "human")
    ]
    unresolved = [key for key in last if key[0] > latest]
    # a human row marked "human" that no client believes it submitted
    phantom = [key for key, (_, source) in table.items() if source == "human" and key not in last]
    commits = {r["turn"]: r["time"] for r in by_kind["resolved"]}
    resolver = {r["turn"]: r["client"] for r in by_kind["resolved"]}
    seen = defaultdict(dict)
    for r in by_kind["seen"]:
        seen[r["turn"]].setdefault(r["client"], r["time"])
    delays = sorted(
        t - commits[turn] for turn in commits for client, t in seen[turn].items() if client != resolver[turn]
    )
    clients = {r["client"] for r in records}
    missed = sum(1 for turn in commits for c in clients if c not in seen[turn] and c != resolver[turn])
    print(
        f"ran {elapsed:.0f} s: {latest} of {turns} turns, {latest / elapsed:.2f} turns/s"
        + (f"; clients failed: {failures}" if failures else "")
    )
    print(
        f"resolutions per turn: {dict(sorted(per_turn.items()))} (turn count -> turns; must be {{1: {latest}}});"
        f" {how['last submission']} by the last submission, {how['forced']} forced by the white cell"
        f" ({len(forced_turns)} turns with seats missing, marked forced in the save); {len(by_kind['too late'])} attempts refused as too late"
    )
    print(
        f"submissions accepted: {len(by_kind['submit'])} ({len(last)} seat-turns; drafts saved first"
        f" {len(by_kind['draft'])}); refused as stale {len(by_kind['stale'])}; takeovers"
        f" {len(by_kind['takeover'])}, terminals that learnt they were taken over {len(by_kind['lost'])},"
        f" seats opened again {len(by_kind['reopened'])}"
    )
    print(
        f"orders lost: {len(lost)}{' ' + str(lost[:5]) if lost else ''}; duplicated: {len(duplicates)};"
        f" recorded as human but submitted by nobody: {len(phantom)};"
        f" accepted for a resolved turn: {len(left)}; accepted and never resolved: {len(unresolved)}"
    )
    print(f"verify: {'ok' if verified.ok else 'FAILED: ' + verified.reason} ({verified.turns} turns)")
    if delays:
        p95 = delays[int(0.95 * (len(delays) - 1))]
        print(
            f"commit to seen by another client: median {statistics.median(delays) * 1000:.0f} ms,"
            f" p95 {p95 * 1000:.0f} ms, worst {delays[-1] * 1000:.0f} ms ({len(delays)} sightings,"
            f" {sum(d > 1.0 for d in delays)} over 1 s; never seen: {missed})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--delegations", type=int, default=12)
    parser.add_argument(
        "--patience", type=float, default=3.0, help="seconds the white cell lets a turn wait before forcing it"
    )
    parser.add_argument("--timeout", type=float, default=900.0, help="every client stops after this")
    parser.add_argument("--keep", metavar="DIR", help="copy the save and the clients' logs here")
    # a client's own options (the run starts them with these)
    parser.add_argument("--client", choices=["seat", "relief", "white"], help=argparse.SUPPRESS)
    parser.add_argument("--save", help=argparse.SUPPRESS)
    parser.add_argument("--seat", help=argparse.SUPPRESS)
    parser.add_argument("--drafts", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--name", help=argparse.SUPPRESS)
    parser.add_argument("--log", help=argparse.SUPPRESS)
    parser.add_argument("--rng", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--deadline", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client is None:
        run(args)
    else:
        {"seat": seat_client, "relief": relief_client, "white": white_client}[args.client](args)


if __name__ == "__main__":
    main()
