"""A report language is one folder (issue 21): a catalogue folder with its locale entry.

The test writes a third language, ``xx``, as two files (``locale.yaml`` and ``funder.yaml``, every
funder text marked so it can be recognised; other keys fall back to English), registers the
folder through ``IMPACT_I18N_PATH`` and renders the Kunst op Recept funder report in it with the
command line a user runs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MARK = "ẋ "


def _third_language(folder: Path) -> Path:
    lang = folder / "xx"
    lang.mkdir(parents=True)
    (lang / "locale.yaml").write_text(
        "name: Testish\norder: 3\ndecimal: ','\ngroup: ' '\nrange: ' – '\nfallback: en\n"
        "tag: x-testish\n", encoding="utf-8")
    funder = yaml.safe_load((ROOT / "impact" / "i18n" / "en" / "funder.yaml")
                            .read_text(encoding="utf-8"))
    marked = {k: MARK + v if isinstance(v, str) else v for k, v in funder.items()}
    (lang / "funder.yaml").write_text(yaml.safe_dump(marked, allow_unicode=True),
                                      encoding="utf-8")
    return lang


def test_a_third_language_is_one_folder_and_renders_a_report(tmp_path, kor_dir):
    lang = _third_language(tmp_path / "languages")
    assert len([p for p in lang.rglob("*") if p.is_file()]) <= 3
    env = {**os.environ, "IMPACT_I18N_PATH": str(tmp_path / "languages")}
    out = tmp_path / "report-xx"
    proc = subprocess.run(
        [sys.executable, "-m", "impact", "report", kor_dir / "responses.csv", "--protocol",
         kor_dir / "protocol.yaml", "--audience", "funder", "--lang", "xx", "--format", "html",
         "--out", out], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    html = (out / "report.html").read_text(encoding="utf-8")
    headings = [h.strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, flags=re.S)]
    funder = yaml.safe_load((ROOT / "impact" / "i18n" / "en" / "funder.yaml")
                            .read_text(encoding="utf-8"))
    # the funder texts come from the new catalogue; the rest from its fallback, English
    assert MARK + funder["funder_section_summary"] in headings
    assert MARK + funder["funder_section_outcomes"] in headings
    assert not [h for h in headings if h.startswith(MARK.strip())
                and h[len(MARK):] not in funder.values()]
    # numbers in the locale's format: the primary outcome's mean change with a decimal comma
    published = json.loads((out / "published.json").read_text(encoding="utf-8"))
    primary = next(o for o in published["outcomes"] if o["primary"])
    change = f"{abs(primary['mean_change']):.1f}".replace(".", ",")
    assert change in html
    # the language list and the catalogue see it too, in this process as in the kernel
    code = ("from impact.i18n import languages, messages, fmt_ci;"
            "print(languages(), fmt_ci(-1.25, 3.5, 'xx'), messages('xx')['e_other'])")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, check=True).stdout
    assert shown.strip() == "('nl', 'en', 'xx') −1,2 – 3,5 other"


def test_catalogues_read_the_same_with_the_fast_and_the_pure_python_parser():
    """impact.i18n parses its catalogues with libyaml when PyYAML has it: every catalogue file
    must give the same data as PyYAML's pure-Python safe loader."""
    import yaml

    from impact.i18n import _load, catalogue_files, languages

    for lang in languages():
        for path in catalogue_files(lang):
            assert _load(path) == (yaml.safe_load(path.read_text(encoding="utf-8")) or {}), path
