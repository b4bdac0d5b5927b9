"""Execute a report notebook with papermill and render it with nbconvert.

The analysis and the disclosure step run once in the calling process
(:func:`impact.report.run.analyse_and_disclose`); the notebook, run in a fresh kernel, reads only
the disclosed object (``published.json``). Its executed copy, the unsuppressed results and the
author notes go to ``internal/`` (never shared). The HTML is one self-contained file: code, prompts and
stderr are removed, figures are embedded, and no script or style is loaded from elsewhere. The PDF
is printed from that HTML by a real browser engine (headless Chromium).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from ..i18n import escape

__all__ = ["render_report", "REPORT_NOTEBOOKS", "notebook_path", "html_from_notebook", "pdf_from_html",
           "find_chromium", "write_run", "render_published", "check_formats", "FORMATS",
           "render_monitor", "engine_page", "write_page_deliverables"]

_REPO_NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

# The notebook that renders each audience's report.
REPORT_NOTEBOOKS = {"guideline": "guideline_report.ipynb", "funder": "funder_report.ipynb"}

_CSS = """
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;
border-bottom:1px solid #ccc}table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}caption{text-align:left;font-weight:bold;margin-bottom:.3rem}
img{max-width:100%}.impact-note{color:#555;font-size:.85rem}
.impact-caveat{background:#fff6e0;border-left:4px solid #E69F00;padding:.5rem .8rem}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table,img{page-break-inside:avoid}}
"""


def notebook_path(name: str) -> Path:
    """Path of a report notebook shipped inside the package (impact/notebooks/)."""
    path = _REPO_NOTEBOOKS / name
    if not path.exists():
        raise InputError(f"report notebook {name} not found in {_REPO_NOTEBOOKS}",
                         rule="impact/notebooks/ ships with the package")
    return path


def html_from_notebook(executed, title: str, lang: str = "en") -> str:
    """Self-contained HTML of an executed notebook (its path, or the notebook papermill
    returned): outputs only, no code, no stderr."""
    import copy

    import nbformat

    nb = (copy.deepcopy(executed) if isinstance(executed, dict)
          else nbformat.read(executed, as_version=4))
    # Only code outputs make the report: markdown cells are notes for notebook readers.
    nb.cells = [c for c in nb.cells if c.cell_type == "code"
                and "remove-cell" not in c.get("metadata", {}).get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    body, _ = _html_exporter().from_notebook_node(nb)
    from .deliver import print_ready_html  # A4 print, page numbers, fits 800 px

    return print_ready_html(f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head>"
            f"<body>{body}</body></html>\n", lang, mark_cells=False)


@lru_cache(maxsize=1)
def _html_exporter():
    """nbconvert's HTML exporter of the reports, one per process (a batch reuses its compiled
    templates), with Jinja's bytecode cache: a report's process loads the compiled templates
    instead of compiling them (0.13 s). The cache is Jinja's own, a folder of the user's in the
    temporary directory (mode 0700, its owner checked), keyed by each template's source."""
    from jinja2 import FileSystemBytecodeCache
    from nbconvert import HTMLExporter

    class Exporter(HTMLExporter):
        def _create_environment(self):
            environment = super()._create_environment()
            try:
                environment.bytecode_cache = FileSystemBytecodeCache()
            except RuntimeError:    # the user's cache folder is unsafe (Jinja's check): none
                pass
            return environment

    return Exporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                    exclude_output_prompt=True)


def find_chromium() -> str | None:
    """Path of a Chromium-family browser (:func:`impact.report.deliver.find_chromium`)."""
    from .deliver import find_chromium as find

    return find()


def pdf_from_html(html_path: Path, pdf_path: Path, timeout: int = 120, printer=None) -> Path:
    """Print an HTML file to an A4 PDF with page numbers (headless Chromium; see report.deliver;
    ``printer``: a running :class:`impact.report.deliver.Printer` to print with)."""
    from .deliver import pdf_from_html as _deliver_pdf

    return _deliver_pdf(html_path, pdf_path, timeout=timeout, printer=printer)


