"""Agreement between coders: Krippendorff's alpha, Cohen's kappa, per-code agreement.

Everything here is vectorised on a *coincidence matrix* (Krippendorff 2011) so the computation is
transparent: a units x values count table ``N`` gives the coincidences
``O = N' diag(1/(m_u - 1)) N - diag(sum_u N_uc / (m_u - 1))`` in one matrix product, and the
bootstrap reuses that product on resampled unit weights.

Conventions (unlike the ``krippendorff`` package, which puts coders in rows and defaults to the
interval level): reliability data are **units in rows, coders in columns**, and the default level
is **nominal**, the right one for codes.
"""

from __future__ import annotations

import math

from .._result import Result, clean_json

__all__ = [
    "krippendorff_alpha",
    "cohen_kappa",
    "coding_agreement",
    "coding_disagreements",
    "reliability_matrix",
    "AlphaResult",
    "KappaResult",
    "AgreementResult",
]

LEVELS = ("nominal", "ordinal", "interval", "ratio")
NO_CODE = "(no code)"
_MAX_CELLS = 20_000_000  # K patterns x V x V cells of the per-pattern coincidences (160 MB)


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

def _as_matrix(data):
    """Units x coders object array plus a boolean 'present' mask."""
    import numpy as np
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        arr = data.to_numpy(dtype=object)
    else:
        arr = np.asarray(data, dtype=object)
    if arr.ndim != 2:
        raise ValueError("reliability data must be two-dimensional: units in rows, coders in "
                         "columns")
    present = ~pd.isna(pd.DataFrame(arr)).to_numpy()
    return arr, present


def _value_counts(data, level):
    """Return (counts units x values, sorted values) for pairable and unpairable units alike."""
    import numpy as np
    import pandas as pd

    num = None
    if isinstance(data, np.ndarray) and data.dtype.kind in "fiub" and data.ndim == 2:
        num = data.astype(float)
    elif isinstance(data, pd.DataFrame) and len(data.columns) and all(
            dt.kind in "fiub" for dt in data.dtypes):
        num = data.to_numpy(dtype=float)
    if num is not None:
        # numeric codes: no object array (the slow part for large data); same codes and order
        present = ~np.isnan(num)
        n_units = num.shape[0]
        flat = num[present]
        if level == "ratio" and (flat < 0).any():
            raise ValueError("level 'ratio' needs non-negative values")
        unit_idx = np.nonzero(present)[0]
        if flat.size == 0:
            return np.zeros((n_units, 0)), np.array([])
        codes, values = pd.factorize(flat, sort=level != "nominal")
        n_values = len(values)
        counts = np.bincount(unit_idx * n_values + codes, minlength=n_units * n_values)
        return counts.reshape(n_units, n_values).astype(float), np.asarray(values)
    arr, present = _as_matrix(data)
    n_units = arr.shape[0]
    flat = arr[present]
    if level != "nominal":
        try:
            flat = flat.astype(float)
        except (TypeError, ValueError):
            raise ValueError(f"level '{level}' needs numeric values; use level='nominal' for "
                             "codes") from None
        if level == "ratio" and (flat < 0).any():
            raise ValueError("level 'ratio' needs non-negative values")
    else:
        flat = np.array([str(v) if not isinstance(v, (int, float, np.number)) else v for v in flat],
                        dtype=object)
    unit_idx = np.nonzero(present)[0]
    if flat.size == 0:
        return np.zeros((n_units, 0)), np.array([])
    codes, values = pd.factorize(pd.Series(flat, dtype=object if level == "nominal" else float),
                                 sort=level != "nominal")
    n_values = len(values)
    counts = np.bincount(unit_idx * n_values + codes, minlength=n_units * n_values)
    return counts.reshape(n_units, n_values).astype(float), np.asarray(values)


