"""How soon a resolved turn's results reach every open screen (issue 11's "within 1 s").

    python benchmarks/live_screens.py                  # 3 terminals, 20 turns (about a minute)
    python benchmarks/live_screens.py --turns 40 --gap 1.0

Real terminal-UI processes (the app itself, headless, one process each: two seats left idle on
their desks and the white cell's console) watch one save while a controller process forces a
turn every --gap seconds, as a white cell would at another terminal. Each terminal records when
its screen first shows a turn's results (then presses enter, back to its desk); the controller
records when each turn was committed. Printed: the latency from commit to screen, median, 95th
percentile and worst, over every terminal and turn, beside a fixed reference loop's time.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"
SEATS = ("atlantia", "borealis", "white")


def terminal(save: str, seat: str, out: str, turns: int) -> None:
    """One terminal: the app on `save` as `seat`, writing 'TURN SECONDS' when results show."""
    from exercise.store import Game
    from exercise.tui.app import ExerciseApp

    async def run() -> None:
        game = Game.open(save)
        app = ExerciseApp(saves_dir=Path(save).parent, game=game, seat=seat)
        with open(out, "w", encoding="utf-8") as log:
            async with app.run_test(size=(120, 40)) as pilot:
                for _ in range(500):  # settle on the first screen (no tutorial past turn 0)
                    await pilot.pause(0.02)
                    if type(app.screen).__name__ in ("SeatScreen", "WhiteScreen"):
                        break
                if type(app.screen).__name__ == "TutorialScreen":
                    await pilot.press("escape")
                print("ready", file=log, flush=True)
                seen = 0
                deadline = time.monotonic() + 600
                while seen < turns and time.monotonic() < deadline:
                    await pilot.pause(0.01)
                    screen = app.screen
                    if type(screen).__name__ == "TurnResultsScreen" and screen.digest.turn > seen:
                        seen = screen.digest.turn
                        print(seen, time.time(), file=log, flush=True)
                        await pilot.press("enter")
        game.close()

    asyncio.run(run())


def reference_loop() -> float:
    started = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += i % 7
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--gap", type=float, default=1.5, help="seconds between forced turns")
    parser.add_argument("--terminal", nargs=3, metavar=("SAVE", "SEAT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.terminal:
        terminal(*args.terminal, turns=args.turns)
        return
    from exercise.store import Game

    print(f"reference loop: {reference_loop():.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        scenario = Path(tmp) / "long.toml"
        text = TUTORIAL.read_text(encoding="utf-8").replace("turns = 8", f"turns = {args.turns + 1}", 1)
        scenario.write_text(text, encoding="utf-8")
        save = Path(tmp) / "live.db"
        Game.create(save, scenario, humans=["atlantia", "borealis"]).close()
        logs = {seat: Path(tmp) / f"{seat}.log" for seat in SEATS}
        procs = [
            subprocess.Popen(
                [sys.executable, __file__, "--turns", str(args.turns), "--terminal", str(save), seat, str(logs[seat])]
            )
            for seat in SEATS
        ]
        try:
            started = time.monotonic()
            while not all(p.exists() and "ready" in p.read_text() for p in logs.values()):
                if time.monotonic() - started > 120 or any(p.poll() is not None for p in procs):
                    raise SystemExit("a terminal did not start")
                time.sleep(0.1)
            committed: dict[int, float] = {}
            with Game.open(save) as white:
                for _ in range(args.turns):
                    time.sleep(args.gap)
                    result = white.resolve(force=True)
                    committed[result.state.turn] = time.time()
            for p in procs:
                p.wait(timeout=60)
        finally:
            for p in procs:
                if p.poll() is None:
                    p.kill()
        latencies, missing = [], 0
        for log in logs.values():
            seen = {}
            for line in log.read_text().splitlines()[1:]:
                turn, at = line.split()
                seen[int(turn)] = float(at)
            for turn, at in committed.items():
                if turn in seen:
                    latencies.append(seen[turn] - at)
                else:
                    missing += 1
    latencies.sort()
    print(f"{len(SEATS)} terminals x {args.turns} forced turns, one every {args.gap:g} s")
    print(
        f"commit -> results on screen: median {statistics.median(latencies) * 1000:.0f} ms, "
        f"95th percentile {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms, "
        f"worst {latencies[-1] * 1000:.0f} ms; turns never shown: {missing}"
    )


if __name__ == "__main__":
    main()
