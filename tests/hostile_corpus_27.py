"""Hostile cases of issue 27, added to the corpus of tests/hostile_corpus.py (run by
tests/test_io_hostile.py with the same rules: exit code, message with the rule, inputs
byte-identical, nothing written outside ``root/out``, peak memory).

Classes:

- every output hazard against every command that writes a file (symbolic links, a hard link of
  an input, the input itself, a file impact did not write with and without ``--force``, an
  earlier impact output replaced, edited or locked by another run, a folder, a missing folder);
- every folder hazard against every command that writes a folder (foreign files with and without
  ``--force``, an earlier run of another command, an edited or linked file, a file or a symbolic
  link as the folder, the folder holding an input, a concurrent run's lock);
- the inputs that gave silent wrong results: a hidden or extra sheet, the same file for two
  waves, implausible referral dates, survey weights, a workbook of 10 million cells;
- the remaining tracebacks: a corrupt quotes workbook, ``--seed -1``, quotes without codings.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from . import hostile_corpus as H
from .hostile_corpus import Case

E = 2
QDA = Path(__file__).parent / "fixtures" / "qda"
_HELD = []  # lock files held by a builder (a concurrent run), closed by the case's check


def _quiet_main(argv):
    from impact.cli import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main([str(a) for a in argv])
    assert code == 0, argv


@functools.lru_cache(maxsize=None)
def _synth(programme: str) -> Path:
    """A synthetic set written once per test process (copied into each case's in/)."""
    folder = Path(tempfile.mkdtemp(prefix=f"hostile27-{programme}-")) / "set"
    _quiet_main(["synth", "--programme", programme, "--out", folder])
    return folder


def _copy(programme, root, names):
    src = _synth(programme)
    for name in names:
        shutil.copyfile(src / name, root / "in" / name)
    return [root / "in" / n for n in names]


# ---- commands that write one file: (argv without the output, output flag, name, inputs) ---------

def _analyse(root):
    data, proto = H.write_csv(H.cohort(), root), H.write_protocol(root)
    return ["analyse", data, "--protocol", proto], "--output", "results.json", [data, proto]


def _score(root):
    data = H.write_csv(H.cohort(), root)
    return ["score", data, "--instrument", "pss10"], "--output", "scores.csv", [data]


def referral_rows(dates=None, extra=None):
    dates = dates or [f"2024-{m:02d}-1{m % 9}" for m in range(1, 13)]
    rows = [{"referral_id": f"R{i + 1:03d}", "participant_id": f"P{i + 1:03d}",
             "referrer": ["huisarts A", "praktijkondersteuner B", "wijkteam C"][i % 3],
             "referral_date": d, **(extra or {})} for i, d in enumerate(dates)]
    return pd.DataFrame(rows)


def _referrals(root):
    path = H.write_csv(referral_rows(), root, "referrals.csv")
    return ["referrals", path, "--json"], "--output", "referrals.json", [path]


def _monitor(root):
    survey, proto, pop = _copy("wijzer-in-de-wijk", root,
                               ["responses.csv", "protocol.yaml", "population.csv"])
    return ["monitor", survey, "--protocol", proto], "--output", "monitor.json", [survey, proto]


SYNTHESIS_PROTOCOL = "title: t\nlanguage: en\nmodel: random\nmethod: REML\ntest: z\n"


def _studies(root):
    """The synthetic study set with a small protocol (random effects, no moderators: 1 s)."""
    (studies,) = _copy("studies", root, ["studies.csv"])
    proto = root / "in" / "synthesis.yaml"
    proto.write_text(SYNTHESIS_PROTOCOL, encoding="utf-8")
    return studies, proto


def _synthesise(root):
    studies, proto = _studies(root)
    return (["synthesise", studies, "--protocol", proto], "--output", "synthesis.json",
            [studies, proto])


QUOTES = ("quote_id,participant_id,wave,source,role,text\n"
          "q01,P001,T1,exit_interview,participant,Ik durf weer dingen te ondernemen.\n"
          "q02,P002,T1,exit_interview,participant,Bel me op 06-12345678.\n")


def _deidentify(root):
    path = root / "in" / "quotes.csv"
    path.write_text(QUOTES, encoding="utf-8")
    return ["deidentify", path], "--output", "quotes_deid.csv", [path]


def _codebook(root):
    src = root / "in" / "codebook.yaml"
    src.write_text("codes:\n  - id: trots\n    label: {nl: Trots, en: Pride}\n",
                   encoding="utf-8")
    return ["qda", "codebook", src], "--out", "codebook.qdc", [src]


def _agreement(root):
    codings = root / "in" / "codings.csv"
    codings.write_text("unit,coder,code\nQ1,A,x\nQ1,B,x\nQ2,A,y\nQ2,B,x\nQ3,A,y\nQ3,B,y\n",
                       encoding="utf-8")
    return ["agreement", codings, "--n-boot", "0"], "--disagreements", "dis.csv", [codings]


def _plan(root):
    return ["plan", "--design", "prepost", "--effect", "0.5"], "--curve", "curve.png", []


FILE_COMMANDS = {"analyse": _analyse, "score": _score, "referrals": _referrals,
                 "monitor": _monitor, "synthesise": _synthesise, "deidentify": _deidentify,
                 "qda codebook": _codebook, "agreement": _agreement, "plan": _plan}


def _sidecar_check(name):
    def check(root, out, err):
        target = root / "out" / name
        record = json.loads((root / "out" / f".{name}.impact.json").read_text())
        import hashlib

        assert record["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest()
        assert not list((root / "out").glob(".*impact-tmp*"))
        assert not list((root / "out").glob(".*impact-lock"))
    return check


def _release(check=None):
    def done(root, out, err):
        while _HELD:
            os.close(_HELD.pop())
        if check is not None:
            check(root, out, err)
    return done


def file_hazard(command, hazard):
    def build(root):
        argv, flag, name, inputs = FILE_COMMANDS[command](root)
        out = root / "out" / name
        check = None
        if hazard == "symlink":
            victim = root / "outside" / "victim"
            victim.write_text("keep me\n")
            out.symlink_to(victim)
            extra = ["--force"]
        elif hazard == "under symlinked folder":
            (root / "out" / "link").symlink_to(root / "outside", target_is_directory=True)
            out = root / "out" / "link" / name
            extra = ["--force"]
        elif hazard == "hard link of an input":
            os.link(inputs[0], out)
            extra = ["--force"]
        elif hazard == "the input itself":
            out = inputs[0]
            extra = ["--force"]
        elif hazard.startswith("not impact's"):
            out.write_text("mine\n")
            extra = ["--force"] if hazard.endswith("--force") else []
        elif hazard == "a folder":
            out.mkdir()
            extra = ["--force"]
        elif hazard == "missing folder":
            out = root / "out" / "missing" / name
            extra = []
        elif hazard.startswith("earlier run"):
            _quiet_main(argv + [flag, out])
            if hazard == "earlier run, edited, --force":
                with open(out, "ab") as handle:
                    handle.write(b"\n")
            extra = ["--force"] if "--force" in hazard else []
            check = _sidecar_check(name) if hazard == "earlier run, --force" else None
        elif hazard == "locked by another run":
            fd = os.open(root / "out" / f".{name}.impact-lock", os.O_RDWR | os.O_CREAT)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.write(fd, b"process 4242: impact " + command.encode())
            _HELD.append(fd)
            extra = []
            check = _release()
        else:
            raise ValueError(hazard)
        return [*argv, flag, out, *extra], check
    return build


FILE_HAZARDS = {
    "symlink": (E, ["is a symbolic link"]),
    "under symlinked folder": (E, ["lies under a symbolic link"]),
    "hard link of an input": (E, ["would overwrite an input file", "hard link"]),
    "the input itself": (E, ["would overwrite an input file"]),
    "not impact's": (E, ["the output file exists; use --force"]),
    "not impact's, --force": (E, ["impact did not write it"]),
    "a folder": (E, ["the output is a folder"]),
    "missing folder": (E, ["does not exist"]),
    "earlier run": (E, ["use --force"]),
    "earlier run, --force": (0, []),
    "earlier run, edited, --force": (E, ["changed since impact wrote it"]),
    "locked by another run": (E, ["another impact run is writing this output",
                                  "process 4242"]),
}


def _file_cases():
    cases = []
    for command in FILE_COMMANDS:
        for hazard, (code, fragments) in FILE_HAZARDS.items():
            if command == "plan" and hazard in ("hard link of an input", "the input itself"):
                continue
            cases.append(Case(f"{command} output: {hazard}", file_hazard(command, hazard), code,
                              fragments))
    return cases


# ---- commands that write a folder: (argv without --out, inputs) --------------------------------

def _synth_dir(root):
    return ["synth", "--programme", "in-beeld"], []


def _report_dir(root):
    data, proto = H.write_csv(H.cohort(), root), H.write_protocol(root)
    return ["report", data, "--protocol", proto, "--audience", "funder"], [data, proto]


def _monitor_dir(root):
    survey, proto, _ = _copy("wijzer-in-de-wijk", root,
                             ["responses.csv", "protocol.yaml", "population.csv"])
    return ["monitor", survey, "--protocol", proto], [survey, proto]


def _synthesise_dir(root):
    studies, proto = _studies(root)
    return ["synthesise", studies, "--protocol", proto], [studies, proto]


def _qda_dir(root):
    project = root / "in" / "taguette_highlights.csv"
    shutil.copyfile(QDA / "taguette_highlights.csv", project)
    return ["qda", "import", project, "--wave", "T1"], [project]


def _demo_dir(root):
    return ["demo", "--format", "html"], []


FOLDER_COMMANDS = {"synth": _synth_dir, "report": _report_dir, "monitor": _monitor_dir,
                   "synthesise": _synthesise_dir, "qda import": _qda_dir, "demo": _demo_dir}


def _marker(folder, command, files):
    import hashlib

    from impact.commands._output import MARKER

    listed = {n: {"size": (folder / n).stat().st_size,
                  "sha256": hashlib.sha256((folder / n).read_bytes()).hexdigest()}
              for n in files}
    (folder / MARKER).write_text(json.dumps({"command": command, "files": listed}))


def folder_hazard(command, hazard):
    def build(root):
        argv, inputs = FOLDER_COMMANDS[command](root)
        out = root / "out" / "deliverable"
        check = None
        extra = []
        if hazard.startswith("foreign file"):
            out.mkdir()
            (out / "eigen_notities.docx").write_text("mine")
            extra = ["--force"] if hazard.endswith("--force") else []
        elif hazard == "a file":
            out.write_text("mine")
        elif hazard == "symlink":
            (root / "outside" / "folder").mkdir()
            out.symlink_to(root / "outside" / "folder", target_is_directory=True)
            extra = ["--force"]
        elif hazard == "under symlinked folder":
            (root / "out" / "link").symlink_to(root / "outside", target_is_directory=True)
            out = root / "out" / "link" / "deliverable"
        elif hazard == "holds an input":
            out = inputs[0].parent  # in/: the inputs' own folder
            extra = ["--force"]
        elif hazard == "another command's folder, --force":
            out.mkdir()
            (out / "report.html").write_text("<p>x</p>")
            _marker(out, "impact-other", ["report.html"])
            extra = ["--force"]
        elif hazard == "impact's, edited, --force":
            out.mkdir()
            (out / "report.html").write_text("<p>x</p>")
            _marker(out, command, ["report.html"])
            (out / "report.html").write_text("<p>edited</p>")
            extra = ["--force"]
        elif hazard == "impact's, hard link inside, --force":
            out.mkdir()
            (out / "report.html").write_text("<p>x</p>")
            _marker(out, command, ["report.html"])
            os.link(out / "report.html", root / "outside" / "kept.html")
            extra = ["--force"]
        elif hazard == "impact's, symlink inside, --force":
            out.mkdir()
            (out / "report.html").symlink_to(root / "outside" / "victim.html")
            (root / "outside" / "victim.html").write_text("keep")
            _marker(out, command, [])
            json_path = out / ".impact-output.json"
            record = json.loads(json_path.read_text())
            record["files"]["report.html"] = {"size": 4, "sha256": "x"}
            json_path.write_text(json.dumps(record))
            extra = ["--force"]
        elif hazard == "impact's, no --force":
            out.mkdir()
            (out / "report.html").write_text("<p>x</p>")
            _marker(out, command, ["report.html"])
        elif hazard == "locked by another run":
            fd = os.open(root / "out" / ".deliverable.impact-lock", os.O_RDWR | os.O_CREAT)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.write(fd, b"process 4243: impact " + command.encode())
            _HELD.append(fd)
            check = _release()
        else:
            raise ValueError(hazard)
        return [*argv, "--out", out, *extra], check
    return build


FOLDER_HAZARDS = {
    "foreign file": (E, ["holds files impact did not write (eigen_notities.docx)"]),
    "foreign file, --force": (E, ["holds files impact did not write (eigen_notities.docx)"]),
    "a file": (E, ["must be a folder"]),
    "symlink": (E, ["is a symbolic link"]),
    "under symlinked folder": (E, ["lies under a symbolic link"]),
    "holds an input": (E, ["holds the input file"]),
    "another command's folder, --force": (E, ["not of 'impact"]),
    "impact's, edited, --force": (E, ["changed since impact wrote them (report.html)"]),
    "impact's, hard link inside, --force": (E, ["hard links to other files (report.html)"]),
    "impact's, symlink inside, --force": (E, ["symbolic links or special files (report.html)"]),
    "impact's, no --force": (E, ["use --force to replace it"]),
    "locked by another run": (E, ["another impact run is writing this output", "process 4243"]),
}


def _folder_cases():
    cases = []
    for command in FOLDER_COMMANDS:
        for hazard, (code, fragments) in FOLDER_HAZARDS.items():
            if hazard == "holds an input" and command in ("synth", "demo"):
                continue
            cases.append(Case(f"{command} --out: {hazard}", folder_hazard(command, hazard), code,
                              fragments))
    return cases


def earlier_folder(command):
    """An earlier run of the command in the folder, then the same run with --force: replaced."""
    def build(root):
        argv, _ = FOLDER_COMMANDS[command](root)
        out = root / "out" / "deliverable"
        _quiet_main(argv + ["--out", out])
        before = {p.name for p in out.iterdir()}

        def check(root_, o, e):
            assert {p.name for p in out.iterdir()} == before
            assert not [p for p in (root / "out").iterdir() if p.name != "deliverable"]
        return [*argv, "--out", out, "--force"], check
    return build


# ---- inputs ------------------------------------------------------------------------------------

def _workbook(root, sheets, name="data.xlsx"):
    """sheets: [(title, frame, state)] written with openpyxl (state visible/hidden/veryHidden)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, frame, state in sheets:
        ws = book.create_sheet(title)
        ws.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            ws.append(list(row))
        ws.sheet_state = state
    path = root / "in" / name
    book.save(path)
    return path


def _stale(frame):
    stale = frame.copy()
    stale[H.PSS] = (stale[H.PSS] + 1).clip(upper=4)
    return stale


def xlsx_sheets(layout, sheet_option=None, code=E):
    def build(root):
        frame = H.cohort()
        sheets = {"hidden stale first": [("oud", _stale(frame), "hidden"),
                                         ("data", frame, "visible")],
                  "very hidden stale first": [("oud", _stale(frame), "veryHidden"),
                                              ("data", frame, "visible")],
                  "two visible": [("data", frame, "visible"), ("kopie", _stale(frame),
                                                               "visible")],
                  "hidden stale last": [("data", frame, "visible"),
                                        ("oud", _stale(frame), "hidden")]}[layout]
        path = _workbook(root, sheets)
        extra = f"sheet: {sheet_option}\n" if sheet_option is not None else ""
        argv = H.analyse(path, H.write_protocol(root, extra), root)
        return (argv, H.results_check(frame)) if code == 0 else argv
    return build


def xlsx_ten_million(root):
    row = "".join(f"<c><v>{j}</v></c>" for j in range(50))
    path = H.xlsx_raw(root, "".join(f"<row>{row}</row>" for _ in range(200_000)),
                      dimension="A1:B2")
    return H.validate(path, H.write_protocol(root))


def referrals_xlsx_hidden(root):
    frame = referral_rows()
    path = _workbook(root, [("oud", frame.iloc[:3], "hidden"), ("verwijzingen", frame,
                                                                 "visible")], "refs.xlsx")
    return ["referrals", path, "--json"]


def quotes_xlsx(kind):
    def build(root):
        path = root / "in" / "quotes.xlsx"
        if kind == "corrupt":
            path.write_bytes(b"PK\x03\x04 not a workbook")
        elif kind == "random":
            path.write_bytes(os.urandom(3000))
        elif kind == "hidden":
            frame = pd.read_csv(io.StringIO(QUOTES))
            path = _workbook(root, [("oud", frame, "hidden"), ("quotes", frame, "visible")],
                             "quotes.xlsx")
        return ["deidentify", path, "--output", root / "out" / "q.csv"]
    return build


def same_wave_file(kind):
    def build(root):
        frame = H.cohort()
        t0 = root / "in" / "t0.csv"
        frame[frame.wave == "T0"].drop(columns="wave").to_csv(t0, index=False)
        second = "t0.csv"
        if kind == "hard link":
            os.link(t0, root / "in" / "t1.csv")
            second = "t1.csv"
        elif kind == "copy":
            shutil.copyfile(t0, root / "in" / "t1.csv")
            second = "t1.csv"
        elif kind == "dot path":
            second = "./t0.csv"
        protocol = H.write_protocol(root, f"data: {{T0: t0.csv, T1: {second}}}\n")
        return H.analyse(None, protocol, root)
    return build


def referral_date(value, column="referral_date", period=None, code=E):
    def build(root):
        frame = referral_rows()
        if column == "referral_date":
            frame.loc[4, column] = value
        else:
            frame[column] = ""
            frame.loc[4, column] = value
        path = H.write_csv(frame, root, "referrals.csv")
        argv = ["referrals", path, "--json"]
        if period:
            proto = H.write_protocol(root, f"referrals:\n  period: {{start: {period[0]}, "
                                           f"end: {period[1]}}}\n")
            argv += ["--protocol", proto]
        if code == 0:
            def check(root_, out, err):
                result = json.loads(out)["referrals"]
                assert result["funnel"]["records"] == 12, result["funnel"]
            return argv, check
        return argv
    return build


def monitor_weight(values, code=E):
    """Rows 0.. of the synthetic survey get these weights (the others keep theirs)."""
    def build(root):
        survey, proto, _ = _copy("wijzer-in-de-wijk", root,
                                 ["responses.csv", "protocol.yaml", "population.csv"])
        frame = pd.read_csv(survey, dtype=str, keep_default_na=False)
        for i, v in enumerate(values):
            frame.loc[i, "weight"] = v
        frame.to_csv(survey, index=False)
        argv = ["monitor", survey, "--protocol", proto]
        if code == 0:
            def check(root_, out, err):
                estimates = json.loads(out)["monitor"]["estimates"]
                assert estimates and all(e["mean"] is not None for e in estimates)
            return argv, check
        return argv
    return build


def monitor_scaled(root):
    """Every weight times 1e6 (the largest near 2e8): the weighted means are scale-free, so
    the estimates equal those of the original weights."""
    survey, proto, _ = _copy("wijzer-in-de-wijk", root,
                             ["responses.csv", "protocol.yaml", "population.csv"])
    frame = pd.read_csv(survey)
    frame["weight"] = frame["weight"] * 1e6
    frame.to_csv(survey, index=False)

    def check(root_, out, err):
        import impact

        original = _synth("wijzer-in-de-wijk")
        ref = impact.analyse_monitor(original / "responses.csv",
                                     original / "protocol.yaml").to_dict()["estimates"]
        got = json.loads(out)["monitor"]["estimates"]
        assert len(got) == len(ref) > 0
        for a, b in zip(got, ref):
            assert abs(a["mean"] - b["mean"]) < 1e-9 * max(1, abs(b["mean"])), (a, b)
    return ["monitor", survey, "--protocol", proto], check


def output_inside_out(command):
    def build(root):
        argv, _ = FOLDER_COMMANDS[command](root)
        out = root / "out" / "deliverable"
        return [*argv, "--out", out, "--output", out / "results.json"]
    return build


def seed_case(command, seed):
    def build(root):
        if command == "demo":
            return ["demo", "--seed", seed, "--out", root / "out" / "demo"]
        return ["synth", "--programme", "in-beeld", "--seed", seed, "--out", root / "out" / "s"]
    return build


def quotes_alone(flag):
    def build(root):
        data, proto = H.write_csv(H.cohort(), root), H.write_protocol(root)
        side = root / "in" / "side.csv"
        side.write_text(QUOTES if flag == "--quotes" else "unit,coder,code\nq01,A,x\n")
        return ["report", data, "--protocol", proto, "--audience", "funder", flag, side,
                "--out", root / "out" / "r"]
    return build


def _input_cases():
    cases = [
        Case("xlsx hidden stale first sheet", xlsx_sheets("hidden stale first"), E,
             ["holds hidden sheets", "'oud' (hidden)", "'data'", "protocol 'sheet:'"]),
        Case("xlsx very hidden stale first sheet", xlsx_sheets("very hidden stale first"), E,
             ["'oud' (veryHidden)"]),
        Case("xlsx two visible sheets", xlsx_sheets("two visible"), E,
             ["has 2 visible sheets", "'data', 'kopie'"]),
        Case("xlsx hidden stale last sheet", xlsx_sheets("hidden stale last"), E,
             ["holds hidden sheets"]),
        Case("xlsx hidden sheet, protocol names the data", xlsx_sheets("hidden stale first",
                                                                        "data", 0), 0),
        Case("xlsx two visible, protocol names the data", xlsx_sheets("two visible", "data", 0),
             0),
        Case("xlsx two visible, protocol names sheet 1", xlsx_sheets("two visible", 1, 0), 0),
        Case("xlsx protocol names a missing sheet", xlsx_sheets("two visible", "Blad9"), E,
             ["sheet 'Blad9' does not exist"]),
        Case("xlsx protocol names sheet 7", xlsx_sheets("two visible", 7), E,
             ["sheet number 7 does not exist"]),
        Case("xlsx of 10 million cells", xlsx_ten_million, E,
             ["has more than 5,000,000 cells"], subprocess=True),
        Case("referrals xlsx with a hidden sheet", referrals_xlsx_hidden, E,
             ["holds hidden sheets"]),
        Case("quotes xlsx corrupt", quotes_xlsx("corrupt"), E, ["cannot be opened as an Excel"]),
        Case("quotes xlsx random bytes", quotes_xlsx("random"), E,
             ["cannot be opened as an Excel"]),
        Case("quotes xlsx with a hidden sheet", quotes_xlsx("hidden"), E,
             ["holds hidden sheets"]),
        Case("same file for two waves", same_wave_file("same"), E,
             ["waves T0 and T1 are given the same file", "each wave needs its own file"]),
        Case("same file for two waves, ./ spelling", same_wave_file("dot path"), E,
             ["the same file"]),
        Case("hard link for two waves", same_wave_file("hard link"), E, ["the same file"]),
        Case("byte-identical copy for two waves", same_wave_file("copy"), E,
             ["byte-identical files"]),
        Case("monitor --output inside --out", output_inside_out("monitor"), E,
             ["--output lies inside the --out folder"]),
        Case("synthesise --output inside --out", output_inside_out("synthesise"), E,
             ["--output lies inside the --out folder"]),
        Case("analyse --output name of 300 characters", lambda r: _analyse(r)[0] + [
            "--output", r / "out" / ("x" * 300 + ".json")], E, ["File name too long"]),
        Case("synth --out name of 300 characters", lambda r: [
            "synth", "--programme", "in-beeld", "--out", r / "out" / ("x" * 300)], E,
             ["File name too long"]),
        Case("synth --out in /proc", lambda r: [
            "synth", "--programme", "in-beeld", "--out", "/proc/impact-hostile"], E,
             ["cannot write the output"]),
        Case("synth --seed -1", seed_case("synth", "-1"), E, ["--seed must be a whole number"]),
        Case("synth --seed 2**64", seed_case("synth", str(2 ** 64)), E,
             ["--seed must be a whole number"]),
        Case("demo --seed -5", seed_case("demo", "-5"), E, ["--seed must be a whole number"]),
        Case("report --quotes without --codings", quotes_alone("--quotes"), E,
             ["--quotes needs --codings"]),
        Case("report --codings without --quotes", quotes_alone("--codings"), E,
             ["--codings needs --quotes"]),
    ]
    window = ["outside the plausible window 1900-01-01 to"]
    for value, column in [("0001-01-01", "referral_date"), ("9999-12-31", "referral_date"),
                          ("2031-05-01", "referral_date"), ("1899-12-31", "referral_date"),
                          ("31-12-9999", "referral_date"), ("1-1-0001", "referral_date"),
                          ("9 maart 2031", "referral_date"), ("2099-02-28", "referral_date"),
                          ("9999-12-31", "intake_date"), ("0001-01-01", "start_date"),
                          ("2031-01-01", "end_date"), ("1800-06-01", "intake_date")]:
        cases.append(Case(f"referral {column} {value}", referral_date(value, column), E,
                          window + [f"column '{column}'", "row 6"]))
    period = ("2024-01-01", "2024-12-31")
    for value in ("2023-12-31", "2025-01-01", "2020-05-05"):
        cases.append(Case(f"referral_date {value} outside referrals.period",
                          referral_date(value, period=period), E,
                          ["outside the register's period (referrals.period) 2024-01-01 to "
                           "2024-12-31", "row 6"]))
    cases += [
        Case("referral_date 1900-01-01 accepted", referral_date("1900-01-01", code=0), 0),
        Case("referral_date inside referrals.period accepted",
             referral_date("2024-06-30", period=period, code=0), 0),
    ]
    weights = [
        ("1e308", ["1e308"], ["larger than 1e+09"]),
        ("1e10", ["1e10"], ["larger than 1e+09"]),
        ("inf", ["inf"], ["is not a positive number"]),
        ("-inf", ["-inf"], ["is not a positive number"]),
        ("nan", ["nan"], ["is not a positive number"]),
        ("zero", ["0"], ["is not a positive number"]),
        ("negative", ["-3"], ["is not a positive number"]),
        ("text", ["zwaar"], ["is not a positive number"]),
        ("empty", [""], ["is not a positive number"]),
        ("ratio 1e5", ["0.001", "100"], ["more than 10,000 times the smallest"]),
        ("tiny 1e-300", ["1e-300"], ["more than 10,000 times the smallest"]),
        ("all at 1e308", ["1e308"] * 3, ["larger than 1e+09"]),
    ]
    for label, values, fragments in weights:
        cases.append(Case(f"monitor weight {label}", monitor_weight(values), E, fragments))
    cases.append(Case("monitor weights within the ratio", monitor_weight(["2", "150"], 0), 0))
    cases.append(Case("monitor weights scaled by 1e6", monitor_scaled, 0))
    return cases


CASES = (_file_cases() + _folder_cases() + _input_cases()
         + [Case("synth --out earlier synth, --force", earlier_folder("synth"), 0),
            Case("qda import --out earlier import, --force", earlier_folder("qda import"), 0)])
