"""Reading peercheck's own exports back (JSON Lines or JSON), for ``import`` and ``report``.

Records are checked as they stream past; the first one that cannot be used raises an
InputError naming the file and line, and because ``import`` runs in one transaction, a bad
file imports nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import InputError

Record = dict[str, Any]
NOTHING = "so nothing was imported"


def read_records(path: Path, *, consequence: str = NOTHING) -> Iterator[Record]:
    """Every record in a JSON Lines or JSON export, checked, in file order."""
    path = Path(path)
    try:
        handle = path.open("r", encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"There is no file at {path}.") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path} is a folder; please name an export file.") from exc
    except OSError as exc:
        raise InputError(f"peercheck could not read {path}: {exc.strerror or exc}.") from exc
    with handle:
        try:
            yield from _records(path, handle, consequence)
        except UnicodeDecodeError as exc:
            # Bad bytes anywhere in the file, not only in the part read first.
            raise _not_export(path, consequence, "it is not a text file") from exc


def _records(path: Path, handle: Any, consequence: str) -> Iterator[Record]:
    head = handle.read(4096)
    start = head.lstrip()[:1]
    if not start:
        raise InputError(f"{path} is empty, {consequence}.")
    handle.seek(0)
    if start == "[":
        yield from _json(path, handle, consequence)
        return
    if start != "{":
        raise _not_export(path, consequence, None, head)
    first = handle.readline()
    try:
        single_line = isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        single_line = False
    handle.seek(0)
    if not single_line:
        yield from _json(path, handle, consequence)
        return
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{path}, line {number} is not complete JSON, {consequence}.",
                hint="The file may have been cut short; export it again.",
            ) from exc
        yield check(record, path, number, consequence)


def _json(path: Path, handle: Any, consequence: str) -> Iterator[Record]:
    try:
        data = json.load(handle)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _not_export(path, consequence, "it is not valid JSON") from exc
    if isinstance(data, dict):
        data = data["records"] if isinstance(data.get("records"), list) else [data]
    if not isinstance(data, list):
        raise _not_export(path, consequence, None)
    for number, record in enumerate(data, start=1):
        yield check(record, path, number, consequence, noun="record")


def check(
    record: Any, path: Path, number: int, consequence: str = NOTHING, noun: str = "line"
) -> Record:
    """The record if it looks like a saved peercheck reflection; else one clear InputError."""
    where = f"{path}, {noun} {number}"
    if not isinstance(record, dict) or "answers" not in record and "concepts" not in record:
        raise _not_export(path, consequence, None)
    rid = record.get("id")
    if not isinstance(rid, str) or not rid.strip() or len(rid) > 64:
        raise InputError(
            f"{where} is a reflection without an id (perhaps saved with --no-save), "
            f"{consequence}."
        )
    if not isinstance(record.get("created_at"), str) or len(record["created_at"]) < 10:
        raise InputError(f"{where} has no creation time, {consequence}.")
    if not isinstance(record.get("context") or {}, dict):
        raise InputError(f"{where} has a context that is not a set of fields, {consequence}.")
    concepts = record.get("concepts") or []
    if not isinstance(concepts, list) or not all(
        isinstance(c, dict) and isinstance(c.get("id"), str) for c in concepts
    ):
        raise InputError(f"{where} has value scores peercheck cannot read, {consequence}.")
    return record


def _not_export(path: Path, consequence: str, why: str | None, head: str = "") -> InputError:
    suffix = path.suffix.lower()
    first = head.lstrip().splitlines()[0] if head.strip() else ""
    if suffix in (".yaml", ".yml") or (first and ":" in first and "," not in first):
        hint = "An answers file goes to peercheck reflect --answers FILE instead."
    elif suffix == ".csv" or first.count(",") >= 2:
        hint = (
            "CSV exports are for spreadsheets; to move reflections, use "
            "peercheck export --format jsonl -o FILE."
        )
    else:
        hint = "peercheck export --format jsonl -o FILE makes a file that import reads."
    reason = f" ({why})" if why else ""
    return InputError(
        f"{path} is not a peercheck JSON Lines or JSON export{reason}, {consequence}.",
        hint=hint,
    )
