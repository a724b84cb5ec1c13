"""Synthetic scenarios of a fictional world, for load tests, sweeps and world families.

Everything comes from one seed: Faker (seeded per instance) names the countries, companies,
NGOs and delegates; a `random.Random` derived from the same seed draws the numbers. The knobs
(exercise/scenario/knobs.py) shape the world: blocs share a value profile (polarisation splits
the profiles into two opposite camps), tie densely inside and sparsely across (clustering),
sometimes as rivals (hostile); capacity and power spread; the share of non-state seats; the mix
of forum kinds, rules and agenda sizes; how many norms conflict or harm a value.
"""

from __future__ import annotations

from typing import Any

import attrs
import tomli_w
from faker import Faker

from exercise.core.rng import stream
from exercise.core.spec import DEFAULT_DOMAINS, Norm
from exercise.engine.appeal import alignment
from exercise.engine.network import HOSTILE_KIND
from exercise.scenario.knobs import Knobs, knob_problems

_STRATEGIES = (("bandwagoner", 0.35), ("champion", 0.15), ("blocker", 0.1), ("broker", 0.15), ("lip-service", 0.25))
_FRAMEWORKS = (
    ("human-rights", "Human rights"),
    ("laws-of-war", "Laws of war"),
    ("trade-law", "Trade law"),
    ("criminal-law", "Criminal law"),
    ("sovereignty", "Sovereignty and non-interference"),
)
_VERBS = (
    "Do not attack",
    "Protect",
    "Secure",
    "Report attacks on",
    "Share threat data about",
    "Do not weaken",
    "Clean up",
    "Respect the integrity of",
)
_OBJECTS = (
    "hospitals' networks",
    "the power grid",
    "election systems",
    "the core of the Internet",
    "financial clearing",
    "supply chains",
    "emergency services",
    "undersea cables",
    "software updates",
    "civilian data centres",
    "water systems",
    "satellite links",
)


def _pick(rng, weighted: tuple[tuple[str, float], ...]) -> str:
    x = rng.random()
    for name, weight in weighted:
        x -= weight
        if x <= 0:
            return name
    return weighted[-1][0]


def _slug(text: str) -> str:
    words = "".join(ch if ch.isalnum() else " " for ch in text.lower()).split()
    return "-".join(words)[:24].strip("-")


def _unit(x: float) -> float:
    return round(min(1.0, max(0.0, x)), 2)


def _kind(rng, k: Knobs, i: int) -> str:
    if i < 2 or rng.random() >= k.non_state:
        return "military" if i >= 2 and rng.random() < 0.15 else "state"
    if rng.random() < k.industry:
        return "company"
    return "civil_society" if rng.random() < 0.67 else "intl_org"


def _profiles(rng, domains: list[str], n_blocs: int, polarisation: float) -> list[dict[str, float]]:
    """Bloc value profiles: random, pulled toward one of two opposite poles (even blocs one
    camp, odd blocs the other) as far as `polarisation` says."""
    direction = {d: (1 if rng.random() < 0.5 else -1) for d in domains}
    out = []
    for b in range(n_blocs):
        camp = 1 if b % 2 == 0 else -1
        out.append(
            {d: (1 - polarisation) * rng.random() + polarisation * (0.5 + 0.42 * camp * direction[d]) for d in domains}
        )
    return out


def _name(fake: Faker, kind: str) -> tuple[str, str]:
    if kind in ("state", "military"):
        base = fake.unique.city()
        return (f"Republic of {base}", base) if kind == "state" else (f"{base} Defence Staff", f"{base} mil")
    if kind == "company":
        name = fake.unique.company()
        return name, name
    if kind == "civil_society":
        short = fake.unique.last_name()
        return f"{short} Digital Rights Foundation", f"{short} ngo"
    short = fake.unique.city()
    return f"{short} Cyber Agency", f"{short} agency"


def _people(rng, fake: Faker, k: Knobs, domains: list[str], n_blocs: int) -> list[dict[str, Any]]:
    profiles = _profiles(rng, domains, n_blocs, k.polarisation)
    people: list[dict[str, Any]] = []
    used: set[str] = set()
    low_cap = max(0.05, k.capacity_mean - k.capacity_spread / 2)
    high_cap = min(1.0, k.capacity_mean + k.capacity_spread / 2)
    for i in range(k.delegations):
        kind = _kind(rng, k, i)
        bloc = rng.randrange(n_blocs)
        name, short = _name(fake, kind)
        ident = _slug(short) or f"d{i}"
        while ident in used:
            ident = f"{ident}-{i}"
        used.add(ident)
        raw_power = rng.betavariate(1.5, 4)
        people.append(
            {
                "id": ident,
                "name": name,
                "kind": kind,
                "power": _unit(0.27 + k.power_spread * (raw_power - 0.27) + (0.2 if kind == "state" else 0.0)),
                "capacity": _unit(rng.uniform(low_cap, high_cap)),
                "budget": float(rng.randint(1, 5)),
                "bloc": f"bloc-{bloc + 1}",
                "strategy": _pick(rng, _STRATEGIES),
                "values": {d: _unit(profiles[bloc][d] + rng.uniform(-k.value_noise, k.value_noise)) for d in domains},
                "affinity": {f: _unit(rng.random()) for f, _ in _FRAMEWORKS},
                "instructions": f"Head of delegation: {fake.name()}. Defend the bloc-{bloc + 1} line.",
            }
        )
    return people


