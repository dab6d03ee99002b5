"""The one exception type peercheck turns into a friendly message (see cli.main)."""

from __future__ import annotations


class PeercheckError(Exception):
    """A problem the user can act on.

    The message is one clear sentence, shown without a traceback; ``exit_code`` is 2 for bad
    input or setup (the shell convention for usage errors) unless a command says otherwise.
    ``hint`` is an optional second line that says what to try next.
    """

    exit_code: int = 2

    def __init__(self, message: str, *, hint: str | None = None, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code


class DataError(PeercheckError):
    """The values, principles, prompts or cues data is missing or malformed."""


class StoreError(PeercheckError):
    """The reflection log cannot be opened, read or written."""


class InputError(PeercheckError):
    """Something the user typed or passed in (a name, a date, a file) cannot be used."""
