"""Random-slope and site-level mixed models against lmerTest/pbkrtest (tests/fixtures/sleepstudy.R),
wave order, and the typos that must be errors, never an empty result."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impact
from impact.errors import InputError

FIX = Path(__file__).parent / "fixtures"
REF = json.loads((FIX / "sleepstudy_lmer.json").read_text())
WAVES = [f"D{k}" for k in range(10)]


def close(a, b, tol=1e-4):
    a, b = np.asarray(a, float), np.asarray(b, float)
    assert a.shape == b.shape
    assert np.all(np.abs(a - b) <= tol * np.maximum(1, np.abs(b))), (a, b)


@pytest.mark.parametrize("name,file", [("balanced", "sleepstudy.csv"),
                                       ("dropped", "sleepstudy_dropped.csv")])
@pytest.mark.parametrize("ddf", ["satterthwaite", "kenward-roger"])
def test_random_slope_matches_lmertest(name, file, ddf):
    ref = REF[name]
    data = pd.read_csv(FIX / file)
    res = impact.mixed_model(data, "reaction", waves=WAVES, random_slope=True, df=ddf)
    f = res.to_frame()
    assert list(f["term"]) == [t.replace("wave", "") for t in ref["terms"][1:]]
    pre = "" if ddf == "satterthwaite" else "kr_"
    close(f["estimate"], ref["estimate"][1:])
    close(f["se"], ref[pre + "se"][1:] if pre else ref["se"][1:])
    close(f["df"], ref[pre + "df"][1:])
    close(f["p"], ref[pre + "p"][1:])
    close(f["ci_low"], ref[pre + "ci_low"][1:])
    close(f["ci_high"], ref[pre + "ci_high"][1:])
    i = res.info
    assert i["random_slope"] and i["df_method"] == ddf and i["n_obs"] == ref["n_obs"]
    close(i["intercept"], ref["estimate"][0])
    close([i["var_intercept"], i["var_slope"], i["sigma2"], i["reml"]],
          [ref["var_intercept"], ref["var_slope"], ref["sigma2"], ref["reml"]])
    close(i["cor_intercept_slope"], ref["cor"])
    vc = res.variance_components()
    close(vc["variance"], [ref["var_intercept"], ref["var_slope"], ref["sigma2"]])


def test_issue_example_day9_p_value():
    """The issue's example: day 9 p = 2.1e-6 as lmerTest (was 4.3e-9 on the residual df)."""
    data = pd.read_csv(FIX / "sleepstudy.csv")
    row = impact.mixed_model(data, "reaction", waves=WAVES, random_slope=True).to_frame().iloc[-1]
    assert row["term"] == "D9" and abs(row["p"] - 2.0579e-6) < 1e-9


def test_random_slope_against_pingouin_free_statsmodels_reference():
    """Independent of R: statsmodels' MixedLM gives the same REML fixed effects to 1e-4."""
    import statsmodels.api as sm

    data = pd.read_csv(FIX / "sleepstudy_dropped.csv")
    res = impact.mixed_model(data, "reaction", waves=WAVES, random_slope=True)
    X = np.column_stack([np.ones(len(data))] + [(data["days"] == k).astype(float)
                                                for k in range(1, 10)])
    sm_fit = sm.MixedLM(data["reaction"], X, groups=data["participant_id"],
                        exog_re=np.column_stack([np.ones(len(data)), data["days"]])).fit(reml=True)
    close(res.to_frame()["estimate"], np.asarray(sm_fit.fe_params)[1:], 1e-3)


def _frame(labels, n=12, seed=3):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        u = rng.normal(0, 2)
        for k, w in enumerate(labels):
            rows.append({"participant_id": i, "wave": w, "y": 10 + u + k + rng.normal()})
    return pd.DataFrame(rows)


def test_wave_order_is_never_a_text_sort():
    with pytest.raises(InputError, match="ambiguous.*waves="):
        impact.mixed_model(_frame(["pre", "post", "fu"]), "y")
    res = impact.mixed_model(_frame(["pre", "post", "fu"]), "y", waves=["pre", "post", "fu"])
    assert res.info["baseline"] == "pre" and list(res.to_frame()["term"]) == ["post", "fu"]
    labels = [f"T{k}" for k in range(1, 11)]
    res = impact.mixed_model(_frame(labels), "y")
    assert res.info["waves"] == labels          # T10 last, not after T1
    cat = _frame(["intake", "end", "later"])
    cat["wave"] = pd.Categorical(cat["wave"], ["intake", "end", "later"], ordered=True)
    assert impact.mixed_model(cat, "y").info["baseline"] == "intake"


