"""Funder change chart and trajectory figure: drawn from aggregated numbers, values returned."""

import io

import pytest

from impact.plots.charts import change_chart, trajectory_chart

ROWS = [{"label": "Ervaren stress", "start": 21.0, "end": 15.0, "ci_low": -9.2, "ci_high": -2.8,
         "higher_is_better": False, "scale_min": 0, "scale_max": 40},
        {"label": "Welbevinden", "start": 44.1, "end": 48.3, "ci_low": 1.2, "ci_high": 7.1,
         "higher_is_better": True}]


def _png_size(data):
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        return im.size


def test_change_chart_values_alt_and_embed():
    chart = change_chart(ROWS, lang="nl")
    assert chart.values == [
        {"label": "Ervaren stress", "start": 21.0, "end": 15.0,
         "interval_low": pytest.approx(11.8), "interval_high": pytest.approx(18.2)},
        {"label": "Welbevinden", "start": 44.1, "end": 48.3,
         "interval_low": pytest.approx(45.3), "interval_high": pytest.approx(51.2)}]
    assert chart.alt == ("Gemiddelde score bij de start en aan het eind, per uitkomst: Ervaren "
                         "stress van 21,0 naar 15,0 (interval van de verandering −9,2 tot −2,8); "
                         "Welbevinden van 44,1 naar 48,3 (interval van de verandering 1,2 tot 7,1).")
    assert chart.title == "Verandering per uitkomst"
    assert _png_size(chart.png) == (chart.width_px, chart.height_px)
    assert chart.width_px <= 900  # fits the report column without scaling up
    embed = chart.embed()
    assert embed.startswith('<figure class="impact-figure"><img src="data:image/png;base64,')
    assert 'alt="Gemiddelde score bij de start' in embed
    en = change_chart(ROWS[:1], lang="en")
    assert en.alt.startswith("Mean score at the start and at the end, per outcome: Ervaren stress "
                             "from 21.0 to 15.0")


def test_charts_refuse_participant_rows_and_bad_numbers():
    with pytest.raises(ValueError, match="participant_id"):
        change_chart([{**ROWS[0], "participant_id": "P001"}])
    with pytest.raises(ValueError, match="ci_low"):
        change_chart([{"label": "x", "start": 1, "end": 2, "ci_low": 3, "ci_high": 1}])
    with pytest.raises(ValueError, match="both"):
        change_chart([{"label": "x", "start": 1, "end": 2, "ci_low": 1}])
    with pytest.raises(ValueError, match="finite"):
        change_chart([{"label": "x", "start": float("nan"), "end": 2}])
    with pytest.raises(ValueError):
        change_chart([], lang="nl")
    with pytest.raises(ValueError, match="language"):
        change_chart(ROWS, lang="de")


def test_trajectory_three_waves():
    series = [{"label": "Ervaren stress", "higher_is_better": False, "points": [
        {"wave": "Einde", "weeks": 12, "mean": 16.0, "ci_low": 14.0, "ci_high": 18.0},
        {"wave": "Intake", "weeks": 0, "mean": 21.0, "ci_low": 19.0, "ci_high": 23.0},
        {"wave": "Na drie maanden", "weeks": 26, "mean": 17.5, "ci_low": 15.0, "ci_high": 20.0}]}]
    chart = trajectory_chart(series, lang="nl")
    assert [(v["wave"], v["weeks"], v["mean"]) for v in chart.values] == [
        ("Intake", 0.0, 21.0), ("Einde", 12.0, 16.0), ("Na drie maanden", 26.0, 17.5)]
    assert chart.alt == ("Gemiddelde score per meting, per uitkomst: Ervaren stress: Intake "
                         "(week 0) 21,0, Einde (week 12) 16,0, Na drie maanden (week 26) 17,5.")
    assert _png_size(chart.png) == (chart.width_px, chart.height_px)
    with pytest.raises(ValueError, match="three or more"):
        trajectory_chart([{"label": "x", "points": series[0]["points"][:2]}])
    with pytest.raises(ValueError, match="weeks"):
        trajectory_chart([{"label": "x", "points": [{"wave": "T0", "mean": 1}] * 3}])
