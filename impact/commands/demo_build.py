"""The demo: synthetic cohorts of the seed programmes, rendered into evidence reports.

Each programme is analysed and disclosed once; its four reports (two audiences, two languages)
are rendered from that one disclosed object, so they hide the same cells. Programmes run in
parallel worker processes, and an index page links every report.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

__all__ = ["run_demo", "DEMO_REPORTS", "DEMO_FORMATS", "demo_index", "EXTRA_REPORTS"]

# Issue 24: a programme with a comparison pool and planted confounding (the lonelier are
# referred): its reports carry the controlled section beside the naive change.
COMPARISON = "samen-zingen-vergelijking"
PROGRAMMES = ("kunst-op-recept", "in-beeld", "welzijn-op-recept", COMPARISON)
AUDIENCES = ("guideline", "funder")
LANGUAGES = ("nl", "en")
# (programme, audience, language) of every demo report: the three seed programmes and the
# comparison cohort, both audiences, both languages.
DEMO_REPORTS = tuple((p, a, lang) for p in PROGRAMMES for a in AUDIENCES for lang in LANGUAGES)
# Issue 16: the programme whose reports include its referral records (funder: reach and
# referrers; guideline: the flow begins at referral), and the neighbourhood monitor report.
REFERRAL_PROGRAMMES = ("kunst-op-recept", "welzijn-op-recept")
MONITOR = "wijzer-in-de-wijk"
# Issue 17: the evidence synthesis of the synthetic study set, in both languages.
SYNTHESIS = "synthesis"
# (folder, audience, language) of the monitor and synthesis reports.
EXTRA_REPORTS = tuple((f"{MONITOR}/monitor-{lang}", "monitor", lang) for lang in LANGUAGES) + tuple(
    (f"{SYNTHESIS}/{lang}", "synthesis", lang) for lang in LANGUAGES)


def _disclose_programme(job):
    """Write one programme's synthetic data, analyse and disclose it once; write the run into
    its four report folders. Returns its title."""
    from ..qual.deid import deduce_ahead
    from ..report.render import write_run
    from ..report.run import analyse_and_disclose
    from ..synth import synthesise, write_cohort

    programme, seed, target = job
    paths = write_cohort(synthesise(programme, seed), target / "data")
    if paths.get("quotes.csv"):
        # deduce loads once per worker, in a thread, for the quotes of all its programmes
        _kept("deduce", deduce_ahead)
    referrals = paths.get("referrals.csv") if programme in REFERRAL_PROGRAMMES else None
    results, disclosed = analyse_and_disclose(
        paths["responses.csv"], paths["protocol.yaml"], quotes=paths.get("quotes.csv"),
        codings=paths.get("codings.csv"), referrals=referrals)
    for audience in AUDIENCES:
        for lang in LANGUAGES:
            write_run(target / f"{audience}-{lang}", results, disclosed)
    return disclosed["meta"]["title"]


# A worker keeps one report kernel (emptied between notebooks, EarlyKernel.fresh) and one Chromium
# for every report it renders; both close when the worker ends (multiprocessing runs Finalize
# callbacks at a worker's exit) or, without workers, at the end of run_demo.
_KEPT: dict = {}


def _kept(name, make):
    if name not in _KEPT:
        from multiprocessing import util

        tool = make()
        tool.__enter__()
        _KEPT[name] = tool
        util.Finalize(None, _close_kept, args=(name,), exitpriority=10)
    return _KEPT[name]


def _kept_printer(formats):
    """The worker's kept Chromium when PDF is asked, else None."""
    from ..report.deliver import Printer

    return _kept("printer", Printer) if "pdf" in formats else None


def _close_kept(name=None) -> None:
    for key in [name] if name else list(_KEPT):
        tool = _KEPT.pop(key, None)
        if tool is not None:
            tool.__exit__(None, None, None)


def _render_one(job):
    """Render one report from its folder's published.json with the worker's kept kernel and,
    when PDF is asked, its kept Chromium."""
    from ..report.render import EarlyKernel, render_published

    target, audience, lang, formats, title = job
    _close_kept("deduce")   # its lookup tables (about 1.2 GB) are not needed to render
    kernel = _kept("kernel", lambda: EarlyKernel(target.parent.parent))
    printer = _kept_printer(formats)
    return render_published(target, audience=audience, lang=lang, formats=formats, title=title,
                            printer=printer, kernel=kernel)["html"]


def _monitor_reports(job):
    """Write the neighbourhood monitor's synthetic survey, analyse and disclose it once; render
    its nl and en reports."""
    from ..report.render import render_monitor
    from ..report.run import monitor_and_disclose
    from ..synth import synthesise, write_cohort

    seed, out, formats = job
    paths = write_cohort(synthesise(MONITOR, seed), out / "data")
    run = monitor_and_disclose(paths["responses.csv"], paths["protocol.yaml"])
    printer = _kept_printer(formats)
    return [render_monitor(None, None, out / f"monitor-{lang}", lang=lang, formats=formats,
                           force=True, run=run, printer=printer)["html"] for lang in LANGUAGES]


