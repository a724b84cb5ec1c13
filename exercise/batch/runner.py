"""Run many seeded headless games: in this process, in a process pool, or on a Dask cluster.

A task is plain data (scenario TOML text, seed, turns, the name of a measure), so it pickles
cheaply and means the same thing on any machine; a result is a plain dict of floats. Each
worker parses a scenario text once and caches it. Results come back in task order whatever
order they finished in, so a sweep gives the same rows with 1 worker, 8 workers or a cluster.
"""

from __future__ import annotations

import hashlib
import os
import signal
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

import attrs

from exercise.batch.measures import MEASURES, Trace
from exercise.core.rng import derive_seed
from exercise.core.spec import Scenario
from exercise.engine import new_game
from exercise.errors import BatchError
from exercise.headless import play
from exercise.scenario.loader import parse_scenario


@attrs.frozen
class RunTask:
    text: str  # the variant's scenario TOML
    seed: int
    turns: int | None = None
    measure: str = "standard"


Progress = Callable[[int], None]  # called with how many runs just finished

_PARSED: OrderedDict[str, Scenario] = OrderedDict()


def _scenario(text: str) -> Scenario:
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    hit = _PARSED.get(key)
    if hit is None:
        hit = parse_scenario(text, "variant")
        _PARSED[key] = hit
        while len(_PARSED) > 16:
            _PARSED.popitem(last=False)
    return hit


def run_task(task: RunTask) -> dict[str, float]:
    """One game from a task, measured. Top-level so process pools and Dask can ship it."""
    scenario = _scenario(task.text)
    state = None
    trace = Trace()
    for result in play(scenario, task.seed, task.turns):
        state = result.state
        trace.record(state, result.events)
    if state is None:  # no turn played: the start (play builds its own, so only then)
        state = new_game(scenario, task.seed)
    return MEASURES[task.measure](state, trace)


def _run_chunk(tasks: Sequence[RunTask]) -> list[dict[str, float]]:
    return [run_task(t) for t in tasks]


def run_seeds(base_seed: int, runs: int) -> list[int]:
    """The seeds of a batch: derived from one seed, the same list for every variant (paired)."""
    return [derive_seed(base_seed, "run", i) % 2**31 for i in range(runs)]


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run_tasks(
    tasks: Sequence[RunTask],
    workers: int | None = None,
    progress: Progress | None = None,
    dask_scheduler: Any = None,
    connect_timeout: float = 10.0,
) -> list[dict[str, float]]:
    """Run every task; results in task order. `dask_scheduler` is an address or a Client."""
    for t in tasks:
        if t.measure not in MEASURES:
            raise BatchError(f"unknown measure {t.measure!r}")
    if dask_scheduler:
        return _run_dask(tasks, dask_scheduler, progress, connect_timeout)
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise BatchError(f"--workers {workers}: must be at least 1")
    if workers == 1 or len(tasks) <= 1:
        out = []
        for t in tasks:
            out.append(run_task(t))
            if progress:
                progress(1)
        return out
    return _run_pool(tasks, workers, progress)


def _chunks(n: int, workers: int) -> list[range]:
    """Small chunks (a few per worker and round) keep the pool busy and the bar moving
    while amortizing the cost of shipping a task."""
    size = max(1, min(16, n // (workers * 8) or 1))
    return [range(i, min(n, i + size)) for i in range(0, n, size)]


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops them: no traceback from each of them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_pool(tasks: Sequence[RunTask], workers: int, progress: Progress | None) -> list[dict[str, float]]:
    results: list[dict[str, float] | None] = [None] * len(tasks)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)
    try:
        futures = {pool.submit(_run_chunk, [tasks[i] for i in chunk]): chunk for chunk in _chunks(len(tasks), workers)}
        for future in as_completed(futures):
            chunk = futures[future]
            for i, result in zip(chunk, future.result()):
                results[i] = result
            if progress:
                progress(len(chunk))
    except BaseException:  # Ctrl-C or a failed run: stop now, not after the queued work
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return results  # type: ignore[return-value]


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel every queued chunk and end the workers' running ones: shutting a pool down the
    usual way waits for all of its queue (a Ctrl-C took 17 s to stop a 23 s sweep)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        if process.is_alive():
            process.terminate()
    for process in workers:
        process.join(timeout=2)


def _run_dask(
    tasks: Sequence[RunTask], address: Any, progress: Progress | None, timeout: float
) -> list[dict[str, float]]:
    """Send the same tasks to a Dask distributed scheduler (`address` may also be a Client)."""
    try:
        from dask.distributed import Client
        from dask.distributed import as_completed as dask_completed
    except ImportError:
        raise BatchError("--dask-scheduler needs dask: pip install 'exercise[dask]'") from None
    own = not hasattr(address, "map")
    try:
        client = Client(address, timeout=timeout) if own else address
    except (OSError, TimeoutError, ValueError) as exc:
        raise BatchError(f"--dask-scheduler {address}: cannot connect ({exc})") from None
    try:
        chunks = _chunks(len(tasks), max(1, sum(client.nthreads().values())))
        futures = client.map(_run_chunk, [[tasks[i] for i in c] for c in chunks], pure=False)
        index = {f.key: c for f, c in zip(futures, chunks)}
        results: list[dict[str, float] | None] = [None] * len(tasks)
        try:
            for future in dask_completed(futures):
                chunk = index[future.key]
                for i, result in zip(chunk, future.result()):
                    results[i] = result
                if progress:
                    progress(len(chunk))
        except BaseException:  # Ctrl-C: the cluster drops the queued chunks too
            client.cancel(futures)
            raise
        return results  # type: ignore[return-value]
    finally:
        if own:
            client.close()


def expand(texts: Iterable[str], seeds: Sequence[int], turns: int | None, measure: str) -> list[RunTask]:
    """Every (variant, seed) pair, variant-major: task i*len(seeds)+j is variant i, seed j."""
    return [RunTask(text, seed, turns, measure) for text in texts for seed in seeds]
