"""One disclosure step between the results and every report (DESIGN.md, Deliverables and disclosure).

``analyse -> Results (full, internal) -> disclose(results, policy) -> Disclosed -> report engine``.

:func:`disclose` builds every table, count, mean, label, sentence input and figure value that any
report of a run may show, for both audiences and both languages at once, and applies the
small-cell rules jointly over all of them:

* **primary suppression**: a count of people in a group of ``1 .. min_cell_size - 1`` is not
  shown, nor any mean, SD, share or estimate of that group;
* **secondary suppression** over every linear relation one run publishes (``constraints``: each
  says that some cells add up to a published number or to another cell): wherever a relation has
  exactly one hidden member, the smallest other non-zero member is hidden too, until no relation
  has exactly one. The relations span tables (the reliable-change row of the primary outcome is
  the same set of cells the themes-by-change display adds up to), so the funder and guideline
  reports of one run hide the same cells and no hidden value follows by subtraction;
* **merged categories**: background categories under the threshold are merged into "other"
  (:func:`impact.smallcells.frequency_table`); their names are never listed;
* **participant-level rows** (per-participant change, individual points) never enter the
  disclosed object; the analyst finds them in ``internal/``.

Participant flow counts are published in full (the flow rule of :mod:`impact.smallcells`).

The disclosed object is plain data (``to_dict()`` is ``published.json``): the report layer reads
only it, never the data file, the unsuppressed results, nor any statistic it would compute.
"""

from __future__ import annotations

import datetime as _dt

from ..i18n import languages
from ..instruments import instrument_of
from ..smallcells import frequency_table
from .cells import _Cells
from .comparison import disclose_comparison
from .evidence import _evidence, _headline, _sroi
from .labels import (_background_label, _category_label, _code_labels, _outcome_labels,
                     _wave_labels)
from .policy import DisclosurePolicy
from .published import Disclosed
from .referrals import _referral_cells

__all__ = ["disclose", "author_notes"]

CHANGE_CATEGORIES = ("improved", "unchanged", "deteriorated")
_TIDIER_WANTED = ("name", "why", "what_procedures", "who_provided", "how", "where",
                  "when_how_much")




# ---- labels -------------------------------------------------------------------------------------


# ---- author notes --------------------------------------------------------------------------------

def author_notes(protocol) -> list[str]:
    """What the protocol lacks for a complete report: told to the author (stderr, internal/),
    never written into the deliverable."""
    notes = []
    report = protocol.get("report") or {}
    sections = report.get("sections") or {} if isinstance(report, dict) else {}
    for key, what in (("continuation", "how the programme continues"),
                      ("lessons", "lessons learned")):
        if not protocol.get(key) and not sections.get(key):
            notes.append(f"the protocol does not describe {what} ('{key}'); the funder report "
                         f"leaves that part out")
    from ..io.branding import STORY_SECTIONS

    absent = [k for k in STORY_SECTIONS if not sections.get(k)]
    if absent:
        notes.append("the protocol's report.sections lacks " + ", ".join(absent) + "; those "
                     "parts of the story (context, target group and recruitment, what happened, "
                     "success and failure factors, interpretation, recommendations) are left out")
    if not protocol.get("partners"):
        notes.append("the protocol names no partners ('partners'); the funder report leaves "
                     "that part out")
    iv = protocol.get("intervention") or {}
    missing = [k for k in _TIDIER_WANTED if not (isinstance(iv, dict) and iv.get(k))]
    if missing:
        notes.append("the intervention description lacks TIDieR item(s) "
                     + ", ".join(missing) + " ('intervention' in the protocol)")
    if not protocol.get("background"):
        notes.append("the protocol lists no 'background' columns; no participant "
                     "characteristics are described")
    return notes


# ---- the step ------------------------------------------------------------------------------------

