"""Long output opens in a pager on a terminal, as git does; never in a pipe, never when short.

PAGER is a small script that records that it ran and passes its input through.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import peercheck_exe

pexpect = pytest.importorskip("pexpect")


@pytest.fixture
def pager(tmp_path):
    """A pager that writes a mark file with its name, then shows what it was given."""
    def make(name: str):
        script = tmp_path / f"{name}.sh"
        script.write_text(f"#!/bin/sh\necho ran > '{tmp_path}/{name}.ran'\ncat\n")
        script.chmod(0o700)
        return str(script), tmp_path / f"{name}.ran"
    return make


def _terminal(args, env, rows=24):
    child = pexpect.spawn(peercheck_exe(), args, env=env, encoding="utf-8", timeout=30,
                          dimensions=(rows, 80))
    child.expect(pexpect.EOF)
    child.close()
    return child


def _env(home, **extra):
    env = {"PATH": os.environ["PATH"], "PEERCHECK_HOME": str(home), "TERM": "dumb",
           "NO_COLOR": "1"}
    env.update(extra)
    return env


@pytest.mark.parametrize("args", [
    ["show", "mutuality"], ["compare"], ["principles"], ["show", "hope", "--format", "markdown"],
])
def test_long_output_on_a_terminal_goes_through_the_pager(peercheck_home, pager, args):
    command, ran = pager("pager")
    child = _terminal(args, _env(peercheck_home, PAGER=command))
    assert child.exitstatus == 0
    assert ran.exists(), "the pager did not run"
    assert "Getting Oriented" in child.before or "Mutuality" in child.before


def test_peercheck_pager_wins_over_pager(peercheck_home, pager):
    general, general_ran = pager("general")
    ours, ours_ran = pager("ours")
    child = _terminal(["show", "mutuality"],
                      _env(peercheck_home, PAGER=general, PEERCHECK_PAGER=ours))
    assert child.exitstatus == 0
    assert ours_ran.exists() and not general_ran.exists()


@pytest.mark.parametrize("how", ["--no-pager", "PEERCHECK_PAGER=", "PAGER=cat"])
def test_the_pager_can_be_turned_off(peercheck_home, pager, how):
    command, ran = pager("pager")
    env = _env(peercheck_home, PAGER=command)
    args = ["show", "mutuality"]
    if how.startswith("--"):
        args = [how, *args]
    else:
        key, value = how.split("=")
        env[key] = value
    child = _terminal(args, env)
    assert child.exitstatus == 0
    assert not ran.exists()
    assert "Mutual & reciprocal" in child.before


def test_short_output_is_printed_straight(peercheck_home, pager):
    command, ran = pager("pager")
    child = _terminal(["show", "mutuality"], _env(peercheck_home, PAGER=command), rows=300)
    assert child.exitstatus == 0
    assert not ran.exists()
    assert "Mutual & reciprocal" in child.before


def test_a_pipe_never_gets_a_pager(peercheck_home, pager, tmp_path):
    command, ran = pager("pager")
    proc = subprocess.run([peercheck_exe(), "compare"], capture_output=True, text=True,
                          env=_env(peercheck_home, PAGER=command), cwd=tmp_path, timeout=30)
    assert proc.returncode == 0
    assert not ran.exists()
    assert proc.stdout.startswith("  bccampus")


def test_a_pager_that_is_not_installed_still_shows_the_text(peercheck_home, tmp_path):
    child = _terminal(["show", "mutuality"],
                      _env(peercheck_home, PAGER=str(tmp_path / "no-such-pager")))
    assert child.exitstatus == 0
    assert "Mutual & reciprocal" in child.before


def test_the_summary_and_log_show_page_on_a_short_terminal(peercheck_home, pager, tmp_path):
    """The reflection summary (after reflect, and again in log show) pages when taller."""
    from conftest import FILLED_ANSWERS

    answers = tmp_path / "answers.yaml"
    answers.write_text(FILLED_ANSWERS, encoding="utf-8")
    command, ran = pager("pager")
    child = _terminal(["reflect", "--answers", str(answers)],
                      _env(peercheck_home, PAGER=command), rows=10)
    assert child.exitstatus == 0
    assert ran.exists(), "the summary did not go through the pager"
    assert "What went well" in child.before
    ran.unlink()
    listed = subprocess.run([peercheck_exe(), "log", "--json"], capture_output=True, text=True,
                            env=_env(peercheck_home))
    rid = __import__("json").loads(listed.stdout)[0]["id"]
    child = _terminal(["log", "show", rid], _env(peercheck_home, PAGER=command), rows=10)
    assert child.exitstatus == 0 and ran.exists(), "log show did not go through the pager"
    ran.unlink()
    child = _terminal(["log", "show", rid], _env(peercheck_home, PAGER=command), rows=200)
    assert child.exitstatus == 0 and not ran.exists(), "a summary that fits was paged"
