"""Report figures must not switch the user's matplotlib backend.

They used to call ``matplotlib.use("Agg")``: in JupyterLab that replaced the inline backend, so a
returned figure showed as ``<Figure size ...>`` text instead of a picture (found while writing
notebooks/tutorial.ipynb). They now use the session's backend and close the figure in pyplot,
so a returned figure is displayed once (tests/test_tutorial.py checks the PNG outputs).
"""

import subprocess
import sys

CODE = r"""
import matplotlib
matplotlib.use("svg")   # stands in for a user's backend (JupyterLab: inline)
import numpy as np, pandas as pd
import matplotlib.pyplot as plt
import impact
from impact.plots.flowchart import flow_diagram
from impact.plots.forest import forest_plot
from impact.plots.jacobson import jacobson_plot
from impact.plots.figures import slope_plot

rng = np.random.default_rng(3)
pre = pd.Series(rng.normal(20, 5, 30)); post = pre - 3 + rng.normal(0, 3, 30)
figs = [jacobson_plot(impact.reliable_change(pre, post, reliability=0.8, sd=5.0))]
meta = impact.meta_analysis([-3.0, -4.0, -2.0], [0.5, 0.4, 0.6], labels=["a", "b", "c"])
figs.append(forest_plot(meta))
scores = pd.DataFrame({"participant_id": list(range(30)) * 2, "wave": ["T0"] * 30 + ["T1"] * 30,
                       "y": np.concatenate([pre, post])})
figs.append(slope_plot(scores, "y", baseline="T0", followup="T1"))
figs.append(flow_diagram({"rows": 60, "enrolled": 30, "paired": 30}))
assert all(type(f).__name__ == "Figure" and f.axes for f in figs), figs
print(matplotlib.get_backend(), plt.get_fignums())
"""


def test_figures_leave_backend_and_pyplot_alone():
    proc = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    backend, fignums = proc.stdout.strip().split(" ", 1)
    assert backend == "svg"          # was switched to agg before the fix
    assert fignums == "[]"           # not registered with pyplot: no duplicate inline display
