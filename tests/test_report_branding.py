"""The protocol's report: section: organisation, logo, author, Markdown sections, quotes per theme."""

import base64
import os

import pytest

from impact.errors import InputError
from impact.protocol import protocol_from_dict
from impact.io.branding import branding_from_protocol, load_logo, markdown_html

# a 1 x 1 PNG and the start of a JPEG
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwAD"
                       "hgGAWjR9awAAAABJRU5ErkJggg==")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20


def spec(**report):
    return {"title": "Kunst op Recept", "language": "nl", "waves": ["T0", "T1"],
            "instruments": ["pss10"], "primary_outcome": "pss10_score", "report": report}


def test_full_section(tmp_path):
    (tmp_path / "logo.png").write_bytes(PNG)
    raw = spec(organisation="Stichting Voorbeeld", logo="logo.png", author="A. Auteur",
               quotes_per_theme=3,
               sections={"introduction": {"nl": "Wij **helpen** mensen.\n\n- een\n- twee",
                                          "en": "We *help* people."},
                         "lessons": "Alleen in het Nederlands."})
    protocol_from_dict(raw)  # the loader accepts the keys
    b = branding_from_protocol(raw, tmp_path)
    assert b.organisation == "Stichting Voorbeeld" and b.author == "A. Auteur"
    assert b.quotes_per_theme == 3
    assert b.logo_uri == "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert b.section_html("introduction", "nl") == \
        "<p>Wij <strong>helpen</strong> mensen.</p>\n<ul>\n<li>een</li>\n<li>twee</li>\n</ul>"
    assert b.section_html("introduction", "en") == "<p>We <em>help</em> people.</p>"
    assert b.section_html("lessons", "nl") == "<p>Alleen in het Nederlands.</p>"
    assert b.section_html("lessons", "en") is None
    assert b.missing_sections("en") == ["context", "target_group", "what_happened",
                                        "success_factors", "interpretation", "recommendations",
                                        "lessons", "continuation"]


def test_markdown_is_rendered_safely():
    html = markdown_html("# Kop\n\nZie <script>alert(1)</script> [hier](javascript:alert(1)), "
                         "[site](https://example.org) en ![logo](http://tracker.example/x.png)"
                         "\n\n<iframe src=x></iframe>")
    assert "<script" not in html and "<iframe" not in html and "&lt;script&gt;" in html
    assert "javascript" not in html and "<img" not in html and "tracker" not in html
    assert '<a href="https://example.org">site</a>' in html
    assert html.startswith("<h3")  # below the report's own h1/h2


def test_logo_rules(tmp_path):
    folder = tmp_path / "proto"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(PNG)
    (folder / "logo.jpg").write_bytes(JPEG)
    (folder / "logo.gif").write_bytes(b"GIF89a" + b"\x00" * 20)
    (folder / "big.png").write_bytes(PNG + b"\x00" * 2000)
    assert load_logo("logo.jpg", folder).startswith("data:image/jpeg;base64,")
    for name, rule in (("../outside.png", "outside"), (str(tmp_path / "outside.png"), "relative"),
                       ("logo.gif", "not a PNG or JPEG"), ("missing.png", "does not exist")):
        with pytest.raises(InputError, match=rule) as info:
            load_logo(name, folder)
        assert "GIF89a" not in str(info.value)
    with pytest.raises(InputError, match="at most 1000"):
        load_logo("big.png", folder, max_bytes=1000)
    if hasattr(os, "symlink"):
        os.symlink(tmp_path / "outside.png", folder / "link.png")
        with pytest.raises(InputError, match="outside"):
            load_logo("link.png", folder)


def test_bad_report_section_lists_every_problem(tmp_path):
    raw = spec(organisation="", quotes_per_theme=0, colour="red",
               sections={"intro": {"nl": "x"}, "lessons": {"de": "y"}}, logo="nope.png")
    with pytest.raises(InputError) as info:
        branding_from_protocol(raw, tmp_path)
    text = str(info.value)
    for part in ("report.organisation", "quotes_per_theme", "report.colour", "intro",
                 "report.sections.lessons", "nope.png"):
        assert part in text
    with pytest.raises(InputError, match="report.colour"):
        protocol_from_dict(spec(colour="red"))
