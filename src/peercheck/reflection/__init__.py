"""The reflection: session context, answers (typed or from a file), drafts and the record.

Nothing typed is lost: the interactive session writes a draft (owner-only, atomically) after
every answer, ``q`` and Ctrl-C leave it in place, and ``reflect --resume`` carries on from it.
A draft is only removed once its reflection is safely in the log (or printed with
``--no-save``). The record is the plain dict described in peercheck.store and the README.

One module per idea: ``context`` (date, kind, minutes, tags), ``answers`` (answers files),
``drafts``, ``session`` (the interactive questions), ``record`` (building and saving it) and
``run`` (the command's work). Everything other modules use is importable from here.
"""

from __future__ import annotations

from .answers import answers_yaml, read_answers, template, template_text
from .context import (
    CONTEXT_FIELDS,
    SESSION_KINDS,
    empty_context,
    parse_context,
    parse_date_value,
    parse_kind,
    parse_minutes,
    parse_tags,
)
from .drafts import DRAFT_FORMAT, Draft
from .record import (
    build_record,
    concept_names,
    free_text_cues,
    identifying,
    identifying_answers,
    save_record,
)
from .run import resolve_focus, resolve_framework, run_reflect
from .session import Session, Stop

__all__ = [
    "CONTEXT_FIELDS", "DRAFT_FORMAT", "SESSION_KINDS", "Draft", "Session", "Stop",
    "answers_yaml", "build_record", "concept_names", "empty_context", "free_text_cues",
    "identifying", "identifying_answers", "parse_context", "parse_date_value", "parse_kind",
    "parse_minutes", "parse_tags", "read_answers", "resolve_focus", "resolve_framework",
    "run_reflect", "save_record", "template", "template_text",
]
