"""The game behind the schema-5 fixture and the readers' golden outputs (tests/store/data/).

`python -m tests.store.lean_game` with a release that writes schema 5 made
`data/schema5-cent.db`, `data/schema5-cent-branch.db` and `data/schema5-golden.json.gz`: what every reader
showed of that game before saves became lean (schema 6). test_lean_saves.py plays the same game
with today's code and checks the readers still show exactly that, on a fresh save and on the
upgraded fixture. Only the public Game API is used, so both releases play it the same way.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from exercise.store import Game
from exercise.strategies import strategy_orders

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = DATA / "schema5-golden.json.gz"  # reader name -> its output, as schema 5 showed it
SCENARIO = ROOT / "scenarios" / "cent-vs-decent.toml"
SEED = 7
SEAT = "usa"  # a human seat for some turns: its own view, a forced turn, a white-cell trail
BRANCH_AT = 5


def play(path: Path) -> None:
    """12 turns of cent-vs-decent with a pause, white-cell notes, a human seat that orders
    once and is missing once (a forced turn), then handed back to its strategy."""
    with Game.create(path, SCENARIO, seed=SEED, force=True) as game:
        for _ in range(3):
            game.resolve()
        game.pause()
        game.log_facilitator("note", "a pause for questions")
        game.resume()
        strategy = game.controllers()[SEAT]
        game.set_controller(SEAT, "human")
        game.submit(SEAT, strategy_orders(game.state(), SEAT, SEED))  # usa's team orders it
        game.resolve()
        game.resolve(force=True)  # usa did not order: it passes
        game.set_controller(SEAT, strategy)
        while not game.finished:
            game.resolve()


def branch(path: Path, out: Path) -> None:
    with Game.open(path) as game, game.branch(BRANCH_AT, out, force=True) as what_if:
        what_if.set_controller(SEAT, "blocker")  # the what-if: usa plays another strategy
        while not what_if.finished:
            what_if.resolve(force=True)


# Export fields that say in which format and where a file was written, not what it shows.
VOLATILE = ("schema_version", "branched_from")
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")  # when a save was created or played


def _steady(text: str) -> str:
    """Export lines with the volatile fields of the game line blanked."""
    lines = []
    for line in text.splitlines():
        obj = json.loads(line)
        if obj.get("type") == "game":
            obj = {k: v for k, v in obj.items() if k not in VOLATILE}
        lines.append(json.dumps(obj, sort_keys=True))
    return "\n".join(lines) + "\n"


def readers(save: Path, other: Path, run: Callable[..., tuple[int, str, str]]) -> dict[str, str]:
    """name -> what a reader printed of `save` (`other`: its branch, for compare)."""
    out: dict[str, str] = {}

    def take(name: str, *argv: object, steady: Callable[[str], str] = lambda t: t) -> None:
        code, text, err = run(*argv)
        out[name] = STAMP.sub("STAMP", f"exit {code}\n{steady(text)}{err}").replace(str(save.parent), "DATA")

    with Game.open(save, read_only=True) as game:
        turns = game.turn
    for turn in range(turns + 1):
        take(f"replay-{turn:02d}.json", "replay", save, "--turn", turn, "--json")
        take(f"replay-{turn:02d}-{SEAT}.txt", "replay", save, "--turn", turn, "--as", SEAT)
    take("replay-latest.txt", "replay", save)
    take("verify.json", "verify", save, "--json")
    take("export.jsonl", "export", save, steady=_steady)
    take(f"export-{SEAT}.jsonl", "export", save, "--as", SEAT, steady=_steady)
    take("debrief.json", "debrief", save, "--json")
    take("debrief.md", "debrief", save, "--markdown")
    take(f"debrief-{SEAT}.txt", "debrief", save, "--as", SEAT)
    take("compare.json", "compare", save, other, "--json")
    take("compare.txt", "compare", save, other, "--all-seats")
    take("report.md", "report", save, "--format", "md", "--out", "-")
    return out


def main() -> None:  # pragma: no cover - run once, with the release that wrote schema 5
    from exercise.cli import main as cli_main

    save, other = DATA / "schema5-cent.db", DATA / "schema5-cent-branch.db"
    play(save)
    branch(save, other)

    def run(*argv: object) -> tuple[int, str, str]:
        import contextlib
        import io

        o, e = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(o), contextlib.redirect_stderr(e):
            code = cli_main([str(a) for a in argv])
        return code, o.getvalue(), e.getvalue()

    GOLDEN.write_bytes(gzip.compress(json.dumps(readers(save, other, run), indent=1, sort_keys=True).encode(), mtime=0))
    sys.exit(0)


if __name__ == "__main__":
    main()
