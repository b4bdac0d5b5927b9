"""Qualitative strand: quotes, codebooks, agreement between coders, analysis, de-identification.

Works on frames and files only; knows nothing of protocols or reports.
"""

from .agreement import (AgreementResult, AlphaResult, KappaResult, coding_agreement,
                        coding_disagreements, cohen_kappa, krippendorff_alpha, reliability_matrix)

__all__ = [
    "krippendorff_alpha", "cohen_kappa", "coding_agreement", "coding_disagreements",
    "reliability_matrix", "AlphaResult", "KappaResult", "AgreementResult",
]
