"""Reading peercheck's own exports back (JSON Lines or JSON), for ``import`` and ``report``.

Records are checked field by field (``peercheck.records``) as they stream past; the first one
that cannot be used raises an InputError naming the file, line, field and why, and because
``import`` runs in one transaction, a bad file imports nothing. Within one file, two records
with the same id and different content are a conflict, not a copy.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import messages
from .errors import InputError

Record = dict[str, Any]
NOTHING = "so nothing was imported"
MAX_LINE = 1_000_000  # characters in one record: far beyond any reflection


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
    except (ValueError, RecursionError):  # whole, but unusable: said below with its line
        single_line = True
    handle.seek(0)
    if not single_line:
        yield from _json(path, handle, consequence)
        return
    seen: dict[str, tuple[int, int]] = {}
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        if len(line) > MAX_LINE:
            raise InputError(messages.IMPORT_TOO_BIG.format(where=where, then=consequence))
        try:
            record = json.loads(line)
        except RecursionError as exc:
            raise InputError(
                messages.IMPORT_TOO_DEEP.format(where=where, then=consequence)
            ) from exc
        except ValueError as exc:  # not JSON, or a number too long to read
            raise InputError(
                f"{path}, line {number} is not complete JSON, {consequence}.",
                hint="The file may have been cut short; export it again.",
            ) from exc
        record = check(record, path, number, consequence)
        # The same id twice is usually the same line twice (files joined): compared by a hash
        # of the text; only when the text differs is the earlier line read back and compared.
        digest = hash(line.strip())
        earlier = seen.setdefault(record["id"], (digest, number))
        if earlier[0] != digest and _canonical(record) != _canonical(
            _line_record(path, earlier[1])
        ):
            raise _conflict(where, record["id"], consequence)
        yield record


def _json(path: Path, handle: Any, consequence: str) -> Iterator[Record]:
    try:
        data = json.load(handle)
    except RecursionError as exc:
        raise InputError(
            messages.IMPORT_TOO_DEEP.format(where=str(path), then=consequence)
        ) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise _not_export(path, consequence, "it is not valid JSON") from exc
    if isinstance(data, dict):
        data = data["records"] if isinstance(data.get("records"), list) else [data]
    if not isinstance(data, list):
        raise _not_export(path, consequence, None)
    seen: dict[str, int] = {}
    for number, record in enumerate(data, start=1):
        checked = check(record, path, number, consequence, noun="record")
        yield _unique(checked, seen, f"{path}, record {number}", consequence)


def _unique(record: Record, seen: dict[str, int], where: str, consequence: str) -> Record:
    """The record, unless the file already gave a different record under the same id."""
    digest = hash(_canonical(record))
    if seen.setdefault(record["id"], digest) != digest:
        raise _conflict(where, record["id"], consequence)
    return record


def _canonical(record: Record) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def _line_record(path: Path, number: int) -> Record:
    """Record ``number`` of a JSON Lines file, read again (it was checked on the way in)."""
    import itertools

    with path.open("r", encoding="utf-8") as handle:
        record = json.loads(next(itertools.islice(handle, number - 1, None)))
    return {**record, "id": str(record["id"]).strip().upper()}


def _conflict(where: str, rid: str, consequence: str) -> InputError:
    return InputError(
        messages.IMPORT_CONFLICT.format(where=where, id=rid, then=consequence),
        hint=messages.IMPORT_CONFLICT_HINT,
    )


def check(
    record: Any, path: Path, number: int, consequence: str = NOTHING, noun: str = "line"
) -> Record:
    """The record as it may be stored, if it is a usable peercheck reflection; else InputError."""
    from .records import Problem
    from .records import check as check_record

    if not isinstance(record, dict) or "answers" not in record and "concepts" not in record:
        raise _not_export(path, consequence, None)
    try:
        return check_record(record)
    except Problem as problem:
        raise InputError(
            messages.IMPORT_BAD_FIELD.format(
                where=f"{path}, {noun} {number}", field=problem.field, why=problem.why,
                then=consequence,
            ),
            hint=messages.IMPORT_BAD_FIELD_HINT,
        ) from None


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
