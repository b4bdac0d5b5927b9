"""Report tables as escaped HTML, with labels in the report language."""

from __future__ import annotations

from ..i18n import escape, fmt_ci, fmt_number, fmt_p, messages

__all__ = ["outcome_table"]


def _html_table(header, rows, caption=None, css_class="impact-table"):
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (f'<table class="{css_class}">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def outcome_table(results, lang: str = "en") -> str:
    """The pre/post outcome table of a results dict (``Results.to_dict()``) as HTML."""
    m = messages(lang)
    header = [m["col_outcome"], m["col_n"], m["col_baseline"], m["col_followup"],
              m["col_change"], m["col_p"], m["col_p_adjusted"], m["col_dz"]]
    rows = []
    for o in results["outcomes"]:
        dz_ci = o.get("d_z_ci") or [None, None]
        rows.append([
            o["outcome"] + (" *" if o.get("primary") else ""),
            str(o["n_paired"]),
            f"{fmt_number(o['mean_baseline'], lang)} ({fmt_number(o['sd_baseline'], lang)})",
            f"{fmt_number(o['mean_followup'], lang)} ({fmt_number(o['sd_followup'], lang)})",
            f"{fmt_number(o['mean_change'], lang)} ({fmt_ci(o['ci_low'], o['ci_high'], lang)})",
            fmt_p(o["p"], lang),
            fmt_p(o.get("p_adjusted"), lang),
            f"{fmt_number(o['d_z'], lang, 2)} ({fmt_ci(dz_ci[0], dz_ci[1], lang, 2)})",
        ])
    return _html_table(header, rows)
