"""Synthetic cohorts with a planted truth for tests, benchmarks and the demo.

The registry of generators lives here; each generator module (``cohorts``: Kunst op Recept,
``programmes``: In Beeld and Welzijn op Recept, ``monitor``: Wijzer in de Wijk, ``comparison``:
a programme with a comparison pool from the monitor, issue 24) builds on
:mod:`impact.synth._base` and imports no other generator.
"""

from ..errors import InputError
from ._base import Cohort, write_cohort
from .cohorts import kunst_op_recept
from .comparison import comparison_cohort
from .monitor import wijzer_in_de_wijk
from .programmes import in_beeld, welzijn_op_recept

__all__ = ["synthesise", "write_cohort", "PROGRAMMES", "Cohort"]

PROGRAMMES = {"kunst-op-recept": kunst_op_recept, "in-beeld": in_beeld,
              "welzijn-op-recept": welzijn_op_recept, "wijzer-in-de-wijk": wijzer_in_de_wijk,
              "samen-zingen-vergelijking": comparison_cohort}


def synthesise(programme: str, seed: int = 1) -> Cohort:
    """Generate a synthetic cohort of one of the seed programmes (deterministic per seed)."""
    if programme not in PROGRAMMES:
        raise InputError(f"unknown programme '{programme}'; available: {', '.join(PROGRAMMES)}",
                         rule="programme must be one of the seed programmes")
    return PROGRAMMES[programme](int(seed))
