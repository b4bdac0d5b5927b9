"""`impact analyse` with several waves, sites, arms and background columns: every DESIGN key."""

import json
import math

import numpy as np
import pandas as pd
import pytest

import impact

OUTCOME_KEYS = ["outcome", "baseline", "followup", "n_paired", "mean_baseline", "sd_baseline",
                "mean_followup", "sd_followup", "mean_change", "ci_low", "ci_high", "t", "df", "p",
                "p_adjusted", "d_z", "d_z_ci", "d_av", "g_av", "g_av_ci", "wilcoxon_p",
                "rci_improved", "rci_unchanged", "rci_deteriorated"]
POOLED_KEYS = ["outcome", "k", "estimate", "se", "ci_low", "ci_high", "tau2", "i2",
               "prediction_low", "prediction_high", "method"]
MODEL_KEYS = ["outcome", "term", "estimate", "se", "ci_low", "ci_high", "p"]


def make_cohort(n=300, waves=("T0", "T1", "T2"), sites=("Leiden", "Delft", "Gouda", "Zeist"),
                instruments=("pss10",), seed=1, dropout=0.15, arms=True):
    """Long response frame with item columns for each instrument (any built-in instrument)."""
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n + 1)
    site = rng.choice(list(sites), n)
    group = np.where(rng.random(n) < 0.5, "intervention", "control")
    hood = rng.choice(["Noord", "Zuid", "Oost", "West"], n, p=[.4, .3, .2, .1])
    person = rng.normal(0, 1, n)
    site_effect = {s: rng.normal(0, 0.15) for s in sites}
    frames = []
    for k, wave in enumerate(waves):
        present = (rng.random(n) > dropout) if k else np.ones(n, bool)
        cols = {"participant_id": [f"P{i:05d}" for i in ids], "wave": wave, "site": site,
                "group": group, "neighbourhood": hood}
        for iid in instruments:
            inst = impact.get_instrument(iid)
            good = 1 if inst.higher_is_better else -1
            shift = good * (0.35 * min(k, 2) * (1 + (group == "intervention"))
                            + np.vectorize(site_effect.get)(site) * (k > 0))
            latent = 0.5 + 0.15 * (person + shift) + rng.normal(0, 0.1, n)
            span = inst.max - inst.min
            items = np.clip(np.rint(inst.min + span * (latent[:, None]
                                                         + rng.normal(0, 0.15, (n, inst.items)))),
                            inst.min, inst.max)
            items[:, [r - 1 for r in inst.reverse]] = (inst.min + inst.max
                                                       - items[:, [r - 1 for r in inst.reverse]])
            for j in range(inst.items):
                cols[f"{iid}_{j + 1}"] = items[:, j]
        frames.append(pd.DataFrame(cols)[present])
    return pd.concat(frames, ignore_index=True)


def protocol(**extra):
    spec = {"title": "test", "waves": ["T0", "T1", "T2"], "instruments": ["pss10"],
            "primary_outcome": "pss10_score", "background": ["neighbourhood"],
            "min_cell_size": 10, "seed": 3}
    spec.update(extra)
    return spec


@pytest.fixture(scope="module")
def full():
    frame = make_cohort()
    res = impact.analyse(frame, protocol())
    return frame, res, json.loads(res.to_json())


def test_every_outcome_key_is_present_and_numbers_are_the_library_s(full):
    frame, res, data = full
    assert [o["outcome"] for o in data["outcomes"]] == ["pss10_score", "pss10_helplessness",
                                                        "pss10_self_efficacy"]
    for o in data["outcomes"]:
        assert all(k in o for k in OUTCOME_KEYS), set(OUTCOME_KEYS) - set(o)
    o = data["outcomes"][0]
    assert o["followup"] == "T2" and o["primary"] is True
    scores = res.scores
    pre = scores[scores.wave == "T0"].set_index("participant_id")["pss10_score"]
    post = scores[scores.wave == "T2"].set_index("participant_id")["pss10_score"].reindex(pre.index)
    direct = impact.paired_change(pre, post)
    for key in ("mean_change", "t", "d_av", "g_av", "wilcoxon_p"):
        assert o[key] == pytest.approx(direct[key], rel=1e-12)
    # pss10: lower is better, reliability .78 and SD 6.26 from the instrument file
    rc = (post - pre).dropna() / (math.sqrt(2) * 6.26 * math.sqrt(1 - 0.78))
    assert o["rci_improved"] == int((rc < -1.96).sum())
    assert o["rci_deteriorated"] == int((rc > 1.96).sum())
    assert o["rci_improved"] + o["rci_unchanged"] + o["rci_deteriorated"] == o["n_paired"]
    assert o["proportion_improved"] == pytest.approx(float(((post - pre).dropna() < 0).mean()))
    # the subscales have no reliability: null with a note
    sub = data["outcomes"][1]
    assert sub["rci_improved"] is None
    assert any(n.startswith("pss10_helplessness: no reliability") for n in data["notes"])


