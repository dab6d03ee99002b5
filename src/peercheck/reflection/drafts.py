"""Drafts: unfinished reflections kept owner-only so nothing typed is ever lost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..prompts import Answer
from .context import empty_context

DRAFT_FORMAT = 1


class Draft:
    """An unfinished reflection, kept owner-only in paths.drafts_dir()."""

    def __init__(self, path: Path, data: dict[str, Any]):
        self.path = path
        self.data = data

    @classmethod
    def new(cls, prompt_ids: list[str], focus: str | None, framework: str | None) -> Draft:
        from ..ids import new_id, now_iso
        from ..paths import drafts_dir

        data = {
            "format": DRAFT_FORMAT,
            "started_at": now_iso(),
            "focus": focus,
            "framework": framework,
            "prompt_ids": prompt_ids,
            "context": empty_context(),
            "answers": {},
            "step": 0,
            "finished": False,
        }
        return cls(drafts_dir() / f"{new_id()}.json", data)

    @classmethod
    def latest(cls) -> Draft | None:
        """The most recently started draft that can be read (None when there is none)."""
        for path in cls.paths():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and data.get("format") == DRAFT_FORMAT:
                return cls(path, data)
        return None

    @staticmethod
    def paths() -> list[Path]:
        from ..paths import drafts_dir

        return sorted(drafts_dir().glob("*.json"), reverse=True)

    @property
    def context(self) -> dict[str, Any]:
        return self.data["context"]

    @property
    def answers(self) -> dict[str, Answer]:
        return self.data["answers"]

    def save(self) -> None:
        """Write the draft atomically, owner-only (raises PeercheckError if it cannot)."""
        from ..paths import atomic_write, drafts_dir

        drafts_dir()
        atomic_write(self.path, json.dumps(self.data, ensure_ascii=False, indent=1))

    def discard(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
