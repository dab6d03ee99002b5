"""The foundation: entry point, version, home folder privacy, one exit path."""

from __future__ import annotations

import stat

from peercheck import __version__


def test_version_in_process(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"peercheck {__version__}"


def test_installed_command_runs_outside_repo(run, tmp_path):
    result = run("--version", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert __version__ in result.stdout


def test_unknown_command_is_one_clear_error(run):
    result = run("no-such-command")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "no-such-command" in result.stderr


def test_home_is_created_owner_only(peercheck_home):
    from peercheck.paths import home

    path = home()
    assert path == peercheck_home
    assert stat.S_IMODE(path.stat().st_mode) == 0o700


def test_home_pointing_at_a_file_is_refused(run, tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x")
    from peercheck.errors import PeercheckError
    from peercheck.paths import ensure_private_dir

    try:
        ensure_private_dir(target)
    except PeercheckError as exc:
        assert "is a file" in exc.message
    else:  # pragma: no cover - the assertion above is the test
        raise AssertionError("a file was accepted as the home folder")


def test_atomic_write_is_private_and_complete(tmp_path):
    from peercheck.paths import atomic_write

    target = tmp_path / "out.txt"
    atomic_write(target, "hello")
    assert target.read_text() == "hello"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
