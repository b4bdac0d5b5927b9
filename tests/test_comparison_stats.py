"""Comparison groups (issue 24) against R: MatchIt nearest-neighbour matching on the logit PS,
its balance table, the ATT by lm with sandwich::vcovCL over matched sets and IPW-ATT with
survey::svyglm (tests/fixtures/comparison.R writes the fixtures; data used nowhere else)."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from impact.stats.matching import (balance_table, design_matrix, effect, evalue_md, ipw_att,
                                   matched_rows, nearest_neighbour, propensity_score,
                                   wls_cluster, wls_matched_replace)

FIX = Path(__file__).parent / "fixtures"
R = json.loads((FIX / "comparison_r.json").read_text())
DATA = pd.read_csv(FIX / "comparison_input.csv")
COVS = ["age", "female", "hood", "pre"]
SCEN = {"a": (1, False, None), "b": (2, False, 0.2), "c": (1, True, 0.2)}
TOL = 1e-6


@pytest.fixture(scope="module")
def ps():
    X, names, _ = design_matrix(DATA, COVS)
    return X, names, propensity_score(X, DATA["treat"], names=names)


def test_propensity_model_is_glm(ps):
    _, names, pm = ps
    for k in names:
        assert pm["coef"][k] == pytest.approx(R["ps_coef"][k], abs=TOL)
    np.testing.assert_allclose(pm["distance"], R["distance"], atol=TOL)
    np.testing.assert_allclose(pm["ps"], R["ps"], atol=TOL)


def _models(rows, w, cl, X, dist=None):
    d = DATA.iloc[rows]
    kw = {"cluster": cl, "distance": dist}
    return {"change": effect(d["change"], d["treat"], w, **kw),
            "ancova": effect(d["post"], d["treat"], w, X=d[["pre"]].to_numpy(), **kw),
            "doubly_robust": effect(d["post"], d["treat"], w,
                                    X=np.column_stack([d["pre"], X[rows][:, 1:5]]), **kw)}


@pytest.mark.parametrize("name", sorted(SCEN))
def test_matched_sets_weights_and_att_as_matchit(ps, name):
    X, names, pm = ps
    ratio, replace, caliper = SCEN[name]
    ref = R[f"matching_{name}"]
    m = nearest_neighbour(pm["distance"], DATA["treat"], ratio=ratio, replace=replace,
                          caliper=caliper)
    np.testing.assert_allclose(m["weights"], ref["weights"], atol=TOL)
    assert m["n_treated_matched"] == ref["n_treated_matched"]
    assert m["n_control_matched"] == ref["n_control_matched"]
    # the same partition into matched sets as match.data / get_matches
    sets = pd.read_csv(FIX / f"comparison_sets_{name}.csv")
    rows, cl, w = matched_rows(m)
    ours = pd.DataFrame({"row": rows, "set": cl if cl.ndim == 1 else cl[:, 0]})
    if replace:      # clustered by set and by person: the second column is the person's row
        assert (cl[:, 1] == rows).all()
    r_groups = sorted(tuple(sorted(g["row"])) for _, g in sets.groupby("subclass"))
    o_groups = sorted(tuple(sorted(g["row"])) for _, g in ours.groupby("set"))
    assert r_groups == o_groups
    for model, est in _models(rows, w, cl, X, pm["distance"][rows]).items():
        for key in ("estimate", "se", "ci_low", "ci_high", "p", "df"):
            assert est[key] == pytest.approx(ref[model][key], abs=TOL), (model, key)
    if replace:      # two-way clustering as vcovCL(fit, cluster = ~subclass + unit)
        d = DATA.iloc[rows]
        D = np.column_stack([np.ones(len(rows)), d["treat"], d["pre"]])
        for model, cols in (("change", 2), ("ancova", 3)):
            y = d["change"] if model == "change" else d["post"]
            fit = wls_cluster(y, D[:, :cols], w, cl)
            se = float(np.sqrt(fit["vcov"][1, 1]))
            assert se == pytest.approx(ref["two_way"][model]["se"], abs=TOL)
            # the package's SE leaves out what e^2 adds beyond the conditional variance
            assert ref[model]["se"] < se
    Xb, nb, _ = design_matrix(DATA, COVS, all_levels=True)
    bal = {b["covariate"]: b for b in balance_table(Xb[:, 1:], nb[1:], DATA["treat"],
                                                    m["weights"])}
    rb = pd.DataFrame(ref["balance"]).set_index("covariate")
    assert set(rb.index) == set(bal)
    for cov, row in rb.iterrows():
        for key in ("smd_before", "smd_after", "variance_ratio_before", "variance_ratio_after",
                    "mean_programme", "mean_comparison_after"):
            if pd.isna(row[key]):
                assert bal[cov][key] is None
            else:
                assert bal[cov][key] == pytest.approx(row[key], abs=TOL), (cov, key)


@pytest.mark.parametrize("key,trim", [("weighting", None), ("weighting_trim95", 0.95)])
def test_ipw_att_as_svyglm(ps, key, trim):
    X, names, pm = ps
    ref = R[key]
    w = ipw_att(pm["ps"], DATA["treat"], trim=trim)
    np.testing.assert_allclose(w, ref["weights"], atol=TOL)
    for model, est in _models(np.arange(len(DATA)), w, None, X).items():
        for k in ("estimate", "se", "ci_low", "ci_high", "p", "df"):
            assert est[k] == pytest.approx(ref[model][k], abs=TOL), (model, k)
    bal = {b["covariate"]: b for b in balance_table(X[:, 1:], names[1:], DATA["treat"], w)}
    for row in pd.DataFrame(ref["balance"]).itertuples():
        assert bal[row.covariate]["smd_after"] == pytest.approx(row.smd_after, abs=TOL)
        assert bal[row.covariate]["smd_before"] == pytest.approx(row.smd_before, abs=TOL)
        if not pd.isna(row.variance_ratio_after):
            assert bal[row.covariate]["variance_ratio_after"] == pytest.approx(
                row.variance_ratio_after, abs=TOL)


def _brute(d, t, ratio, caliper_width):
    """Greedy matching by exhaustive search (the definition, no sorted search)."""
    trt = np.flatnonzero(t == 1)
    order = trt[np.lexsort((trt, -d[trt]))]
    out = {}
    for i in order:
        ctrl = np.flatnonzero(t == 0)
        dist = np.abs(d[ctrl] - d[i])
        # ties: the one below first (MatchIt's <=); among equal values the one nearer in the
        # row-ordered sort (below: the later row, above: the earlier row)
        above = d[ctrl] > d[i]
        key = np.lexsort((np.where(above, ctrl, -ctrl), above, dist))
        chosen = [int(ctrl[k]) for k in key[:ratio]
                  if caliper_width is None or dist[k] <= caliper_width]
        out[int(i)] = sorted(chosen)
    return out


@pytest.mark.parametrize("ratio,caliper", [(3, None), (2, 0.1)])
def test_with_replacement_ratio_k_is_k_nearest(ps, ratio, caliper):
    # MatchIt 4.5.1 is wrong here (issue #159); the definition is checked by brute force
    _, _, pm = ps
    d = pm["distance"]
    t = DATA["treat"].to_numpy()
    m = nearest_neighbour(d, t, ratio=ratio, replace=True, caliper=caliper)
    width = None if caliper is None else caliper * np.std(d, ddof=1)
    expect = _brute(d, t, ratio, width)
    got = {}
    for ti, ci in zip(m["pairs"]["treated"], m["pairs"]["control"]):
        got.setdefault(int(ti), []).append(int(ci))
    for i, chosen in expect.items():
        assert sorted(got.get(i, [])) == chosen


def test_without_replacement_uses_each_comparison_once(ps):
    _, _, pm = ps
    m = nearest_neighbour(pm["distance"], DATA["treat"], ratio=3, replace=False)
    c = m["pairs"]["control"]
    assert len(c) == len(set(c.tolist())) == 3 * int(DATA["treat"].sum())


def test_evalue_vanderweele_ding():
    # d = 0.5: RR = exp(0.455) = 1.5762; E = RR + sqrt(RR (RR - 1))
    ev = evalue_md(5.0, 10.0, 1.0, 9.0)
    rr = np.exp(0.91 * 0.5)
    assert ev["evalue"] == pytest.approx(rr + np.sqrt(rr * (rr - 1)), rel=1e-12)
    rr_lo = np.exp(0.91 * 0.1)
    assert ev["evalue_ci"] == pytest.approx(rr_lo + np.sqrt(rr_lo * (rr_lo - 1)), rel=1e-12)
    # a harmful or protective effect gives the same E-value; a CI over 0 gives 1
    assert evalue_md(-5.0, 10.0)["evalue"] == pytest.approx(ev["evalue"])
    assert evalue_md(5.0, 10.0, -1.0, 11.0)["evalue_ci"] == 1.0


@pytest.mark.parametrize("model,trim", [("change", None), ("ancova", None),
                                        ("doubly_robust", None), ("change_trim95", 0.95)])
def test_ipw_att_with_estimated_ps_as_the_r_sandwich(ps, model, trim):
    from impact.stats.matching import ipw_att_effect

    X, names, pm = ps
    ref = R["ipw_mest"][model]
    d = DATA
    if model.startswith("change"):
        y, Xo = d["change"], None
    elif model == "ancova":
        y, Xo = d["post"], d[["pre"]].to_numpy()
    else:
        y, Xo = d["post"], np.column_stack([d["pre"], X[:, 1:5]])
    est = ipw_att_effect(y, d["treat"], X, X=Xo, trim=trim)
    assert est["estimate"] == pytest.approx(ref["estimate"], abs=TOL)
    assert est["se"] == pytest.approx(ref["se"], abs=TOL)
    # the svyglm-type SE (weights as known) is the other figure it returns
    w = ipw_att(pm["ps"], d["treat"], trim=trim)
    known = effect(y, d["treat"], w, X=Xo)
    assert est["se_design"] == pytest.approx(known["se"], rel=1e-10)


def test_replacement_se_without_reuse_is_the_matched_set_se():
    """No comparison person in two sets: nothing to add to vcovCL(fit, cluster = ~subclass)."""
    rng = np.random.default_rng(5)
    sets = np.repeat(np.arange(30), 3)                   # a treated person and two others
    t = np.tile([1.0, 0.0, 0.0], 30)
    w = np.where(t == 1, 1.0, 0.5)
    D = np.column_stack([np.ones(90), t, rng.normal(size=90)])
    y = D @ [1.0, 0.5, 0.3] + rng.normal(size=90)
    dist = rng.normal(size=90)
    one = wls_cluster(y, D, w, sets)
    rep = wls_matched_replace(y, D, w, sets, np.arange(90), dist)
    np.testing.assert_allclose(rep["vcov"], one["vcov"], rtol=1e-12)
    # the same person twice in one set's place adds c = (1/2 + 1/2)^2 - 1/4 - 1/4 = 1/2 times
    # half the squared residual difference to the nearest other comparison person
    units = np.arange(90)
    units[5] = 2                                         # set 1's first comparison is set 0's
    y[5], D[5] = y[2], D[2]
    dist[5] = dist[2]
    rep = wls_matched_replace(y, D, w, sets, units, dist)
    e = y - D @ rep["beta"]
    others = np.flatnonzero((t == 0) & (units != 2))
    near = others[np.argmin(np.abs(dist[others] - dist[2]))]
    R = 0.5 * 0.5 * (e[2] - e[near]) ** 2 * np.outer(D[2], D[2])
    base = wls_cluster(y, D, w, sets)
    np.testing.assert_allclose(rep["vcov"], base["vcov"] + base["bread"] @ R @ base["bread"],
                               rtol=1e-10)


# ---------------------------------------------------------------- Abadie and Imbens (2016)

def _brute_ai2016(y, t, X, dist, L):
    """The adjustment's terms by direct loops over the units (no sorting tricks, no
    vectorising). Ties (the fixture has persons twice): nearer first, then the lower distance,
    then the row."""
    e = 1 / (1 + np.exp(-dist))

    def nearest(idx, i, k):
        return idx[np.lexsort((idx, dist[idx], np.abs(dist[idx] - dist[i])))[:k]]

    n, q = X.shape
    n1 = int(t.sum())
    c_cov, c_diff = np.zeros(q), np.zeros(q)
    D = np.zeros(n)
    for i in range(n):
        covs, means = {}, {}
        for arm in (1, 0):
            idx = np.flatnonzero(t == arm)
            near = nearest(idx, i, L)
            xs, ys = X[near], y[near]
            covs[arm] = ((xs - xs.mean(0)) * (ys - ys.mean())[:, None]).sum(0) / (L - 1)
            means[arm] = y[nearest(idx[idx != i], i, L)].mean()      # i itself left out
        c_cov += e[i] * (1 - e[i]) * covs[1] + e[i] ** 2 * covs[0]
        c_diff += e[i] * (1 - e[i]) * (covs[1] - covs[0])
        D[i] = means[1] - means[0]
    return c_cov / n1, c_diff / n1, D


@pytest.mark.parametrize("L", [2, 4, 6])
def test_ai2016_terms_by_direct_loops_and_numerical_derivative(L):
    from impact.stats.matching import att_ps_adjustment

    # the fixture has 16 persons twice; exact ties are met in the order of an outward walk
    # over the sorted distances, which a loop does not reproduce: once each here
    d = DATA.drop_duplicates(subset=COVS).reset_index(drop=True)
    X, names, _ = design_matrix(d, COVS)
    t = d["treat"].to_numpy()
    pm = propensity_score(X, t, names=names)
    assert len(np.unique(pm["distance"])) == len(d) == 784
    y = d["change"].to_numpy(float)
    got = att_ps_adjustment(y, t, X, pm["distance"], neighbours=L)
    c_cov, c_diff, D = _brute_ai2016(y, t, X, pm["distance"], L)
    np.testing.assert_allclose(got["c_cov"], c_cov, rtol=1e-10, atol=1e-12)
    # d tau / d theta: the derivative of sum F(x'theta) D / sum F(x'theta) at the fit
    theta = np.array([pm["coef"][k] for k in names])

    def tau(th):
        F = 1 / (1 + np.exp(-(X @ th)))
        return np.sum(F * D) / np.sum(F)

    assert got["tau_weighted"] == pytest.approx(tau(theta), rel=1e-12)
    num = np.array([(tau(theta + h) - tau(theta - h)) / (2 * 1e-6)
                    for h in np.eye(len(theta)) * 1e-6])
    np.testing.assert_allclose(got["d_score"], num, rtol=1e-5, atol=1e-9)
    # c_t = d_score + c_cov, dtau = d_score + E[f (cov_1 - cov_0)], and the adjustment is
    # -c' J^-1 c + dtau' J^-1 dtau with J the logit information
    c, dtau = num + c_cov, num + c_diff
    np.testing.assert_allclose(got["c"], c, rtol=1e-5, atol=1e-9)
    np.testing.assert_allclose(got["dtau"], dtau, rtol=1e-5, atol=1e-9)
    e = pm["ps"]
    J = (X * (e * (1 - e))[:, None]).T @ X
    want = -c @ np.linalg.solve(J, c) + dtau @ np.linalg.solve(J, dtau)
    assert got["adjustment"] == pytest.approx(want, rel=1e-5)


def test_ai2016_in_effect_on_the_outcome_less_the_further_regressors(ps):
    """ANCOVA on matched data: the adjustment is that of the matched estimator of y - b pre."""
    from impact.stats.matching import att_ps_adjustment

    X, _, pm = ps
    d = DATA
    t = d["treat"].to_numpy()
    m = nearest_neighbour(pm["distance"], t, ratio=2, replace=True, caliper=0.2)
    rows, cl, w = matched_rows(m)
    dist = pm["distance"][rows]
    sample = {"X_ps": X, "treat": t, "distance": pm["distance"]}
    post, pre = d["post"].to_numpy(float), d["pre"].to_numpy(float)
    known = effect(post[rows], t[rows], w, X=pre[rows][:, None], cluster=cl, distance=dist)
    est = effect(post[rows], t[rows], w, X=pre[rows][:, None], cluster=cl, distance=dist,
                 ps_sample={**sample, "y": post, "X": pre[:, None]})
    assert est["estimate"] == known["estimate"]
    assert est["se_ps_known"] == pytest.approx(known["se"], rel=1e-12)
    # the slope of pre in the matched regression, from lm's normal equations
    D = np.column_stack([np.ones(len(rows)), t[rows], pre[rows]])
    beta = np.linalg.solve((D * w[:, None]).T @ D, (D * w[:, None]).T @ post[rows])
    adj = att_ps_adjustment(post - beta[2] * pre, t, X, pm["distance"])
    assert est["ps_adjustment"] == pytest.approx(adj["adjustment"], rel=1e-9)
    assert est["se"] ** 2 == pytest.approx(known["se"] ** 2 + adj["adjustment"], rel=1e-9)
    # an outcome not measured for some leaves them out of c and dtau, not out of J
    y = d["change"].to_numpy(float).copy()
    y[:7] = np.nan
    a = att_ps_adjustment(y, t, X, pm["distance"])
    keep = np.isfinite(y)
    c_cov, _, _ = _brute_ai2016(y[keep], t[keep], X[keep], pm["distance"][keep], 4)
    np.testing.assert_allclose(a["c_cov"], c_cov, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(a["info"], (X * (pm["ps"] * (1 - pm["ps"]))[:, None]).T @ X,
                               rtol=1e-12)


def test_ai2016_vanishes_when_the_outcome_does_not_depend_on_the_score_covariates():
    """y independent of X and a constant effect: c and dtau are near 0 and so is the term;
    y that rises with a covariate in the score gives c' J^-1 c > 0 (a narrower interval)."""
    from impact.stats.matching import att_ps_adjustment

    rng = np.random.default_rng(2016)
    n = 4000
    x = rng.normal(size=n)
    t = (rng.random(n) < 1 / (1 + np.exp(-(-1.5 + x)))).astype(int)
    X = np.column_stack([np.ones(n), x])
    pm = propensity_score(X, t)
    flat = att_ps_adjustment(rng.normal(size=n) + 0.5 * t, t, X, pm["distance"])
    var_known = 1 / t.sum()                  # the order of the variance of the ATT here
    assert abs(flat["adjustment"]) < 0.02 * var_known
    # one covariate: the score fixes it, and matching on the estimated score is matching on
    # the true one; the adjustment is 0 whatever y does, an effect that varies too
    # (c_t = dtau: the effect given the score is the effect given the covariate)
    one = att_ps_adjustment(2 * x + rng.normal(size=n) + t * (0.5 + 1.5 * x), t, X,
                            pm["distance"])
    assert np.linalg.norm(one["dtau"]) > 0.2
    np.testing.assert_allclose(one["c"], one["dtau"], atol=0.03)
    assert abs(one["adjustment"]) < 0.02 * var_known
    # two covariates in the score, y rising with one of them: within a score the other
    # covaries with y, c' J^-1 c > 0 and the interval narrows
    x2 = rng.normal(size=n)
    t = (rng.random(n) < 1 / (1 + np.exp(-(-1.5 + x + x2)))).astype(int)
    X = np.column_stack([np.ones(n), x, x2])
    pm = propensity_score(X, t)
    two = att_ps_adjustment(2 * x + rng.normal(size=n) + 0.5 * t, t, X, pm["distance"])
    assert two["c"][1] > 0 > two["c"][2]
    assert two["adjustment"] < -0.2 / t.sum()