def test_models_for_three_waves_with_arms(full):
    frame, res, data = full
    assert data["models"], data["notes"]
    for m in data["models"]:
        assert all(k in m for k in MODEL_KEYS)
    terms = [m["term"] for m in data["models"] if m["outcome"] == "pss10_score"]
    assert terms == ["T1", "T2", "group intervention", "T1 x intervention", "T2 x intervention"]
    # with a site column of several sites, participants are nested in sites
    sites = {"site_col": "site"} if "site" in frame and frame["site"].nunique() > 1 else {}
    scores = res.scores.assign(group=frame["group"], **({"site": frame["site"]} if sites else {}))
    direct = impact.mixed_model(scores, "pss10_score", waves=["T0", "T1", "T2"],
                                group_col="group", **sites).to_frame()
    info = [i for i in data["model_info"] if i["outcome"] == "pss10_score"][0]
    assert ("tau2_site" in info) == bool(sites)
    ours = pd.DataFrame([m for m in data["models"] if m["outcome"] == "pss10_score"])
    assert ours["estimate"].to_numpy() == pytest.approx(direct["estimate"].to_numpy())
    # planted: the intervention arm improves more (PSS lower) at T2
    t2x = ours.set_index("term").loc["T2 x intervention"]
    assert t2x["estimate"] < 0 and t2x["p"] < 0.05
    anc = data["controlled"][0]
    assert anc["arm"] == "intervention" and anc["estimate"] < 0


def test_pooled_over_sites(full):
    frame, res, data = full
    pooled = {p["outcome"]: p for p in data["pooled"]}
    p = pooled["pss10_score"]
    assert all(k in p for k in POOLED_KEYS)
    assert p["k"] == 4 and p["method"] == "REML"
    sites = impact.site_change(res.scores.assign(site=frame["site"]), "pss10_score",
                               baseline="T0", followup="T2")
    direct = impact.meta_analysis(sites["mean_change"], sites["variance"])
    assert p["estimate"] == pytest.approx(direct["estimate"], rel=1e-12)
    assert p["prediction_low"] <= p["ci_low"] < p["estimate"] < p["ci_high"]
    assert len([s for s in data["sites"] if s["outcome"] == "pss10_score"]) == 4


def test_missing_data_sections(full):
    _, _, data = full
    mi = data["sensitivity"]["multiple_imputation"]
    assert mi["outcome"] == "pss10_score" and mi["seed"] == 3
    assert mi["n_imputed_followup"] > 0 and mi["ci_low"] < mi["estimate"] < mi["ci_high"]
    assert abs(mi["estimate"] - mi["complete_case_estimate"]) < 1.0
    att = {r["variable"]: r for r in data["attrition"]}
    assert att["pss10_score"]["test"] == "Welch t"
    assert att["neighbourhood"]["test"] == "chi-square"
    sg = data["subgroups"][0]
    assert sg["by"] == "neighbourhood" and sg["interaction_df1"] >= 1
    assert all(g["n"] >= 10 for g in sg["groups"])


def test_single_site_and_two_waves_without_arms():
    frame = make_cohort(n=60, waves=("T0", "T1"), sites=("Leiden",), arms=False).drop(
        columns="group")
    data = impact.analyse(frame, protocol(waves=["T0", "T1"])).to_dict()
    assert data["models"] == []
    assert data["pooled"][0]["estimate"] is None and data["pooled"][0]["k"] == 1
    assert any("at least two sites" in n for n in data["notes"])


def test_all_followup_missing_does_not_fail():
    frame = make_cohort(n=30, waves=("T0", "T1", "T2"))
    item_cols = [c for c in frame.columns if c.startswith("pss10_")]
    frame.loc[frame["wave"] != "T0", item_cols] = np.nan
    data = impact.analyse(frame, protocol()).to_dict()
    o = data["outcomes"][0]
    assert o["n_paired"] == 0 and o["t"] is None and o["rci_improved"] is None
    assert data["models"] == [] and any("no mixed model" in n or "two or more waves" in n
                                        for n in data["notes"])
    assert data["pooled"][0]["estimate"] is None


