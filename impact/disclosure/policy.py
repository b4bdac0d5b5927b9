"""What may leave the package: the disclosure policy of a run (built on the small-cell rule of
:mod:`impact.smallcells`, the one place that states it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..smallcells import DEFAULT_MIN_CELL_SIZE, MIN_CELL_FLOOR, is_small, min_cell_problem


@dataclass
class DisclosurePolicy:
    """What may leave the package.

    Parameters
    ----------
    min_cell_size : int
        No count, share, mean or estimate of a group smaller than this (default 10, CBS output
        rule); zero counts reveal no one and stay.
    allow_small_cells : bool
        Needed for ``min_cell_size`` below :data:`impact.smallcells.MIN_CELL_FLOOR` (5); the
        reports then say so.
    audiences : tuple of str
        The audiences that read the same disclosed object (same hidden cells for all).
    """

    min_cell_size: int = DEFAULT_MIN_CELL_SIZE
    allow_small_cells: bool = False
    audiences: tuple = ("funder", "guideline")
    floor: int = field(default=MIN_CELL_FLOOR, repr=False)

    def __post_init__(self):
        if not isinstance(self.min_cell_size, int) or self.min_cell_size < 1:
            raise InputError(f"min_cell_size must be a whole number >= 1, got "
                             f"{self.min_cell_size!r}", rule="protocol min_cell_size")
        problem = min_cell_problem(self.min_cell_size, self.allow_small_cells)
        if problem:
            raise InputError(problem, rule="protocol min_cell_size")

    @classmethod
    def from_protocol(cls, protocol) -> "DisclosurePolicy":
        return cls(min_cell_size=int(protocol.min_cell_size),
                   allow_small_cells=protocol.get("allow_small_cells") is True)

    def small(self, n) -> bool:
        """A count that may not be shown on its own (``0 < n < min_cell_size``)."""
        return is_small(n, self.min_cell_size)
