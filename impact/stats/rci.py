"""Reliable change and clinical significance (Jacobson-Truax, Edwards-Nunnally; cut-offs a, b, c)."""

from __future__ import annotations

import math

import numpy as np

from .._result import Result, clean_json

__all__ = ["reliable_change", "ReliableChangeResult", "clinical_cutoff", "rci_parameters"]

CATEGORIES = ("recovered", "improved", "unchanged", "deteriorated")


def clinical_cutoff(kind, *, higher_is_better, dys_mean, dys_sd, func_mean=None, func_sd=None):
    """Jacobson-Truax cut-off between the dysfunctional and the functional population.

    Parameters
    ----------
    kind : {"a", "b", "c"}
        ``a = M_dys +/- 2 SD_dys`` (two SD beyond the dysfunctional mean, in the good direction);
        ``b = M_func -/+ 2 SD_func`` (two SD inside the functional mean);
        ``c = (SD_func M_dys + SD_dys M_func) / (SD_func + SD_dys)`` (where the two
        distributions meet; Jacobson and Truax 1991 prefer c when norms exist).
    higher_is_better : bool
        The instrument's good direction.
    dys_mean, dys_sd : float
        Dysfunctional population: usually the baseline sample.
    case_if : {"<=", "<", ">", ">="}, optional
        Which side of a numeric cut-off is the problem (case) range, as
        ``Instrument.cutoff["case_if"]`` gives it (e.g. K10 ``> 15``, MHI-5 ``<= 60``). Default:
        scores at or on the bad side of the cut-off are cases.
    func_mean, func_sd : float, optional
        Functional (norm) population, needed for b and c.

    Returns
    -------
    float

    References
    ----------
    Jacobson NS, Truax P (1991). J Consult Clin Psychol 59:12-19. doi:10.1037/0022-006X.59.1.12.

    Examples
    --------
    >>> round(impact.clinical_cutoff("c", higher_is_better=False, dys_mean=21, dys_sd=5.5,
    ...                              func_mean=12.9, func_sd=6.2), 3)
    17.192

    R: ``(sd_f * m_d + sd_d * m_f) / (sd_f + sd_d)``; ``clinicalsignificance`` computes the same
    cut-offs from ``m_functional`` and ``sd_functional``.
    """
    sign = 1.0 if higher_is_better else -1.0
    if kind == "a":
        return dys_mean + sign * 2 * dys_sd
    if func_mean is None or func_sd is None:
        raise ValueError(f"cut-off {kind!r} needs the functional mean and SD (func_mean, func_sd)")
    if kind == "b":
        return func_mean - sign * 2 * func_sd
    if kind == "c":
        return (func_sd * dys_mean + dys_sd * func_mean) / (func_sd + dys_sd)
    raise ValueError(f"unknown cut-off {kind!r}; use 'a', 'b', 'c' or a number")


