"""Statistics on frames and arrays: pre/post change, multiplicity, and more."""

from .controlled import AncovaResult, ancova, subgroup_change
from .effectsize import dz_ci, hedges_j, paired_effect_sizes
from .escalc import escalc, md, smcc, smcc_from_t, smcr, smd, smd_from_p, smd_from_t, t_from_f
from .meta import MetaResult, meta_analysis, pool_sites, site_change
from .multilevel_meta import (DEFAULT_TEST, METHODS, InfluenceResult, LeaveOneOutResult,
                              RegtestResult, RmaResult, ThreeLevelResult, TrimfillResult,
                              cluster_robust, influence,
                              leave_one_out, regtest, rma, three_level, trimfill)
from .missing import MIResult, attrition, mi_prepost, rubin_pool
from .mixed import MixedModelResult, fit_random_intercept, mixed_model
from .multiplicity import adjust_p
from .prepost import PrePostResult, mean_change_ci, paired_change, prepost
from .rci import ReliableChangeResult, clinical_cutoff, rci_parameters, reliable_change
from .wilcoxon import WilcoxonResult, hodges_lehmann, wilcoxon_signed_rank

__all__ = ["paired_change", "prepost", "PrePostResult", "mean_change_ci", "adjust_p",
           "wilcoxon_signed_rank", "WilcoxonResult", "hodges_lehmann",
           "paired_effect_sizes", "dz_ci", "hedges_j",
           "reliable_change", "ReliableChangeResult", "clinical_cutoff", "rci_parameters",
           "mixed_model", "MixedModelResult", "fit_random_intercept",
           "meta_analysis", "pool_sites", "site_change", "MetaResult",
           "escalc", "smd", "md", "smcr", "smcc", "smd_from_t", "smd_from_p", "smcc_from_t",
           "t_from_f", "rma", "three_level", "RmaResult", "ThreeLevelResult", "cluster_robust",
           "regtest", "trimfill", "leave_one_out", "influence", "RegtestResult",
           "TrimfillResult", "LeaveOneOutResult", "InfluenceResult",
           "mi_prepost", "rubin_pool", "attrition", "MIResult",
           "ancova", "AncovaResult", "subgroup_change"]

from .power import __all__ as _power_all
from .power import *  # noqa: F401,F403,E402  (power and sample size: impact/stats/power.py)

__all__ += list(_power_all)

# Referral counts and neighbourhood monitors (issue 16)
from .counts import CountTrendResult, count_trend, negbin_glm, poisson_glm  # noqa: E402
from .survey import MonitorResult, SurveyMean, domain_means, neighbourhood_monitor, svymean  # noqa: E402

__all__ += ["count_trend", "CountTrendResult", "poisson_glm", "negbin_glm", "svymean",
            "SurveyMean", "domain_means", "neighbourhood_monitor", "MonitorResult"]
