"""One 35-participant cohort, written in every layout and survey-tool format impact reads.

Used by tests/test_io_layouts.py (the same results whatever the format) and the hostile-input
corpus. Every file is produced here from the same answers; nothing binary is committed.

Answers: PSS-10 (0-4) and De Jong Gierveld 11 (1-3) at T0 and T1; participants 31-35 have no
T1 (lost to follow-up); a few items are left empty.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

PSS = [f"pss10_{k}" for k in range(1, 11)]
DJG = [f"djg11_{k}" for k in range(1, 12)]
ITEMS = PSS + DJG
WAVES = ("T0", "T1")
N = 35
LOST = 5
PSS_NL = {0: "nooit", 1: "bijna nooit", 2: "soms", 3: "vaak", 4: "heel vaak"}
PSS_EN = {0: "Never", 1: "Almost never", 2: "Sometimes", 3: "Fairly often", 4: "Very often"}
DJG_NL = {1: "nee", 2: "min of meer", 3: "ja"}
DJG_EN = {1: "No", 2: "More or less", 3: "Yes"}

BASE_PROTOCOL = """title: Kunst op Recept, cohort in vele vormen
language: nl
waves: [T0, T1]
instruments: [pss10, djg11]
primary_outcome: pss10_score
seed: 3
"""


def long_frame(seed: int = 11) -> pd.DataFrame:
    """The cohort as the contract's long frame: numbers, NaN for an empty item."""
    rng = np.random.default_rng(seed)
    rows = []
    for wave in WAVES:
        count = N if wave == "T0" else N - LOST
        shift = 0 if wave == "T0" else -1
        for i in range(count):
            pss = np.clip(rng.integers(0, 5, 10) + (shift if rng.random() < 0.6 else 0), 0, 4)
            djg = rng.integers(1, 4, 11)
            rows.append([f"KOR-{i + 1:03d}", wave, *pss.tolist(), *djg.tolist()])
    frame = pd.DataFrame(rows, columns=["participant_id", "wave", *ITEMS])
    frame[ITEMS] = frame[ITEMS].astype(float)
    frame.loc[3, "pss10_4"] = np.nan          # one empty item: score prorated
    frame.loc[40, "djg11_2"] = np.nan
    frame.loc[7, ["pss10_1", "pss10_2"]] = np.nan  # two empty: pss10 score empty
    return frame


def _as_text(frame):
    out = frame.copy()
    for c in ITEMS:
        out[c] = out[c].map(lambda v: "" if pd.isna(v) else str(int(v)))
    return out


def write_long_csv(frame, path):
    _as_text(frame).to_csv(path, index=False, lineterminator="\n")
    return path


def _label(value, labels, style):
    if pd.isna(value):
        return None
    text = labels[int(value)]
    return {0: text, 1: text.upper(), 2: f"  {text.capitalize()} "}[style]


def wide_frame(frame, labels=False, pattern="{item}_{wave}") -> pd.DataFrame:
    """One row per participant; item cells as Dutch labels (mixed case, spaces) if ``labels``."""
    out = pd.DataFrame({"participant_id": frame.loc[frame.wave == "T0", "participant_id"]})
    out = out.reset_index(drop=True)
    for wave in WAVES:
        part = frame[frame.wave == wave].set_index("participant_id")
        for c in ITEMS:
            values = part[c].reindex(out["participant_id"]).to_numpy()
            if labels:
                table = PSS_NL if c.startswith("pss10") else DJG_NL
                values = [_label(v, table, k % 3) for k, v in enumerate(values)]
            out[pattern.format(item=c, wave=wave)] = values
    return out


def write_wide_xlsx_labels(frame, path):
    """Wide XLSX with Dutch answer labels and two title rows above the header."""
    import openpyxl

    wide = wide_frame(frame, labels=True)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Antwoorden"
    ws.append(["Kunst op Recept: vragenlijsten intake en einde"])
    ws.append([])
    ws.append(list(wide.columns))
    for row in wide.itertuples(index=False):
        ws.append([None if (v is None or (isinstance(v, float) and np.isnan(v))) else v
                   for v in row])
    book.save(path)
    return path


def write_per_wave(frame, folder):
    """T0 as intake.xlsx (codes), T1 as eind.csv (semicolon, Windows-1252, Dutch labels)."""
    t0 = frame[frame.wave == "T0"].drop(columns="wave")
    t1 = frame[frame.wave == "T1"].drop(columns="wave").copy()
    t0.to_excel(folder / "intake.xlsx", index=False)
    for c in ITEMS:
        table = PSS_NL if c.startswith("pss10") else DJG_NL
        t1[c] = [_label(v, table, k % 3) for k, v in enumerate(t1[c])]
    t1.rename(columns={"participant_id": "Deelnemer nr"}).to_csv(
        folder / "eind.csv", sep=";", index=False, encoding="cp1252", lineterminator="\r\n")
    return {"T0": "intake.xlsx", "T1": "eind.csv"}


