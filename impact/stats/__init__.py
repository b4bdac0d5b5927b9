"""Statistics on frames and arrays: pre/post change, multiplicity, and more."""

from .multiplicity import adjust_p
from .prepost import PrePostResult, paired_change, prepost

__all__ = ["paired_change", "prepost", "PrePostResult", "adjust_p"]
