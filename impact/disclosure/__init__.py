"""Floor 5, publishing: the one disclosure step between analysed results and every report.

``analyse -> results (internal) -> disclose(results) -> Disclosed (published.json) -> report``.

Modules: ``policy`` (what may leave the package: the small-cell rule), ``cells`` (count cells,
their linear relations, joint secondary suppression and the audit), one builder per domain
(``programme``, ``referrals``, ``monitor``, ``synthesis``) and ``labels`` (labels of outcomes,
codes, waves and background columns in every language). Disclosure reads analysed results, never
a data file, and computes no statistic (docs/architecture.md).
"""

from .monitor import disclose_monitor, disclose_monitor_results, report_monitor
from .policy import DisclosurePolicy
from .programme import author_notes, disclose
from .published import Disclosed
from .referrals import disclose_referrals, report_referrals

__all__ = ["DisclosurePolicy", "Disclosed", "disclose", "author_notes",
           "disclose_monitor_results", "disclose_referrals", "disclose_monitor",
           "report_referrals", "report_monitor"]