def write_qualtrics(frame, path):
    """A Qualtrics CSV export ("Use choice text"): three header rows, English choice texts,
    the participant code and wave as embedded data, items as Q1_1 .. Q2_11."""
    header = ["StartDate", "EndDate", "Status", "Progress", "Finished", "ResponseId",
              "deelnemer", "meting"]
    qids = [f"Q1_{k}" for k in range(1, 11)] + [f"Q2_{k}" for k in range(1, 12)]
    text = ["Start Date", "End Date", "Response Type", "Progress", "Finished", "Response ID",
            "deelnemer", "meting"]
    text += [f"In the last month, how often ... - statement {k}\n(PSS)" for k in range(1, 11)]
    text += [f"Loneliness - statement {k}" for k in range(1, 12)]
    imports = [json.dumps({"ImportId": i}) for i in ("startDate", "endDate", "status",
                                                     "progress", "finished", "_recordId",
                                                     "deelnemer", "meting")]
    imports += [json.dumps({"ImportId": f"QID{1 if q.startswith('Q1') else 2}_{q.split('_')[1]}"})
                for q in qids]
    body = []
    for i, row in enumerate(frame.itertuples(index=False)):
        values = dict(zip(frame.columns, row))
        cells = ["2026-03-01 10:00:00", "2026-03-01 10:09:00", "IP Address", "100", "True",
                 f"R_{i:015d}", values["participant_id"], values["wave"]]
        cells += [PSS_EN[int(values[c])] if pd.notna(values[c]) else "" for c in PSS]
        cells += [DJG_EN[int(values[c])] if pd.notna(values[c]) else "" for c in DJG]
        body.append(cells)
    table = pd.DataFrame([text, imports] + body, columns=header + qids)
    table.to_csv(path, index=False, lineterminator="\n")
    mapping = {"deelnemer": "participant_id", "meting": "wave"}
    mapping.update({q: c for q, c in zip(qids, ITEMS)})
    return path, mapping


def write_sav(frame, path):
    """SPSS .sav with value labels; PSS-10 stored as 1-5 ("nooit" = 1), as many SPSS files do:
    the value labels say which answer each code is."""
    import pyreadstat

    out = frame.copy()
    out[PSS] = out[PSS] + 1
    out["wave"] = out["wave"].map({"T0": 1, "T1": 2}).astype(float)
    labels = {c: {k + 1.0: v for k, v in PSS_NL.items()} for c in PSS}
    labels.update({c: {float(k): v for k, v in DJG_NL.items()} for c in DJG})
    labels["wave"] = {1.0: "T0", 2.0: "T1"}
    pyreadstat.write_sav(out, str(path), variable_value_labels=labels)
    return path


def protocol(extra: str = "") -> str:
    return BASE_PROTOCOL + extra


# ------------------------------------------------------------------------- survey-tool exports
def _labelled(frame, tables, style=0):
    out = frame.copy().astype(object)
    for c in ITEMS:
        table = tables[0] if c.startswith("pss10") else tables[1]
        out[c] = [None if pd.isna(v) else (table[int(v)] if style == 0 else _label(v, table, k % 3))
                  for k, v in enumerate(frame[c])]
    return out


def write_limesurvey(frame, path, full_answers: bool):
    """LimeSurvey "Export responses" as CSV, heading type "question code": array questions give
    ``PSS[SQ001]`` .. headers; answers as answer codes (A1 ..) or as full answer texts."""
    heads = ["id", "submitdate", "lastpage", "startlanguage", "seed", "deelnemer", "meting"]
    pss = [f"PSS[SQ{k:03d}]" for k in range(1, 11)]
    djg = [f"DJG[SQ{k:03d}]" for k in range(1, 12)]
    if full_answers:
        body = _labelled(frame, (PSS_NL, DJG_NL))
    else:
        body = frame.copy().astype(object)
        for c in ITEMS:
            shift = 1 if c.startswith("pss10") else 0  # A1 = first answer option
            body[c] = [None if pd.isna(v) else f"A{int(v) + shift}" for v in frame[c]]
    out = pd.DataFrame({"id": range(1, len(frame) + 1), "submitdate": "2026-03-01 10:00:00",
                        "lastpage": 3, "startlanguage": "nl", "seed": 123456,
                        "deelnemer": frame["participant_id"], "meting": frame["wave"]})
    for head, c in zip(pss + djg, ITEMS):
        out[head] = body[c].to_numpy()
    out.to_csv(path, index=False, quoting=1, lineterminator="\r\n")  # LimeSurvey quotes all
    mapping = {"deelnemer": "participant_id", "meting": "wave"}
    mapping.update(dict(zip(pss + djg, ITEMS)))
    labels = None
    if not full_answers:
        labels = {"pss10": {f"A{k + 1}": k for k in range(5)},
                  "djg11": {f"A{k}": k for k in range(1, 4)}}
    return path, mapping, labels


