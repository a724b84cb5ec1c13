"""`exercise notes SAVE`: the instructor's notes on a save's turns (the bookmarks `m` makes in
replay): list them, add one (`--add TEXT --turn N`) or remove one (`--remove NUMBER`). They are
kept outside the turns (verify is untouched), survive `branch`, and `debrief` shows them."""

from __future__ import annotations

import argparse

from exercise.errors import SaveError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("notes", help="the instructor's notes on a save's turns: list, --add, --remove")
    p.add_argument("save", metavar="SAVE")
    p.add_argument("--add", metavar="TEXT", help="a note on --turn")
    p.add_argument("--turn", type=int, metavar="N", help="the turn the note is on (0: the start)")
    p.add_argument("--author", default="instructor", metavar="NAME", help="who wrote it (default: instructor)")
    p.add_argument("--remove", type=int, metavar="NUMBER", help="remove the note with this number")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from exercise.store import Game

    if args.add is not None and args.turn is None:
        raise SaveError("--add: give the turn it is on with --turn N")
    with Game.open(args.save, read_only=True) as game:  # writes open the file for the one write
        evaluation = game.evaluation
        if args.add is not None:
            note = evaluation.add_instructor_note(args.turn, args.add, args.author)
            print(f"{game.path}: note {note.number} on turn {note.turn} kept")
            return 0
        if args.remove is not None:
            evaluation.remove_instructor_note(args.remove)
            print(f"{game.path}: note {args.remove} removed")
            return 0
        for line in note_lines(evaluation.instructor_notes()) or [f"{game.path}: no notes (m in replay adds one)"]:
            print(line)
    return 0


def note_lines(notes, markdown: bool = False) -> list[str]:
    """The instructor's notes as lines of text (or a Markdown list), one per note."""
    if markdown:
        return [f"- **Turn {n.turn}** ({n.author}): {n.text}" for n in notes]
    return [f"  {n.number:>3}. turn {n.turn:<3} {n.author}: {n.text}" for n in notes]
