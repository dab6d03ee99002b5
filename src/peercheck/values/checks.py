"""Small schema checks, each raising ``doc.fail`` with the file and the line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _closest(name: str, options) -> str:
    from difflib import get_close_matches

    close = get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _top(doc) -> dict:
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        raise doc.fail("the file should be a mapping with sections such as `frameworks:`.")
    return doc.data



def _entries(doc, key: str, kind: str, keys: Any) -> Iterator[tuple[tuple, dict, str]]:
    """Each mapping of a top-level ``key:`` list with its id, checked for shape and repeats."""
    items = _top(doc).get(key)
    if items is None:
        if doc.builtin:
            raise doc.fail(f"there is no `{key}:` list.")
        return
    _need(doc, isinstance(items, list), f"`{key}` should be a list.", key)
    seen: set[str] = set()
    for i, raw in enumerate(items):
        where = (key, i)
        _need(doc, isinstance(raw, dict), f"each {kind} should be a mapping.", *where)
        _known_keys(doc, raw, keys, kind, where)
        item_id = _id(doc, raw, kind, where)
        if item_id in seen:
            raise doc.fail(f"the {kind} id '{item_id}' is used twice.", *where, "id")
        seen.add(item_id)
        yield where, raw, item_id

def _need(doc, ok: Any, what: str, *keys) -> None:
    if not ok:
        raise doc.fail(what, *keys)


def _known_keys(doc, raw: dict, allowed: set[str], kind: str, where: tuple) -> None:
    for key in raw:
        if key not in allowed:
            expected = ", ".join(sorted(allowed))
            raise doc.fail(f"unknown field '{key}' in a {kind} (expected one of: {expected}).",
                           *where, key)


def _id(doc, raw: dict, kind: str, where: tuple) -> str:
    value = raw.get("id")
    if value is None or value == "":
        raise doc.fail(f"a {kind} has no `id:`.", *where)
    if not isinstance(value, str) or not _ID.match(value):
        raise doc.fail(
            f"the {kind} id '{value}' should be kebab-case (lower-case words joined by -).",
            *where, "id",
        )
    return value


def _text(doc, raw: dict, key: str, label: str, where: tuple) -> str:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise doc.fail(f"{label} is missing its {key}.", *where)
    if not isinstance(value, str):
        raise doc.fail(f"the {key} of {label} should be text.", *where, key)
    return value


def _opt_text(doc, raw: dict, key: str, where: tuple) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise doc.fail(f"`{key}` should be text.", *where, key)
    return value


def _str_list(doc, raw: dict, key: str, label: str, where: tuple) -> list[str]:
    value = raw.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise doc.fail(f"`{key}` of {label} should be a list of text.", *where, key)
    return list(value)


def _paragraphs(doc, value: Any, label: str, where: tuple) -> list[str | list[str]]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    ok = isinstance(value, list) and all(
        isinstance(p, str) or (isinstance(p, list) and p and all(isinstance(b, str) for b in p))
        for p in value
    )
    if not ok:
        raise doc.fail(
            f"the text of {label} should be a list of paragraphs, where a nested list is a "
            "bulleted list.", *where,
        )
    return list(value)


