"""Internal consistency: Cronbach's alpha with a Feldt interval, McDonald's omega total, item
statistics. Frames or arrays in, a :class:`ReliabilityResult` out.

Missing data: complete cases only (a respondent with any missing item is left out, as
``psych::alpha(x, use = "complete.obs")`` would after ``na.omit``); the number left out is reported
in ``n_excluded`` and a note. Items are analysed as keyed: for a built-in or custom instrument the
reversed and recoded values that scoring uses (De Jong Gierveld items as 0/1, so alpha is KR-20).
"""

from __future__ import annotations

import math

from .._result import DictResult

__all__ = ["reliability", "ReliabilityResult", "cronbach_alpha", "omega_total"]


def _alpha_from_cov(c) -> float:
    import numpy as np

    k = c.shape[0]
    total = c.sum()
    if k < 2 or not total > 0:
        return float("nan")
    return float(k / (k - 1) * (1 - np.trace(c) / total))


def cronbach_alpha(x) -> float:
    """Cronbach's alpha of a complete ``(n, k)`` item matrix.

    .. math:: \\alpha = \\frac{k}{k-1}\\Bigl(1 - \\frac{\\sum_i s_i^2}{s_X^2}\\Bigr)

    with :math:`s_i^2` the item variances and :math:`s_X^2` the variance of the sum score
    (``psych::alpha(x)$total$raw_alpha``). Returns NaN when the total has no variance.
    """
    import numpy as np

    x = np.asarray(x, dtype=float)
    if x.shape[1] < 2:
        return float("nan")
    return _alpha_from_cov(np.cov(x, rowvar=False, ddof=1))


def alpha_ci_feldt(alpha, n, k, level=0.95):
    """Feldt (1965) confidence interval for alpha, as ``psych::alpha.ci``.

    .. math:: 1 - (1-\\alpha) F_{1-a/2}(n-1, (n-1)(k-1)) \\le \\alpha \\le
              1 - (1-\\alpha) F_{a/2}(n-1, (n-1)(k-1))
    """
    from scipy.stats import f

    if not (n > 1 and k > 1 and math.isfinite(alpha)):
        return (None, None)
    a = 1 - level
    df1, df2 = n - 1, (n - 1) * (k - 1)
    return (float(1 - (1 - alpha) * f.ppf(1 - a / 2, df1, df2)),
            float(1 - (1 - alpha) * f.ppf(a / 2, df1, df2)))


def _one_factor(r, tol=1e-13, max_iter=100_000):
    """Minimum-residual (minres/ULS) one-factor loadings of a correlation matrix.

    Iterated principal axes from squared multiple correlations until the communalities stop
    changing; the fixed point minimises the off-diagonal residual sum of squares, the criterion of
    ``psych::fa(fm = "minres")``.
    """
    import numpy as np

    try:
        h2 = 1 - 1 / np.diag(np.linalg.inv(r))
    except np.linalg.LinAlgError:
        h2 = np.full(len(r), 0.5)
    converged = False
    for _ in range(max_iter):
        reduced = r.copy()
        np.fill_diagonal(reduced, h2)
        values, vectors = np.linalg.eigh(reduced)
        loadings = vectors[:, -1] * math.sqrt(max(values[-1], 0.0))
        new = loadings ** 2
        if np.max(np.abs(new - h2)) < tol:
            converged = True
            h2 = new
            break
        h2 = new
    if loadings.sum() < 0:
        loadings = -loadings
    return loadings, converged


def omega_total(x):
    """McDonald's omega total from a one-factor minres fit of the item correlations.

    .. math:: \\omega_t = 1 - \\frac{\\sum_i (1 - \\lambda_i^2)}{\\mathbf{1}'R\\mathbf{1}}

    with :math:`\\lambda` the standardised loadings and :math:`R` the item correlation matrix, as
    ``psych::omega(x, nfactors = 1)$omega.tot``. Items loading negatively on the first
    principal component are reversed first, as psych's ``check.keys = TRUE``. Returns
    ``(omega, loadings, converged)`` (loadings in the items' own orientation).
    """
    import numpy as np

    x = np.asarray(x, dtype=float)
    r = np.corrcoef(x, rowvar=False)
    key = _principal_keys(r)
    omega, lam, converged = _omega_from_cor(r * np.outer(key, key))
    return omega, lam * key, converged


def _principal_keys(r):
    """+1/-1 per item: the sign of its loading on the first principal component of ``r``, the
    component oriented so its loadings sum to a positive value (``psych::principal``); psych's
    ``omega`` (``check.keys = TRUE``) reverses the items with a negative sign."""
    import numpy as np

    values, vectors = np.linalg.eigh(r)
    v = vectors[:, -1]
    if v.sum() < 0:
        v = -v
    return np.where(v < 0, -1.0, 1.0)


