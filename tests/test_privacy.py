"""Nothing leaked: owner-only files whatever the umask, nothing written elsewhere, no network,
no free text in redacted exports, and deleted text gone from the file's bytes.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import peercheck_exe

FIXTURE = Path(__file__).parent / "fixtures" / "peercheck-schema1.db"
EXPORT_FORMATS = ["jsonl", "json", "csv", "markdown", "html"]


def words(seed: int, n: int = 6) -> list[str]:
    """Distinctive made-up words, so a search of the bytes cannot match anything else."""
    rng = random.Random(seed)
    return ["".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4))
            for _ in range(n)]


def answers_file(path: Path, secret: list[str], tags: list[str] | None = None) -> Path:
    tag_list = ", ".join(tags or ["drop-in"])
    path.write_text(
        "context:\n  date: 2026-11-18\n  kind: one-to-one\n  minutes: 40\n"
        f"  tags: [{tag_list}]\n"
        "answers:\n"
        f"  what-happened: We talked about {secret[0]} and the {secret[1]} garden.\n"
        f"  went-well: I asked about {secret[2]} and then waited.\n"
        "  advice: 2\n"
        "  listening: 4\n"
        f"  next-time: Remember {secret[3]} {secret[4]}.\n",
        encoding="utf-8",
    )
    return path


def run_cmd(args: list[str], env: dict[str, str], *, umask: int | None = None,
            cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    def pre() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run([peercheck_exe(), *args], env=env, cwd=cwd, input=input,
                          capture_output=True, text=True, preexec_fn=pre, timeout=120)


def modes(root: Path) -> dict[str, str]:
    """Every path under root with its permission bits, for one readable assertion."""
    found = {".": oct(stat.S_IMODE(root.stat().st_mode))}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


def assert_private(root: Path) -> None:
    wrong = {name: mode for name, mode in modes(root).items()
             if mode != ("0o700" if (root / name).is_dir() else "0o600")}
    assert wrong == {}, f"not owner-only: {wrong}"


# --- permissions whatever the umask ------------------------------------------------------


def test_everything_written_is_owner_only_under_umask_000(peercheck_home, tmp_path):
    env = {**os.environ, "PEERCHECK_HOME": str(peercheck_home)}
    secret = words(1)
    answers = answers_file(tmp_path / "answers.yaml", secret)
    out = tmp_path / "out"
    out.mkdir()

    steps = [
        ["reflect", "--answers", str(answers)],
        ["reflect", "--answers", str(answers), "--json"],
        ["log"], ["trends"], ["show", "mutuality"],
        ["log", "backup", str(out / "backup.db")],
        *[["export", "-f", f, "-o", str(out / f"export.{f}")] for f in EXPORT_FORMATS],
        ["export", "--redact", "-o", str(out / "redacted.jsonl")],
        ["report", str(out / "export.jsonl"), "-f", "html", "-o", str(out / "team.html")],
    ]
    for args in steps:
        result = run_cmd(args, env, umask=0)
        assert result.returncode == 0, (args, result.stderr)
    assert_private(peercheck_home)
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in out.iterdir()} == {
        p.name: "0o600" for p in out.iterdir()
    }

    # Importing into a fresh home, still under umask 000, gives the same promise.
    other = tmp_path / "other-home"
    env2 = {**env, "PEERCHECK_HOME": str(other)}
    result = run_cmd(["import", str(out / "export.jsonl")], env2, umask=0)
    assert result.returncode == 0, result.stderr
    assert_private(other)

    # A draft kept by a failed save (no terminal, so the stdin path) is private too.
    (peercheck_home / "peercheck.db").unlink()
    (peercheck_home / "peercheck.db").mkdir()  # saving now fails
    result = run_cmd(["reflect", "--answers", str(answers)], env, umask=0)
    assert result.returncode == 2
    (peercheck_home / "peercheck.db").rmdir()
    assert list((peercheck_home / "drafts").glob("*.json"))
    assert_private(peercheck_home)


def test_wal_and_shm_are_private_while_the_log_is_open(peercheck_home):
    from peercheck.store import open_store

    old = os.umask(0)
    try:
        with open_store() as log:
            log.save({"context": {"date": "2026-11-20", "tags": []}, "answers": {"x": "y"}})
            db = Path(log.location)
            companions = [Path(f"{db}-wal"), Path(f"{db}-shm")]
            assert all(p.exists() for p in companions)  # still open: WAL files are there
            assert_private(peercheck_home)
    finally:
        os.umask(old)


def test_migration_backup_is_private_under_umask_000(peercheck_home):
    peercheck_home.mkdir(mode=0o777, parents=True)
    os.chmod(peercheck_home, 0o777)  # as loose as a folder can be
    db = peercheck_home / "peercheck.db"
    shutil.copyfile(FIXTURE, db)
    os.chmod(db, 0o666)
    result = run_cmd(["log"], {**os.environ}, umask=0)
    assert result.returncode == 0, result.stderr
    assert list(peercheck_home.glob("peercheck.schema1.backup*.db"))
    assert_private(peercheck_home)


# --- nothing written anywhere else -------------------------------------------------------


def snapshot(*roots: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for root in roots:
        for path in [root, *root.rglob("*")]:
            info = path.lstat()
            found[str(path)] = (info.st_size, info.st_mtime_ns)
    return found


SOCKET_GUARD = """
import os, sys

