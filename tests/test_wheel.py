"""The built wheel works anywhere: built from this tree, installed into a fresh virtualenv in a
temporary folder outside the source tree, it runs `impact demo` and one `impact report` there.

Dependencies: by default the fresh virtualenv borrows the already installed dependencies of the
running interpreter through a .pth file (no download, and the wheel itself is installed with
--no-deps, so only what the wheel contains is `impact`). IMPACT_WHEEL_FULL=1 installs the wheel
with its dependencies from the package index instead.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _run(cmd, cwd, env, timeout=900):
    res = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True,
                         text=True, timeout=timeout)
    assert res.returncode == 0, f"{cmd}\nstdout:\n{res.stdout[-3000:]}\nstderr:\n{res.stderr[-3000:]}"
    return res


# what a build must not see: setuptools' build/ folder of an earlier build (stale files would
# slip into the wheel, and two test workers building at once in one build/ collide), the
# virtualenv, rendered reports, caches
_NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "reports",
                                     "__pycache__", ".pytest_cache", ".hypothesis", "*.pyc",
                                     ".ipynb_checkpoints")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("source") / "impact"
    shutil.copytree(ROOT, source, symlinks=True, ignore=_NOT_SOURCE)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, source],
         cwd=out, env=env)
    wheels = list(out.glob("impact-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_holds_every_data_file_and_the_notebooks(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / "impact"
    expected = {str(p.relative_to(ROOT)).replace(os.sep, "/") for p in package.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc",)}
    missing = sorted(expected - names)
    assert not missing, f"files under impact/ missing from the wheel: {missing}"
    assert any(n.startswith("impact/notebooks/") and n.endswith(".ipynb") for n in names)
    meta = [n for n in names if n.endswith("METADATA")][0]
    text = zipfile.ZipFile(wheel).read(meta).decode()
    assert "License-Expression: GPL-3.0-or-later" in text
    required = [line.split(":", 1)[1].strip() for line in text.splitlines()
                if line.startswith("Requires-Dist:") and "extra ==" not in line]
    names_required = {r.split(";")[0].split(">")[0].split("[")[0].strip().lower()
                      for r in required}
    assert {"numpy", "pandas", "scipy", "papermill"} <= names_required
    # declared before but never imported by impact: not run-time dependencies
    assert not names_required & {"pingouin", "krippendorff", "jinja2", "nbclient"}
    assert "Provides-Extra: cluster" in text


def test_installed_wheel_runs_demo_and_a_report_outside_the_tree(wheel, tmp_path):
    work = tmp_path / "elsewhere"
    work.mkdir()
    assert ROOT not in work.parents
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    if os.environ.get("IMPACT_WHEEL_FULL"):
        _run([py, "-m", "pip", "install", "--quiet", wheel], cwd=work, env=env)
    else:
        site = Path(_run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         cwd=work, env=env).stdout.strip())
        (site / "_impact_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
        # borrowed packages keep their data files (nbconvert's templates) under this prefix
        env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
        _run([py, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel],
             cwd=work, env=env)
    where = _run([py, "-c", "import impact, sys; print(impact.__file__)"], cwd=work, env=env)
    assert str(env_dir) in where.stdout and str(ROOT) not in where.stdout
    # deduce loaded ahead (in a thread, its tries in compact form from impact's cache folder)
    # from the wheel too
    ahead = _run([py, "-c", "from impact.qual import deid\n"
                  "with deid.deduce_ahead():\n"
                  "    out = deid.deidentify('U kunt Anna bellen op 06-12345678', lang='en')\n"
                  "print(out, deid._WARMING is not None, len(deid._DEDUCE),\n"
                  "      type(deid._DEDUCE[0].lookup_structs['street']).__name__)"],
                 cwd=work, env=env)
    assert ahead.stdout.split("\n")[0] == "U kunt [name] bellen op [phone] True 1 CompactTrie"
    impact_cmd = env_dir / "bin" / "impact"
    # the whole demo from the wheel, as HTML (the session's own demo prints every format; here
    # what counts is that the installed package holds all it needs outside the tree)
    _run([impact_cmd, "demo", "--out", work / "demo", "--format", "html"], cwd=work, env=env)
    assert len(list((work / "demo").rglob("report.html"))) >= 16
    _run([impact_cmd, "synth", "--programme", "kunst-op-recept", "--seed", "3", "--out",
          work / "synth"], cwd=work, env=env)
    _run([impact_cmd, "report", work / "synth" / "responses.csv", "--protocol",
          work / "synth" / "protocol.yaml", "--audience", "funder", "--lang", "en",
          "--format", "html,docx", "--out", work / "report"], cwd=work, env=env)
    page = (work / "report" / "report.html").read_text(encoding="utf-8")
    assert "<html" in page.lower() and len(page) > 5000
    # the Word file from the wheel's own reference document (package data)
    assert (work / "report" / "report.docx").stat().st_size > 10_000
