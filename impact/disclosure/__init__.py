"""Floor 5, publishing: the one disclosure step between analysed results and every report.

``analyse -> results (internal) -> disclose(results) -> Disclosed (published.json) -> report``.

Modules: ``policy`` (what may leave the package: the small-cell rule), ``cells`` (count cells,
their linear relations, joint secondary suppression and the audit), one builder per domain
(``programme``, ``referrals``, ``monitor``, ``synthesis``) and ``labels`` (labels of outcomes,
codes, waves and background columns in every language). Disclosure reads analysed results, never
a data file, and computes no statistic (docs/architecture.md).
"""

from .programme import (Disclosed, DisclosurePolicy, analyse_and_disclose, author_notes, disclose,
                        disclose_monitor_results, monitor_and_disclose)
from .referrals_monitor import disclose_monitor, disclose_referrals

__all__ = ["DisclosurePolicy", "Disclosed", "disclose", "analyse_and_disclose", "author_notes",
           "disclose_monitor_results", "monitor_and_disclose", "disclose_referrals",
           "disclose_monitor"]
