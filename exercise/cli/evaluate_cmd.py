"""`exercise evaluate SAVE`: the evaluation from the command line, for scripts and for a
trainer at a shell: list the rubric, scores and notes; score a team's turn or note it as an
evaluator seat (`--as evaluator-1`, its code needed in a save with codes); release the
evaluation to the teams (`--release`, the white cell's code). A level out of range, a turn not
played, an unknown team or objective: one line naming the key, exit 2, nothing written."""

from __future__ import annotations

import argparse

from exercise.cli.seat_code import add_code_argument, require_code
from exercise.core.seats import FACILITATOR
from exercise.errors import SaveError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="evaluators' rubric scores and notes: list, score, note, release")
    p.add_argument("save", metavar="SAVE")
    p.add_argument("--as", dest="seat", metavar="EVALUATOR", help="the evaluator seat scoring (evaluator-1 ...)")
    p.add_argument("--turn", type=int, metavar="N", help="the turn scored or noted")
    p.add_argument("--team", metavar="SEAT", help="the team scored (or the note is about)")
    p.add_argument("--objective", metavar="ID", help="the rubric objective scored (see the list)")
    p.add_argument("--level", type=int, metavar="1-4", help="the rubric level given")
    p.add_argument("--note", metavar="TEXT", help="a note: with --level, kept with the score; else a note on the turn")
    state = p.add_mutually_exclusive_group()
    state.add_argument("--release", action="store_true", help="release scores and notes to the teams (white cell)")
    state.add_argument("--withdraw", action="store_true", help="hide them from the teams again (white cell)")
    add_code_argument(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from exercise.store import Game

    writing = args.release or args.withdraw or args.level is not None or args.note is not None
    with Game.open(args.save, read_only=not writing) as game:
        evaluation = game.evaluation
        if args.release or args.withdraw:
            require_code(game, FACILITATOR, args.code)
            evaluation.release(args.release)
            print(f"{game.path}: the evaluation is {'released to' if args.release else 'hidden from'} the teams")
            return 0
        if writing:
            return _record(game, args)
        _list(game)
    return 0


def _record(game, args: argparse.Namespace) -> int:
    evaluation = game.evaluation
    missing = [key for key, value in (("--as", args.seat), ("--turn", args.turn)) if value is None]
    if args.level is not None:
        missing += [key for key, value in (("--team", args.team), ("--objective", args.objective)) if value is None]
    if missing:
        raise SaveError(f"{', '.join(missing)}: needed to {'score' if args.level is not None else 'note'} a turn")
    if evaluation.role(args.seat) is None and args.seat != FACILITATOR:
        raise SaveError(
            f"--as {args.seat}: not an evaluator seat of {game.path} "
            f"(evaluators: {', '.join(r.seat for r in evaluation.roles('evaluator')) or 'none'})"
        )
    require_code(game, args.seat, args.code)
    if args.level is not None:
        score = evaluation.score(args.seat, args.turn, args.team, args.objective, args.level, args.note or "")
        print(
            f"{game.path}: {score.evaluator} gave {score.team} level {score.level} on {score.objective} "
            f"for turn {score.turn}"
        )
    else:
        note = evaluation.add_evaluator_note(args.seat, args.turn, args.note, team=args.team or "")
        print(f"{game.path}: note {note.number} on turn {note.turn} kept")
    return 0


def _list(game) -> None:
    evaluation = game.evaluation
    print(f"{game.path}: evaluation {'released to' if evaluation.released() else 'hidden from'} the teams")
    print("rubric:")
    for criterion in evaluation.rubric():
        print(f"  {criterion.objective}: {criterion.title}")
    roles = evaluation.roles()
    print(f"seats: {', '.join(r.seat for r in roles) or 'no evaluators or observers'}")
    scores = evaluation.scores()
    print(f"scores: {len(scores)}")
    for s in scores:
        print(
            f"  turn {s.turn}  {s.team:<12} {s.objective:<20} level {s.level}  by {s.evaluator}"
            + (f"  ({s.note})" if s.note else "")
        )
    notes = evaluation.evaluator_notes()
    print(f"notes: {len(notes)}")
    for n in notes:
        print(f"  turn {n.turn}  {n.author}" + (f" about {n.team}" if n.team else "") + f": {n.text}")