def _norms(rng, k: Knobs, domains: list[str]) -> list[dict[str, Any]]:
    norm_list: list[dict[str, Any]] = []
    for i in range(k.norms):
        served = rng.sample(domains, rng.randint(1, 2))
        harms = [d for d in rng.sample(domains, 1) if d not in served] if rng.random() < k.harms else []
        norm = {
            "id": f"norm-{i + 1:03d}",
            "statement": f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)}.",
            "domains": served,
            "harms": harms,
            "clarity": _unit(rng.uniform(0.3, 0.95)),
            "utility": _unit(rng.uniform(0.3, 0.9)),
            "doability": _unit(rng.uniform(0.3, 0.9)),
        }
        if rng.random() < 0.3:
            norm["framework"] = rng.choice(_FRAMEWORKS)[0]
        norm_list.append(norm)
    pairs = min(k.norms // 2, round(k.conflicts * k.norms / 2))
    for p in range(pairs):  # a rival serves what the other harms: free flow vs content control
        a, b = norm_list[2 * p], norm_list[2 * p + 1]
        a["conflicts"] = [b["id"]]
        if a["domains"][0] not in b["domains"]:
            b["harms"] = [a["domains"][0]]
    return norm_list


def _forums(rng, fake: Faker, k: Knobs, people: list[dict[str, Any]], n_blocs: int) -> list[dict[str, Any]]:
    ids = [p["id"] for p in people]
    non_state = [p["id"] for p in people if p["kind"] not in ("state", "military")]
    central = min(k.centralized, k.forums)
    forum_list: list[dict[str, Any]] = [
        {
            "id": "apex" if c == 0 else f"apex-{c + 1}",
            "name": "General Assembly Working Group" if c == 0 else f"{fake.unique.city()} Conference",
            "kind": "centralized",
            "rule": "consensus",
            "open_to_all": True,
            "cadence": k.apex_cadence,
            "offset": c,
            "agenda_size": k.apex_agenda,
            "min_deliberation": 1,
            "max_sessions": 2,
        }
        for c in range(central)
    ]
    decentral = k.forums - central
    calls = round(k.signon * decentral)
    largest = max(5, round(k.forum_size * len(ids)))
    for j in range(decentral):
        i = central + j
        rule = "signon" if j >= decentral - calls else k.rules[j % len(k.rules)]
        bloc = f"bloc-{(j % n_blocs) + 1}"
        core = [p["id"] for p in people if p["bloc"] == bloc]
        size = min(len(ids), rng.randint(5, largest))
        pool = non_state if rule == "signon" and non_state else ids
        extra = rng.sample(pool, min(len(pool), max(0, size - len(core))))
        forum_list.append(
            {
                "id": f"forum-{i:02d}",
                "name": f"{fake.unique.city()} {'Call' if rule == 'signon' else 'Group'}",
                "kind": "decentralized",
                "rule": rule,
                "members": sorted(set(core[:size]) | set(extra)),
                "open_to_non_state": True,
                "cadence": rng.randint(1, 2),
                "agenda_size": rng.randint(k.agenda_min, k.agenda_max),
            }
        )
    return forum_list


def _ties(rng, k: Knobs, people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """About `tie_density` ties a seat: each seat starts half of them, inside its bloc with
    probability `clustering`; a tie across blocs is a rivalry with probability `hostile`."""
    by_bloc: dict[str, list[str]] = {}
    for p in people:
        by_bloc.setdefault(p["bloc"], []).append(p["id"])
    ids = [p["id"] for p in people]
    ties: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    half = k.tie_density / 2
    for p in people:
        count = int(half) + (1 if rng.random() < half - int(half) else 0)
        same = [q for q in by_bloc[p["bloc"]] if q != p["id"]]
        mine = set(by_bloc[p["bloc"]])
        other = [q for q in ids if q not in mine] if k.clustering < 1 else []
        for _ in range(count):
            inside = bool(same) and (not other or rng.random() < k.clustering)
            pool = same if inside else other
            if not pool:
                continue
            q = rng.choice(pool)
            key = (min(p["id"], q), max(p["id"], q))
            if key in seen:
                continue
            seen.add(key)
            kind = HOSTILE_KIND if not inside and rng.random() < k.hostile else "partner"
            ties.append({"a": key[0], "b": key[1], "kind": kind, "weight": _unit(rng.uniform(0.3, 1.0))})
    return ties


def generate_world(knobs: Knobs, seed: int = 1) -> dict[str, Any]:
    """The TOML data of a generated world with these knobs, all drawn from `seed`."""
    problems = knob_problems(attrs.asdict(knobs, recurse=False), "generate")
    if problems:
        raise ValueError("; ".join(problems))
    k = knobs
    rng = stream(seed, "generate")
    fake = Faker()
    fake.seed_instance(seed)
    domains = list(DEFAULT_DOMAINS)
    n_blocs = k.blocs or max(2, min(6, k.delegations // 12 + 2))
    people = _people(rng, fake, k, domains, n_blocs)
    norm_list = _norms(rng, k, domains)
    forum_list = _forums(rng, fake, k, people, n_blocs)
    ties = _ties(rng, k, people)
    shapes = [Norm(id=n["id"], statement="", domains=tuple(n["domains"]), harms=tuple(n["harms"])) for n in norm_list]
    for p in people:  # the seat wants the better of two norms it is shown, by its own values
        shown = rng.sample(range(len(shapes)), min(2, len(shapes)))
        target = max(shown, key=lambda i: (alignment(p["values"], shapes[i]), -i))
        nid = norm_list[target]["id"]
        p["objectives"] = [{"kind": "adopt", "norm": nid, "weight": 1.0, "description": f"See {nid} adopted somewhere"}]
    states = [p["id"] for p in people if p["kind"] == "state"]
    injects = [
        {
            "id": "crisis-1",
            "title": "A ransomware wave hits hospitals",
            "turn": 2,
            "effects": [{"kind": "salience", "domain": "civilian_protection", "delta": 0.3}],
        },
        {
            "id": "shock-1",
            "title": "A grid attack cuts a state's capacity",
            "turn": 4,
            "effects": [{"kind": "capacity", "delegation": states[0], "delta": -0.2}],
        },
        {
            "id": "leak-1",
            "title": "A draft leaks",
            "when": {"event": "on_agenda", "norm": norm_list[0]["id"]},
            "effects": [{"kind": "salience", "domain": "privacy", "delta": 0.2}],
        },
    ]
    d, f, n = k.delegations, k.forums, k.norms
    return {
        "id": f"synthetic-{d}-{f}-{n}-s{seed}",
        "title": f"Synthetic world: {d} delegations, {f} forums, {n} norms",
        "description": "A generated fictional world for load tests and sweeps.",
        "turns": k.turns,
        "seed": seed,
        "learning_objectives": ["Watch norms compete for attention in a crowded marketplace."],
        "salience": {dom: 0.5 for dom in domains},
        "frameworks": [{"id": fid, "name": name} for fid, name in _FRAMEWORKS],
        "delegations": people,
        "norms": norm_list,
        "forums": forum_list,
        "ties": ties,
        "injects": injects,
    }


def generate_scenario_data(
    delegations: int = 30, forums: int = 4, norms: int = 10, seed: int = 1, turns: int = 12, **knobs: Any
) -> dict[str, Any]:
    if delegations < 2 or forums < 1 or norms < 1:
        raise ValueError("a world needs at least 2 delegations, 1 forum and 1 norm")
    return generate_world(Knobs(delegations=delegations, forums=forums, norms=norms, turns=turns, **knobs), seed)


def knob_flags(knobs: Knobs) -> str:
    """The `exercise generate` options that make these knobs (the defaults left out)."""
    out = []
    for field in attrs.fields(Knobs):
        value = getattr(knobs, field.name)
        if field.name in ("delegations", "forums", "norms") or value != field.default:
            shown = ",".join(value) if isinstance(value, tuple) else value
            out.append(f"--{field.name.replace('_', '-')} {shown}")
    return " ".join(out)


def world_text(knobs: Knobs, seed: int, origin: str | None = None) -> str:
    """TOML text of a generated world, headed by the command that writes it again."""
    header = f"# Generated by: {origin or f'exercise generate {knob_flags(knobs)} --seed {seed}'}\n"
    return header + tomli_w.dumps(generate_world(knobs, seed))


def generate_scenario(
    delegations: int = 30, forums: int = 4, norms: int = 10, seed: int = 1, turns: int = 12, **knobs: Any
) -> str:
    """TOML text of a valid synthetic scenario."""
    if delegations < 2 or forums < 1 or norms < 1:
        raise ValueError("a world needs at least 2 delegations, 1 forum and 1 norm")
    return world_text(Knobs(delegations=delegations, forums=forums, norms=norms, turns=turns, **knobs), seed)
