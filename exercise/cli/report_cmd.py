"""`exercise report SAVE --format html|pdf|md [--out FILE] [--as SEAT]`: the after-action
report and improvement plan of a save (docs/report.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exercise.cli.args import save_arg
from exercise.cli.output import check_output, write_output
from exercise.cli.play_cmd import seat_to_view
from exercise.errors import SaveError
from exercise.report.pdf import PAPERS
from exercise.store import Game
from exercise.store.paths import beside, missing_file

FORMATS = {"html": ".html", "md": ".md", "pdf": ".pdf"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="the after-action report and improvement plan of a save (HTML, PDF, Markdown)",
        description="The after-action report (HSEEP AAR/IP layout) of a save: overview, objectives, "
        "analysis, timeline, charts, scorecard, improvement plan. Instructor material "
        "without --as.",
    )
    p.add_argument("save", type=save_arg, metavar="SAVE")
    p.add_argument("--format", choices=sorted(FORMATS), default="html", help="html (one file), pdf or md")
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FILE",
        help="where to write it (default: SAVE's name with .html/.pdf/.md; '-' prints html or md)",
    )
    p.add_argument(
        "--as",
        dest="seat",
        default=None,
        metavar="SEAT",
        help="one team's report: its own play, and evaluator scores only once released",
    )
    p.add_argument("--paper", choices=PAPERS, default="a4", help="the PDF's paper size (default a4)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    save = args.save
    if missing_file(save):
        raise SaveError(f"{save}: no such save")
    to_stdout = args.out == Path("-")
    if to_stdout and args.format == "pdf":
        raise SaveError("--out -: a PDF is written to a file; name one")
    out = None if to_stdout else args.out or beside(save, FORMATS[args.format])
    if out is not None:
        check_output(out, args.force, [save])
    from exercise.report.build import build_report
    from exercise.report.gather import gather

    with Game.open(save, read_only=True) as game:
        report = build_report(gather(game, seat_to_view(game, args.seat)))
    if args.format == "md":
        from exercise.report.markdown import render_markdown

        text = render_markdown(report)
    else:
        from exercise.report.html import render_html

        text = render_html(report)
    if out is None:  # html or md (a PDF to stdout is refused above)
        sys.stdout.write(text)
        return 0
    data: str | bytes = text
    if args.format == "pdf":
        from exercise.report.pdf import render_pdf

        data = render_pdf(text, args.paper)
    write_output(out, data)
    print(f"wrote {out}", file=sys.stderr)
    return 0
