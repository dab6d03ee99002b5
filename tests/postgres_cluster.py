"""A throw-away PostgreSQL cluster for the team-log tests (one per test session).

pytest-postgresql's executor runs ``pg_ctl`` from the installed server (on Debian under
/usr/lib/postgresql/NN/bin). PostgreSQL refuses to run as root, and CI runs as root: then
``pg_ctl`` runs through a two-line wrapper as the ``postgres`` system user (runuser), in a
folder that user owns. Without a server the tests skip with one line saying how to enable
them, unless PEERCHECK_REQUIRE_POSTGRES=1 (CI) makes that a failure.

Roles: ``admin`` (owns each test database, runs ``team setup``), workers ``alice`` and
``bob``, supervisor ``sam``, and ``nobody`` (a login role peercheck was never told about).
Everyone but the built-in superuser logs in over TCP with a password (scram), so a wrong
password is a real failure.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

PASSWORD = "s3cret-for-tests"
ROLES = ("admin", "alice", "bob", "sam", "nobody")
_counter = itertools.count()


def _pg_ctl() -> str | None:
    found = shutil.which("pg_ctl")
    if found:
        return found
    candidates = glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")
    return max(candidates, key=lambda p: int(Path(p).parts[-3])) if candidates else None


def _missing(reason: str) -> None:
    if os.environ.get("PEERCHECK_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required here (PEERCHECK_REQUIRE_POSTGRES=1): {reason}")
    pytest.skip(f"{reason}; install the PostgreSQL server (e.g. apt-get install postgresql) "
                "to run the team-log tests")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    executor: object
    port: int
    socket_dir: str
    datadir: str

    def url(self, role: str, dbname: str, password: str | None = PASSWORD) -> str:
        secret = f":{password}" if password else ""
        return f"postgresql://{role}{secret}@127.0.0.1:{self.port}/{dbname}"

    def superuser(self, dbname: str = "postgres"):
        import psycopg

        return psycopg.connect(host=self.socket_dir, port=self.port, user="postgres",
                               dbname=dbname, autocommit=True)

    def stop(self) -> None:
        self.executor.stop()

    def start(self) -> None:
        self.executor.start()
        self.wait_ready()

    def wait_ready(self) -> None:
        """The port opens before the server takes connections ("starting up")."""
        import time

        import psycopg

        for _ in range(300):
            try:
                self.superuser().close()
                return
            except psycopg.OperationalError:
                time.sleep(0.1)
        self.superuser().close()  # still failing after 30 s: let the error show


@pytest.fixture(scope="session")
def pg_cluster():
    pg_ctl = _pg_ctl()
    if pg_ctl is None:
        _missing("no PostgreSQL server (pg_ctl) found")
    try:
        import psycopg  # noqa: F401
        from pytest_postgresql.executors.proc import PostgreSQLExecutor
    except ImportError as exc:
        _missing(f"{exc.name} is not installed")
    base = tempfile.mkdtemp(prefix="peercheck-pg-")
    executable = pg_ctl
    if os.geteuid() == 0:
        # postgres will not run as root: hand the folder to the postgres user and run
        # pg_ctl as that user.
        import pwd

        user = pwd.getpwnam("postgres")
        os.chown(base, user.pw_uid, user.pw_gid)
        executable = os.path.join(base, "pg_ctl")
        with open(executable, "w") as f:
            f.write(f'#!/bin/sh\nexec runuser -u postgres -- "{pg_ctl}" "$@"\n')
        os.chmod(executable, 0o755)
    os.chmod(base, 0o755)
    port = _free_port()
    executor = PostgreSQLExecutor(
        executable=executable, host="127.0.0.1", port=port, datadir=f"{base}/data",
        unixsocketdir=base, logfile=f"{base}/server.log", startparams="-w",
        dbname="postgres", timeout=120,
    )
    if os.geteuid() == 0:
        executor.init_directory = lambda: _init_as_postgres(executor, pg_ctl)  # type: ignore
    cluster = Cluster(executor, port, base, f"{base}/data")
    try:
        executor.start()
        cluster.wait_ready()
        _configure(cluster)
        yield cluster
    finally:  # also when starting it failed half-way: no server or folder is left behind
        try:
            if executor.running():
                executor.stop()
        finally:
            shutil.rmtree(base, ignore_errors=True)


def _init_as_postgres(executor, pg_ctl: str) -> None:
    """initdb as the postgres user (pytest-postgresql's own initdb call would run as root)."""
    if getattr(executor, "_peercheck_initialised", False):
        return
    subprocess.run(
        ["runuser", "-u", "postgres", "--", pg_ctl, "initdb", "--pgdata", executor.datadir,
         "-o", "--username=postgres --auth=trust"],
        check=True, capture_output=True, env=executor._initdb_env(),
    )
    executor._peercheck_initialised = True


def _configure(cluster: Cluster) -> None:
    """Passwords over TCP (so a wrong one fails), trust on the socket for the test's own setup."""
    hba = Path(cluster.datadir) / "pg_hba.conf"
    hba.write_text(
        "local all all trust\n"
        "host all all 127.0.0.1/32 scram-sha-256\n"
        "host all all ::1/128 scram-sha-256\n"
    )
    with cluster.superuser() as conn:
        conn.execute("SELECT pg_reload_conf()")
        for role in ROLES:
            extra = " CREATEROLE CREATEDB" if role == "admin" else ""
            conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'{extra}")


@dataclass
class TeamDB:
    cluster: Cluster
    name: str

    def url(self, role: str, password: str | None = PASSWORD) -> str:
        return self.cluster.url(role, self.name, password)

    def connect(self, role: str):
        """A plain psycopg connection as ``role``, for checking what the server allows."""
        import psycopg

        return psycopg.connect(self.url(role), autocommit=True)


@pytest.fixture
def team_db(pg_cluster, monkeypatch) -> TeamDB:
    """A fresh database owned by admin, set up with peercheck team setup's code."""
    from peercheck.store.postgres.schema import SUPERVISOR, WORKER, grant, setup

    name = f"team_{os.getpid()}_{next(_counter)}"
    with pg_cluster.superuser() as conn:
        conn.execute(f"CREATE DATABASE {name} OWNER admin")
    db = TeamDB(pg_cluster, name)
    with db.connect("admin") as conn:
        setup(conn)
        for role in ("alice", "bob"):
            grant(conn, WORKER, role)
        grant(conn, SUPERVISOR, "sam")
    try:
        yield db
    finally:
        with pg_cluster.superuser() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
