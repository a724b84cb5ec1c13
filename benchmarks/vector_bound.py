"""The vectorised lower bound of dissemination + internalization (issue 15, target 2): the
same rule as engine/diffusion.py and engine/internalization.py on numpy arrays (delegation x
norm), run on the very state the engine's phases get on a seeded turn, checked to adopt
exactly the same (norm, delegation) pairs and reach the same depths, both timed.

    pip install -e '.[bench]'          # numpy
    python benchmarks/vector_bound.py                    # 200 delegations, 25 forums, 60 norms
    python benchmarks/vector_bound.py --delegations 800 --turn 8

The bound follows the engine operation for operation, so its floats are the engine's: the
appeal terms in the formula's order, the social share summed tie by tie in adjacency order
(one array step per tie slot, not a matrix product that would sum in another order), the
noise and hazard draws from the same Mersenne Twister streams (numpy's RandomState draws the
doubles Python's random does from the same state). Progress is rounded to 6 decimals the way
round() does only where numpy's rounding could differ from it, which the check counts.
The arrays are built from the state before timing ("conversion", printed apart): if the
state kept them, that cost would not recur each turn.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time

import numpy as np

import exercise.engine.turn as turn_module
from exercise.core.events import NormAdopted
from exercise.core.rng import derive_seed, stream
from exercise.core.state import MAX_DEPTH, GameState, round_stored
from exercise.engine.appeal import NormTerms, alignment_and_will, conflicts_of
from exercise.engine.diffusion import THRESHOLD_TOLERANCE, run_diffusion, tipped
from exercise.engine.internalization import run_internalization
from exercise.engine.log import EventLog
from exercise.engine.network import network_for
from exercise.headless import play
from exercise.scenario import parse_scenario
from exercise.scenario.generate import generate_scenario


def numpy_stream(seed: int, *labels: object) -> np.random.RandomState:
    """core/rng.stream(seed, *labels) as a numpy generator: random_sample() gives the doubles
    rng.random() would, in the same order. Python seeds MT19937 from an int by init_by_array
    over its 32-bit words, low first, as RandomState does from an array of them."""
    value = derive_seed(seed, *labels)
    words = []
    while True:
        words.append(value & 0xFFFFFFFF)
        value >>= 32
        if not value:
            break
    return np.random.RandomState(np.array(words, dtype=np.uint32))


class Arrays:
    """What the two phases read and write, as arrays: rows are norms (sorted ids), columns
    delegations (sorted ids), so row-major order is the engine's loop order."""

    def __init__(self, state: GameState):
        sc = state.scenario
        self.ids = list(sc.by_id.delegation_ids)
        self.norm_ids = sorted(state.norms)
        col = {d: i for i, d in enumerate(self.ids)}
        row = {n: i for i, n in enumerate(self.norm_ids)}
        shape = (len(self.norm_ids), len(self.ids))
        self.depth = np.zeros(shape, np.int64)
        self.progress = np.zeros(shape)
        self.implementing = np.zeros(shape)
        self.lobby = np.zeros(shape)
        self.align = np.zeros(shape)
        self.will = np.zeros(shape)
        for n, ns in state.norms.items():
            r = row[n]
            for d, v in ns.depth.items():
                self.depth[r, col[d]] = v
            for d, v in ns.progress.items():
                self.progress[r, col[d]] = v
            for d, v in ns.implementing.items():
                self.implementing[r, col[d]] = v
            for d, v in ns.lobby.items():
                self.lobby[r, col[d]] = v
            norm = sc.norm(n)
            for d in self.ids:
                self.align[r, col[d]], self.will[r, col[d]] = alignment_and_will(state, sc.by_id.delegations[d], norm)
        self.has_lobby = np.array([bool(state.norms[n].lobby) for n in self.norm_ids])
        seats = [state.seats[d] for d in self.ids]
        self.power = np.array([s.power for s in seats])
        self.capacity = np.array([s.capacity for s in seats])
        self.assistance = np.array([s.assistance for s in seats])
        self.threshold = np.array([s.threshold for s in seats])
        # the norm's shared terms (a handful of floats a norm; the formula's own products)
        self.terms = [NormTerms(state, sc.norm(n), state.norms[n]) for n in self.norm_ids]
        self.doability = np.array([[state.norms[n].doability] for n in self.norm_ids])
        self.conflicts = [[row[o] for o in conflicts_of(sc, n)] for n in self.norm_ids]
        self.conflict_ids = [list(conflicts_of(sc, n)) for n in self.norm_ids]
        self.tipped = np.array([tipped(state.norms[n], sc.model.cascade_tipping) for n in self.norm_ids])
        frameworks = sorted({f.id for f in sc.frameworks})
        self.affinity = {
            f: np.array([sc.by_id.delegations[d].affinity.get(f, sc.model.graft_neutral) for d in self.ids])
            for f in frameworks
        }
        # ties as slots: slot k holds each delegation's k-th tie (weight 0 past its degree)
        net = network_for(sc)
        self.slots = [_slots(net.neighbours, self.ids, col), _slots(net.rivals, self.ids, col)]
        binding = [f for f in sc.forums if f.binding]
        self.bound = np.zeros(shape, bool)
        for n in self.norm_ids:
            for f in binding:
                if f.id in state.norms[n].adopted_in:
                    self.bound[row[n], [col[m] for m in state.forums[f.id].members]] = True


