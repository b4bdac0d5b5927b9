"""Root pytest configuration: the numpydoc examples in impact/ run as doctests
(``--doctest-modules``, see pyproject.toml).

Names every example may use (built once per session, from committed synthetic data only):

``impact``, ``np``, ``pd``
    The package, NumPy and pandas.
``kor_dir``, ``responses_csv``, ``protocol_yaml``, ``quotes_csv``, ``codings_csv``
    Paths into ``synthetic_data/kunst-op-recept`` (a PSS-10 pre/post study, T0/T1).
``responses``, ``protocol``, ``quotes``, ``codings``
    Those files read (``impact.read_responses``, ``impact.load_protocol``, ``pd.read_csv``).
``results``
    ``impact.analyse(responses_csv, protocol_yaml)`` with a fixed pseudonym key.
``scores``, ``change``, ``codes``, ``coded_quotes``
    PSS-10 scores per participant and wave; the reliable-change frame (``category`` improved /
    unchanged / deteriorated); the code x participant matrix; one row per quote and code
    (``code, participant_id, text, role, wave``).
``studies_csv``, ``studies_protocol_yaml``
    A 12-study ``studies.csv`` and its protocol (``impact synth --programme studies``), in a
    temporary folder.
``antwoorden_csv``
    ``responses_csv`` with its participant column headed ``Deelnemer nr``, in a temporary folder.
``instrument_yaml``
    A custom instrument file (5 items, 1-5, mean score) in a temporary folder.
"""

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent

# Hypothesis profiles. "ci": derandomised (the same examples on every run and every clone, no
# example database), selected by CI=true (.ci/run) and by `make test`; a counterexample it ever
# found is kept in its test as an @example. "explore" (HYPOTHESIS_PROFILE=explore): random and
# ten times the examples, to look for new counterexamples locally. Unset: hypothesis' default.
settings.register_profile("ci", derandomize=True, database=None, deadline=None,
                          print_blob=True)
settings.register_profile("explore", max_examples=1000, deadline=None)
_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or (
    "ci" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else None)
if _PROFILE:
    settings.load_profile(_PROFILE)
KOR = ROOT / "synthetic_data" / "kunst-op-recept"

# a custom instrument file (also read by tests/test_instruments.py)
INSTRUMENT_YAML = (ROOT / "tests" / "fixtures" / "inbeeld_instrument.yaml").read_text(
    encoding="utf-8")


@pytest.fixture(scope="session")
def _doctest_objects(tmp_path_factory):
    import numpy
    import pandas

    import impact
    from impact.synth.studies import synthesise_studies, write_studies

    tmp = tmp_path_factory.mktemp("doctest_data")
    names = {"impact": impact, "np": numpy, "pd": pandas, "kor_dir": KOR,
             "responses_csv": KOR / "responses.csv", "protocol_yaml": KOR / "protocol.yaml",
             "quotes_csv": KOR / "quotes.csv", "codings_csv": KOR / "codings.csv"}
    names["responses"] = impact.read_responses(names["responses_csv"])
    names["protocol"] = impact.load_protocol(names["protocol_yaml"])
    names["quotes"] = pandas.read_csv(names["quotes_csv"])
    names["codings"] = pandas.read_csv(names["codings_csv"])
    names["results"] = impact.analyse(names["responses_csv"], names["protocol_yaml"],
                                      pseudonym_key="doctest-pseudonym-key-0123456789")
    scores = impact.score(names["responses"], ["pss10"])
    names["scores"] = scores
    names["change"] = impact.reliable_change(scores, "pss10_score", reliability=0.85,
                                             higher_is_better=False).to_frame()
    names["codes"] = impact.code_matrix(names["codings"], names["quotes"])
    # quotes with their codes (what impact.exemplar_quotes returns, without its de-identification
    # pass, which loads deduce's lookup tables: ~8 s)
    pairs = names["codings"][["unit", "code"]].drop_duplicates()
    names["coded_quotes"] = (pairs.merge(names["quotes"], left_on="unit", right_on="quote_id")
                             [["code", "participant_id", "text", "role", "wave"]]
                             .sort_values(["code", "participant_id"], kind="stable")
                             .reset_index(drop=True))
    paths = write_studies(*synthesise_studies(seed=1, n_studies=12), tmp / "studies")
    names["studies_csv"] = paths["studies.csv"]
    names["studies_protocol_yaml"] = paths["protocol.yaml"]
    # the response file as a programme might export it: Dutch header for the participant column
    names["antwoorden_csv"] = tmp / "antwoorden.csv"
    text = names["responses_csv"].read_text(encoding="utf-8")
    names["antwoorden_csv"].write_text(text.replace("participant_id", "Deelnemer nr", 1),
                                       encoding="utf-8")
    names["instrument_yaml"] = tmp / "inbeeld_baseline.yaml"
    names["instrument_yaml"].write_text(INSTRUMENT_YAML, encoding="utf-8")
    return names


@pytest.fixture(autouse=True)
def _doctest_names(request):
    if "doctest_namespace" in request.fixturenames or request.node.__class__.__name__ == \
            "DoctestItem":
        ns = request.getfixturevalue("doctest_namespace")
        objects = request.getfixturevalue("_doctest_objects")
        ns.update({k: (v.copy() if hasattr(v, "copy") and hasattr(v, "iloc") else v)
                   for k, v in objects.items()})
