"""The demo: synthetic cohorts of the seed programmes, rendered into evidence reports."""

from __future__ import annotations

from pathlib import Path

__all__ = ["run_demo", "DEMO_REPORTS"]

# (programme, audience, language) of every demo report.
DEMO_REPORTS = (("kunst-op-recept", "guideline", "nl"), ("kunst-op-recept", "guideline", "en"))


def run_demo(out="reports/demo", *, seed: int = 1, formats=("html",)) -> list[Path]:
    """Write each programme's synthetic data and render its reports; returns the report paths."""
    from .report import render_report
    from .synth import synthesise, write_cohort

    out = Path(out)
    written = []
    data_paths = {}
    for programme, audience, lang in DEMO_REPORTS:
        if programme not in data_paths:
            data_paths[programme] = write_cohort(synthesise(programme, seed),
                                                 out / programme / "data")
        paths = data_paths[programme]
        target = out / programme / f"{audience}-{lang}"
        result = render_report(paths["responses.csv"], paths["protocol.yaml"], target,
                               audience=audience, lang=lang, formats=formats)
        written.append(result["html"])
    return written
