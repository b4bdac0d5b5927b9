"""published.json holds numbers, codes, labels and message keys, not rendered sentences (issue 21).

Every text of every demo ``published.json`` is read. Free text may only come from what the user
or the data gave (titles, labels, the protocol's intervention description and author sections,
citations, quotes); anything the package says itself is a message key with parameters, rendered
by the report. A string of six or more words elsewhere is a sentence the package wrote.
"""

from __future__ import annotations

import json
import re

# paths (dotted, list indices removed) whose text is the user's or the data's own words
GIVEN = re.compile(r"""^(
    quotes\..*                                  # quotes, de-identified
  | meta\.(title|programme|funder|partners|intervention|lessons|continuation|report)(\..*)?$
  | evidence\.programme$                       # the programme's name (the protocol's title)
  | (.*\.)?label(\..*)?$ | (.*\.)?labels(\..*)?$ # labels from instruments, codebook, protocol
  | .*\.instrument(\.(nl|en))?$ | .*\.reference$ | .*\.references?(\..*)?$
  | .*\.mid_source$ | .*\.title(\..*)?$ | monitor\.title$ | protocol\..*
  | studies\..*\.(reference|study|outcome)$     # the included studies as given
  | .*\.proxy_source$ | sroi\.outcomes\.name$ | .*\.(group|category|neighbourhood)$
)""", re.X)


def _strings(obj, path=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v, path)
    elif isinstance(obj, str):
        yield path, obj


def test_no_published_json_holds_a_sentence_the_package_wrote(demo_reports):
    found = []
    files = sorted(demo_reports.rglob("published.json"))
    assert len(files) >= 16
    for f in files:
        for path, text in _strings(json.loads(f.read_text("utf-8"))):
            if len(text.split()) >= 6 and not GIVEN.match(path):
                found.append(f"{f.parent.relative_to(demo_reports)}: {path}: {text[:80]}")
    assert found == []


def test_the_check_finds_a_sentence():
    sample = {"evidence": {"limitations": ["There was no comparison group at all here."]},
              "meta": {"title": "A title of many words that is the user's own"}}
    hits = [p for p, t in _strings(sample) if len(t.split()) >= 6 and not GIVEN.match(p)]
    assert hits == ["evidence.limitations"]
