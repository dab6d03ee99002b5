"""Reaching the PostgreSQL server: the URL, the connection, and each fault as one sentence.

psycopg is imported here and only here, so nobody without a PostgreSQL URL pays for it.
Passwords come from the URL, PGPASSWORD or ~/.pgpass exactly as libpq reads them; peercheck
never prints one.
"""

from __future__ import annotations

from typing import Any

from ... import messages
from ...errors import StoreError

CONNECT_TIMEOUT_S = 10


def is_postgres_url(url: str | None) -> bool:
    """True for postgresql:// and postgres:// URLs."""
    return bool(url) and str(url).split("://", 1)[0].lower() in ("postgresql", "postgres")


def describe(url: str) -> str:
    """The URL as ``log path`` shows it: user, host, port and database, never the password."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = conninfo_to_dict(url)
    except Exception:  # noqa: BLE001 - a URL libpq cannot parse is described by its scheme
        return "postgresql://(an unreadable URL)"
    user = parts.get("user")
    host = parts.get("host") or ""
    if host.startswith("/"):
        host = ""  # a socket folder: the URL form leaves it out
    port = parts.get("port")
    where = f"{user}@" if user else ""
    where += host + (f":{port}" if port else "")
    return f"postgresql://{where}/{parts.get('dbname') or ''}"


def has_password(url: str) -> bool:
    from psycopg.conninfo import conninfo_to_dict

    try:
        return bool(conninfo_to_dict(url).get("password"))
    except Exception:  # noqa: BLE001
        return False


def connect(url: str, location: str) -> Any:
    """An autocommit connection (each write opens its own transaction), or a StoreError."""
    import psycopg

    _suggest_pgpass_once(url)
    try:
        return psycopg.connect(
            url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
            application_name="peercheck",
        )
    except psycopg.Error as exc:
        raise connect_error(location, exc) from None


def connect_error(location: str, exc: Exception) -> StoreError:
    """Why the server could not be reached, in words a worker can act on."""
    text = str(exc).lower()
    if "password" in text and ("authentication failed" in text or "no password" in text):
        return StoreError(
            messages.PG_BAD_PASSWORD.format(where=location), hint=messages.PG_BAD_PASSWORD_HINT
        )
    if "role" in text and "does not exist" in text:
        return StoreError(
            messages.PG_NO_ROLE.format(where=location), hint=messages.PG_NOT_A_MEMBER_HINT
        )
    if "database" in text and "does not exist" in text:
        return StoreError(messages.PG_NO_DATABASE.format(where=location),
                          hint=messages.PG_NO_DATABASE_HINT)
    if "pg_hba" in text or "permission denied" in text:
        return StoreError(messages.PG_REFUSED.format(where=location),
                          hint=messages.PG_REFUSED_HINT)
    return StoreError(messages.PG_UNREACHABLE.format(where=location),
                      hint=messages.PG_UNREACHABLE_HINT)


def store_error(location: str, exc: Exception, *, saving: bool = False) -> StoreError:
    """A failure after connecting: a lost connection, a missing privilege, anything else."""
    import psycopg

    text = str(exc).lower()
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return StoreError(messages.PG_NOT_A_MEMBER.format(where=location),
                          hint=messages.PG_NOT_A_MEMBER_HINT)
    if isinstance(exc, psycopg.errors.UndefinedTable | psycopg.errors.InvalidSchemaName):
        return StoreError(messages.PG_NO_SCHEMA.format(where=location),
                          hint=messages.PG_NO_SCHEMA_HINT)
    if isinstance(exc, psycopg.OperationalError) or "connection" in text:
        what = messages.PG_NOT_SAVED if saving else messages.PG_NOT_READ
        return StoreError(messages.PG_LOST.format(where=location, what=what),
                          hint=messages.PG_LOST_HINT)
    return StoreError(messages.PG_FAILED.format(where=location, reason=str(exc).strip()))


def _suggest_pgpass_once(url: str) -> None:
    """A password in the URL ends up in shell history: suggest ~/.pgpass, once per home."""
    if not has_password(url):
        return
    from ...output import say
    from ...paths import home

    marker = home() / ".pgpass-suggested"
    if marker.exists():
        return
    say(messages.PG_PGPASS_HINT)
    try:
        marker.touch(mode=0o600)
    except OSError:
        pass
