"""The rough edges a new peer worker meets on a first walk through peercheck.

Each test stands for something seen in a real terminal: what was printed, and what a
person would notice about it.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("name", ["", "   ", " - "])
def test_show_with_an_empty_name_asks_for_a_name_with_an_example(cli, name):
    result = cli("show", name)
    assert result.exit_code == 2
    assert "Please name a value, for example mutuality" in result.stderr
    assert "no value named" not in result.stderr
    assert "Traceback" not in result.output
