"""What the safety measures cost: a save as the log grows, the integrity check, a migration.

For each size (default 10,000 and 100,000 reflections) builds a log in a throwaway folder,
then prints, each beside a baseline measured in the same run:

- one save in a fresh process's store (open, save, close: what `reflect` does), beside the
  same on an empty log: the ratio should stay near 1 however long the log is, because the
  whole-file `PRAGMA quick_check` runs only when the log may be damaged;
- that save when a check is due (the log was changed from outside or not closed cleanly),
  to show what the check costs when it does run;
- opening a schema-1 log of N reflections (backup copy + migration) beside opening it again.

Usage:  python bench/safety.py [N ...]      e.g.  python bench/safety.py 10000 100000
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


def save_once(db: Path, rng: random.Random, n: int) -> tuple[float, float]:
    """Open the log, save one reflection, close: a fresh `reflect` process's store.

    Returns (wall, CPU) seconds: on a shared machine the wall time is mostly waiting for
    fsync, so the CPU time shows the work more steadily.
    """
    begin, cpu = time.perf_counter(), time.process_time()
    with store.SQLiteStore(db) as log:
        log.save(record(rng, n))
    return time.perf_counter() - begin, time.process_time() - cpu


def old_schema(db: Path, old: Path) -> None:
    """A copy of ``db`` as the first peercheck left it (schema 1)."""
    import sqlite3

    shutil.copyfile(db, old)
    conn = sqlite3.connect(old)
    with conn:
        conn.execute("DELETE FROM _migrations WHERE name != '001_initial'")
        conn.execute("ALTER TABLE _migrations DROP COLUMN peercheck")
        triggers = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        for (name,) in triggers.fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP TABLE concept_days")
        conn.execute("DROP TABLE _checks")
        conn.execute("DROP INDEX reflection_concepts_by_date")
        conn.execute("ALTER TABLE reflection_concepts DROP COLUMN session_date")
        conn.execute("DROP INDEX reflections_by_date")
        conn.execute("ALTER TABLE reflections DROP COLUMN text_rowid")
        conn.execute("CREATE INDEX reflections_by_date ON reflections (session_date, id)")
        conn.execute("PRAGMA user_version = 1")
    conn.close()


def measure(n: int, tmp: Path) -> None:
    rng = random.Random(2)
    empty = tmp / f"empty{n}.db"
    db = tmp / f"log{n}.db"
    build(db, n)
    save_once(empty, rng, 10**9)  # create it
    print(f"log: {n:,} reflections, {db.stat().st_size / 1e6:.0f} MB")
    base, grown = [], []
    for i in range(15):  # alternated, so a busy moment hits both
        base.append(save_once(empty, rng, 10**9 + i + 1))
        grown.append(save_once(db, rng, n + i))
    b, g = min(w for w, _ in base), min(w for w, _ in grown)
    bc, gc = min(c for _, c in base), min(c for _, c in grown)
    print(f"  save (open, save, close)      {g * 1000:7.1f} ms  ({g / b:.2f}x the same save "
          f"on an empty log, {b * 1000:.1f} ms; CPU {gc * 1000:.1f} ms, {gc / bc:.2f}x)")
    checked = []
    for i in range(3):
        Path(f"{db}-seal").unlink()  # as if changed from outside: the next save checks
        checked.append(save_once(db, rng, n + 100 + i)[0])
    c = min(checked)
    print(f"  save when a check is due      {c * 1000:7.1f} ms  ({c / b:.2f}x; once a day, after "
          "a crash or a change from outside)")
    old = tmp / f"old{n}.db"
    old_schema(db, old)
    start = time.perf_counter()
    store.SQLiteStore(old).close()
    migrate = time.perf_counter() - start
    again = best(lambda: store.SQLiteStore(old).close())
    print(f"  open a schema-1 log (copy + migrate) {migrate * 1000:.0f} ms once; "
          f"opening it again {again * 1000:.1f} ms")


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    tmp = Path(tempfile.mkdtemp(prefix="peercheck-bench-"))
    try:
        for n in sizes:
            measure(n, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