_INTERNAL_README = """\
This folder holds the analyst's material of the report one level up: the unsuppressed results
(results.json), the executed notebook, and what the protocol lacks (author-notes.txt).
These files contain small cells (groups of fewer than {n} people) and must not be shared.
The deliverable (report.html, published.json and the other files one level up) never refers here.
"""


def write_run(out, results, disclosed, *, force=False) -> dict[str, Path]:
    """Write ``published.json`` in ``out`` and the analyst's material in ``out/internal/``."""
    out = Path(out)
    internal = out / "internal"
    internal.mkdir(parents=True, exist_ok=True)
    n = disclosed["meta"]["min_cell_size"]
    written = {"published": out / "published.json", "results": internal / "results.json",
               "readme": internal / "README.txt", "notes": internal / "author-notes.txt"}
    disclosed.to_json(written["published"])
    results.to_json(written["results"])
    written["readme"].write_text(_INTERNAL_README.format(n=n), encoding="utf-8")
    notes = disclosed.internal.get("author_notes") or []
    written["notes"].write_text("".join(f"- {t}\n" for t in notes) or "nothing missing\n",
                                encoding="utf-8")
    return written


def render_report(data, protocol, out, *, audience="guideline", lang=None, formats=("html",),
                  quotes=None, codings=None, notebook=None, force=False, run=None,
                  quiet=False, printer=None, referrals=None,
                  population=None) -> dict[str, Path]:
    """Analyse, disclose and render one report into the folder ``out``.

    The analysis and the disclosure step run once, in this process; the notebook only reads the
    disclosed object (``published.json``). Layout (DESIGN.md): ``out/report.html`` (+ ``.pdf``)
    and ``out/published.json`` are the deliverable; ``out/internal/`` holds ``results.json``
    (unsuppressed), the executed notebook, a README and the author notes (what the protocol
    lacks, also printed on stderr).

    Parameters
    ----------
    data, protocol
        As for :func:`impact.analyse`: paths, a DataFrame, a dict or a Protocol.
    force : bool
        Overwrite an existing ``out/report.html``; without it that is an error.
    run : (Results, Disclosed), optional
        A run already analysed and disclosed (the demo renders four reports from one run).
    referrals, population : path, optional
        Referral records and residents per neighbourhood (issue 16): the funder report gets a
        section on reach and referrers, the guideline report's flow begins at referral; their
        counts are suppressed jointly with every other count of the run.

    formats : html, pdf, docx
        ``html`` is always written, with the one-page ``summary.html``; ``pdf`` adds
        ``report.pdf`` (A4, page numbers) and ``summary.pdf`` (one A4 page); ``docx`` adds
        ``report.docx`` (editable Word, the same content as the HTML).
    printer : impact.report.deliver.Printer, optional
        A running Chromium to print with (one per batch: the demo keeps one per worker).

    Returns the paths written: ``html``, ``summary_html``, ``published``, ``results``,
    ``notebook``, ``readme``, ``notes`` and, when asked, ``pdf``, ``summary_pdf``, ``docx``.
    """
    import sys

    from .run import analyse_and_disclose

    if audience not in ("guideline", "funder"):
        raise InputError(f"audience must be guideline or funder, got {audience!r}",
                         rule="report audience")
    formats = check_formats(formats)
    out = Path(out).resolve()
    if (out / "report.html").exists() and not force:
        raise InputError(f"{out / 'report.html'} exists; choose another folder or pass --force "
                         f"to overwrite it", file=out, rule="outputs are never overwritten")
    notebook = notebook or REPORT_NOTEBOOKS[audience]
    from contextlib import nullcontext

    # a report analysed here: its kernel starts now and boots while the analysis runs, and
    # the rendering modules are imported while this process waits (for deduce, for the kernel)
    if run is None:
        _import_in_background(_RENDER_MODULES)
    # with quotes, deduce's tables (the longest wait) start loading first, in a second process
    # (analyse_and_disclose would start it after its imports)
    from .run import deduce_ahead_for

    ahead = deduce_ahead_for(quotes, codings) if run is None else nullcontext()
    with ahead, (EarlyKernel(out) if run is None else nullcontext()) as kernel:
        results, disclosed = run if run is not None else analyse_and_disclose(
            data, protocol, quotes=quotes, codings=codings, referrals=referrals,
            population=population)
        lang = lang or results.protocol.language
        out.mkdir(parents=True, exist_ok=True)
        written = write_run(out, results, disclosed, force=force)
        if not quiet:
            for note in disclosed.internal.get("author_notes") or []:
                print(f"impact report: note for the author: {note}", file=sys.stderr)
        from .deliver import Printer

        # one browser for the report's PDF and its summary's
        with (Printer() if "pdf" in formats and printer is None else nullcontext(printer)) as p:
            written.update(render_published(out, audience=audience, lang=lang, formats=formats,
                                            notebook=notebook, title=disclosed["meta"]["title"],
                                            printer=p, kernel=kernel))
    return written


