"""Loading the rules: data/cues.yaml merged with an organisation's own, validated with
"file, line N" messages, and kept as a private cache so a one-line ``check`` skips YAML."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .phrases import PatternError, _atoms_key, anchor_window, compile_regex, parse_phrase, to_regex
from .records import DETECTED, LEVELS, Cue, Family, _lazy

_ID = _lazy(r"[a-z0-9][a-z0-9-]*\Z")

class Ruleset:
    """Every family and rule after merging the built-in and the organisation's documents."""

    def __init__(self, families: dict[str, Family], cues: list[Cue], off: set[str],
                 lists: dict[str, list[str]]):
        self.families = families
        self.cues = cues
        self.off = off
        self.lists = lists

    def active(self, families: Iterable[str] | None = None) -> list[Cue]:
        wanted = set(families) if families else None
        return [
            c for c in self.cues
            if c.id not in self.off and c.family not in self.off
            and (wanted is None or c.family in wanted)
        ]


_cache: dict[Any, Any] = {}


def ruleset() -> Ruleset:
    """The merged rules, loaded and validated once per process (per set of files).

    The built rules are also kept in peercheck's private folder (``cache/cues.marshal``),
    keyed by the files' sizes and modification times, so a one-line ``check`` neither parses
    YAML nor compiles phrases when nothing has changed. The cache is a convenience: if it
    cannot be read or written, the rules are simply built from the files.
    """
    key = _source_key()
    memo = ("rules", key)
    if memo not in _cache:
        _cache.clear()
        rules = _read_cache(key)
        if rules is None:
            from ..data import documents

            rules = _build(documents("cues.yaml"))
            _write_cache(key, rules)
        _cache[memo] = rules
    return _cache[memo]


_CACHE_FORMAT = 3


def _source_key() -> tuple:
    """What the built rules depend on: these files, this code and this Python."""
    import os
    import sys

    from .. import __version__
    from ..data import override_dir

    here = os.path.dirname(__file__)
    code = [os.path.join(here, name) for name in ("rules.py", "phrases.py", "records.py")]
    paths = [_builtin_file(), *code]
    extra = override_dir()
    if extra is not None:
        paths += [extra / "cues.yaml", extra / "values.yaml", extra / "principles.yaml"]
    stamps = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            stamps.append((str(path), None))
            continue
        stamps.append((str(path), st.st_size, st.st_mtime_ns))
    return (_CACHE_FORMAT, __version__, sys.version, tuple(stamps))


def _builtin_file() -> str:
    from ..data import builtin_dir

    return str(builtin_dir() / "cues.yaml")


def _cache_file():
    """Where the built rules are kept (peercheck's private folder, made on first use)."""
    import os

    from ..paths import home

    home_dir = os.environ.get("PEERCHECK_HOME", "")
    if home_dir not in _cache_dirs:
        _cache_dirs[home_dir] = home() / "cache" / "cues.marshal"
    return _cache_dirs[home_dir]


_cache_dirs: dict[str, Any] = {}


def _read_cache(key: tuple) -> Ruleset | None:
    import marshal

    try:
        with open(_cache_file(), "rb") as handle:
            stored_key, plain = marshal.load(handle)
        if stored_key != key:
            return None
        families, cues, off, lists = plain
        return Ruleset(
            {f[0]: Family(*f) for f in families},
            [Cue(*c) for c in cues],
            set(off),
            dict(lists),
        )
    except Exception:  # noqa: BLE001 - a stale or damaged cache is rebuilt, never fatal
        return None


def _write_cache(key: tuple, rules: Ruleset) -> None:
    import marshal

    try:
        from ..paths import atomic_write, ensure_private_dir

        path = _cache_file()
        ensure_private_dir(path.parent)
        plain = (
            [tuple(f) for f in rules.families.values()],
            [
                (c.id, c.family, c.patterns, c.concepts, c.principles, c.message, c.suggestion,
                 c.level, c.anchored, c.regexes, c.origin)
                for c in rules.cues
            ],
            sorted(rules.off),
            rules.lists,
        )
        atomic_write(path, marshal.dumps((key, plain)))
    except Exception:  # noqa: BLE001 - e.g. a read-only home: just build next time too
        return
def _build(docs: list[Any]) -> Ruleset:
    families: dict[str, Family] = {}
    lists: dict[str, list[str]] = {}
    raw: dict[str, tuple[Any, int, dict]] = {}
    off: set[str] = set()
    for doc in docs:
        data = doc.data if doc.data is not None else {}
        if not isinstance(data, dict):
            raise doc.fail("expected a mapping with a `cues:` list at the top")
        unknown = {str(k) for k in data} - {"families", "lists", "cues", "switch-off"}
        if unknown:
            raise doc.fail(
                f"unknown section `{sorted(unknown)[0]}` (expected families, lists, cues, "
                "switch-off)",
                sorted(unknown)[0],
            )
        for fid, spec in (data.get("families") or {}).items():
            families[fid] = _family(doc, fid, spec)
        for name, entries in (data.get("lists") or {}).items():
            if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
                raise doc.fail(f"the list `{name}` should be a list of phrases", "lists", name)
            lists[name] = lists.get(name, []) + entries  # an organisation's entries add on
        items = data.get("cues") or []
        if not isinstance(items, list):
            raise doc.fail("`cues` should be a list of rules", "cues")
        seen: set[str] = set()
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise doc.fail("each cue needs an `id`", "cues", i)
            cid = item["id"]
            if not _ID.match(cid):
                raise doc.fail(
                    f"the id “{cid}” should be lower-case letters, digits and hyphens",
                    "cues", i, "id",
                )
            if cid in seen:
                raise doc.fail(f"the id “{cid}” is used twice in this file", "cues", i, "id")
            seen.add(cid)
            raw[cid] = (doc, i, item)  # an organisation's rule replaces a built-in one
        switched = data.get("switch-off") or []
        if not isinstance(switched, list) or not all(isinstance(s, str) for s in switched):
            raise doc.fail(
                "`switch-off` should be a list of rule ids or family names", "switch-off"
            )
        off.update(switched)
    cues = [_cue(doc, i, item, families, lists) for doc, i, item in raw.values()]
    for name in off:
        if name not in raw and name not in families:
            doc = next(
                d for d in reversed(docs) if name in ((d.data or {}).get("switch-off") or [])
            )
            raise doc.fail(
                f"`switch-off` names “{name}”, which is neither a rule id nor a family"
                + _closest(name, list(raw) + list(families)),
                "switch-off",
            )
    org = [(doc, i, item) for doc, i, item in raw.values() if not doc.builtin]
    if org:
        _check_against_catalog(org)
    return Ruleset(families, cues, off, lists)


