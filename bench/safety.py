"""What the safety measures cost: the integrity check before a save, and a migration.

Builds a log of N reflections (default 20,000) in a throwaway folder, then prints, each beside
a baseline measured in the same run:

- one save in a fresh process's store, with the one-off `PRAGMA quick_check` that guards
  against writing into a damaged file, beside a second save in the same store (no check);
- opening a schema-1 log of N reflections (backup copy + migration) beside opening it again.

Usage:  python bench/safety.py [N]
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from peercheck.store import sqlite as store

CONCEPTS = ["mutuality", "self-determination", "hope", "strengths", "stay-in-lane", "respect",
            "empathy", "curiosity", "authenticity", "belonging", "responsibility"]


def record(rng: random.Random, n: int) -> dict:
    return {
        "id": f"01J{n:023d}",
        "created_at": "2026-11-23T10:00:00+00:00",
        "context": {"date": f"202{rng.randint(4, 6)}-{rng.randint(1, 12):02d}-"
                            f"{rng.randint(1, 28):02d}", "kind": "group", "minutes": 50,
                    "tags": [rng.choice(["drop-in", "housing", "first"])]},
        "prompts": {"went-well": {"question": "What went well?", "kind": "text"}},
        "answers": {"went-well": "we talked about the week and what helped " * 8, "advice": 2},
        "concepts": [{"id": c, "name": c, "score": round(rng.random(), 2), "level": "growing"}
                     for c in CONCEPTS],
    }


def build(path: Path, n: int) -> None:
    rng = random.Random(1)
    with store.SQLiteStore(path) as log:
        log.import_records(record(rng, i) for i in range(n))


def best(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    tmp = Path(tempfile.mkdtemp(prefix="peercheck-bench-"))
    try:
        db = tmp / "peercheck.db"
        build(db, n)
        size = db.stat().st_size / 1e6
        print(f"log: {n} reflections, {size:.1f} MB")

        rng = random.Random(2)
        first, second = [], []
        for i in range(5):
            with store.SQLiteStore(db) as log:
                start = time.perf_counter()
                log.save(record(rng, n + 2 * i))
                first.append(time.perf_counter() - start)
                start = time.perf_counter()
                log.save(record(rng, n + 2 * i + 1))
                second.append(time.perf_counter() - start)
        a, b = min(first), min(second)
        print(f"save with quick_check: {a * 1000:.1f} ms; without: {b * 1000:.1f} ms "
              f"(x{a / b:.2f})")

        old = tmp / "old.db"
        shutil.copyfile(db, old)
        import sqlite3

        with sqlite3.connect(old) as conn:
            conn.execute("DELETE FROM _migrations WHERE name != '001_initial'")
            conn.execute("ALTER TABLE _migrations DROP COLUMN peercheck")
            conn.execute("PRAGMA user_version = 1")
        conn.close()
        start = time.perf_counter()
        store.SQLiteStore(old).close()
        migrate = time.perf_counter() - start
        again = best(lambda: store.SQLiteStore(old).close())
        print(f"open a schema-1 log (copy + migrate): {migrate * 1000:.0f} ms; "
              f"open it again: {again * 1000:.1f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