def _synthesis_reports(job):
    """Synthesise the synthetic study set once; render its nl and en reports."""
    import shutil

    from ..report.synthesis_sections import render_synthesis
    from ..studies.synthesis import load_synthesis_protocol, synthesise_evidence

    studies, protocol, out, formats = job
    result = synthesise_evidence(studies, load_synthesis_protocol(protocol))
    printer = _kept_printer(formats)
    written = []
    for i, lang in enumerate(LANGUAGES):
        target = out / lang
        if target.exists():  # the demo folder is the package's own output: re-rendered
            shutil.rmtree(target)
        # the synthesis notes are printed once, not once per language
        written.append(render_synthesis(result, target, lang=lang, formats=formats,
                                        printer=printer, announce=i == 0)["html"])
    return written


def _index(out: Path, reports: list[tuple[str, str, str, Path]]) -> Path:
    """reports/demo/index.html in Dutch and English, linking each report's deliverables."""
    import html as _html
    import re

    from ..report.deliver import write_index

    entries = []
    for programme, audience, lang, path in reports:
        path = Path(path)
        found = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)
        title = _html.unescape(found.group(1)).strip() if found else programme
        folder = path.parent
        entries.append({"title": title, "audience": audience, "lang": lang, "html": path,
                        "pdf": folder / "report.pdf", "docx": folder / "report.docx",
                        "summary_html": folder / "summary.html",
                        "summary_pdf": folder / "summary.pdf"})
    return write_index(out, entries)


DEMO_FORMATS = ("html", "pdf", "docx")


def run_demo(out="reports/demo", *, seed: int = 1, formats=DEMO_FORMATS, workers=None,
             force: bool = True) -> list[Path]:
    """Write each programme's synthetic data and render its reports; returns the report paths.

    The demo folder is the package's own output and is re-rendered on each run (``force``)."""

    out = Path(out).resolve()
    if not force:
        for programme, audience, lang in DEMO_REPORTS:
            existing = out / programme / f"{audience}-{lang}" / "report.html"
            if existing.exists():
                from ..errors import InputError

                raise InputError(f"{existing} exists; pass --force to overwrite",
                                 rule="outputs are never overwritten")
    # each worker writes the synthetic data it analyses (the monitor's survey takes 2 s)
    jobs = [(programme, seed, out / programme) for programme in PROGRAMMES]
    from ..synth.studies import synthesise_studies, write_studies

    study_paths = write_studies(*synthesise_studies(seed), out / SYNTHESIS / "data")
    extra_formats = tuple(f for f in formats if f in ("html", "pdf", "docx"))
    workers = max(1, min(workers or os.cpu_count() or 1, len(DEMO_REPORTS)))
    monitor_job = (seed, out / MONITOR, extra_formats)
    synthesis_job = (study_paths["studies.csv"], study_paths["protocol.yaml"], out / SYNTHESIS,
                     extra_formats)

    def render_jobs(programme, title):
        return [(out / programme / f"{a}-{lang}", a, lang, tuple(formats), title)
                for p, a, lang in DEMO_REPORTS if p == programme]

    written = {}
    if workers == 1:
        try:
            for programme, job in zip(PROGRAMMES, jobs):
                title = _disclose_programme(job)
                for rjob in render_jobs(programme, title):
                    written[rjob[0]] = _render_one(rjob)
            extra = _monitor_reports(monitor_job) + _synthesis_reports(synthesis_job)
        finally:
            _close_kept()
    else:
        # every task goes to the first free worker, the longest (the synthesis) first; a
        # programme's four reports are queued as soon as its disclosure is written
        from concurrent.futures import FIRST_COMPLETED, wait

        with ProcessPoolExecutor(max_workers=workers) as pool:
            synthesis = pool.submit(_synthesis_reports, synthesis_job)
            disclosing = {pool.submit(_disclose_programme, job): programme
                          for programme, job in zip(PROGRAMMES, jobs)}
            monitor = pool.submit(_monitor_reports, monitor_job)
            rendering = {}
            while disclosing:
                done, _ = wait(disclosing, return_when=FIRST_COMPLETED)
                for future in done:
                    programme = disclosing.pop(future)
                    for rjob in render_jobs(programme, future.result()):
                        rendering[rjob[0]] = pool.submit(_render_one, rjob)
            written = {target: future.result() for target, future in rendering.items()}
            extra = monitor.result() + synthesis.result()
    written = [written[out / p / f"{a}-{lang}"] for p, a, lang in DEMO_REPORTS]
    _index(out, [(p, a, lang, path) for (p, a, lang), path in zip(DEMO_REPORTS, written)]
           + [(folder, a, lang, path) for (folder, a, lang), path in zip(EXTRA_REPORTS, extra)])
    return written + extra


def demo_index(out="reports/demo") -> Path:
    """The index page the demo writes (open it in a browser)."""
    return Path(out).resolve() / "index.html"
