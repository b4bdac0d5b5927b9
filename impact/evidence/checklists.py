"""Reporting completeness: TREND (22 items) and TIDieR (12 items) from protocol and results.

Each item gets a status:

``met``            the protocol or the results supply it;
``partial``        part of it is there (the ``note`` says what is missing);
``missing``        nothing supplies it yet (the ``note`` says which protocol field would);
``not_applicable`` the item does not apply to this design.

TREND (Des Jarlais et al. 2004, Am J Public Health 94:361, doi:10.2105/AJPH.94.3.361) items and
their sources here: 1 title and abstract (``title`` + ``evidence.study.abstract`` or
``description``); 2 background and theory (``intervention.why``); 3 participants: eligibility,
recruitment, setting (``evidence.study.eligibility|recruitment|setting``, or
``intervention.target_group|where``); 4 interventions (TIDieR content, delivery, deliverer,
setting, dose: ``what_procedures, how, who_provided, where, when_how_much``); 5 objectives
(``evidence.study.objectives`` or ``intervention.aims``; a named primary outcome alone is
partial); 6 outcomes (a primary outcome measured with instruments of the registry, which cite
their validation); 7 sample size (``evidence.study.sample_size``); 8 assignment (single group:
not applicable, there are no arms; controlled: ``evidence.study.assignment``); 9 blinding
(``evidence.study.blinding``); 10 unit of analysis (participants; met when outcomes exist);
11 statistical methods (met when outcomes and the p-adjustment method are in the results);
12 participant flow (``flow`` with enrolled, baseline, follow-up and paired counts); 13
recruitment dates (``evidence.study.recruitment_period``); 14 baseline data (baseline means
in the results: partial; participants' characteristics at the start in the results'
``background_summary``, or ``evidence.study.baseline_data``: met); 15 baseline equivalence (single
group: not applicable; controlled: ``evidence.study.baseline_equivalence``, or the balance
table of a comparison analysed by impact); 16 numbers
analysed (``n_paired`` per outcome); 17 outcomes and estimation (mean change with CI and an
effect size with CI for every outcome); 18 ancillary analyses (mixed models, pooling or
secondary outcomes; none: not applicable); 19 adverse events (``evidence.study.adverse_events``);
20 interpretation (``evidence.study.interpretation``; the generated limitations alone: partial);
21 generalisability (``evidence.study.generalisability``); 22 overall evidence (the GRADE summary
of findings the package produces: partial until the authors place it in the literature).
"""

from __future__ import annotations

import html

from .._result import Result, clean_json
from ._common import (TIDIER_KEYS, as_protocol, as_results, design_of, evidence_options, filled,
                      intervention_of, num)

__all__ = ["trend_checklist", "tidier_checklist", "ChecklistResult", "TREND_ITEMS", "TIDIER_ITEMS"]

TREND_ITEMS = ("title_abstract", "background", "participants", "interventions", "objectives",
               "outcomes", "sample_size", "assignment", "blinding", "unit_of_analysis",
               "statistical_methods", "participant_flow", "recruitment", "baseline_data",
               "baseline_equivalence", "numbers_analysed", "outcomes_estimation", "ancillary",
               "adverse_events", "interpretation", "generalisability", "overall_evidence")
TIDIER_ITEMS = TIDIER_KEYS
STATUSES = ("met", "partial", "missing", "not_applicable")


def _status(condition_met, condition_partial=False):
    return "met" if condition_met else "partial" if condition_partial else "missing"


