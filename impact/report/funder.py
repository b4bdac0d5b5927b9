"""The funder report (Fonds voor Cultuurparticipatie, municipalities): sections as escaped HTML.

``notebooks/funder_report.ipynb`` calls :func:`prepare` once and then one section builder per
cell. Every builder returns one ``<section id=...>`` (:func:`impact.report.sections.section`);
all prose comes from the message catalogue (``messages/<lang>.funder.yaml``), every number is
formatted for the language (decimal comma in Dutch), and every text taken from data or protocol
is escaped.

Privacy rules kept here (shared/reference/evidence.md, Privacy):

* every count of people is a ``<td class="impact-count">`` from
  :func:`impact.report.sections.count_cell`: counts from 1 to ``min_cell_size - 1`` are not
  shown, and tables whose total is known get secondary suppression
  (:func:`impact.privacy.suppress_small_cells`); counts in running text say "fewer than 10";
* frequency tables by neighbourhood, referrer or site merge small categories into "overig"
  (:func:`impact.privacy.frequency_table`);
* quotes are de-identified (:func:`impact.exemplar_quotes`) and shown per theme with the
  speaker's role only, never beside demographics;
* no participant id is shown. Quotes and codings carry *raw* ids while ``Results.scores`` carries
  pseudonyms: :func:`prepare` draws one random key per run, passes it to :func:`impact.analyse`
  and pseudonymises the quotes' ids with the same key, so quotes join the per-participant change
  inside the process only. The key is never written.

The report never calls the programme effective: a single-group before-and-after design shows
what changed among participants, not what the programme caused (limitations section).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import sections
from .text import (escape, fmt_number, messages, html_heading, html_list,
                   html_paragraph)

__all__ = ["FunderReport", "prepare", "header_section", "summary_section", "reach_section",
           "partners_section", "activities_section", "outcomes_section",
           "positive_health_section", "voices_section", "themes_section", "sroi_section",
           "continuation_section", "limitations_section", "glossary_section", "glossary_terms",
           "GLOSSARY", "SROI_GLOSSARY", "QUOTE_ROLES"]

# Glossary entries (catalogue keys funder_term_<id> and funder_gloss_<id>), in reading order.
GLOSSARY = ("mean", "sd", "ci", "p_value", "effect_size", "reliable_change", "measurement_error",
            "prepost", "comparison_group", "regression_to_mean", "dropout", "scale", "theme",
            "small_numbers", "positive_health")
# Only when the report has an SROI section.
SROI_GLOSSARY = ("sroi", "proxy", "deadweight", "displacement", "attribution", "drop_off",
                 "discounting", "sensitivity", "break_even")
QUOTE_ROLES = ("participant", "teacher", "referrer")
_NEIGHBOURHOOD = ("neighbourhood", "neighborhood", "wijk", "buurt")
_REFERRER_TYPE = ("referrer_type", "verwijzer_type", "referrer_kind")
_NEW_TO_CULTURE = ("new_to_culture", "nieuw_in_cultuur", "nieuw_voor_cultuur",
                   "first_time_culture")
_YES = {"1", "1.0", "true", "ja", "j", "yes", "y", "waar"}
_NO = {"0", "0.0", "false", "nee", "n", "no", "onwaar"}
_INTERVENTION_ITEMS = ("name", "why", "what_procedures", "who_provided", "how", "where",
                       "when_how_much", "sessions")


@dataclass
class FunderReport:
    """Everything the funder sections read; built once by :func:`prepare`.

    ``scores`` and ``quotes`` carry pseudonyms made with one per-run key; ``frame`` is the raw
    response frame (raw ids, background columns) and is only ever shown as aggregates.
    """

    results: object
    R: dict
    protocol: object
    frame: object
    lang: str
    quotes: object = None
    codings: object = None
    changes: dict = field(default_factory=dict)

    @property
    def min_cell_size(self) -> int:
        return int(self.protocol.min_cell_size)

    @property
    def m(self) -> dict:
        return messages(self.lang)


def prepare(data, protocol, quotes="", codings="", lang="nl", results_path=None) -> FunderReport:
    """Analyse the data and read quotes and codings for the funder report.

    Parameters
    ----------
    data, protocol : path
        Response file and protocol (as for :func:`impact.analyse`).
    quotes, codings : path or ""
        Quotes and codings CSV (DESIGN.md formats); "" when there are none.
    lang : {'nl', 'en'}
    results_path : path, optional
        Where to write results.json.

    Returns
    -------
    FunderReport
    """
    from ..analysis import analyse
    from ..io.pseudonym import pseudonymise, resolve_key
    from ..io.validate import read_and_validate
    from ..protocol import load_protocol

    proto = load_protocol(protocol)
    key = resolve_key(None)  # one key for scores and quotes; lives only in this process
    results = analyse(data, proto, pseudonym_key=key)
    if results_path:
        results.to_json(results_path)
    frame, _ = read_and_validate(data, proto)
    q = c = None
    if quotes and codings:
        from ..qual import read_codings, read_quotes

        raw_quotes = read_quotes(quotes)
        c = read_codings(codings, quotes=raw_quotes)
        q = pseudonymise(raw_quotes, key)
    report = FunderReport(results=results, R=results.to_dict(), protocol=proto, frame=frame,
                          lang=lang, quotes=q, codings=c)
    report.changes = _participant_changes(report)
    return report


# ---- helpers ---------------------------------------------------------------------------------

_h, _p, _ul = html_heading, html_paragraph, html_list


def _hidden_cell(report) -> str:
    """A count hidden by secondary suppression: it is not small, so it is not marked "< 10"."""
    return (f'<td class="impact-count" data-suppressed="1">'
            f'{escape(report.m["funder_cell_hidden"])}</td>')


def _missing(value) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _count_td(report, shown, original=None) -> str:
    """A count cell: ``shown`` is NA when suppressed; ``original`` tells small from hidden."""
    if _missing(shown):
        if original is not None and not _missing(original) and \
                0 < int(original) < report.min_cell_size:
            return sections.count_cell(int(original), report.min_cell_size, report.lang)
        return _hidden_cell(report)
    return sections.count_cell(int(shown), report.min_cell_size, report.lang)


def _count_text(report, value, shown=True) -> str:
    """A count of people for running text: "fewer than 10" when it is small, "a number not
    shown" when secondary suppression hides it (``shown=False``)."""
    if _missing(value) or 0 < int(value) < report.min_cell_size:
        return report.m["funder_fewer_than"].format(n=report.min_cell_size)
    if not shown:
        return report.m["funder_count_hidden"]
    return str(int(value))


