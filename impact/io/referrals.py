"""Referral records: read, validate and normalise (DESIGN.md, "Referral records").

Columns: ``referral_id, participant_id, referrer, referral_date`` required; optional
``referrer_type, route, intake_date, start_date, end_date, status`` and background columns
(``neighbourhood``, ``age``) for reach. A legacy ``started`` column (true/false, written by the
synthetic cohorts before statuses existed) is read as status ``started`` / ``referred``.

Rules (each problem names file, row and column):

* ``referral_id`` present and unique; ``referrer`` present; ``participant_id`` may be empty (a
  referral that never led to a registration).
* Dates in ISO (``2025-03-09``), Dutch numeric (``9-3-2025``, ``09/03/2025``, ``9.3.2025``) or
  Dutch words (``9 maart 2025``, ``9 mrt 2025``) form, or spreadsheet dates; anything else is an
  error. A start before the referral, or an end before the start, is a warning (the interval is
  left out of the days to start).
* ``status`` one of referred, intake, started, completed, declined, dropped_out (Dutch:
  verwezen, intake, gestart, afgerond, afgezien/geweigerd, uitgevallen); without a status column
  it follows from the dates (end -> completed, start -> started, intake -> intake, else referred).
* ``route`` one of direct, welzijn_op_recept, zorgdomein (any case; spaces and hyphens allowed).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, ProblemList

__all__ = ["read_referrals", "parse_date", "STATUSES", "ROUTES", "REQUIRED"]

REQUIRED = ("referral_id", "participant_id", "referrer", "referral_date")
DATE_COLUMNS = ("referral_date", "intake_date", "start_date", "end_date")
STATUSES = ("referred", "intake", "started", "completed", "declined", "dropped_out")
ROUTES = ("direct", "welzijn_op_recept", "zorgdomein")
_STATUS_SYNONYMS = {
    "referred": "referred", "verwezen": "referred", "aangemeld": "referred",
    "intake": "intake", "intake gedaan": "intake",
    "started": "started", "gestart": "started", "deelnemer": "started", "loopt": "started",
    "completed": "completed", "afgerond": "completed", "voltooid": "completed",
    "declined": "declined", "afgezien": "declined", "geweigerd": "declined",
    "niet gestart": "declined", "afgewezen": "declined",
    "dropped_out": "dropped_out", "dropped out": "dropped_out", "uitgevallen": "dropped_out",
    "gestopt": "dropped_out", "voortijdig gestopt": "dropped_out",
}
_ROUTE_SYNONYMS = {"direct": "direct", "rechtstreeks": "direct", "direct verwezen": "direct",
                   "welzijn_op_recept": "welzijn_op_recept", "welzijn op recept": "welzijn_op_recept",
                   "wor": "welzijn_op_recept", "zorgdomein": "zorgdomein", "zorg domein": "zorgdomein"}
_MONTHS = {"januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3,
           "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
           "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
           "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")


def parse_date(value):
    """A date from ISO, Dutch numeric (day first) or Dutch words; ``None`` when empty.

    Raises ``ValueError`` for text that is no date (including impossible dates as 31-2-2025).

    >>> parse_date("9-3-2025"), parse_date("2025-03-09"), parse_date("9 maart 2025")
    (datetime.date(2025, 3, 9), datetime.date(2025, 3, 9), datetime.date(2025, 3, 9))
    """
    import datetime as dt

    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    text = str(value).strip().lower()
    if text in ("", "nan", "nat", "none"):
        return None
    if m := _ISO.match(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _NL.match(text):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    elif (m := _WORDS.match(text)) and m[2] in _MONTHS:
        d, mo, y = int(m[1]), _MONTHS[m[2]], int(m[3])
    else:
        raise ValueError("not a date")
    return dt.date(y, mo, d)


def _norm(text):
    return re.sub(r"[\s\-]+", " ", str(text).strip().lower())


def _read_table(path: Path, columns):
    from .readers import _read_csv, _read_xlsx

    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        frame, _ = _read_xlsx(path, columns, 1, None)
    elif suffix in (".csv", ".txt", ".tsv", ""):
        frame, _ = _read_csv(path, columns, 1)
    else:
        raise InputError(f"referral records are read from CSV or XLSX, not '{suffix}'",
                         file=path, rule="formats: csv, xlsx")
    if columns:
        frame = frame.rename(columns={str(k): str(v) for k, v in columns.items()})
    return frame


EARLIEST = (1900, 1, 1)  # no referral record is older; 0001-01-01 is a placeholder


def plausible_window(today=None):
    """The dates a referral record may hold without a register period: 1900-01-01 to a year
    after ``today`` (a date beyond is a typo or a placeholder such as 9999-12-31)."""
    import datetime as dt

    today = today or dt.date.today()
    return dt.date(*EARLIEST), dt.date(today.year + 1, today.month, min(today.day, 28))


def read_referrals(path, *, columns: dict | None = None, today=None, period=None):
    """Read and validate a referral file into a normalised frame.

    Parameters
    ----------
    path : str or Path
        CSV (comma or semicolon, any of the package's encodings) or XLSX.
    columns : dict, optional
        Mapping of source column names to contract names.
    today : datetime.date, optional
        Dates after this are warnings (default: the current date).
    period : (date, date), optional
        The register's period (protocol ``referrals.period``): a ``referral_date`` outside it is
        an error naming the row. Without a period, and for the other date columns always, the
        plausible window is 1900-01-01 to ``today`` plus a year (:func:`plausible_window`):
        0001-01-01, 9999-12-31 or a year typed 2031 are errors, never months of a trend.

    Returns
    -------
    (pandas.DataFrame, ProblemList)
        One row per referral, index ``row`` (the file's row number), with ``referral_id,
        participant_id`` (NA when empty), ``referrer, referrer_type, route, status`` (normalised
        text) and the date columns as ``datetime64``; ``status_source`` says whether the status
        was given or derived. The problem list holds the warnings (errors raise).

    Raises
    ------
    InputError
        Every error at once (missing columns, empty ids, duplicates, bad dates, statuses, routes).
    """
    import datetime as dt

    import pandas as pd

    path = Path(path)
    if not path.exists() or not path.is_file():
        raise InputError("referral file does not exist", file=path, rule="file must exist")
    if path.stat().st_size == 0:
        raise InputError("the file is empty", file=path, rule="a header row and data rows")
    frame = _read_table(path, columns)
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputError(f"required column(s) {', '.join(missing)} missing; columns are "
                         f"{', '.join(frame.columns[:40])}", file=path, row=1, column=missing[0],
                         rule="referral files have referral_id, participant_id, referrer, "
                              "referral_date")
    frame = frame.loc[~frame.isna().all(axis=1)]
    if not len(frame):
        raise InputError("the file has a header but no data rows", file=path, row=2,
                         rule="a header row and data rows")
    problems = ProblemList()
    today = today or dt.date.today()
    window = plausible_window(today)
    out = pd.DataFrame(index=frame.index)

    def text(col):
        if col not in frame.columns:
            return pd.Series(pd.NA, index=frame.index, dtype="string")
        s = frame[col].astype("string").str.strip()
        s = s.str.replace(r"\.0$", "", regex=True) if frame[col].dtype.kind == "f" else s
        return s.mask(s == "")

    out["referral_id"] = text("referral_id")
    out["participant_id"] = text("participant_id")
    out["referrer"] = text("referrer")
    for row in out.index[out["referral_id"].isna()]:
        problems.add("referral without a referral_id", file=path, row=int(row),
                     column="referral_id", rule="every referral has an id")
    dup = out["referral_id"].duplicated(keep="first") & out["referral_id"].notna()
    for row in out.index[dup]:
        problems.add(f"referral_id '{out.at[row, 'referral_id']}' occurs more than once",
                     file=path, row=int(row), column="referral_id", rule="referral ids are unique")
    for row in out.index[out["referrer"].isna()]:
        problems.add("referral without a referrer", file=path, row=int(row), column="referrer",
                     rule="every referral names its referrer")
    for col in DATE_COLUMNS:
        values = frame[col] if col in frame.columns else pd.Series(None, index=frame.index)
        parsed = []
        for row, value in values.items():
            try:
                d = parse_date(None if pd.isna(value) else value)
            except (ValueError, TypeError):
                problems.add(f"'{value}' is not a date (use 2025-03-09, 9-3-2025 or 9 maart "
                             f"2025)", file=path, row=int(row), column=col, rule="dates")
                d = None
            low, high = period if (period is not None and col == "referral_date") else window
            if d is not None and not low <= d <= high:
                where = ("the register's period (referrals.period)" if period is not None
                         and col == "referral_date" else "the plausible window")
                problems.add(f"date {d.isoformat()} lies outside {where} {low.isoformat()} to "
                             f"{high.isoformat()}", file=path, row=int(row), column=col,
                             rule="dates lie in the register's period, else 1900 to a year "
                                  "from today")
                d = None
            elif d is not None and d > today:
                problems.add(f"date {d.isoformat()} lies in the future", file=path, row=int(row),
                             column=col, rule="dates", severity="warning")
            parsed.append(d)
        out[col] = pd.to_datetime(pd.Series(parsed, index=frame.index, dtype="object"))
        if col == "referral_date":
            for row in out.index[out[col].isna()]:
                if not any(p.row == row and p.column == col for p in problems.problems):
                    problems.add("referral without a referral_date", file=path, row=int(row),
                                 column=col, rule="every referral has a date")
    for later, earlier in (("intake_date", "referral_date"), ("start_date", "referral_date"),
                           ("end_date", "start_date")):
        bad = out[later] < out[earlier]
        for row in out.index[bad.fillna(False)]:
            problems.add(f"{later} lies before {earlier}", file=path, row=int(row), column=later,
                         rule="date order", severity="warning")
    for col in ("referrer_type", "neighbourhood"):
        out[col] = text(col)
    if "age" in frame.columns:
        age = pd.to_numeric(frame["age"], errors="coerce")
        for row in frame.index[age.isna() & frame["age"].notna()]:
            problems.add(f"age '{frame.at[row, 'age']}' is not a number", file=path,
                         row=int(row), column="age", rule="age is a number of years")
        out["age"] = age
    route = text("route")
    norm_route = route.map(lambda v: _ROUTE_SYNONYMS.get(_norm(v)) if pd.notna(v) else pd.NA)
    for row in out.index[route.notna() & norm_route.isna()]:
        problems.add(f"route '{route[row]}' is not one of {', '.join(ROUTES)}", file=path,
                     row=int(row), column="route", rule="routes")
    out["route"] = norm_route.astype("string")
    if "status" in frame.columns:
        status = text("status")
        norm = status.map(lambda v: _STATUS_SYNONYMS.get(_norm(v)) if pd.notna(v) else pd.NA)
        for row in out.index[status.notna() & norm.isna()]:
            problems.add(f"status '{status[row]}' is not one of {', '.join(STATUSES)}",
                         file=path, row=int(row), column="status", rule="statuses")
        derived = _derive(out)
        out["status_source"] = norm.isna().map({True: "dates", False: "given"})
        out["status"] = norm.fillna(derived).astype("string")
    elif "started" in frame.columns:
        flag = text("started").str.lower()
        truth = flag.map({"true": True, "1": True, "ja": True, "yes": True, "false": False,
                          "0": False, "nee": False, "no": False})
        for row in out.index[flag.notna() & truth.isna()]:
            problems.add(f"'started' must be true or false, got '{flag[row]}'", file=path,
                         row=int(row), column="started", rule="started is true/false")
        out["status"] = truth.map({True: "started", False: "referred"}).fillna(
            _derive(out)).astype("string")
        out["status_source"] = "started column"
    else:
        out["status"] = _derive(out).astype("string")
        out["status_source"] = "dates"
    for row in out.index[(out["status"].isin(["started", "completed", "dropped_out"]))
                         & out["participant_id"].isna()]:
        problems.add(f"status {out.at[row, 'status']} without a participant_id", file=path,
                     row=int(row), column="participant_id", rule="participants have an id",
                     severity="warning")
    problems.raise_if_errors()
    out.index.name = "row"
    out.attrs["source_file"] = str(path)
    # which stages this register can record at all: a stage without a column that says it is
    # unknown ("not recorded"), never 0, and never copied from another stage
    given = "status" in frame.columns and bool(out["status_source"].eq("given").any())
    out.attrs["recorded"] = {
        "referred": True,
        "intake": given or "intake_date" in frame.columns,
        "started": given or "start_date" in frame.columns or "started" in frame.columns,
        "completed": given or "end_date" in frame.columns,
        "declined": given, "dropped_out": given}
    return out, problems


def _derive(out):
    import pandas as pd

    status = pd.Series("referred", index=out.index, dtype="object")
    status[out["intake_date"].notna()] = "intake"
    status[out["start_date"].notna()] = "started"
    status[out["end_date"].notna()] = "completed"
    return status
