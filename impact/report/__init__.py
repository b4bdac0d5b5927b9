"""Reports: tables, figures, message catalogues and notebook rendering."""

from .figures import slope_plot
from .render import render_report
from .tables import outcome_table
from .text import fmt_ci, fmt_number, fmt_p, messages

__all__ = ["render_report", "outcome_table", "slope_plot", "messages", "fmt_number", "fmt_p",
           "fmt_ci"]