def _delta2(level, values, marginals):
    """Squared metric differences; ``marginals`` may be (V,) or (B, V) for ordinal."""
    import numpy as np

    v = np.asarray(values, dtype=float) if level != "nominal" else None
    n_values = len(values)
    if level == "nominal":
        return 1.0 - np.eye(n_values)
    if level == "interval":
        return (v[:, None] - v[None, :]) ** 2
    if level == "ratio":
        s = v[:, None] + v[None, :]
        d = v[:, None] - v[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            out = np.where(s == 0, 0.0, (d / np.where(s == 0, 1.0, s)) ** 2)
        return out
    # ordinal: (sum_{g=c}^{k} n_g - (n_c + n_k) / 2)^2, values already sorted
    m = np.asarray(marginals, dtype=float)
    cum = np.cumsum(m, axis=-1)
    lo = cum[..., :, None] - m[..., :, None]          # sum_{g < c}
    hi = cum[..., None, :]                             # sum_{g <= k}
    idx = np.arange(n_values)
    upper = idx[:, None] <= idx[None, :]
    between = np.where(upper, hi - lo, cum[..., :, None] - (cum[..., None, :] - m[..., None, :]))
    return (between - (m[..., :, None] + m[..., None, :]) / 2.0) ** 2


def _alpha_from_coincidences(o, level, values):
    """Alpha from coincidences ``o`` of shape (V, V) or (B, V, V); NaN where undefined."""
    import numpy as np

    n_c = o.sum(axis=-1)
    n = n_c.sum(axis=-1)
    d2 = _delta2(level, values, n_c)
    observed = (o * d2).sum(axis=(-2, -1))
    expected = (n_c[..., :, None] * n_c[..., None, :] * d2).sum(axis=(-2, -1))
    with np.errstate(invalid="ignore", divide="ignore"):
        alpha = 1.0 - (n - 1.0) * observed / expected
    return np.where(expected > 0, alpha, np.nan)


def _unit_coincidences(counts):
    """Per-unit coincidence contributions (K, V, V) for pairable count rows (m_u >= 2)."""
    import numpy as np

    m = counts.sum(axis=1)
    outer = counts[:, :, None] * counts[:, None, :]
    idx = np.arange(counts.shape[1])
    outer[:, idx, idx] -= counts
    return outer / (m - 1.0)[:, None, None]


def _unique_rows(counts):
    """``np.unique(counts, axis=0, return_inverse=True, return_counts=True)`` for rows of small
    non-negative integer counts, several times faster: each row becomes one integer in a mixed
    radix whose first column is the most significant digit, so the sorted keys give the rows
    in the same (lexicographic) order as np.unique. Falls back to np.unique when the keys could
    overflow."""
    import numpy as np

    k = counts.shape[1]
    top = float(counts.max()) if counts.size else 0.0
    base = int(top) + 1
    if counts.size and k * math.log2(base) < 62 and np.all(counts == np.floor(counts)):
        weights = base ** np.arange(k - 1, -1, -1, dtype=np.int64)
        keys = counts.astype(np.int64) @ weights
        uniq, first, inverse, freq = np.unique(keys, return_index=True, return_inverse=True,
                                               return_counts=True)
        return counts[first], inverse.ravel(), freq
    patterns, inverse, freq = np.unique(counts, axis=0, return_inverse=True, return_counts=True)
    return patterns, inverse.ravel(), freq


# --------------------------------------------------------------------------------------------
# Krippendorff's alpha
# --------------------------------------------------------------------------------------------

class AlphaResult(Result):
    """Krippendorff's alpha with its bootstrap interval; ``float(result)`` is the alpha."""

    title = "Krippendorff's alpha"

    def __init__(self, alpha, ci, level, n_units, n_coders, n_pairable, n_boot, n_boot_valid,
                 ci_method, coincidences=None, values=None, notes=(), resamples=None):
        self.alpha = alpha
        self.ci = ci
        self.level = level
        self.n_units = n_units
        self.n_coders = n_coders
        self.n_pairable = n_pairable
        self.n_boot = n_boot
        self.n_boot_valid = n_boot_valid
        self.ci_method = ci_method
        self.coincidences = coincidences
        self.values = values
        self.notes = list(notes)
        self.resamples = resamples

    def __float__(self):
        return float("nan") if self.alpha is None else float(self.alpha)

    def to_dict(self):
        return clean_json({
            "alpha": self.alpha, "ci_low": self.ci[0] if self.ci else None,
            "ci_high": self.ci[1] if self.ci else None, "level": self.level,
            "n_units": self.n_units, "n_coders": self.n_coders,
            "n_pairable_values": self.n_pairable, "n_boot": self.n_boot,
            "n_boot_valid": self.n_boot_valid, "ci_method": self.ci_method,
            "notes": "; ".join(self.notes)})


def krippendorff_alpha(data, level="nominal", *, n_boot=1000, ci=0.95, seed=0,
                       ci_method="units"):
    """Krippendorff's alpha for any number of coders, any level, with missing values.

    Parameters
    ----------
    data : DataFrame or 2-D array
        Reliability data with **units in rows and coders in columns** (NaN / None = not coded).
        This is the transpose of the ``krippendorff`` package's convention.
    level : {'nominal', 'ordinal', 'interval', 'ratio'}
        Level of measurement; default ``'nominal'`` (codes). Other levels need numeric values.
    n_boot : int
        Bootstrap resamples for the interval (0 = no interval).
    ci : float
        Coverage of the percentile interval.
    seed : int or None
        Seed of the NumPy generator, so the interval is reproducible.
    ci_method : {'units', 'hayes'}
        'units' (default): nonparametric bootstrap over units. 'hayes': the bootstrap over
        pairable values of Hayes & Krippendorff (2007) as their KALPHA macro (v3.0) runs it, for
        comparison with published KALPHA output (see Notes).

    Returns
    -------
    AlphaResult
        ``alpha`` (None when undefined), ``ci`` (low, high) or None, ``n_units`` (units with at
        least two values, i.e. pairable), ``n_coders``, ``n_pairable`` (values in pairable
        units, Krippendorff's n..), ``n_boot_valid`` (resamples where alpha was defined),
        ``coincidences`` (V x V array), ``values`` (the values in the order of the matrix),
        ``resamples`` (the bootstrap alphas) and ``notes``.

    Notes
    -----
    With ``n_uc`` the number of values c that unit u received and ``m_u = sum_c n_uc``, only
    units with ``m_u >= 2`` are pairable. The coincidences are
    ``o_ck = sum_u (n_uc n_uk - [c = k] n_uc) / (m_u - 1)``, ``n_c = sum_k o_ck`` and
    ``n = sum_c n_c``, and

    ``alpha = 1 - (n - 1) sum_ck o_ck delta2_ck / sum_ck n_c n_k delta2_ck``

    with ``delta2`` nominal ``[c != k]``, ordinal ``(sum_{g=c}^{k} n_g - (n_c + n_k)/2)^2``,
    interval ``(c - k)^2`` and ratio ``((c - k)/(c + k))^2`` (Krippendorff 2011).

    Missing data: a coder who did not code a unit contributes nothing to it; units with fewer
    than two values are dropped. When the expected disagreement is zero (one value only) alpha
    is undefined and returned as None with a note.

    Interval, ``ci_method='units'`` (default): a **unit bootstrap** (Efron's nonparametric
    bootstrap over the pairable units, coders fixed): units are resampled with replacement and
    alpha (including the expected disagreement and, for ordinal data, the metric) is recomputed on
    each resample; the interval is the percentile interval of the valid resamples. Vectorised:
    units with identical count rows are pooled, the resample counts per pattern come from one
    multinomial draw, and every resample's coincidences are one matrix product.

    ``ci_method='hayes'``: the bootstrap of Hayes & Krippendorff (2007) over pairable values.
    Each resample draws ``M = min(25 q, (m - 1) n / 2)`` pairs of values (q = non-empty cells of
    the coincidence matrix, m = coders, n = pairable values) from the coincidences (pair c != k
    with probability ``2 o_ck / n``, pair c = c with ``o_cc / n``), and
    ``alpha* = 1 - sum(delta2 of the drawn pairs) / (M D_e)`` with the expected disagreement
    ``D_e`` of the data held fixed; alpha* below -1 is set to -1; when only one value occurs on
    the diagonal a resample of 1 is set to 0, otherwise up to
    ``round(B sum_c (o_cc / n)^P)`` resamples of 1 (P = number of pairs) are set to 0; the
    interval takes the sorted resamples at positions ``trunc(tail B)`` and
    ``trunc((1 - tail) B) + 1`` (1-based), as the macro does. This interval holds the expected
    disagreement fixed and is known to be narrower than a bootstrap over units (Gwet 2015;
    Hughes 2021), hence not the default.

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
    Communication Departmental Papers 43.
    Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a standard reliability measure
    for coding data. Communication Methods and Measures 1(1), 77-89.
    https://doi.org/10.1080/19312450709336664
    Hughes, J. (2021). krippendorffsalpha: an R package for measuring agreement using
    Krippendorff's alpha coefficient. The R Journal 13(1). https://doi.org/10.32614/RJ-2021-046

    Examples
    --------
    >>> import numpy as np, impact
    >>> data = np.array([[1, 1, np.nan, 1], [2, 2, 3, 2], [3, 3, 3, 3]], dtype=float)
    >>> round(impact.krippendorff_alpha(data, "nominal", n_boot=0).alpha, 3)
    0.744

    The R equivalent (coders in rows there): ``irr::kripp.alpha(t(data), "nominal")``.
    """
    import numpy as np

    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
    shape = np.shape(data)
    if len(shape) != 2:
        raise ValueError("reliability data must be two-dimensional: units in rows, coders in "
                         "columns")
    n_coders = shape[1]
    counts, values = _value_counts(data, level)
    m = counts.sum(axis=1) if counts.size else np.zeros(shape[0])
    pairable = counts[m >= 2]
    notes = []
    n_pairable = int(pairable.sum())
    if pairable.shape[0] == 0:
        notes.append("no unit was coded by two or more coders: alpha is undefined")
        return AlphaResult(None, None, level, 0, n_coders, 0, n_boot, 0, "unit bootstrap",
                           notes=notes)
    # pool identical count rows: K patterns with frequencies
    patterns, inverse, freq = _unique_rows(pairable)
    n_values = pairable.shape[1]
    if patterns.shape[0] * n_values * n_values > _MAX_CELLS:
        # many distinct values (e.g. continuous interval data): coincidences directly, V x V only
        w = 1.0 / (pairable.sum(axis=1) - 1.0)
        o = (pairable * w[:, None]).T @ pairable - np.diag((pairable * w[:, None]).sum(axis=0))
        alpha = float(_alpha_from_coincidences(o, level, values))
        notes.append(f"{n_values} distinct values in {patterns.shape[0]} value patterns: too "
                     "many for the vectorised bootstrap, so no interval")
        return AlphaResult(None if math.isnan(alpha) else alpha, None, level,
                           int(pairable.shape[0]), n_coders, n_pairable, 0, 0, "none", o,
                           values, notes)
    per_pattern = _unit_coincidences(patterns)                      # (K, V, V)
    o = np.tensordot(freq.astype(float), per_pattern, axes=1)       # (V, V)
    alpha = float(_alpha_from_coincidences(o, level, values))
    if math.isnan(alpha):
        notes.append("all pairable values are the same (no expected disagreement): alpha is "
                     "undefined")
        return AlphaResult(None, None, level, int(pairable.shape[0]), n_coders, n_pairable,
                           n_boot, 0, "unit bootstrap", o, values, notes)
    interval, n_valid, boot = None, 0, None
    if ci_method not in ("units", "hayes"):
        raise ValueError("ci_method must be 'units' or 'hayes'")
    method = ("unit bootstrap (percentile)" if ci_method == "units"
              else "Hayes & Krippendorff (2007) bootstrap over pairable values")
    if n_boot and n_boot > 0:
        rng = np.random.default_rng(seed)
        if ci_method == "units":
            n_units = int(freq.sum())
            draws = rng.multinomial(n_units, freq / n_units, size=n_boot).astype(float)  # (B, K)
            k = per_pattern.shape[1]
            o_boot = (draws @ per_pattern.reshape(len(freq), k * k)).reshape(n_boot, k, k)
            boot = _alpha_from_coincidences(o_boot, level, values)
        else:
            boot = _hayes_bootstrap(o, pairable, n_coders, level, values, n_boot, rng)
        valid = boot[~np.isnan(boot)]
        n_valid = int(valid.size)
        if n_valid < n_boot:
            notes.append(f"{n_boot - n_valid} of {n_boot} resamples had no expected disagreement "
                         "and were left out of the interval")
        tail = (1.0 - ci) / 2.0
        if n_valid >= 2 and ci_method == "units":
            low, high = np.quantile(valid, [tail, 1.0 - tail])
            interval = (float(low), float(high))
        elif n_valid >= 2:
            srt = np.sort(valid)
            lo_i = min(max(int(tail * n_valid) - 1, 0), n_valid - 1)
            hi_i = min(int((1.0 - tail) * n_valid), n_valid - 1)
            interval = (float(srt[lo_i]), float(srt[hi_i]))
        else:
            notes.append("too few valid resamples for an interval")
    if pairable.shape[0] < 10:
        notes.append(f"only {pairable.shape[0]} pairable units: the interval is rough")
    return AlphaResult(alpha, interval, level, int(pairable.shape[0]), n_coders, n_pairable,
                       n_boot, n_valid, method, o, values, notes, resamples=boot)


def _hayes_bootstrap(o, pairable, n_coders, level, values, n_boot, rng):
    """Resampled alphas of the Hayes & Krippendorff (2007) algorithm (see krippendorff_alpha)."""
    import numpy as np

    n_c = o.sum(axis=1)
    n = float(n_c.sum())
    d2 = _delta2(level, values, n_c)
    expected = (n_c[:, None] * n_c[None, :] * d2).sum() / (n * (n - 1.0))   # D_e
    q = int((o > 1e-12).sum())
    m_draws = int(min(25 * q, (n_coders - 1) * n / 2.0))
    lower = np.tril_indices(len(n_c))
    prob = np.where(lower[0] == lower[1], 1.0, 2.0) * o[lower] / n
    prob = np.clip(prob, 0.0, None)
    prob = prob / prob.sum()
    counts = rng.multinomial(m_draws, prob, size=n_boot)                       # (B, cells)
    boot = 1.0 - (counts @ d2[lower]) / (expected * m_draws)
    boot = np.maximum(boot, -1.0)
    diag = np.diag(o)
    n_zero = int((diag > 1e-12).sum())
    ones = np.isclose(boot, 1.0)
    if n_zero == 1:
        boot[ones] = 0.0
    elif n_zero > 1:
        m_u = pairable.sum(axis=1)
        n_pairs = float((m_u * (m_u - 1.0) / 2.0).sum())
        nx = int(round(n_boot * float(((diag / n) ** n_pairs).sum())))
        idx = np.nonzero(ones)[0][:nx]
        boot[idx] = 0.0
    return boot


# --------------------------------------------------------------------------------------------
# Cohen's kappa
# --------------------------------------------------------------------------------------------

class KappaResult(Result):
    """Cohen's kappa with the asymptotic interval of psych::cohen.kappa."""

    title = "Cohen's kappa"

    def __init__(self, kappa, se, ci, n, po, pc, weights, notes=()):
        self.kappa, self.se, self.ci, self.n = kappa, se, ci, n
        self.po, self.pc, self.weights = po, pc, weights
        self.notes = list(notes)

    def __float__(self):
        return float("nan") if self.kappa is None else float(self.kappa)

    def to_dict(self):
        return clean_json({"kappa": self.kappa, "se": self.se,
                           "ci_low": self.ci[0] if self.ci else None,
                           "ci_high": self.ci[1] if self.ci else None, "n": self.n,
                           "p_observed": self.po, "p_chance": self.pc,
                           "weights": self.weights or "none", "notes": "; ".join(self.notes)})


def cohen_kappa(rater1, rater2=None, *, weights=None, levels=None, alpha=0.05):
    """Cohen's kappa for two coders with the Fleiss-Cohen-Everitt asymptotic interval.

    Parameters
    ----------
    rater1, rater2 : sequence
        The two coders' values for the same units (NaN / None = not coded). Or ``rater1`` is a
        two-column DataFrame/array and ``rater2`` is None.
    weights : None
        Unweighted kappa (codes are nominal); reserved for weighted variants.
    levels : sequence, optional
        The categories (in order); default the sorted union of both coders' values.
    alpha : float
        1 - coverage of the interval.

    Returns
    -------
    KappaResult
        ``kappa``, ``se`` (square root of the asymptotic variance), ``ci`` (low, high; clipped
        to [-1, 1] as psych does), ``n`` (units both coders coded), ``po``, ``pc``.

    Notes
    -----
    With ``p_ij`` the proportion of units coder 1 put in i and coder 2 in j, ``r_i``, ``c_j`` the
    margins, ``po = sum_i p_ii`` and ``pc = sum_i r_i c_i``: ``kappa = (po - pc) / (1 - pc)`` and

    ``var = [sum_i p_ii ((1 - pc) - (r_i + c_i)(1 - po))^2 + (1 - po)^2 (sum_ij p_ij (c_i +
    r_j)^2 - sum_i p_ii (c_i + r_i)^2) - (po pc - 2 pc + po)^2] / (n (1 - pc)^4)``

    (Fleiss, Cohen & Everitt 1969), exactly as ``psych::cohen.kappa``; the interval is
    ``kappa +- z_{1 - alpha/2} sqrt(var)``.
    Missing data: units that either coder left uncoded are dropped (listwise), as R's table()
    does. A kappa that cannot be computed (no units, or one category only) is None with a note.

    References
    ----------
    Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological
    Measurement 20, 37-46. https://doi.org/10.1177/001316446002000104
    Fleiss, J. L., Cohen, J., & Everitt, B. S. (1969). Large sample standard errors of kappa and
    weighted kappa. Psychological Bulletin 72(5), 323-327. https://doi.org/10.1037/h0028106

    Examples
    --------
    >>> import impact
    >>> res = impact.cohen_kappa(["a", "a", "b", "b", "c"], ["a", "b", "b", "b", "c"])
    >>> round(res.kappa, 4)
    0.6875

    In R: ``psych::cohen.kappa(cbind(r1, r2))``.
    """
    import numpy as np
    import pandas as pd
    from scipy.stats import norm

    if rater2 is None:
        two = pd.DataFrame(np.asarray(rater1, dtype=object))
        if two.shape[1] != 2:
            raise ValueError("give two raters, or one two-column table")
        a, b = two.iloc[:, 0], two.iloc[:, 1]
    else:
        a = pd.Series(list(rater1), dtype=object)
        b = pd.Series(list(rater2), dtype=object)
        if len(a) != len(b):
            raise ValueError("the two raters must have the same number of units")
    keep = ~(pd.isna(a).to_numpy() | pd.isna(b).to_numpy())
    a, b = a[keep].to_numpy(), b[keep].to_numpy()
    notes = []
    n = int(keep.sum())
    if levels is None:
        try:
            levels = sorted(set(a) | set(b))
        except TypeError:
            levels = sorted(set(a) | set(b), key=str)
    levels = list(levels)
    k = len(levels)
    if n == 0:
        return KappaResult(None, None, None, 0, None, None, weights,
                           ["no unit was coded by both coders"])
    index = {v: i for i, v in enumerate(levels)}
    try:
        ia = np.array([index[v] for v in a])
        ib = np.array([index[v] for v in b])
    except KeyError as exc:
        raise ValueError(f"value {exc.args[0]!r} is not among the levels") from None
    x = np.bincount(ia * k + ib, minlength=k * k).reshape(k, k) / n
    rs, cs = x.sum(axis=1), x.sum(axis=0)
    po = float(np.trace(x))
    pc = float(rs @ cs)
    if k < 2 or pc >= 1.0:
        return KappaResult(None, None, None, n, po, pc, weights,
                           ["both coders used one and the same category only: kappa is undefined"])
    if weights is None:
        kappa = (po - pc) / (1 - pc)
        diag = np.diag(x)
        term1 = float((diag * ((1 - pc) - (rs + cs) * (1 - po)) ** 2).sum())
        s = cs[:, None] + rs[None, :]
        term2 = (1 - po) ** 2 * float((x * s ** 2).sum() - (diag * np.diag(s) ** 2).sum())
        var = (term1 + term2 - (po * pc - 2 * pc + po) ** 2) / (n * (1 - pc) ** 4)
    else:
        raise ValueError("weights: only None (unweighted kappa) is supported")
    if not np.isfinite(var) or var < 0:
        notes.append("the asymptotic variance is not positive: interval set to the estimate")
        var = 0.0
    se = math.sqrt(var)
    z = float(norm.ppf(1 - alpha / 2))
    ci = (max(-1.0, kappa - z * se), min(1.0, kappa + z * se))
    if n < 30:
        notes.append(f"only {n} units: the asymptotic interval is rough")
    return KappaResult(float(kappa), se, ci, n, po, pc, weights, notes)


# --------------------------------------------------------------------------------------------
# codings (unit, coder, code) -> agreement
# --------------------------------------------------------------------------------------------

def _check_codings(codings):
    import pandas as pd

    if not isinstance(codings, pd.DataFrame):
        raise TypeError("codings must be a DataFrame with columns unit, coder, code")
    missing = [c for c in ("unit", "coder", "code") if c not in codings.columns]
    if missing:
        raise ValueError(f"codings lack column(s) {', '.join(missing)}")
    frame = codings[["unit", "coder", "code"]].dropna()
    return frame.astype({"unit": str, "coder": str}).drop_duplicates()


def reliability_matrix(codings):
    """Single-label codings (unit, coder, code) as a units x coders table (NaN = not coded).

    Raises ValueError when a coder gave one unit more than one code (multi-label: use
    :func:`coding_agreement`, which handles it per code).
    """
    frame = _check_codings(codings)
    dup = frame.duplicated(["unit", "coder"], keep=False)
    if dup.any():
        first = frame[dup].iloc[0]
        raise ValueError(f"coder {first['coder']!r} gave unit {first['unit']!r} several codes: "
                         "multi-label codings have no single reliability matrix")
    return frame.pivot(index="unit", columns="coder", values="code")


def _presence(frame, units=None):
    """(units x coders x codes) 0/1 array with NaN where a coder did not code a unit.

    Only units that at least one coder coded enter. With ``units``, a coder without a row for a
    listed unit gave it no code (0); otherwise that coder is missing there (NaN).
    """
    import numpy as np
    import pandas as pd

    unit_ids = sorted(set(frame["unit"]))
    coders = sorted(frame["coder"].unique())
    codes = sorted(frame["code"].astype(str).unique())
    ui = pd.Index(unit_ids).get_indexer(frame["unit"])
    ci = pd.Index(coders).get_indexer(frame["coder"])
    ki = pd.Index(codes).get_indexer(frame["code"].astype(str))
    cube = np.zeros((len(unit_ids), len(coders), len(codes)))
    cube[ui, ci, ki] = 1.0
    coded = np.zeros((len(unit_ids), len(coders)), dtype=bool)
    coded[ui, ci] = True
    if units is not None:
        coded[np.isin(np.array(unit_ids, dtype=object), np.array(list(map(str, units)),
                                                                 dtype=object))] = True
    cube[~coded] = np.nan
    return cube, unit_ids, coders, codes


class AgreementResult(Result):
    """Overall and per-code agreement of a codings table; ``to_dict()`` is the CLI's JSON."""

    title = "Agreement between coders"

    def __init__(self, summary: dict, per_code: list | None, notes: list[str]):
        self.values = summary
        self.per_code = per_code
        self.notes = notes

    def to_dict(self):
        out = dict(self.values)
        if self.per_code is not None:
            out["per_code"] = self.per_code
        out["notes"] = list(self.notes)
        return clean_json(out)

    def to_frame(self):
        """Per-code table (multi-label or nominal codings), else the one-row summary."""
        import pandas as pd

        if self.per_code:
            return pd.DataFrame(self.per_code)
        return self.summary_frame()

    def summary_frame(self):
        import pandas as pd

        row = {k: v for k, v in self.values.items() if not isinstance(v, list)}
        for key in ("alpha_ci", "cohen_kappa_ci"):
            ci = self.values.get(key)
            row[f"{key}_low"], row[f"{key}_high"] = (ci if ci else (None, None))
        return pd.DataFrame([row])

    def _repr_html_(self):
        import html

        fmt = {"float_format": lambda x: f"{x:.3f}", "na_rep": "", "escape": True,
               "index": False}
        parts = [f"<p><strong>{html.escape(self.title)}</strong></p>",
                 self.summary_frame().to_html(**fmt)]
        if self.per_code:
            parts.append(self.to_frame().drop(columns=["alpha_ci_low", "alpha_ci_high"], errors="ignore").to_html(**fmt))
        if self.notes:
            parts.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
                         + "</ul>")
        return "".join(parts)


