"""Every command teaches: it has help with an example, and the README mentions it."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from peercheck.cli import app

REPO = Path(__file__).resolve().parents[1]


def _commands():
    root = typer.main.get_command(app)
    stack = [((), root)]
    while stack:
        path, command = stack.pop()
        subs = getattr(command, "commands", None)
        if subs:
            for name, sub in subs.items():
                stack.append(((*path, name), sub))
        if path:
            yield " ".join(path), command


COMMANDS = sorted(_commands())


def test_there_are_commands():
    names = {name for name, _ in COMMANDS}
    assert {"show", "reflect", "check", "export"} <= names


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_command_help_has_summary_and_example(cli, name):
    result = cli(*name.split(), "--help")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    text = " ".join(result.stdout.split())
    assert f"peercheck {name}" in text, f"`peercheck {name} --help` shows no example"


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_command_is_in_readme(name):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"peercheck {name}" in readme, f"README never mentions `peercheck {name}`"
