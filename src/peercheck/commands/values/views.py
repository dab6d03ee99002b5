"""What `show` prints, as plain data: the JSON output, and the input of the text and
Markdown renderers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peercheck.values import Catalog, Framework, Match, Value


def concept_view(cat: Catalog, match: Match, framework_id: str | None = None) -> dict[str, Any]:
    """Everything `show` prints, as plain data (the JSON output)."""
    concept = match.concept
    blocks: list[dict[str, Any]] = []
    for fw in cat.frameworks.values():
        if framework_id and fw.id != framework_id:
            continue
        vals = [v for f, v in cat.values_for(concept.id, fw.id)]
        secs = [s for f, s in cat.sections_for(concept.id, fw.id)]
        if not vals and not secs:
            continue
        blocks.append({
            "framework": framework_ref(fw),
            "values": [value_view(fw, v) for v in vals],
            "sections": [s.to_dict() for s in secs],
        })
    if match.value is not None:  # the value that was asked for comes first
        asked = (match.value.framework_id, match.value.id)
        blocks.sort(key=lambda b: b["framework"]["id"] != asked[0])
        for block in blocks:
            block["values"].sort(key=lambda v: (block["framework"]["id"], v["id"]) != asked)
    return {
        "concept": {"id": concept.id, "name": concept.name, "summary": concept.summary},
        "matched": (
            {"framework": match.value.framework_id, "value": match.value.id,
             "name": match.value.name}
            if match.value else None
        ),
        "only_framework": framework_id,
        "frameworks": blocks,
        "principles": [p.to_dict() for p in cat.principles_for(concept.id)],
    }




def framework_ref(fw: Framework) -> dict[str, Any]:
    return {"id": fw.id, "title": fw.title, "publisher": fw.publisher, "url": fw.url,
            "citation": fw.citation}


def value_view(fw: Framework, value: Value) -> dict[str, Any]:
    return {
        "id": value.id,
        "name": value.name,
        "defined": value.defined,
        "definition": value.definition,
        "aliases": value.aliases,
        "notes": [fw.sections[n].to_dict() for n in value.notes],
        "silent_on": value.silent_on,
        "related": [
            {"section": sid, "title": fw.sections[sid].title, "statements": statements}
            for sid, statements in value.related.items()
        ],
    }