def _percent_all_agree(matrix):
    """Share of units with >= 2 values where every present value is the same."""
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame(matrix)
    n_present = frame.notna().sum(axis=1)
    pairable = n_present >= 2
    if not pairable.any():
        return None
    agree = frame[pairable].nunique(axis=1, dropna=True) == 1
    return float(np.mean(agree))


def coding_agreement(codings, level="nominal", *, units=None, n_boot=1000, ci=0.95, seed=0,
                     ci_method="units"):
    """Agreement of a codings table: alpha with CI, percent agreement, kappa, per code.

    Parameters
    ----------
    codings : DataFrame
        Columns ``unit, coder, code`` (one row per code a coder gave a unit; several rows for one
        unit and coder = multi-label).
    level : str
        Level for single-label codings ('nominal' for codes; the others need numeric codes).
        Multi-label codings are always nominal.
    units : sequence, optional
        Units that **every** coder read (e.g. all quote_ids). Given, a coder without a row for
        such a unit is taken to have given it no code (absence), not to have skipped it. Units
        that no coder coded never enter (they would inflate agreement); a note counts them.
        Not given (the default), such a coder is missing for that unit. For single-label
        nominal codings the absence becomes the value "(no code)".
    n_boot, ci, seed, ci_method : see :func:`krippendorff_alpha`.

    Returns
    -------
    AgreementResult
        ``to_dict()``: ``n_units`` (units at least one coder coded), ``n_coders``,
        ``multi_label``, ``level``, ``krippendorff_alpha``, ``alpha_ci`` ([low, high]),
        ``alpha_ci_method``,
        ``percent_agreement`` (share of units coded by >= 2 coders on which all of them gave the
        same code, or for multi-label the same set of codes), ``cohen_kappa`` and
        ``cohen_kappa_ci`` (two coders only, else None), ``per_code`` (nominal level: one object
        per code with ``code, n_units, n_units_with_code, krippendorff_alpha, alpha_ci,
        percent_agreement, positive_agreement, cohen_kappa``) and ``notes``.

    Notes
    -----
    Single-label codings: alpha and kappa on the units x coders table of codes.
    Multi-label codings: each (unit, code) pair is a binary decision (present/absent) of each
    coder who coded the unit. The overall alpha and kappa pool these decisions over all codes;
    ``per_code`` gives them per code. Uncoded text never enters: only units that at least one
    coder coded count, and a coder with no row for a unit is missing there (unless ``units``
    says every coder saw it). This avoids the inflation that QualCoder (#667) gets from counting
    uncoded characters as agreement. ``positive_agreement`` is the specific agreement on
    presence, ``2a / (2a + b + c)`` summed over coder pairs (Cicchetti & Feinstein 1990).

    Examples
    --------
    >>> import pandas as pd, impact
    >>> c = pd.DataFrame({"unit": ["q1", "q1", "q2", "q2"], "coder": ["A", "B", "A", "B"],
    ...                   "code": ["pride", "pride", "meaning", "pride"]})
    >>> impact.coding_agreement(c, n_boot=0).to_dict()["percent_agreement"]
    0.5

    In R, the overall alpha of single-label codings is
    ``irr::kripp.alpha(t(as.matrix(tidyr::pivot_wider(codings, names_from = coder,
    values_from = code)[, -1])), "nominal")``; the per-code figures have no single R call.
    """
    import numpy as np
    import pandas as pd

    frame = _check_codings(codings)
    notes: list[str] = []
    if frame.empty:
        raise ValueError("the codings table has no rows")
    coders = sorted(frame["coder"].unique())
    multi = bool(frame.duplicated(["unit", "coder"]).any())
    if multi and level != "nominal":
        raise ValueError("multi-label codings (several codes per unit and coder) are nominal; "
                         f"level '{level}' does not apply")
    if units is not None:
        units = [str(u) for u in units]
        uncoded = len(set(units) - set(frame["unit"]))
        if uncoded:
            notes.append(f"{uncoded} unit(s) that no coder coded are left out: counting them as "
                         "agreement would inflate it")
    summary = {"n_units": int(frame["unit"].nunique()),
               "n_coders": len(coders), "multi_label": multi, "level": level}
    per_code = None
    if len(coders) < 2:
        notes.append("only one coder: agreement needs two or more")
    cube, unit_ids, coder_ids, codes = (None, None, None, None)
    if level == "nominal":
        cube, unit_ids, coder_ids, codes = _presence(frame, units)
    if not multi:
        matrix = reliability_matrix(frame)
        if units is not None and level == "nominal":
            # every coder saw every listed unit: no row = the decision to give no code
            listed = matrix.index.isin(units)
            filled = matrix.astype(object).where(matrix.notna(), NO_CODE)
            matrix = filled.where(pd.Series(listed, index=matrix.index), matrix.astype(object),
                                  axis=0)
        if level != "nominal":
            try:
                matrix = matrix.astype(float)
            except (TypeError, ValueError):
                raise ValueError(f"level '{level}' needs numeric codes") from None
        alpha = krippendorff_alpha(matrix, level, n_boot=n_boot, ci=ci, seed=seed,
                                   ci_method=ci_method)
        summary["percent_agreement"] = _percent_all_agree(matrix.to_numpy(dtype=object))
        two = matrix.to_numpy(dtype=object) if len(coders) == 2 else None
    else:
        # pooled binary decisions: rows = (unit, code), columns = coders
        n_u, n_c, n_k = cube.shape
        stacked = cube.transpose(0, 2, 1).reshape(n_u * n_k, n_c)
        alpha = krippendorff_alpha(stacked, "nominal", n_boot=n_boot, ci=ci, seed=seed,
                                   ci_method=ci_method)
        present = ~np.isnan(cube[:, :, 0])
        pairable = present.sum(axis=1) >= 2
        # compare each present coder with the first present coder of the unit
        first = np.argmax(present, axis=1)
        ref = np.nan_to_num(cube)[np.arange(n_u), first]              # (units, codes)
        same = (np.all(np.nan_to_num(cube) == ref[:, None, :], axis=2) | ~present).all(axis=1)
        summary["percent_agreement"] = (float(same[pairable].mean()) if pairable.any() else None)
        two = stacked if len(coders) == 2 else None
        notes.append("multi-label codings: overall alpha and kappa pool the present/absent "
                     "decisions over all codes; see per_code")
    summary["krippendorff_alpha"] = alpha.alpha
    summary["alpha_ci"] = list(alpha.ci) if alpha.ci else None
    summary["alpha_ci_method"] = alpha.ci_method if alpha.ci else None
    notes.extend(alpha.notes)
    summary["cohen_kappa"] = None
    summary["cohen_kappa_ci"] = None
    if two is not None:
        kap = cohen_kappa(two[:, 0], two[:, 1])
        summary["cohen_kappa"] = kap.kappa
        summary["cohen_kappa_ci"] = list(kap.ci) if kap.ci else None
        notes.extend(f"kappa: {n}" for n in kap.notes)
    elif len(coders) > 2:
        notes.append("Cohen's kappa is for two coders; use Krippendorff's alpha")
    if level == "nominal" and len(coders) >= 2:
        per_code = _per_code(cube, codes, n_boot=n_boot, ci=ci, seed=seed, ci_method=ci_method)
    return AgreementResult(summary, per_code, notes)


