"""Reports: tables, figures, message catalogues and notebook rendering."""

from ..plots.figures import slope_plot
from .render import render_report
from .run import analyse_and_disclose, monitor_and_disclose
from .synthesis_sections import render_synthesis
from .sections import outcome_table
from ..i18n import fmt_ci, fmt_number, fmt_p, messages

__all__ = ["render_report", "analyse_and_disclose", "monitor_and_disclose", "render_synthesis", "outcome_table", "slope_plot", "messages", "fmt_number", "fmt_p",
           "fmt_ci"]