def _slots(adjacency, ids, col) -> list[tuple[np.ndarray, np.ndarray]]:
    degree = max((len(adjacency[d]) for d in ids), default=0)
    out = []
    for k in range(degree):
        other = np.array([col[adjacency[d][k][0]] if k < len(adjacency[d]) else 0 for d in ids])
        weight = np.array([adjacency[d][k][1] if k < len(adjacency[d]) else 0.0 for d in ids])
        out.append((other, weight))
    return out


def social_share(a: Arrays, holds: np.ndarray) -> np.ndarray:
    """engine/forums.social_share for every (norm, delegation), summed tie by tie in order."""
    held = np.zeros(holds.shape)
    total = np.zeros(len(a.ids))
    for sign, slots in ((1.0, a.slots[0]), (-1.0, a.slots[1])):
        for other, weight in slots:
            w = weight * a.power[other]
            total = total + w
            taken = np.where(holds[:, other], w, 0.0)
            held = held + taken if sign > 0 else held - taken
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total != 0.0, held / np.where(total != 0.0, total, 1.0), 0.0)


def appeal(a: Arrays, m, rows: np.ndarray) -> np.ndarray:
    """appeal.appeals for the non-holders of the given norms (holders' cells are not used)."""
    out = np.empty((len(rows), len(a.ids)))
    worst = np.zeros(len(a.ids), np.int64)
    for i, r in enumerate(rows):
        t = a.terms[r]
        pull, align = a.will[r], a.align[r]
        v = t.clarity * pull
        v = v + t.utility * align * t.factor
        if t.framework is not None:
            v = v + m.graft_weight * (a.affinity[t.framework] - m.graft_neutral)
        if t.precedent is not None:
            v = v + pull * t.precedent
        if a.has_lobby[r]:
            v = v + pull * a.lobby[r]
        if a.conflicts[r]:
            worst = a.depth[a.conflicts[r]].max(axis=0)
            v = np.where(worst > 0, v - m.conflict_weight * (0.5 + 0.5 * worst / MAX_DEPTH), v)
        if t.rival is not None:
            v = v - t.rival
        if t.cost is not None:
            v = v - t.cost * (1.0 - a.capacity)
        out[i] = v
    return out


def disseminate(a: Arrays, m, seed: int, turn: int) -> list[tuple[str, str]]:
    rows = np.flatnonzero((a.depth > 0).any(axis=1))
    holds = a.depth > 0
    noise = (numpy_stream(seed, turn, "diffusion").random_sample((len(rows), len(a.ids))) * 2.0 - 1.0) * (
        m.diffusion_noise
    )
    pressure = appeal(a, m, rows) + noise
    cascade = np.where(a.tipped[rows], m.cascade_weight, 0.0)[:, None]
    pressure = pressure + a.will[rows] * (m.social_weight * social_share(a, holds[rows])[: len(rows)] + cascade)
    margin = pressure - a.threshold
    ready = (margin >= -THRESHOLD_TOLERANCE) & ~holds[rows]
    chance = m.adoption_hazard + (1.0 - m.adoption_hazard) * a.capacity
    draw = ready & ~a.tipped[rows][:, None] & (chance < 1.0)[None, :]
    hazard = np.ones(margin.shape)
    hazard[draw] = numpy_stream(seed, turn, "hazard").random_sample(int(draw.sum()))  # row-major: loop order
    pending = ready & (a.tipped[rows][:, None] | (chance >= 1.0)[None, :] | (hazard < chance[None, :]))
    full = np.zeros(a.depth.shape, bool)
    full[rows] = pending
    best = np.full(a.depth.shape, -np.inf)
    best[rows] = np.where(pending, margin, -np.inf)
    chosen = full.copy()
    for r in rows:  # a rival pushed harder (ties: the larger norm id) wins the delegation
        for o, oid in zip(a.conflicts[r], a.conflict_ids[r]):
            beats = full[o] & ((best[o] > best[r]) | ((best[o] == best[r]) & (oid > a.norm_ids[r])))
            chosen[r] &= ~beats
    if m.uptake:
        order = np.argsort(-np.where(chosen, best, -np.inf), axis=0, kind="stable")  # by margin, then norm id
        rank = np.empty_like(order)
        np.put_along_axis(rank, order, np.arange(len(a.norm_ids))[:, None].repeat(len(a.ids), 1), axis=0)
        chosen &= rank < m.uptake
    a.depth[chosen] = 1
    a.progress[chosen] = 0.0
    return [(a.norm_ids[r], a.ids[c]) for r, c in zip(*np.nonzero(chosen))]


