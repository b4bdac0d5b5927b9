"""Waiting-list designs: groups that start one after another, the wait as each group's own
control period.

Frames in, numbers out (floor 3). Participants are measured at sign-up, at the start of their
group and at the end; a group that waits longer gives more calendar time without the programme,
so the programme's effect and the change that happens anyway (time) can be told apart.

Model (REML, Satterthwaite df; :class:`impact.stats._lmm.NestedModel`, the site-level model of
:mod:`impact.stats.mixed`)::

    y_tij = b0 + b_programme P_tij + b_time t_tij + u_j + v_ij + e_tij

with ``P = 1`` for a measurement after the programme (0 at sign-up and at the start), ``t`` the
time since sign-up (weeks when the data or the protocol give them, else the wave's position),
``u_j ~ N(0, tau2_group)`` per group, ``v_ij ~ N(0, tau2_participant)`` per participant within
group. ``b_programme`` is the programme's effect over and above the change in the same time
without it. R: ``lmerTest::lmer(y ~ programme + time + (1 | group) + (1 | group:participant),
REML = TRUE)``, ``summary()`` for Satterthwaite df and p, ``estimate +/- qt(0.975, df) se``.

What it rules out: change that would have happened anyway at the same pace (regression to the
mean after sign-up, seasons, maturation), as far as it is linear in time; what it does not: a
difference between groups that is linked to when they start, and a programme effect that
depends on the waiting time.

Missing data: every measurement a participant has is used (maximum likelihood under missing at
random); rows without a score are left out.
"""

from __future__ import annotations

import math

import numpy as np

from .._result import DictResult

__all__ = ["waiting_list_model", "WaitingListResult"]


class WaitingListResult(DictResult):
    """``outcome, estimate, se, df, ci_low, ci_high, p`` (the programme effect), ``time`` (the
    same for time), ``tau2_group, tau2_participant, sigma2, n_obs, n_participants, n_groups,
    singular, notes`` (text) and ``note_keys`` (the same as message keys with parameters:
    ``waiting_list_note_too_few``, ``_equal_waits``, ``_singular``, ``_no_df``)."""

    title = "Waiting-list design: programme effect from a mixed model"


def waiting_list_model(scores, outcome, *, signup, start, end, time=None, weeks=None,
                       id_col="participant_id", group_col="group", wave_col="wave",
                       level: float = 0.95) -> WaitingListResult:
    """Programme effect in a waiting-list design (see the module docstring).

    Parameters
    ----------
    scores : pandas.DataFrame
        Long frame: participant, group, wave, outcome (and optionally a time column).
    outcome : str
    signup, start, end : str
        The waves at sign-up (waiting begins), at the start of the group and at the end.
    time : str, optional
        Column with each measurement's time since sign-up (e.g. weeks); rows without it are
        left out. Default: ``weeks`` per wave, else 0, 1, 2 for the three waves.
    weeks : dict, optional
        ``{wave: weeks since sign-up}`` when there is no time column.
    level : float

    Returns
    -------
    WaitingListResult
    """
    import pandas as pd
    from scipy import stats

    from ._lmm import NestedModel, satterthwaite_df

    keys: list[dict] = []
    notes: list[str] = []
    text = {"waiting_list_note_too_few": "a waiting-list model needs at least two groups and "
                                         "measurements before and after the programme",
            "waiting_list_note_equal_waits": "every group waited equally long; time and "
                                             "programme cannot be told apart, so time is left "
                                             "out (the estimate includes change that happens "
                                             "anyway)",
            "waiting_list_note_singular": "a group or participant variance is estimated as "
                                          "zero (singular fit)",
            "waiting_list_note_no_df": "Satterthwaite df could not be computed"}

    def note(key):
        keys.append({"key": key, "outcome": outcome})
        notes.append(f"{outcome}: {text[key]}")

    waves = [str(signup), str(start), str(end)]
    d = scores.loc[scores[wave_col].astype(str).isin(waves)].copy()
    d["_w"] = d[wave_col].astype(str)
    if time is not None:
        d["_t"] = pd.to_numeric(d[time], errors="coerce")
    else:
        wk = weeks or {w: k for k, w in enumerate(waves)}
        d["_t"] = d["_w"].map({str(k): float(v) for k, v in wk.items()})
    d = d.dropna(subset=[outcome, "_t", group_col, id_col])
    d["_p"] = (d["_w"] == waves[2]).astype(float)
    out = {"outcome": outcome, "estimate": None, "se": None, "df": None, "ci_low": None,
           "ci_high": None, "p": None, "time": None, "tau2_group": None,
           "tau2_participant": None, "sigma2": None, "n_obs": int(len(d)),
           "n_participants": int(d[id_col].nunique()), "n_groups": int(d[group_col].nunique()),
           "singular": None, "notes": notes, "note_keys": keys}
    if out["n_groups"] < 2 or d["_p"].sum() < 2 or (d["_p"] == 0).sum() < 2:
        note("waiting_list_note_too_few")
        return WaitingListResult(out)
    # time must vary within the waiting period across groups, or it is confounded with P
    wait = d.loc[d["_w"] == waves[1]].groupby(group_col)["_t"].mean()
    if wait.nunique() < 2:
        note("waiting_list_note_equal_waits")
    gcodes, _ = pd.factorize(d[group_col].astype(str))
    pkey = d[group_col].astype(str) + "\x00" + d[id_col].astype(str)
    pcodes, _ = pd.factorize(pkey)
    y = d[outcome].to_numpy(float)
    cols = [np.ones(len(d)), d["_p"].to_numpy(float)]
    with_time = wait.nunique() >= 2
    if with_time:
        cols.append(d["_t"].to_numpy(float))
    X = np.column_stack(cols)
    centre, spread = float(y.mean()), float(y.std()) or 1.0
    m = NestedModel((y - centre) / spread, X, pcodes, gcodes, site_wave=False).fit()
    beta = m.beta * spread
    beta[0] += centre
    se = np.sqrt(np.diag(m.cov)) * spread
    dfs = satterthwaite_df(m)

    def term(k):
        b, s, df = float(beta[k]), float(se[k]), float(dfs[k])
        q = float(stats.t.ppf(1 - (1 - level) / 2, df))
        return {"estimate": b, "se": s, "df": df, "ci_low": b - q * s, "ci_high": b + q * s,
                "p": float(2 * stats.t.sf(abs(b / s), df))}

    out.update(term(1))
    if with_time:
        out["time"] = term(2)
    out.update(tau2_group=float(m.tau2_site * spread ** 2),
               tau2_participant=float(m.tau2_participant * spread ** 2),
               sigma2=float(m.sigma2 * spread ** 2), singular=bool(m.singular))
    if m.singular:
        note("waiting_list_note_singular")
    if not math.isfinite(out["df"]):
        note("waiting_list_note_no_df")
    return WaitingListResult(out)