def rci_parameters(outcome, *, instrument=None, override=None, baseline_sd=None):
    """Where the reliability and SD of the RCI come from, in this order of preference.

    1. The protocol's ``reliable_change: {outcome: {reliability, sd}}`` override;
    2. the instrument's data file (``Instrument.reliability``, ``Instrument.sd``), for its main
       score only;
    3. for the SD only: the baseline sample SD, with a note.

    Returns
    -------
    dict
        ``reliability, sd, reliability_source, sd_source, notes`` (a note also when the
        instrument flags its reliability or SD as unverified).

    Examples
    --------
    >>> par = impact.rci_parameters("pss10_score", instrument=impact.get_instrument("pss10"),
    ...                             override={"sd": 6.6})
    >>> par["reliability"], par["sd"], par["sd_source"]
    (0.78, 6.6, 'protocol')

    R: none (``clinicalsignificance`` needs the reliability typed in by hand).
    """
    override = dict(override or {})
    notes = []
    rel = override.get("reliability")
    sd = override.get("sd")
    rel_src = "protocol" if rel is not None else None
    sd_src = "protocol" if sd is not None else None
    main = instrument is not None and outcome == getattr(instrument, "score_column", None)
    facts = {}
    if instrument is not None and hasattr(instrument, "reliable_change_parameters"):
        facts = instrument.reliable_change_parameters(outcome)
    if rel is None and main and instrument.reliability is not None:
        rel, rel_src = float(instrument.reliability), f"instrument {instrument.id}"
        if facts and not facts.get("reliability_verified"):
            notes.append(f"the reliability {rel:g} of {instrument.id} is a documented default "
                         f"that no primary source confirmed; set reliable_change in the protocol "
                         f"to override it")
    if sd is None and main and getattr(instrument, "sd", None) is not None:
        sd, sd_src = float(instrument.sd), f"instrument {instrument.id}"
        if facts and not facts.get("sd_verified"):
            notes.append(f"the norm SD {sd:g} of {instrument.id} is not verified against a "
                         f"primary source")
    if sd is None and baseline_sd is not None:
        sd, sd_src = float(baseline_sd), "baseline sample"
        notes.append("no verified norm SD: the reliable change index uses the baseline sample SD")
    if rel is None:
        notes.append("no reliability known (protocol reliable_change or instrument file): "
                     "reliable change is not computed")
    return {"reliability": rel, "sd": sd, "reliability_source": rel_src, "sd_source": sd_src,
            "notes": notes}


class ReliableChangeResult(Result):
    """Per-participant reliable change (``participants``) and category counts (``to_dict``)."""

    title = "Reliable change"

    def __init__(self, summary: dict, participants):
        self.values = summary
        self.participants = participants

    def __getitem__(self, key):
        return self.values[key]

    def to_dict(self):
        return clean_json(self.values)

    def to_frame(self):
        """One row per complete pair: baseline, followup, change, rc, category."""
        return self.participants

    def plot(self, **kwargs):
        """Jacobson plot (:func:`impact.plots.jacobson.jacobson_plot`)."""
        from ..plots.jacobson import jacobson_plot

        return jacobson_plot(self, **kwargs)