# what executing the notebook imports after the analysis: papermill (nbconvert's exporter is
# imported while the kernel runs the notebook, render_published)
_RENDER_MODULES = ("papermill", "nbformat")


def _import_in_background(modules) -> None:
    """Import ``modules`` in a daemon thread: the import runs while the main thread waits on a
    pipe or a socket (GIL released), and Python's import locks make a main-thread import of the
    same module wait for it rather than run twice."""
    import importlib
    import threading

    # jupyter_client, which the main thread imports at once (EarlyKernel) and the modules below
    # import too, first and here: a package whose __init__ and a submodule import each other can
    # be seen half-initialised by a second thread importing it at the same moment
    # ("cannot import name 'AsyncKernelManager' from partially initialized module")
    import jupyter_client.manager  # noqa: F401

    def work():
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - a warm-up import only: the main thread's own import reports it
                return

    threading.Thread(target=work, name="impact-imports", daemon=True).start()


# what every report notebook imports; the kernel imports it while it waits for its notebook
_KERNEL_WARMUP = ("import impact.disclosure.programme, impact.report.engine, impact.plots.charts, "
                  "matplotlib.figure, matplotlib.backends.backend_agg")
# start-up chatter is not the user's business, nor the "KeyboardInterrupt caught in kernel" that
# the kernel logs (at ERROR) when it is stopped after its notebook; a failing cell still reaches
# the user through papermill
_KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]
# how EarlyKernel.execute asks: stop_on_error=False, so that a failed call does not abort the
# calls after it (ipykernel answers "aborted" to what reaches it before it has finished aborting
# after an error; on a loaded machine the next call did, and a test failed at random)
_EXECUTE = {"store_history": False, "allow_stdin": False, "stop_on_error": False}


# the one-page summary, built in an early kernel after its notebook (render_published); the same
# call as the fallback in this process, on the same published.json
_SUMMARY_IN_KERNEL = """\
from impact.disclosure import Disclosed as _Disclosed
from impact.report.engine import build_summary as _build_summary
with open({path!r}, "w", encoding="utf-8") as _fh:
    _fh.write(_build_summary(_Disclosed.from_json({published!r}), {lang!r}, {audience!r}))
del _Disclosed, _build_summary, _fh
"""


def _close_thread_loop() -> None:
    """Close the event loop jupyter_client's blocking calls made for this thread, when this is
    not the main thread (``EarlyKernel.execute`` runs in a pool thread beside the export): left
    open, it was collected later with a ResourceWarning on the demo's output. A later call in
    the thread makes a new one (jupyter_core replaces a closed loop)."""
    import asyncio
    import threading

    if threading.current_thread() is threading.main_thread():
        return
    try:
        loop = asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:         # none was made for this thread
        return
    if not loop.is_running() and not loop.is_closed():
        loop.close()
    asyncio.set_event_loop(None)


