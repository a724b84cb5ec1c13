"""The eleven experiments, one per effect in the domain model (docs/validation.md reports them).

Each is posed by its poser (exercise/batch/posers.py, the same name) on its lab scenario:
`spread.toml` (a club seeds one norm into a tied population: effects 3-7), `forums.toml` (an
apex body and like-minded forums: effects 1, 2, 9), `rivals.toml` (two conflicting norms and
their camps: effect 8) and `deals.toml` (a consensus council with a holdout, and a probe that
asks donors for help: effects 10, 11). `exercise experiments --worlds` poses the same
experiments on any world.
"""

from __future__ import annotations

from exercise.batch.experiments import Experiment

EXPERIMENTS: tuple[Experiment, ...] = (
    Experiment(
        name="forum-speed",
        effect=1,
        scenario="forums.toml",
        claim="A centralized forum adopts its first norm later than a decentralized one, "
        "but its first norm starts with broader adherence.",
        factor="forums (only the centralized ones, or only the decentralized ones)",
    ),
    Experiment(
        name="norm-blocs",
        effect=2,
        scenario="forums.toml",
        claim="Decentralized-only setups end with more conflicting norms in force side by side "
        "than centralized-only ones.",
        factor="forums (only the centralized ones, or only the decentralized ones)",
    ),
    Experiment(
        name="clarity",
        effect=3,
        scenario="spread.toml",
        claim="Clearer norms spread further, all else equal.",
        factor="the target norm's clarity (0.3 or 0.9)",
    ),
    Experiment(
        name="grafting",
        effect=4,
        scenario="spread.toml",
        claim="A norm grafted onto a framework its audience accepts spreads faster than the same norm ungrafted.",
        factor="the target norm's framework (none, or the one its audience accepts most)",
    ),
    Experiment(
        name="assistance",
        effect=5,
        scenario="spread.toml",
        claim="Technical assistance and funding to low-capacity actors raise depth (less lip service).",
        factor="the scripted brokers' budget (0 or 6)",
    ),
    Experiment(
        name="least-in-need",
        effect=6,
        scenario="spread.toml",
        claim="Actors least in need of a norm adopt first; actors whose values oppose it adopt last, if ever.",
        factor="the probe delegation's capacity and values",
    ),
    Experiment(
        name="cascade",
        effect=7,
        scenario="spread.toml",
        claim="Once adopters pass a tipping share (about a third), adoption accelerates.",
        factor="breadth at the start of a turn (below or above the tipping share)",
    ),
    Experiment(
        name="first-mover",
        effect=8,
        scenario="rivals.toml",
        claim="A norm adopted first in a domain lowers the later adoption of norms that conflict with it.",
        factor="which camp's forum meets first",
    ),
    Experiment(
        name="outside-in",
        effect=9,
        scenario="forums.toml",
        claim="Seeding a norm in a like-minded forum before the centralized forum raises its chance "
        "of adoption there, compared with proposing it there directly.",
        factor="whether the like-minded forum meets before the centralized forum's first session or only after it",
    ),
    Experiment(
        name="side-payments",
        effect=10,
        scenario="deals.toml",
        claim="Side payments (assistance offered for an endorsement) to a would-be blocker raise "
        "the chance a consensus forum adopts.",
        factor="whether scripted seats make offers (max_offers 0 or the default 2)",
    ),
    Experiment(
        name="broken-promises",
        effect=11,
        scenario="deals.toml",
        claim="A seat that breaks its deals gets fewer of its later offers accepted than one that keeps them.",
        factor="whether the probe keeps its promises to implement (bandwagoner) or not (lip-service)",
    ),
)
