"""The command line: a thin face over the library.

Each command lives in ``impact/commands/<name>.py`` with ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``. Command modules import nothing heavy at module level, so ``impact --help``
answers at once. Invalid input or arguments: one message per problem on stderr naming file, row
and column, exit code 2, no traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from ._version import __version__
from .errors import InputError

COMMANDS = ("demo", "instruments", "synth", "score", "reliability", "validate", "analyse",
            "agreement", "report", "plan", "qda", "deidentify", "referrals", "monitor",
            "synthesise")

EXIT_OK, EXIT_INPUT = 0, 2

# libraries that log at INFO/DEBUG during a report run (papermill logs every cell's source, the
# Jupyter client every connection); quiet unless --verbose
QUIET_LOGGERS = ("deduce", "docdeid", "papermill", "traitlets", "nbconvert", "nbclient",
                 "jupyter_client", "asyncio", "matplotlib", "PIL", "fontTools", "numexpr")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 too; keep its usage line, our wording
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"impact: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="impact", description="Evidence from culture-in-health programmes: "
                     "score instruments, analyse pre/post data, code quotes, render reports.")
    parser.add_argument("--version", action="version", version=f"impact {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"impact.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"impact.commands.{name}":
                continue  # command not built yet
            raise
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.add_argument("--verbose", action="store_true",
                         help="also print the log lines (INFO, DEBUG) of impact and the libraries "
                              "it uses, on stderr")
        cmd.set_defaults(_run=module.run)
    return parser


def setup_logging(verbose: bool = False) -> None:
    """Log lines go to stderr, and only warnings unless ``verbose``: stdout holds the command's own
    lines.

    Called before a command imports anything: a root handler is in place, so the
    ``logging.basicConfig(stream=sys.stdout, level=DEBUG)`` that deduce runs at import does
    nothing (``basicConfig`` leaves a configured root alone). The loggers of
    :data:`QUIET_LOGGERS` are set to WARNING as well, for libraries that lower their own level.
    """
    import logging

    class StderrHandler(logging.StreamHandler):
        """Writes to ``sys.stderr`` as it is when a line is logged (tests replace it)."""

        stream = property(lambda self: sys.stderr, lambda self, value: None)

    root = logging.getLogger()
    if not any(getattr(h, "_impact", False) for h in root.handlers):
        handler = StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:%(name)s: %(message)s"))
        handler._impact = True
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET if verbose else logging.WARNING)


def report_problems(exc: InputError) -> None:
    for problem in exc.problems:
        print(f"impact: {problem}", file=sys.stderr)


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_INPUT
    setup_logging(getattr(args, "verbose", False))
    try:
        return int(args._run(args) or EXIT_OK)
    except InputError as exc:
        report_problems(exc)
        return EXIT_INPUT
    except BrokenPipeError:  # output piped into head and closed early
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    finally:
        if "impact.commands._output" in sys.modules:  # outputs a command still holds
            sys.modules["impact.commands._output"].release_all()


def entry() -> int:
    """The ``impact`` command: :func:`main`, then the process ends.

    Before the interpreter's own shutdown the cyclic garbage collector is frozen: at exit it
    would traverse every object of the run (pandas, matplotlib, the report's modules) several
    times, about half a second spent on memory the operating system reclaims anyway.

    OpenBLAS's idle threads stop spinning almost at once (``OPENBLAS_THREAD_TIMEOUT=4``, unless
    set; read when NumPy loads, so set here first, and inherited by the report kernels and the
    demo's workers): after each product its threads otherwise spin for about 2^28 cycles waiting
    for the next, which on a shared 2-core machine took a third of the analysis' CPU time from
    its own work and from its worker processes. The number of threads, and so every number,
    stays the same.
    """
    import os

    os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")
    code = main()
    import gc

    gc.freeze()
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(entry())