class EarlyKernel:
    """A report kernel started ahead of its notebook.

    Started before the analysis, the kernel's start-up (a Python process, IPython, impact's
    report modules and matplotlib: about a second) runs on the second core while this process
    analyses; papermill then executes the notebook in it (``km=``) instead of starting its own.
    The kernel's working folder is the report folder when that exists, else the nearest
    existing folder above it (the notebook reads ``published.json`` by its absolute path).
    Shut down on leaving the ``with`` block, also when the analysis fails.
    """

    def __init__(self, out: Path):
        self.out = Path(out)
        self.km = None

    def __enter__(self):
        from jupyter_client.manager import KernelManager

        cwd = self.out
        while not cwd.is_dir() and cwd != cwd.parent:
            cwd = cwd.parent
        clients = self.clients = []

        class Manager(KernelManager):   # papermill's client is closed here, not by papermill
            def client(self, **kwargs):
                kc = super().client(**kwargs)
                clients.append(kc)
                return kc

            async def _async_wait(self, pollinterval: float = 0.005) -> None:
                # after the kill, whether the kernel has gone is asked every 5 ms, not 100 ms:
                # a report's last 0.1 s was this wait
                await super()._async_wait(pollinterval=pollinterval)

        km = Manager(kernel_name="python3",
                     client_class="impact.report._kernel_client.NoHeartbeatClient")
        km.start_kernel(cwd=str(cwd), extra_arguments=_KERNEL_ARGS + [
            f"--IPKernelApp.exec_lines={_KERNEL_WARMUP}"])
        self.km = km
        return self

    def fresh(self) -> None:
        """Ready the kernel for its next notebook: a kernel kept across the reports of a batch
        (the demo keeps one per worker) starts each notebook on an empty namespace, as a new
        kernel would (IPython's ``reset(new_session=True)``: variables, outputs and the execution
        count go; imported modules stay loaded, which is the time saved). The first notebook
        needs no reset."""
        self.uses = getattr(self, "uses", 0) + 1
        if self.uses == 1:
            return
        self.execute("get_ipython().reset(new_session=True)")

    def execute(self, code: str, timeout: float = 120) -> None:
        """Run ``code`` in the kernel outside any notebook (nothing of it reaches a notebook's
        outputs); a ``RuntimeError`` with the kernel's error name and message when it fails.

        Only the shell channel is used (a request and its reply): nothing here reads the code's
        output, and jupyter_client's ``wait_for_ready``, which listens on IOPub for 0.2 s after
        the kernel answers, would cost that on every call."""
        import time
        from queue import Empty

        from jupyter_client.blocking import BlockingKernelClient

        kc = BlockingKernelClient(**self.km.get_connection_info(session=True))
        kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        try:
            msg_id = kc.execute(code, **_EXECUTE)
            deadline = time.monotonic() + timeout
            while True:
                try:
                    reply = kc.get_shell_msg(timeout=max(0.0, deadline - time.monotonic()))
                except Empty:
                    raise RuntimeError(f"the report kernel did not answer within {timeout} s")
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
        finally:
            kc.stop_channels()
            _close_thread_loop()
        content = reply["content"]
        if content.get("status") == "aborted":
            raise RuntimeError("the report kernel aborted the call after an earlier error")
        if content.get("status") != "ok":
            raise RuntimeError(f"the report kernel failed: {content.get('ename')}: "
                               f"{content.get('evalue')}")

    def __exit__(self, *exc):
        for kc in getattr(self, "clients", ()):
            kc.stop_channels()
            kc.context.destroy(linger=0)
        if self.km is not None and self.km.has_kernel:
            self.km.shutdown_kernel(now=True)
        self.km = None
        return False


FORMATS = ("html", "pdf", "docx")


def check_formats(formats) -> tuple:
    """The formats asked for (html always), or an InputError naming the unknown ones."""
    formats = tuple(f.strip().lower() for f in formats if f and f.strip())
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise InputError(f"unknown format(s) {', '.join(unknown)}; use html, pdf and/or docx",
                         rule="report formats")
    return ("html",) + tuple(f for f in FORMATS[1:] if f in formats)