def disclose(results, *, policy=None) -> Disclosed:
    """Apply disclosure control to a run's results: the one object every report reads.

    Parameters
    ----------
    results : impact.studies.programme.Results
        From :func:`impact.analyse` (its aggregates, and the pseudonymised quotes and codings
        when the analysis was given them).
    policy : DisclosurePolicy, optional
        Default: from the protocol (``min_cell_size``, ``allow_small_cells``).

    Returns
    -------
    Disclosed
        ``to_dict()`` is ``published.json``; ``internal`` holds the true values of hidden cells.
    """
    protocol = results.protocol
    policy = policy or DisclosurePolicy.from_protocol(protocol)
    m = policy.min_cell_size
    R = results.to_dict()
    cells = _Cells(policy)
    flow = R.get("flow") or {}
    n_base = flow.get("with_baseline")
    n_paired_flow = flow.get("paired")

    # --- outcomes and reliable change
    outcomes = []
    primary = R.get("primary_outcome")
    for o in R.get("outcomes") or []:
        col = o["outcome"]
        n = o.get("n_paired") or 0
        ok = policy.enough(n)
        row = {"outcome": col, "label": _outcome_labels(protocol, col),
               "primary": bool(o.get("primary")), "n_paired": n, "shown": ok}
        inst = instrument_of(col, protocol.instrument_objects or protocol.instruments)
        row["instrument"] = ({lang: inst.display_name(lang) for lang in languages()}
                             if inst is not None else None)
        row["reference"] = getattr(inst, "reference", None) or None
        row["higher_is_better"] = (bool(inst.higher_is_better_for(col)) if inst is not None
                                   else None)
        try:
            row["range"] = list(inst.column_range(col)) if inst is not None else None
        except (KeyError, AttributeError, TypeError):  # a custom instrument without a range
            row["range"] = None
        for k in ("mean_baseline", "sd_baseline", "mean_followup", "sd_followup", "mean_change",
                  "ci_low", "ci_high", "t", "df", "p", "p_adjusted", "d_z", "d_z_ci", "g_av",
                  "g_av_ci", "wilcoxon_p", "hl_estimate", "hl_ci"):
            row[k] = o.get(k) if ok else None
        row["computed"] = o.get("mean_change") is not None
        if o.get("rci_improved") is not None and ok:
            ids = [cells.add(f"rc/{col}/{c}", o.get(f"rci_{c}")) for c in CHANGE_CATEGORIES]
            cells.relate(ids, n, f"rc_total/{col}")
            changed = (o.get("rci_improved") or 0) + (o.get("rci_deteriorated") or 0)
            if policy.small(changed):
                # improved and deteriorated together are a small group too: as a cell of its
                # own (n minus unchanged would give it), it hides what would give it away
                cells.relate([ids[0], ids[2]], cells.add(f"rc/{col}/changed", changed),
                             f"rc_changed/{col}")
            row["rci"] = {c: f"rc/{col}/{c}" for c in CHANGE_CATEGORIES}
            row["rci_reliability"], row["rci_sd"] = o.get("rci_reliability"), o.get("rci_sd")
            row["rci_sd_source"] = o.get("rci_sd_source")
        else:
            row["rci"] = None
        outcomes.append(row)
    by_id = {o["outcome"]: o for o in outcomes}

    # --- background at baseline (only the protocol's list; identifiers refused earlier)
    baseline_rows = []
    for s in R.get("background_summary") or []:
        col = s["column"]
        if s["kind"] == "numeric":
            cid = cells.add(f"bg/{col}/n", s["n"])
            shown = not policy.small(s["n"]) and s["n"] > 0
            baseline_rows.append({"kind": "numeric", "column": col,
                                  "label": _background_label(col), "n": cid,
                                  "mean": s["mean"] if shown else None,
                                  "sd": s["sd"] if shown else None})
            continue
        if s["kind"] != "categorical":
            continue  # dates never become categories
        table, _ = frequency_table({c["category"]: c["n"] for c in s["counts"]}, None, m,
                                   lang="en", other_label="\x00other")
        cats = []
        if not table.empty:
            for r in table.to_dict("records")[:-1]:
                other = r["category"] == "\x00other"
                cid = cells.add(f"bg/{col}/{len(cats)}", int(r["n"]))
                cats.append({"category": None if other else str(r["category"]),
                             "label": None if other else _category_label(protocol, col,
                                                                         r["category"]),
                             "other": other, "n": cid, "percent": float(r["percent"])})
        if cats:   # the categories add up to the total that is published beside them
            cells.relate([c["n"] for c in cats], s["n_total"], f"bg_total/{col}")
        baseline_rows.append({"kind": "categorical", "column": col,
                              "label": _background_label(col), "categories": cats,
                              "merged": any(c["other"] for c in cats),
                              "n_total": s["n_total"], "shown": bool(cats)})

    # --- baseline scores (means hidden when the drop-outs would follow from them)
    baseline_scores = []
    for s in R.get("baseline_scores") or []:
        o = by_id.get(s["outcome"])
        if o is None:
            continue
        n = s["n"]
        dropouts = n - (o["n_paired"] or 0)
        ok = not policy.small(n) and n > 0 and not policy.small(dropouts)
        baseline_scores.append({"outcome": s["outcome"], "n": n,
                                "mean": s["mean"] if ok else None,
                                "sd": s["sd"] if ok and n > 1 else None,
                                "withheld_dropouts": (not policy.small(n) and n > 0
                                                      and policy.small(dropouts))})

    # --- attrition: means only when both groups are large enough
    attrition = []
    for a in R.get("attrition") or []:
        nc, nd = a.get("n_completers"), a.get("n_dropouts")
        ok = policy.enough(nc) and policy.enough(nd)
        var = a.get("variable")
        label = (by_id[var]["label"] if var in by_id else _background_label(str(var)))
        attrition.append({"variable": var, "label": label, "n_completers": nc, "n_dropouts": nd,
                          "mean_completers": a.get("mean_completers") if ok else None,
                          "sd_completers": a.get("sd_completers") if ok else None,
                          "mean_dropouts": a.get("mean_dropouts") if ok else None,
                          "sd_dropouts": a.get("sd_dropouts") if ok else None,
                          "smd": a.get("smd") if ok else None, "p": a.get("p") if ok else None})

    # --- models, pooling, sites, arms
    arms_small = _arms_small(results, protocol, policy)
    # a model fitted with an arm of fewer than min_cell_size people estimates that arm's change
    # (its reference level): no model of such a run is published
    models = [] if arms_small else [dict(r, label=by_id.get(r["outcome"], {}).get("label"))
                                    for r in R.get("models") or []]
    model_info = [] if arms_small else [
        {"outcome": i.get("outcome"), "n_participants": i.get("n_participants"),
         "n_obs": i.get("n_obs"), "icc": i.get("icc"),
         # the model as fitted, for the method text: its random effects, df method, fit
         "random_effects": (["participant"] + (["slope"] if i.get("random_slope") else [])
                            + (["site", "site_wave"] if "tau2_site" in i else [])),
         "df_method": i.get("df_method"), "singular": bool(i.get("singular")),
         "n_sites": i.get("n_sites")} for i in R.get("model_info") or []]
    sites = R.get("sites") or []
    sites_ok = bool(sites) and all(policy.enough(s.get("n")) for s in sites)
    pooled = [dict(p, label=by_id.get(p["outcome"], {}).get("label")) for p in R.get("pooled") or []]
    site_rows = ([{k: s.get(k) for k in ("outcome", "label", "n", "estimate", "ci_low", "ci_high",
                                         "weight")} for s in sites] if sites_ok else [])
    controlled = [] if arms_small else R.get("controlled") or []

    # --- sensitivity (multiple imputation of the primary outcome)
    mi = (R.get("sensitivity") or {}).get("multiple_imputation")
    if mi and not policy.enough(mi.get("n_participants")):
        mi = None

    # --- qualitative: themes, themes by change, quotes
    themes, tbc, quote_rows, n_quoted = [], None, [], 0
    qual = R.get("themes")
    quotes, codings = getattr(results, "quotes", None), getattr(results, "codings", None)
    if qual and quotes is not None and codings is not None:
        codes = qual["codes"]
        labels = _code_labels(codes)
        n_quoted = qual["n_quoted"]
        for code in codes:
            cid = cells.add(f"theme/{code}", qual["counts"][code])
            themes.append({"code": code, "label": labels[code], "n": cid})
        p = by_id.get(primary)
        bc = qual.get("by_change")
        if bc is not None and p is not None and p.get("rci"):
            tot_ids = {}
            for c in CHANGE_CATEGORIES:
                tot_ids[c] = cells.add(f"tbc/total/{c}", bc["totals"][c])
            # the number of paired participants with quotes is shown nowhere: an unknown
            cells.relate(list(tot_ids.values()), cells.add("tbc/n", bc["n"], False),
                         "tbc_quoted_by_change")
            for c in CHANGE_CATEGORIES:
                # every participant of a category quoted: the "with quotes" count is the
                # category's count itself, one cell to a reader (hidden together)
                if cells.values[tot_ids[c]] == cells.values[p["rci"][c]]:
                    cells.relate([tot_ids[c]], p["rci"][c], f"tbc_equals_rc/{c}")
            for c in CHANGE_CATEGORIES:  # those without quotes: category total minus these
                cells.relate([tot_ids[c], cells.add(f"tbc/noquote/{c}",
                                                    cells.values[p["rci"][c]]
                                                    - cells.values[tot_ids[c]], False)],
                             p["rci"][c], "tbc_change_category_quoted_or_not")
            rows = []
            for code in codes:
                ids = {c: cells.add(f"tbc/{code}/{c}", bc["rows"][code][c])
                       for c in CHANGE_CATEGORIES}
                not_named = {c: cells.add(f"tbc/{code}/not/{c}",
                                          cells.values[tot_ids[c]] - cells.values[ids[c]],
                                          False)
                             for c in CHANGE_CATEGORIES}
                for c in CHANGE_CATEGORIES:
                    cells.relate([ids[c], not_named[c]], tot_ids[c],
                                 "tbc_named_or_not")
                cells.relate(list(ids.values()),
                             cells.add(f"tbc/{code}/n", bc["named"][code], False),
                             "tbc_theme_by_change")
                rows.append({"code": code, "label": labels[code], "cells": ids})
            # the number of participants with quotes and a change category stays unpublished (it
            # would pin the quoted-or-not split of each reliable-change category)
            tbc = {"outcome": primary, "label": p["label"], "totals": tot_ids, "rows": rows}
        per_theme = int(((protocol.get("report") or {}) if isinstance(protocol.get("report"),
                                                                      dict) else {})
                        .get("quotes_per_theme") or 2)
        roles = quotes["role"].astype(str)
        q = quotes.loc[roles.isin(("participant", "teacher", "referrer", "welfare_worker"))]
        quote_rows = _select_quotes(q, codings, codes, labels, per_theme,
                                    getattr(results, "names", ()))

    # --- referral records (issue 16): their counts join the same relations
    referrals_build = (_referral_cells(R["referrals"], cells, policy, protocol)
                       if R.get("referrals") else None)
    if referrals_build is not None:
        _relate_background_to_referrals(baseline_rows, referrals_build.groups, cells)

    # --- one joint pass of secondary suppression over everything above
    cells.solve()
    for o in outcomes:   # improved + deteriorated together, when that is all that can be said
        ids = o.get("rci")
        if ids and not cells.shown(ids["improved"]) and not cells.shown(ids["deteriorated"]) \
                and cells.shown(ids["unchanged"]):
            changed = o["n_paired"] - cells.value(ids["unchanged"])
            o["rci_changed"] = changed if not policy.small(changed) else None
    for row in baseline_rows:   # a share is published only beside its count
        for c in row.get("categories") or []:
            if not cells.shown(c["n"]):
                c["percent"] = None
    for t in themes:  # share of the participants quoted, for the counts that are shown
        t["share"] = (round(100 * cells.value(t["n"]) / n_quoted)
                      if n_quoted and cells.shown(t["n"]) else None)

    # --- Positive Health means (aggregates of the paired participants)
    mph = _mph_means(R.get("positive_health"), policy)

    # --- results as the evidence layer sees them: suppressed values removed
    safe_R = _safe_results(R, outcomes, cells, controlled)
    safe_R["attrition"] = attrition     # as published: means of small groups withheld
    evidence = _evidence(safe_R, protocol, policy, outcomes=outcomes)

    # a comparison group from a pool or a waiting list whose effect is published makes the
    # design analysed a controlled one too (issue 24), as the evidence's design_of counts it
    comparison = disclose_comparison(R, min_cell_size=m, protocol=protocol)
    compared = bool(comparison) and any(
        row.get("published") for row in (*comparison["comparison"], *comparison["waiting_list"]))
    waves = _wave_labels(protocol)
    prov = R.get("provenance") or {}
    iv = protocol.get("intervention") or {}
    data = {
        "meta": {
            "title": R.get("title"), "language": R.get("language"),
            # the design analysed: a comparison, repeated measurements or one before and after
            "design": ("controlled" if controlled or compared else R.get("design")
                       if R.get("design") not in (None, "prepost", "waves")
                       else "waves" if len(protocol.waves) >= 3 else "prepost"),
            "controlled": bool(controlled) or compared,
            "arms_withheld": arms_small,
            "primary_outcome": primary, "p_adjust_method": R.get("p_adjust_method"),
            "baseline": protocol.baseline, "followup": protocol.followup,
            "waves": waves, "min_cell_size": m, "allow_small_cells": policy.allow_small_cells,
            "version": prov.get("version"), "seed": prov.get("seed"),
            "pseudonymisation": prov.get("pseudonymisation"),
            "input_sha256": sorted((prov.get("files") or {}).values()),
            "programme": (iv.get("name") if isinstance(iv, dict) else None) or R.get("title"),
            "funder": protocol.get("funder"), "partners": protocol.get("partners") or [],
            "intervention": iv if isinstance(iv, dict) else {},
            "continuation": protocol.get("continuation"), "lessons": protocol.get("lessons"),
            "report": _branding(protocol),
            "date": _dt.date.today().isoformat(),
            "n_not_computed": sum(1 for o in outcomes if not o["computed"]),
            "headline_outcomes": _headline(outcomes, primary, protocol),
            "n_quoted": n_quoted,
        },
        "flow": {**flow, "excluded": [{k: v for k, v in e.items() if k != "reason"}
                                      for e in flow.get("excluded") or []]},
        "outcomes": outcomes,
        "cells": cells.published(),
        "constraints": cells.constraints,
        "baseline": {"n": n_base, "background": baseline_rows, "scores": baseline_scores},
        "attrition": attrition,
        "models": models, "model_info": model_info,
        "pooled": pooled, "sites": site_rows, "controlled": controlled,
        # comparison group / waiting list (issue 24): impact/disclosure/comparison.py
        "comparison": comparison,
        "sensitivity": {"multiple_imputation": mi} if mi else {},
        "themes": themes, "themes_by_change": tbc, "quotes": quote_rows,
        "positive_health": mph,
        "evidence": evidence,
        "sroi": _sroi(safe_R, protocol, cells, outcomes),
        "figures": _figures(outcomes, protocol, R.get("trajectory") or [], policy),
        "referrals": referrals_build() if referrals_build else None,
    }
    del n_paired_flow
    internal = {"cells": dict(cells.values), "hidden": sorted(cells.hidden),
                "unresolved": list(cells.unresolved),
                "author_notes": author_notes(protocol) + cells.unresolved_notes()}
    return Disclosed(data, internal)



