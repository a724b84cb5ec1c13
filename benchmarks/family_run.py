"""The family validation (docs/validation.md): every experiment posed on every world of every
shipped family, and on the shipped scenarios, with the wall time of each beside a fixed
reference loop's time (so figures from machines of different speed compare).

    python benchmarks/family_run.py                       # full size: 50 worlds a family, 2 workers
    python benchmarks/family_run.py --quick               # the CI size (10 small worlds a family)
    python benchmarks/family_run.py --families un-like --count 20
    python benchmarks/family_run.py --scenarios-only      # scenarios/*.toml and the lab scenarios
    python benchmarks/family_run.py --floors              # the CI floors table only
    python benchmarks/family_run.py --quick --write-docs  # ... and put the tables into docs/validation.md

It prints the markdown tables docs/validation.md holds (the same as `exercise experiments
--worlds NAME --markdown`) and, per table, the games played and the seconds taken. The issue's
budget: the full-size run of a family within 20 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import math
import shutil
import tempfile
import time
from pathlib import Path

from exercise.batch.floors import CI_COUNT, CI_FAMILY, FLOORS, TARGET
from exercise.batch.worlds import prepare, run_plan
from exercise.cli.worlds_report import markdown_table
from exercise.scenario.families import load_families

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "validation.md"
BEGIN, END = "<!-- worlds-tables:begin -->", "<!-- worlds-tables:end -->"
FLOORS_BEGIN, FLOORS_END = "<!-- floors:begin -->", "<!-- floors:end -->"


def reference_loop() -> float:
    """A fixed pure-Python workload (about a second on a 2020s laptop core)."""
    started = time.perf_counter()
    total = 0.0
    for i in range(1, 3_000_000):
        total += math.sqrt(i) % 7
    assert total > 0
    return time.perf_counter() - started


def shipped_dir(into: Path) -> Path:
    for folder in (ROOT / "scenarios", ROOT / "exercise" / "batch" / "scenarios"):
        for path in sorted(folder.glob("*.toml")):
            shutil.copy(path, into / path.name)
    return into


def run_one(source: str, title: str, count: int | None, quick: bool, workers: int) -> str:
    plan = prepare(source, count=count, quick=quick)
    started = time.perf_counter()
    result = run_plan(plan, workers)
    seconds = time.perf_counter() - started
    text = "\n".join(
        [
            f"### {title}",
            "",
            *markdown_table(result),
            "",
            f"{len(plan.worlds)} worlds, {len(plan.seeds)} runs per variant, {len(plan.tasks)} games, "
            f"{seconds:.0f} s on {workers} workers",
            "",
        ]
    )
    print(text, flush=True)
    return text


def floors_table() -> str:
    lines = [
        f"CI family: the first {CI_COUNT} quick worlds of `{CI_FAMILY}`; target {TARGET:.0%} everywhere.",
        "",
        "| effect | floor |",
        "|---|---|",
    ]
    lines += [f"| {name} | {floor:.0%} |" for name, floor in FLOORS.items()]
    return "\n".join(lines)


def write_between(text: str, begin: str, end: str, body: str) -> str:
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    return f"{head}{begin}\n{body.strip()}\n{end}{tail}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--families", nargs="*", default=None, help="families (default: every shipped one)")
    ap.add_argument("--count", type=int, default=None, help="worlds a family (default 50, quick 10)")
    ap.add_argument("--quick", action="store_true", help="the CI size")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scenarios-only", action="store_true")
    ap.add_argument("--floors", action="store_true", help="print the CI floors table and exit")
    ap.add_argument("--write-docs", action="store_true", help="put the tables into docs/validation.md")
    args = ap.parse_args()
    if args.floors:
        print(floors_table())
        return
    reference = reference_loop()
    print(f"reference loop: {reference:.2f} s\n", flush=True)
    tables = []
    if not args.scenarios_only:
        for name in args.families or list(load_families()):
            tables.append(
                run_one(
                    name, f"Family `{name}`{' (quick)' if args.quick else ''}", args.count, args.quick, args.workers
                )
            )
    with tempfile.TemporaryDirectory() as tmp:
        tables.append(
            run_one(
                str(shipped_dir(Path(tmp))),
                "Shipped scenarios (scenarios/*.toml and the lab scenarios)",
                None,
                args.quick,
                args.workers,
            )
        )
    if args.write_docs:
        note = (
            f"Produced by `python benchmarks/family_run.py{' --quick' if args.quick else ''} --write-docs` "
            f"(reference loop {reference:.2f} s on this machine)."
        )
        doc = write_between(DOC.read_text(encoding="utf-8"), BEGIN, END, "\n".join([*tables, note]))
        DOC.write_text(write_between(doc, FLOORS_BEGIN, FLOORS_END, floors_table()), encoding="utf-8")


if __name__ == "__main__":
    main()