def render_published(out, *, audience, lang, formats=("html",), notebook=None, title="",
                     printer=None, kernel=None):
    """Execute the audience's notebook on ``out/published.json`` and write ``out/report.html``,
    ``out/summary.html`` (+ ``report.pdf``, ``summary.pdf``, ``report.docx`` as asked); the
    executed notebook goes to ``out/internal/``. On failure nothing that looks like a finished
    report is left behind."""
    import papermill as pm

    from ..disclosure import Disclosed
    from . import deliver
    from .engine import build_summary

    formats = check_formats(formats)
    out = Path(out).resolve()
    notebook = notebook or REPORT_NOTEBOOKS[audience]
    written = {"notebook": out / "internal" / "report.ipynb", "html": out / "report.html"}
    params = {"published": str(out / "published.json"), "language": lang, "audience": audience}
    # an EarlyKernel already running (emptied if an earlier notebook ran in it), else papermill
    # starts one in ``out``
    if kernel is not None and kernel.km is not None:
        kernel.fresh()
        started = {"km": kernel.km}
    else:
        from ._kernel_client import NoHeartbeatManager

        started = {"cwd": str(out), "extra_arguments": _KERNEL_ARGS,
                   "kernel_manager_class": NoHeartbeatManager}
    from concurrent.futures import ThreadPoolExecutor

    written["summary_html"] = out / "summary.html"
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            if "km" in started:
                summary = None
            else:   # the summary (its chart draws with matplotlib) built while the kernel runs
                summary = pool.submit(build_summary, Disclosed.from_json(out / "published.json"),
                                      lang, audience)
            # nbconvert's exporter (0.16 s to import, its templates to load) is readied while
            # this process waits for the kernel, instead of beside the analysis
            exporter = pool.submit(lambda: _html_exporter().template)
            executed = pm.execute_notebook(
                str(notebook_path(notebook)), str(written["notebook"]), parameters=params,
                progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                kernel_name="python3", **started)
            if summary is None:
                # an early kernel has imported matplotlib and the report modules for the
                # notebook: it builds the summary while this process exports the HTML, which
                # spares this process importing them again (about 0.5 s of a core)
                summary = pool.submit(kernel.execute, _SUMMARY_IN_KERNEL.format(
                    published=params["published"], lang=lang, audience=audience,
                    path=str(written["summary_html"])))
            exporter.result()
            # the notebook as papermill wrote it, without reading the file back
            written["html"].write_text(html_from_notebook(executed, title, lang),
                                       encoding="utf-8")
            # the DOCX (pandoc) converted while Chromium prints: this process waits on both
            docx = pool.submit(deliver.docx_from_html, written["html"], out / "report.docx",
                               lang=lang, title=title) if "docx" in formats else None
            html = summary.result()
            if html is not None:
                written["summary_html"].write_text(html, encoding="utf-8")
            if "pdf" in formats:
                written["pdf"] = deliver.pdf_from_html(written["html"], out / "report.pdf",
                                                       lang=lang, printer=printer)
                written["summary_pdf"] = deliver.summary_pdf(written["summary_html"],
                                                             out / "summary.pdf", lang=lang,
                                                             printer=printer)
            if docx is not None:
                written["docx"] = docx.result()
    except BaseException:
        for name in ("html", "pdf", "docx", "summary_html", "summary_pdf", "published.json"):
            path = out / name if name.endswith(".json") else written.get(name)
            if path is not None and Path(path).exists():
                Path(path).unlink()
        raise
    return written


# ---- reports rendered by the engine without a notebook (monitor) ---------------------------------

def engine_page(disclosed, lang: str, audience: str, title: str | None = None) -> str:
    """One self-contained HTML page of an engine report: the audience's sections, the
    deliverables stylesheet (:func:`impact.report.deliver.report_css`), A4 print rules."""
    from .deliver import print_ready_html
    from .engine import build_report

    meta = disclosed["meta"]
    title = title or meta.get("title") or ""
    body = build_report(disclosed, lang, audience)
    return print_ready_html(f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head>'
                            f'<meta charset="utf-8"><meta name="viewport" '
                            f'content="width=device-width, initial-scale=1">'
                            f"<title>{escape(title)}</title></head><body>{body}</body></html>\n",
                            lang)