def _omega_from_cor(r):
    import numpy as np

    loadings, converged = _one_factor(r)
    omega = 1 - np.sum(1 - loadings ** 2) / r.sum()
    return float(omega), loadings, converged


class ReliabilityResult(DictResult):
    """Result of :func:`reliability`: ``to_dict()`` gives the JSON of ``impact reliability``."""

    title = "Reliability"

    def __getattr__(self, key):
        try:
            return self.__dict__["data"][key]
        except KeyError:
            raise AttributeError(key) from None

    def to_frame(self):
        """The item table: item, corrected item-total r, alpha if deleted, loading."""
        import pandas as pd

        return pd.DataFrame(self.data["items"])

    def _repr_html_(self) -> str:
        import html

        d = self.data
        lo, hi = d["alpha_ci"] or (None, None)

        def fmt(v):
            return "-" if v is None else f"{v:.3f}"

        head = (f"<p><strong>{html.escape(self.title)}</strong>: n = {d['n']}, k = {d['k']}, "
                f"alpha = {fmt(d['alpha'])} (95% CI {fmt(lo)} to {fmt(hi)}), "
                f"omega total = {fmt(d['omega_total'])}</p>")
        notes = "".join(f"<p>{html.escape(n)}</p>" for n in d["notes"])
        return head + self.to_frame().to_html(index=False, float_format=lambda v: f"{v:.3f}",
                                              na_rep="", escape=True) + notes


