"""The aggregates a programme's reports may show, computed once by the analysis.

:func:`impact.studies.programme.analyse` adds them to the results (``baseline_scores``,
``trajectory``, ``positive_health``, ``background_summary``, ``themes``) so the disclosure step
only decides what of them may be published: it reads no data file and computes no statistic
(docs/architecture.md). Every function takes frames of one run and returns plain numbers.
"""

from __future__ import annotations

import numpy as np

__all__ = ["baseline_scores", "trajectories", "positive_health_means", "background_summary",
           "theme_counts", "names_in_data"]

CHANGE_CATEGORIES = ("improved", "unchanged", "deteriorated")
MPH_DIMENSIONS = ("body", "mental", "meaning", "quality", "participation", "daily")


def baseline_scores(scores, outcomes, baseline) -> list[dict]:
    """Per outcome the people with a score at baseline: ``n``, ``mean`` and ``sd`` (ddof 1; None
    for fewer than two). Missing scores are left out (available cases at baseline)."""
    base = scores.loc[scores["wave"].astype(str) == str(baseline)]
    out = []
    for col in outcomes:
        if col not in base.columns:
            continue
        v = base[col].astype(float).dropna()
        out.append({"outcome": col, "n": int(len(v)),
                    "mean": float(v.mean()) if len(v) else None,
                    "sd": float(v.std(ddof=1)) if len(v) > 1 else None})
    return out


def trajectories(scores, outcomes, waves) -> list[dict]:
    """Three or more waves: per outcome the participants measured at every wave (complete
    cases) and per wave their mean with a t-interval (``mean +- t(0.975, n-1) * sd / sqrt(n)``,
    as R ``t.test(x)$conf.int``). Empty for fewer than three waves."""
    from ..stats import _dist as _st

    waves = [str(w) for w in waves]
    if len(waves) < 3:
        return []
    sc = scores.assign(wave=scores["wave"].astype(str))
    present = [c for c in dict.fromkeys(outcomes) if c in sc.columns]
    # one pivot of every outcome (participants indexed once); per outcome the same frame as
    # its own pivot: "first" takes each column's first non-missing value, and a wave column
    # without any value is left out
    both = sc.pivot_table(index="participant_id", columns="wave", values=present,
                          aggfunc="first") if present else None
    out = []
    for col in outcomes:
        if col not in sc.columns:
            continue
        wide = both[col] if col in both.columns.get_level_values(0) else \
            both.iloc[:, :0]
        if not all(w in wide.columns for w in waves):
            continue
        complete = wide[waves].dropna()
        n = len(complete)
        points = []
        if n >= 2:
            t = float(_st.t.ppf(0.975, n - 1))
            for w in waves:
                v = complete[w].to_numpy(float)
                mean, se = float(v.mean()), float(v.std(ddof=1) / np.sqrt(n))
                points.append({"wave": w, "mean": mean, "ci_low": mean - t * se,
                               "ci_high": mean + t * se, "n": n})
        out.append({"outcome": col, "n_complete": n, "points": points})
    return out


def positive_health_means(scores, baseline, followup) -> dict | None:
    """Positive Health (MPH): the participants with all six dimensions at baseline and
    follow-up, ``n`` and the six means at each (None without the six dimension columns)."""
    cols = [f"mph_{d}" for d in MPH_DIMENSIONS]
    if scores is None or not all(c in scores.columns for c in cols):
        return None
    waves = scores["wave"].astype(str)
    pre = scores.loc[waves == str(baseline)].drop_duplicates("participant_id") \
        .set_index("participant_id")[cols]
    post = scores.loc[waves == str(followup)].drop_duplicates("participant_id") \
        .set_index("participant_id")[cols]
    ids = pre.dropna().index.intersection(post.dropna().index)
    return {"n": int(len(ids)), "dimensions": list(MPH_DIMENSIONS),
            "baseline": [float(pre.loc[ids, c].mean()) for c in cols] if len(ids) else None,
            "followup": [float(post.loc[ids, c].mean()) for c in cols] if len(ids) else None}


def background_summary(background, columns) -> list[dict]:
    """Per background column (one row per participant at baseline): numeric (>= 90% of the
    values numbers) ``n, mean, sd``; dates ``kind: dates`` (never described); else the count per
    category (``counts``, labels as text) and ``n_total``."""
    import pandas as pd

    from ..io.identifiers import looks_like_dates

    out = []
    if background is None:
        return out
    for col in [c for c in columns if c in background.columns]:
        values = background[col]
        num = pd.to_numeric(values, errors="coerce")
        if num.notna().sum() >= 0.9 * max(values.notna().sum(), 1) and values.notna().any():
            n = int(num.notna().sum())
            out.append({"column": col, "kind": "numeric", "n": n, "mean": float(num.mean()),
                        "sd": float(num.std(ddof=1)) if n > 1 else None})
        elif looks_like_dates(values):
            out.append({"column": col, "kind": "dates"})
        else:
            counts = values.dropna().map(str).value_counts()
            out.append({"column": col, "kind": "categorical",
                        "counts": [{"category": str(k), "n": int(v)}
                                   for k, v in counts.items()],
                        "n_total": int(values.notna().sum())})
    return out


def theme_counts(quotes, codings, change=None, primary_rci=False) -> dict | None:
    """Qualitative counts: per code the participants who named it (``counts``; codes in the
    codebook's order), the participants quoted (``n_quoted``) and, when the primary outcome has
    reliable change, the same per change category (``by_change``: ``totals`` per category,
    ``rows`` code -> category -> n, ``named`` code -> n, ``n``)."""
    from ..qual import code_matrix, default_codebook

    if quotes is None or codings is None or not len(quotes):
        return None
    order = {cid: i for i, cid in enumerate(default_codebook().ids())}
    matrix = code_matrix(codings, quotes)
    codes = sorted(matrix.columns, key=lambda c: (order.get(c, len(order)), str(c)))
    out = {"codes": list(codes), "n_quoted": int(len(matrix)),
           "counts": {c: int(matrix[c].sum()) for c in codes}, "by_change": None}
    if change is not None and primary_rci:
        joined = matrix.join(change.set_index("participant_id")["category"], how="inner")
        joined = joined[joined["category"].isin(CHANGE_CATEGORIES)]
        out["by_change"] = {
            "n": int(len(joined)),
            "totals": {c: int((joined["category"] == c).sum()) for c in CHANGE_CATEGORIES},
            "rows": {code: {c: int(joined.loc[joined["category"] == c, code].sum())
                            for c in CHANGE_CATEGORIES} for code in codes},
            "named": {code: int(joined[code].sum()) for code in codes}}
    return out


def names_in_data(frame) -> tuple:
    """Values of name-like columns of the response data (to remove from quotes)."""
    from ..io.identifiers import identifier_like_name

    out = []
    for col in frame.columns:
        if identifier_like_name(str(col)) == "a name":
            out += [str(v) for v in frame[col].dropna().unique()]
    return tuple(out)
