"""Analysis of coded quotes: frequencies, co-occurrence, the code x participant matrix for
mixed-methods integration, and de-identified exemplar quotes for reports."""

from __future__ import annotations

__all__ = ["unit_codes", "code_frequencies", "code_cooccurrence", "code_matrix",
           "exemplar_quotes"]

RULES = ("any", "majority", "all")


def unit_codes(codings, *, coder=None, rule="any"):
    """The codes each unit carries after combining coders.

    Parameters
    ----------
    codings : DataFrame
        ``unit, coder, code``.
    coder : str, optional
        Use this coder only (e.g. the consensus coding 'consensus').
    rule : {'any', 'majority', 'all'}
        A unit has a code when any coder gave it, more than half of the unit's coders, or all
        of them (only coders who coded the unit count).

    Returns
    -------
    DataFrame
        ``unit, code`` (distinct), strings.
    """
    import pandas as pd

    if rule not in RULES:
        raise ValueError(f"rule must be one of {', '.join(RULES)}")
    frame = codings[["unit", "coder", "code"]].dropna().astype(str).drop_duplicates()
    if coder is not None:
        frame = frame[frame["coder"] == str(coder)]
        if frame.empty:
            raise ValueError(f"coder {coder!r} has no codings")
    if rule == "any" or coder is not None:
        return frame[["unit", "code"]].drop_duplicates(ignore_index=True)
    n_coders = frame.groupby("unit")["coder"].nunique()
    n_given = frame.groupby(["unit", "code"])["coder"].nunique().reset_index(name="n")
    n_given["of"] = n_given["unit"].map(n_coders)
    keep = n_given["n"] > n_given["of"] / 2 if rule == "majority" else n_given["n"] == n_given["of"]
    return pd.DataFrame(n_given.loc[keep, ["unit", "code"]]).reset_index(drop=True)


def code_frequencies(codings, quotes, *, by=("wave", "role", "site"), coder=None, rule="any"):
    """How often each code occurs, overall and by wave, role and site.

    Parameters
    ----------
    codings : DataFrame
        ``unit, coder, code``.
    quotes : DataFrame
        ``quote_id, participant_id`` and the grouping columns.
    by : sequence of str
        Grouping columns of ``quotes``; those absent from it are skipped.
    coder, rule : see :func:`unit_codes`.

    Returns
    -------
    DataFrame
        Long table ``by, group, code, n_quotes, n_participants, pct_quotes`` where ``by`` is
        'all' or the grouping column, ``group`` its value, ``n_quotes`` the quotes with the code,
        ``n_participants`` the distinct participants with the code and ``pct_quotes`` the share
        (percent) of the group's quotes that carry it.
    """
    import pandas as pd

    uc = unit_codes(codings, coder=coder, rule=rule)
    q = quotes.assign(quote_id=quotes["quote_id"].astype(str))
    merged = uc.merge(q, left_on="unit", right_on="quote_id", how="inner")
    rows = []
    groupings = [("all", None)] + [(col, col) for col in by if col in q.columns]
    for label, col in groupings:
        if col is None:
            totals = pd.Series({"all": len(q)})
            keys = pd.Series("all", index=merged.index)
        else:
            totals = q[col].fillna("(missing)").astype(str).value_counts()
            keys = merged[col].fillna("(missing)").astype(str)
        g = merged.assign(_g=keys).groupby(["_g", "code"])
        counts = g.agg(n_quotes=("unit", "nunique"),
                       n_participants=("participant_id", "nunique")).reset_index()
        counts["pct_quotes"] = 100.0 * counts["n_quotes"] / counts["_g"].map(totals)
        counts.insert(0, "by", label)
        rows.append(counts.rename(columns={"_g": "group"}))
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values(["by", "group", "n_quotes", "code"],
                           ascending=[True, True, False, True], ignore_index=True)


