"""Spider web, raincloud and heat map: Figures with catalogue labels, Okabe-Ito, no ids."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from impact.studies.joint import themes_by_change  # noqa: E402
from impact.plots.figures import OKABE_ITO  # noqa: E402
from impact.plots.joint import code_heatmap, raincloud_plot  # noqa: E402
from impact.plots.spider import MPH_DIMENSIONS, mph_means, spider_plot  # noqa: E402

IDS = [f"KOR-{i:03d}" for i in range(1, 13)]


def texts(fig):
    return " ".join(t.get_text() for t in fig.findobj(Text))


@pytest.fixture
def scores():
    rng = np.random.default_rng(3)
    rows = []
    for pid in IDS:
        for wave, shift in (("T0", 0.0), ("T1", 1.0)):
            row = {"participant_id": pid, "wave": wave,
                   "pss10_score": rng.normal(20 - 4 * shift, 5)}
            row.update({f"mph_{d}": min(10, 5 + shift + rng.uniform(-1, 1)) for d in MPH_DIMENSIONS})
            rows.append(row)
    frame = pd.DataFrame(rows)
    frame.loc[(frame.participant_id == "KOR-012") & (frame.wave == "T1"), "mph_body"] = np.nan
    return frame


def test_mph_means_are_paired(scores):
    means, n = mph_means(scores, baseline="T0", followup="T1")
    assert n == 11                                  # KOR-012 lacks mph_body at T1
    body_pre = scores.loc[(scores.wave == "T0") & (scores.participant_id != "KOR-012"), "mph_body"]
    assert means["T0"][0] == pytest.approx(body_pre.mean())
    mental_pre = scores.loc[scores.wave == "T0", "mph_mental"]
    assert means["T0"][1] == pytest.approx(mental_pre.mean())


@pytest.mark.parametrize("lang, label", [("nl", "Zingeving"), ("en", "Meaning")])
def test_spider_plot_labels_and_colours(scores, lang, label):
    fig = spider_plot(scores, baseline="T0", followup="T1", lang=lang)
    assert isinstance(fig, Figure)
    words = texts(fig)
    assert label in words and "(n = 11)" in words and not any(i in words for i in IDS)
    colours = {to_hex(line.get_color()).upper() for line in fig.axes[0].get_lines()}
    assert colours <= {c.upper() for c in OKABE_ITO}
    plt.close(fig)


def test_raincloud_and_heatmap(scores):
    fig = raincloud_plot(scores, "pss10_score", baseline="T0", followup="T1", lang="nl")
    assert isinstance(fig, Figure) and "Meetmoment" in texts(fig)
    assert "(n = 12)" in texts(fig) and not any(i in texts(fig) for i in IDS)
    plt.close(fig)
    change = pd.DataFrame({"participant_id": IDS, "category": ["improved"] * 6 + ["unchanged"] * 6})
    codes = pd.DataFrame({"gains/rust": [1] * 5 + [0] * 7, "barriers/vervoer": [0, 1] * 6},
                         index=IDS)
    display = themes_by_change(change, codes, min_cell_size=3)
    fig = code_heatmap(display, lang="nl")
    words = texts(fig)
    assert "83%" in words            # 5 of 6 improved had gains/rust
    assert "–" in words and "minder dan 3" in words and "verbeterd" in words
    assert not any(i in words for i in IDS)
    plt.close(fig)