def trend_checklist(results, protocol=None) -> "ChecklistResult":
    """TREND completeness (22 items) of an evaluation from its protocol and results.

    Parameters
    ----------
    results : dict or impact.Results
    protocol : dict or Protocol

    Returns
    -------
    ChecklistResult
        One row per item: ``number, item, status, note`` (note: a message-catalogue key).
        ``counts`` gives the number of items per status.

    Notes
    -----
    Sources of each item in the module docstring. Items that need the authors' own words
    (interpretation, generalisability) are ``met`` only when the protocol carries that text.

    Examples
    --------
    >>> impact.trend_checklist(results, protocol).counts
    {'met': 10, 'partial': 5, 'missing': 5, 'not_applicable': 2}
    """
    results = as_results(results)
    protocol = as_protocol(protocol)
    opts = evidence_options(protocol)
    study = opts.get("study") or {}
    iv = intervention_of(protocol)
    design = design_of(results, protocol)
    controlled = design in ("controlled", "randomised")
    outcomes = results.get("outcomes") or []
    flow = results.get("flow") or {}

    def given(key):
        return filled(study.get(key))

    participants = [given("eligibility") or filled(iv.get("target_group")),
                    given("recruitment"), given("setting") or filled(iv.get("where"))]
    delivery = [filled(iv.get(k)) for k in ("what_procedures", "how", "who_provided", "where",
                                            "when_how_much")]
    primary = results.get("primary_outcome") or protocol.get("primary_outcome")
    registry_ok = False
    if primary:
        from ..instruments import instrument_of

        inst = instrument_of(str(primary))   # None: not a built-in instrument's score
        registry_ok = bool(inst is not None and inst.reference)
    estimation = [num(o.get("ci_low")) is not None and num(o.get("ci_high")) is not None
                  and num(o.get("d_z")) is not None for o in outcomes]
    ancillary = bool(results.get("models")) or bool(results.get("pooled")) or len(outcomes) > 1
    flow_ok = all(k in flow for k in ("enrolled", "with_baseline", "with_followup", "paired"))
    rows = [
        ("title_abstract", _status(filled(protocol.get("title")) and
                                   (given("abstract") or filled(protocol.get("description"))),
                                   filled(protocol.get("title"))), "trend_note_abstract"),
        ("background", _status(filled(iv.get("why"))), "trend_note_background"),
        ("participants", _status(all(participants), any(participants)), "trend_note_participants"),
        ("interventions", _status(all(delivery), any(delivery)), "trend_note_interventions"),
        ("objectives", _status(given("objectives") or filled(iv.get("aims")), bool(primary)),
         "trend_note_objectives"),
        ("outcomes", _status(bool(primary) and registry_ok, bool(primary)), "trend_note_outcomes"),
        ("sample_size", _status(given("sample_size")), "trend_note_sample_size"),
        # a single group has no assignment to arms: not applicable, not "present"
        ("assignment", ("not_applicable" if not controlled else _status(given("assignment"))),
         "trend_note_assignment"),
        ("blinding", _status(given("blinding")), "trend_note_blinding"),
        ("unit_of_analysis", _status(bool(outcomes)), "trend_note_unit"),
        ("statistical_methods", _status(bool(outcomes) and bool(results.get("p_adjust_method")),
                                        bool(outcomes)), "trend_note_methods"),
        ("participant_flow", _status(flow_ok, bool(flow)), "trend_note_flow"),
        ("recruitment", _status(given("recruitment_period")), "trend_note_recruitment"),
        # baseline data are described when the report shows the participants' characteristics
        # at the start (the analysis' background summary) or the protocol points to them
        ("baseline_data", _status(given("baseline_data") or bool(
            [b for b in results.get("background_summary") or [] if b.get("kind") != "dates"]),
                                  any(num(o.get("mean_baseline")) is not None for o in outcomes)),
         "trend_note_baseline"),
        # a comparison analysed by impact reports its balance (standardised differences before
        # and after matching or weighting): the groups were compared at the start
        ("baseline_equivalence", ("not_applicable" if not controlled
                                  else _status(given("baseline_equivalence") or (
                                      results.get("comparison_info") or {}).get(
                                      "max_abs_smd") is not None)),
         "trend_note_equivalence"),
        ("numbers_analysed", _status(bool(outcomes) and all(
            num(o.get("n_paired")) is not None for o in outcomes)), "trend_note_numbers"),
        ("outcomes_estimation", _status(bool(estimation) and all(estimation), any(estimation)),
         "trend_note_estimation"),
        ("ancillary", "met" if ancillary else "not_applicable", "trend_note_ancillary"),
        ("adverse_events", _status(given("adverse_events")), "trend_note_adverse"),
        ("interpretation", _status(given("interpretation"), bool(outcomes)),
         "trend_note_interpretation"),
        ("generalisability", _status(given("generalisability")), "trend_note_generalisability"),
        ("overall_evidence", _status(False, bool(outcomes)), "trend_note_overall"),
    ]
    items = [{"number": i + 1, "item": item, "status": status, "note": note}
             for i, (item, status, note) in enumerate(rows)]
    return ChecklistResult("trend", items, lang=protocol.get("language") or "en")


