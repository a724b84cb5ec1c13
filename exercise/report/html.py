"""The report as ONE self-contained HTML file: styles inline, charts inline SVG, no script and
no outside fetch; its print styles lay it out on A4 and Letter alike (margins that fit the
narrower and shorter of the two, sections that do not split a table row or a chart)."""

from __future__ import annotations

from html import escape

from exercise.report import charts, words
from exercise.report import negotiation as neg
from exercise.report.model import Finding, Report

CSS = """
:root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #c9c9c9; --band: #f2f4f7; --accent: #1f4e79; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 Helvetica, Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem;
       padding: 1.5rem; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 1rem; }
header h1 { font-size: 1.6rem; margin: 0 0 .2rem; color: var(--accent); }
header p { margin: .1rem 0 .6rem; color: var(--muted); }
h2 { font-size: 1.25rem; color: var(--accent); border-bottom: 1px solid var(--rule); margin: 1.6rem 0 .6rem;
     padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; font-size: .92rem; }
th, td { border: 1px solid var(--rule); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: var(--band); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.facts td:first-child { width: 9rem; font-weight: bold; background: var(--band); }
tr.group td { font-weight: bold; background: var(--band); }
tr.big td { font-weight: bold; }
.status { background: var(--band); border-left: 4px solid var(--accent); padding: .4rem .7rem; }
.findings { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.2rem; }
.findings h4 { margin: .3rem 0; font-size: .95rem; }
.findings ul { margin: 0 0 .6rem; padding-left: 1.1rem; }
.src { color: var(--muted); font-size: .85em; }
figure.chart { margin: .6rem 0 1rem; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart figcaption { color: var(--muted); font-size: .85rem; }
code { font-size: .9em; }
@page { margin: 16mm 14mm 18mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  tr, figure.chart, .status, .objective-levels { break-inside: avoid; page-break-inside: avoid; }
  section.major { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _table(
    head: list[str] | None,
    rows: list[list[str]],
    numeric: frozenset[int] | set[int] = frozenset(),
    classes: list[str] | None = None,
) -> str:
    """A table of already-escaped cells; `numeric`: the columns aligned right; no head: a
    table of facts, the first column the labels."""

    def cells(tag: str, values: list[str]) -> str:
        return "".join(f"<{tag}{' class=num' if i in numeric else ''}>{v}</{tag}>" for i, v in enumerate(values))

    body = "".join(
        f"<tr{f' class={classes[n]}' if classes and classes[n] else ''}>{cells('td', r)}</tr>"
        for n, r in enumerate(rows)
    )
    if head is None:
        return f'<table class="facts"><tbody>{body}</tbody></table>'
    return f"<table><thead><tr>{cells('th', head)}</tr></thead><tbody>{body}</tbody></table>"


def _findings(strengths: tuple[Finding, ...], improvements: tuple[Finding, ...], names: dict[str, str]) -> str:
    def column(title: str, items: tuple[Finding, ...]) -> str:
        lis = (
            "".join(
                f"<li>{_e(names.get(f.team, f.team) + ': ' if f.team else '')}{_e(f.text)} "
                f"<span class=src>[{_e(f.source)}]</span></li>"
                for f in items
            )
            or "<li>none recorded</li>"
        )
        return f"<div><h4>{title}</h4><ul>{lis}</ul></div>"

    return (
        f'<div class="findings">{column("Strengths", strengths)}{column("Areas for improvement", improvements)}</div>'
    )


def _overview(r: Report) -> str:
    o = r.overview
    facts = [
        ["Scenario", f"{_e(o.title)} (<code>{_e(o.scenario_id)}</code>)"],
        ["Date", f"created {_e(o.created)}; last played {_e(o.last_played)}"],
        ["Length", _e(words.played(o.turns_played, o.turns_planned, o.minutes_per_turn))],
        ["Seed", _e(o.seed)],
        ["Save", f"<code>{_e(o.save)}</code>"],
    ]
    if o.branched_from:
        facts.append(["Branched from", f"<code>{_e(o.branched_from)}</code> at turn {_e(o.branched_at_turn)}"])
    seats = [
        [
            f"<code>{_e(s.seat)}</code>",
            _e(s.name),
            _e(s.kind),
            _e(s.played_by),
            _e(s.player or "-"),
            words.score(s.final_score),
        ]
        for s in o.seats
    ]
    return (
        f'<section id="overview"><h2>{words.SECTIONS["overview"]}</h2>'
        f"{_table(None, facts)}"
        + (f"<p>{_e(o.description)}</p>" if o.description else "")
        + f'<p class="status">{_e(words.evaluation_status(r.scorecard, r.released, o.viewer))} '
        f"{_e(words.view_line(o.viewer))}</p>"
        + "<h3>Seats and who played them</h3>"
        + _table(["seat", "name", "kind", "played by", "player", "final engine score"], seats, {5})
        + "</section>"
    )


def _objectives(r: Report) -> str:
    parts = [f'<section id="objectives"><h2>{words.SECTIONS["objectives"]}</h2><p>{_e(words.ENGINE_HOW)}</p>']
    for o in r.objectives:
        levels = "".join(f"<li><b>{lv}</b> {_e(text)}</li>" for lv, text in o.levels)
        parts.append(
            f'<div class="objective-levels"><h3>{_e(o.id)}: {_e(o.title)}</h3>'
            f"<p>Evaluated by rubric, levels 1 to 4: {o.scores} score(s) recorded, mean level "
            f"{words.level(o.mean_level)}.</p><ol class=levels>{levels}</ol></div>"
        )
    if not r.objectives:
        parts.append("<p>The scenario has no exercise objectives.</p>")
    return "".join(parts) + "</section>"


def _analysis(r: Report, names: dict[str, str]) -> str:
    parts = [f'<section id="analysis" class="major"><h2>{words.SECTIONS["analysis"]}</h2>']
    for o in r.objectives:
        parts.append(f"<h3>{_e(o.id)}: {_e(o.title)}</h3>")
        parts.append(
            f"<p>About: {', '.join(f'<code>{_e(n)}</code>' for n in o.norms)}.</p>"
            if o.norms
            else f"<p>{_e(words.NO_NORMS)}</p>"
        )
        if o.injects:
            parts.append(
                "<p>Injects serving it: "
                + "; ".join(f"{_e(t)} ({words.fired(turn)})" for t, turn in o.injects)
                + ".</p>"
            )
        parts.append(_findings(o.strengths, o.improvements, names))
    return "".join(parts) + "</section>"


def _teams(r: Report, names: dict[str, str]) -> str:
    parts = [f'<section id="teams"><h2>{words.SECTIONS["teams"]}</h2>']
    for t in r.teams:
        rows = [[_e(text), f"{progress:.0%}", "-" if met is None else str(met)] for text, progress, met in t.objectives]
        decisions = ", ".join(f"{_e(v)} {n}" for v, n in t.decisions) or "no orders"
        parts.append(
            f"<h3>{_e(t.name)} (<code>{_e(t.seat)}</code>)</h3>"
            + (_table(["objective", "progress at the end", "met on turn"], rows, {1, 2}) if rows else "")
            + _findings(t.strengths, t.improvements, names)
            + f"<p><b>Decisions:</b> {decisions}. <b>Pledges</b> (norms held or signed): "
            f"{', '.join(_e(n) for n in t.pledges) or 'none'}. <b>Practice:</b> "
            f"{', '.join(_e(n) for n in t.practice) or 'none'}.</p>"
        )
    return "".join(parts) + "</section>"


def _timeline(r: Report) -> str:
    if not r.timeline:
        return f'<section id="timeline"><h2>{words.SECTIONS["timeline"]}</h2><p>{words.NO_TURNING}</p></section>'
    rows = [
        [
            str(p.turn),
            "<br>".join(_e(h) for h in p.headlines) or "(scores moved)",
            _e(", ".join(f"{s} {c:+.0f}" for s, c in p.score_changes) or "-"),
        ]
        for p in r.timeline
    ]
    classes = ["big" if p.turn in r.biggest else "" for p in r.timeline]
    return (
        f'<section id="timeline" class="major"><h2>{words.SECTIONS["timeline"]}</h2>'
        "<p>The three biggest turns are in bold.</p>"
        + _table(["turn", "what happened", "scores moved"], rows, {0}, classes)
        + "</section>"
    )


def _negotiation(r: Report) -> str:
    pledges = neg.pledge_rows(r.negotiation)
    deals = neg.deal_rows(r.negotiation)
    pledge_part = (
        f"<p>{_e(neg.PLEDGES_HOW)}</p>"
        + _table(
            list(neg.PLEDGE_HEAD),
            [[*map(_e, row[:4]), "<br>".join(_e(d) for d in row[4]) or "-"] for row in pledges],
            {1},
        )
        if pledges
        else f"<p>{_e(neg.NO_PLEDGES)}</p>"
    )
    deal_part = (
        _table(list(neg.DEAL_HEAD), [list(map(_e, row)) for row in deals], {1})
        if deals
        else f"<p>{_e(neg.NO_DEALS)}</p>"
    )
    return (
        f'<section id="negotiation"><h2>{words.SECTIONS["negotiation"]}</h2>'
        f"<h3>Pledge vs practice</h3>{pledge_part}<h3>Deals</h3>{deal_part}</section>"
    )


def _charts(r: Report) -> str:
    figures = [(charts.adoption_chart(r.adoption), "adoption", "Breadth of each norm after each turn (0 to 1).")]
    if r.scores:
        figures.append((charts.score_chart(r.scores), "scores", "Engine score of each team after each turn."))
    figures.append((charts.forum_chart(r.forums), "forums", "Adopted, blocked and tabled decisions per forum."))
    body = "".join(
        f'<figure class="chart" data-chart="{name}">{svg}<figcaption>{_e(caption)}</figcaption></figure>'
        for svg, name, caption in figures
    )
    return f'<section id="charts" class="major"><h2>{words.SECTIONS["charts"]}</h2>{body}</section>'


def _scorecard(r: Report) -> str:
    c = r.scorecard
    head = ["team", "engine score (0-100)", "evaluator mean (1-4)", *c.objectives]
    rows = [
        [
            f"{_e(row.name)} (<code>{_e(row.seat)}</code>)",
            words.score(row.engine),
            words.level(row.evaluator),
            *(words.level(v) for _, v in row.by_objective),
        ]
        for row in c.rows
    ]
    rows.append(
        [
            "group average",
            words.score(c.group_engine),
            words.level(c.group_evaluator),
            *(words.level(v) for _, v in c.group_by_objective),
        ]
    )
    numeric = set(range(1, len(head)))
    return (
        f'<section id="scorecard"><h2>{words.SECTIONS["scorecard"]}</h2>'
        f'<p class="status">{_e(words.evaluation_status(c, r.released, r.overview.viewer))}</p>'
        + _table(head, rows, numeric, [""] * (len(rows) - 1) + ["group"])
        + "</section>"
    )


def _plan(r: Report) -> str:
    body = (
        _table(
            ["#", "objective", "issue", "recommendation", "owner", "due"],
            [
                [
                    str(i.number),
                    _e(i.objective or "-"),
                    _e(i.issue),
                    _e(i.recommendation),
                    _e(i.owner or "-"),
                    _e(i.due or "-"),
                ]
                for i in r.plan
            ],
            {0},
        )
        if r.plan
        else f"<p>{_e(words.NO_PLAN)}</p>"
    )
    return f'<section id="plan"><h2>{words.SECTIONS["plan"]}</h2>{body}</section>'


def _notes(r: Report) -> str:
    body = (
        _table(["turn", "note", "by"], [[str(n.turn), _e(n.text), _e(n.author)] for n in r.notes], {0})
        if r.notes
        else f"<p>{words.NO_NOTES}</p>"
    )
    return f'<section id="notes"><h2>{words.SECTIONS["notes"]}</h2>{body}</section>'


def _sources(r: Report) -> str:
    items = "".join(f"<li>{_e(line)}</li>" for line in words.sources(r))
    return f'<section id="sources"><h2>{words.SECTIONS["sources"]}</h2><ul>{items}</ul></section>'


def render_html(r: Report) -> str:
    names = words.names_of(r)
    o = r.overview
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{_e(words.TITLE)}: {_e(o.title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head><body>'
        f"<header><h1>{_e(words.TITLE)}</h1><p>{_e(o.title)} · <code>{_e(o.save)}</code> · seed {_e(o.seed)} · "
        f"{_e(words.played(o.turns_played, o.turns_planned, o.minutes_per_turn))}</p></header>"
        + _overview(r)
        + _objectives(r)
        + _analysis(r, names)
        + _teams(r, names)
        + _timeline(r)
        + _negotiation(r)
        + _charts(r)
        + _scorecard(r)
        + _plan(r)
        + _notes(r)
        + _sources(r)
        + "</body></html>\n"
    )
