"""`exercise sweep`: many seeded headless games of scenario variants, in parallel."""

from __future__ import annotations

import argparse
import fnmatch
import time
from pathlib import Path

from exercise.batch.progress import progress_bar
from exercise.batch.stats import Estimate
from exercise.batch.sweep import SweepResult, metric_names_of, parse_vary, run_sweep, write_csv
from exercise.cli.args import seed_arg, turns_arg
from exercise.errors import BatchError

# Past this many metrics the summary shows only game-level ones unless --metric asks for more.
_SHOW_ALL_UP_TO = 40


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sweep",
        help="run many seeded headless games of scenario variants and summarise metrics",
        description="Run many seeded headless games of a scenario and its variants in parallel. "
        "Every variant plays the same seeds, so differences are not noise. "
        "Key paths, metrics and the CSV: docs/sweeps.md.",
    )
    p.add_argument("scenario", metavar="SCENARIO.toml")
    p.add_argument("--runs", type=int, default=100, help="games per variant (default 100)")
    p.add_argument("--seed", type=seed_arg, default=1, help="seed the run seeds derive from (default 1)")
    p.add_argument("--turns", type=turns_arg, default=None, help="turns per game (default: the scenario's)")
    p.add_argument(
        "--vary",
        action="append",
        default=[],
        metavar="KEY=V1,V2",
        help="a factor: forums=centralized,decentralized,both or any KEY.PATH=v1,v2 (repeat to cross)",
    )
    p.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="KEY=V",
        help="fix a field for every variant, e.g. norms.no-attack-ci.clarity=0.3",
    )
    p.add_argument("--workers", type=int, default=None, help="processes (default: every core)")
    p.add_argument(
        "--dask-scheduler",
        default=None,
        metavar="tcp://HOST:8786",
        help="send the runs to a Dask distributed scheduler instead of local processes",
    )
    p.add_argument("--out", default=None, metavar="results.csv", help="write one row per run and metric")
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    p.add_argument(
        "--metric",
        action="append",
        default=[],
        metavar="PATTERN",
        help="summarise only metrics matching this glob, e.g. 'breadth[*]' (repeatable)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else None
    if out is not None:
        if out.exists() and not args.force:
            raise BatchError(f"{out}: already exists (use --force to overwrite)")
        if not out.parent.is_dir():
            raise BatchError(f"{out}: no such directory {out.parent}")
    if args.metric:
        match_metrics(metric_names_of(args.scenario), args.metric)
    started = time.perf_counter()
    total = _count_variants(args) * args.runs
    with progress_bar(total, "sweep", args.quiet) as progress:
        result = run_sweep(
            args.scenario,
            args.runs,
            args.seed,
            args.sets,
            args.vary,
            args.turns,
            args.workers,
            progress,
            args.dask_scheduler,
        )
    elapsed = time.perf_counter() - started
    if out is not None:
        tmp = out.with_name(out.name + ".part")
        try:
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                rows = write_csv(result, fh)
            tmp.replace(out)  # a finished file or none: never a half-written one
        except OSError as e:
            raise BatchError(f"{out}: cannot be written ({e.strerror})") from None
        finally:  # Ctrl-C or a full disk while writing: no .part left behind
            tmp.unlink(missing_ok=True)
    print(
        f"sweep {Path(args.scenario).name}: {len(result.variants)} variant(s) x {args.runs} runs, "
        f"seed {args.seed}, {elapsed:.1f} s"
    )
    if out is not None:
        print(f"wrote {rows} rows to {out}")
    print("\n".join(format_summary(result, args.metric)))
    return 0


def _count_variants(args: argparse.Namespace) -> int:
    count = 1
    for _, values in parse_vary(args.vary):
        count *= len(values)
    return count


def match_metrics(names: list[str], patterns: list[str]) -> list[str]:
    """The names some pattern matches (a glob; `[` is literal, as in `breadth[no-attack-ci]`)."""
    chosen = [n for n in names if any(fnmatch.fnmatchcase(n, p.replace("[", "[[]")) for p in patterns)]
    if not chosen:
        raise BatchError(
            f"--metric {' '.join(patterns)}: matches none of {len(names)} metrics (e.g. {', '.join(names[:4])})"
        )
    return chosen


def select_metrics(result: SweepResult, patterns: list[str]) -> list[str]:
    names = result.metric_names()
    if patterns:
        return match_metrics(names, patterns)
    if len(names) <= _SHOW_ALL_UP_TO:
        return names
    return [n for n in names if "[" not in n]


def format_summary(result: SweepResult, patterns: list[str] | None = None) -> list[str]:
    """Per metric, per variant: mean [95% CI]; then, with two or more variants, each later
    variant's seed-paired difference from the first."""
    metrics = select_metrics(result, patterns or [])
    labels = [v.label for v in result.variants]
    lines = _table("mean [95% CI] per variant", metrics, labels, lambda m: [_cell(e, "") for e in result.summary(m)])
    if len(labels) > 1:
        lines += _table(
            f"difference from {labels[0]}, paired by seed: mean [95% CI]",
            metrics,
            labels[1:],
            lambda m: [_cell(e, "+") for e in result.differences(m)],
        )
    hidden = len(result.metric_names()) - len(metrics)
    if hidden and not patterns:
        lines.append(f"({hidden} per-norm and per-forum metrics not shown: use --metric 'breadth[*]' or --out)")
    return lines


def _cell(est: Estimate, sign: str) -> str:
    if est.n == 0:
        return "n/a"
    # + 0.0 turns a rounded -0.0 (1.0 - 0.9999999) into 0.0, so no "-0.000" is printed
    low, mean, high = (round(v, 3) + 0.0 for v in (est.low, est.mean, est.high))
    return f"{mean:{sign}.3f} [{low:{sign}.3f}, {high:{sign}.3f}]"


def _table(title: str, metrics: list[str], labels: list[str], cells) -> list[str]:
    width = max(12, *(len(m) for m in metrics))
    col = max(26, *(len(label) + 2 for label in labels))
    lines = ["", title, f"{'metric':<{width}}  " + "".join(f"{label:<{col}}" for label in labels).rstrip()]
    for metric in metrics:
        lines.append(f"{metric:<{width}}  " + "".join(f"{c:<{col}}" for c in cells(metric)).rstrip())
    return lines
