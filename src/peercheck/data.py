"""Reading peercheck's YAML data: the built-in files and an organisation's own folder.

The built-in files ship inside the package (``peercheck/data``, mapped from the repository's
top-level ``data/`` at build time) and are found beside this module. An organisation
may point ``PEERCHECK_DATA`` (or ``--data-dir``) at a folder holding its own copies of any of
the files; each domain module decides how its section merges with the built-in one.

Parsing uses libyaml's C loader when available, and each file is parsed once per process.
Line numbers are only worked out when something is wrong, so the fast path stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .errors import DataError

ENV_DATA = "PEERCHECK_DATA"
FILES = ("values.yaml", "principles.yaml", "cues.yaml")


class Document(NamedTuple):
    """One parsed YAML file and where it came from (for error messages)."""

    path: Path
    data: Any
    builtin: bool

    def line_of(self, *keys: str | int) -> int | None:
        """The 1-based line of the node at ``keys`` (mapping keys / list indexes)."""
        return locate(self.path, keys)

    def fail(self, what: str, *keys: str | int) -> DataError:
        """A DataError naming this file, the line of ``keys`` and what is wrong."""
        line = self.line_of(*keys) if keys else None
        where = f"{self.path}, line {line}" if line else str(self.path)
        return DataError(f"{where}: {what}")


@lru_cache(maxsize=1)
def builtin_dir() -> Path:
    """The folder of the data files shipped with peercheck.

    Installed, they sit in the package (``peercheck/data``); an editable install runs from
    the source tree, where they are the repository's top-level ``data/``. Plain path checks
    find both; importlib.resources is slow to import and adds nothing for a plain package.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    if packaged.is_dir():
        return packaged
    source = here.parents[1]
    if (source / "pyproject.toml").is_file() and (source / "data").is_dir():
        return source / "data"
    raise DataError(f"peercheck's built-in data folder is missing (looked in {packaged}).")


_override: Path | None = None


def set_override(path: Path | str | None) -> None:
    """Use an organisation's data folder (from --data-dir) in this process."""
    global _override
    _override = Path(path).expanduser() if path else None
    clear_cache()


def override_dir() -> Path | None:
    """The organisation's data folder, if one is set; checked to exist."""
    path = _override
    if path is None and os.environ.get(ENV_DATA):
        path = Path(os.environ[ENV_DATA]).expanduser()
    if path is None:
        return None
    if not path.exists():
        raise DataError(f"The data folder {path} does not exist.", hint=_DATA_HINT)
    if not path.is_dir():
        raise DataError(f"The data folder {path} is a file, not a folder.", hint=_DATA_HINT)
    return path


_DATA_HINT = (
    "Point PEERCHECK_DATA or --data-dir at a folder holding values.yaml or principles.yaml."
)


def documents(name: str) -> list[Document]:
    """The built-in document called ``name`` followed by the organisation's, if it has one."""
    docs = [load(builtin_dir() / name, builtin=True)]
    extra = override_dir()
    if extra is not None and (extra / name).is_file():
        docs.append(load(extra / name, builtin=False))
    return docs


def load(path: Path, builtin: bool = False) -> Document:
    """Parse one YAML file (cached by path, size and modification time)."""
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise DataError(f"{path}: the file does not exist.") from exc
    if path.is_dir():
        raise DataError(f"{path} is a folder, not a YAML file.")
    return _load(str(path), st.st_size, st.st_mtime_ns, builtin)


@lru_cache(maxsize=32)
def _load(path: str, size: int, mtime: int, builtin: bool) -> Document:
    import yaml

    loader = _strict_loader()
    try:
        with open(path, encoding="utf-8") as handle, _no_gc():
            data = yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: the file is not UTF-8 text.") from exc
    except _DuplicateKey as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        where = f"{path}, line {line}" if line else path
        raise DataError(f"{where}: {exc.problem}") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f", line {mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context or "it is not valid YAML"
        raise DataError(f"{path}{line}: the YAML is not valid ({problem}).") from exc
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: the YAML is not valid ({exc}).") from exc
    except OSError as exc:
        raise DataError(f"{path}: the file cannot be read ({exc.strerror}).") from exc
    except ValueError as exc:
        # YAML builds 2026-13-45 as a timestamp and fails: name the line of the impossible date.
        raise DataError(f"{path}{_bad_date_line(path)}: a date in it does not exist "
                        f"({str(exc).lower()}).") from exc
    return Document(Path(path), data, builtin)


_DuplicateKey: Any = None


@lru_cache(maxsize=1)
def _strict_loader() -> Any:
    """The safe loader (libyaml's C one when available) refusing a key twice in a mapping.

    YAML itself lets a second ``id:`` silently replace the first, which would quietly turn
    an organisation's framework into another; peercheck names the file and the line instead.
    """
    global _DuplicateKey
    import yaml

    class DuplicateKey(yaml.MarkedYAMLError):
        pass

    _DuplicateKey = DuplicateKey
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if isinstance(node, yaml.MappingNode):
                seen: set[tuple[str, str]] = set()
                for key_node, _ in node.value:
                    if not isinstance(key_node, yaml.ScalarNode):
                        continue
                    key = (key_node.tag, key_node.value)
                    if key in seen:
                        raise DuplicateKey(
                            problem=f"the key '{key_node.value}' appears twice in the same "
                            "entry (the second would silently replace the first).",
                            problem_mark=key_node.start_mark,
                        )
                    seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return StrictLoader


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector while a parse builds many small objects.

    The parse makes no cycles worth collecting, and the collector's repeated full passes over
    a growing heap made a 30,000-value file take three times as long as it should
    (bench/validate.py).
    """
    import gc

    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _bad_date_line(path: str) -> str:
    import re
    from datetime import date

    with open(path, encoding="utf-8") as handle:
        for number, text in enumerate(handle, 1):
            for y, m, d in re.findall(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", text):
                try:
                    date(int(y), int(m), int(d))
                except ValueError:
                    return f", line {number}"
    return ""


def clear_cache() -> None:
    _load.cache_clear()
    _locate_tree.cache_clear()


def locate(path: Path, keys: tuple[str | int, ...]) -> int | None:
    """Find the line of a node by its key path, re-reading the file with position marks."""
    try:
        node = _locate_tree(str(path))
    except Exception:  # noqa: BLE001 - a best-effort aid to an error message
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for key in keys:
        if node is None:
            break
        if isinstance(key, int) and node.id == "sequence":
            if key >= len(node.value):
                break
            node = node.value[key]
        elif node.id == "mapping":
            for k, v in node.value:
                if k.value == key or (isinstance(key, int) and k.value == str(key)):
                    node = v
                    line = k.start_mark.line + 1
                    break
            else:
                break
            continue
        else:
            break
        line = node.start_mark.line + 1
    return line


@lru_cache(maxsize=8)
def _locate_tree(path: str) -> Any:
    import yaml

    with open(path, encoding="utf-8") as handle:
        return yaml.compose(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
