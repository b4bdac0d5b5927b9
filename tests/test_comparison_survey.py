"""Complex survey designs for the neighbourhood monitor (issue 24): strata, clusters and finite
population corrections against R survey on apiclus1, apiclus2 and apistrat (shipped with
r-cran-survey; tests/fixtures/comparison.R writes the fixtures), and the protocol's
``monitor.design`` end to end, a single round included."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from impact.cli import main
from impact.errors import InputError
from impact.stats.survey import SurveyDesign, design_means, neighbourhood_monitor
from impact.studies.monitor import analyse_monitor
from impact.synth import synthesise, write_cohort

FIX = Path(__file__).parent / "fixtures"
R = json.loads((FIX / "comparison_r.json").read_text())["survey"]
TOL = 1e-6


def _api(name):
    return pd.read_csv(FIX / f"comparison_{name}.csv")


CASES = {
    "apiclus1": ("apiclus1", lambda d: dict(cluster=d.dnum, fpc=d.fpc)),
    "apiclus1_nofpc": ("apiclus1", lambda d: dict(cluster=d.dnum)),
    "apiclus1_srs": ("apiclus1", lambda d: {}),
    "apiclus2_1stage": ("apiclus2", lambda d: dict(cluster=d.dnum, fpc=d.fpc1)),
    "apiclus2": ("apiclus2", lambda d: dict(cluster=d.dnum, fpc=d.fpc1, cluster2=d.snum,
                                            fpc2=d.fpc2)),
    "apistrat": ("apistrat", lambda d: dict(strata=d.stype, fpc=d.fpc)),
    "apistrat_nofpc": ("apistrat", lambda d: dict(strata=d.stype)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_design_means_as_svydesign(case):
    file, kw = CASES[case]
    d = _api(file)
    ref = R[case]
    out = design_means(d["api00"], SurveyDesign(len(d), **kw(d)), weights=d["pw"],
                       domains=d["stype"])
    o = out["overall"]
    for key in ("mean", "se", "ci_low", "ci_high"):
        assert o[key] == pytest.approx(ref[key], abs=TOL), key
    dom = {x["domain"]: x for x in out["domains"]}
    for i, lev in enumerate(ref["by_level"]):
        for key, rkey in (("mean", "by_mean"), ("se", "by_se"), ("ci_low", "by_ci_low"),
                          ("ci_high", "by_ci_high")):
            assert dom[lev][key] == pytest.approx(ref[rkey][i], abs=TOL), (lev, key)
    assert dom["E"]["difference"] == pytest.approx(ref["diff_E"], abs=TOL)
    assert dom["E"]["difference_se"] == pytest.approx(ref["diff_E_se"], abs=TOL)


def test_clusters_matter_on_apiclus1():
    # the figures: SE 7.8 without the clusters, 23.5 with them
    assert R["apiclus1_srs"]["se"] == pytest.approx(7.817, abs=1e-3)
    assert R["apiclus1"]["se"] == pytest.approx(23.542, abs=1e-3)


def test_monitor_with_clusters_and_rounds_as_strata_as_svyglm():
    ref = json.loads((FIX / "comparison_monitor_design.json").read_text())
    d = pd.read_csv(FIX / "comparison_monitor_design.csv")
    d["round"] = d["round"].astype(str)
    res = neighbourhood_monitor(d, ["y"], neighbourhood="stype", weight="pw",
                                design={"cluster": "dnum", "fpc": "fpc"})
    est = res.estimates.set_index(["neighbourhood", "round"])
    for s, rd, m, se in zip(ref["by_stype"], ref["by_round"], ref["by_mean"], ref["by_se"]):
        assert est.loc[(s, rd), "mean"] == pytest.approx(m, abs=TOL)
        assert est.loc[(s, rd), "se"] == pytest.approx(se, abs=TOL)
    np.testing.assert_allclose(res.reference["mean"], ref["ref_mean"], atol=TOL)
    np.testing.assert_allclose(res.reference["se"], ref["ref_se"], atol=TOL)
    did = res.did.set_index("neighbourhood").loc["E"]
    for key, rkey in (("did", "did"), ("se", "did_se"), ("did_ci_low", "did_ci_low"),
                      ("did_ci_high", "did_ci_high"), ("did_p", "did_p")):
        assert did[key] == pytest.approx(ref[rkey], abs=TOL), key


def test_default_design_through_the_general_path_equals_the_fast_path():
    d = pd.read_csv(FIX / "comparison_monitor_design.csv")
    d["round"] = d["round"].astype(str)
    fast = neighbourhood_monitor(d, ["y"], neighbourhood="stype", weight="pw")
    general = neighbourhood_monitor(d, ["y"], neighbourhood="stype", weight="pw",
                                    design={"strata": None})
    for a, b in ((fast.estimates, general.estimates), (fast.differences, general.differences),
                 (fast.did, general.did), (fast.reference, general.reference)):
        num = a.select_dtypes("number").columns
        np.testing.assert_allclose(a[num].to_numpy(float), b[num].to_numpy(float), rtol=1e-9)


def test_fpc_must_be_constant_within_a_stratum():
    with pytest.raises(ValueError, match="same for every row"):
        SurveyDesign(4, strata=[1, 1, 2, 2], fpc=[10, 11, 20, 20])


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    out = tmp_path_factory.mktemp("wiw_design")
    write_cohort(synthesise("wijzer-in-de-wijk", 3), out)
    frame = pd.read_csv(out / "responses.csv")
    rng = np.random.default_rng(5)
    # blocks of addresses within neighbourhoods as clusters, 12 per neighbourhood
    frame["blok"] = frame["neighbourhood"] + "-" + rng.integers(0, 12, len(frame)).astype(str)
    frame["stadsdeel"] = np.where(frame["neighbourhood"].str[0] < "M", "A", "B")
    frame.to_csv(out / "responses.csv", index=False)
    return out


def _protocol(cohort, tmp_path, **monitor):
    spec = yaml.safe_load((cohort / "protocol.yaml").read_text())
    spec.setdefault("monitor", {}).update(monitor)
    path = tmp_path / "protocol.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True))
    return spec, path


def test_protocol_design_gives_clustered_intervals(cohort, tmp_path):
    _, plain = _protocol(cohort, tmp_path)
    base = analyse_monitor(cohort / "responses.csv", plain)
    _, path = _protocol(cohort, tmp_path, design={"cluster": "blok", "strata": "stadsdeel"})
    res = analyse_monitor(cohort / "responses.csv", path)
    assert "ids = ~blok" in res.info["design"] and "stadsdeel" in res.info["design"]
    # the same means; the design changes the standard errors only
    np.testing.assert_allclose(res.estimates["mean"], base.estimates["mean"], rtol=1e-12)
    assert not np.allclose(res.estimates["se"], base.estimates["se"])


def test_single_round_gives_levels_and_differences(cohort, tmp_path):
    spec, path = _protocol(cohort, tmp_path, design={"cluster": "blok"})
    first = spec["rounds"][0]
    spec["rounds"] = [first]
    path.write_text(yaml.safe_dump(spec, allow_unicode=True))
    frame = pd.read_csv(cohort / "responses.csv")
    one = tmp_path / "one_round.csv"
    frame[frame["round"].astype(str) == str(first)].to_csv(one, index=False)
    res = analyse_monitor(one, path)
    assert len(res.estimates) and len(res.differences) and res.did.empty
    assert any("one round" in n for n in res.notes)


def test_missing_design_column_is_an_error_naming_it(cohort, tmp_path, capsys):
    _, path = _protocol(cohort, tmp_path, design={"cluster": "wijkdeel"})
    with pytest.raises(InputError, match="wijkdeel"):
        analyse_monitor(cohort / "responses.csv", path)
    assert main(["monitor", str(cohort / "responses.csv"), "--protocol", str(path)]) == 2
    assert "wijkdeel" in capsys.readouterr().err
