"""Synthetic scenarios of a fictional world, for load tests and sweeps.

Everything comes from one seed: Faker (seeded per instance) names the countries, companies,
NGOs and delegates; a `random.Random` derived from the same seed draws the numbers. Blocs give
the world structure: members share a value profile, tie densely inside and sparsely across.
"""

from __future__ import annotations

from typing import Any

import tomli_w
from faker import Faker

from exercise.core.rng import stream
from exercise.core.spec import DEFAULT_DOMAINS

_KINDS = (("state", 0.6), ("military", 0.1), ("company", 0.15), ("civil_society", 0.1), ("intl_org", 0.05))
_STRATEGIES = (("bandwagoner", 0.35), ("champion", 0.15), ("blocker", 0.1), ("broker", 0.15), ("lip-service", 0.25))
_RULES = ("majority", "qualified", "weighted", "signon", "unanimity")
_FRAMEWORKS = (
    ("human-rights", "Human rights"),
    ("laws-of-war", "Laws of war"),
    ("trade-law", "Trade law"),
    ("criminal-law", "Criminal law"),
    ("sovereignty", "Sovereignty and non-interference"),
)
_VERBS = ("Do not attack", "Protect", "Secure", "Report attacks on", "Share threat data about",
          "Do not weaken", "Clean up", "Respect the integrity of")
_OBJECTS = ("hospitals' networks", "the power grid", "election systems", "the core of the Internet",
            "financial clearing", "supply chains", "emergency services", "undersea cables",
            "software updates", "civilian data centres", "water systems", "satellite links")


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