_log = os.environ["PEERCHECK_TEST_AUDIT_LOG"]
_watch = ("socket.", "urllib.", "http.", "ftplib.", "smtplib.", "subprocess.Popen",
          "os.system", "os.exec", "os.posix_spawn", "webbrowser.")

def _hook(event, args):
    if event.startswith(_watch) and event != "socket.__new__" or (
            event == "socket.__new__" and len(args) > 1 and args[1] != 1):  # not AF_UNIX
        with open(_log, "a") as fh:
            fh.write(event + " " + repr(args)[:200] + "\\n")
        if event.startswith("socket."):
            raise OSError("network use blocked by the peercheck privacy test")

sys.addaudithook(_hook)
"""


@pytest.mark.parametrize("default_home", [False, True], ids=["PEERCHECK_HOME", "platform"])
def test_nothing_written_outside_home_and_named_files_and_no_network(tmp_path, default_home):
    home = tmp_path / "home"
    tmpdir = tmp_path / "tmp"
    cwd = tmp_path / "cwd"
    guard = tmp_path / "guard"
    for folder in (home, tmpdir, cwd, guard):
        folder.mkdir()
    (guard / "sitecustomize.py").write_text(SOCKET_GUARD, encoding="utf-8")
    audit_log = tmp_path / "audit.log"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "PEERCHECK_"))}
    env.update(HOME=str(home), TMPDIR=str(tmpdir), NO_COLOR="1",
               PYTHONPATH=str(guard), PEERCHECK_TEST_AUDIT_LOG=str(audit_log))
    if default_home:
        peercheck_home = home / ".local" / "share" / "peercheck"
    else:
        peercheck_home = home / "private" / "peercheck"
        env["PEERCHECK_HOME"] = str(peercheck_home)
    secret = words(2)
    (cwd / "answers.yaml").write_text(answers_file(tmp_path / "a.yaml", secret).read_text())
    (cwd / "note.txt").write_text("I told him he should just call his GP.\n")
    named = {cwd / "export.html", cwd / "export.csv", cwd / "team.md", cwd / "backup.db"}

    # The guard really is loaded by the interpreter peercheck runs on.
    probe = subprocess.run(
        [str(Path(peercheck_exe()).parent / "python"), "-c",
         "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"],
        env=env, capture_output=True, text=True)
    assert "blocked by the peercheck privacy test" in probe.stderr
    audit_log.unlink()

    before = snapshot(home, tmpdir, cwd)
    for args in (
        ["--version"], ["show", "mutuality"], ["compare"], ["principles"], ["frameworks"],
        ["prompts"], ["reflect", "--template"],
        ["reflect", "--answers", "answers.yaml"], ["reflect", "--answers", "answers.yaml"],
        ["check", "note.txt"], ["log"], ["log", "--json"], ["trends"],
        ["log", "search", secret[0]],
        ["export", "-o", "export.html"], ["export", "-f", "csv", "-o", "export.csv"],
        ["export", "-o", str(tmpdir / "ignored.jsonl"), "--redact"],
        ["report", str(tmpdir / "ignored.jsonl"), "-f", "markdown", "-o", "team.md"],
        ["log", "backup", "backup.db"],
        ["log", "purge", "--before", "2026-11-19", "--yes"],
    ):
        result = run_cmd(args, env, cwd=cwd)
        assert result.returncode in (0, 1), (args, result.stderr)
        assert "Traceback" not in result.stderr
    after = snapshot(home, tmpdir, cwd)

    assert audit_log.exists() is False, audit_log.read_text()  # no network, no programs run
    changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    allowed = {str(p) for p in named} | {str(tmpdir / "ignored.jsonl")}
    outside = sorted(
        p for p in changed
        if p not in allowed and not p.startswith(str(peercheck_home))
        and p not in {str(home), str(cwd), str(tmpdir)}
        and not (default_home and str(peercheck_home).startswith(p))  # its parent folders
        and not (not default_home and p == str(home / "private"))
    )
    assert outside == [], f"written outside peercheck's folder: {outside}"
    assert_private(peercheck_home)


# --- redacted exports hold no free text --------------------------------------------------


def _free_texts(record: dict) -> list[str]:
    texts = [value for key, value in record["answers"].items()
             if record["prompts"].get(key, {}).get("kind") == "text"]
    texts += record["context"].get("tags") or []
    if record.get("intention"):
        texts.append(record["intention"])
    return texts


def test_redacted_exports_hold_no_free_text(peercheck_home, tmp_path, run):
    records = []
    for seed in range(3):
        secret = words(100 + seed)
        tags = [f"tag{secret[5]}"]
        answers = answers_file(tmp_path / f"a{seed}.yaml", secret, tags=tags)
        result = run("reflect", "--answers", str(answers), "--json")
        assert result.exit_code == 0, result.stderr
        records.append((json.loads(result.stdout), secret + tags))

    outputs = {}
    for fmt in EXPORT_FORMATS:
        target = tmp_path / f"redacted.{fmt}"
        result = run("export", "--redact", "-f", fmt, "-o", str(target), "--as", "Worker A")
        assert result.exit_code == 0, result.stderr
        outputs[fmt] = target.read_text(encoding="utf-8")
    result = run("export", "--redact", "-f", "jsonl")
    outputs["stdout"] = result.stdout
    for fmt in ("text", "markdown", "html", "json"):
        result = run("report", str(tmp_path / "redacted.jsonl"), "-f", fmt)
        assert result.exit_code == 0, result.stderr
        outputs[f"report-{fmt}"] = result.stdout

    for record, secrets in records:
        needles = set(secrets) | set(_free_texts(record))
        for name, text in outputs.items():
            lowered = text.lower()
            leaked = [n for n in needles if n.lower() in lowered]
            assert leaked == [], f"{name} export quotes free text: {leaked}"
    # …while the scores are still there to be useful.
    assert "mutuality" in outputs["csv"].lower()
    # And the unredacted export really did hold the words (so the search means something).
    full = run("export", "-f", "jsonl").stdout
    assert records[0][1][0] in full


# --- delete and purge remove the words from the file itself ------------------------------


def _file_bytes(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(home.glob("peercheck.db*")) if p.is_file())


@pytest.mark.parametrize("how", ["delete", "purge"])
def test_deleted_text_is_gone_from_the_database_files(peercheck_home, tmp_path, run, how):
    keep, gone = words(200), words(300)
    answers_file(tmp_path / "keep.yaml", keep)
    text = answers_file(tmp_path / "gone.yaml", gone).read_text().replace(
        "2026-11-18", "2026-10-02")
    (tmp_path / "gone.yaml").write_text(text)
    # A few saves and a reader in another process, so text sits in pages, WAL and FTS index.
    for _ in range(3):
        assert run("reflect", "--answers", str(tmp_path / "keep.yaml")).exit_code == 0
    made = run("reflect", "--answers", str(tmp_path / "gone.yaml"), "--json")
    assert made.exit_code == 0, made.stderr
    gone_id = json.loads(made.stdout)["id"]
    assert gone[0].encode() in _file_bytes(peercheck_home)

    if how == "delete":
        result = run("log", "delete", gone_id, "--yes")
    else:
        result = run("log", "purge", "--before", "2026-11-01", "--yes")
    assert result.exit_code == 0, result.stderr

    raw = _file_bytes(peercheck_home)
    for word in gone:
        assert word.encode() not in raw, f"{word} is still in the log file's bytes"
    assert keep[0].encode() in raw  # the others are untouched
    with sqlite3.connect(peercheck_home / "peercheck.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM reflections").fetchone()[0] == 3
    conn.close()
    # The search index no longer finds it either.
    assert gone[0] not in run("log", "search", gone[0]).stdout


def test_no_identifying_questions_are_asked():
    """The questions themselves never ask for a peer's name or details (DEVELOPERS.md)."""
    result = subprocess.run([peercheck_exe(), "reflect", "--template"], capture_output=True,
                            text=True)
    assert result.returncode == 0
    asked = " ".join(line for line in result.stdout.splitlines()
                     if line.lstrip().startswith("#")).lower()
    for probe in ("their name", "peer's name", "date of birth", "address", "phone number"):
        assert f"what is {probe}" not in asked and f"what's {probe}" not in asked
    assert "never needs the peer's name" in asked


def test_help_says_everything_stays_local():
    text = subprocess.run([peercheck_exe(), "--help"], capture_output=True, text=True).stdout
    assert "stays on this computer" in " ".join(text.split())
