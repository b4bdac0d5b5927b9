"""SciPy's own OpenBLAS on one thread while a mixed model is fitted.

SciPy's wheels bring their own OpenBLAS (``scipy.libs/``), apart from NumPy's. L-BFGS-B
(``scipy.optimize``'s ``setulb``) calls it on vectors of two or three variance parameters, and
with a thread pool each of those tiny calls pays for waking and synchronising the pool: on this
2-core machine 1-4 ms a call, 0.2-1.3 s for the mixed models of one ``impact analyse``, and far
more when other processes hold the cores. On one thread the same calls take microseconds and
give the same numbers (the optimiser's arithmetic on three numbers does not depend on threads;
``impact analyse`` writes byte-identical results either way). NumPy's OpenBLAS, whose large
products (``X.T @ X`` over every score) can round differently with another thread count, is
left as it is, and so is any OpenBLAS that NumPy might share (a system or conda build): only a
library inside ``scipy.libs`` is touched. Without ``threadpoolctl`` nothing changes.
"""

from __future__ import annotations

import contextlib
import os

__all__ = ["scipy_blas_single_thread"]

_LIBS: list | None = None


def _scipy_own_blas() -> list:
    global _LIBS
    if _LIBS is None:
        _LIBS = []
        try:
            import scipy.optimize  # noqa: F401  (loads SciPy's OpenBLAS)
            from threadpoolctl import ThreadpoolController

            for lib in ThreadpoolController().lib_controllers:
                folder = os.path.basename(os.path.dirname(str(lib.filepath)))
                if lib.internal_api == "openblas" and folder == "scipy.libs":
                    _LIBS.append(lib)
        except Exception:  # noqa: BLE001  (no threadpoolctl, or a build it cannot read)
            _LIBS = []
    return _LIBS


@contextlib.contextmanager
def scipy_blas_single_thread():
    """Within the block, SciPy's own OpenBLAS (if it has one) runs on one thread."""
    libs = _scipy_own_blas()
    before = [lib.num_threads for lib in libs]
    for lib in libs:
        lib.set_num_threads(1)
    try:
        yield
    finally:
        for lib, n in zip(libs, before):
            lib.set_num_threads(n)
