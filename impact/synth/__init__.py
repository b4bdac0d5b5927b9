"""Synthetic cohorts with a planted truth for tests, benchmarks and the demo."""

from .cohorts import PROGRAMMES, Cohort, synthesise, write_cohort

__all__ = ["synthesise", "write_cohort", "PROGRAMMES", "Cohort"]
