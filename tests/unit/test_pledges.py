"""Pledge vs practice, deals kept and broken, and the deals that swung a decision
(engine/pledges.py), from events as each viewer could see them."""

from __future__ import annotations

from exercise.core.events import DealSettled, Implemented, OrderGiven, Said, SessionOutcome
from exercise.engine.pledges import negotiation, swinging_deals

FLOOR = ("a", "b", "c")


def _said(turn, seat, position, norm, audience=FLOOR):
    return Said(
        turn=turn,
        audience=audience,
        speaker=seat,
        channel="floor",
        to="un",
        words="w",
        position=position,
        norms=(norm,),
    )


def _order(turn, seat, text):
    return OrderGiven(turn=turn, seat=seat, order=text)


def _verdicts(turns, seat="a", viewers=None):
    (n,) = negotiation(turns, [seat], viewers)
    return [(p.norm, p.position, p.verdict) for p in n.pledges]


def test_each_pledge_is_judged_by_what_the_seat_then_did_with_the_norm():
    turns = [
        [],
        [
            _said(1, "a", "support", "n1"),
            _said(1, "a", "support", "n2"),
            _said(1, "a", "oppose", "n3"),
            _said(1, "a", "support", "n4"),
            _said(1, "a", "conditional", "n5"),
        ],
        [
            _order(2, "a", "endorse n1 in un"),
            _order(2, "a", "object n2 in un"),
            _order(2, "a", "endorse n3 in un"),
            _order(2, "b", "endorse n4 in un"),  # someone else's deed is not a's practice
        ],
        [Implemented(turn=3, by="a", norm="n5")],
    ]
    assert _verdicts(turns) == [
        ("n1", "support", "kept"),
        ("n2", "support", "broken"),
        ("n3", "oppose", "broken"),
        ("n4", "support", "not acted on"),
        ("n5", "conditional", "conditional"),
    ]
    (n,) = negotiation(turns, ["a"])
    assert n.pledges[0].deeds == ("turn 2: a: endorse n1 in un",)


def test_a_deed_before_the_pledge_does_not_keep_it():
    turns = [[], [_order(1, "a", "object n1 in un")], [_said(2, "a", "support", "n1")]]
    assert _verdicts(turns) == [("n1", "support", "not acted on")]


def test_a_viewer_outside_the_floor_hears_no_pledge():
    turns = [[], [_said(1, "a", "support", "n1", audience=("a", "b"))], [_order(2, "a", "endorse n1 in un")]]
    assert _verdicts(turns, viewers=["c"]) == []
    assert _verdicts(turns, viewers=["b"]) == [("n1", "support", "kept")]


def _settled(turn, deal, seat, outcome, promised, audience=("a", "b")):
    missing = promised if outcome == "broken" else ()
    return DealSettled(
        turn=turn, audience=audience, deal=deal, seat=seat, outcome=outcome, promised=promised, missing=missing
    )


def test_deals_kept_and_broken_are_counted_per_seat_for_those_who_saw_them():
    turns = [
        [],
        [
            _settled(1, "1.1", "a", "kept", ("assist b on n1 with 2",)),
            _settled(1, "1.1", "b", "broken", ("endorse n1 in un",)),
        ],
    ]
    a, b = negotiation(turns, ["a", "b"])
    assert (a.kept, a.broken, b.kept, b.broken) == (1, 0, 0, 1)
    assert b.deals[0].missing == ("endorse n1 in un",)
    (c,) = negotiation(turns, ["b"], ["c"])
    assert c.deals == ()  # a secret deal: c never learns it was broken


def test_the_deal_that_unlocked_or_sank_a_decision_is_named():
    adopted = SessionOutcome(turn=2, forum="un", norm="n1", outcome="adopted", yes=("a", "b"))
    kept = [
        _settled(2, "2.1", "a", "kept", ("assist b on n1 with 2",)),
        _settled(2, "2.1", "b", "kept", ("endorse n1 in un",)),
    ]
    assert swinging_deals([adopted, *kept]) == ["deal 2.1 (a, b) unlocked n1 in un"]
    assert swinging_deals([adopted, *kept], ["c"]) == []  # secret: not c's to know
    blocked = SessionOutcome(turn=2, forum="un", norm="n1", outcome="blocked", no=("b",), blockers=("b",))
    broken = [kept[0], _settled(2, "2.1", "b", "broken", ("endorse n1 in un",))]
    assert swinging_deals([blocked, *broken]) == ["deal 2.1 (a, b, broken by b) sank n1 in un"]
    elsewhere = [_settled(2, "2.2", "a", "kept", ("endorse n9 in un",))]
    assert swinging_deals([adopted, *elsewhere]) == []  # a deal about another norm swung nothing


def test_a_deal_is_not_credited_with_another_forums_decision_or_when_broken():
    # seen in a live game: assistance on the norm, kept, and an endorsement in the UN, broken;
    # the norm was adopted in a voluntary call that turn, which the deal had nothing to do with
    adopted_in_call = SessionOutcome(turn=2, forum="call", norm="n1", outcome="adopted", yes=("a",))
    sides = [
        _settled(2, "2.1", "a", "kept", ("assist b on n1 with 2",)),
        _settled(2, "2.1", "b", "broken", ("endorse n1 in un",)),
    ]
    assert swinging_deals([adopted_in_call, *sides]) == []
    adopted_in_un = SessionOutcome(turn=2, forum="un", norm="n1", outcome="adopted", yes=("a",))
    assert swinging_deals([adopted_in_un, *sides]) == []  # broken: it unlocked nothing