_SAME_GROUPS = {"referrer": "by_referrer", "referrer_type": "by_referrer_type",
                "route": "by_route"}


def _relate_background_to_referrals(baseline_rows, groups, cells):
    """Relations across tables: a background category (participants per referrer at baseline)
    and the referral group of the same name (started per referrer) count the same people when
    each participant has one referral, so two published cells with the same count of the same
    group are one cell to a reader: related as equal (``bg_equals_referrals/<column>``), they
    are hidden together. The merged groups ("other") are related when their counts agree."""
    for row in baseline_rows:
        dim = _SAME_GROUPS.get(str(row.get("column")))
        if row.get("kind") != "categorical" or dim not in groups:
            continue
        by_name = {(None if g["other"] else g["group"]): g for g in groups[dim]}
        for cat in row["categories"]:
            g = by_name.get(None if cat["other"] else cat["category"])
            if g is None or "started" not in g["cells"]:
                continue
            if cells.values[cat["n"]] == cells.values[g["cells"]["started"]]:
                cells.relate([cat["n"]], g["cells"]["started"],
                             f"bg_equals_referrals/{row['column']}")


def _select_quotes(q, codings, codes, labels, per_theme, names) -> list[dict]:
    """The quotes a report shows, per theme: chosen by :func:`impact.qual.select.select_quotes`
    (the quotes CSV's ``selected`` column first, then varied speakers, readable length, no
    redaction tokens when others exist) among the candidates whose de-identified text is
    :func:`impact.qual.deid.publishable` in both languages. Role and text only: no id, no wave."""
    import numpy as np

    from ..qual.deid import TEXT_LANGUAGE, deidentify_langs, publishable
    from ..qual.select import select_quotes

    if q is None or not len(q):
        return []
    q = q[q["text"].notna()].copy()
    q["quote_id"] = q["quote_id"].astype(str)
    all_names = list(names or ())
    for col in ("name", "first_name", "last_name", "participant_name"):
        if col in q.columns:
            all_names.extend(q[col].dropna().astype(str))
    # each quote's identifiers found once, written with every language's tokens
    deid = {lang: np.array(texts, dtype=object) for lang, texts in deidentify_langs(
        q["text"].astype(str), names=all_names, langs=languages()).items()}
    ok = np.array([publishable(a, all_names) and publishable(b, all_names)
                   for a, b in zip(deid["nl"], deid["en"])], dtype=bool)
    q = q.assign(text=deid["nl"], _en=deid["en"]).loc[ok]
    for col in ("name", "first_name", "last_name", "participant_name"):
        if col in q.columns:
            q = q.drop(columns=col)
    if not len(q):
        return []
    codings = codings.assign(unit=codings["unit"].astype(str))
    chosen = select_quotes(q, per_theme=per_theme, codings=codings, themes=list(codes))
    out, seen = [], set()
    for r in chosen.to_dict("records"):
        if r["theme"] not in labels or str(r["text"]) in seen:
            continue   # a quote appears once in a report, under the first theme it serves
        seen.add(str(r["text"]))
        out.append({"code": r["theme"], "label": labels[r["theme"]], "role": str(r["role"]),
                    "rank": int(r["rank"]), "chosen": str(r["chosen"]),
                    "text": {"nl": str(r["text"]), "en": str(r["_en"])},
                    # the words are the participant's, in the language de-identification reads;
                    # only the tokens that replace identifiers follow the reader's language
                    "lang": TEXT_LANGUAGE})
    return out


