"""power_grid and the validation suite on a dask.distributed LocalCluster with two workers give
exactly the local results (docs/scaling.md). Needs the `cluster` (or `test`) extra."""

import pandas as pd
import pytest

pytest.importorskip("distributed")

from impact.stats.power import power_grid  # noqa: E402
from impact.synth.validation import validate  # noqa: E402

GRID = dict(ns=[8, 12, 20], ds=[0.5, 0.8], reps=300, seed=5)
VAL = dict(scenarios=["kor-null", "welzijn-homogeneous"], reps=300, seed=2, reps_public=12)


def test_power_grid_and_validation_on_a_local_dask_cluster_match_the_local_run():
    from dask.distributed import Client, LocalCluster, get_task_stream
    from joblib import parallel_config

    local_grid = power_grid(**GRID, n_jobs=1)
    local_val = validate(**VAL, n_jobs=1)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        with get_task_stream(client) as stream, parallel_config(backend="dask"):
            grid = power_grid(**GRID, n_jobs=-1)
            val = validate(**VAL, n_jobs=-1)
        # the cells really ran on the cluster's workers
        assert len(stream.data) >= 6 + 2
        assert {t["worker"] for t in stream.data} <= set(client.scheduler_info()["workers"])
    pd.testing.assert_frame_equal(grid, local_grid)
    assert val.to_dict() == local_val.to_dict()
