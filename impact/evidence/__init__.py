"""Evidence from results: GRADE certainty, Dutch recognition level, TREND/TIDieR completeness,
SROI and plain-language limitations. Reads the results of ``impact analyse``; recomputes nothing.

Protocol keys read here (all optional; unknown sub-keys are an InputError naming them)::

    design: prepost            # prepost | waves | controlled; a comparison in the
                               # results (results['controlled'] ANCOVA) makes it controlled
    description: ...           # stands in for the intervention's aims
    intervention:              # TIDieR 1-12 plus what the recognition level needs
      name: ...                # why, what_materials, what_procedures, who_provided, how, where,
      why: ...                 # when_how_much, tailoring, modifications, how_well_planned,
      aims: ...                # how_well_actual; aims, target_group, theory, references,
      target_group: ...        # manual, owner, process_evaluation
    evidence:
      randomised: false        # true: a randomised comparison starts at High
      mid: {pss10_score: 4}    # minimal important differences (defaults: WEMWBS 3, WHO-5 10,
                               # SWEMWBS 1)
      ois: 400                 # optimal information size, or 'power' (80% power for the MID)
      higher_is_better: {my_score: true}
      indirectness: {'*': "reason"}          # or {outcome: {level: very_serious, reason: ..}}
      publication_bias: {pss10_score: "reason"}
      studies: 1
      followup: "12 weeks"
      study:                   # TREND facts: objectives, eligibility, recruitment, setting,
        sample_size: ...       # recruitment_period, sample_size, assignment, blinding,
                               # adverse_events, generalisability, interpretation, abstract,
                               # baseline_data, baseline_equivalence
    sroi: {...}                # see impact.evidence.sroi

Results keys read: ``outcomes`` (DESIGN.md keys, optional ``comparator`` mapping and
``higher_is_better``), ``flow`` (with_baseline, paired), ``pooled`` (k, i2), ``controlled``
(ANCOVA per outcome: estimate, ci_low, ci_high, n), ``models``, ``notes``, ``primary_outcome``,
``p_adjust_method``.
"""

from .checks import evidence_problems
from .checklists import (TIDIER_ITEMS, TREND_ITEMS, ChecklistResult, tidier_checklist,
                         trend_checklist)
from .grade import (CERTAINTY_LEVELS, SummaryOfFindings, grade_certainty, grade_outcome,
                    optimal_information_size)
from .limitations import LimitationsResult, limitations
from .recognition import RECOGNITION_LEVELS, RecognitionResult, recognition_level
from .sroi import GREEN_BOOK_RATE, SROIResult, check_sroi_spec, sroi, sroi_from_spec
from .statements import (effect_size_category, followup_duration, format_weeks, sof_statement,
                         statement_for_effect, statement_for_outcome)

__all__ = ["grade_certainty", "grade_outcome", "SummaryOfFindings", "CERTAINTY_LEVELS",
           "optimal_information_size", "recognition_level", "RecognitionResult",
           "RECOGNITION_LEVELS", "trend_checklist", "tidier_checklist", "ChecklistResult",
           "TREND_ITEMS", "TIDIER_ITEMS", "sroi", "sroi_from_spec", "check_sroi_spec",
           "SROIResult", "GREEN_BOOK_RATE", "limitations", "LimitationsResult",
           "evidence_problems", "sof_statement", "statement_for_effect", "statement_for_outcome",
           "effect_size_category",
           "followup_duration", "format_weeks"]
