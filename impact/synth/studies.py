"""A synthetic set of published studies with a planted truth, for the evidence synthesis.

Several effect sizes per study (outcomes, time points), heterogeneity between and within studies,
and a small-study effect (smaller studies report larger benefits). The studies report what papers
report: two-group means and SDs (randomised and controlled studies), one-group pre/post means and
SDs (uncontrolled studies; the pre/post correlation is reported by some), or a computed effect
size and its variance. Everything is generated from raw simulated scores, so the summary statistics
are internally consistent.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

__all__ = ["synthesise_studies", "write_studies", "STUDIES_TRUTH", "simulate_three_level"]

# The planted truth: standardised mean differences (negative = a decrease). Stress should fall,
# wellbeing should rise.
STUDIES_TRUTH = {
    "outcomes": {"stress": -0.35, "wellbeing": 0.30},
    "sigma2_study": 0.04,
    "sigma2_within": 0.015,
    # small-study effect: each effect is shifted by slope x its standard error, away from zero
    "small_study_slope": 1.2,
    "rho_prepost": 0.6,
    "sd_scale": 6.0,
}

DISCIPLINES = ("music", "visual_arts", "dance", "theatre")
SETTINGS = ("community", "care", "school")
DESIGN_ROB = {"rct": (0.5, 0.35, 0.15), "controlled": (0.2, 0.5, 0.3), "prepost": (0.05, 0.35, 0.6)}
#: risk-of-bias domains (RoB 2 for randomised, ROBINS-I-like otherwise), as rob_* columns
ROB_DOMAINS = ("selection", "deviations", "missing", "measurement", "reporting")
_AUTHORS = ("Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
            "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer")


def _group(rng, n, mean, sd):
    x = rng.normal(mean, sd, n)
    return round(float(x.mean()), 3), round(float(x.std(ddof=1)), 3)


def synthesise_studies(seed: int = 1, n_studies: int = 36):
    """A studies table (the ``studies.csv`` contract) and the truth it was drawn from.

    Returns ``(frame, truth)``; ``truth`` holds the planted mean effect per outcome, both variance
    components, the small-study slope, the pre/post correlation and the per-study random effects.
    """
    import pandas as pd

    rng = np.random.default_rng(seed)
    # references and risk-of-bias domains from their own stream: the effect sizes stay those
    # of the main stream
    rng_meta = np.random.default_rng([seed, 23])
    t = STUDIES_TRUTH
    sd = t["sd_scale"]
    rows = []
    study_effects = {}
    for s in range(n_studies):
        name = f"Study {s + 1:02d} ({2008 + int(rng.integers(0, 17))})"
        year = int(name[-5:-1])
        design = str(rng.choice(list(DESIGN_ROB), p=[0.35, 0.25, 0.40]))
        rob = str(rng.choice(["low", "some", "high"], p=DESIGN_ROB[design]))
        # study size: many small, few large (log-normal)
        n_arm = int(np.clip(np.round(np.exp(rng.normal(3.4, 0.7))), 8, 250))
        u = rng.normal(0, np.sqrt(t["sigma2_study"]))
        study_effects[name] = float(u)
        discipline = str(rng.choice(DISCIPLINES))
        setting = str(rng.choice(SETTINGS))
        dose = int(rng.integers(4, 25))
        n_eff = int(rng.integers(1, 5))
        outcomes = list(rng.choice(["stress", "wellbeing"], size=n_eff, replace=True))
        first = _AUTHORS[int(rng_meta.integers(0, len(_AUTHORS)))]
        reference = (f"{first} et al. ({year}). Synthetic study {s + 1:02d} of {discipline.replace('_', ' ')} "
                     f"in a {setting} setting. Synthetic Journal of Arts and Health "
                     f"{int(rng_meta.integers(1, 30))}:{int(rng_meta.integers(1, 400))}. "
                     "(synthetic, not a real publication)")
        # domain judgements no better than the overall one, at least one equal to it
        level = {"low": 0, "some": 1, "high": 2}[rob]
        doms = [int(rng_meta.integers(0, level + 1)) for _ in ROB_DOMAINS]
        doms[int(rng_meta.integers(0, len(ROB_DOMAINS)))] = level
        rob_cols = {f"rob_{d}": ("low", "some", "high")[x] for d, x in zip(ROB_DOMAINS, doms)}
        for e, outcome in enumerate(outcomes):
            w = rng.normal(0, np.sqrt(t["sigma2_within"]))
            sign = np.sign(t["outcomes"][outcome])
            se_approx = np.sqrt(2 / n_arm) if design != "prepost" else np.sqrt(
                2 * (1 - t["rho_prepost"]) / n_arm)
            theta = t["outcomes"][outcome] + u + w + sign * t["small_study_slope"] * se_approx
            row = {"study": name, "effect_id": f"{s + 1:02d}-{e + 1}", "outcome": outcome,
                   "design": design, "risk_of_bias": rob, "year": year,
                   "discipline": discipline, "setting": setting, "dose": dose,
                   "timepoint": "end" if e % 2 == 0 else "follow-up",
                   "reference": reference, **rob_cols}
            if design == "prepost":
                z = rng.multivariate_normal([0, 0], [[1, t["rho_prepost"]],
                                                     [t["rho_prepost"], 1]], n_arm)
                pre = 20 + sd * z[:, 0]
                post = 20 + theta * sd + sd * z[:, 1]
                row.update(n=n_arm, mean_pre=round(float(pre.mean()), 3),
                           sd_pre=round(float(pre.std(ddof=1)), 3),
                           mean_post=round(float(post.mean()), 3),
                           sd_post=round(float(post.std(ddof=1)), 3))
                if rng.random() < 0.5:  # half the papers report the correlation
                    row["r"] = round(float(np.corrcoef(pre, post)[0, 1]), 3)
            else:
                n2 = int(max(8, round(n_arm * rng.uniform(0.8, 1.2))))
                m1, s1 = _group(rng, n_arm, 20 + theta * sd, sd)
                m2, s2 = _group(rng, n2, 20, sd)
                if rng.random() < 0.15:  # a paper that reports the effect size only
                    from ..stats.escalc import smd

                    yi, vi = smd(n_arm, m1, s1, n2, m2, s2)
                    row.update(yi=round(float(yi), 5), vi=round(float(vi), 6), measure="SMD")
                else:
                    row.update(n1=n_arm, mean1=m1, sd1=s1, n2=n2, mean2=m2, sd2=s2)
            rows.append(row)
    cols = ["study", "effect_id", "outcome", "design", "risk_of_bias", "year", "discipline",
            "setting", "dose", "timepoint", "n1", "mean1", "sd1", "n2", "mean2", "sd2", "n",
            "mean_pre", "sd_pre", "mean_post", "sd_post", "r", "yi", "vi", "measure",
            "reference", *[f"rob_{d}" for d in ROB_DOMAINS]]
    frame = pd.DataFrame(rows).reindex(columns=cols)
    for c in ("n1", "n2", "n"):
        frame[c] = frame[c].astype("Int64")
    truth = {**{k: v for k, v in t.items()}, "seed": seed, "n_studies": n_studies,
             "k": len(frame), "study_effects": study_effects}
    return frame, truth


STUDIES_PROTOCOL = """\
title: {nl: "Cultuur en gezondheid: synthetische evidentiesynthese",
        en: "Culture and health: synthetic evidence synthesis"}
