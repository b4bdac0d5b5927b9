"""The demo: synthetic cohorts of the seed programmes, rendered into evidence reports.

Reports are rendered in parallel worker processes (each runs its own kernel), and an index page
links them all.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

__all__ = ["run_demo", "DEMO_REPORTS"]

PROGRAMMES = ("kunst-op-recept", "in-beeld", "welzijn-op-recept")
AUDIENCES = ("guideline", "funder")
LANGUAGES = ("nl", "en")
# (programme, audience, language) of every demo report: all three seed programmes, both
# audiences, both languages.
DEMO_REPORTS = tuple((p, a, lang) for p in PROGRAMMES for a in AUDIENCES for lang in LANGUAGES)


def _render(job):
    from .report import render_report

    data, protocol, quotes, codings, target, audience, lang, formats = job
    return render_report(data, protocol, target, audience=audience, lang=lang, formats=formats,
                         quotes=quotes, codings=codings)["html"]


def _index(out: Path, reports: list[tuple[str, str, str, Path]]) -> Path:
    from .report.text import escape

    items = "".join(
        f'<li><a href="{escape(path.relative_to(out).as_posix())}">{escape(programme)}: '
        f"{escape(audience)} ({escape(lang)})</a></li>" for programme, audience, lang, path in reports)
    page = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>impact demo'
            '</title></head><body><h1>impact demo reports</h1><p>Synthetic cohorts with a planted '
            f"truth; no real participant data.</p><ul>{items}</ul></body></html>\n")
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def run_demo(out="reports/demo", *, seed: int = 1, formats=("html",), workers=None) -> list[Path]:
    """Write each programme's synthetic data and render its reports; returns the report paths."""
    from .synth import synthesise, write_cohort

    out = Path(out).resolve()
    data_paths = {}
    jobs = []
    for programme, audience, lang in DEMO_REPORTS:
        if programme not in data_paths:
            data_paths[programme] = write_cohort(synthesise(programme, seed),
                                                 out / programme / "data")
        paths = data_paths[programme]
        jobs.append((paths["responses.csv"], paths["protocol.yaml"], paths.get("quotes.csv"),
                     paths.get("codings.csv"), out / programme / f"{audience}-{lang}", audience, lang, tuple(formats)))
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            written = list(pool.map(_render, jobs))
    else:
        written = [_render(job) for job in jobs]
    _index(out, [(p, a, lang, path) for (p, a, lang), path in zip(DEMO_REPORTS, written)]
           + _synthesis_demo(out, seed))
    return written


def _synthesis_demo(out: Path, seed: int) -> list[tuple[str, str, str, Path]]:
    """The evidence synthesis of the synthetic study set (``impact synth --programme studies``),
    rendered as HTML in both languages into ``out/synthesis/``."""
    from .synth.studies import synthesise_studies, write_studies
    from .synthesis import render_synthesis, synthesise_evidence

    paths = write_studies(*synthesise_studies(seed), out / "synthesis" / "data")
    result = synthesise_evidence(paths["studies.csv"], paths["protocol.yaml"])
    return [("evidence synthesis", "guideline", lang,
             render_synthesis(result, out / "synthesis" / f"report-{lang}", lang=lang)["html"])
            for lang in LANGUAGES]
