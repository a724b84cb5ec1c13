"""The same runs on a Dask cluster (Client.map) give the same results as a local run."""

import math

import pytest

from exercise.batch.runner import RunTask, run_seeds, run_tasks

distributed = pytest.importorskip("dask.distributed")


def same(a, b):
    return all(
        x.keys() == y.keys() and all((math.isnan(x[k]) and math.isnan(y[k])) or x[k] == y[k] for k in x)
        for x, y in zip(a, b)
    ) and len(a) == len(b)


def test_dask_local_cluster_matches_a_local_run(tutorial_path):
    text = tutorial_path.read_text()
    tasks = [RunTask(text, seed, 5, "standard") for seed in run_seeds(3, 6)]
    local = run_tasks(tasks, workers=1)
    done = []
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = run_tasks(tasks, progress=done.append, dask_scheduler=client)
        by_address = run_tasks(tasks[:2], dask_scheduler=cluster.scheduler_address)
    assert same(local, remote)
    assert same(local[:2], by_address)
    assert sum(done) == len(tasks)


def test_an_unreachable_scheduler_is_one_clear_error(tutorial_path):
    from exercise.errors import BatchError

    with pytest.raises(BatchError, match="cannot connect"):
        run_tasks([RunTask(tutorial_path.read_text(), 1, 1)], dask_scheduler="tcp://127.0.0.1:1", connect_timeout=1)
