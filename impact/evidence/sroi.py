"""Social return on investment (SROI) after *A guide to Social Return on Investment*
(Cabinet Office 2009, revised 2012, SROI Network).

Formulas
--------
For outcome *o* with quantity Q (people or units), financial proxy P (value per unit per year),
deadweight DW, displacement DS, attribution AT and drop-off DO (shares between 0 and 1), lasting
D years:

    impact_o,1 = Q x P x (1 - DW) x (1 - DS) x (1 - AT)
    impact_o,t = impact_o,1 x (1 - DO)^(t - 1)                  t = 1 .. D
    PV         = sum_t [ sum_o impact_o,t ] / (1 + r)^t         (year 1 is discounted too)
    SROI ratio = PV / inputs;  net PV = PV - inputs

r is the discount rate, default 3.5% (the UK Treasury Green Book rate [unverified]; set
``sroi.discount_rate`` for another). The guide requires a sensitivity analysis: every proxy is
multiplied by each of ``proxy_factors`` (default 0.5 and 1.5) and every share is moved by
``share_delta`` (default +/- 0.10, kept within 0 and 1), one at a time; the discount rate takes
each of ``discount_rates`` (default 0 and 0.07). The proxy multiplier at which the ratio is 1
(break-even) is reported per outcome (PV is linear in each proxy).

Protocol shape (``sroi`` key; every problem is an InputError naming the key)::

    sroi:
      currency: EUR                 # default EUR
      inputs: 40000                 # a number, or a mapping item -> amount (summed)
      discount_rate: 0.035          # default 0.035
      outcomes:
        - name: less stress          # required, unique
          quantity: 12               # required unless quantity_from is given
          quantity_from: rci_improved  # or n_paired: a count taken from results for `outcome`
          outcome: pss10_score       # the results outcome this value rests on (optional)
          proxy: 250                 # required: value per unit per year
          proxy_source: text         # where the proxy comes from (shown in the report)
          duration: 2                # whole years >= 1, default 1
          deadweight: 0.3            # shares 0-1, default 0
          displacement: 0.0
          attribution: 0.25
          drop_off: 0.5
      sensitivity:                  # optional
        proxy_factors: [0.5, 1.5]
        share_delta: 0.1
        discount_rates: [0.0, 0.07]
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from .._result import Result, TableResult, clean_json
from ..errors import InputError
from ._common import as_protocol, is_number

__all__ = ["sroi", "sroi_from_spec", "check_sroi_spec", "SROIResult", "GREEN_BOOK_RATE"]

GREEN_BOOK_RATE = 0.035
_SHARES = ("deadweight", "displacement", "attribution", "drop_off")
_OUTCOME_KEYS = ("name", "quantity", "quantity_from", "outcome", "proxy", "proxy_source",
                 "duration", "unit") + _SHARES
_TOP_KEYS = ("currency", "inputs", "discount_rate", "outcomes", "sensitivity")
_SENS_KEYS = ("proxy_factors", "share_delta", "discount_rates")


def _fail(key, message):
    raise InputError(message, file="protocol", column=f"sroi.{key}" if key else "sroi",
                     rule="sroi inputs")


def check_sroi_spec(spec, results=None) -> dict:
    """Validate an ``sroi`` mapping and return it normalised (defaults filled in).

    ``quantity_from`` is resolved against ``results`` (the outcome's ``rci_improved`` or
    ``n_paired``: a whole number, or a mapping with ``n``).
    """
    if not isinstance(spec, Mapping):
        _fail(None, "'sroi' must be a mapping")
    for key in spec:
        if key not in _TOP_KEYS:
            _fail(key, f"unknown key 'sroi.{key}'; known keys: {', '.join(_TOP_KEYS)}")
    inputs = spec.get("inputs")
    if isinstance(inputs, Mapping):
        for item, amount in inputs.items():
            if not is_number(amount) or amount < 0:
                _fail(f"inputs.{item}", f"'sroi.inputs.{item}' must be an amount >= 0, got {amount!r}")
        total = float(sum(inputs.values()))
    elif is_number(inputs):
        total = float(inputs)
    else:
        _fail("inputs", f"'sroi.inputs' must be an amount or a mapping item -> amount, got {inputs!r}")
    if total <= 0:
        _fail("inputs", "'sroi.inputs' must add up to more than zero")
    rate = spec.get("discount_rate", GREEN_BOOK_RATE)
    if not is_number(rate) or not 0 <= rate < 1:
        _fail("discount_rate", f"'sroi.discount_rate' must be a number from 0 to 1, got {rate!r}")
    currency = spec.get("currency", "EUR")
    if not isinstance(currency, str) or not currency.strip():
        _fail("currency", "'sroi.currency' must be a text such as EUR")
    outcomes = spec.get("outcomes")
    if not isinstance(outcomes, list) or not outcomes:
        _fail("outcomes", "'sroi.outcomes' must be a non-empty list of outcomes")
    clean, names = [], set()
    for i, o in enumerate(outcomes):
        where = f"outcomes[{i}]"
        if not isinstance(o, Mapping):
            _fail(where, f"'sroi.{where}' must be a mapping")
        for key in o:
            if key not in _OUTCOME_KEYS:
                _fail(f"{where}.{key}", f"unknown key 'sroi.{where}.{key}'; known keys: "
                                        f"{', '.join(_OUTCOME_KEYS)}")
        name = o.get("name")
        if not isinstance(name, str) or not name.strip():
            _fail(f"{where}.name", f"'sroi.{where}.name' must be a non-empty text")
        if name in names:
            _fail(f"{where}.name", f"'sroi.{where}.name' repeats the name {name!r}")
        names.add(name)
        row = {"name": name, "outcome": o.get("outcome"), "proxy_source": o.get("proxy_source"),
               "unit": o.get("unit")}
        if "quantity_from" in o:
            source = o["quantity_from"]
            if source not in ("rci_improved", "n_paired"):
                _fail(f"{where}.quantity_from",
                      f"'sroi.{where}.quantity_from' must be rci_improved or n_paired, got {source!r}")
            row["quantity"] = _quantity_from(results, o.get("outcome"), source, where)
            row["quantity_from"] = source
        else:
            q = o.get("quantity")
            if not is_number(q) or q < 0:
                _fail(f"{where}.quantity", f"'sroi.{where}.quantity' must be a number >= 0, got {q!r}")
            row["quantity"] = float(q)
        proxy = o.get("proxy")
        if not is_number(proxy):
            _fail(f"{where}.proxy", f"'sroi.{where}.proxy' must be a number, got {proxy!r}")
        row["proxy"] = float(proxy)
        duration = o.get("duration", 1)
        if not isinstance(duration, int) or isinstance(duration, bool) or not 1 <= duration <= 50:
            _fail(f"{where}.duration",
                  f"'sroi.{where}.duration' must be a whole number of years from 1 to 50")
        row["duration"] = duration
        for share in _SHARES:
            value = o.get(share, 0.0)
            if not is_number(value) or not 0 <= value <= 1:
                _fail(f"{where}.{share}",
                      f"'sroi.{where}.{share}' must be a share from 0 to 1, got {value!r}")
            row[share] = float(value)
        clean.append(row)
    sens = spec.get("sensitivity") or {}
    if not isinstance(sens, Mapping):
        _fail("sensitivity", "'sroi.sensitivity' must be a mapping")
    for key in sens:
        if key not in _SENS_KEYS:
            _fail(f"sensitivity.{key}", f"unknown key 'sroi.sensitivity.{key}'; known keys: "
                                        f"{', '.join(_SENS_KEYS)}")
    factors = sens.get("proxy_factors", [0.5, 1.5])
    rates = sens.get("discount_rates", [0.0, 0.07])
    delta = sens.get("share_delta", 0.1)
    for key, values in (("proxy_factors", factors), ("discount_rates", rates)):
        if not isinstance(values, list) or not all(is_number(v) and v >= 0 for v in values):
            _fail(f"sensitivity.{key}", f"'sroi.sensitivity.{key}' must be a list of numbers >= 0")
    if not is_number(delta) or not 0 <= delta <= 1:
        _fail("sensitivity.share_delta", "'sroi.sensitivity.share_delta' must be from 0 to 1")
    return {"currency": currency, "inputs": total, "discount_rate": float(rate), "outcomes": clean,
            "sensitivity": {"proxy_factors": [float(f) for f in factors],
                            "discount_rates": [float(r) for r in rates],
                            "share_delta": float(delta)}}


def _quantity_from(results, outcome, source, where):
    if results is None:
        _fail(f"{where}.quantity_from", f"'sroi.{where}.quantity_from' needs the results")
    if hasattr(results, "to_dict") and not isinstance(results, Mapping):
        results = results.to_dict()
    for row in results.get("outcomes") or []:
        if row.get("outcome") == outcome:
            value = row.get(source)
            if isinstance(value, Mapping):
                value = value.get("n")
            if is_number(value) and value >= 0:
                return float(value)
            _fail(f"{where}.quantity_from", f"results hold no count '{source}' for {outcome!r}")
    _fail(f"{where}.outcome", f"'sroi.{where}.outcome' {outcome!r} is not an outcome of the results")


def _present_value(outcomes, rate):
    """(PV per outcome, value per year rows) for normalised outcomes."""
    per_outcome, years = {}, {}
    for o in outcomes:
        first = (o["quantity"] * o["proxy"] * (1 - o["deadweight"]) * (1 - o["displacement"])
                 * (1 - o["attribution"]))
        pv = 0.0
        for t in range(1, o["duration"] + 1):
            value = first * (1 - o["drop_off"]) ** (t - 1)
            years[t] = years.get(t, 0.0) + value
            pv += value / (1 + rate) ** t
        per_outcome[o["name"]] = (first, pv)
    return per_outcome, years


def sroi(spec, results=None) -> "SROIResult":
    """Social return on investment from an ``sroi`` mapping (formulas in the module docstring).

    Parameters
    ----------
    spec : mapping
        The protocol's ``sroi`` mapping (shape in the module docstring).
    results : dict or impact.Results, optional
        Needed only for ``quantity_from``.

    Returns
    -------
    SROIResult
        ``present_value, inputs, net_present_value, ratio, outcomes`` (per outcome
        ``impact_year1`` and ``present_value``), ``years`` (undiscounted value and present
        value per year) and ``sensitivity()`` (a TableResult: ``parameter, outcome, setting,
        present_value, ratio``).

    References
    ----------
    Cabinet Office (2012). A guide to Social Return on Investment. SROI Network.

    Examples
    --------
    >>> impact.sroi({"inputs": 1000, "outcomes": [{"name": "x", "quantity": 10,
    ...              "proxy": 100}]}).ratio
    0.966...

    No R package implements SROI; the arithmetic is the guide's spreadsheet.
    """
    clean = check_sroi_spec(spec, results)
    return SROIResult(clean)


def sroi_from_spec(protocol, results=None) -> "SROIResult | None":
    """:func:`sroi` on the protocol's ``sroi`` key; None when the protocol has none."""
    raw = as_protocol(protocol)
    if raw.get("sroi") is None:
        return None
    return sroi(raw["sroi"], results)


