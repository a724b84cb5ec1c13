"""`exercise experiments`: the nine validation experiments, each with its effect size, 95%
interval and whether the effect has the claimed direction."""

from __future__ import annotations

import argparse
import json
import math
import time

from exercise.batch.experiments import ExperimentResult, find, pose_lab, run_experiment
from exercise.batch.progress import progress_bar
from exercise.cli.args import seed_arg
from exercise.errors import BatchError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "experiments",
        help="run the validation experiments (the nine effects the model claims)",
        description="Run the named validation experiments (default: all nine). Each varies one "
        "factor over seed-paired runs and reports the effect size with a 95% interval.",
    )
    p.add_argument("names", nargs="*", metavar="NAME", help="experiment names or effect numbers (see --list)")
    p.add_argument("--runs", type=int, default=None, help="runs per variant (default: each experiment's full size)")
    p.add_argument("--quick", action="store_true", help="the small size the test suite uses")
    p.add_argument("--seed", type=seed_arg, default=1, help="seed the run seeds derive from (default 1)")
    p.add_argument("--workers", type=int, default=None, help="processes (default: every core)")
    p.add_argument("--dask-scheduler", default=None, metavar="tcp://HOST:8786", help="run on a Dask cluster")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--markdown", action="store_true", help="print the results as the table in docs/validation.md")
    out.add_argument("--json", action="store_true", help="print the results as one JSON document")
    p.add_argument("--check", action="store_true", help="exit 1 if any effect lacks its claimed direction")
    p.add_argument("--list", action="store_true", help="list the experiments and exit")
    p.add_argument(
        "--worlds",
        metavar="DIR|FAMILY",
        default=None,
        help="pose every experiment on every world of a directory of scenarios or a family (docs/worlds.md)",
    )
    p.add_argument("--count", type=int, default=None, help="with --worlds: how many worlds (default 50, quick 10)")
    p.add_argument("--world-seed", type=seed_arg, default=1, help="with --worlds FAMILY: the family's seed (default 1)")
    p.add_argument("--verbose", action="store_true", help="with --worlds: every world's verdict and figures")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    experiments = find(args.names)
    if args.worlds and not args.list:
        return run_on_worlds(args)
    if args.list:
        for exp in experiments:
            print(f"{exp.effect}  {exp.name:<14} {exp.claim}")
        return 0
    if args.runs is not None and args.runs < 2:
        raise BatchError(f"--runs {args.runs}: must be at least 2 (an interval needs two runs)")
    results = []
    for exp in experiments:
        runs = args.runs or (exp.ci_runs if args.quick else exp.full_runs)
        started = time.perf_counter()
        with progress_bar(runs * len(pose_lab(exp).variants), f"{exp.effect} {exp.name}", args.quiet) as progress:
            result = run_experiment(exp, runs, args.seed, args.workers, progress, args.dask_scheduler)
        results.append(result)
        if not (args.markdown or args.json):
            print("\n".join(format_result(result, time.perf_counter() - started)))
            print()
    if args.markdown:
        print("\n".join(markdown_table(results)))
    if args.json:
        print(json.dumps(results_json(results), indent=2))
    lacking = [r.experiment.name for r in results if any(not o.has_direction for o in r.outcomes)]
    if not (args.markdown or args.json):
        held = sum(1 for r in results if r.verdict == "holds")
        print(
            f"{held} of {len(results)} effects hold (95% interval on the claimed side of zero)"
            + (f"; without the claimed direction: {', '.join(lacking)}" if lacking else "")
        )
    return 1 if (args.check and lacking) else 0