def _per_code(cube, codes, *, n_boot, ci, seed, ci_method="units"):
    import numpy as np

    rows = []
    n_coders = cube.shape[1]
    for j, code in enumerate(codes):
        mat = cube[:, :, j]                                    # units x coders, NaN = not coded
        present = ~np.isnan(mat)
        pairable = present.sum(axis=1) >= 2
        sub = mat[pairable]
        with_code = int((np.nansum(mat, axis=1) > 0).sum())
        res = krippendorff_alpha(mat, "nominal", n_boot=n_boot, ci=ci, seed=seed,
                                 ci_method=ci_method)
        if sub.shape[0]:
            agree = np.nanmin(sub, axis=1) == np.nanmax(sub, axis=1)
            pct = float(agree.mean())
        else:
            pct = None
        # specific positive agreement over all coder pairs
        both = either_only = 0.0
        for a in range(n_coders):
            for b in range(a + 1, n_coders):
                ok = present[:, a] & present[:, b]
                xa, xb = mat[ok, a], mat[ok, b]
                both += float((xa * xb).sum())
                either_only += float(((xa + xb) == 1).sum())
        pos = (2 * both / (2 * both + either_only)) if (2 * both + either_only) > 0 else None
        kappa = None
        if n_coders == 2:
            kappa = cohen_kappa(mat[:, 0], mat[:, 1]).kappa
        rows.append({"code": code, "n_units": int(pairable.sum()),
                     "n_units_with_code": with_code, "krippendorff_alpha": res.alpha,
                     "alpha_ci": list(res.ci) if res.ci else None, "percent_agreement": pct,
                     "positive_agreement": pos, "cohen_kappa": kappa})
    return clean_json(rows)