def test_plots_return_figures(full):
    import matplotlib.figure

    frame, res, _ = full
    s = res.scores
    pre = s[s.wave == "T0"].set_index("participant_id")["pss10_score"]
    post = s[s.wave == "T2"].set_index("participant_id")["pss10_score"].reindex(pre.index)
    rc = impact.reliable_change(pre, post, reliability=0.78, sd=6.2, higher_is_better=False,
                                cutoff=14.0, ids=pre.index)
    fig = rc.plot()
    assert isinstance(fig, matplotlib.figure.Figure)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "no reliable change" in labels and "cut-off" in labels
    assert sum(int(lbl.split("(")[1].rstrip(")")) for lbl in labels if "(" in lbl) == rc["n"]
    meta = impact.pool_sites(s.assign(site=frame["site"]), "pss10_score", baseline="T0",
                             followup="T2")
    fig2 = meta.plot()
    texts = [t.get_text() for t in fig2.axes[0].texts]
    # the one forest plot: a row per site, the pooled row, estimates and weights in columns
    sites = [str(x) for x in meta.studies["label"]]
    assert all(x in texts for x in sites) and any(t.startswith("pooled") for t in texts)
    assert sum(t.endswith("%") and not t.startswith("pooled") for t in texts) == len(sites)
    import matplotlib.pyplot as plt

    plt.close("all")


def test_two_pairs_and_one_pair_give_nulls_with_notes():
    for n in (1, 2):
        frame = make_cohort(n=n, waves=("T0", "T1", "T2"), dropout=0.0, sites=("A", "B"))
        data = impact.analyse(frame, protocol()).to_dict()
        o = data["outcomes"][0]
        assert o["n_paired"] == n
        assert o["g_av"] is None  # J undefined at df = 1 (n = 2) or no spread (n = 1)
        assert data["notes"]
        json.dumps(data)  # serialisable, no NaN


def test_result_objects_render_as_html_tables():
    frame = make_cohort(n=40)
    res = impact.mixed_model(impact.score(frame, ["pss10"]), "pss10_score")
    html = res._repr_html_()
    assert "<table" in html and "T1" in html
    rc = impact.reliable_change([1.0, 2, 3], [3.0, 2, 1], reliability=0.8, sd=1,
                                ids=["<b>x</b>", "y", "z"])
    assert "&lt;b&gt;" in rc._repr_html_() and "<b>x" not in rc._repr_html_()
    assert set(rc.to_frame()["category"]) == {"improved", "unchanged", "deteriorated"}
    meta = impact.meta_analysis([-1.0, -2.0, -3.0], [0.5, 0.5, 0.5])
    assert meta.to_dict()["k"] == 3 and "<table" in meta._repr_html_()


def test_protocol_can_ask_for_dersimonian_laird():
    frame = make_cohort(n=200)
    data = impact.analyse(frame, protocol(pool_method="DL")).to_dict()
    p = data["pooled"][0]
    assert p["method"] == "DL"
    res = impact.analyse(frame, protocol())
    sites = impact.site_change(res.scores.assign(site=frame["site"]), "pss10_score",
                               baseline="T0", followup="T2")
    direct = impact.meta_analysis(sites["mean_change"], sites["variance"], method="DL")
    assert p["tau2"] == pytest.approx(direct["tau2"], rel=1e-12, abs=1e-15)


def test_bad_pool_method_is_an_input_error(tmp_path):
    from .conftest import run_cli

    frame = make_cohort(n=20)
    frame.to_csv(tmp_path / "r.csv", index=False)
    import yaml

    (tmp_path / "p.yaml").write_text(yaml.safe_dump(protocol(pool_method="fixed")))
    proc = run_cli("analyse", tmp_path / "r.csv", "--protocol", tmp_path / "p.yaml")
    assert proc.returncode == 2 and "pool_method" in proc.stderr and "Traceback" not in proc.stderr


