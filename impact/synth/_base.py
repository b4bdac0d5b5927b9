"""The synthetic cohort container and its writer, shared by every generator (its own module so the
generators import it and not each other)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


_TRUTH_POPULATION = 200_000


_TRUTH_SEED = 20_261_123


@dataclass
class Cohort:
    """A synthetic programme: responses, referrals, protocol and the planted truth."""

    programme: str
    seed: int
    responses: "object"  # pandas.DataFrame
    referrals: "object"
    protocol: dict
    truth: dict
    extra: dict = field(default_factory=dict)


def write_cohort(cohort: Cohort, out) -> dict[str, Path]:
    """Write a cohort as responses.csv, referrals.csv, protocol.yaml and truth.json in ``out``."""
    import yaml

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / name for name in ("responses.csv", "referrals.csv", "protocol.yaml",
                                           "truth.json")}
    cohort.responses.to_csv(paths["responses.csv"], index=False, lineterminator="\n")
    cohort.referrals.to_csv(paths["referrals.csv"], index=False, lineterminator="\n")
    paths["protocol.yaml"].write_text(
        "# Synthetic protocol written by `impact synth`; no real participant data.\n"
        + yaml.safe_dump(cohort.protocol, sort_keys=False, allow_unicode=True), encoding="utf-8")
    paths["truth.json"].write_text(json.dumps(cohort.truth, indent=2) + "\n", encoding="utf-8")
    for name, frame in cohort.extra.items():
        paths[name] = out / name
        frame.to_csv(paths[name], index=False, lineterminator="\n")
    return paths
