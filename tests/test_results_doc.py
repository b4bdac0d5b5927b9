"""docs/results.md documents every key that ``impact analyse`` writes, so it cannot fall behind.

The analysis runs (through the command line) on the committed Kunst op Recept cohort and on two
cohorts built here: three waves at three sites with PSS-10 and K10 items and a background column
(models, pooled, sites, subgroups, reliable change with a cut-off), and the same with two arms
(controlled). Every key path of the results JSON (``outcomes.hl_ci``,
``flow.row_ledger.duplicate``, ...; lists are looked through) must appear in backticks in the
doc, and every key the doc marks as the DESIGN.md contract must really be emitted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from .conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "results.md"
MAPS = ("provenance.files",)  # keys are file paths, not names to document


def build_cohort(out: Path, *, arms: bool = False, seed: int = 7, n: int = 90):
    """A synthetic 3-wave, 3-site cohort (PSS-10 and K10 items); ``arms`` adds two groups."""
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    ids = [f"S{i:03d}" for i in range(n)]
    site = rng.choice(["Leiden", "Utrecht", "Zwolle"], size=n)
    group = rng.choice(["programme", "waitlist"], size=n)
    age = rng.choice(["18-44", "45-64", "65+"], size=n)
    theta = rng.normal(2.1, 0.6, size=n)
    frames = []
    for wave, shift in (("T0", 0.0), ("T1", -0.3), ("T2", -0.45)):
        latent = theta + (shift * (group == "programme") if arms else shift)
        pss = np.clip(np.round(latent[:, None] + rng.normal(0, 0.7, (n, 10))), 0, 4)
        pss[:, [3, 4, 6, 7]] = 4 - pss[:, [3, 4, 6, 7]]  # positively worded items
        k10 = np.clip(np.round(latent[:, None] + rng.normal(0, 0.7, (n, 10))), 1, 5)
        frame = pd.DataFrame(np.hstack([pss, k10]).astype(int),
                             columns=[f"pss10_{i}" for i in range(1, 11)]
                             + [f"k10_{i}" for i in range(1, 11)])
        frame.insert(0, "wave", wave)
        frame.insert(0, "participant_id", ids)
        frame["site"], frame["age_group"] = site, age
        if arms:
            frame["group"] = group
        keep = np.ones(n, bool) if wave == "T0" else rng.random(n) > 0.12
        frames.append(frame[keep])
    pd.concat(frames, ignore_index=True).to_csv(out / "responses.csv", index=False)
    protocol = {"title": "Synthetic three-wave cohort", "language": "en",
                "waves": ["T0", "T1", "T2"], "baseline": "T0", "followup": "T2",
                "instruments": ["pss10", "k10"], "primary_outcome": "pss10_score",
                "background": ["age_group"], "seed": 1,
                "design": "controlled" if arms else "waves"}
    (out / "protocol.yaml").write_text(yaml.safe_dump(protocol, sort_keys=False),
                                       encoding="utf-8")
    return out / "responses.csv", out / "protocol.yaml"


def key_paths(obj, prefix=""):
    """Dotted paths of every key (lists are looked through)."""
    paths = set()
    if isinstance(obj, dict):
        for key, value in obj.items():
            path = f"{prefix}.{key}" if prefix else key
            paths.add(path)
            if path not in MAPS:
                paths |= key_paths(value, path)
    elif isinstance(obj, list):
        for value in obj:
            paths |= key_paths(value, prefix)
    return paths


def comparison_cohorts(base: Path) -> dict:
    """The synthetic programme with a comparison pool (issue 24): weighting as shipped, and
    matching 1:2 with a caliper."""
    from impact.synth import synthesise, write_cohort

    folder = base / "comparison"
    write_cohort(synthesise("samen-zingen-vergelijking", 1), folder)
    spec = yaml.safe_load((folder / "protocol.yaml").read_text(encoding="utf-8"))
    spec["comparison"].update(method="matching", ratio=2, caliper=0.2)
    (folder / "protocol_matching.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    return {"comparison-weighting": (folder / "responses.csv", folder / "protocol.yaml"),
            "comparison-matching": (folder / "responses.csv", folder / "protocol_matching.yaml")}


@pytest.fixture(scope="module")
def emitted(kor_dir, tmp_path_factory):
    base = tmp_path_factory.mktemp("resultsdoc")
    inputs = {"kunst-op-recept": (kor_dir / "responses.csv", kor_dir / "protocol.yaml"),
              "waves": build_cohort(base / "waves"),
              "arms": build_cohort(base / "arms", arms=True),
              **comparison_cohorts(base)}
    out = {}
    for name, (data, protocol) in inputs.items():
        target = base / f"{name}.json"
        run_cli("analyse", data, "--protocol", protocol, "--output", target, check=True)
        out[name] = json.loads(target.read_text(encoding="utf-8"))
    return out


def documented():
    """Key paths named in the doc's tables: first cell in backticks, with the status column."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*`([A-Za-z_0-9.]+)`\s*\|\s*(contract|extension)\s*\|", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


def test_every_emitted_key_is_documented(emitted):
    paths = set().union(*(key_paths(d) for d in emitted.values()))
    missing = sorted(paths - set(documented()))
    assert not missing, f"keys emitted by impact analyse but not in docs/results.md: {missing}"


def test_the_cohorts_exercise_the_optional_blocks(emitted):
    waves, arms = emitted["waves"], emitted["arms"]
    assert waves["models"] and waves["pooled"] and waves["sites"] and waves["subgroups"]
    assert arms["controlled"] and not waves["controlled"]
    assert any("rci_recovered" in o for o in waves["outcomes"])  # K10 has a cut-off
    assert emitted["kunst-op-recept"]["flow"]["excluded"]


def test_contract_keys_are_emitted(emitted):
    paths = set().union(*(key_paths(d) for d in emitted.values()))
    contract = {k for k, status in documented().items() if status == "contract"}
    assert len(contract) > 30
    assert contract <= paths, sorted(contract - paths)


def test_doc_has_no_stale_keys(emitted):
    paths = set().union(*(key_paths(d) for d in emitted.values()))
    stale = sorted(set(documented()) - paths)
    assert not stale, f"docs/results.md documents keys impact analyse no longer writes: {stale}"


# The "Results JSON" section of DESIGN.md (the shared contract, outside this repository).
DESIGN_CONTRACT = (
    ["outcomes", "models", "pooled", "flow", "provenance", "notes"]
    + [f"outcomes.{k}" for k in (
        "outcome baseline followup n_paired mean_baseline sd_baseline mean_followup sd_followup "
        "mean_change ci_low ci_high t df p p_adjusted d_z d_z_ci d_av g_av g_av_ci wilcoxon_p "
        "rci_improved rci_unchanged rci_deteriorated rci_recovered").split()]
    + [f"models.{k}" for k in "outcome term estimate se ci_low ci_high p".split()]
    + [f"pooled.{k}" for k in ("outcome k estimate se ci_low ci_high tau2 i2 prediction_low "
                               "prediction_high method").split()]
    + [f"flow.{k}" for k in "enrolled with_baseline with_followup paired excluded".split()]
    + [f"provenance.{k}" for k in "version files protocol_sha256 seed".split()])


def test_design_contract_marked_as_contract():
    doc = documented()
    wrong = [k for k in DESIGN_CONTRACT if doc.get(k) != "contract"]
    assert not wrong, wrong
