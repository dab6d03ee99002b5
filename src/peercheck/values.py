"""The values library: frameworks, their values, the crosswalk of concepts, and principles.

``load_catalog()`` reads ``values.yaml`` and the ``principles:`` section of
``principles.yaml`` (built-in, then the organisation's folder, if any), checks them against
the schema described at the top of ``data/values.yaml``, and returns a :class:`Catalog`.
Anything wrong becomes one :class:`~peercheck.errors.DataError` naming the file, the line and
what is wrong. Top-level sections owned by other modules (``prompts:``, ``cues:``) are ignored.

How an organisation's folder merges with the built-in data:

- **frameworks**: a framework with a new id is added after the built-in ones; one with an
  existing id replaces the built-in framework (in the same place), and the built-in concept
  links to that framework are dropped, so its values link only as the organisation says.
- **concepts**: a concept with a new id is added; one with an existing id keeps the built-in
  links and adds its own (``name`` / ``summary``, when given, replace the built-in words).
  A value may also name its concepts itself with ``concepts: [...]``.
- **principles**: matched by number: the same number replaces the text and concepts, a new
  number is added.

The catalog is cached per process (keyed on the files' sizes and modification times) and, to
keep start-up fast, as JSON under PEERCHECK_HOME (owner-only; rebuilt whenever any file
changes or peercheck's version changes), so most commands never import the YAML parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import DataError, InputError

VALUES_FILE = "values.yaml"
PRINCIPLES_FILE = "principles.yaml"
CACHE_FORMAT = 1

# --- the model ---------------------------------------------------------------------------


class _Record:
    """A small immutable-by-convention record (plain classes: dataclasses cost start-up time)."""

    __slots__: tuple[str, ...] = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, k) == getattr(other, k) for k in self.__slots__
        )

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        first = self.__slots__[0]
        return f"{type(self).__name__}({first}={getattr(self, first)!r})"

    def replace(self, **changes: Any):
        """A copy with some fields changed."""
        fields = {k: getattr(self, k) for k in self.__slots__}
        fields.update(changes)
        return type(self)(**fields)


class Value(_Record):
    """One value as a framework states it; ``definition`` is quoted word for word.

    ``definition`` is a list of paragraphs, where a nested list is a bulleted list; it is
    empty when the source names the value without defining it (``related`` then quotes the
    framework's statements that speak to it, by section id). ``notes`` are section ids that
    footnote the definition. ``concepts`` are the concept ids it belongs to, in crosswalk order.
    """

    __slots__ = ("id", "name", "framework_id", "definition", "aliases", "concepts", "notes",
                 "related")

    def __init__(self, id: str, name: str, framework_id: str,
                 definition: list[str | list[str]], aliases: list[str] | None = None,
                 concepts: list[str] | None = None, notes: list[str] | None = None,
                 related: dict[str, list[str]] | None = None):
        self.id = id
        self.name = name
        self.framework_id = framework_id
        self.definition = definition
        self.aliases = aliases or []
        self.concepts = concepts or []
        self.notes = notes or []
        self.related = related or {}

    @property
    def defined(self) -> bool:
        """False when the source lists the value by name only."""
        return bool(self.definition)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "framework": self.framework_id,
            "definition": self.definition,
            "aliases": self.aliases,
            "concepts": self.concepts,
            "notes": self.notes,
            "related": self.related,
        }


class Section(_Record):
    """Framework-level text (an introduction, a list, a glossary note), quoted."""

    __slots__ = ("id", "title", "text", "source")

    def __init__(self, id: str, title: str, text: list[str | list[str]],
                 source: str | None = None):
        self.id = id
        self.title = title
        self.text = text
        self.source = source

    def items(self) -> list[str]:
        """Every paragraph and bullet, flattened (for looking up related statements)."""
        return list(_flatten(self.text))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "source": self.source, "text": self.text}


class Framework(_Record):
    """One published framework: where it comes from, its own texts and its values."""

    __slots__ = ("id", "title", "publisher", "url", "citation", "values", "source",
                 "values_heading", "sections", "builtin")

    def __init__(self, id: str, title: str, publisher: str | None, url: str | None,
                 citation: str, values: list[Value], source: str | None = None,
                 values_heading: str | None = None, sections: dict[str, Section] | None = None,
                 builtin: bool = True):
        self.id = id
        self.title = title
        self.publisher = publisher
        self.url = url
        self.citation = citation
        self.values = values
        self.source = source
        self.values_heading = values_heading
        self.sections = sections or {}
        self.builtin = builtin

    def value(self, value_id: str) -> Value | None:
        for value in self.values:
            if value.id == value_id:
                return value
        return None

    def to_dict(self, values: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "source": self.source,
            "url": self.url,
            "citation": self.citation,
            "values_heading": self.values_heading,
            "builtin": self.builtin,
        }
        if values:
            data["sections"] = [s.to_dict() for s in self.sections.values()]
            data["values"] = [v.to_dict() for v in self.values]
        return data


class Concept(_Record):
    """A shared idea across frameworks; ``summary`` is peercheck's own words, not a quote.

    ``values`` maps framework id -> value ids; ``sections`` maps framework id -> ids of
    framework-level texts that express the concept (e.g. BCcampus's Hope and Wholeness).
    """

    __slots__ = ("id", "name", "summary", "values", "sections")

    def __init__(self, id: str, name: str, summary: str, values: dict[str, list[str]],
                 sections: dict[str, list[str]] | None = None):
        self.id = id
        self.name = name
        self.summary = summary
        self.values = values
        self.sections = sections or {}

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "summary": self.summary,
            "values": self.values,
            "sections": self.sections,
        }


class Principle(_Record):
    """One of Getting Oriented's sixteen Principles of Practice, quoted."""

    __slots__ = ("number", "text", "concepts")

    def __init__(self, number: int, text: str, concepts: list[str]):
        self.number = number
        self.text = text
        self.concepts = concepts

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text, "concepts": self.concepts}


class Match(_Record):
    """What a name resolved to: always a concept, and the value when a value was named."""

    __slots__ = ("concept", "value")

    def __init__(self, concept: Concept, value: Value | None = None):
        self.concept = concept
        self.value = value


class Catalog:
    """Everything peercheck knows about values, in display order."""

    def __init__(
        self,
        frameworks: dict[str, Framework],
        concepts: dict[str, Concept],
        principles: dict[int, Principle],
        files: list[str] | None = None,
    ):
        self.frameworks = frameworks
        self.concepts = concepts
        self.principles = principles
        self.files = files or []
        self._index: dict[str, tuple[str, tuple[str, str] | None]] | None = None

    # -- lookups ----------------------------------------------------------------------
    def framework(self, framework_id: str) -> Framework:
        """The framework with this id (forgiving about case and spacing), or InputError."""
        from . import messages

        key = normalise(framework_id)
        for fw in self.frameworks.values():
            if key in (normalise(fw.id), normalise(fw.title)):
                return fw
        raise InputError(
            messages.NO_FRAMEWORK.format(name=framework_id),
            hint=messages.NO_FRAMEWORK_HINT.format(ids=", ".join(self.frameworks)),
        )

    def value(self, framework_id: str, value_id: str) -> Value:
        value = self.frameworks[framework_id].value(value_id)
        if value is None:
            raise KeyError(f"{framework_id}/{value_id}")
        return value

    def lookup(self, name: str) -> Match:
        """Resolve a concept id or name, a value name or id, or an alias (forgiving)."""
        key = normalise(name)
        hit = self._names().get(key) if key else None
        if hit is None:
            raise self._unknown(name)
        concept_id, value_ref = hit
        value = self.value(*value_ref) if value_ref else None
        return Match(self.concepts[concept_id], value)

    def resolve(self, name: str) -> Concept:
        """The concept a name stands for; InputError "no value named …" + closest names."""
        return self.lookup(name).concept

    def values_for(
        self, concept_id: str, framework_id: str | None = None
    ) -> list[tuple[Framework, Value]]:
        """The values expressing a concept, framework by framework (display order)."""
        concept = self.concepts[concept_id]
        found = []
        for fw_id, fw in self.frameworks.items():
            if framework_id is not None and fw_id != framework_id:
                continue
            for value_id in concept.values.get(fw_id, []):
                found.append((fw, self.value(fw_id, value_id)))
        return found

    def sections_for(
        self, concept_id: str, framework_id: str | None = None
    ) -> list[tuple[Framework, Section]]:
        """Framework-level text linked to a concept (e.g. BCcampus's Hope and Wholeness)."""
        concept = self.concepts[concept_id]
        found = []
        for fw_id, fw in self.frameworks.items():
            if framework_id is not None and fw_id != framework_id:
                continue
            for section_id in concept.sections.get(fw_id, []):
                found.append((fw, fw.sections[section_id]))
        return found

    def principles_for(self, concept_id: str) -> list[Principle]:
        return [p for p in self.principles.values() if concept_id in p.concepts]

    def names(self) -> list[str]:
        """Every concept and value name, for completion and suggestions."""
        seen: dict[str, None] = {}
        for concept in self.concepts.values():
            seen.setdefault(concept.name, None)
        for fw in self.frameworks.values():
            for value in fw.values:
                seen.setdefault(value.name, None)
        return list(seen)

    def to_dict(self) -> dict[str, Any]:
        return {
            "frameworks": [fw.to_dict() for fw in self.frameworks.values()],
            "concepts": [c.to_dict() for c in self.concepts.values()],
            "principles": [p.to_dict() for p in self.principles.values()],
        }

    # -- internals --------------------------------------------------------------------
    def _names(self) -> dict[str, tuple[str, tuple[str, str] | None]]:
        """Normalised name -> (concept id, (framework id, value id) or None); first wins."""
        if self._index is not None:
            return self._index
        index: dict[str, tuple[str, tuple[str, str] | None]] = {}
        for concept in self.concepts.values():
            index.setdefault(normalise(concept.id), (concept.id, None))
            index.setdefault(normalise(concept.name), (concept.id, None))
        for rank in ("name", "alias"):
            for fw in self.frameworks.values():
                for value in fw.values:
                    if not value.concepts:
                        continue
                    names = [value.name, value.id] if rank == "name" else value.aliases
                    for name in names:
                        index.setdefault(normalise(name), (value.concepts[0], (fw.id, value.id)))
        self._index = index
        return index

    def _unknown(self, name: str) -> InputError:
        from difflib import get_close_matches

        from . import messages

        index = self._names()
        display: dict[str, str] = {}
        for concept in self.concepts.values():
            display.setdefault(normalise(concept.name), concept.name)
            display.setdefault(normalise(concept.id), concept.name)
        for fw in self.frameworks.values():
            for value in fw.values:
                display.setdefault(normalise(value.name), value.name)
                for alias in value.aliases:
                    display.setdefault(normalise(alias), value.name)
        key = normalise(name)
        if not key:
            return InputError(messages.NO_VALUE_NAMED, hint=messages.NO_VALUE_HINT)
        keys = [k for k in index if k in display]
        close = get_close_matches(key, keys, n=6, cutoff=0.6) if key else []
        if key and len(key) >= 3:
            close += [k for k in keys if k.startswith(key) or key in k]
        names: list[str] = []
        for k in close:
            if display[k] not in names:
                names.append(display[k])
        if names:
            # Quoted, because names such as "Empathy and Mutuality" hold an "and" themselves.
            hint = messages.NO_VALUE_CLOSEST.format(names=", ".join(f"“{n}”" for n in names[:4]))
        else:
            hint = messages.NO_VALUE_HINT
        return InputError(messages.NO_VALUE.format(name=name.strip() or name), hint=hint)


_AND = re.compile(r"&|\band\b")
_NOT_WORD = re.compile(r"[\W_]+")


def normalise(name: str) -> str:
    """A name's matching key: case, spaces, hyphens, punctuation and "&"/"and" ignored."""
    text = _AND.sub(" ", name.casefold())
    return _NOT_WORD.sub("", text)


def _flatten(items: list[Any]):
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


# --- loading -------------------------------------------------------------------------------

_cache: dict[tuple, Catalog] = {}


def load_catalog() -> Catalog:
    """The catalog for this process (built-in data plus the organisation's folder)."""
    from . import data

    files = _files(data.builtin_dir(), data.override_dir())
    signature = _signature(files)
    catalog = _cache.get(signature)
    if catalog is None:
        catalog = _from_disk_cache(signature)
        if catalog is None:
            catalog = build_catalog(files)
            _to_disk_cache(signature, catalog)
        _cache.clear()
        _cache[signature] = catalog
    return catalog


def clear_cache() -> None:
    _cache.clear()


def check_folder(folder: Path | None) -> Catalog:
    """Validate an organisation's folder (merged over the built-in data) without caching."""

    from . import data

    return build_catalog(_files(data.builtin_dir(), folder))


def data_folder(path: Path | str) -> Path:
    """The folder `validate PATH` checks: PATH, or the folder of a data file named directly.

    A folder holding none of peercheck's files is an error: there would be nothing to check.
    """
    from . import data, messages

    folder = Path(path).expanduser()
    if not folder.exists():
        raise DataError(f"The data folder {folder} does not exist.")
    if folder.is_file():
        if folder.name not in data.FILES:
            raise DataError(messages.VALIDATE_WHICH_FILE.format(path=folder))
        return folder.parent
    if not any((folder / name).is_file() for name in data.FILES):
        raise DataError(messages.VALIDATE_NOTHING.format(path=folder),
                        hint=messages.VALIDATE_NOTHING_HINT)
    return folder


def _files(builtin: Path, extra: Path | None) -> list[tuple[Path, bool]]:
    files = [(builtin / VALUES_FILE, True), (builtin / PRINCIPLES_FILE, True)]
    if extra is not None:
        for name in (VALUES_FILE, PRINCIPLES_FILE):
            if (extra / name).is_file():
                files.append((extra / name, False))
    return files


def _signature(files: list[tuple[Path, bool]]) -> tuple:
    from . import __version__

    parts: list[Any] = [CACHE_FORMAT, __version__]
    try:  # a changed loader (a development checkout) must not be served an old catalog
        parts.append(Path(__file__).stat().st_mtime_ns)
    except OSError:  # pragma: no cover
        pass
    for path, builtin in files:
        try:
            st = path.stat()
        except OSError as exc:
            raise DataError(f"{path}: the file does not exist.") from exc
        parts.append((str(path), builtin, st.st_size, st.st_mtime_ns))
    return tuple(parts)


def build_catalog(files: list[tuple[Path, bool]]) -> Catalog:
    """Parse, validate and merge the given files (values then principles, built-in first)."""
    from . import data

    docs = [data.load(path, builtin=builtin) for path, builtin in files]
    values_docs = [d for d in docs if d.path.name == VALUES_FILE]
    principle_docs = [d for d in docs if d.path.name == PRINCIPLES_FILE]
    builder = _Builder()
    for doc in values_docs:
        builder.frameworks_from(doc)
    for doc in values_docs:
        builder.concepts_from(doc)
    builder.finish_values()
    for doc in principle_docs:
        builder.principles_from(doc)
    return builder.catalog([str(d.path) for d in docs])


# --- validation and merging ----------------------------------------------------------------

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRAMEWORK_KEYS = {
    "id", "title", "publisher", "source", "url", "citation", "values_heading", "sections",
    "values",
}
VALUE_KEYS = {"id", "name", "definition", "aliases", "notes", "related", "concepts"}
SECTION_KEYS = {"id", "title", "source", "text"}
CONCEPT_KEYS = {"id", "name", "summary", "values", "sections"}
PRINCIPLE_KEYS = {"number", "text", "concepts"}


class _Builder:
    def __init__(self) -> None:
        self.frameworks: dict[str, Framework] = {}
        self.replaced: set[str] = set()  # built-in frameworks an organisation replaced
        self.value_docs: dict[tuple[str, str], tuple[Any, tuple]] = {}  # where a value is
        self.value_concepts: dict[tuple[str, str], list[tuple[str, Any, tuple]]] = {}
        # concept id -> {"values"/"sections": framework id -> ids}, ids kept as dict keys
        # (ordered, with constant-time membership: a 60,000-value file stays linear).
        self.concepts: dict[str, dict[str, Any]] = {}
        self.value_ids: dict[str, set[str]] = {}
        self.principles: dict[int, Principle] = {}

    # frameworks -----------------------------------------------------------------------
    def frameworks_from(self, doc) -> None:
        for where, raw, fw_id in _entries(doc, "frameworks", "framework", FRAMEWORK_KEYS):
            title = _text(doc, raw, "title", f"framework '{fw_id}'", where)
            sections = self._sections(doc, raw, fw_id, where)
            values = self._values(doc, raw, fw_id, sections, where)
            framework = Framework(
                id=fw_id,
                title=title,
                publisher=_opt_text(doc, raw, "publisher", where),
                url=_opt_text(doc, raw, "url", where),
                citation=_opt_text(doc, raw, "citation", where) or title,
                values=values,
                source=_opt_text(doc, raw, "source", where),
                values_heading=_opt_text(doc, raw, "values_heading", where),
                sections=sections,
                builtin=doc.builtin,
            )
            if fw_id in self.frameworks and not doc.builtin:
                if self.frameworks[fw_id].builtin:
                    self.replaced.add(fw_id)
                for key in [k for k in self.value_docs if k[0] == fw_id]:
                    del self.value_docs[key]
                    self.value_concepts.pop(key, None)
            self.frameworks[fw_id] = framework  # replaces in place, or appends
            self.value_ids[fw_id] = {value.id for value in values}
            for j, value in enumerate(values):
                vwhere = (*where, "values", j)
                self.value_docs[(fw_id, value.id)] = (doc, vwhere)
                for k, cid in enumerate(value.concepts):
                    self.value_concepts.setdefault((fw_id, value.id), []).append(
                        (cid, doc, (*vwhere, "concepts", k))
                    )

    def _sections(self, doc, raw, fw_id: str, where: tuple) -> dict[str, Section]:
        items = raw.get("sections") or []
        _need(doc, isinstance(items, list), "`sections` should be a list.", *where, "sections")
        sections: dict[str, Section] = {}
        for i, item in enumerate(items):
            swhere = (*where, "sections", i)
            _need(doc, isinstance(item, dict), "each section should be a mapping.", *swhere)
            _known_keys(doc, item, SECTION_KEYS, "section", swhere)
            sid = _id(doc, item, f"section of '{fw_id}'", swhere)
            if sid in sections:
                raise doc.fail(f"the section id '{sid}' is used twice in '{fw_id}'.", *swhere)
            sections[sid] = Section(
                id=sid,
                title=_text(doc, item, "title", f"section '{sid}'", swhere),
                text=_paragraphs(doc, item.get("text"), f"section '{sid}'", (*swhere, "text")),
                source=_opt_text(doc, item, "source", swhere),
            )
        return sections

    def _values(self, doc, raw, fw_id, sections, where) -> list[Value]:
        items = raw.get("values")
        _need(
            doc, isinstance(items, list) and items,
            f"framework '{fw_id}' needs a `values:` list with at least one value.", *where,
        )
        values: list[Value] = []
        seen: set[str] = set()
        for j, item in enumerate(items):
            vwhere = (*where, "values", j)
            _need(doc, isinstance(item, dict), "each value should be a mapping.", *vwhere)
            _known_keys(doc, item, VALUE_KEYS, "value", vwhere)
            vid = _id(doc, item, f"value of '{fw_id}'", vwhere)
            if vid in seen:
                raise doc.fail(
                    f"the value id '{vid}' is used twice in framework '{fw_id}'.", *vwhere, "id"
                )
            seen.add(vid)
            label = f"value '{vid}' of '{fw_id}'"
            name = _text(doc, item, "name", label, vwhere)
            _need(doc, "definition" in item,
                  f"{label} has no `definition:` (use [] when the source gives none).", *vwhere)
            definition = _paragraphs(doc, item.get("definition"), label, (*vwhere, "definition"))
            notes = _str_list(doc, item, "notes", label, vwhere)
            for k, note in enumerate(notes):
                if note not in sections:
                    raise doc.fail(
                        f"{label} has a note '{note}', which is not a section of '{fw_id}'.",
                        *vwhere, "notes", k,
                    )
            related = self._related(doc, item, label, fw_id, sections, vwhere)
            values.append(Value(
                id=vid,
                name=name,
                framework_id=fw_id,
                definition=definition,
                aliases=_str_list(doc, item, "aliases", label, vwhere),
                concepts=_str_list(doc, item, "concepts", label, vwhere),
                notes=notes,
                related=related,
            ))
        return values

    def _related(self, doc, item, label, fw_id, sections, vwhere) -> dict[str, list[str]]:
        related = item.get("related") or {}
        _need(doc, isinstance(related, dict),
              f"`related` of {label} should map section ids to statements.", *vwhere, "related")
        out: dict[str, list[str]] = {}
        for sid, statements in related.items():
            rwhere = (*vwhere, "related", sid)
            if sid not in sections:
                raise doc.fail(
                    f"{label} relates to section '{sid}', which is not a section of '{fw_id}'.",
                    *rwhere,
                )
            _need(doc, isinstance(statements, list) and all(
                isinstance(s, str) for s in statements),
                f"the related statements of {label} should be a list of text.", *rwhere)
            known = set(sections[sid].items())
            for k, statement in enumerate(statements):
                if statement not in known:
                    raise doc.fail(
                        f"{label} quotes a statement that is not in section '{sid}' "
                        f"(related statements must be copied from it exactly).", *rwhere, k,
                    )
            out[sid] = list(statements)
        return out

    # concepts -------------------------------------------------------------------------
    def concepts_from(self, doc) -> None:
        for where, raw, cid in _entries(doc, "concepts", "concept", CONCEPT_KEYS):
            existing = self.concepts.get(cid)
            label = f"concept '{cid}'"
            if existing is None or "name" in raw:
                name = _text(doc, raw, "name", label, where)
            else:
                name = existing["name"]
            if existing is None or "summary" in raw:
                summary = _text(doc, raw, "summary", label, where)
            else:
                summary = existing["summary"]
            concept = existing or {"values": {}, "sections": {}}
            concept.update(id=cid, name=name, summary=summary)
            for kind in ("values", "sections"):
                links = raw.get(kind) or {}
                _need(doc, isinstance(links, dict),
                      f"`{kind}` of {label} should map framework ids to lists of ids.",
                      *where, kind)
                for fw_id, ids in links.items():
                    lwhere = (*where, kind, fw_id)
                    if doc.builtin and fw_id in self.replaced:
                        continue  # the organisation's own version of this framework decides
                    framework = self.frameworks.get(fw_id)
                    if framework is None:
                        raise doc.fail(
                            f"{label} names the framework '{fw_id}', which is not defined.",
                            *lwhere,
                        )
                    if isinstance(ids, str):
                        ids = [ids]
                    _need(doc, isinstance(ids, list) and all(isinstance(x, str) for x in ids),
                          f"`{kind}` of {label} for '{fw_id}' should be a list of ids.", *lwhere)
                    known = self.value_ids[fw_id]
                    bucket = concept[kind].setdefault(fw_id, {})
                    for k, ref in enumerate(ids):
                        if kind == "values" and ref not in known:
                            ids = [v.id for v in framework.values]
                            raise doc.fail(
                                f"{label} names '{ref}', which is not a value of "
                                f"framework '{fw_id}'{_closest(ref, ids)}.", *lwhere, k,
                            )
                        if kind == "sections" and ref not in framework.sections:
                            raise doc.fail(
                                f"{label} names '{ref}', which is not a section of "
                                f"framework '{fw_id}'.", *lwhere, k,
                            )
                        bucket[ref] = None
            self.concepts[cid] = concept

    def finish_values(self) -> None:
        """Apply values' own `concepts:` lists, then check every value has a concept."""
        for (fw_id, vid), refs in self.value_concepts.items():
            for cid, doc, where in refs:
                if cid not in self.concepts:
                    raise doc.fail(f"value '{vid}' of '{fw_id}' names the concept '{cid}', "
                                   f"which is not defined{_closest(cid, self.concepts)}.",
                                   *where)
                self.concepts[cid]["values"].setdefault(fw_id, {})[vid] = None
        linked = {
            (fw_id, vid)
            for c in self.concepts.values()
            for fw_id, vids in c["values"].items()
            for vid in vids
        }
        for key, (doc, where) in self.value_docs.items():
            if key not in linked:
                fw_id, vid = key
                raise doc.fail(
                    f"value '{vid}' of '{fw_id}' is not linked to any concept; list it under a "
                    "concept's `values:` or give it `concepts: [...]`.", *where,
                )

    # principles -----------------------------------------------------------------------
    def principles_from(self, doc) -> None:
        top = _top(doc)
        items = top.get("principles")
        if items is None:
            if doc.builtin:
                raise doc.fail("there is no `principles:` list.")
            return
        _need(doc, isinstance(items, list), "`principles` should be a list.", "principles")
        seen: set[int] = set()
        for i, raw in enumerate(items):
            where = ("principles", i)
            _need(doc, isinstance(raw, dict), "each principle should be a mapping.", *where)
            _known_keys(doc, raw, PRINCIPLE_KEYS, "principle", where)
            number = raw.get("number")
            _need(doc, isinstance(number, int) and not isinstance(number, bool) and number > 0,
                  "each principle needs a `number:` (1, 2, 3, …).", *where)
            if number in seen:
                raise doc.fail(f"principle number {number} is used twice.", *where, "number")
            seen.add(number)
            label = f"principle {number}"
            text = _text(doc, raw, "text", label, where)
            concepts = _str_list(doc, raw, "concepts", label, where)
            for k, cid in enumerate(concepts):
                if cid not in self.concepts:
                    raise doc.fail(f"{label} names the concept '{cid}', which is not defined"
                                   f"{_closest(cid, self.concepts)}.", *where, "concepts", k)
            self.principles[number] = Principle(number, text, concepts)

    # result ---------------------------------------------------------------------------
    def catalog(self, files: list[str]) -> Catalog:
        order = list(self.concepts)
        position = {cid: n for n, cid in enumerate(order)}
        fw_order = list(self.frameworks)
        concepts: dict[str, Concept] = {}
        value_concepts: dict[tuple[str, str], list[str]] = {}
        for cid in order:
            raw = self.concepts[cid]
            links = {fw: list(raw["values"][fw]) for fw in fw_order if raw["values"].get(fw)}
            sections = {fw: list(raw["sections"][fw]) for fw in fw_order
                        if raw["sections"].get(fw)}
            concepts[cid] = Concept(cid, raw["name"], raw["summary"], links, sections)
            for fw_id, vids in links.items():
                for vid in vids:
                    value_concepts.setdefault((fw_id, vid), []).append(cid)
        frameworks: dict[str, Framework] = {}
        for fw_id, fw in self.frameworks.items():
            values = [
                v.replace(concepts=sorted(value_concepts.get((fw_id, v.id), []),
                                          key=position.__getitem__))
                for v in fw.values
            ]
            frameworks[fw_id] = fw.replace(values=values)
        principles = dict(sorted(self.principles.items()))
        return Catalog(frameworks, concepts, principles, files)


# --- small checks (each raises doc.fail with the file and line) ----------------------------


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


# --- the on-disk cache (JSON under PEERCHECK_HOME, owner-only) -----------------------------


def _cache_path() -> Path:
    from .paths import ensure_private_dir, home

    return ensure_private_dir(home() / "cache") / "catalog.json"


def _from_disk_cache(signature: tuple) -> Catalog | None:
    import json

    try:
        from .paths import home

        path = home(create=False) / "cache" / "catalog.json"
        with open(path, encoding="utf-8") as handle:
            raw = json.load(handle)
        if raw.get("signature") != _jsonable(signature):
            return None
        return _from_dict(raw["catalog"], raw.get("files"))
    except Exception:  # noqa: BLE001 - a missing or stale cache just means "parse the YAML"
        return None


def _to_disk_cache(signature: tuple, catalog: Catalog) -> None:
    import json

    try:
        from .paths import atomic_write

        payload = {"signature": _jsonable(signature), "catalog": catalog.to_dict(),
                   "files": catalog.files}
        atomic_write(_cache_path(), json.dumps(payload, ensure_ascii=False))
    except Exception:  # noqa: BLE001 - the cache is only a speed-up; never fail a command
        pass


def _jsonable(signature: tuple) -> Any:
    import json

    return json.loads(json.dumps(signature))


def _from_dict(raw: dict, files: list[str] | None = None) -> Catalog:
    frameworks = {}
    for fw in raw["frameworks"]:
        sections = {s["id"]: Section(s["id"], s["title"], s["text"], s["source"])
                    for s in fw["sections"]}
        values = [
            Value(v["id"], v["name"], v["framework"], v["definition"], v["aliases"],
                  v["concepts"], v["notes"], v["related"])
            for v in fw["values"]
        ]
        frameworks[fw["id"]] = Framework(
            id=fw["id"], title=fw["title"], publisher=fw["publisher"], url=fw["url"],
            citation=fw["citation"], values=values, source=fw["source"],
            values_heading=fw["values_heading"], sections=sections, builtin=fw["builtin"],
        )
    concepts = {
        c["id"]: Concept(c["id"], c["name"], c["summary"], c["values"], c["sections"])
        for c in raw["concepts"]
    }
    principles = {p["number"]: Principle(p["number"], p["text"], p["concepts"])
                  for p in raw["principles"]}
    return Catalog(frameworks, concepts, principles, files)