def code_cooccurrence(codings, *, coder=None, rule="any", codes=None):
    """Code co-occurrence: in how many units two codes occur together.

    Returns
    -------
    DataFrame
        Square, codes x codes (sorted, or ``codes`` order); the diagonal is each code's number
        of units. Computed as ``X' X`` with X the units x codes 0/1 matrix.
    """
    import pandas as pd

    uc = unit_codes(codings, coder=coder, rule=rule)
    x = pd.crosstab(uc["unit"], uc["code"]).clip(upper=1)
    if codes is not None:
        x = x.reindex(columns=list(codes), fill_value=0)
    m = x.T.to_numpy() @ x.to_numpy()
    return pd.DataFrame(m, index=x.columns.rename("code"), columns=x.columns.rename(None))


def code_matrix(codings, quotes, *, codes=None, coder=None, rule="any", wave=None,
                rollup=None):
    """Code x participant matrix for mixed-methods integration (joint displays).

    Parameters
    ----------
    codings : DataFrame
        ``unit, coder, code`` (unit = quote_id).
    quotes : DataFrame
        ``quote_id, participant_id`` (+ ``wave`` when ``wave`` is given).
    codes : sequence of str, optional
        Columns in this order (codes never used become all-0 columns); default every code used,
        sorted.
    coder, rule : see :func:`unit_codes`.
    wave : str, optional
        Only quotes of this wave.
    rollup : Codebook, optional
        When given, a quote coded with a child code also counts for every ancestor code.

    Returns
    -------
    DataFrame
        Indexed by ``participant_id`` (every participant who has a quote, sorted), one ``int``
        0/1 column per code: 1 when at least one of the participant's quotes carries the code.
        Participants with quotes but no codes have a row of zeros; a participant without quotes
        is absent (no qualitative data, not 'no theme').

    Examples
    --------
    Three quotes of two participants, coded by two coders (``rule="any"``: a code either coder
    gave counts):

    >>> import pandas as pd
    >>> quotes = pd.DataFrame({"quote_id": ["Q1", "Q2", "Q3"],
    ...                        "participant_id": ["P1", "P1", "P2"],
    ...                        "text": ["Ik pieker minder.", "Fijne groep.", "Zwaar begin."]})
    >>> codings = pd.DataFrame({"unit": ["Q1", "Q1", "Q2", "Q3"],
    ...                         "coder": ["c1", "c2", "c1", "c2"],
    ...                         "code": ["mental", "mental", "social_contact", "threshold"]})
    >>> m = impact.code_matrix(codings, quotes)
    >>> m.index.tolist(), m.columns.tolist()
    (['P1', 'P2'], ['mental', 'social_contact', 'threshold'])
    >>> m.to_numpy().tolist()
    [[1, 1, 0], [0, 0, 1]]

    Join it to per-participant scores (a participant without quotes gets NaN, not 0):

    >>> scores = pd.DataFrame({"participant_id": ["P1", "P2", "P3"], "change": [-6, 2, -1]})
    >>> scores.join(m, on="participant_id")["mental"].tolist()
    [1.0, 0.0, nan]
    """
    import pandas as pd

    uc = unit_codes(codings, coder=coder, rule=rule)
    q = quotes.assign(quote_id=quotes["quote_id"].astype(str),
                      participant_id=quotes["participant_id"].astype(str))
    if wave is not None:
        q = q[q["wave"].astype(str) == str(wave)]
    if rollup is not None:
        extra = [(u, anc) for u, c in zip(uc["unit"], uc["code"]) if c in rollup
                 for anc in rollup.ancestors(c)]
        if extra:
            uc = pd.concat([uc, pd.DataFrame(extra, columns=["unit", "code"])],
                           ignore_index=True).drop_duplicates(ignore_index=True)
    merged = uc.merge(q[["quote_id", "participant_id"]], left_on="unit", right_on="quote_id")
    participants = pd.Index(sorted(q["participant_id"].dropna().unique()), name="participant_id")
    matrix = pd.crosstab(merged["participant_id"], merged["code"]).clip(upper=1)
    columns = list(codes) if codes is not None else sorted(matrix.columns)
    matrix = matrix.reindex(index=participants, columns=columns, fill_value=0).fillna(0)
    matrix = matrix.astype(int)
    matrix.columns.name = None
    return matrix


