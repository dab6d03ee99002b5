"""The given-name list: real first names from the Faker package's per-locale lists, read the
first time free text needs them and kept as a compact owner-only set under
PEERCHECK_HOME/cache, so a later process reads one small file instead of importing Faker."""

from __future__ import annotations

import re
from typing import Any

_LOCALES = (
    "en", "en_GB", "en_IE", "en_US", "en_NZ", "en_IN", "en_KE", "en_NG", "en_PK", "ga_IE",
    "es", "es_ES", "es_MX", "fr_FR", "de_DE", "it_IT", "pt_BR", "pt_PT", "pl_PL", "nl_NL",
    "ro_RO", "tr_TR", "sw", "yo_NG", "ig_NG", "ha_NG", "tw_GH", "zu_ZA", "id_ID", "vi_VN",
)
_FORMAT = 1  # change when _LOCALES or the filtering changes, so old caches are not read
_names: dict[str, frozenset[str]] = {}


def given_names() -> frozenset[str]:
    """Real given names (lower case), built once from Faker's lists and cached owner-only."""
    if "given" not in _names:
        _names["given"], _names["family"] = _load_names()
    return _names["given"]


def family_names() -> frozenset[str]:
    given_names()
    return _names["family"]


def _cache_path() -> Any:
    from ..paths import home

    return home() / "cache" / "names.txt"


def _source_key() -> str:
    """Which Faker the set came from (its location, size and time), without importing it:
    importlib.metadata alone would cost more than reading the whole cached set."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("faker")
    origin = spec.origin if spec and spec.origin else ""
    try:
        st = os.stat(origin)
        stamp = f"{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        stamp = "-"
    return f"peercheck-names {_FORMAT} {origin} {stamp}"


def _load_names() -> tuple[frozenset[str], frozenset[str]]:
    key = _source_key()
    try:
        head, given, family = _cache_path().read_text(encoding="utf-8").split("\n\n", 2)
        if head == key:
            return frozenset(given.split()), frozenset(family.split())
    except Exception:  # noqa: BLE001 - no cache yet, or no usable home: build the set
        pass
    given_set, family_set = _from_faker()
    try:
        from ..paths import atomic_write, ensure_private_dir

        path = _cache_path()
        ensure_private_dir(path.parent)
        atomic_write(path, "\n\n".join(
            [key, " ".join(sorted(given_set)), " ".join(sorted(family_set))]))
    except Exception:  # noqa: BLE001 - a read-only home: just build the set next time too
        pass
    return given_set, family_set


def _from_faker() -> tuple[frozenset[str], frozenset[str]]:
    import importlib

    simple = re.compile(r"[A-Z][a-z'’-]+")
    given: set[str] = set()
    family: set[str] = set()
    for locale in _LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ImportError:
            continue
        for attr, bucket in (("first_names", given), ("first_names_male", given),
                             ("first_names_female", given), ("last_names", family)):
            names = getattr(provider, attr, ())
            if isinstance(names, (list, tuple, set, frozenset, dict)):
                bucket.update(n.lower() for n in names
                              if isinstance(n, str) and simple.fullmatch(n))
    return frozenset(given), frozenset(family)