def _branding(protocol) -> dict:
    """Organisation, author, logo (data URI) and the Markdown sections rendered to safe HTML
    per language, from the protocol's ``report:`` section (DESIGN.md)."""
    from ..io.branding import branding_from_protocol

    b = branding_from_protocol(protocol)
    return {"organisation": b.organisation, "author": b.author, "logo_uri": b.logo_uri,
            "sections": b.sections, "quotes_per_theme": b.quotes_per_theme}



def _figures(outcomes, protocol, trajectory, policy) -> dict:
    """The exact values of every chart a report draws (published with the report).

    ``change``: per headline outcome shown, the paired mean at baseline and follow-up and the
    95% CI of the mean change. ``trajectory`` (three or more waves): per headline outcome the
    per-wave means of the participants measured at every wave (computed by the analysis,
    :func:`impact.studies.aggregates.trajectories`), published only when they are at least
    ``min_cell_size`` and the paired participants missing a middle wave are none or at least
    ``min_cell_size`` (else their means would follow from the paired means).
    """
    primary = next((o["outcome"] for o in outcomes if o.get("primary")), None)
    heads = _headline(outcomes, primary, protocol)
    by_id = {o["outcome"]: o for o in outcomes}
    change = []
    for col in heads:
        o = by_id.get(col)
        if not o or not o.get("shown") or o.get("mean_baseline") is None or o.get("ci_low") is None:
            continue
        rng = o.get("range") or [None, None]
        change.append({"outcome": col, "label": o["label"], "start": o["mean_baseline"],
                       "end": o["mean_followup"], "ci_low": o["ci_low"], "ci_high": o["ci_high"],
                       "higher_is_better": o.get("higher_is_better"), "scale_min": rng[0],
                       "scale_max": rng[1], "n": o["n_paired"]})
    traj = {t["outcome"]: t for t in trajectory}
    out = []
    for col in heads:
        o, t = by_id.get(col), traj.get(col)
        if not o or not o.get("shown") or t is None or not t["points"]:
            continue
        n = t["n_complete"]
        missing_middle = (o.get("n_paired") or 0) - n
        if policy.small(n) or n < 2 or policy.small(missing_middle):
            continue
        points = [dict(pt, label={lang: protocol.wave_label(pt["wave"], lang)
                                  for lang in languages()},
                       weeks=(protocol.wave_info.get(pt["wave"]) or {}).get("weeks"))
                  for pt in t["points"]]
        points = [{k: pt[k] for k in ("wave", "label", "weeks", "mean", "ci_low", "ci_high", "n")}
                  for pt in points]
        rng = o.get("range") or [None, None]
        out.append({"outcome": col, "label": o["label"],
                    "higher_is_better": o.get("higher_is_better"),
                    "scale_min": rng[0], "scale_max": rng[1], "points": points})
    return {"change": change, "trajectory": out}


