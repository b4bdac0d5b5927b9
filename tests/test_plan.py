"""`impact plan`: the DESIGN.md contract, R agreement through the command line, bad input."""

import json

import pytest

from .conftest import ROOT, run_cli

FIX = json.loads((ROOT / "tests" / "fixtures" / "planning_pwr.json").read_text())


def plan_json(*args):
    """Run `impact plan ... --json` in this process (the CLI path is the same as a subprocess)."""
    import contextlib
    import io

    from impact.cli import main

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["plan", *map(str, args), "--json"])
    assert code == 0
    return json.loads(buffer.getvalue())


def test_prepost_contract_through_a_real_subprocess():
    proc = run_cli("plan", "--design", "prepost", "--effect", "0.75", "--group-size", "8",
                   "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["groups"] == 2 and out["n"] == 16


def test_prepost_sample_size_contract():
    out = plan_json("--design", "prepost", "--effect", "0.5")
    r = next(c for c in FIX["paired_n"] if c["d"] == 0.5 and c["power"] == 0.8)
    assert out["n"] == 34 and out["n_exact"] == pytest.approx(r["n"], abs=1e-3)
    assert out["power"] >= 0.8 and out["design"] == "prepost"


def test_prepost_power_for_given_n_equals_pwr():
    r = next(c for c in FIX["paired"] if c["d"] == 0.75 and c["n"] == 8 and c["alpha"] == 0.05
             and c["alternative"] == "two.sided")
    out = plan_json("--design", "prepost", "--effect", "0.75", "--n", "8")
    assert out["power"] == pytest.approx(r["power"], abs=1e-9)  # ~0.449, evidence.md: ~45%


def test_in_beeld_groups_of_eight():
    out = plan_json("--design", "prepost", "--effect", "0.75", "--group-size", "8",
                    "--simulate", "10000")
    assert out["groups"] == 2 and out["n"] == 16
    assert out["power_one_group"] == pytest.approx(0.4486, abs=1e-4)
    assert abs(out["simulated_power"] - out["power"]) < 0.02
    three = plan_json("--effect", "0.75", "--group-size", "8", "--n", "24")
    assert three["groups"] == 3 and three["power"] == pytest.approx(0.9403, abs=1e-4)


def test_other_designs():
    c = plan_json("--design", "controlled", "--effect", "0.5")
    r = next(x for x in FIX["two_sample_n"] if x["d"] == 0.5)
    assert c["n_per_group_exact"] == pytest.approx(r["n"], abs=1e-3) and c["n"] == 2 * 64
    assert plan_json("--design", "controlled", "--effect", "0.5", "--r", "0.6")["n_per_group"] < 64
    rci = plan_json("--design", "rci", "--share", "0.3", "--chance", "0.1")
    assert rci["power"] >= 0.8 and rci["n"] > 9
    assert plan_json("--design", "rci", "--precision", "0.1")["n"] == 97


def test_table_output_and_curve(tmp_path):
    png = tmp_path / "curve.png"
    proc = run_cli("plan", "--effect", "0.75", "--group-size", "8", "--curve", png)
    assert proc.returncode == 0, proc.stderr
    assert "groups" in proc.stdout and png.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("args", [
    ("--design", "prepost"),
    ("--effect", "0.5", "--power", "1.5"),
    ("--effect", "0.5", "--alpha", "0"),
    ("--effect", "0.5", "--n", "1"),
    ("--effect", "0.5", "--power", "0.8", "--n", "10"),
    ("--effect", "abc"),
    ("--design", "rci"),
    ("--effect", "0.5", "--group-size", "8", "--icc", "1.2"),
    ("--design", "crossover", "--effect", "0.5"),
])
def test_bad_arguments_exit_2_without_traceback(args):
    proc = run_cli("plan", *args)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr


def test_power_table_rows_equal_pwr():
    out = plan_json("--effect", "0.75", "--group-size", "8", "--table")
    rows = {r["groups"]: r["power"] for r in out["table"]}
    for c in FIX["paired"]:
        if c["d"] == 0.75 and c["alpha"] == 0.05 and c["alternative"] == "two.sided" and \
                c["n"] in (8, 16, 24):
            assert rows[c["n"] // 8] == pytest.approx(c["power"], abs=1e-9)
    rci = plan_json("--design", "rci", "--share", "0.3", "--table")["table"]
    assert all(0 <= r["power"] <= 1 for r in rci) and len(rci) >= 5
