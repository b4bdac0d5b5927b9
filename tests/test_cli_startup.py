"""The command line starts without heavy libraries (speed itself is measured in benchmarks/)."""

import subprocess
import sys


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from impact.cli import build_parser; build_parser().format_help(); "
            "heavy = [m for m in ('pandas', 'numpy', 'scipy', 'statsmodels', 'matplotlib', "
            "'papermill', 'nbconvert', 'pingouin') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_import_impact_is_lazy():
    code = "import sys, impact; print('pandas' in sys.modules, impact.__version__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[0] == "False"
