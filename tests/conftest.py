"""Shared fixtures: every test gets its own PEERCHECK_HOME, and two ways to run the CLI.

- ``cli(*args, input=...)`` runs ``peercheck.cli.main`` in-process (fast; same exit path).
- ``run(*args, input=..., cwd=...)`` runs the installed ``peercheck`` in a subprocess, as a
  user would, from a folder outside the repository by default.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# The team-log tests' throw-away PostgreSQL cluster (pg_cluster, team_db fixtures).
pytest_plugins = ("postgres_cluster",)

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "sources"


# A filled answers file for reflect --answers (prompt ids from data/principles.yaml).
FILLED_ANSWERS = """\
context:
  date: 2026-11-20
  kind: one to one
  minutes: 50
  tags: [first-meeting]
answers:
  what-happened: We talked about going back to college.
  went-well: I stayed with the silence and let them lead.
  direction: the-peer
  advice: 1
  listening: 5
  strengths-named: yes
  holding-hope: honestly
  sharing: drifted
  peer-lane: "yes"
  supervision: safety
  next-time: Leave more room before I speak.
"""


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture(autouse=True)
def peercheck_home(tmp_path_factory, monkeypatch) -> Path:
    """A fresh, private home folder for each test; no test touches the real one."""
    home = tmp_path_factory.mktemp("home") / "peercheck"
    monkeypatch.setenv("PEERCHECK_HOME", str(home))
    monkeypatch.delenv("PEERCHECK_DATA", raising=False)
    monkeypatch.delenv("PEERCHECK_DATABASE_URL", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    from peercheck import data

    data.set_override(None)
    from peercheck import store

    store.set_database(None)
    return home


@pytest.fixture
def cli(monkeypatch):
    """Run peercheck in-process through its real entry point, capturing both streams."""
    from peercheck import data, output
    from peercheck.cli import main

    def invoke(*args: str, input: str | None = None) -> Result:
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        monkeypatch.setattr(sys, "stdin", io.StringIO(input or ""))
        output.reset()
        data.set_override(None)
        code = 0
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            output.reset()
        return Result(code, out.getvalue(), err.getvalue())

    return invoke


def peercheck_exe() -> str:
    """The installed console script (next to this Python, or on PATH)."""
    candidate = Path(sys.executable).parent / "peercheck"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("peercheck")
    if not found:
        pytest.fail("the peercheck command is not installed; run pip install -e '.[test]'")
    return found


def spawn_reflect(home: Path, *args: str):
    """`peercheck reflect` in a real pseudo-terminal: 80 columns, no colour."""
    import pexpect

    env = dict(os.environ, PEERCHECK_HOME=str(home), NO_COLOR="1", TERM="dumb", COLUMNS="80")
    return pexpect.spawn(peercheck_exe(), ["reflect", *args], env=env, encoding="utf-8",
                         timeout=20, dimensions=(50, 80))


def answer(child, expect: str, text: str) -> None:
    """Wait for a question containing ``expect``, then its prompt, and type ``text``."""
    child.expect(expect)
    child.expect("> ")
    child.sendline(text)


@pytest.fixture
def run(tmp_path):
    """Run the installed peercheck as a subprocess, from a folder outside the repo."""

    def invoke(*args: str, input: str | None = None, cwd: Path | None = None,
               env: dict[str, str] | None = None, timeout: float = 60) -> Result:
        full_env = dict(os.environ)
        full_env.update(env or {})
        proc = subprocess.run(
            [peercheck_exe(), *args],
            input=input,
            capture_output=True,
            text=True,
            cwd=cwd or tmp_path,
            env=full_env,
            timeout=timeout,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return invoke
