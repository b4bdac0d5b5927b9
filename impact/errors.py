"""Errors for invalid input.

Every problem with a user's file or arguments is an :class:`InputError` that names the file, the
row and the column where there is one, and the rule that was broken. The command line turns it into
one line on stderr and exit code 2; it never shows a traceback for bad input.

Row numbers are spreadsheet rows as the user sees them: the header is row 1, so the first data row
is row 2 (for a CSV, the line number; for a sheet with the header lower down, offset accordingly).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["InputError", "Problem", "ProblemList"]


@dataclass(frozen=True)
class Problem:
    """One problem found in an input: where it is and which rule it breaks."""

    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    rule: str | None = None
    severity: str = "error"  # "error" fails validation; "warning" does not

    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        rule = f" [rule: {self.rule}]" if self.rule else ""
        return f"{self.location()}: {self.severity}: {self.message}{rule}"

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("severity", "file", "row", "column", "rule", "message")}


class InputError(ValueError):
    """Invalid input data, protocol or arguments; carries one or more :class:`Problem`."""

    def __init__(self, message: str | None = None, *, file=None, row=None, column=None,
                 rule=None, problems: list[Problem] | None = None):
        if problems is None:
            problems = [Problem(message or "invalid input", file=str(file) if file else None,
                                row=row, column=column, rule=rule)]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def file(self):
        return self.problems[0].file

    @property
    def row(self):
        return self.problems[0].row

    @property
    def column(self):
        return self.problems[0].column

    @property
    def rule(self):
        return self.problems[0].rule


@dataclass
class ProblemList:
    """Collects every problem in an input so a user sees them all at once."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, message, *, file=None, row=None, column=None, rule=None, severity="error"):
        self.problems.append(Problem(message, file=str(file) if file else None, row=row,
                                     column=column, rule=rule, severity=severity))

    def extend(self, other: "ProblemList | list[Problem]"):
        self.problems.extend(other.problems if isinstance(other, ProblemList) else other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_if_errors(self):
        if self.errors:
            raise InputError(problems=self.errors)
