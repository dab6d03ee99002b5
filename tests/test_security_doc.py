"""SECURITY.md lists each promise with the test that holds it: those tests must exist."""

from __future__ import annotations

import re

from conftest import REPO


def test_every_test_security_md_names_exists():
    doc = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\b(test_\w+)(?:\.py)?\b", doc))
    files = {p.stem for p in (REPO / "tests").glob("test_*.py")}
    defined = set()
    for path in (REPO / "tests").glob("test_*.py"):
        defined |= set(re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M))
    # A name ending in "_" stands for a family of tests (written test_name_* in the file).
    missing = sorted(
        name for name in named
        if name not in files and name not in defined
        and not (name.endswith("_") and any(d.startswith(name) for d in defined))
    )
    assert named and not missing, f"SECURITY.md names tests that do not exist: {missing}"