def _arms_small(results, protocol, policy) -> bool:
    """True when a comparison arm has fewer than ``min_cell_size`` people: no arm results."""
    bg = getattr(results, "arms", None)
    if not bg:
        return False
    return any(policy.small(n) for n in bg.values())


def _mph_means(mph, policy):
    """Positive Health means of the paired participants (:mod:`impact.studies.aggregates`),
    published with at least ``min_cell_size`` of them."""
    if not mph:
        return None
    n = mph["n"]
    if policy.small(n) or n == 0:
        return {"n": n, "shown": False}
    return {"n": n, "shown": True, "dimensions": mph["dimensions"],
            "baseline": mph["baseline"], "followup": mph["followup"]}


def _safe_results(R, outcomes, cells, controlled) -> dict:
    """The results dict with every suppressed value removed (input of the evidence layer)."""
    import copy

    safe = copy.deepcopy(R)
    by_id = {o["outcome"]: o for o in outcomes}
    for o in safe.get("outcomes") or []:
        d = by_id[o["outcome"]]
        if not d["shown"]:
            for k in list(o):
                if k not in ("outcome", "baseline", "followup", "n_paired", "primary"):
                    o[k] = None
            o["withheld"] = d["computed"]   # hidden, not missing: not a 'not computed' outcome
        for c in CHANGE_CATEGORIES + ("recovered",):
            cid = (d.get("rci") or {}).get(c)
            o[f"rci_{c}"] = cells.value(cid) if cid else None
    safe["controlled"] = controlled
    safe.pop("notes", None)          # the analyst's notes stay in results.json
    safe.pop("subgroups", None)
    safe.pop("sites", None)
    safe.pop("referrals", None)  # published only through _referral_cells
    return safe



# ---- referral records (issue 16): cells in the same joint suppression as everything else --------


# ---- the neighbourhood monitor (issue 16) --------------------------------------------------------

