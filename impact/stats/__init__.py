"""Statistics on frames and arrays: pre/post change, multiplicity, and more."""

from .multiplicity import adjust_p
from .prepost import PrePostResult, paired_change, prepost

__all__ = ["paired_change", "prepost", "PrePostResult", "adjust_p"]
from .power import __all__ as _power_all
from .power import *  # noqa: F401,F403  (power and sample size: impact/stats/power.py)

__all__ += list(_power_all)
