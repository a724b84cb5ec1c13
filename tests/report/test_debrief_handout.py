"""`exercise debrief SAVE --markdown` as a handout: how every norm ended, each team's orders
by turn and the scenario guide's debrief questions, checked against the save and the guide."""

import subprocess
import sys
from pathlib import Path

from exercise.engine.metrics import norm_summary
from exercise.scenario.guides import questions_in
from exercise.store import Game

ROOT = Path(__file__).resolve().parents[2]


def debrief(*args):
    return subprocess.run(
        [sys.executable, "-m", "exercise", "debrief", *map(str, args)], capture_output=True, text=True
    )


def test_handout_has_norm_outcomes_orders_by_turn_and_the_guides_questions(plain_save):
    out = debrief(plain_save, "--markdown")
    assert out.returncode == 0, out.stderr
    md = out.stdout
    with Game.open(plain_save, read_only=True) as game:
        final = game.state()
        orders = {t: game.orders(t) for t in range(1, game.turn + 1)}
    ended = md.split("## How every norm ended")[1].split("## Orders by turn")[0]
    for norm in final.norms:
        n = norm_summary(final, norm)
        assert f"| `{norm}` | {n['status']} |" in ended
        assert f"| {n['breadth']:.2f} | {n['holders']} |" in ended.split(f"| `{norm}` |")[1].splitlines()[0]
    by_turn = md.split("## Orders by turn")[1].split("## Debrief questions")[0]
    assert "### Republic of Atlantia (`atlantia`)" in by_turn and "### Borealis Federation (`borealis`)" in by_turn
    assert "Cordovan Union" not in by_turn  # scripted seats are not teams
    atlantia = by_turn.split("(`atlantia`)")[1].split("###")[0]
    for turn, given in orders.items():
        if given.get("atlantia"):
            assert f"| {turn} | {'<br>'.join(str(o) for o in given['atlantia'])} |" in atlantia
    guide = (ROOT / "docs" / "scenarios" / "tutorial.md").read_text(encoding="utf-8")
    questions = questions_in(guide)
    assert len(questions) == 5
    assert md.split("## Debrief questions")[1].strip().splitlines() == [f"{i}. {q}" for i, q in enumerate(questions, 1)]


def test_a_seats_handout_lists_only_its_own_orders(plain_save):
    md = debrief(plain_save, "--markdown", "--as", "borealis").stdout
    by_turn = md.split("## Orders by turn")[1]
    assert "(`borealis`)" in by_turn and "(`atlantia`)" not in by_turn


def test_questions_are_read_from_numbered_items_with_their_continuation_lines():
    guide = "# G\n\n## Debrief questions\n\n1. Why did the\n   Assembly wait?\n2. Who blocked?\n\n## Next\n3. no\n"
    assert questions_in(guide) == ["Why did the Assembly wait?", "Who blocked?"]
    assert questions_in("# G\n\nno questions here\n") == []