def generate_scenario_data(delegations: int = 30, forums: int = 4, norms: int = 10, seed: int = 1,
                           turns: int = 12) -> dict[str, Any]:
    if delegations < 2 or forums < 1 or norms < 1:
        raise ValueError("a world needs at least 2 delegations, 1 forum and 1 norm")
    rng = stream(seed, "generate")
    fake = Faker()
    fake.seed_instance(seed)
    domains = list(DEFAULT_DOMAINS)
    n_blocs = max(2, min(6, delegations // 12 + 2))
    profiles = [{d: rng.random() for d in domains} for _ in range(n_blocs)]
    bloc_names = [f"bloc-{i + 1}" for i in range(n_blocs)]

    people: list[dict[str, Any]] = []
    used: set[str] = set()
    for i in range(delegations):
        kind = "state" if i < 2 else _pick(rng, _KINDS)
        bloc = rng.randrange(n_blocs)
        if kind in ("state", "military"):
            base = fake.unique.city()
            name = f"Republic of {base}" if kind == "state" else f"{base} Defence Staff"
            short = base if kind == "state" else f"{base} mil"
        elif kind == "company":
            name = short = fake.unique.company()
        elif kind == "civil_society":
            short = fake.unique.last_name()
            name = f"{short} Digital Rights Foundation"
            short += " ngo"
        else:
            short = fake.unique.city()
            name = f"{short} Cyber Agency"
            short += " agency"
        ident = _slug(short) or f"d{i}"
        while ident in used:
            ident = f"{ident}-{i}"
        used.add(ident)
        values = {d: _unit(profiles[bloc][d] + rng.uniform(-0.2, 0.2)) for d in domains}
        people.append({
            "id": ident, "name": name, "kind": kind,
            "power": _unit(rng.betavariate(1.5, 4) + (0.2 if kind == "state" else 0.0)),
            "capacity": _unit(rng.uniform(0.1, 0.95)),
            "budget": float(rng.randint(1, 5)),
            "bloc": bloc_names[bloc],
            "strategy": _pick(rng, _STRATEGIES),
            "values": values,
            "affinity": {f: _unit(rng.random()) for f, _ in _FRAMEWORKS},
            "instructions": f"Head of delegation: {fake.name()}. Defend the {bloc_names[bloc]} line.",
        })

    norm_list: list[dict[str, Any]] = []
    for i in range(norms):
        served = rng.sample(domains, rng.randint(1, 2))
        harms = [d for d in rng.sample(domains, 1) if d not in served] if rng.random() < 0.35 else []
        norm = {
            "id": f"norm-{i + 1:03d}",
            "statement": f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)}.",
            "domains": served, "harms": harms,
            "clarity": _unit(rng.uniform(0.3, 0.95)),
            "utility": _unit(rng.uniform(0.3, 0.9)),
            "doability": _unit(rng.uniform(0.3, 0.9)),
        }
        if rng.random() < 0.3:
            norm["framework"] = rng.choice(_FRAMEWORKS)[0]
        norm_list.append(norm)
    for i in range(0, norms - 1, 7):  # about one conflicting pair per seven norms
        norm_list[i]["conflicts"] = [norm_list[i + 1]["id"]]

    ids = [p["id"] for p in people]
    states = [p["id"] for p in people if p["kind"] == "state"]
    forum_list: list[dict[str, Any]] = [{
        "id": "apex", "name": "General Assembly Working Group", "kind": "centralized",
        "rule": "consensus", "open_to_all": True, "cadence": 4, "agenda_size": 3,
        "min_deliberation": 1, "max_sessions": 2,
    }]
    for i in range(1, forums):
        bloc = bloc_names[i % n_blocs]
        core = [p["id"] for p in people if p["bloc"] == bloc]
        rule = _RULES[i % len(_RULES)]
        size = min(len(ids), rng.randint(5, 25))
        members = sorted(set(core[:size]) | set(rng.sample(ids, max(0, size - len(core)))))
        forum_list.append({
            "id": f"forum-{i:02d}", "name": f"{fake.unique.city()} {'Call' if rule == 'signon' else 'Group'}",
            "kind": "decentralized", "rule": rule, "members": members, "open_to_non_state": True,
            "cadence": rng.randint(1, 2), "agenda_size": rng.randint(2, 4),
        })
    for forum in forum_list[1:]:
        forum["members"] = sorted(set(forum["members"]))

    ties: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for p in people:
        same = [q["id"] for q in people if q["bloc"] == p["bloc"] and q["id"] != p["id"]]
        picks = rng.sample(same, min(len(same), rng.randint(2, 4)))
        if rng.random() < 0.5:
            picks.append(rng.choice(ids))
        for other in picks:
            key = tuple(sorted((p["id"], other)))
            if other != p["id"] and key not in seen:
                seen.add(key)
                ties.append({"a": key[0], "b": key[1], "kind": "partner", "weight": _unit(rng.uniform(0.3, 1.0))})

    for p in people:
        target = rng.choice(norm_list)["id"]
        p["objectives"] = [{"kind": "adopt", "norm": target, "weight": 1.0,
                            "description": f"See {target} adopted somewhere"}]

    injects = [
        {"id": "crisis-1", "title": "A ransomware wave hits hospitals", "turn": 2,
         "effects": [{"kind": "salience", "domain": "civilian_protection", "delta": 0.3}]},
        {"id": "shock-1", "title": "A grid attack cuts a state's capacity", "turn": 4,
         "effects": [{"kind": "capacity", "delegation": states[0], "delta": -0.2}]},
        {"id": "leak-1", "title": "A draft leaks", "when": {"event": "on_agenda", "norm": norm_list[0]["id"]},
         "effects": [{"kind": "salience", "domain": "privacy", "delta": 0.2}]},
    ]
    return {
        "id": f"synthetic-{delegations}-{forums}-{norms}-s{seed}",
        "title": f"Synthetic world: {delegations} delegations, {forums} forums, {norms} norms",
        "description": "A generated fictional world for load tests and sweeps.",
        "turns": turns, "seed": seed,
        "learning_objectives": ["Watch norms compete for attention in a crowded marketplace."],
        "salience": {d: 0.5 for d in domains},
        "frameworks": [{"id": f, "name": n} for f, n in _FRAMEWORKS],
        "delegations": people, "norms": norm_list, "forums": forum_list, "ties": ties,
        "injects": injects,
    }


def generate_scenario(delegations: int = 30, forums: int = 4, norms: int = 10, seed: int = 1,
                      turns: int = 12) -> str:
    """TOML text of a valid synthetic scenario."""
    header = (f"# Generated by: exercise generate --delegations {delegations} --forums {forums} "
              f"--norms {norms} --seed {seed}\n")
    return header + tomli_w.dumps(generate_scenario_data(delegations, forums, norms, seed, turns))