def _table(header, rows_html, caption=None):
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    body = "".join(f"<tr>{r}</tr>" for r in rows_html)
    return (f'<table class="impact-table">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _td(text):
    return f"<td>{escape(text)}</td>"


def _outcome_info(report, column):
    """(label, low, high, higher_is_better) of an outcome column; None where unknown."""
    from ..analysis import _good_direction, _instrument_of

    m = report.m
    inst = _instrument_of(report.protocol, column)
    label = m.get(f"funder_outcome_{column}") or m["funder_outcome_generic"].format(name=column)
    low = high = better = None
    if inst is not None:
        try:
            low, high = inst.column_range(column)
        except Exception:  # noqa: BLE001 - a custom instrument without a range
            low = high = None
        better = _good_direction(inst, column)
    return label, low, high, better


def _selected_outcomes(report) -> list[dict]:
    """The primary outcome, then the protocol's secondary outcomes (else every main score)."""
    rows = {o["outcome"]: o for o in report.R.get("outcomes") or []}
    primary = report.R.get("primary_outcome")
    wanted = [primary] if primary in rows else []
    secondary = report.protocol.get("secondary_outcomes") or [
        c for c in rows if c.endswith("_score")]
    wanted += [c for c in secondary if c in rows and c not in wanted]
    return [rows[c] for c in wanted] or list(rows.values())[:1]


def _primary(report):
    outs = _selected_outcomes(report)
    return outs[0] if outs else None


def _mean_sentence(report, o) -> str:
    m, lang = report.m, report.lang
    label, low, high, better = _outcome_info(report, o["outcome"])
    n = o.get("n_paired") or 0
    if n < report.min_cell_size or o.get("mean_baseline") is None:
        return m["funder_outcome_too_few"].format(label=label, n=_count_text(report, n))
    before, after = fmt_number(o["mean_baseline"], lang), fmt_number(o["mean_followup"], lang)
    scale = (m["funder_scale"].format(low=fmt_number(low, lang, 0), high=fmt_number(high, lang, 0))
             if low is not None and high is not None else "")
    direction = ("" if better is None
                 else " (" + m["higher_is_better" if better else "lower_is_better"] + ")")
    if before == after:
        text = m["funder_outcome_same"].format(label=label, before=before, scale=scale,
                                               direction=direction, n=n)
    else:
        verb = m["funder_verb_down" if o["mean_followup"] < o["mean_baseline"] else "funder_verb_up"]
        text = m["funder_outcome_mean"].format(verb=verb, label=label, before=before, after=after,
                                               scale=scale, direction=direction, n=n)
    return text[0].upper() + text[1:]


def _interval_sentence(report, o) -> str:
    m, lang = report.m, report.lang
    lo, hi = o.get("ci_low"), o.get("ci_high")
    if lo is None or hi is None or (o.get("n_paired") or 0) < report.min_cell_size:
        return m["funder_ci_none"]
    text = m["funder_ci"].format(low=fmt_number(lo, lang), high=fmt_number(hi, lang))
    _, _, _, better = _outcome_info(report, o["outcome"])
    if lo <= 0 <= hi:
        return text + " " + m["funder_ci_includes_zero"]
    if better is None:
        return text
    good = (lo > 0) == bool(better)
    return text + " " + m["funder_ci_good" if good else "funder_ci_bad"]


def _rci_table(report, outcomes):
    """Reliable change counts per outcome with primary and secondary suppression."""
    import pandas as pd

    from ..privacy import suppress_small_cells

    rows = [{"outcome": o["outcome"], "n": o.get("n_paired") or 0,
             "improved": o.get("rci_improved"), "unchanged": o.get("rci_unchanged"),
             "deteriorated": o.get("rci_deteriorated")} for o in outcomes
            if o.get("rci_improved") is not None]
    if not rows:
        return None
    table = pd.DataFrame(rows).set_index("outcome")
    out, _ = suppress_small_cells(table, ["improved", "unchanged", "deteriorated"],
                                  report.min_cell_size, total_column="n", column_totals=False,
                                  lang=report.lang)
    out.attrs["original"] = table
    return out


def _participant_changes(report) -> dict:
    """Per-participant reliable-change category of the primary outcome (pseudonymous ids)."""
    from ..analysis import _good_direction, _instrument_of
    from ..stats import reliable_change

    o = _primary(report)
    scores = report.results.scores
    if o is None or scores is None or o.get("rci_reliability") is None:
        return {}
    col, base, follow = o["outcome"], report.protocol.baseline, report.protocol.followup
    waves = scores["wave"].astype(str)
    pre = scores.loc[waves == base].drop_duplicates("participant_id").set_index("participant_id")
    post = scores.loc[waves == follow].drop_duplicates("participant_id").set_index("participant_id")
    ids = pre.index.intersection(post.index)
    inst = _instrument_of(report.protocol, col)
    rc = reliable_change(pre.loc[ids, col].to_numpy(float), post.loc[ids, col].to_numpy(float),
                         reliability=o["rci_reliability"], sd=o["rci_sd"],
                         higher_is_better=_good_direction(inst, col) if inst else True,
                         ids=list(ids))
    frame = rc.participants
    return {col: frame.loc[frame["category"].notna(), ["participant_id", "category"]]}


def _codebook_labels(report) -> dict:
    from ..qual import default_codebook

    book = default_codebook()
    return {c.id: c.name(report.lang) for c in book}


def _code_order(report, codes) -> list:
    from ..qual import default_codebook

    order = {cid: i for i, cid in enumerate(default_codebook().ids())}
    return sorted(codes, key=lambda c: (order.get(c, len(order)), str(c)))


def _has_qual(report) -> bool:
    return report.quotes is not None and report.codings is not None and len(report.quotes) > 0


def _code_participants(report):
    """Number of participants (pseudonymous) whose quotes carry each code, in codebook order."""
    from ..qual import code_matrix

    matrix = code_matrix(report.codings, report.quotes)
    counts = matrix.sum()
    return counts.reindex(_code_order(report, list(counts.index))), len(matrix)


# ---- sections ----------------------------------------------------------------------------------

def header_section(report: FunderReport) -> str:
    """Title, audience and provenance line."""
    return sections.section("header", sections.header(report.R, report.lang, "funder"))


def summary_section(report: FunderReport) -> str:
    """Three to five plain sentences for a programme coordinator."""
    m = report.m
    flow = report.R.get("flow") or {}
    name = (report.protocol.get("intervention") or {}).get("name") or report.R.get("title")
    sentences = [m["funder_summary_reach"].format(
        programme=name, enrolled=_count_text(report, flow.get("enrolled")),
        paired=_count_text(report, flow.get("paired")))]
    o = _primary(report)
    if o is not None:
        sentences.append(_mean_sentence(report, o))
        rci = _rci_table(report, [o])
        if rci is not None and (o.get("n_paired") or 0) >= report.min_cell_size:
            row, orig = rci.iloc[0], rci.attrs["original"].iloc[0]
            sentences.append(m["funder_summary_rci"].format(
                improved=_count_text(report, orig["improved"], not _missing(row["improved"])),
                deteriorated=_count_text(report, orig["deteriorated"],
                                         not _missing(row["deteriorated"])),
                n=_count_text(report, o["n_paired"])))
    if _has_qual(report):
        counts, _ = _code_participants(report)
        top = counts[counts >= report.min_cell_size].sort_values(ascending=False, kind="stable")
        labels = _codebook_labels(report)
        if len(top):
            sentences.append(m["funder_summary_themes"].format(
                themes=", ".join(labels.get(c, c).lower() for c in top.index[:3])))
    sentences.append(m["funder_summary_caveat"])
    return sections.section("summary", _h(m["funder_section_summary"]),
                            "".join(_p(s[0].upper() + s[1:]) for s in sentences[:5]))


def _frequency_block(report, frame, column, caption) -> str:
    from ..privacy import frequency_table

    m = report.m
    table, notes = frequency_table(frame, column, report.min_cell_size, lang=report.lang)
    if table.empty:
        return _h(caption, 3) + "".join(_p(n, "impact-note") for n in notes)
    if len(table) <= 2 and (len(table) == 1 or table["category"].iloc[0] == (
            "overig" if report.lang == "nl" else "other")):
        # everything merged into one category: a table would say nothing
        return _h(caption, 3) + _p(m["funder_all_merged"].format(n=report.min_cell_size))
    rows = [_td(r["category"]) + _count_td(report, r["n"])
            + _td(fmt_number(r["percent"], report.lang, 0) + "%")
            for r in table.to_dict("records")]
    return (_h(caption, 3)
            + _table([m["funder_col_category"], m["funder_col_people"], m["funder_col_share"]],
                     rows)
            + "".join(_p(n, "impact-note") for n in notes))


def _first_column(frame, names):
    lower = {str(c).lower(): c for c in frame.columns}
    return next((lower[n] for n in names if n in lower), None)


def _yes_no(value):
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip().lower()
    return True if text in _YES else False if text in _NO else None


def reach_section(report: FunderReport) -> str:
    """Participants enrolled and completed, referrers, neighbourhoods or sites, new to culture."""
    import pandas as pd

    from ..privacy import suppress_small_cells

    m, flow = report.m, report.R.get("flow") or {}
    rows = [_td(m[f"funder_reach_{k}"]) + _count_td(report, flow.get(k))
            for k in ("enrolled", "with_baseline", "paired")]
    parts = [_h(m["funder_section_reach"]), _p(m["funder_reach_intro"]),
             _table([m["funder_col_what"], m["funder_col_people"]], rows)]
    frame = report.frame
    people = frame.drop_duplicates("participant_id")  # one row per person (first wave first)
    ref = _first_column(frame, ("referrer", "verwijzer"))
    if ref is not None:
        k = people[ref].dropna().astype(str).nunique()
        parts.append(_p(m["funder_referrers_count"].format(k=k)))
        by = _first_column(frame, _REFERRER_TYPE) or ref
        parts.append(_frequency_block(report, people, by, m["funder_referrers_title"]))
    else:
        parts.append(_p(m["funder_referrers_none"]))
    hood = _first_column(frame, _NEIGHBOURHOOD)
    if hood is not None:
        parts.append(_frequency_block(report, people, hood, m["funder_neighbourhoods_title"]))
    site = report.protocol.get("site_column", "site")
    if site in frame.columns and site != hood:
        parts.append(_frequency_block(report, people, site, m["funder_sites_title"]))
    if hood is None and site not in frame.columns:
        parts.append(_p(m["funder_neighbourhoods_none"]))
    new = _first_column(frame, _NEW_TO_CULTURE)
    if new is None:
        parts.append(_p(m["funder_new_to_culture_not_measured"]))
    else:
        answers = people[new].map(_yes_no)
        counts = pd.DataFrame({"n": [int((answers == True).sum()),  # noqa: E712
                                     int((answers == False).sum())]},  # noqa: E712
                              index=["yes", "no"])
        shown, _ = suppress_small_cells(counts, "n", report.min_cell_size)
        rows = [_td(m[f"funder_new_to_culture_{k}"])
                + _count_td(report, shown.loc[k, "n"], counts.loc[k, "n"])
                for k in ("yes", "no")]
        parts += [_h(m["funder_new_to_culture_title"], 3),
                  _table([m["funder_col_what"], m["funder_col_people"]], rows)]
    parts.append(_p(m["funder_suppressed_note"].format(n=report.min_cell_size), "impact-note"))
    return sections.section("reach", *parts)


def _as_items(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        out = []
        for v in value:
            if isinstance(v, dict):
                name = v.get("name") or v.get("naam") or ""
                extra = ", ".join(str(x) for k, x in v.items() if k not in ("name", "naam"))
                out.append(f"{name} ({extra})" if name and extra else str(name or extra))
            else:
                out.append(str(v))
        return [o for o in out if o]
    return [str(value)]


def partners_section(report: FunderReport) -> str:
    """Partners from the protocol's ``partners`` (and the funder), or a note that none are given."""
    m = report.m
    parts = [_h(m["funder_section_partners"])]
    partners = _as_items(report.protocol.get("partners"))
    if partners:
        parts += [_p(m["funder_partners_intro"]), _ul(partners)]
    else:
        parts.append(_p(m["funder_partners_none"]))
    if report.protocol.get("funder"):
        parts.append(_p(m["funder_funded_by"].format(funder=report.protocol.get("funder"))))
    return sections.section("partners", *parts)


def activities_section(report: FunderReport) -> str:
    """What, why, who, how, where, how often (and sessions) from the protocol's ``intervention``."""
    m = report.m
    parts = [_h(m["funder_section_activities"])]
    iv = report.protocol.get("intervention")
    if not isinstance(iv, dict) or not iv:
        parts.append(_p(m["funder_activities_none"]))
        return sections.section("activities", *parts)
    items = []
    for key in _INTERVENTION_ITEMS:
        value = iv.get(key)
        shown = "; ".join(_as_items(value)) if value not in (None, "", []) else \
            m["funder_not_described"]
        if key == "sessions" and value in (None, "", []):
            continue  # the number of sessions is usually part of when_how_much
        items.append(f"<dt>{escape(m['funder_act_' + key])}</dt><dd>{escape(shown)}</dd>")
    parts.append("<dl>" + "".join(items) + "</dl>")
    return sections.section("activities", *parts)


def outcomes_section(report: FunderReport) -> str:
    """Per outcome: the mean before and after in words, the 95% interval in one line, and the
    number of participants with a reliable improvement or deterioration."""
    m = report.m
    outcomes = _selected_outcomes(report)
    parts = [_h(m["funder_section_outcomes"]), _p(m["funder_outcomes_intro"])]
    for o in outcomes:
        label = _outcome_info(report, o["outcome"])[0]
        parts += [_h(label[0].upper() + label[1:], 3), _p(_mean_sentence(report, o)),
                  _p(_interval_sentence(report, o))]
    rci = _rci_table(report, outcomes)
    if rci is not None:
        rows = []
        original = rci.attrs["original"]
        for col, r in rci.iterrows():
            label = _outcome_info(report, col)[0]
            rows.append(_td(label[0].upper() + label[1:]) + _count_td(report, r["n"])
                        + "".join(_count_td(report, r[k], original.loc[col, k])
                                  for k in ("improved", "unchanged", "deteriorated")))
        parts += [_h(m["funder_rci_title"], 3), _p(m["funder_rci_explained"]),
                  _table([m["funder_col_outcome"], m["funder_col_paired"],
                          m["funder_col_improved"], m["funder_col_unchanged"],
                          m["funder_col_deteriorated"]], rows),
                  _p(m["funder_suppressed_note"].format(n=report.min_cell_size), "impact-note")]
    from ..evidence import limitations

    keys = limitations(report.R, report.protocol).keys
    parts.append(_p(m["funder_caveat_no_comparator" if "lim_no_comparator" in keys
                      else "funder_caveat_comparator"], "impact-caveat"))
    return sections.section("outcomes", *parts)


def _mph_measured(report) -> bool:
    scores = report.results.scores
    return scores is not None and all(f"mph_{d}" in scores.columns for d in
                                      ("body", "mental", "meaning", "quality", "participation",
                                       "daily")) and scores["mph_body"].notna().any()


def positive_health_section(report: FunderReport) -> str:
    """The Positive Health spider web before and after; "" when mph was not measured."""
    from .evidence_sections import spider_section
    from .spider import mph_means

    if not _mph_measured(report):
        return ""
    m = report.m
    base, follow = report.protocol.baseline, report.protocol.followup
    _, n = mph_means(report.results.scores, baseline=base, followup=follow)
    if n < report.min_cell_size:
        return sections.section("positive-health", _h(m["section_spider"]),
                                _p(m["funder_spider_too_few"].format(n=report.min_cell_size)))
    return sections.section("positive-health",
                            spider_section(report.results.scores, baseline=base, followup=follow,
                                           lang=report.lang),
                            _p(m["funder_spider_explained"].format(n=n)))


def voices_section(report: FunderReport, per_theme: int = 2) -> str:
    """De-identified exemplar quotes per theme, with the speaker's role only."""
    from ..qual import exemplar_quotes

    m = report.m
    parts = [_h(m["funder_section_voices"])]
    if not _has_qual(report):
        parts.append(_p(m["funder_no_quotes"]))
        return sections.section("voices", *parts)
    roles = report.quotes["role"].astype(str)
    quotes = report.quotes.loc[roles.isin(QUOTE_ROLES)]
    # a few spare exemplars per theme, so a quote already shown under one theme is not repeated
    ex = exemplar_quotes(quotes, report.codings, n=per_theme + 3, lang=report.lang)
    labels = _codebook_labels(report)
    parts.append(_p(m["funder_voices_intro"]))
    seen = set()
    for code in _code_order(report, list(dict.fromkeys(ex["code"]))):
        rows = [r for r in ex.loc[ex["code"] == code].to_dict("records") if r["text"] not in seen]
        if not rows:
            continue
        parts.append(_h(labels.get(code, code), 3))
        for r in rows[:per_theme]:
            seen.add(r["text"])
            role = m.get(f"funder_role_{r['role']}", m["funder_role_other"])
            parts.append(f'<blockquote class="impact-quote"><p>“{escape(r["text"])}”</p>'
                         f'<footer>{escape(role)}</footer></blockquote>')
    parts.append(_p(m["funder_voices_privacy"], "impact-note"))
    return sections.section("voices", *parts)


def themes_section(report: FunderReport) -> str:
    """How many participants named each theme, and themes by reliable-change category."""
    from ..integrate import code_valence, themes_by_change
    from .evidence_sections import heatmap_section, themes_by_change_section

    m = report.m
    parts = [_h(m["funder_section_themes"])]
    if not _has_qual(report):
        parts.append(_p(m["funder_no_quotes"]))
        return sections.section("themes", *parts)
    labels = _codebook_labels(report)
    counts, n_people = _code_participants(report)
    rows = [_td(labels.get(c, c)) + _count_td(report, v) for c, v in counts.items()]
    parts += [_p(m["funder_themes_intro"].format(n=_count_text(report, n_people))),
              _table([m["funder_col_theme"], m["funder_col_people_named"]], rows)]
    if report.changes:
        from ..qual import code_matrix

        outcome, change = next(iter(report.changes.items()))
        matrix = code_matrix(report.codings, report.quotes)
        ordered = _code_order(report, list(matrix.columns))
        valence = {labels.get(c, c): code_valence(c) for c in ordered}
        matrix = matrix[ordered].rename(columns=lambda c: labels.get(c, c))
        display = _protect_totals(report, themes_by_change(
            change, matrix, min_cell_size=report.min_cell_size, valence=valence))
        label = _outcome_info(report, outcome)[0]
        parts += [_p(m["funder_themes_by_change_intro"].format(label=label)),
                  themes_by_change_section(display, report.lang),
                  heatmap_section(display, report.lang)]
    parts.append(_p(m["funder_suppressed_note"].format(n=report.min_cell_size), "impact-note"))
    return sections.section("themes", *parts)


def _protect_totals(report, display):
    """Secondary suppression of the category totals of a themes-by-change display.

    The three reliable-change categories add up to a number the report shows (participants
    measured before and after), so one suppressed total could be recovered from the other two:
    the smallest other non-zero total is hidden too, with every cell of a hidden category; and
    within a theme's row (its total is in the themes table) likewise.
    """
    from ..integrate import CHANGE_CATEGORIES

    totals = dict(display.meta.get("totals") or {})
    small = {c for c in CHANGE_CATEGORIES if totals.get(c) is None}
    hidden = set()
    if len(small) == 1:
        others = [c for c in CHANGE_CATEGORIES if c not in small and (totals.get(c) or 0) > 0]
        if others:
            hidden.add(min(others, key=lambda c: (totals[c], c)))
    for c in hidden:
        totals[c] = report.m["funder_cell_hidden"]
    for row in display.rows:
        for c in small | hidden:
            row[f"n_{c}"], row[f"pct_{c}"], row[f"suppressed_{c}"] = None, None, True
        # the row total (participants naming the theme) is shown elsewhere: same rule per row
        row_hidden = [c for c in CHANGE_CATEGORIES if row[f"suppressed_{c}"]]
        shown = [c for c in CHANGE_CATEGORIES if not row[f"suppressed_{c}"] and row[f"n_{c}"]]
        if len(row_hidden) == 1 and shown:
            c = min(shown, key=lambda k: (row[f"n_{k}"], k))
            row[f"n_{c}"], row[f"pct_{c}"], row[f"suppressed_{c}"] = None, None, True
        if row["suppressed_improved"]:
            row["inference"] = "suppressed"
    display.meta["totals"] = totals
    return display


def sroi_section(report: FunderReport) -> str:
    """Social return on investment with its sensitivity table; "" without an ``sroi`` key."""
    from .evidence_sections import sroi_section as build

    spec = report.protocol.get("sroi")
    if spec is None:
        return ""
    if _sroi_rests_on_hidden_counts(report, spec):
        m = report.m
        return sections.section("sroi", _h(m["section_sroi"]),
                                _p(m["funder_sroi_suppressed"].format(n=report.min_cell_size)))
    return sections.section("sroi", build(report.R, report.protocol, report.lang),
                            _p(report.m["funder_sroi_caveat"], "impact-caveat"))


def _sroi_rests_on_hidden_counts(report, spec) -> bool:
    """True when an SROI quantity is a count of participants taken from the results
    (``quantity_from``) that the report does not show: fewer than ``min_cell_size``, or hidden by
    secondary suppression. The SROI table shows the quantity (and its value reveals it), so the
    whole calculation is then withheld."""
    if not isinstance(spec, dict):
        return False
    rows = {o["outcome"]: o for o in report.R.get("outcomes") or []}
    for item in spec.get("outcomes") or []:
        source = item.get("quantity_from") if isinstance(item, dict) else None
        o = rows.get(item.get("outcome")) if source else None
        if o is None or _missing(o.get(source)):
            continue
        original, shown = o[source], o[source]
        if source.startswith("rci_"):
            table = _rci_table(report, [o])
            column = source[len("rci_"):]
            if table is not None and column in table.columns:
                shown = table.iloc[0][column]
        if 0 < int(original) < report.min_cell_size or _missing(shown):
            return True
    return False


def continuation_section(report: FunderReport) -> str:
    """The protocol's ``continuation`` and ``lessons``, or a note that they are not described."""
    m = report.m
    parts = [_h(m["funder_section_continuation"])]
    for key in ("continuation", "lessons"):
        items = _as_items(report.protocol.get(key))
        parts.append(_h(m[f"funder_{key}_title"], 3))
        parts.append(_ul(items) if len(items) > 1 else _p(items[0]) if items
                     else _p(m[f"funder_{key}_none"]))
    return sections.section("continuation", *parts)


def limitations_section(report: FunderReport) -> str:
    """What the numbers cannot show, in plain words (rules of :func:`impact.limitations`)."""
    from ..evidence import limitations

    m = report.m
    sentences = []
    for key, params in limitations(report.R, report.protocol).items:
        p = dict(params)
        if "share" in p:
            p["share"] = fmt_number(100 * p["share"], report.lang, 0) + "%"
        sentences.append(m["funder_" + key].format(**p))
    return sections.section("limitations", _h(m["funder_section_limitations"]),
                            _p(m["funder_limitations_intro"]), _ul(sentences))


def glossary_terms(lang: str, sroi: bool = False) -> list[tuple[str, str]]:
    """The glossary as ``(term, one-line explanation)`` pairs from the catalogue."""
    m = messages(lang)
    ids = GLOSSARY + (SROI_GLOSSARY if sroi else ())
    return [(m[f"funder_term_{i}"], m[f"funder_gloss_{i}"]) for i in ids]


def glossary_section(report: FunderReport) -> str:
    """Every statistical term of the report with a one-line plain explanation."""
    m = report.m
    terms = glossary_terms(report.lang, sroi=report.protocol.get("sroi") is not None)
    items = "".join(f"<dt>{escape(t)}</dt><dd>{escape(g)}</dd>" for t, g in terms)
    return sections.section("glossary", _h(m["funder_section_glossary"]),
                            _p(m["funder_glossary_intro"]), f'<dl class="impact-glossary">{items}</dl>')