def write_page_deliverables(out: Path, html: str, formats=("html",), lang="en",
                            printer=None) -> dict:
    """Write ``out/report.html`` and, when asked, ``report.pdf`` (Chromium) and ``report.docx``
    (pandoc with the reference document of :mod:`impact.report.deliver`). On failure nothing that
    looks like a finished report is left behind."""
    from . import deliver

    out = Path(out)
    from concurrent.futures import ThreadPoolExecutor

    written = {"html": out / "report.html"}
    try:
        written["html"].write_text(html, encoding="utf-8")
        # pandoc converts while Chromium prints (two processes; this one waits on both)
        with ThreadPoolExecutor(max_workers=1) as pool:
            docx = pool.submit(deliver.docx_from_html, written["html"], out / "report.docx",
                               lang=lang) if "docx" in formats else None
            if "pdf" in formats:
                written["pdf"] = pdf_from_html(written["html"], out / "report.pdf",
                                               printer=printer)
            if docx is not None:
                written["docx"] = docx.result()
    except BaseException:
        for name in ("report.html", "report.pdf", "report.docx", "published.json"):
            if (out / name).exists():
                (out / name).unlink()
        raise
    return written


_MONITOR_README = """\
This folder holds the analyst's material of the monitor report one level up: the unsuppressed
monitor results (monitor.json), including neighbourhood-rounds with fewer than {n} respondents.
It must not be shared. The deliverable (report.html, published.json and the other files one
level up) never refers here.
"""


def render_monitor(survey, protocol, out, *, lang=None, formats=("html",), force=False,
                   run=None, printer=None) -> dict[str, Path]:
    """Analyse a neighbourhood monitor survey, disclose it once and render its report.

    Layout as the programme reports: ``out/report.html`` (+ ``.pdf``, ``.docx``) and
    ``out/published.json`` are the deliverable; ``out/internal/`` holds ``monitor.json``
    (unsuppressed) and a README. ``run`` = ``(monitor dict, Disclosed)`` already computed (the
    demo renders both languages from one run).
    """
    import json

    from .run import monitor_and_disclose

    formats = tuple(formats)
    unknown = set(formats) - {"html", "pdf", "docx"}
    if unknown:
        raise InputError(f"unknown format(s) {', '.join(sorted(unknown))}; use html, pdf, docx",
                         rule="report formats")
    out = Path(out).resolve()
    if (out / "report.html").exists() and not force:
        raise InputError(f"{out / 'report.html'} exists; choose another folder or pass --force "
                         f"to overwrite it", file=out, rule="outputs are never overwritten")
    monitor, disclosed = run if run is not None else monitor_and_disclose(survey, protocol)
    lang = lang or disclosed["meta"].get("language") or "nl"
    internal = out / "internal"
    internal.mkdir(parents=True, exist_ok=True)
    written = {"published": out / "published.json", "results": internal / "monitor.json",
               "readme": internal / "README.txt"}
    disclosed.to_json(written["published"])
    written["results"].write_text(json.dumps(monitor, indent=1, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
    written["readme"].write_text(_MONITOR_README.format(n=disclosed["meta"]["min_respondents"]),
                                 encoding="utf-8")
    # the page is built from published.json as written, as the notebooks of the other reports do
    from ..disclosure import Disclosed

    published = Disclosed.from_json(written["published"])
    written.update(write_page_deliverables(out, engine_page(published, lang, "monitor"),
                                           formats, lang, printer=printer))
    written.update(_monitor_summary(published, out, lang, formats, printer=printer))
    return written


def _monitor_summary(published, out: Path, lang: str, formats, printer=None) -> dict:
    """The monitor's one-page summary: ``summary.html`` (+ ``summary.pdf``), from
    :func:`impact.report.monitor_sections.monitor_summary_blocks`."""
    from . import deliver
    from .engine import build_summary

    html = build_summary(published, lang, "monitor")   # the summaries' one registry
    written = {"summary_html": out / "summary.html"}
    written["summary_html"].write_text(html, encoding="utf-8")
    if "pdf" in formats:
        written["summary_pdf"] = deliver.summary_pdf(written["summary_html"],
                                                     out / "summary.pdf", lang=lang,
                                                     printer=printer)
    return written