def reliability(data, instrument=None, *, missing="complete", level=0.95,
                missing_codes=()) -> ReliabilityResult:
    """Cronbach's alpha (Feldt CI), omega total and item statistics.

    Parameters
    ----------
    data : pandas.DataFrame or array-like
        With ``instrument``: a response frame with the item columns ``<id>_<k>`` in the input
        coding; the items are keyed (reversed, recoded) as for scoring. Without: the item columns
        themselves, already keyed (every column is an item).
    instrument : str or Instrument, optional
        Built-in id or a custom :class:`Instrument`.
    missing : {"complete", "pairwise"}
        ``complete`` (default): respondents with any missing item are left out. ``pairwise``:
        every covariance from the respondents who answered both items, as ``psych::alpha``'s
        default ``use = "pairwise"``; ``n`` is then the number of respondents with at least one
        answered item (psych uses all rows) and omega uses pairwise correlations.
    level : float
        Confidence level of the Feldt interval.
    missing_codes : sequence of numbers
        Extra codes meaning missing (with ``instrument``).

    Returns
    -------
    ReliabilityResult
        ``n``, ``k``, ``alpha``, ``alpha_ci`` [low, high], ``omega_total``, ``items`` (``item``,
        ``item_total_r`` = corrected item-total correlation, ``alpha_if_deleted``, ``loading``),
        ``n_excluded``, ``method``, ``notes``. A statistic that cannot be computed (fewer than 3
        respondents or 2 items, no variance, an improper factor solution) is None with a note.

    Notes
    -----
    All statistics come from the item covariance matrix :math:`C` (and correlation matrix
    :math:`R`):

    * alpha: :math:`k/(k-1)\\,(1 - \\mathrm{tr}\\,C / \\mathbf 1'C\\mathbf 1)` (Cronbach 1951).
    * Feldt (1965) CI: :math:`1 - (1-\\alpha)F_{q}(n-1,(n-1)(k-1))` at ``q = 1-a/2`` (low) and
      ``a/2`` (high), as ``psych::alpha.ci``.
    * omega total (McDonald 1999) from a one-factor minimum-residual fit of :math:`R`:
      :math:`1 - \\sum(1-\\lambda_i^2) / \\mathbf 1'R\\mathbf 1`, as ``psych::omega(nfactors=1)``.
    * corrected item-total r of item i: :math:`(\\sum_j C_{ij} - C_{ii}) /
      \\sqrt{C_{ii}\\,\\mathbf 1'C_{-i}\\mathbf 1}` (psych's ``r.drop``; with complete cases the
      correlation of the item with the sum of the others); alpha if deleted: alpha of
      :math:`C_{-i}`.

    Examples
    --------
    >>> import impact
    >>> responses = impact.synth.synthesise("kunst-op-recept", seed=1).responses
    >>> rel = impact.reliability(responses[responses["wave"] == "T0"], "pss10")
    >>> 0.7 < rel.alpha < 0.95 and rel.alpha_ci[0] < rel.alpha < rel.alpha_ci[1]
    True

    The R equivalent is ``psych::alpha(na.omit(items))`` (``$total$raw_alpha``, ``$feldt``,
    ``$item.stats$r.drop``, ``$alpha.drop$raw_alpha``) and
    ``psych::omega(na.omit(items), nfactors = 1)$omega.tot``; ``missing="pairwise"`` corresponds
    to ``psych::alpha(items)`` on the incomplete data.
    """
    import numpy as np
    import pandas as pd

    from ..errors import InputError

    if missing not in ("complete", "pairwise"):
        raise InputError(f"missing must be 'complete' or 'pairwise', got {missing!r}",
                         rule="reliability missing-data method")
    notes = []
    if instrument is not None:
        from .registry import get_instrument
        from .scoring import keyed_items

        inst = get_instrument(instrument)
        x = keyed_items(data, inst, missing_codes=missing_codes)
        names = inst.item_columns
        if not inst.total:
            notes.append(f"{inst.id} has no total score; alpha over all its items describes the "
                         f"item set, not a score in use")
    elif isinstance(data, pd.DataFrame):
        names = [str(c) for c in data.columns]
        x = data.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    else:
        x = np.asarray(data, dtype=float)
        names = [f"item_{j + 1}" for j in range(x.shape[1])]
    n_all, k = x.shape
    observed = ~np.isnan(x)
    if missing == "complete":
        x = x[observed.all(axis=1)]
        n = len(x)
        if n < n_all:
            notes.append(f"{n_all - n} of {n_all} respondents left out: complete cases only")
        with np.errstate(invalid="ignore", divide="ignore"):
            cov = np.cov(x, rowvar=False, ddof=1) if n >= 2 else np.full((k, k), np.nan)
            cor = np.corrcoef(x, rowvar=False) if n >= 2 else np.full((k, k), np.nan)
    else:
        n = int(observed.any(axis=1).sum())
        frame = pd.DataFrame(x)
        cov = frame.cov().to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):
            cor = frame.corr().to_numpy()
        pairs = observed.T.astype(int) @ observed.astype(int)
        notes.append(f"pairwise covariances: each from the respondents who answered both items "
                     f"(fewest {int(pairs.min())} for a pair); n = {n} respondents with any "
                     f"answer")
    cov = np.atleast_2d(cov)
    out = {"n": int(n), "k": int(k), "alpha": None, "alpha_ci": None, "ci_level": level,
           "omega_total": None, "items": [], "n_excluded": int(n_all - n),
           "method": "complete cases" if missing == "complete" else "pairwise",
           "notes": notes}
    if n < 3 or k < 2 or not np.all(np.isfinite(cov)):
        notes.append(f"reliability needs at least 3 respondents, 2 items and every item pair "
                     f"answered together (have {n} respondents and {k} items); not computed")
        out["items"] = [{"item": name, "item_total_r": None, "alpha_if_deleted": None,
                         "loading": None} for name in names]
        return ReliabilityResult(out)
    var = np.diag(cov)
    constant = [names[j] for j in range(k) if not var[j] > 0]
    if constant:
        notes.append(f"item(s) without variance: {', '.join(constant)}")
    alpha = _alpha_from_cov(cov)
    if math.isfinite(alpha):
        out["alpha"] = alpha
        out["alpha_ci"] = list(alpha_ci_feldt(alpha, n, k, level))
    else:
        notes.append("the sum score has no variance; alpha not computed")
    loadings = [None] * k
    if not constant and np.all(np.isfinite(cor)):
        key = _principal_keys(cor)
        if (key < 0).any():
            flipped = [names[j] for j in range(k) if key[j] < 0]
            notes.append(f"item(s) {', '.join(flipped)} load negatively on the first principal "
                         f"component: reversed for omega total (as psych::omega's check.keys); "
                         f"alpha uses the items as keyed")
        omega, lam, converged = _omega_from_cor(cor * np.outer(key, key))
        if converged and np.all(lam ** 2 <= 1):
            out["omega_total"] = omega
            loadings = (lam * key).tolist()
        else:
            notes.append("the one-factor fit did not converge to a proper solution (Heywood "
                         "case or no convergence); omega total not computed")
    else:
        notes.append("omega total needs every item to vary; not computed")
    items = []
    for j in range(k):
        keep = np.arange(k) != j
        rest = cov[np.ix_(keep, keep)]
        rest_var = rest.sum()
        r = None
        if var[j] > 0 and rest_var > 0:
            r = float((cov[j].sum() - var[j]) / math.sqrt(var[j] * rest_var))
        a_del = _alpha_from_cov(rest) if k > 2 else float("nan")
        items.append({"item": names[j], "item_total_r": r,
                      "alpha_if_deleted": a_del if math.isfinite(a_del) else None,
                      "loading": loadings[j]})
    out["items"] = items
    negative = [(i["item"], i["item_total_r"]) for i in items
                if i["item_total_r"] is not None and i["item_total_r"] < 0]
    if negative:
        notes.append("item(s) correlating negatively with the rest of the scale (corrected "
                     "item-total r " + ", ".join(f"{name} {r:.2f}" for name, r in negative)
                     + "): probably a reversed item that was not reversed; check the keying")
        import warnings

        warnings.warn(notes[-1], UserWarning, stacklevel=2)
    return ReliabilityResult(out)
