"""Reading, checking and merging values.yaml and principles.yaml into a Catalog.

Every rule of the schema described at the top of ``data/values.yaml`` lives here; anything
wrong becomes one DataError naming the file, the line and what is wrong.
"""

from __future__ import annotations

from typing import Any

from .checks import (
    _closest,
    _entries,
    _id,
    _known_keys,
    _need,
    _opt_text,
    _paragraphs,
    _str_list,
    _text,
    _top,
)
from .model import Catalog, Concept, Framework, Principle, Section, Value

# --- validation and merging ----------------------------------------------------------------


FRAMEWORK_KEYS = {
    "id", "title", "publisher", "source", "url", "citation", "values_heading", "sections",
    "values",
}
VALUE_KEYS = {
    "id", "name", "definition", "aliases", "notes", "related", "concepts", "silent_on",
}
SECTION_KEYS = {"id", "title", "source", "text"}
CONCEPT_KEYS = {"id", "name", "summary", "values", "sections", "why"}
PRINCIPLE_KEYS = {"number", "text", "concepts"}


class Builder:
    """Collects frameworks, concepts and principles document by document, checking each."""

    def __init__(self) -> None:
        self.frameworks: dict[str, Framework] = {}
        self.replaced: set[str] = set()  # built-in frameworks an organisation replaced
        self.value_docs: dict[tuple[str, str], tuple[Any, tuple]] = {}  # where a value is
        self.value_concepts: dict[tuple[str, str], list[tuple[str, Any, tuple]]] = {}
        # concept id -> {"values"/"sections": framework id -> ids}, ids kept as dict keys
        # (ordered, with constant-time membership: a 60,000-value file stays linear).
        self.concepts: dict[str, dict[str, Any]] = {}
        self.value_ids: dict[str, set[str]] = {}
        self.whys: list[tuple[Any, tuple, Any, str]] = []  # checked once every link is known
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
            silent_on = _str_list(doc, item, "silent_on", label, vwhere)
            for k, part in enumerate(silent_on):
                if part.casefold() not in name.casefold():
                    raise doc.fail(f"{label} is silent on '{part}', which is not part of its "
                                   f"name '{name}'.", *vwhere, "silent_on", k)
            values.append(Value(
                id=vid,
                name=name,
                framework_id=fw_id,
                definition=definition,
                aliases=_str_list(doc, item, "aliases", label, vwhere),
                concepts=_str_list(doc, item, "concepts", label, vwhere),
                notes=notes,
                related=related,
                silent_on=silent_on,
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
            concept = existing or {"values": {}, "sections": {}, "why": {}}
            concept.update(id=cid, name=name, summary=summary)
            self.whys.append((doc, where, raw.get("why"), cid))
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

    def _why(self, doc, where: tuple, raw: Any, cid: str) -> None:
        """A concept's `why:`: for a linked value or section, the quoted phrase it rests on."""
        if raw is None:
            return
        label = f"concept '{cid}'"
        concept = self.concepts[cid]
        _need(doc, isinstance(raw, dict),
              f"`why` of {label} should map framework ids to value ids and phrases.",
              *where, "why")
        for fw_id, phrases in raw.items():
            fwhere = (*where, "why", fw_id)
            if doc.builtin and fw_id in self.replaced:
                continue
            _need(doc, isinstance(phrases, dict) and all(
                isinstance(p, str) for p in phrases.values()),
                f"`why` of {label} for '{fw_id}' should map value ids to quoted phrases.",
                *fwhere)
            framework = self.frameworks.get(fw_id)
            by_id = {v.id: v for v in framework.values} if framework else {}
            for ref, phrase in phrases.items():
                if ref in concept["values"].get(fw_id, {}):
                    words = by_id[ref].words()
                elif ref in concept["sections"].get(fw_id, {}):
                    words = framework.sections[ref].items()
                else:
                    raise doc.fail(f"{label} gives a reason for '{ref}' of '{fw_id}', which "
                                   "it does not link.", *fwhere, ref)
                if not any(phrase in text for text in words):
                    raise doc.fail(
                        f"the reason {label} gives for '{ref}' of '{fw_id}' is not quoted from "
                        "it (a reason must be copied from its words exactly).", *fwhere, ref)
                concept["why"].setdefault(fw_id, {})[ref] = phrase

    def finish_values(self) -> None:
        """Apply values' own `concepts:` lists, then check every value has a concept."""
        for (fw_id, vid), refs in self.value_concepts.items():
            for cid, doc, where in refs:
                if cid not in self.concepts:
                    raise doc.fail(f"value '{vid}' of '{fw_id}' names the concept '{cid}', "
                                   f"which is not defined{_closest(cid, self.concepts)}.",
                                   *where)
                self.concepts[cid]["values"].setdefault(fw_id, {})[vid] = None
        for doc, where, raw, cid in self.whys:
            self._why(doc, where, raw, cid)
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
            why = {fw: dict(raw["why"][fw]) for fw in fw_order if raw["why"].get(fw)}
            concepts[cid] = Concept(cid, raw["name"], raw["summary"], links, sections, why)
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


