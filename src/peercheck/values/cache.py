"""The checked catalog kept as JSON under PEERCHECK_HOME (owner-only), so most commands
never import the YAML parser. Any problem with it just means "parse the YAML again"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .model import Catalog, Concept, Framework, Principle, Section, Value


def _cache_path() -> Path:
    from ..paths import ensure_private_dir, home

    return ensure_private_dir(home() / "cache") / "catalog.json"


def from_disk_cache(signature: tuple) -> Catalog | None:
    import json

    try:
        from ..paths import home

        path = home(create=False) / "cache" / "catalog.json"
        with open(path, encoding="utf-8") as handle:
            raw = json.load(handle)
        if raw.get("signature") != _jsonable(signature):
            return None
        return _from_dict(raw["catalog"], raw.get("files"))
    except Exception:  # noqa: BLE001 - a missing or stale cache just means "parse the YAML"
        return None


def to_disk_cache(signature: tuple, catalog: Catalog) -> None:
    import json

    try:
        from ..paths import atomic_write

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
                  v["concepts"], v["notes"], v["related"], v["silent_on"])
            for v in fw["values"]
        ]
        frameworks[fw["id"]] = Framework(
            id=fw["id"], title=fw["title"], publisher=fw["publisher"], url=fw["url"],
            citation=fw["citation"], values=values, source=fw["source"],
            values_heading=fw["values_heading"], sections=sections, builtin=fw["builtin"],
        )
    concepts = {
        c["id"]: Concept(c["id"], c["name"], c["summary"], c["values"], c["sections"],
                         c["why"])
        for c in raw["concepts"]
    }
    principles = {p["number"]: Principle(p["number"], p["text"], p["concepts"])
                  for p in raw["principles"]}
    return Catalog(frameworks, concepts, principles, files)
