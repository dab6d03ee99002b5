"""The values model: frameworks, their values, the crosswalk of concepts, and principles.

Plain records (dataclasses cost start-up time) and the :class:`Catalog` that holds them in
display order and resolves names forgivingly. Nothing here reads a file.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError

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
                 "related", "silent_on")

    def __init__(self, id: str, name: str, framework_id: str,
                 definition: list[str | list[str]], aliases: list[str] | None = None,
                 concepts: list[str] | None = None, notes: list[str] | None = None,
                 related: dict[str, list[str]] | None = None,
                 silent_on: list[str] | None = None):
        self.id = id
        self.name = name
        self.framework_id = framework_id
        self.definition = definition
        self.aliases = aliases or []
        self.concepts = concepts or []
        self.notes = notes or []
        self.related = related or {}
        # What the value's name holds that none of the source's statements speaks to
        # ("Equity" of "Self-determination and Equity"): said plainly, never filled in.
        self.silent_on = silent_on or []

    def words(self) -> list[str]:
        """Every quoted text of this value: its name, definition and related statements."""
        return [self.name, *_flatten(self.definition),
                *(s for statements in self.related.values() for s in statements)]

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
            "silent_on": self.silent_on,
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
    ``why`` maps framework id -> value or section id -> the phrase, quoted from that value
    or section, that its place in the concept rests on (``compare --why``).
    """

    __slots__ = ("id", "name", "summary", "values", "sections", "why")

    def __init__(self, id: str, name: str, summary: str, values: dict[str, list[str]],
                 sections: dict[str, list[str]] | None = None,
                 why: dict[str, dict[str, str]] | None = None):
        self.id = id
        self.name = name
        self.summary = summary
        self.values = values
        self.sections = sections or {}
        self.why = why or {}

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "summary": self.summary,
            "values": self.values,
            "sections": self.sections,
            "why": self.why,
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
        from .. import messages

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

        from .. import messages

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


