"""Evidence from results: GRADE certainty, Dutch recognition level, TREND/TIDieR completeness,
SROI and plain-language limitations. Reads the results of ``impact analyse``; recomputes nothing.
"""

from ._common import evidence_problems
from .checklists import (TIDIER_ITEMS, TREND_ITEMS, ChecklistResult, tidier_checklist,
                         trend_checklist)
from .grade import (CERTAINTY_LEVELS, SummaryOfFindings, grade_certainty, grade_outcome,
                    optimal_information_size)
from .limitations import LimitationsResult, limitations
from .recognition import RECOGNITION_LEVELS, RecognitionResult, recognition_level
from .sroi import GREEN_BOOK_RATE, SROIResult, check_sroi_spec, sroi, sroi_from_spec

__all__ = ["grade_certainty", "grade_outcome", "SummaryOfFindings", "CERTAINTY_LEVELS",
           "optimal_information_size", "recognition_level", "RecognitionResult",
           "RECOGNITION_LEVELS", "trend_checklist", "tidier_checklist", "ChecklistResult",
           "TREND_ITEMS", "TIDIER_ITEMS", "sroi", "sroi_from_spec", "check_sroi_spec",
           "SROIResult", "GREEN_BOOK_RATE", "limitations", "LimitationsResult",
           "evidence_problems"]
