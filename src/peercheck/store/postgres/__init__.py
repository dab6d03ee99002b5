"""The team log on PostgreSQL (``PEERCHECK_DATABASE_URL`` / ``--database``).

``connect`` reaches the server, ``schema`` holds the migrations and privileges, ``store`` the
LogStore methods, ``sharing`` the label, shared flag and supervisors' view.
"""

from .store import PostgresStore

__all__ = ["PostgresStore"]