QUESTION_NL = {c: f"Stelling {k}: hoe vaak in de afgelopen maand ...?" for k, c in
               enumerate(PSS, start=1)}
QUESTION_NL.update({c: f"Eenzaamheid, uitspraak {k}" for k, c in enumerate(DJG, start=1)})


def write_ms_forms(frame, path):
    """Microsoft Forms "Open in Excel": Id, Start time, Completion time, Email, Name, then one
    column per question headed by its text; choice answers as their text."""
    body = _labelled(frame, (PSS_NL, DJG_NL))
    out = pd.DataFrame({"Id": range(1, len(frame) + 1),
                        "Start time": pd.Timestamp("2026-03-01 10:00"),
                        "Completion time": pd.Timestamp("2026-03-01 10:12"),
                        "Email": "anonymous", "Name": None,
                        "Deelnemersnummer": frame["participant_id"],
                        "Meting": frame["wave"]})
    for c in ITEMS:
        out[QUESTION_NL[c] + " "] = body[c].to_numpy()  # Forms keeps a trailing space
    out.to_excel(path, index=False, sheet_name="Sheet1")
    mapping = {"Deelnemersnummer": "participant_id", "Meting": "wave"}
    mapping.update({QUESTION_NL[c]: c for c in ITEMS})
    return path, mapping


def write_google_forms(frame, path):
    """Google Forms responses downloaded as CSV: Timestamp, then the question texts; answers as
    the option texts (English form)."""
    body = _labelled(frame, (PSS_EN, DJG_EN))
    out = pd.DataFrame({"Timestamp": "2026/03/01 10:00:00 AM CET",
                        "Participant code": frame["participant_id"],
                        "Measurement": frame["wave"]})
    questions = {c: f"How often in the last month ... [Statement {k}]" for k, c in
                 enumerate(ITEMS, start=1)}
    for c in ITEMS:
        out[questions[c]] = body[c].to_numpy()
    out.to_csv(path, index=False, lineterminator="\n")
    mapping = {"Participant code": "participant_id", "Measurement": "wave"}
    mapping.update({"  " + q.upper() + " ": c for c, q in questions.items()})  # any case/spaces
    return path, mapping


CASTOR_MISSING = [-95, -96, -97, -98, -99]


def write_castor(frame, path):
    """Castor EDC study export (CSV): semicolon separated, wide (one row per participant),
    Participant Id, Participant Status, Site Abbreviation, Participant Creation date, then the
    study variables (here ``T0_pss10_1`` ..); an empty item exported as user missing -98."""
    wide = wide_frame(frame, pattern="{wave}_{item}")
    out = pd.DataFrame({"Participant Id": wide["participant_id"],
                        "Participant Status": "Completed",
                        "Site Abbreviation": "LEI",
                        "Participant Creation date": "01-03-2026 10:00:00"})
    for col in wide.columns[1:]:
        values = wide[col]
        wave = col.split("_")[0]
        has_wave = frame[frame.wave == wave].set_index("participant_id").reindex(
            wide["participant_id"])["pss10_1"].notna() | (wave == "T0")
        cells = []
        for v, present in zip(values, has_wave):
            if pd.isna(v):
                cells.append("-98" if present and wave == "T0" else "")
            else:
                cells.append(str(int(v)))
        out[col] = cells
    out.to_csv(path, sep=";", index=False, lineterminator="\r\n")
    return path


def write_merged_header(frame, path):
    """A wide XLSX whose waves are merged cells above the item names (two header rows)."""
    import openpyxl

    wide = wide_frame(frame)
    book = openpyxl.Workbook()
    ws = book.active
    n = len(ITEMS)
    ws.append(["Vragenlijst", None] + ["Intake"] + [None] * (n - 1) + ["Einde"])
    ws.cell(row=1, column=3).value = "T0"
    ws.cell(row=1, column=3 + n).value = "T1"
    ws.merge_cells(start_row=1, start_column=3, end_row=1, end_column=2 + n)
    ws.merge_cells(start_row=1, start_column=3 + n, end_row=1, end_column=2 + 2 * n)
    ws.append(["participant_id", "opmerking"] + ITEMS + ITEMS)
    for row in wide.itertuples(index=False):
        values = [None if (isinstance(v, float) and np.isnan(v)) else v for v in row]
        ws.append([values[0], None] + values[1:])
    book.save(path)
    return path
