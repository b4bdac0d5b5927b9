"""The README's notebook example runs as written (from the repository's working layout)."""

import re
import subprocess
import sys

from .conftest import ROOT


def test_readme_python_example_runs(tmp_path):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, flags=re.S).group(1)
    assert "impact.analyse" in code
    (tmp_path / "synthetic_data").symlink_to(ROOT / "synthetic_data")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr
    assert '"outcome": "pss10_score"' in (tmp_path / "results.json").read_text()


def test_readme_gives_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
