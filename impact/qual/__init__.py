"""Qualitative strand: quotes, codebooks, agreement between coders, analysis, de-identification.

Works on frames and files only; knows nothing of protocols or reports.
"""

from .agreement import (AgreementResult, AlphaResult, KappaResult, coding_agreement,
                        coding_disagreements, cohen_kappa, krippendorff_alpha, reliability_matrix)
from .analysis import (code_cooccurrence, code_frequencies, code_matrix, exemplar_quotes,
                       unit_codes)
from .codebook import Code, Codebook, codebook_from_yaml, default_codebook, load_codebook
from .deid import deidentify, dutch_first_names
from .imports import read_qualcoder, read_taguette
from .quotes import (CODING_COLUMNS, QUOTE_COLUMNS, QUOTE_SOURCES, SPEAKER_ROLES, read_codings,
                     read_quotes, safe_cell, write_sheet)
from .refi import codebook_to_qdc, read_qdc, read_qdpx

__all__ = [
    # agreement
    "krippendorff_alpha", "cohen_kappa", "coding_agreement", "coding_disagreements",
    "reliability_matrix", "AlphaResult", "KappaResult", "AgreementResult",
    # quotes and codings
    "read_quotes", "read_codings", "QUOTE_COLUMNS", "CODING_COLUMNS", "QUOTE_SOURCES",
    "SPEAKER_ROLES",
    # codebooks and REFI-QDA
    "Codebook", "load_codebook", "default_codebook", "codebook_from_yaml",
    "codebook_to_qdc", "read_qdc", "read_qdpx", "read_taguette", "read_qualcoder",
    # analysis
    "unit_codes", "code_frequencies", "code_cooccurrence", "code_matrix", "exemplar_quotes",
    # de-identification
    "deidentify", "dutch_first_names",
]