def tidier_checklist(protocol) -> "ChecklistResult":
    """TIDieR completeness (12 items) of the protocol's ``intervention`` mapping.

    Parameters
    ----------
    protocol : dict or Protocol
        ``intervention`` with keys ``name, why, what_materials, what_procedures, who_provided,
        how, where, when_how_much, tailoring, modifications, how_well_planned,
        how_well_actual`` (Hoffmann et al. 2014, BMJ 348:g1687, doi:10.1136/bmj.g1687).

    Returns
    -------
    ChecklistResult
        ``number, item, status (met|missing), note`` per item; ``missing`` lists the absent keys.

    Examples
    --------
    >>> impact.tidier_checklist(protocol).missing
    ['what_materials', 'tailoring', ...]
    """
    protocol = as_protocol(protocol)
    iv = intervention_of(protocol)
    items = [{"number": i + 1, "item": key, "status": "met" if filled(iv.get(key)) else "missing",
              "note": f"tidier_{key}"} for i, key in enumerate(TIDIER_KEYS)]
    return ChecklistResult("tidier", items, lang=protocol.get("language") or "en")


class ChecklistResult(Result):
    """A reporting checklist: one row per item with its status."""

    def __init__(self, checklist: str, items: list[dict], lang: str = "en"):
        self.checklist = checklist
        self.items = items
        self.lang = lang
        self.title = "TREND" if checklist == "trend" else "TIDieR"

    @property
    def counts(self) -> dict:
        return {s: sum(1 for i in self.items if i["status"] == s) for s in STATUSES}

    @property
    def missing(self) -> list[str]:
        return [i["item"] for i in self.items if i["status"] == "missing"]

    @property
    def applicable(self) -> int:
        return sum(1 for i in self.items if i["status"] != "not_applicable")

    def to_dict(self) -> dict:
        return clean_json({"checklist": self.checklist, "items": self.items,
                           "counts": self.counts, "applicable": self.applicable})

    @classmethod
    def from_dict(cls, data: dict, lang: str = "en") -> "ChecklistResult":
        """The result again from :meth:`to_dict` (e.g. from ``published.json``)."""
        return cls(data["checklist"], list(data["items"]), lang=lang)

    def table_rows(self, lang=None) -> list[list[str]]:
        from ..i18n import messages

        m = messages(lang or self.lang)
        prefix = "trend_item_" if self.checklist == "trend" else "tidier_item_"
        return [[str(i["number"]), m[prefix + i["item"]], m["status_" + i["status"]],
                 m[i["note"]] if i["status"] in ("partial", "missing") else ""]
                for i in self.items]

    def to_frame(self, lang=None):
        import pandas as pd

        return pd.DataFrame(self.table_rows(lang), columns=["number", "item", "status", "note"])

    def _repr_html_(self) -> str:
        c = self.counts
        return (f"<p><strong>{html.escape(self.title)}</strong>: {c['met']} met, "
                f"{c['partial']} partial, {c['missing']} missing, {c['not_applicable']} not "
                f"applicable</p>" + self.to_frame().to_html(index=False, escape=True))
