"""Root pytest configuration: the numpydoc examples in impact/ run as doctests
(``--doctest-modules``, see pyproject.toml) with ``impact``, ``np`` and ``pd`` available."""

import pytest


@pytest.fixture(autouse=True)
def _doctest_names(request):
    if "doctest_namespace" in request.fixturenames or request.node.__class__.__name__ == \
            "DoctestItem":
        import numpy
        import pandas

        import impact

        ns = request.getfixturevalue("doctest_namespace")
        ns.update(impact=impact, np=numpy, pd=pandas)