def coding_disagreements(codings, quotes=None, *, units=None):
    """Disagreements to bring to the consensus meeting.

    Parameters
    ----------
    codings : DataFrame
        ``unit, coder, code``.
    quotes : DataFrame, optional
        Quotes table (``quote_id, text``); its text is added so the meeting sees the fragment.
    units : sequence, optional
        As in :func:`coding_agreement`.

    Returns
    -------
    DataFrame
        One row per (unit, code) on which the coders who coded the unit disagree: ``unit, code,
        given_by`` (coders who gave the code, ';'-joined), ``not_given_by`` and, with quotes,
        ``text``. Sorted by unit and code.
    """
    import numpy as np
    import pandas as pd

    frame = _check_codings(codings)
    cube, unit_ids, coders, codes = _presence(frame, units)
    present = ~np.isnan(cube)
    filled = np.nan_to_num(cube)
    n_given = filled.sum(axis=1)                                  # units x codes
    n_present = present.sum(axis=1)                               # units x codes
    mask = (n_given > 0) & (n_given < n_present) & (n_present >= 2)
    ui, ki = np.nonzero(mask)
    coder_arr = np.array(coders, dtype=object)
    rows = []
    for u, k in zip(ui, ki):
        gave = filled[u, :, k] == 1
        rows.append({"unit": unit_ids[u], "code": codes[k],
                     "given_by": ";".join(coder_arr[gave & present[u, :, k]]),
                     "not_given_by": ";".join(coder_arr[~gave & present[u, :, k]])})
    out = pd.DataFrame(rows, columns=["unit", "code", "given_by", "not_given_by"])
    if quotes is not None and "quote_id" in quotes.columns and "text" in quotes.columns:
        text = quotes.assign(quote_id=quotes["quote_id"].astype(str)).set_index("quote_id")["text"]
        out["text"] = out["unit"].map(text)
    return out.sort_values(["unit", "code"], ignore_index=True)

