"""A run, from inputs to the one disclosed object the reports read.

``analyse`` (floor 4, :mod:`impact.studies`) -> ``disclose`` (floor 5, :mod:`impact.disclosure`)
-> the report pipeline (:mod:`impact.report.render`). These helpers only chain the two steps; the
analysis reads every file, the disclosure step decides what may be published, and the report
reads the disclosed object alone.
"""

from __future__ import annotations

__all__ = ["analyse_and_disclose", "monitor_and_disclose", "demo_disclosed", "deduce_ahead_for"]


def analyse_and_disclose(data, protocol, *, quotes=None, codings=None, pseudonym_key=None,
                         referrals=None, population=None):
    """Analyse once and disclose once: returns ``(results, disclosed)``.

    ``data`` and ``protocol`` take what :func:`impact.analyse` takes (paths, a DataFrame, a dict
    or a Protocol); ``quotes`` and ``codings`` paths or frames, read and pseudonymised (with the
    run's key, inside this process only) by the analysis.
    """
    from ..disclosure import disclose
    from ..io.pseudonym import resolve_key
    from ..protocol import as_protocol
    from ..studies.programme import analyse

    protocol = as_protocol(protocol)
    key = resolve_key(pseudonym_key)
    with_quotes = _with_quotes(quotes, codings)

    def run():
        results = analyse(data, protocol, pseudonym_key=key, referrals=referrals,
                          population=population, quotes=quotes if with_quotes else None,
                          codings=codings if with_quotes else None)
        return results, disclose(results)

    if with_quotes:
        from ..qual.deid import deduce_ahead

        with deduce_ahead():    # deduce loads in a thread while the analysis runs
            return run()
    return run()


def _with_quotes(quotes, codings) -> bool:
    return (quotes is not None and codings is not None and str(quotes) != ""
            and str(codings) != "")


def deduce_ahead_for(quotes, codings):
    """A context in which deduce loads in a thread when the run has quotes to
    de-identify (:func:`impact.qual.deid.deduce_ahead`), else one that does nothing. A report
    enters it first, so the longest wait starts before the kernel and the analysis's imports;
    :func:`analyse_and_disclose` inside it starts nothing more."""
    from contextlib import nullcontext

    if not _with_quotes(quotes, codings):
        return nullcontext()
    from ..qual.deid import deduce_ahead

    return deduce_ahead()


def monitor_and_disclose(survey, protocol):
    """Analyse a monitor survey once and disclose it once: ``(monitor dict, Disclosed)``."""
    from ..disclosure import disclose_monitor_results
    from ..protocol import as_protocol
    from ..studies.monitor import analyse_monitor

    protocol = as_protocol(protocol)
    monitor = analyse_monitor(survey, protocol).to_dict()
    return monitor, disclose_monitor_results(monitor, protocol)


def demo_disclosed(audience: str = "funder"):
    """The disclosed object of a demo run on synthetic data (no real participant): Kunst op
    Recept with its quotes and referrals for the programme reports, Wijzer in de Wijk for the
    monitor. What a report notebook opened as shipped renders."""
    import tempfile
    from pathlib import Path

    from ..synth import synthesise, write_cohort

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if audience == "monitor":
            write_cohort(synthesise("wijzer-in-de-wijk", 1), folder)
            return monitor_and_disclose(folder / "responses.csv", folder / "protocol.yaml")[1]
        write_cohort(synthesise("kunst-op-recept", 1), folder)
        return analyse_and_disclose(folder / "responses.csv", folder / "protocol.yaml",
                                    quotes=folder / "quotes.csv", codings=folder / "codings.csv",
                                    referrals=folder / "referrals.csv",
                                    pseudonym_key="demo-notebook-key-0123456789")[1]
