"""The nine experiments, one per effect in the domain model (docs/validation.md reports them).

Scenarios: `spread.toml` (a club seeds one norm into a tied population: effects 3-7),
`forums.toml` (an apex body and like-minded forums: effects 1, 2, 9) and `rivals.toml` (two
conflicting norms and their camps: effect 8).
"""

from __future__ import annotations

from exercise.batch.experiments import Comparison as C
from exercise.batch.experiments import Experiment

PROBE_ALIGNED = ("delegations.probe.values.civilian_protection=0.85", "delegations.probe.values.sovereignty=0.2")
PROBE_OPPOSED = ("delegations.probe.values.civilian_protection=0.25", "delegations.probe.values.sovereignty=0.9")

EXPERIMENTS: tuple[Experiment, ...] = (
    Experiment(
        name="forum-speed",
        effect=1,
        claim="A centralized forum adopts its first norm later than a decentralized one, "
              "but its first norm starts with broader adherence.",
        scenario="forums.toml",
        factor="forums",
        variants=(("decentralized", ("forums=decentralized",)), ("centralized", ("forums=centralized",))),
        measure="standard",
        comparisons=(
            C("turns to first adoption (centralized - decentralized)", "decentralized", "centralized",
              "first_adoption", +1),
            C("breadth of the first adopted norm (centralized - decentralized)", "decentralized", "centralized",
              "first_breadth", +1),
        ),
    ),
    Experiment(
        name="norm-blocs",
        effect=2,
        claim="Decentralized-only setups end with more conflicting norms in force side by side "
              "than centralized-only ones.",
        scenario="forums.toml",
        factor="forums",
        variants=(("centralized", ("forums=centralized",)), ("decentralized", ("forums=decentralized",))),
        measure="standard",
        comparisons=(
            C("conflict index (decentralized - centralized)", "centralized", "decentralized", "conflict_index", +1),
            C("opposed bloc pairs (decentralized - centralized)", "centralized", "decentralized", "opposed_blocs", +1),
        ),
    ),
    Experiment(
        name="clarity",
        effect=3,
        claim="Clearer norms spread further, all else equal.",
        scenario="spread.toml",
        factor="norms.target.clarity",
        variants=(("clarity 0.3", ("norms.target.clarity=0.3",)), ("clarity 0.9", ("norms.target.clarity=0.9",))),
        measure="norm:target",
        comparisons=(C("final breadth (clear - unclear)", "clarity 0.3", "clarity 0.9", "breadth", +1),),
    ),
    Experiment(
        name="grafting",
        effect=4,
        claim="A norm grafted onto a framework its audience accepts spreads faster than the same norm ungrafted.",
        scenario="spread.toml",
        factor="norms.target.framework",
        variants=(("ungrafted", ()), ("grafted on laws-of-war", ("norms.target.framework=laws-of-war",))),
        measure="norm:target",
        comparisons=(
            C("mean breadth over the game (grafted - ungrafted)", "ungrafted", "grafted on laws-of-war",
              "breadth_mean", +1),
        ),
    ),
    Experiment(
        name="assistance",
        effect=5,
        claim="Technical assistance and funding to low-capacity actors raise depth (less lip service).",
        scenario="spread.toml",
        factor="delegations.donor.budget",
        variants=(("no funding", ("delegations.donor.budget=0",)), ("donor funds", ("delegations.donor.budget=6",))),
        measure="norm:target",
        comparisons=(
            C("mean depth of low-capacity holders (funded - unfunded)", "no funding", "donor funds",
              "depth_low_capacity", +1),
            C("lip-service share of holders (funded - unfunded)", "no funding", "donor funds", "lip_service", -1),
        ),
    ),
    Experiment(
        name="least-in-need",
        effect=6,
        claim="Actors least in need of a norm adopt first; actors whose values oppose it adopt last, if ever.",
        scenario="spread.toml",
        factor="the probe delegation's capacity and values",
        variants=(
            ("least in need", ("delegations.probe.capacity=0.9", *PROBE_ALIGNED)),
            ("low capacity", ("delegations.probe.capacity=0.15", *PROBE_ALIGNED)),
            ("opposed values", ("delegations.probe.capacity=0.9", *PROBE_OPPOSED)),
        ),
        measure="probe:target:probe",
        comparisons=(
            C("probe's adoption turn (low capacity - least in need)", "least in need", "low capacity",
              "adoption_turn", +1),
            C("probe's adoption turn (opposed - least in need)", "least in need", "opposed values",
              "adoption_turn", +1),
            C("share of runs the probe adopts (opposed - least in need)", "least in need", "opposed values",
              "adopted", -1),
        ),
    ),
    Experiment(
        name="cascade",
        effect=7,
        claim="Once adopters pass a tipping share (about a third), adoption accelerates.",
        scenario="spread.toml",
        factor="breadth at the start of a turn (below or above the tipping share)",
        variants=(("base", ()),),
        measure="cascade:target",
        comparisons=(
            C("breadth gained per turn (just above the tipping share - just below)", "base", "base",
              "pace_below", +1, metric_b="pace_above"),
        ),
    ),
    Experiment(
        name="first-mover",
        effect=8,
        claim="A norm adopted first in a domain lowers the later adoption of norms that conflict with it.",
        scenario="rivals.toml",
        factor="which camp's forum meets first",
        variants=(
            ("control first", ("forums.control-club.offset=0", "forums.open-club.offset=3")),
            ("control second", ("forums.control-club.offset=3", "forums.open-club.offset=0")),
        ),
        measure="standard",
        comparisons=(
            C("final breadth of content-control (second - first)", "control first", "control second",
              "breadth[content-control]", -1),
        ),
    ),
    Experiment(
        name="outside-in",
        effect=9,
        claim="Seeding a norm in a like-minded forum before the centralized forum raises its chance "
              "of adoption there, compared with proposing it there directly.",
        scenario="forums.toml",
        factor="whether the like-minded forums meet before the apex body's first session (turn 3) or only after it",
        variants=(("direct", ("forums.alliance.offset=4", "forums.industry-call.offset=4")), ("outside-in", ())),
        measure="adopted_in:protect-ci:apex:3",
        comparisons=(
            C("share of runs the apex adopts protect-ci at its first session (outside-in - direct)", "direct",
              "outside-in", "adopted_by", +1),
        ),
    ),
)