def _closest(name: str, options: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, options, n=1)
    return f" (did you mean “{close[0]}”?)" if close else ""


def _family(doc: Any, fid: str, spec: Any) -> Family:
    if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
        raise doc.fail(f"the family `{fid}` needs a `name`", "families", fid)
    return Family(
        id=fid,
        name=spec["name"],
        summary=str(spec.get("summary") or ""),
        self_reflection=bool(spec.get("self-reflection", False)),
        directive=bool(spec.get("directive", False)),
    )


def _cue(doc: Any, i: int, item: dict, families: dict, lists: dict) -> Cue:
    cid = item["id"]
    for key in ("family", "patterns", "message"):
        if not item.get(key) and not (key == "patterns" and item.get("family") in DETECTED):
            raise doc.fail(f"the cue “{cid}” needs `{key}`", "cues", i)
    extra = set(item) - {"id", "family", "patterns", "concepts", "principles", "message",
                         "suggestion", "level"}
    if extra:
        key = sorted(extra)[0]
        raise doc.fail(f"the cue “{cid}” has an unknown field `{key}`", "cues", i, key)
    if item["family"] not in families:
        raise doc.fail(
            f"the cue “{cid}” names an unknown family “{item['family']}”"
            + _closest(item["family"], list(families)),
            "cues", i, "family",
        )
    level = item.get("level", "note")
    if level not in LEVELS:
        raise doc.fail(
            f"the cue “{cid}” has level “{level}”; use note or worth-a-look", "cues", i, "level"
        )
    concepts = item.get("concepts") or []
    principles = item.get("principles") or []
    if not isinstance(concepts, list) or not all(isinstance(c, str) for c in concepts):
        raise doc.fail(f"the cue “{cid}” should list concept ids", "cues", i, "concepts")
    if not isinstance(principles, list) or not all(
        isinstance(p, int) and not isinstance(p, bool) for p in principles
    ):
        raise doc.fail(f"the cue “{cid}” should list principle numbers", "cues", i, "principles")
    patterns = item.get("patterns") or []
    if not isinstance(patterns, list):
        raise doc.fail(f"the cue “{cid}” should list its patterns", "cues", i, "patterns")
    anchored: list[tuple[tuple[tuple[str, tuple[str, ...]], ...], str, int, int]] = []
    regexes: list[str] = []
    for j, pattern in enumerate(patterns):
        try:
            if isinstance(pattern, dict) and set(pattern) == {"regex"}:
                regexes.append(compile_regex(pattern["regex"]))
            elif isinstance(pattern, str):
                seq = parse_phrase(pattern, lists)
                window = anchor_window(seq)
                if window is None:
                    raise PatternError(f"“{pattern}” needs at least one word that must appear")
                anchor, before, after = window
                keyed = tuple(sorted((_atoms_key(atoms), atoms) for atoms in anchor))
                anchored.append((keyed, to_regex(seq), before, after))
            else:
                raise PatternError("a pattern should be a phrase or `regex: ...`")
        except PatternError as exc:
            raise doc.fail(f"in the cue “{cid}”, {exc}", "cues", i, "patterns", j) from None
    suggestion = item.get("suggestion")
    return Cue(
        id=cid,
        family=item["family"],
        patterns=tuple(patterns),
        concepts=tuple(concepts),
        principles=tuple(principles),
        message=str(item["message"]).strip(),
        suggestion=str(suggestion).strip() if suggestion else None,
        level=level,
        anchored=tuple(anchored),
        regexes=tuple(regexes),
        origin=str(doc.path),
    )


def _check_against_catalog(items: list[tuple[Any, int, dict]]) -> None:
    """An organisation's rules must name concepts and principles that exist."""
    from ..values import load_catalog

    catalog = load_catalog()
    for doc, i, item in items:
        for concept in item.get("concepts") or []:
            if concept not in catalog.concepts:
                raise doc.fail(
                    f"the cue “{item['id']}” names an unknown concept “{concept}”"
                    + _closest(concept, list(catalog.concepts)),
                    "cues", i, "concepts",
                )
        for number in item.get("principles") or []:
            if number not in catalog.principles:
                raise doc.fail(
                    f"the cue “{item['id']}” names principle {number}, which does not exist "
                    f"(there are {len(catalog.principles)})",
                    "cues", i, "principles",
                )
