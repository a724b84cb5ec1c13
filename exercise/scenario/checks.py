"""Semantic checks of a structured scenario: ranges, duplicate ids and unknown references.

Each check returns problem lines `KEY.PATH: what is wrong`; the loader prefixes the file name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from exercise.core.limits import RUBRIC_LEVEL
from exercise.core.seats import STRATEGY_NAMES
from exercise.core.spec import Scenario
from exercise.scenario.bounds import field_problems
from exercise.scenario.keys import join
from exercise.scenario.rubric import rubric


def semantic_problems(s: Scenario) -> list[str]:
    # Ranges, lengths and id shapes first: a cross-field rule may assume them.
    return list(field_problems(s)) + list(_all(s, set(STRATEGY_NAMES)))


def _dupes(section: str, ids: Iterable[str]) -> Iterator[str]:
    ids = list(ids)
    counts = Counter(ids)
    for index, item in enumerate(ids):
        if counts[item] > 1 and ids.index(item) != index:
            yield f"{section}[{index}].id: duplicate id {item!r}"


def _ref(path: str, value: str | None, known: set[str], what: str) -> Iterator[str]:
    if value is not None and value not in known:
        yield f"{path}: unknown {what} {value!r}"


def _all(s: Scenario, strategies: set[str]) -> Iterator[str]:
    domains = set(s.domains)
    frameworks = {f.id for f in s.frameworks}
    delegations = {d.id for d in s.delegations}
    norms = {n.id for n in s.norms}
    forums = {f.id for f in s.forums}
    kinds = {d.id: d.kind for d in s.delegations}

    for section, items in (("delegations", s.delegations), ("norms", s.norms), ("forums", s.forums)):
        if not items:
            yield f"{section}: at least one is required"
    sections: tuple[tuple[str, Sequence[Any]], ...] = (
        ("frameworks", s.frameworks),
        ("delegations", s.delegations),
        ("norms", s.norms),
        ("forums", s.forums),
        ("injects", s.injects),
    )
    for section, entries in sections:
        yield from _dupes(section, (i.id for i in entries))
    if len(set(s.domains)) != len(s.domains):
        yield "domains: lists a domain twice"
    for key, _value in s.salience.items():
        yield from _ref(join("salience", key), key, domains, "domain")

    for i, d in enumerate(s.delegations):
        p = f"delegations[{i}]"
        for key in d.values:
            yield from _ref(join(p, "values", key), key, domains, "domain")
        for key in d.affinity:
            yield from _ref(join(p, "affinity", key), key, frameworks, "framework")
        yield from _ref(f"{p}.strategy", d.strategy, strategies, "strategy")
        for j, o in enumerate(d.objectives):
            q = f"{p}.objectives[{j}]"
            yield from _ref(f"{q}.norm", o.norm, norms, "norm")
            yield from _ref(f"{q}.forum", o.forum, forums, "forum")
            if o.kind == "breadth" and not 0 <= o.target <= 1:
                yield f"{q}.target: a breadth target is a share, 0 to 1, not {o.target:g}"
            if o.kind == "depth" and not 1 <= o.target <= 4:
                yield f"{q}.target: a depth target is 1 (rhetoric) to 4 (practice), not {o.target:g}"

    for i, n in enumerate(s.norms):
        p = f"norms[{i}]"
        for j, dom in enumerate(n.domains):
            yield from _ref(f"{p}.domains[{j}]", dom, domains, "domain")
        for j, dom in enumerate(n.harms):
            yield from _ref(f"{p}.harms[{j}]", dom, domains, "domain")
        yield from _ref(f"{p}.framework", n.framework, frameworks, "framework")
        for j, other in enumerate(n.conflicts):
            yield from _ref(f"{p}.conflicts[{j}]", other, norms, "norm")
            if other == n.id:
                yield f"{p}.conflicts[{j}]: a norm cannot conflict with itself"
        for j, holder in enumerate(n.holders):
            yield from _ref(f"{p}.holders[{j}]", holder, delegations, "delegation")
        if len(set(n.holders)) != len(n.holders):
            yield f"{p}.holders: a delegation is listed twice"

    for i, f in enumerate(s.forums):
        p = f"forums[{i}]"
        if not f.open_to_all and not f.members:
            yield f"{p}.members: list the members, or set open_to_all = true"
        for j, m in enumerate(f.members):
            yield from _ref(f"{p}.members[{j}]", m, delegations, "delegation")
            if m in kinds and not f.may_list(s.delegation(m)):
                yield (f"{p}.members[{j}]: {m!r} is a {kinds[m]} but the forum is not open_to_non_state")
        if len(set(f.members)) != len(f.members):
            yield f"{p}.members: lists a member twice"
        if f.signatories and f.rule != "signon":
            yield f'{p}.signatories: only a sign-on call (rule = "signon") has signatories'
        if len(f.signatories) > f.agenda_size:
            yield f"{p}.signatories: {len(f.signatories)} texts open at the start, more than agenda_size {f.agenda_size}"
        for norm_id, signed in sorted(f.signatories.items()):
            yield from _ref(f"{p}.signatories.{norm_id}", norm_id, norms, "norm")
            if not signed:
                yield f"{p}.signatories.{norm_id}: list at least one signatory (who opens the text)"
            for j, d in enumerate(signed):
                yield from _ref(f"{p}.signatories.{norm_id}[{j}]", d, delegations, "delegation")
                if d in kinds and not f.open_to_all and d not in f.members:
                    yield f"{p}.signatories.{norm_id}[{j}]: {d!r} is not a member of the forum"
            if len(set(signed)) != len(signed):
                yield f"{p}.signatories.{norm_id}: a delegation signs twice"

    yield from _packages(s, norms)

    for i, t in enumerate(s.ties):
        p = f"ties[{i}]"
        yield from _ref(f"{p}.a", t.a, delegations, "delegation")
        yield from _ref(f"{p}.b", t.b, delegations, "delegation")
        if t.a == t.b:
            yield f"{p}: a delegation cannot be tied to itself"
    for i, g in enumerate(s.tie_groups):
        p = f"tie_groups[{i}]"
        for j, m in enumerate(g.members):
            yield from _ref(f"{p}.members[{j}]", m, delegations, "delegation")

    yield from _rubric(s)

    objective_ids = {c.objective for c in rubric(s)} if any(inj.objective for inj in s.injects) else set()
    for i, inj in enumerate(s.injects):
        p = f"injects[{i}]"
        if inj.turn is not None and inj.when is not None:
            yield f"{p}: give either turn or when, not both"
        if inj.when is not None:
            yield from _ref(f"{p}.when.norm", inj.when.norm, norms, "norm")
            yield from _ref(f"{p}.when.forum", inj.when.forum, forums, "forum")
        if inj.objective and inj.objective not in objective_ids:
            yield (
                f"{p}.objective: unknown objective {inj.objective!r} "
                f"(the scenario's: {', '.join(sorted(objective_ids)) or 'none'})"
            )
        for j, r in enumerate(inj.recipients):
            yield from _ref(f"{p}.recipients[{j}]", r, delegations, "delegation")
        for j, e in enumerate(inj.effects):
            q = f"{p}.effects[{j}]"
            yield from _ref(f"{q}.domain", e.domain, domains, "domain")
            yield from _ref(f"{q}.delegation", e.delegation, delegations, "delegation")
            yield from _ref(f"{q}.forum", e.forum, forums, "forum")
            needs = {
                "salience": ("domain",),
                "capacity": ("delegation",),
                "power": ("delegation",),
                "budget": ("delegation",),
                "join": ("delegation", "forum"),
                "leave": ("delegation", "forum"),
                "attribution": ("delegation",),
            }
            for key in needs.get(e.kind, ()):
                if getattr(e, key) is None:
                    yield f"{q}.{key}: required for a {e.kind} effect"


def _packages(s: Scenario, norms: set[str]) -> Iterator[str]:
    """`[[packages]]`: texts on a forum's agenda at the start, each of two or more norms."""
    forums = s.by_id.forums
    delegations = s.by_id.delegations
    seen: dict[tuple[str, str], str] = {}  # (forum, norm) -> the package holding it at the start
    for i, pkg in enumerate(s.packages):
        p = f"packages[{i}]"
        if pkg.id in norms:
            yield f"{p}.id: {pkg.id!r} is a norm's id; a package needs a name of its own"
        if any(other.id == pkg.id and other.forum == pkg.forum for other in s.packages[:i]):
            yield f"{p}.id: a second package {pkg.id!r} in {pkg.forum}"
        forum = forums.get(pkg.forum)
        if forum is None:
            yield f"{p}.forum: unknown forum {pkg.forum!r}"
        elif forum.rule == "signon":
            yield f"{p}.forum: {pkg.forum} is a voluntary call; it opens texts one at a time (signatories)"
        if len(pkg.norms) < 2:
            yield f"{p}.norms: a package holds at least two norms"
        for j, n in enumerate(pkg.norms):
            yield from _ref(f"{p}.norms[{j}]", n, norms, "norm")
            if n in pkg.norms[:j]:
                yield f"{p}.norms[{j}]: {n!r} is listed twice"
            elif pkg.turn == 0 and (pkg.forum, n) in seen:  # a later draft may take a norm up again
                yield f"{p}.norms[{j}]: {n!r} is already in the package {seen[pkg.forum, n]!r} in {pkg.forum}"
            if pkg.turn == 0:
                seen.setdefault((pkg.forum, n), pkg.id)
        proposer = delegations.get(pkg.proposer)
        if proposer is None:
            yield f"{p}.proposer: unknown delegation {pkg.proposer!r}"
        elif (
            pkg.turn == 0
            and forum is not None
            and pkg.proposer not in forum.members
            and not forum.seats_unlisted(proposer)
        ):
            yield f"{p}.proposer: {pkg.proposer!r} is not a member of {pkg.forum} at the start"
    for f in s.forums:
        tabled = sum(1 for pkg in s.packages if pkg.forum == f.id and pkg.turn == 0)
        if tabled > f.agenda_size:
            yield f"packages: {tabled} packages in {f.id} at the start, more than its agenda_size {f.agenda_size}"


def _rubric(s: Scenario) -> Iterator[str]:
    seen: set[str] = set()
    wanted = list(range(int(RUBRIC_LEVEL.low), int(RUBRIC_LEVEL.high) + 1))
    for i, c in enumerate(s.rubric):
        p = f"rubric[{i}]"
        if c.objective in seen:
            yield f"{p}.objective: a second criterion for objective {c.objective!r}"
        seen.add(c.objective)
        levels = [lv.level for lv in c.levels]
        for j, level in enumerate(levels):
            if level in levels[:j]:
                yield f"{p}.levels[{j}].level: level {level} is described twice"
        missing = [n for n in wanted if n not in levels]
        if missing:
            yield (
                f"{p}.levels: describe every level {wanted[0]} to {wanted[-1]} "
                f"(missing: {', '.join(map(str, missing))})"
            )
