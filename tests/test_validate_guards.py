"""Path guards, YAML limits and protocol value checks (issue 13), at the function level."""

from __future__ import annotations

import os

import pytest

from impact._yaml import MAX_NODES, YamlLimitError, expanded_size, safe_load_limited
from impact.errors import InputError
from impact.protocol import guarded_path, protocol_from_dict

BASE = {"title": "t", "waves": ["T0", "T1"], "instruments": ["pss10"],
        "primary_outcome": "pss10_score"}


def test_symlink_inside_the_folder_is_allowed(tmp_path):
    (tmp_path / "real.csv").write_text("x\n")
    (tmp_path / "alias.csv").symlink_to(tmp_path / "real.csv")
    assert guarded_path(tmp_path, "alias.csv", "response file") == (tmp_path / "real.csv").resolve()


def test_symlinked_folder_pointing_out_is_refused(tmp_path):
    inside, outside = tmp_path / "study", tmp_path / "elsewhere"
    inside.mkdir()
    outside.mkdir()
    (outside / "data.csv").write_text("secret\n")
    (inside / "sub").symlink_to(outside, target_is_directory=True)
    with pytest.raises(InputError, match="lies outside the protocol's folder") as info:
        guarded_path(inside, "sub/data.csv", "response file")
    assert "secret" not in str(info.value)


def test_symlink_loop_is_an_error_not_a_hang(tmp_path):
    os.symlink(tmp_path / "b", tmp_path / "a")
    os.symlink(tmp_path / "a", tmp_path / "b")
    with pytest.raises(InputError):
        guarded_path(tmp_path, "a", "response file")


def test_size_limit_of_an_instrument_file(tmp_path):
    (tmp_path / "big.yaml").write_bytes(b"#" * 1_000_001)
    with pytest.raises(InputError, match="is 1,000,001 bytes; the limit is 1,000,000"):
        guarded_path(tmp_path, "big.yaml", "instrument file")


def test_expanded_size_counts_aliases_as_copies():
    import yaml

    node = yaml.compose("a: &x [1, 2, 3]\nb: [*x, *x, *x]\n")
    # mapping 1 + 2 keys + list x (4) + list b (1 + 3 x 4)
    assert expanded_size(node) == 1 + 2 + 4 + 13


def test_alias_bomb_refused_but_modest_aliases_allowed():
    text = "a: &a [" + ", ".join(["x"] * 10) + "]\n" + "".join(
        f"l{i}: &l{i} [" + ", ".join([f"*{'a' if i == 0 else f'l{i - 1}'}"] * 10) + "]\n"
        for i in range(6))
    with pytest.raises(YamlLimitError, match=f"more than {MAX_NODES:,} values"):
        safe_load_limited(text)
    assert safe_load_limited("a: &a {sd: 6}\nb: *a\n") == {"a": {"sd": 6}, "b": {"sd": 6}}


@pytest.mark.parametrize("key,value,fragment", [
    ("seed", -1, "'seed' must be a whole number from 0"),
    ("seed", 2 ** 32, "'seed' must be a whole number from 0"),
    ("reliable_change", {"pss10_score": {"sd": float("inf")}}, "finite positive number"),
    ("reliable_change", {"pss10_score": {"sd": float("nan")}}, "finite positive number"),
    ("reliable_change", {"pss10_score": {"reliability": 0}}, "between 0 and 1"),
    ("reliable_change", {"pss10_score": {"reliability": float("nan")}}, "between 0 and 1"),
    ("layout", "breed", "'layout' must be long or wide"),
    ("wave_pattern", "{item}{wave}{x}", "'wave_pattern' must contain {item} and {wave}"),
    ("data", {"T3": "x.csv"}, "'data' names wave 'T3'"),
])
def test_protocol_values(key, value, fragment):
    with pytest.raises(InputError, match=fragment.replace("{", r"\{").replace("}", r"\}")):
        protocol_from_dict({**BASE, key: value, **({"layout": "wide"} if key == "wave_pattern"
                                                   else {})})


def test_seed_zero_and_finite_values_pass():
    protocol = protocol_from_dict({**BASE, "seed": 0, "reliable_change": {
        "pss10_score": {"sd": 6.2, "reliability": 0.78}}})
    assert protocol.get("seed") == 0
