"""The CI floors: the least share of posed worlds in which each effect must hold on the CI
family (CI_FAMILY, its first CI_COUNT quick worlds, QUICK_RUNS runs per variant). The target
is 0.8 for every effect (issue 14); a floor below it records where the mechanics stand, so a
change that loses ground fails CI, and is raised as the mechanics improve. Said once, here;
docs/validation.md shows this table (`python benchmarks/family_run.py --floors`)."""

from __future__ import annotations

CI_FAMILY = "un-like"
CI_COUNT = 10
TARGET = 0.8

FLOORS: dict[str, float] = {
    "forum-speed": 0.9,
    "norm-blocs": 0.1,
    "clarity": 0.1,
    "grafting": 0.3,
    "assistance": 0.7,
    "least-in-need": 0.4,
    "cascade": 0.1,
    "first-mover": 0.15,
    # 0.7 before scripted seats bargained: in some worlds a champion now buys the apex
    # objector's endorsement, so proposing there directly succeeds too (docs/validation.md)
    "outside-in": 0.6,
    # posed in 1 of the 10 (the one text the apex sinks by a veto a champion can buy); holds
    # there. broken-promises has no floor: posed in none (no state holds a norm another holds
    # from the start, so no seat has a partner to ask for help)
    "side-payments": 1.0,
}