def test_published_cutoff_direction_and_recovered_with_real_instruments():
    frame = make_cohort(n=400, instruments=("k10", "mhi5", "ons4"), seed=9)
    res = impact.analyse(frame, protocol(instruments=["k10", "mhi5", "ons4"],
                                         primary_outcome="k10_score"))
    data = res.to_dict()
    rows = {o["outcome"]: o for o in data["outcomes"]}
    s = res.scores
    for col, case in (("k10_score", lambda v: v > 15), ("mhi5_score", lambda v: v <= 60)):
        o = rows[col]
        inst = impact.get_instrument(col.split("_")[0])
        assert o["rci_cutoff"] == inst.cutoff["value"]
        pre = s[s.wave == "T0"].set_index("participant_id")[col]
        post = s[s.wave == "T2"].set_index("participant_id")[col].reindex(pre.index)
        ok = pre.notna() & post.notna()
        sd = pre[ok].std(ddof=1)  # no norm SD for k10/mhi5: the baseline sample SD
        rc = (post[ok] - pre[ok]) / (math.sqrt(2) * sd * math.sqrt(1 - inst.reliability))
        good = rc > 1.96 if inst.higher_is_better else rc < -1.96
        assert o["rci_improved"] == int(good.sum())
        assert o["rci_recovered"] == int((good & case(pre[ok]) & ~case(post[ok])).sum())
        assert o["rci_sd_source"] == "baseline sample"
        assert any(n.startswith(f"{col}: the reliability") for n in data["notes"])
    # ONS4 anxiety: higher is worse, so "improved" is a decrease
    anx = rows["ons4_anxious"]
    pre = s[s.wave == "T0"].set_index("participant_id")["ons4_anxious"]
    post = s[s.wave == "T2"].set_index("participant_id")["ons4_anxious"].reindex(pre.index)
    d = (post - pre).dropna()
    assert anx["proportion_improved"] == pytest.approx(float((d < 0).mean()))
    assert rows["ons4_happy"]["proportion_improved"] == pytest.approx(
        float(((s[s.wave == "T2"].set_index("participant_id")["ons4_happy"].reindex(pre.index)
                - s[s.wave == "T0"].set_index("participant_id")["ons4_happy"]).dropna() > 0)
              .mean()))
    assert anx["rci_improved"] is None  # single items: no reliability


def test_analyse_pools_with_hartung_knapp_by_default(tmp_path):
    """Three groups of eight: the pooled interval uses t on k - 1 df, not z (protocol may ask z)."""
    import json
    import shutil

    from .conftest import ROOT, run_cli

    src = ROOT / "synthetic_data" / "in-beeld"
    shutil.copy(src / "responses.csv", tmp_path / "responses.csv")
    text = (src / "protocol.yaml").read_text(encoding="utf-8")
    results = {}
    for test, extra in (("knha", "pool_test: knha\n"), ("z", "pool_test: z\n"),
                        ("adhoc", "")):
        (tmp_path / f"p_{test}.yaml").write_text(text + extra, encoding="utf-8")
        proc = run_cli("analyse", tmp_path / "responses.csv", "--protocol", tmp_path / f"p_{test}.yaml")
        assert proc.returncode == 0, proc.stderr
        results[test] = json.loads(proc.stdout)["pooled"][0]
    kh, z, ah = results["knha"], results["z"], results["adhoc"]
    # the default (ad hoc correction): Hartung-Knapp, never narrower than the z interval
    assert ah["test"] == "adhoc" and ah["se"] == pytest.approx(max(kh["se"], z["se"]), rel=1e-10)
    assert kh["test"] == "knha" and z["test"] == "z" and kh["k"] == 3
    assert kh["estimate"] == pytest.approx(z["estimate"], abs=1e-12)
    from scipy import stats as st

    assert (kh["ci_high"] - kh["estimate"]) == pytest.approx(st.t.ppf(0.975, 2) * kh["se"], rel=1e-10)
    assert (z["ci_high"] - z["estimate"]) == pytest.approx(st.norm.ppf(0.975) * z["se"], rel=1e-10)


def test_parallel_jobs_give_the_same_results(full):
    """The outcomes' models, ANCOVAs, site pooling, imputation and attrition in two forked
    worker processes beside this one (as `impact analyse` runs them on large data) give the
    same JSON as one after another (the default under a test runner)."""
    frame, _, _ = full
    key = "k" * 32
    one = impact.analyse(frame, protocol(), pseudonym_key=key, workers=1)
    two = impact.analyse(frame, protocol(), pseudonym_key=key, workers=3)
    assert two.to_json() == one.to_json()
    assert one["models"] and one["controlled"] and one["pooled"] and one["attrition"]
