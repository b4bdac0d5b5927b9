"""Instruments as data: the registry, scoring and reliability."""

from .registry import (Band, Instrument, get_instrument, good_direction, instrument_from_dict,
                       instrument_of, list_instruments, load_instrument_file)
from .reliability import ReliabilityResult, cronbach_alpha, omega_total, reliability
from .scoring import item_matrix, keyed_items, score

__all__ = ["Instrument", "Band", "get_instrument", "instrument_from_dict", "list_instruments",
           "instrument_of", "good_direction",
           "load_instrument_file", "score", "item_matrix", "keyed_items", "reliability",
           "ReliabilityResult", "cronbach_alpha", "omega_total"]
