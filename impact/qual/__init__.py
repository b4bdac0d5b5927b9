"""Qualitative strand: quotes, codebooks, agreement between coders, analysis, de-identification.

Works on frames and files only; knows nothing of protocols or reports.

Typical use in a notebook::

    import impact
    quotes = impact.read_quotes("quotes.csv")           # quote_id, participant_id, wave, source,
                                                        # role, text (validated, InputError)
    codebook = impact.default_codebook()                # Positive Health + programme themes
    codings = impact.read_codings("codings.csv", quotes=quotes, codebook=codebook)

    agreement = impact.coding_agreement(codings, units=quotes["quote_id"])
    agreement.to_dict()["krippendorff_alpha"], agreement.to_frame()      # per code
    impact.coding_disagreements(codings, quotes)        # for the consensus meeting

    impact.krippendorff_alpha(table, "ordinal")         # units in rows, coders in columns
    impact.cohen_kappa(coder_a, coder_b)                # = psych::cohen.kappa(cbind(a, b))

    matrix = impact.code_matrix(codings, quotes)        # participant_id x code, 0/1
    impact.code_frequencies(codings, quotes)            # by wave, role, site
    impact.code_cooccurrence(codings)
    impact.exemplar_quotes(quotes, codings, lang="en")  # code, text, role, wave; de-identified

    codebook.to_qdc("codebook.qdc")                     # REFI-QDA for ATLAS.ti, MAXQDA, NVivo
    quotes, codings, codebook = impact.read_qdpx("project.qdpx")
    quotes, codings = impact.read_taguette("highlights.csv", coder="A")
    quotes, codings = impact.read_qualcoder("coding_report.xlsx")
    quotes, codings, codebook = impact.qual.read_export("export.csv")   # any tool, detected

    names = impact.qual.load_names("names.csv")         # kind,name: participant, neighbourhood...
    impact.qual.deidentify(quotes["text"], names)       # deduce + the data's names
    impact.qual.publishable(text, names)                # may this quote appear in a report?

Spreadsheets written by :func:`impact.qual.quotes.write_sheet` neutralise formula-like cells.
"""

# REFI-QDA registers its codebook reader and writer in codebook.FORMATS when imported (codebook
# cannot import it: refi builds on codebook)
from . import refi as _refi  # noqa: F401
# de-identification's rule modules (seventh round on) import their helpers from deid and register
# their rules there when imported, in this order (deid cannot import them: they build on it)
from . import _deid_names, _deid_places, _deid_institutions, _deid_ages  # noqa: F401, E402

# every public name and the module that defines it: imported on first use (PEP 562), so that
# importing one module of the package (a report's quote reading) does not import them all
_WHERE = {
    "AgreementResult": "agreement", "AlphaResult": "agreement", "KappaResult": "agreement",
    "coding_agreement": "agreement", "coding_disagreements": "agreement",
    "cohen_kappa": "agreement", "krippendorff_alpha": "agreement",
    "reliability_matrix": "agreement",
    "code_cooccurrence": "analysis", "code_frequencies": "analysis", "code_matrix": "analysis",
    "exemplar_quotes": "analysis", "unit_codes": "analysis",
    "Code": "codebook", "Codebook": "codebook", "codebook_from_yaml": "codebook",
    "default_codebook": "codebook", "load_codebook": "codebook",
    "deidentify": "deid", "dutch_first_names": "deid", "find_identifiers": "deid",
    "load_names": "deid", "publishable": "deid",
    "detect_export": "imports", "read_export": "imports", "read_qc": "imports",
    "read_qualcoder": "imports", "read_taguette": "imports",
    "CODING_COLUMNS": "quotes", "QUOTE_COLUMNS": "quotes", "QUOTE_SOURCES": "quotes",
    "SPEAKER_ROLES": "quotes", "read_codings": "quotes", "read_quotes": "quotes",
    "safe_cell": "quotes", "write_sheet": "quotes",
    "codebook_to_qdc": "refi", "read_qdc": "refi", "read_qdpx": "refi",
    "select_quotes": "select",
}

__all__ = [
    # agreement
    "krippendorff_alpha", "cohen_kappa", "coding_agreement", "coding_disagreements",
    "reliability_matrix", "AlphaResult", "KappaResult", "AgreementResult",
    # quotes and codings
    "read_quotes", "read_codings", "QUOTE_COLUMNS", "CODING_COLUMNS", "QUOTE_SOURCES",
    "SPEAKER_ROLES",
    # codebooks and REFI-QDA
    "Codebook", "load_codebook", "default_codebook", "codebook_from_yaml",
    "codebook_to_qdc", "read_qdc", "read_qdpx", "read_taguette", "read_qualcoder", "read_qc",
    "read_export", "detect_export",
    # analysis
    "unit_codes", "code_frequencies", "code_cooccurrence", "code_matrix", "exemplar_quotes",
    # de-identification
    "deidentify", "dutch_first_names", "find_identifiers", "load_names", "publishable",
    # which quotes a report shows
    "select_quotes",
]


def __getattr__(name):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
