"""Adjusting p-values across outcomes."""

from __future__ import annotations

import numpy as np

__all__ = ["adjust_p"]


def adjust_p(pvalues, method="holm"):
    """Adjust p-values for multiple outcomes; None/NaN stay None.

    Parameters
    ----------
    pvalues : sequence of float or None
    method : {"holm", "bh"}
        Holm (1979) step-down or Benjamini-Hochberg (1995) false discovery rate.

    Returns
    -------
    list of float or None

    Notes
    -----
    Holm: sort ascending, ``p_(i) * (m - i + 1)``, cumulative maximum, capped at 1.
    BH: ``p_(i) * m / i`` from the largest down, cumulative minimum, capped at 1.
    Equivalent to R ``p.adjust(p, method = "holm")`` / ``"BH"``.
    """
    p = np.array([np.nan if v is None else float(v) for v in pvalues], dtype=float)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    out = np.full(p.shape, np.nan)
    if m:
        q = p[ok]
        order = np.argsort(q, kind="mergesort")
        ranked = q[order]
        if method == "holm":
            adj = np.maximum.accumulate(ranked * (m - np.arange(m)))
        elif method in ("bh", "fdr", "BH"):
            adj = np.minimum.accumulate((ranked * m / np.arange(1, m + 1))[::-1])[::-1]
        else:
            raise ValueError(f"unknown method {method!r}; use 'holm' or 'bh'")
        res = np.empty(m)
        res[order] = np.minimum(adj, 1.0)
        out[ok] = res
    return [None if np.isnan(v) else float(v) for v in out]
