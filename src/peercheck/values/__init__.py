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

from pathlib import Path
from typing import Any

from ..errors import DataError
from .model import Catalog, Concept, Framework, Match, Principle, Section, Value, normalise

__all__ = [
    "Catalog", "Concept", "Framework", "Match", "Principle", "Section", "Value", "normalise",
    "load_catalog", "clear_cache", "check_folder", "data_folder", "build_catalog",
]

VALUES_FILE = "values.yaml"
PRINCIPLES_FILE = "principles.yaml"
CACHE_FORMAT = 3

_cache: dict[tuple, Catalog] = {}


def load_catalog() -> Catalog:
    """The catalog for this process (built-in data plus the organisation's folder)."""
    from .. import data

    files = _files(data.builtin_dir(), data.override_dir())
    signature = _signature(files)
    catalog = _cache.get(signature)
    if catalog is None:
        from .cache import from_disk_cache, to_disk_cache

        catalog = from_disk_cache(signature)
        if catalog is None:
            catalog = build_catalog(files)
            to_disk_cache(signature, catalog)
        _cache.clear()
        _cache[signature] = catalog
    return catalog


def clear_cache() -> None:
    _cache.clear()


def check_folder(folder: Path | None) -> Catalog:
    """Validate an organisation's folder (merged over the built-in data) without caching."""

    from .. import data

    return build_catalog(_files(data.builtin_dir(), folder))


def data_folder(path: Path | str) -> Path:
    """The folder `validate PATH` checks: PATH, or the folder of a data file named directly.

    A folder holding none of peercheck's files is an error: there would be nothing to check.
    """
    from .. import data, messages

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
    from .. import __version__

    parts: list[Any] = [CACHE_FORMAT, __version__]
    here = Path(__file__).parent
    for module in ("builder.py", "model.py", "cache.py"):
        try:  # a changed loader (a development checkout) must not be served an old catalog
            parts.append((here / module).stat().st_mtime_ns)
        except OSError:  # pragma: no cover - an installed copy compiled away its sources
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
    from .. import data

    docs = [data.load(path, builtin=builtin) for path, builtin in files]
    values_docs = [d for d in docs if d.path.name == VALUES_FILE]
    principle_docs = [d for d in docs if d.path.name == PRINCIPLES_FILE]
    from .builder import Builder

    builder = Builder()
    for doc in values_docs:
        builder.frameworks_from(doc)
    for doc in values_docs:
        builder.concepts_from(doc)
    builder.finish_values()
    for doc in principle_docs:
        builder.principles_from(doc)
    return builder.catalog([str(d.path) for d in docs])


