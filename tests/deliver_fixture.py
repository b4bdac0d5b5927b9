"""A realistic report HTML for the deliverable tests (PDF, DOCX, 800 px, summary).

Shaped like the engine's output (nbconvert wrappers, sections, ``impact-table`` tables): a title
block with organisation and logo, the protocol's Markdown sections, the guideline outcomes table
with its 13 Dutch columns (Hodges-Lehmann, "Bron van de SD"), a long table that must break across
pages, the funder change chart and enough text for several pages. Synthetic numbers only.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from functools import lru_cache

from impact.io.branding import branding_from_protocol
from impact.plots.charts import change_chart
from impact.report.deliver import report_css, title_block

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwAD"
                       "hgGAWjR9awAAAABJRU5ErkJggg==")

OUTCOMES = [
    # label, n, mean0, sd0, mean1, sd1, change, lo, hi, p, dz, hl, sd source
    ("Ervaren stress (PSS-10)", 20, 21.0, 5.4, 15.0, 6.2, -6.0, -9.2, -2.8, 0.001, -0.88,
     "−6,3 (−10,0 tot −3,0)", "Cohen e.a. 1983, Nederlandse normgroep"),
    ("Hulpeloosheid (PSS-10 subschaal)", 18, 12.5, 3.8, 8.8, 4.1, -3.7, -6.1, -1.4, 0.004, -0.72,
     "−3,5 (−6,5 tot −1,5)", "steekproef-SD bij de voormeting"),
    ("Zelfvertrouwen (PSS-10 subschaal)", 20, 8.6, 2.3, 6.4, 2.4, -2.2, -3.5, -0.9, 0.002,
     -0.81, "−2,5 (−4,0 tot −1,0)", "steekproef-SD bij de voormeting"),
    ("Mentaal welbevinden (WEMWBS)", 19, 44.1, 7.9, 48.3, 8.1, 4.2, 1.2, 7.1, 0.009, 0.66,
     "4,0 (1,5 tot 7,0)", "Tennant e.a. 2007, Schotse bevolking"),
]

HEAD_NL = ["Uitkomst", "n (gepaard)", "Voormeting gemiddelde (SD)", "Nameting gemiddelde (SD)",
           "Gemiddelde verandering (95%-BI)", "p", "p (gecorrigeerd, Holm)", "d_z (95%-BI)",
           "g_av", "Wilcoxon p", "Hodges-Lehmann-schatting (95%-BI)", "Bron van de SD",
           "Betrouwbaar verbeterd"]


def _fmt(x, digits=1):
    return f"{x:.{digits}f}".replace(".", ",").replace("-", "−")


def outcome_rows():
    rows = []
    for (label, n, m0, s0, m1, s1, ch, lo, hi, p, dz, hl, src) in OUTCOMES:
        rows.append([label, str(n), f"{_fmt(m0)} ({_fmt(s0)})", f"{_fmt(m1)} ({_fmt(s1)})",
                     f"{_fmt(ch)} ({_fmt(lo)} tot {_fmt(hi)})", _fmt(p, 3), _fmt(min(1, p * 4), 3),
                     f"{_fmt(dz, 2)} ({_fmt(dz - 0.5, 2)} tot {_fmt(dz + 0.5, 2)})",
                     _fmt(dz * 0.8, 2), _fmt(p * 1.3, 3), hl, src, "< 10"])
    return rows


def table(head, rows, caption=None):
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>"
                   for r in rows)
    return f'<table class="impact-table">{cap}<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def cell(inner):
    return ('<div class="cell border-box-sizing code_cell rendered"><div class="output_wrapper">'
            '<div class="output"><div class="output_area"><div class="output_html rendered_html '
            f'output_subarea">{inner}</div></div></div></div></div>')


PARAGRAPH = ("Deelnemers vertelden in de eindgesprekken dat de wekelijkse lessen hun dag structuur "
             "gaven en dat zij weer contact kregen met mensen uit de wijk. De docenten zagen dat "
             "het zelfvertrouwen groeide naarmate de groep elkaar beter leerde kennen. ")


@lru_cache(maxsize=1)
def _chart():
    return change_chart([{"label": label, "start": m0, "end": m1, "ci_low": lo, "ci_high": hi,
                          "higher_is_better": "WEMWBS" in label}
                         for (label, n, m0, s0, m1, s1, ch, lo, hi, *_r) in OUTCOMES], lang="nl",
                        # a caption other than the section's heading: the print tests tell them
                        # apart by their text
                        title="Gemiddelde score bij start en eind, per uitkomst")


def branding(tmp_path):
    (tmp_path / "logo.png").write_bytes(PNG)
    return branding_from_protocol(
        {"language": "nl", "report": {
            "organisation": "Stichting Kunstbrug Leiden", "logo": "logo.png",
            "author": "Team Onderzoek",
            "sections": {"introduction": {"nl": "Dit rapport gaat over **Kunst op Recept** in "
                                                "Leiden.\n\n- twaalf lessen\n- kleine groepen",
                                          "en": "This report is about *Art on Prescription*."},
                         "lessons": {"nl": "Verwijzers vragen om *korte* terugkoppeling."}}}},
        tmp_path)


def report_html(tmp_path, lang="nl", *, with_css=True) -> str:
    """The fixture report; ``with_css`` includes the deliverable stylesheet as the engine will."""
    b = branding(tmp_path)
    parts = [title_block("Kunst op Recept Leiden (synthetisch)", lang=lang,
                         organisation=b.organisation, programme="Kunst op Recept",
                         date=dt.date(2026, 11, 29), audience="guideline", author=b.author,
                         logo_uri=b.logo_uri)]
    parts.append(cell(f'<section class="impact-section"><h2>Inleiding</h2>'
                      f'{b.section_html("introduction", lang) or ""}</section>'))
    parts.append(cell('<section class="impact-section"><h2>Uitkomsten voor en na</h2>'
                      f"<p>{PARAGRAPH * 2}</p>"
                      + table(HEAD_NL, outcome_rows(), "Uitkomsten bij de 20 gepaarde deelnemers")
                      + '<p class="impact-note">Aantallen onder 10 staan er als &lt; 10.</p></section>'))
    parts.append(cell('<section class="impact-section"><h2>Verandering per uitkomst</h2>'
                      + _chart().embed() + "</section>"))
    long_rows = [[f"Thema {i}", f"Code_{i}_met_een_heel_lange_naam_zonder_spaties_{i}",
                  PARAGRAPH[: 60 + (i % 5) * 20], f"{10 + i}"] for i in range(1, 41)]
    parts.append(cell('<section class="impact-section"><h2>Thema\'s</h2>'
                      + table(["Thema", "Code", "Omschrijving", "Aantal"], long_rows)
                      + "</section>"))
    for k in range(1, 4):
        parts.append(cell(f'<section class="impact-section"><h2>Beschouwing {k}</h2>'
                          f"<h3>Wat de cijfers zeggen</h3><p>{PARAGRAPH * 4}</p>"
                          f"<p>{PARAGRAPH * 3}</p></section>"))
    parts.append(cell('<section class="impact-section"><h2>Lessen</h2>'
                      f'{b.section_html("lessons", lang) or ""}</section>'))
    style = f'<style id="impact-deliver-css">{report_css(lang)}</style>' if with_css else ""
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Kunst op Recept Leiden</title>{style}</head><body>"
            + "".join(parts) + "</body></html>\n")


def summary_html(lang="nl", paragraphs=3) -> str:
    body = ("<h1>Kunst op Recept Leiden: samenvatting</h1>" + _chart().embed()
            + table(HEAD_NL[:6], [r[:6] for r in outcome_rows()])
            + "".join(f"<p>{PARAGRAPH * 3}</p>" for _ in range(paragraphs))
            + "<blockquote>Ik durfde weer iets te maken.</blockquote>")
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>Samenvatting'
            f'</title><style id="impact-deliver-css">{report_css(lang)}</style></head><body>'
            f"{body}</body></html>\n")


def table_cells(html_text: str) -> list[list[list[str]]]:
    """Every table of an HTML page as rows of cell texts (tags removed, entities decoded)."""
    tables = []
    for t in re.findall(r"<table\b.*?</table>", html_text, re.S):
        rows = []
        for r in re.findall(r"<tr\b.*?</tr>", t, re.S):
            cells = re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", r, re.S)
            rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
        tables.append(rows)
    return tables
