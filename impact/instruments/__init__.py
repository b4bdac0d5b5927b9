"""Instruments as data: the registry, scoring and reliability."""

from .registry import (Instrument, get_instrument, instrument_from_dict, list_instruments,
                       load_instrument_file)
from .scoring import item_matrix, score

__all__ = ["Instrument", "get_instrument", "instrument_from_dict", "list_instruments",
           "load_instrument_file", "score", "item_matrix"]
