"""Mutating the shipped scenarios, and checking what the CLI does with each mutant.

Shared by tests/scenarios/test_fuzz.py (a few hundred files in CI) and
benchmarks/fuzz_scenarios.py (10,000). Every mutant must get either exit 0 from `validate`
and then play (new, run, replay, verify: exit 0, a save that opens), or exit 2 with every
stderr line naming the file: never exit 1 (an internal error), never a traceback.
"""

from __future__ import annotations

import contextlib
import copy
import io
import math
import random
import tomllib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

from exercise.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.toml"))
SMALL = [p for p in SHIPPED if p.stem in ("tutorial", "hygiene", "civilian-protection", "outside-in")]

WEIRD_VALUES: list[Any] = [
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    -1e308,
    5e-324,
    -50,
    -1,
    0,
    1,
    2,
    10**6,
    10**18,
    2**63 - 1,
    2**63,
    -(2**63),
    10**30,
    0.5,
    -0.0,
    True,
    "",
    " ",
    "white",
    "@white",
    "../../escaped/pwned",
    "/tmp/abs",
    "a,b",
    "-dash",
    "x\u200by",
    "Ab",
    "a\nb",
    "é-中",
    "x" * 10_000,
    "projector",
    "evaluator-1",
    [],
    {},
    [1, [2]],
    {"a": 1},
    "nan",
]
WEIRD_KEYS = ["statment", "a\nb", "my key", 'q"uote', "", "id.x", "\u200b"]


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    """Every (container path, key) pair in the data, for choosing what to mutate."""
    out = []
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((*path, key))
            out.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.append((*path, i))
            out.extend(_paths(value, (*path, i)))
    return out


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def mutate(data: dict[str, Any], rng: random.Random) -> tuple[dict[str, Any] | str, str]:
    """One mutant of the scenario data (or raw text), and the name of the mutation."""
    data = copy.deepcopy(data)
    paths = _paths(data)
    kind = rng.choice(["value", "value", "value", "value", "id", "delete", "key", "deep", "type", "text"])
    path = rng.choice(paths)
    parent, key = _get(data, path[:-1]), path[-1]
    if kind == "value":
        parent[key] = rng.choice(WEIRD_VALUES)
    elif kind == "id":
        ids = [p for p in paths if p[-1] == "id"]
        p = rng.choice(ids)
        _get(data, p[:-1])["id"] = rng.choice([v for v in WEIRD_VALUES if isinstance(v, str)])
    elif kind == "delete":
        del parent[key]
    elif kind == "key":
        target = parent if isinstance(parent, dict) else data
        target[rng.choice(WEIRD_KEYS)] = rng.choice(WEIRD_VALUES)
    elif kind == "deep":  # written as text: tomli_w itself recurses once per level
        depth = rng.choice([9, 50, 1000, 5000])
        parent[key] = "DEEP-PLACEHOLDER"
        text = tomli_w.dumps(data)
        nested = rng.choice([("[" * depth, "]" * depth), ("{a = " * depth, "}" * depth)])
        return text.replace('"DEEP-PLACEHOLDER"', nested[0] + "1" + nested[1], 1), "deep"
    elif kind == "type":
        value = parent[key]
        parent[key] = str(value) if not isinstance(value, str) else [value]
    elif kind == "text":
        text = tomli_w.dumps(data)
        cut = rng.randrange(len(text))
        junk = rng.choice(["", "[[", "= =", "\x00", "\ud7ff", '"', "[" * 2000, "a = [" * 1000])
        return text[:cut] + junk + text[cut + rng.randrange(0, 50) :], "text"
    return data, kind


def _call(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
    return code, err.getvalue()


def try_file(path: Path, save: Path) -> str:
    """What became of one scenario file: "valid" (and it played), "refused" (exit 2, good
    lines), or a failure kind: "internal", "bad-lines", "unplayable", "unopenable"."""
    code, err = _call(["validate", str(path)])
    lines = err.strip().splitlines()
    if code == 1 or "internal error" in err or "Traceback" in err:
        return "internal"
    if code == 2:
        ok = bool(lines) and all(line.startswith(path.name + ":") or line.startswith(str(path) + ":") for line in lines)
        return "refused" if ok else "bad-lines"
    if code != 0:
        return "bad-lines"
    if save.exists():
        save.unlink()
    steps = [
        ["new", str(path), "--save", str(save), "--force"],
        ["run", str(save), "--turns", "2"],
        ["replay", str(save), "--turn", "1"],
        ["verify", str(save)],
    ]
    for argv in steps:
        code, err = _call(argv)
        if code == 1 or "internal error" in err:
            return "internal"
        if code != 0:
            if save.exists() and _call(["replay", str(save)])[0] != 0:
                return "unopenable"
            return "unplayable"
    return "valid"


def run(
    count: int,
    folder: Path,
    seed: int = 0,
    sources: list[Path] | None = None,
    report: Callable[[int, Counter], None] | None = None,
) -> tuple[Counter, Counter, list[str]]:
    """Try `count` mutants; (outcome counts, mutation-kind counts of failures, examples)."""
    rng = random.Random(seed)
    sources = sources or SHIPPED
    bases = [(p, tomllib.loads(p.read_text(encoding="utf-8"))) for p in sources]
    outcomes: Counter = Counter()
    failing: Counter = Counter()
    examples: list[str] = []
    for i in range(count):
        source, data = rng.choice(bases)
        mutant, kind = mutate(data, rng)
        path = folder / f"mutant-{i}.toml"
        text = mutant if isinstance(mutant, str) else tomli_w.dumps(mutant)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        outcome = try_file(path, folder / "mutant.db")
        outcomes[outcome] += 1
        if outcome not in ("valid", "refused"):
            failing[f"{outcome}:{kind}"] += 1
            if len(examples) < 20:
                kept = folder / f"failed-{i}.toml"
                path.rename(kept)
                examples.append(f"{outcome} ({kind}, from {source.name}): {kept}")
                continue
        path.unlink()
        if report and (i + 1) % 500 == 0:
            report(i + 1, outcomes)
    return outcomes, failing, examples
