"""SciPy's own OpenBLAS runs on one thread while a mixed model is fitted (impact.stats._blas),
is put back afterwards, and the fit's numbers are the same as with its thread pool."""

import numpy as np
import pandas as pd

import impact
from impact.stats import _blas


def _frame(n=400, seed=4):
    rng = np.random.default_rng(seed)
    ids = np.repeat(np.arange(n), 3)
    site = np.repeat(rng.integers(0, 4, n), 3)
    wave = np.tile(["T0", "T1", "T2"], n)
    y = 10 + rng.normal(0, 2, n)[ids] + 0.3 * site - (wave == "T2") + rng.normal(0, 1, 3 * n)
    return pd.DataFrame({"participant_id": ids, "wave": wave, "site": site, "y": y})


def test_scipy_blas_is_single_threaded_within_and_restored_after(monkeypatch):
    libs = _blas._scipy_own_blas()
    before = [lib.num_threads for lib in libs]
    with _blas.scipy_blas_single_thread():
        assert all(lib.num_threads == 1 for lib in libs)
    assert [lib.num_threads for lib in libs] == before
    frame = _frame()
    limited = impact.mixed_model(frame, "y", waves=["T0", "T1", "T2"], site_col="site")
    monkeypatch.setattr(_blas, "_LIBS", [])           # no limit: SciPy's own thread pool
    pooled = impact.mixed_model(frame, "y", waves=["T0", "T1", "T2"], site_col="site")
    assert limited.to_frame().equals(pooled.to_frame())
    assert limited.info == pooled.info
