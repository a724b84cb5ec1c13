"""How `exercise experiments --worlds` words its results: the text report, the markdown table
(docs/validation.md) and the JSON document. One presenter for all three."""

from __future__ import annotations

import math

from exercise.batch.posers import NotPosed
from exercise.batch.worlds import VERDICTS, EffectSummary, WorldsResult, pooled_text


def _pct(x: float) -> str:
    return "-" if math.isnan(x) else f"{100 * x:.0f}%"


def effect_line(e: EffectSummary) -> str:
    shares = ", ".join(f"{v} {_pct(e.share(v))}" for v in VERDICTS)
    return f"{e.experiment.effect}. {e.experiment.name}: posed in {e.posed} of {len(e.worlds)} worlds: {shares}"


def text_report(result: WorldsResult, verbose: bool = False) -> list[str]:
    lines = [
        f"{len(result.worlds)} worlds from {result.source}, {result.runs} runs per variant, seed {result.seed}",
        "",
    ]
    for e in result.effects:
        lines.append(effect_line(e))
        for label, est in e.pooled():
            lines.append(f"   pooled {label}: {pooled_text(est)} (over {est.n} worlds)")
        reasons: dict[str, int] = {}
        for w in e.worlds:
            if isinstance(w.posed, NotPosed):
                reasons[w.posed.reason] = reasons.get(w.posed.reason, 0) + 1
        for reason, n in sorted(reasons.items()):
            lines.append(f"   not posed in {n}: {reason}")
        failing = [w.world for w in e.worlds if w.verdict == "fails"]
        if failing:
            lines.append(f"   fails in: {', '.join(failing[:8])}{' ...' if len(failing) > 8 else ''}")
        if verbose:
            for w in e.worlds:
                if not isinstance(w.posed, NotPosed):
                    figures = "; ".join(o.estimate.text() for o in w.outcomes)
                    lines.append(f"      {w.world}: {w.verdict} ({w.posed.picked}: {figures})")
    lines.append("")
    lines.append("effects failing in some world where they were posed: " + (", ".join(result.failing) or "none"))
    return lines


def markdown_table(result: WorldsResult) -> list[str]:
    lines = [
        "| # | effect | posed | holds | direction only | fails | no data | pooled effect [95% CI] |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for e in result.effects:
        pooled = "<br>".join(f"{label}: {pooled_text(est)}" for label, est in e.pooled()) or "n/a"
        cells = " | ".join(_pct(e.share(v)) for v in VERDICTS)
        lines.append(
            f"| {e.experiment.effect} | {e.experiment.name} | {e.posed} of {len(e.worlds)} | {cells} | {pooled} |"
        )
    return lines


def _number(x: float) -> float | None:
    return None if math.isnan(x) else round(x, 6)


def results_json(result: WorldsResult) -> dict:
    effects = []
    for e in result.effects:
        worlds = []
        for w in e.worlds:
            item: dict = {"world": w.world, "verdict": w.verdict}
            if isinstance(w.posed, NotPosed):
                item["reason"] = w.posed.reason
            else:
                item["picked"] = w.posed.picked
                item["comparisons"] = [
                    {
                        "label": o.comparison.label,
                        "effect": _number(o.estimate.mean),
                        "low": _number(o.estimate.low),
                        "high": _number(o.estimate.high),
                        "n": o.estimate.n,
                        "verdict": o.verdict,
                    }
                    for o in w.outcomes
                ]
            worlds.append(item)
        effects.append(
            {
                "effect": e.experiment.effect,
                "name": e.experiment.name,
                "posed": e.posed,
                "shares": {v: _number(e.share(v)) for v in VERDICTS},
                "pooled": [
                    {
                        "label": label,
                        "effect": _number(est.mean),
                        "low": _number(est.low),
                        "high": _number(est.high),
                        "worlds": est.n,
                    }
                    for label, est in e.pooled()
                ],
                "worlds": worlds,
            }
        )
    return {
        "source": result.source,
        "runs": result.runs,
        "seed": result.seed,
        "worlds": list(result.worlds),
        "effects": effects,
    }