def reliable_change(data=None, outcome=None, *, reliability=None, sd=None,
                    higher_is_better=None, method="jt", cutoff=None, case_if=None,
                    func_mean=None, func_sd=None, z=None, ids=None, baseline=None,
                    followup=None, waves=None, id_col="participant_id", wave_col="wave") -> ReliableChangeResult:
    """Reliable change index and clinically significant change per participant.

    Parameters
    ----------
    data : pandas.DataFrame or array-like
        A long scores frame (then ``outcome`` names the column and ``baseline``/``followup``
        the waves), or the baseline scores (then ``outcome`` holds the follow-up scores, the
        older call form ``reliable_change(pre, post, ...)``). Pairs with a missing value are
        left out (and counted in ``n_incomplete``).
    outcome : str or array-like
        Score column (frame form) or the follow-up scores (array form).
    baseline, followup : str, optional
        Waves of the pair in the frame form (default: first and last of ``waves``).
    reliability : float
        Reliability ``r`` of the score (internal consistency or test-retest), 0 < r < 1.
    sd : float, optional
        SD ``s1`` of a norm population; default: the SD of the baseline scores (noted).
    higher_is_better : bool
        Direction in which change counts as improvement (``Instrument.higher_is_better``).
    method : {"jt", "en"}
        Jacobson-Truax (default) or Edwards-Nunnally.
    cutoff : {"a", "b", "c"} or float, optional
        Clinical cut-off; a number is used as given (e.g. the instrument's published cut-off).
        With a cut-off the category ``recovered`` is reported.
    case_if : {"<=", "<", ">", ">="}, optional
        Which side of a numeric cut-off is the problem (case) range, as
        ``Instrument.cutoff["case_if"]`` gives it (e.g. K10 ``> 15``, MHI-5 ``<= 60``). Default:
        scores at or on the bad side of the cut-off are cases.
    func_mean, func_sd : float, optional
        Norm (functional) population for cut-offs b and c.
    z : float, optional
        Critical value; 1.96 for JT and 2 for EN by default (as the original papers).
    ids : array-like, optional
        Participant identifiers to carry into the per-participant frame.

    Returns
    -------
    ReliableChangeResult
        ``to_dict()``: ``method, n, n_incomplete, reliability, sd, se_measurement, s_diff,
        cutoff, recovered, improved, unchanged, deteriorated`` (counts; ``improved`` includes
        ``recovered``, so improved + unchanged + deteriorated = n), ``share_improved``,
        ``share_deteriorated``, ``notes``. ``to_frame()``: one row per pair with ``rc`` and
        ``category`` (recovered, improved, unchanged, deteriorated; mutually exclusive).

    Notes
    -----
    *Jacobson-Truax*: ``SE = s1 sqrt(1 - r)``, ``S_diff = sqrt(2) SE``,
    ``RC = (x2 - x1) / S_diff``; reliable when ``|RC| > z``.

    *Edwards-Nunnally*: the true baseline score is estimated as ``r (x1 - M1) + M1`` (M1 the
    baseline mean; regression to the mean); change is reliable when ``x2`` falls outside
    ``r (x1 - M1) + M1 +/- z s1 sqrt(1 - r)``; ``rc`` is the distance in units of
    ``s1 sqrt(1 - r)``.

    *Improved* means reliable change in the good direction; *recovered* means improved, starting
    in the case range (``x1 case_if cutoff``) and ending outside it. Missing data: complete
    pairs only.

    References
    ----------
    Jacobson NS, Truax P (1991). J Consult Clin Psychol 59:12-19. doi:10.1037/0022-006X.59.1.12.
    Speer DC (1992). J Consult Clin Psychol 60:402-408 (Edwards-Nunnally method).

    Examples
    --------
    >>> rc = impact.reliable_change([24, 20, 30, 18, 26], [15, 19, 22, 20, 25],
    ...                             reliability=0.78, sd=6.2, higher_is_better=False)
    >>> rc["improved"], rc["unchanged"], rc["deteriorated"], round(rc["s_diff"], 3)
    (1, 4, 0, 4.113)

    R: ``clinicalsignificance::clinical_significance(data, id, time, outcome, pre = "T0",
    reliability = 0.78, m_functional = ..., sd_functional = ..., better_is = "lower")``.
    """
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        # data first: reliable_change(scores, "pss10_score", baseline="T0", followup="T1");
        # reliability, SD and direction from the instrument when not given
        from .prepost import instrument_direction, paired_scores

        ids, x, y = paired_scores(data, outcome, baseline=baseline, followup=followup,
                                  waves=waves, id_col=id_col, wave_col=wave_col)
        if higher_is_better is None:
            higher_is_better = instrument_direction(outcome)
        if reliability is None:
            from ..instruments.registry import get_instrument

            try:
                inst = get_instrument(str(outcome).split("_", 1)[0])
                par = rci_parameters(outcome, instrument=inst, override={"sd": sd} if sd else None)
                reliability, sd = par["reliability"], par["sd"]
            except Exception:  # noqa: BLE001 - not an instrument column: reliability required
                pass
    else:
        # arrays: reliable_change(baseline_scores, followup_scores, ...) (also as keywords)
        x = np.asarray(data if data is not None else baseline, dtype=float)
        y = np.asarray(outcome if outcome is not None else followup, dtype=float)
    if higher_is_better is None:
        higher_is_better = True
    if np.isinf(x).any() or np.isinf(y).any():
        from ..errors import InputError

        raise InputError("an infinite score; scores must be finite", rule="finite")
    keep = ~(np.isnan(x) | np.isnan(y))
    ids_arr = np.arange(x.size) if ids is None else np.asarray(ids)
    notes: list[str] = []
    n_incomplete = int((~keep).sum())
    x, y, ids_arr = x[keep], y[keep], ids_arr[keep]
    n = int(x.size)
    summary = {"method": method, "higher_is_better": bool(higher_is_better), "n": n,
               "n_incomplete": n_incomplete, "reliability": reliability,
               "sd": sd, "se_measurement": None, "s_diff": None, "cutoff": None,
               "recovered": None, "improved": None, "unchanged": None, "deteriorated": None,
               "share_improved": None, "share_deteriorated": None, "notes": notes}
    empty = pd.DataFrame({"participant_id": ids_arr, "baseline": x, "followup": y,
                          "change": y - x, "rc": np.nan, "category": None})
    if method not in ("jt", "en"):
        raise ValueError(f"unknown method {method!r}; use 'jt' or 'en'")
    if reliability is None or not 0 < float(reliability) < 1:
        notes.append("reliable change needs a reliability between 0 and 1")
        return ReliableChangeResult(summary, empty)
    if n < 1 or (sd is None and n < 2):
        notes.append(f"reliable change needs paired scores (n = {n})")
        return ReliableChangeResult(summary, empty)
    r = float(reliability)
    if sd is None:
        sd = float(np.std(x, ddof=1))
        summary["sd"] = sd
        notes.append("SD for the reliable change index: the baseline sample SD (no norm given)")
    if not sd > 0:
        notes.append("the SD for the reliable change index is zero")
        return ReliableChangeResult(summary, empty)
    se = sd * math.sqrt(1 - r)
    summary["se_measurement"] = se
    sign = 1.0 if higher_is_better else -1.0
    if method == "jt":
        z = 1.96 if z is None else z
        s_diff = math.sqrt(2) * se
        summary["s_diff"] = s_diff
        rc = (y - x) / s_diff
    else:
        z = 2.0 if z is None else z
        m1 = float(x.mean())
        expected = r * (x - m1) + m1
        rc = (y - expected) / se
    improved = sign * rc > z
    deteriorated = sign * rc < -z
    category = np.where(improved, "improved", np.where(deteriorated, "deteriorated", "unchanged"))
    if cutoff is not None:
        if isinstance(cutoff, str):
            if n < 2:
                notes.append("cut-off a needs the baseline SD (n >= 2)")
                cutoff = None
            else:
                cutoff = clinical_cutoff(cutoff, higher_is_better=higher_is_better,
                                         dys_mean=float(x.mean()), dys_sd=float(np.std(x, ddof=1)),
                                         func_mean=func_mean, func_sd=func_sd)
    if cutoff is not None:
        import operator

        summary["cutoff"] = float(cutoff)
        ops = {"<=": operator.le, "<": operator.lt, ">": operator.gt, ">=": operator.ge}
        if case_if is None:
            case_if = "<=" if higher_is_better else ">="
        if case_if not in ops:
            raise ValueError(f"case_if must be one of {', '.join(ops)}, got {case_if!r}")
        summary["case_if"] = case_if
        functional_after = ~ops[case_if](y, cutoff)
        dysfunctional_before = ops[case_if](x, cutoff)
        recovered = improved & functional_after & dysfunctional_before
        category = np.where(recovered, "recovered", category)
        summary["recovered"] = int(recovered.sum())
    summary.update(improved=int(improved.sum()), unchanged=int((~improved & ~deteriorated).sum()),
                   deteriorated=int(deteriorated.sum()),
                   share_improved=float(improved.mean()) if n else None,
                   share_deteriorated=float(deteriorated.mean()) if n else None, z=z)
    frame = pd.DataFrame({"participant_id": ids_arr, "baseline": x, "followup": y,
                          "change": y - x, "rc": rc, "category": category})
    res = ReliableChangeResult(summary, frame)
    res.higher_is_better = higher_is_better
    return res