language: en
intervention: {nl: Deelname aan kunst en cultuur, en: Participation in arts and culture}
model: three_level        # random | three_level (default: three_level when a study gives more than one effect)
method: REML
test: adhoc               # random-effects models: z | knha | adhoc
r: 0.5                    # pre/post correlation where a paper does not report it
r_sensitivity: [0.3, 0.5, 0.7]
moderators: [discipline, design, setting, dose]
labels:
  discipline: {nl: Kunstvorm, en: Art form}
  setting: {nl: Setting, en: Setting}
  dose: {nl: Aantal sessies, en: Number of sessions}
  design: {nl: Design, en: Design}
  music: {nl: Muziek, en: Music}
  visual_arts: {nl: Beeldende kunst, en: Visual arts}
  dance: {nl: Dans, en: Dance}
  theatre: {nl: Theater, en: Theatre}
  community: {nl: Wijk, en: Community}
  care: {nl: Zorg, en: Care}
  school: {nl: School, en: School}
  selection: {nl: Selectie en randomisatie, en: Selection and randomisation}
  deviations: {nl: Afwijkingen van de interventie, en: Deviations from the intervention}
  missing: {nl: Ontbrekende uitkomstdata, en: Missing outcome data}
  measurement: {nl: Meting van de uitkomst, en: Measurement of the outcome}
  reporting: {nl: Selectieve rapportage, en: Selective reporting}
outcomes:
  stress:
    label: {nl: Ervaren stress, en: Perceived stress}
    good_direction: lower
    mid: 0.2              # minimal important difference (standardised)
    indirectness: none
    familiar_scale: {instrument: pss10, label: PSS-10}   # SMDs in PSS-10 points (norm SD)
  wellbeing:
    label: {nl: Welbevinden, en: Wellbeing}
    good_direction: higher
    mid: 0.2
    indirectness: none
    familiar_scale: {instrument: swemwbs, label: SWEMWBS}   # SMDs in SWEMWBS points
"""


def write_studies(frame, truth, out) -> dict[str, Path]:
    """Write ``studies.csv``, ``protocol.yaml`` and ``truth.json`` into ``out`` (created)."""
    import json

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"studies.csv": out / "studies.csv", "protocol.yaml": out / "protocol.yaml",
             "truth.json": out / "truth.json"}
    frame.to_csv(paths["studies.csv"], index=False, lineterminator="\n")
    paths["protocol.yaml"].write_text(STUDIES_PROTOCOL, encoding="utf-8")
    paths["truth.json"].write_text(json.dumps(truth, indent=2) + "\n", encoding="utf-8")
    return paths


def simulate_three_level(rng, *, mu=0.3, sigma2_study=0.04, sigma2_within=0.02, n_studies=40,
                         max_effects=5):
    """One data set from the three-level model: ``(yi, vi, study)`` with known ``vi``."""
    m = rng.integers(1, max_effects + 1, n_studies)
    study = np.repeat(np.arange(n_studies), m)
    k = study.size
    vi = rng.uniform(0.01, 0.1, k)
    yi = (mu + rng.normal(0, np.sqrt(sigma2_study), n_studies)[study]
          + rng.normal(0, np.sqrt(sigma2_within), k) + rng.normal(0, np.sqrt(vi)))
    return yi, vi, study
