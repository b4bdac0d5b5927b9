"""Protocol loading: safe YAML, a schema, every problem at once with its line."""

from __future__ import annotations

import json

import pytest

from impact.errors import InputError
from impact.protocol import load_protocol, protocol_from_dict

from .conftest import run_cli

MINIMAL = "title: t\nwaves: [T0, T1]\ninstruments: [pss10]\nprimary_outcome: pss10_score\n"


def load(tmp_path, text, name="protocol.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_protocol(path)


def problems(tmp_path, text):
    with pytest.raises(InputError) as info:
        load(tmp_path, text)
    return info.value.problems


def test_minimal_protocol_and_defaults(tmp_path):
    p = load(tmp_path, "\ufeff" + MINIMAL + "funder:\n")  # BOM and an empty optional key
    assert (p.baseline, p.followup, p.language, p.min_cell_size) == ("T0", "T1", "nl", 10)
    assert [i.id for i in p.instrument_objects] == ["pss10"]
    assert p.path == str(tmp_path / "protocol.yaml")


def test_every_problem_at_once_with_lines(tmp_path):
    found = problems(tmp_path, MINIMAL + "colour: blue\nlanguage: fr\nmin_cell_size: ten\n")
    by_rule = {(p.rule, p.row) for p in found}
    assert ("protocol keys", 5) in by_rule             # unknown key on line 5
    assert ("protocol types", 6) in by_rule            # language fr on line 6
    assert ("protocol types", 7) in by_rule            # min_cell_size not a number
    assert all(p.file.endswith("protocol.yaml") for p in found)


def test_detail_checks(tmp_path):
    text = MINIMAL + (
        "reliable_change:\n  pss10_score: {reliability: 1.4, sd: -2}\n  wemwbs_score: {sd: 3}\n"
        "secondary_outcomes: [pss10_score, mph_body]\n"
        "columns: {Nr: participant_id, Respondent: participant_id}\n"
        "design: rct\np_adjust: bonferroni\nheader_row: 0\n"
        "min_answered: {pss10: 0, wemwbs: 10}\n")
    messages = " | ".join(p.message for p in problems(tmp_path, text))
    for fragment in ["reliability of 'pss10_score' must be between 0 and 1",
                     "sd of 'pss10_score' must be a finite positive number",
                     "reliable_change names 'wemwbs_score'",
                     "secondary outcome 'mph_body' is not produced",
                     "maps several source columns to 'participant_id'",
                     "'design' must be one of", "'p_adjust' must be one of",
                     "'header_row' must be at least 1",
                     "min_answered for 'pss10' must be a whole number >= 1",
                     "min_answered names 'wemwbs', which is not one of the protocol's"]:
        assert fragment in messages, fragment


def test_safe_loader_refuses_object_tags_and_duplicate_keys(tmp_path):
    marker = tmp_path / "pwned"
    found = problems(tmp_path, MINIMAL + f'x: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert "python/object/apply:os.system" in found[0].message and found[0].row == 5
    assert not marker.exists()
    found = problems(tmp_path, MINIMAL + "waves: [T0, T2]\n")
    assert "key 'waves' is given twice (first on line 2)" in found[0].message


def test_custom_instrument_file_is_used_by_the_analysis(tmp_path):
    (tmp_path / "eigen.yaml").write_text(
        "id: eigen\nname: Eigen vragenlijst\nitems: 3\nmin: 1\nmax: 5\nscoring: sum\n")
    rows = ["participant_id,wave,eigen_1,eigen_2,eigen_3"]
    change = []
    for i in range(6):
        pre, post = [1 + i % 3, 2, 3], [1 + (2 * i) % 5, 2 + i % 2, 3 + i % 3 // 2]
        rows += [f"P{i},T0,{pre[0]},{pre[1]},{pre[2]}", f"P{i},T1,{post[0]},{post[1]},{post[2]}"]
        change.append(sum(post) - sum(pre))
    data = tmp_path / "data.csv"
    data.write_text("\n".join(rows) + "\n")
    proto = tmp_path / "protocol.yaml"
    proto.write_text("title: t\nwaves: [T0, T1]\ninstruments: []\ninstrument_files: [eigen.yaml]\n"
                     "primary_outcome: eigen_score\n")
    p = load_protocol(proto)
    assert p.instruments == ["eigen"] and p.instrument_objects[0].items == 3
    proc = run_cli("analyse", data, "--protocol", proto)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    primary = out["outcomes"][0]
    assert primary["outcome"] == "eigen_score" and primary["n_paired"] == 6
    assert primary["mean_change"] == pytest.approx(sum(change) / 6)


def test_protocol_from_dict_rejects_non_mapping():
    with pytest.raises(InputError, match="must be a YAML mapping"):
        protocol_from_dict(["T0", "T1"])
    with pytest.raises(InputError, match="'instruments' is empty"):
        protocol_from_dict({"title": "t", "waves": ["T0", "T1"], "instruments": []})


def test_validate_cli_in_a_real_process(kor_dir, tmp_path):
    proc = run_cli("validate", kor_dir / "responses.csv", "--protocol", kor_dir / "protocol.yaml",
                   "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["valid"] and report["errors"] == 0 and report["flow"]["reconciles"]
    assert all(line.startswith("impact: ") for line in proc.stderr.splitlines())
    bad = tmp_path / "bad.csv"
    bad.write_text((kor_dir / "responses.csv").read_text().replace(",T1,", ",T7,", 1))
    proc = run_cli("validate", bad, "--protocol", kor_dir / "protocol.yaml")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "wave 'T7' is not one of the protocol's waves T0, T1" in proc.stderr
    assert "NOT valid" in proc.stdout


def test_category_labels_are_checked_and_name_what_is_wrong(tmp_path):
    good = load(tmp_path, MINIMAL + "category_labels:\n  gender:\n    v: {nl: Vrouw, en: Woman}\n"
                                    "    m: Man\n")
    assert good.get("category_labels")["gender"]["v"] == {"nl": "Vrouw", "en": "Woman"}
    found = problems(tmp_path, MINIMAL + "category_labels:\n  gender:\n    v: {nl: Vrouw, fr: Femme}\n"
                                         "    m: ''\n  referrer: [Huisarts]\n")
    messages = " | ".join(p.message for p in found)
    assert len(found) == 3 and all(p.row == 5 for p in found), messages
    for fragment in ("gender': the label of 'v' must be text or a label per language (nl, en), "
                     "got {'nl': 'Vrouw', 'fr': 'Femme'}", "gender': the label of 'm' must be",
                     "category_labels of 'referrer' must map each value to a label"):
        assert fragment in messages