def run_on_worlds(args: argparse.Namespace) -> int:
    """`--worlds`: every experiment posed on every world; --check fails on any failing world."""
    from exercise.batch.worlds import prepare, run_plan
    from exercise.cli import worlds_report

    if args.dask_scheduler:
        raise BatchError("--worlds runs in a process pool; --dask-scheduler is for the lab experiments")
    if args.count is not None and args.count < 1:
        raise BatchError(f"--count {args.count}: must be at least 1")
    plan = prepare(args.worlds, args.names, args.count, args.quick, args.runs, args.seed, args.world_seed)
    started = time.perf_counter()
    with progress_bar(len(plan.tasks), f"{len(plan.worlds)} worlds", args.quiet) as progress:
        result = run_plan(plan, args.workers, progress)
    if args.markdown:
        print("\n".join(worlds_report.markdown_table(result)))
    elif args.json:
        print(json.dumps(worlds_report.results_json(result), indent=2))
    else:
        print("\n".join(worlds_report.text_report(result, args.verbose)))
        print(f"({len(plan.tasks)} games in {time.perf_counter() - started:.1f} s)")
    return 1 if (args.check and result.failing) else 0


def format_result(result: ExperimentResult, seconds: float) -> list[str]:
    exp = result.experiment
    lines = [
        f"{exp.effect}. {exp.name}: {result.verdict.upper()}  ({result.runs} runs x {len(result.posed.variants)} "
        f"variants, seed {result.seed}, {seconds:.1f} s)",
        f"   claim:  {exp.claim}",
        f"   factor: {exp.factor}; scenario {exp.scenario}: {result.posed.picked}",
    ]
    for outcome in result.outcomes:
        e = outcome.estimate
        lines.append(f"   {outcome.comparison.label}: {e.text()} (n={e.n}) -> {outcome.verdict}")
        lines.append(f"      means: {_means(result, outcome.comparison)}")
    return lines


def _means(result: ExperimentResult, c) -> str:
    a = result.means[c.variant_a].get(c.metric, float("nan"))
    b = result.means[c.variant_b].get(c.metric_b or c.metric, float("nan"))
    left = f"{c.variant_a}{'' if c.metric_b is None else ' ' + c.metric}"
    right = f"{c.variant_b}{'' if c.metric_b is None else ' ' + c.metric_b}"
    return f"{left} {a:.3f} -> {right} {b:.3f}"


def markdown_table(results: list[ExperimentResult]) -> list[str]:
    lines = [
        "| # | effect | setup | runs | means | effect size | 95% CI | verdict |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        exp = r.experiment
        variants = " vs ".join(label for label, _ in r.posed.variants)
        for i, o in enumerate(r.outcomes):
            e = o.estimate
            first = i == 0
            lines.append(
                f"| {exp.effect if first else ''} | {exp.name + ': ' if first else ''}{o.comparison.label} | "
                f"{f'`{exp.scenario}`: {variants}' if first else ''} | {r.runs} x {len(r.posed.variants)} | "
                f"{_means(r, o.comparison)} | {e.mean:+.3f} | [{e.low:+.3f}, {e.high:+.3f}] | {o.verdict} |"
            )
    return lines


def _number(x: float) -> float | None:
    return None if math.isnan(x) else round(x, 6)


def results_json(results: list[ExperimentResult]) -> list[dict]:
    """Every experiment with its comparisons: plain data for a notebook (NaN as null)."""
    out = []
    for r in results:
        exp = r.experiment
        comparisons = []
        for o in r.outcomes:
            c, e = o.comparison, o.estimate
            comparisons.append(
                {
                    "label": c.label,
                    "metric": c.metric,
                    "metric_b": c.metric_b,
                    "variant_a": c.variant_a,
                    "variant_b": c.variant_b,
                    "claimed_sign": c.sign,
                    "mean_a": _number(r.means[c.variant_a].get(c.metric, math.nan)),
                    "mean_b": _number(r.means[c.variant_b].get(c.metric_b or c.metric, math.nan)),
                    "effect": _number(e.mean),
                    "low": _number(e.low),
                    "high": _number(e.high),
                    "n": e.n,
                    "verdict": o.verdict,
                }
            )
        out.append(
            {
                "effect": exp.effect,
                "name": exp.name,
                "claim": exp.claim,
                "scenario": exp.scenario,
                "factor": exp.factor,
                "variants": [label for label, _ in r.posed.variants],
                "picked": r.posed.picked,
                "runs": r.runs,
                "seed": r.seed,
                "verdict": r.verdict,
                "comparisons": comparisons,
            }
        )
    return out
