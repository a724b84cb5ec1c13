"""The report as Markdown: the same sections as the HTML, the charts as the tables of figures
they are drawn from (the start, every tenth of the game and the end)."""

from __future__ import annotations

from collections.abc import Sequence

from exercise.report import negotiation as neg
from exercise.report import words
from exercise.report.model import Finding, Report, Series


def _c(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(
    head: Sequence[str], rows: Sequence[Sequence[object]], numeric: frozenset[int] | set[int] = frozenset()
) -> list[str]:
    align = ["---:" if i in numeric else "---" for i in range(len(head))]
    return [
        "| " + " | ".join(_c(h) for h in head) + " |",
        "|" + "|".join(align) + "|",
        *("| " + " | ".join(_c(v) for v in row) + " |" for row in rows),
        "",
    ]


def _findings(strengths: Sequence[Finding], improvements: Sequence[Finding], names: dict[str, str]) -> list[str]:
    out = []
    for title, items in (("Strengths", strengths), ("Areas for improvement", improvements)):
        out += [f"**{title}**", ""]
        out += [f"- {words.finding(f, names)}" for f in items] or ["- none recorded"]
        out.append("")
    return out


def sample_turns(turns: int) -> list[int]:
    """The turns a chart's table shows: 0, about every tenth, and the last."""
    step = max(1, turns // 10)
    return sorted({*range(0, turns + 1, step), turns})


def _series_table(series: Sequence[Series], label: str, fmt: str) -> list[str]:
    if not series:
        return []
    turns = sample_turns(len(series[0].values) - 1)
    return _table(
        [label, *(f"t{t}" for t in turns)],
        [[s.name, *(format(s.values[t], fmt) for t in turns)] for s in series],
        set(range(1, len(turns) + 1)),
    )


def render_markdown(r: Report) -> str:
    o, names, card = r.overview, words.names_of(r), r.scorecard
    S = words.SECTIONS
    out = [
        f"# {words.TITLE}: {o.title}",
        "",
        f"`{o.save}` · seed {o.seed} · {words.played(o.turns_played, o.turns_planned, o.minutes_per_turn)}",
        "",
        f"## {S['overview']}",
        "",
    ]
    facts: list[list[object]] = [
        ["Scenario", f"{o.title} (`{o.scenario_id}`)"],
        ["Date", f"created {o.created}; last played {o.last_played}"],
        ["Length", words.played(o.turns_played, o.turns_planned, o.minutes_per_turn)],
        ["Seed", o.seed],
        ["Save", f"`{o.save}`"],
    ]
    if o.branched_from:
        facts.append(["Branched from", f"`{o.branched_from}` at turn {o.branched_at_turn}"])
    out += _table(["", ""], facts)
    if o.description:
        out += [o.description, ""]
    out += [
        f"> {words.evaluation_status(card, r.released, o.viewer)} {words.view_line(o.viewer)}",
        "",
        "### Seats and who played them",
        "",
    ]
    out += _table(
        ["seat", "name", "kind", "played by", "player", "final engine score"],
        [[f"`{s.seat}`", s.name, s.kind, s.played_by, s.player or "-", words.score(s.final_score)] for s in o.seats],
        {5},
    )
    out += [f"## {S['objectives']}", "", words.ENGINE_HOW, ""]
    for obj in r.objectives:
        out += [
            f"### {obj.id}: {obj.title}",
            "",
            f"Evaluated by rubric, levels 1 to 4: {obj.scores} score(s) recorded, mean level "
            f"{words.level(obj.mean_level)}.",
            "",
        ]
        out += [f"{lv}. {text}" for lv, text in obj.levels] + [""]
    out += [f"## {S['analysis']}", ""]
    for obj in r.objectives:
        out += [f"### {obj.id}: {obj.title}", ""]
        out += ["About: " + ", ".join(f"`{n}`" for n in obj.norms) + "." if obj.norms else words.NO_NORMS, ""]
        if obj.injects:
            out += [
                "Injects serving it: " + "; ".join(f"{t} ({words.fired(turn)})" for t, turn in obj.injects) + ".",
                "",
            ]
        out += _findings(obj.strengths, obj.improvements, names)
    out += [f"## {S['teams']}", ""]
    for t in r.teams:
        out += [f"### {t.name} (`{t.seat}`)", ""]
        if t.objectives:
            out += _table(
                ["objective", "progress at the end", "met on turn"],
                [[text, f"{p:.0%}", "-" if met is None else met] for text, p, met in t.objectives],
                {1, 2},
            )
        out += _findings(t.strengths, t.improvements, names)
        out += [
            f"Decisions: {', '.join(f'{v} {n}' for v, n in t.decisions) or 'no orders'}. "
            f"Pledges (norms held or signed): {', '.join(t.pledges) or 'none'}. "
            f"Practice: {', '.join(t.practice) or 'none'}.",
            "",
        ]
    out += [f"## {S['timeline']}", ""]
    if r.timeline:
        out += _table(
            ["turn", "what happened", "scores moved"],
            [
                [
                    f"**{p.turn}**" if p.turn in r.biggest else p.turn,
                    "<br>".join(p.headlines) or "(scores moved)",
                    ", ".join(f"{s} {c:+.0f}" for s, c in p.score_changes) or "-",
                ]
                for p in r.timeline
            ],
            {0},
        )
        out += ["The three biggest turns are in bold.", ""]
    else:
        out += [words.NO_TURNING, ""]
    out += [f"## {S['negotiation']}", "", "### Pledge vs practice", ""]
    pledges = neg.pledge_rows(r.negotiation)
    if pledges:
        out += [neg.PLEDGES_HOW, ""]
        out += _table(neg.PLEDGE_HEAD, [[*row[:4], "<br>".join(row[4]) or "-"] for row in pledges], {1})
    else:
        out += [neg.NO_PLEDGES, ""]
    out += ["### Deals", ""]
    deals = neg.deal_rows(r.negotiation)
    out += _table(neg.DEAL_HEAD, deals, {1}) if deals else [neg.NO_DEALS, ""]
    out += [f"## {S['charts']}", "", "Adoption of each norm (breadth, 0 to 1), by turn:", ""]
    out += _series_table(r.adoption, "norm", ".2f")
    if r.scores:
        out += ["Each team's engine score (0 to 100), by turn:", "", *_series_table(r.scores, "team", ".0f")]
    out += ["What each forum decided:", ""]
    out += _table(
        ["forum", "adopted", "blocked", "tabled"],
        [[f.forum, f.adopted, f.blocked, f.tabled] for f in r.forums],
        {1, 2, 3},
    )
    out += [f"## {S['scorecard']}", "", f"> {words.evaluation_status(card, r.released, o.viewer)}", ""]
    out += _table(
        ["team", "engine score (0-100)", "evaluator mean (1-4)", *card.objectives],
        [
            [
                f"{row.name} (`{row.seat}`)",
                words.score(row.engine),
                words.level(row.evaluator),
                *(words.level(v) for _, v in row.by_objective),
            ]
            for row in card.rows
        ]
        + [
            [
                "**group average**",
                words.score(card.group_engine),
                words.level(card.group_evaluator),
                *(words.level(v) for _, v in card.group_by_objective),
            ]
        ],
        set(range(1, 3 + len(card.objectives))),
    )
    out += [f"## {S['plan']}", ""]
    out += (
        _table(
            ["#", "objective", "issue", "recommendation", "owner", "due"],
            [[i.number, i.objective or "-", i.issue, i.recommendation, i.owner or "-", i.due or "-"] for i in r.plan],
            {0},
        )
        if r.plan
        else [words.NO_PLAN, ""]
    )
    out += [f"## {S['notes']}", ""]
    out += (
        _table(["turn", "note", "by"], [[n.turn, n.text, n.author] for n in r.notes], {0})
        if r.notes
        else [words.NO_NOTES, ""]
    )
    out += [f"## {S['sources']}", ""] + [f"- {line}" for line in words.sources(r)]
    return "\n".join(out) + "\n"
