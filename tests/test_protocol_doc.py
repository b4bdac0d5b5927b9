"""docs/protocol.md documents every protocol key the loader accepts, and no other."""

import re

from impact.protocol import PROTOCOL_KEYS

from .conftest import ROOT


def test_every_protocol_key_is_documented():
    text = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.M))
    assert documented == set(PROTOCOL_KEYS)