def test_typos_are_errors_naming_what_exists():
    d = _frame(["T0", "T1"])
    with pytest.raises(InputError, match=r"'T2'.*the data have 'T0', 'T1'"):
        impact.mixed_model(d, "y", waves=["T0", "T1", "T2"])
    with pytest.raises(InputError, match=r"'yy' \(did you mean 'y'\?\) not in the data"):
        impact.mixed_model(d, "yy", waves=["T0", "T1"])
    with pytest.raises(InputError, match="baseline 'T9'"):
        impact.mixed_model(d, "y", waves=["T0", "T1"], baseline="T9")
    with pytest.raises(InputError, match="df="):
        impact.mixed_model(d, "y", waves=["T0", "T1"], df="kr")


def test_duplicate_and_infinite_rows_are_errors():
    d = _frame(["T0", "T1", "T2"])
    with pytest.raises(InputError, match="duplicated participant x wave"):
        impact.mixed_model(pd.concat([d, d.iloc[[0]]]), "y")
    bad = d.copy()
    bad.loc[4, "y"] = np.inf
    with pytest.raises(InputError, match="infinite"):
        impact.mixed_model(bad, "y")


def test_perfect_fit_has_a_note():
    d = _frame(["T0", "T1", "T2"])
    d["y"] = d["participant_id"] * 2.0 + d["wave"].str[1].astype(float)
    res = impact.mixed_model(d, "y")
    assert any("perfectly" in n for n in res.notes)


def test_trajectory_plot_and_means():
    data = pd.read_csv(FIX / "sleepstudy.csv")
    res = impact.mixed_model(data, "reaction", waves=WAVES, random_slope=True)
    assert [m["wave"] for m in res.means] == WAVES
    ref = REF["balanced"]["estimate"]
    close([m["mean"] for m in res.means], [ref[0]] + [ref[0] + b for b in ref[1:]])
    fig = res.plot()
    assert len(fig.axes[0].lines) >= 1


def _sites(n_sites=8, per_site=12, site_sd=2.0, seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for s in range(n_sites):
        v, c = rng.normal(0, site_sd), rng.normal(0, 1.0, 3)    # site level, site x wave
        for i in range(per_site):
            u = rng.normal(0, 2)
            for k, w in enumerate(["T0", "T1", "T2"]):
                rows.append({"participant_id": f"{s}-{i}", "site": f"s{s}", "wave": w,
                             "y": 20 + v + c[k] + u - k + rng.normal(0, 1.5)})
    return pd.DataFrame(rows)


def test_site_level_matches_lmertest_nested_model():
    """(1 | site) + (1 | site:wave) + (1 | site:participant); reference from
    tests/fixtures/sleepstudy.R."""
    d = pd.read_csv(FIX / "mixed_sites.csv")
    ref = json.loads((FIX / "mixed_sites.json").read_text())
    res = impact.mixed_model(d, "y", waves=["T0", "T1", "T2"], site_col="site")
    f = res.to_frame()
    for key in ("estimate", "se", "df", "p"):
        close(f[key], ref[key][1:])
    i = res.info
    close([i["tau2_site"], i["tau2_site_wave"], i["tau2_participant"], i["sigma2"], i["reml"]],
          [ref["tau2_site"], ref["tau2_site_wave"], ref["tau2_participant"], ref["sigma2"],
           ref["reml"]])
    assert i["n_sites"] == 8 and not i["singular"]
    kr = impact.mixed_model(d, "y", waves=["T0", "T1", "T2"], site_col="site",
                            df="kenward-roger").to_frame()
    close(kr["se"], ref["kr_se"][1:])
    close(kr["df"], ref["kr_df"][1:])
    close(kr["p"], ref["kr_p"][1:])
    assert res.variance_components()["group"].tolist() == ["site", "site:wave", "participant",
                                                           "residual"]