def round6(x: np.ndarray) -> tuple[np.ndarray, int]:
    """round(x, 6) + 0.0 as the engine stores it; numpy's round and Python's agree except on
    values within a hair of a half, which are redone one by one (and counted)."""
    out = np.round(x, 6) + 0.0
    near = np.abs(np.abs(x * 1e6 - np.trunc(x * 1e6)) - 0.5) < 1e-6
    for i in np.flatnonzero(near):
        out.flat[i] = round_stored(float(x.flat[i]))
    return out, int(near.sum())


def internalize(a: Arrays, m) -> int:
    capacity = np.minimum(1.0, a.capacity + m.assist_capacity * a.assistance)
    active = (a.depth > 0) & (a.depth < MAX_DEPTH)
    doable = 0.4 * a.doability
    gain = a.implementing + np.where(
        a.align >= m.lip_service_alignment, m.base_internalization * a.will * (0.4 * capacity + doable + 0.2), 0.0
    )
    gain = np.where(a.bound & (a.align >= m.lip_service_alignment), gain + m.binding_effect, gain)
    progress = a.progress + gain
    up = active & (progress >= 1.0)
    level = a.depth + up
    progress = np.where(up, np.where(level >= MAX_DEPTH, 0.0, progress - 1.0), progress)
    rounded, slow = round6(progress)
    a.progress = np.where(active, rounded, a.progress)
    a.depth = level
    a.implementing[:] = 0.0
    decayed = a.lobby * m.lobby_decay
    kept, slow_lobby = round6(decayed)
    a.lobby = np.where(decayed > 0.005, kept, 0.0)
    decayed = a.assistance * m.assist_decay
    kept, slow_assist = round6(decayed)
    a.assistance = np.where(a.assistance > 0.005, kept, 0.0)
    return slow + slow_lobby + slow_assist


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--delegations", type=int, default=200)
    parser.add_argument("--forums", type=int, default=25)
    parser.add_argument("--norms", type=int, default=60)
    parser.add_argument("--turn", type=int, default=6, help="the turn whose two phases are compared")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    scenario = parse_scenario(generate_scenario(args.delegations, args.forums, args.norms, args.seed), "bound")
    seen: list[GameState] = []
    engine_diffusion = turn_module.run_diffusion
    turn_module.run_diffusion = lambda state, log, seed: (
        seen.append(state.clone()),
        engine_diffusion(state, log, seed),
    )
    try:
        for _ in play(scenario, args.seed, args.turn):
            pass
    finally:
        turn_module.run_diffusion = engine_diffusion
    before = seen[-1]  # the state as resolve_turn hands it to dissemination
    m = scenario.model
    python, ours = stream(args.seed, before.turn, "diffusion"), numpy_stream(args.seed, before.turn, "diffusion")
    if [python.random() for _ in range(1000)] != list(ours.random_sample(1000)):
        raise SystemExit("numpy's Mersenne Twister does not draw what Python's does from the same seed")

    t = time.process_time()
    base = Arrays(before)
    convert_ms = (time.process_time() - t) * 1000
    engine_ms, bound_ms = [], []
    adopted: list[tuple[str, str]] = []
    pairs: list[tuple[str, str]] = []
    after, last, slow = before, base, 0
    for _ in range(args.repeat):  # interleaved, so both see the machine of the same moment
        state = before.clone()
        log = EventLog(state)
        t = time.process_time()
        run_diffusion(state, log, args.seed)
        run_internalization(state, log)
        engine_ms.append((time.process_time() - t) * 1000)
        adopted = sorted((e.norm, e.delegation) for e in log.events if isinstance(e, NormAdopted))
        after = state
        last = copy.copy(base)
        last.__dict__.update({k: v.copy() for k, v in base.__dict__.items() if isinstance(v, np.ndarray)})
        t = time.process_time()
        pairs = disseminate(last, m, args.seed, before.turn)
        slow = internalize(last, m)
        bound_ms.append((time.process_time() - t) * 1000)

    depths = {(n, d): v for n, ns in after.norms.items() for d, v in ns.depth.items()}
    bound_depths = {(last.norm_ids[r], last.ids[c]): int(last.depth[r, c]) for r, c in zip(*np.nonzero(last.depth))}
    progress_off = sum(
        1
        for n, ns in after.norms.items()
        for d, v in ns.progress.items()
        if last.progress[last.norm_ids.index(n), last.ids.index(d)] != v
    )
    print(
        f"{args.delegations} delegations x {args.norms} norms, turn {before.turn}: "
        f"{len(adopted)} adoptions, {len(depths)} holdings"
    )
    print(
        f"same adopted pairs: {sorted(pairs) == adopted}; same depths: {bound_depths == depths}; "
        f"progress values that differ: {progress_off}; rounded one by one: {slow}"
    )
    e, b = statistics.median(engine_ms), statistics.median(bound_ms)
    print(f"engine (dissemination + internalization): {e:.2f} ms median of {args.repeat}")
    print(f"numpy bound:                              {b:.2f} ms median ({e / b:.1f}x faster)")
    print(f"building the arrays from the state:       {convert_ms:.2f} ms (once; not in the bound)")
    if sorted(pairs) != adopted or bound_depths != depths or progress_off:
        raise SystemExit("the bound does not follow the engine's rule")


if __name__ == "__main__":
    main()
