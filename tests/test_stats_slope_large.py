"""A model asked for is the model fitted (issue 27): the random-slope model at 1,000
participants x 5 waves equals lme4/lmerTest to 1e-4 (tests/fixtures/slope_large.R writes the
data and the reference), at a regular fit, close to the boundary and at a singular boundary (kept,
as lme4 keeps it, with a SingularFitWarning); a random slope with a site level is refused with
the reason; a change of model is a warning the caller sees."""

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impact
from impact.errors import InputError
from impact.stats.mixed import ModelChangeWarning, SingularFitWarning

FIX = Path(__file__).parent / "fixtures"
REF = json.loads((FIX / "slope_large_lmer.json").read_text())
WAVES = [f"T{t}" for t in range(5)]


def close(a, b, tol=1e-4):
    a, b = np.asarray(a, float), np.asarray(b, float)
    assert a.shape == b.shape
    assert np.all(np.abs(a - b) <= tol * np.maximum(1, np.abs(b))), (a, b)


@pytest.mark.parametrize("name", ["regular", "near", "boundary"])
def test_random_slope_at_1000_by_5_equals_lme4(name):
    ref = REF[name]
    data = pd.read_csv(FIX / f"slope_large_{name}.csv")
    assert len(data) == ref["n_obs"] == 5000
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = impact.mixed_model(data, "y", waves=WAVES, random_slope=True)
    kinds = {type(w.message) for w in caught}
    assert ModelChangeWarning not in kinds
    assert (SingularFitWarning in kinds) == ref["singular"]
    i = res.info
    assert i["random_slope"] and i["singular"] == ref["singular"]
    f = res.to_frame()
    assert list(f["term"]) == [t.replace("wave", "") for t in ref["terms"][1:]]
    close(f["estimate"], ref["estimate"][1:])
    close(f["se"], ref["se"][1:])
    close(f["df"], ref["df"][1:])
    close(f["p"], ref["p"][1:])
    close(i["intercept"], ref["estimate"][0])
    close([i["var_intercept"], i["var_slope"], i["sigma2"], i["reml"]],
          [ref["var_intercept"], ref["var_slope"], ref["sigma2"], ref["reml"]])


def test_boundary_fit_of_the_small_fixture_is_kept_as_lme4():
    ref = REF["stats_mixed"]
    data = pd.read_csv(FIX / "stats_mixed_input.csv")
    with pytest.warns(SingularFitWarning):
        res = impact.mixed_model(data, "y", waves=["T0", "T1", "T2", "T3"], random_slope=True)
    assert res.info["random_slope"] and res.info["singular"] and ref["singular"]
    f = res.to_frame()
    close(f["estimate"], ref["estimate"][1:])
    close(f["se"], ref["se"][1:])
    close(f["df"], ref["df"][1:])
    close(res.info["reml"], ref["reml"])


def test_site_and_slope_together_are_refused_with_the_reason():
    data = pd.read_csv(FIX / "mixed_sites.csv")
    site = [c for c in data.columns if "site" in c][0]
    outcome = [c for c in data.columns if c not in ("participant_id", "wave", site)][0]
    with pytest.raises(InputError, match="random_slope=True together with site_col is not "
                                         "available"):
        impact.mixed_model(data, outcome, random_slope=True, site_col=site)


def test_non_convergence_is_a_warning_and_a_note(monkeypatch):
    from impact.stats import _lmm

    real = _lmm.SlopeModel.fit

    def unconverged(self):
        real(self)
        self.converged = False
        return self

    monkeypatch.setattr(_lmm.SlopeModel, "fit", unconverged)
    data = pd.read_csv(FIX / "slope_large_regular.csv").query("participant_id < 'P0100'")
    with pytest.warns(ModelChangeWarning, match="random-intercept model, not the random-slope"):
        res = impact.mixed_model(data, "y", waves=WAVES, random_slope=True)
    assert not res.info["random_slope"]
    assert any("did not converge" in n for n in res.notes)