def exemplar_quotes(quotes, codings, *, codes=None, n=3, min_chars=40, max_chars=400,
                    lang="nl", names=(), coder=None, rule="any"):
    """Representative, de-identified quotes per code for reports.

    Parameters
    ----------
    quotes : DataFrame
        ``quote_id, participant_id, wave, role, text``. Columns named ``name``, ``first_name``,
        ``last_name`` or ``participant_name`` feed the names to remove.
    codings : DataFrame
        ``unit, coder, code``.
    codes : sequence, optional
        Codes to give exemplars for (default: every code used).
    n : int
        Exemplars per code, each from a different participant.
    min_chars, max_chars : int
        Length bounds of the (original) quote text.
    lang : {'nl', 'en'}
        Language of the de-identification placeholders.
    names : iterable of str
        Further names present in the data (teachers, referrers, ...).
    coder, rule : see :func:`unit_codes`.

    Returns
    -------
    DataFrame
        ``code, text, role, wave`` only: never participant_id or other background, so a quote
        is never shown beside demographics that identify its author. Text is de-identified
        (:func:`~impact.qual.deid.deidentify`); quotes that are not
        :func:`~impact.qual.deid.publishable` (a listed name left, or the speaker names
        themself) are never chosen.

    Notes
    -----
    Representative = most coders agreed on the code for it (consensus first), then fewest
    other codes (the quote is about this code), then closest to the median length of the
    eligible quotes; ties by quote_id, so the choice is reproducible. One quote per participant
    per code.
    """
    import numpy as np
    import pandas as pd

    from .deid import deidentify, publishable

    q = quotes.assign(quote_id=quotes["quote_id"].astype(str))
    q = q[q["text"].notna()]
    length = q["text"].astype(str).str.len()
    q = q[(length >= min_chars) & (length <= max_chars)]
    frame = codings[["unit", "coder", "code"]].dropna().astype(str).drop_duplicates()
    agree = frame.groupby(["unit", "code"])["coder"].nunique().reset_index(name="n_coders")
    uc = unit_codes(codings, coder=coder, rule=rule)
    uc = uc.merge(agree, on=["unit", "code"], how="left")
    uc["n_other"] = uc.groupby("unit")["code"].transform("size") - 1
    data = uc.merge(q, left_on="unit", right_on="quote_id")
    if codes is not None:
        data = data[data["code"].isin(list(codes))]
    name_cols = [c for c in ("name", "first_name", "last_name", "participant_name")
                 if c in quotes.columns]
    all_names = list(names or ())
    for col in name_cols:
        all_names.extend(quotes[col].dropna().astype(str))
    # de-identify every candidate, then keep only what may be published: a quote that still
    # holds a listed name, or whose speaker names themself, is never selected
    data = data.assign(_deid=deidentify(data["text"].astype(str), names=all_names,
                                        lang=lang).to_numpy())
    data = data[np.array([publishable(t, all_names) for t in data["_deid"]], dtype=bool)]
    data = data.assign(_len=data["text"].astype(str).str.len())
    data["_dist"] = (data["_len"] - data.groupby("code")["_len"].transform("median")).abs()
    data = data.sort_values(["code", "n_coders", "n_other", "_dist", "quote_id"],
                            ascending=[True, False, True, True, True])
    data = data.drop_duplicates(["code", "participant_id"])
    data = data.groupby("code", sort=True).head(n)
    out = pd.DataFrame({
        "code": data["code"].to_numpy(),
        "text": data["_deid"].to_numpy(),
        "role": data["role"].to_numpy() if "role" in data else np.nan,
        "wave": data["wave"].to_numpy() if "wave" in data else np.nan,
    })
    if codes is not None:
        order = {c: i for i, c in enumerate(codes)}
        out = out.sort_values("code", key=lambda s: s.map(order), kind="stable",
                              ignore_index=True)
    return out