class SROIResult(Result):
    """SROI: present value, ratio, value per year and sensitivity."""

    title = "Social return on investment"

    def __init__(self, spec: dict):
        self.spec = spec
        per, years = _present_value(spec["outcomes"], spec["discount_rate"])
        self.outcomes = [{**o, "impact_year1": per[o["name"]][0],
                          "present_value": per[o["name"]][1]} for o in spec["outcomes"]]
        rate = spec["discount_rate"]
        self.years = [{"year": t, "value": v, "present_value": v / (1 + rate) ** t}
                      for t, v in sorted(years.items())]
        self.present_value = sum(o["present_value"] for o in self.outcomes)
        self.inputs = spec["inputs"]
        self.net_present_value = self.present_value - self.inputs
        self.ratio = self.present_value / self.inputs
        self.currency = spec["currency"]
        self.discount_rate = rate

    def to_dict(self) -> dict:
        return clean_json({"currency": self.currency, "inputs": self.inputs,
                           "discount_rate": self.discount_rate,
                           "present_value": self.present_value,
                           "net_present_value": self.net_present_value, "ratio": self.ratio,
                           "outcomes": self.outcomes, "years": self.years,
                           "sensitivity": self.sensitivity().to_dict()})

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(self.outcomes)

    def _ratio_with(self, outcomes, rate):
        per, _ = _present_value(outcomes, rate)
        pv = sum(v[1] for v in per.values())
        return pv, pv / self.inputs

    def sensitivity(self) -> TableResult:
        """One-at-a-time sensitivity of the ratio (settings in the module docstring)."""
        sens = self.spec["sensitivity"]
        base = self.spec["outcomes"]
        rate = self.discount_rate
        rows = [{"parameter": "base", "outcome": None, "setting": None,
                 "present_value": self.present_value, "ratio": self.ratio}]
        for i, o in enumerate(base):
            for factor in sens["proxy_factors"]:
                changed = [dict(x) for x in base]
                changed[i]["proxy"] = o["proxy"] * factor
                pv, ratio = self._ratio_with(changed, rate)
                rows.append({"parameter": "proxy_factor", "outcome": o["name"], "setting": factor,
                             "present_value": pv, "ratio": ratio})
            for share in _SHARES:
                for sign in (-1, 1):
                    value = min(1.0, max(0.0, o[share] + sign * sens["share_delta"]))
                    if value == o[share]:
                        continue
                    changed = [dict(x) for x in base]
                    changed[i][share] = value
                    pv, ratio = self._ratio_with(changed, rate)
                    rows.append({"parameter": share, "outcome": o["name"], "setting": value,
                                 "present_value": pv, "ratio": ratio})
            own = next(x["present_value"] for x in self.outcomes if x["name"] == o["name"])
            if own > 0:
                factor = (self.inputs - (self.present_value - own)) / own
                rows.append({"parameter": "break_even_proxy_factor", "outcome": o["name"],
                             "setting": factor, "present_value": self.inputs, "ratio": 1.0})
        for r in sens["discount_rates"]:
            pv, ratio = self._ratio_with(base, r)
            rows.append({"parameter": "discount_rate", "outcome": None, "setting": r,
                         "present_value": pv, "ratio": ratio})
        return TableResult(rows, title="SROI sensitivity")

    def _repr_html_(self) -> str:
        return (f"<p><strong>{html.escape(self.title)}</strong>: ratio {self.ratio:.2f} "
                f"({html.escape(self.currency)} {self.present_value:,.0f} / "
                f"{self.inputs:,.0f})</p>" + self.to_frame().to_html(index=False, escape=True))
