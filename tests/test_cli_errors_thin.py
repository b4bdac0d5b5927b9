"""Bad input: exit 2, a message naming file, row and column, never a traceback."""

import pandas as pd

from .conftest import run_cli


def test_out_of_range_value_names_file_row_and_column(kor_dir, tmp_path):
    frame = pd.read_csv(kor_dir / "responses.csv", dtype=str)
    frame.loc[4, "pss10_7"] = "5"  # data row 5 -> spreadsheet row 6
    bad = tmp_path / "bad.csv"
    frame.to_csv(bad, index=False)
    proc = run_cli("score", bad, "--instrument", "pss10")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert str(bad) in proc.stderr
    assert "row 6" in proc.stderr
    assert "column 'pss10_7'" in proc.stderr
    assert "outside the coding 0-4" in proc.stderr
    assert proc.stdout == ""


def test_text_in_item_is_refused(kor_dir, tmp_path):
    frame = pd.read_csv(kor_dir / "responses.csv", dtype=str)
    frame.loc[0, "pss10_2"] = "veel"  # not an answer label of the PSS-10 ("vaak" is: 3)
    bad = tmp_path / "text.csv"
    frame.to_csv(bad, index=False)
    proc = run_cli("analyse", bad, "--protocol", kor_dir / "protocol.yaml")
    assert proc.returncode == 2
    assert "row 2" in proc.stderr and "column 'pss10_2'" in proc.stderr
    assert "'veel' is not a known answer label of pss10" in proc.stderr
    assert "known labels: 0 = nooit" in proc.stderr and "Traceback" not in proc.stderr


def test_missing_file_and_unknown_instrument(kor_dir, tmp_path):
    proc = run_cli("score", tmp_path / "nope.csv", "--instrument", "pss10")
    assert proc.returncode == 2 and "does not exist" in proc.stderr
    proc = run_cli("score", kor_dir / "responses.csv", "--instrument", "pss99")
    assert proc.returncode == 2 and "unknown instrument 'pss99'" in proc.stderr
    assert "pss10" in proc.stderr and "Traceback" not in proc.stderr


def test_bad_arguments_exit_2():
    proc = run_cli("score")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    proc = run_cli("no-such-command")
    assert proc.returncode == 2
