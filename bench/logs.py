"""Benchmark the reflection log at scale: import, listing, search, trends, exports.

For each size N (default 10,000 and 100,000: ratios that stay put from one size to the next
mean the cost is flat) builds a log of N realistic reflections through `peercheck import`, in
a throwaway PEERCHECK_HOME, then prints:

- import time, and how much of it the field-by-field record checks take (measured alone);
- `peercheck log -n 10` beside `peercheck --version` (best of several runs; the ratio is the
  point: listing should cost about as much as starting at all), and beside `peercheck log
  path`, which parses the same options but reads nothing (Typer's option parsing is most of
  what separates any command from `--version`);
- `peercheck log search the` (a word most reflections hold) and `peercheck trends` beside
  `--version`, with trends' peak memory beside `log path`'s (flat memory: the same ratio at
  every size);
- CSV export of every reflection beside Python's sqlite3 `iterdump` of the same database (the
  floor for reading every row), with the export's peak memory at N and at N/10 (flat memory
  means the two are about the same);
- JSON Lines, JSON and HTML exports of every reflection beside the same iterdump, with the
  HTML export's peak memory.

With ``--postgres`` it then does the same on the team log (see ``postgres`` below).

Usage:  python bench/logs.py [N ...] [--postgres]     e.g.  python bench/logs.py 10000 100000
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

CONCEPTS = [
    "mutuality", "self-determination", "hope", "strengths", "stay-in-lane", "respect",
    "empathy", "curiosity", "authenticity", "belonging", "responsibility",
]
KINDS = ["one-to-one", "group", "phone", "online", "other"]
WORDS = (
    "we talked about the week and what felt hard and what helped they chose to call the "
    "housing office themselves I noticed I wanted to fix it and waited instead shared a bit "
    "of my own story when it fitted we laughed about the bus again next time I will ask what "
    "they want from our time together"
).split()
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def ulid(ms: int, rng: random.Random) -> str:
    value = (ms << 80) | rng.getrandbits(80)
    return "".join(_ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(26)))


def level(score: float) -> str:
    return "strong" if score >= 0.67 else ("growing" if score >= 0.4 else "worth a look")


def record(i: int, day: date, rng: random.Random) -> dict:
    """One reflection per the shared record contract, with realistic sizes."""
    ms = int(datetime(day.year, day.month, day.day, 9, tzinfo=timezone.utc).timestamp() * 1000)
    ms += i % 86_400_000
    prompts = {
        "felt-equal": {"question": "How equal did the conversation feel?", "kind": "scale"},
        "their-choice": {"question": "Who chose what happened next?", "kind": "choice"},
        "shared-story": {"question": "Did you share some of your own story?", "kind": "yesno"},
        "hope-seen": {"question": "Did you notice any hope, theirs or yours?", "kind": "yesno"},
        "what-stayed": {"question": "What stayed with you from this session?", "kind": "text"},
        "next-time": {"question": "Anything to bring to supervision?", "kind": "text"},
    }
    answers = {
        "felt-equal": rng.randint(1, 5),
        "their-choice": rng.choice(["they did", "we both did", "I did"]),
        "shared-story": rng.choice(["yes", "no", "unsure"]),
        "hope-seen": rng.choice(["yes", "no"]),
        "what-stayed": " ".join(rng.choices(WORDS, k=rng.randint(15, 45))),
    }
    if rng.random() < 0.3:
        answers["next-time"] = " ".join(rng.choices(WORDS, k=rng.randint(5, 20)))
    concepts = []
    for cid in CONCEPTS:
        score = round(min(1.0, max(0.0, rng.gauss(0.62, 0.2))), 2)
        concepts.append({
            "id": cid, "name": cid.replace("-", " ").capitalize(), "score": score,
            "level": level(score),
            "evidence": [{"prompt": "felt-equal", "answer": answers["felt-equal"],
                          "weight": 0.5}],
        })
    flags = ["supervision"] if rng.random() < 0.15 else []
    cues = []
    if rng.random() < 0.2:
        cues.append({
            "prompt": "what-stayed", "line": 1, "column": 5, "offset": 4, "length": 10,
            "text": "you should", "rule": "directive-should", "family": "directive",
            "concepts": ["self-determination"], "principles": [3],
            "message": "This can sound like advice; what did they want?",
            "suggestion": "what would you like to do?", "level": "worth a look",
        })
    return {
        "id": ulid(ms, rng),
        "created_at": f"{day.isoformat()}T{9 + i % 8:02d}:{i % 60:02d}:00+00:00",
        "peercheck": "0.1.0",
        "context": {"date": day.isoformat(), "kind": rng.choice(KINDS),
                    "minutes": rng.choice([None, 20, 30, 45, 50, 60, 90]),
                    "tags": rng.sample(["housing", "group-a", "phone-line", "new"], k=1)},
        "focus": None, "framework": None,
        "prompts": prompts, "answers": answers, "concepts": concepts,
        "flags": flags,
        "intention": "ask what they want next time" if rng.random() < 0.5 else None,
        "cues": cues,
    }


def peercheck() -> str:
    candidate = Path(sys.executable).parent / "peercheck"
    return str(candidate) if candidate.exists() else (shutil.which("peercheck") or "peercheck")


def timed(args: list[str], env: dict, runs: int = 1) -> tuple[float, int]:
    """Best wall time of ``runs`` runs, and the peak memory (KiB) of the last one."""
    best, peak = float("inf"), 0
    probe = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)\n"
    )
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", probe, *args], env=env, check=True,
                             capture_output=True, text=True).stdout.split()
        best = min(best, time.perf_counter() - start)
        peak = int(out[0])
        if out[1] != "0":
            raise SystemExit(f"{' '.join(args)} failed")
    return best, peak


def race(commands: dict[str, list[str]], env: dict, rounds: int = 11) -> dict[str, float]:
    """Best wall time of each command, run in turn round after round (fair on a busy box)."""
    best = {name: float("inf") for name in commands}
    for _ in range(rounds):
        for name, args in commands.items():
            start = time.perf_counter()
            subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def check_time(source: Path) -> float:
    """Seconds that import's field-by-field record checks take over the whole file.

    Measured in this process on the records already parsed, so the figure is the checks
    alone: beside the import's own time it says what validation costs.
    """
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from peercheck.records import check

    with source.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    start = time.perf_counter()
    for record in records:
        check(record)
    return time.perf_counter() - start


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [10_000, 100_000]
    for n in sizes:
        measure(n)


def measure(n: int) -> None:
    exe = peercheck()
    work = Path(tempfile.mkdtemp(prefix="peercheck-bench-"))
    env = dict(os.environ, PEERCHECK_HOME=str(work / "home"), NO_COLOR="1")
    try:
        rng = random.Random(20261123)
        source = work / "reflections.jsonl"
        start_day = date(2026, 11, 23) - timedelta(days=n // 20)
        with source.open("w", encoding="utf-8") as f:
            for i in range(n):
                day = start_day + timedelta(days=i // 20)
                f.write(json.dumps(record(i, day, rng)) + "\n")
        size = source.stat().st_size / 1e6
        print(f"peercheck log benchmark: {n:,} reflections ({size:.0f} MB of JSON Lines)")

        t_import, _ = timed([exe, "import", str(source)], env)
        print(f"  import                    {t_import:7.2f} s  ({n / t_import:,.0f} reflections/s)")
        t_again, _ = timed([exe, "import", str(source)], env)
        print(f"  import again (no change)  {t_again:7.2f} s")
        t_check = check_time(source)
        print(f"  record checks in import   {t_check:7.2f} s  ({t_check / t_import:.0%} of the "
              f"import; {t_check / n * 1e6:.0f} µs a record)")

        quick = race(
            {
                "version": [exe, "--version"],
                "path": [exe, "log", "path"],
                "log": [exe, "log", "-n", "10"],
                "value": [exe, "log", "-n", "10", "--value", "hope"],
                "search": [exe, "log", "search", "the"],
            },
            env,
        )
        t_version, t_path, t_log = quick["version"], quick["path"], quick["log"]
        t_value = quick["value"]
        print(f"  peercheck --version       {t_version:7.3f} s")
        print(f"  peercheck log path        {t_path:7.3f} s  (option parsing, no reading)")
        print(f"  peercheck log -n 10       {t_log:7.3f} s  ({t_log / t_version:.2f}x --version, "
              f"{t_log / t_path:.2f}x log path)")
        print(
            f"  log -n 10 --value hope    {t_value:7.3f} s  ({t_value / t_version:.2f}x --version)"
        )
        t_search = quick["search"]
        print(f"  log search the            {t_search:7.3f} s  ({t_search / t_version:.2f}x "
              "--version; most reflections match)")
        _, rss_path = timed([exe, "log", "path"], env)
        t_trends, rss_trends = timed([exe, "trends"], env, runs=3)
        print(f"  trends                    {t_trends:7.3f} s  ({t_trends / t_version:.2f}x "
              f"--version), peak {rss_trends / 1024:.0f} MB ({rss_trends / rss_path:.2f}x "
              "log path's)")

        db = Path(env["PEERCHECK_HOME"]) / "peercheck.db"
        start = time.perf_counter()
        conn = sqlite3.connect(db)
        with open(os.devnull, "w") as sink:
            for line in conn.iterdump():
                sink.write(line)
        conn.close()
        t_dump = time.perf_counter() - start
        out = work / "all.csv"
        t_csv, rss_all = timed([exe, "export", "-f", "csv", "-o", str(out)], env)
        tenth = (start_day + timedelta(days=(n // 20) * 9 // 10)).isoformat()
        t_small, rss_tenth = timed(
            [exe, "export", "-f", "csv", "--since", tenth, "-o", str(work / "tenth.csv")], env
        )
        t_jsonl, rss_jsonl = timed([exe, "export", "-o", str(work / "all.jsonl")], env)
        print(f"  sqlite3 iterdump (floor)  {t_dump:7.2f} s")
        print(f"  export csv, all           {t_csv:7.2f} s  ({t_csv / t_dump:.2f}x iterdump), "
              f"peak {rss_all / 1024:.0f} MB")
        print(f"  export csv, last tenth    {t_small:7.2f} s  peak {rss_tenth / 1024:.0f} MB "
              f"(memory ratio all/tenth {rss_all / rss_tenth:.2f})")
        print(f"  export jsonl, all         {t_jsonl:7.2f} s  ({t_jsonl / t_dump:.2f}x iterdump), "
              f"peak {rss_jsonl / 1024:.0f} MB")
        t_json, rss_json = timed([exe, "export", "-f", "json", "-o", str(work / "all.json")], env)
        print(f"  export json, all          {t_json:7.2f} s  ({t_json / t_dump:.2f}x iterdump), "
              f"peak {rss_json / 1024:.0f} MB")
        t_html, rss_html = timed([exe, "export", "-f", "html", "-o", str(work / "all.html")], env)
        print(f"  export html, all          {t_html:7.2f} s  ({t_html / t_dump:.2f}x iterdump), "
              f"peak {rss_html / 1024:.0f} MB ({rss_html / rss_path:.2f}x log path's)")
        if "--postgres" in sys.argv:
            postgres(n, source, exe, env, work)
    finally:
        if "--keep" not in sys.argv:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"  kept {work}")


# --- the team log on PostgreSQL ------------------------------------------------------------


def _pg_bin() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                      key=lambda p: int(p.parts[-3]))
    if not versions:
        raise SystemExit("--postgres needs a PostgreSQL server installed (pg_ctl not found)")
    return versions[-1].parent


def _as_server_user(args: list[str]) -> list[str]:
    """PostgreSQL will not run as root: run its programs as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def postgres(n: int, source: Path, exe: str, sqlite_env: dict, work: Path) -> None:
    """The same reflections on a throw-away local cluster, as a worker role sees them.

    Prints import, ``log -n 10`` and exports (CSV and JSON Lines), each as a ratio to the same
    command on the SQLite log built above and to ``psql -c 'select count(*)'`` on the same
    table, all measured in this run.
    """
    bindir = _pg_bin()
    cluster = Path(tempfile.mkdtemp(prefix="peercheck-bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(cluster, "postgres")
    port = 55000 + os.getpid() % 1000
    data = cluster / "data"
    subprocess.run(_as_server_user([str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                                    "--auth=trust"]), check=True, capture_output=True)
    subprocess.run(_as_server_user([
        str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(cluster / "log"),
        "-o", f"-p {port} -k {cluster} -c listen_addresses=''", "start",
    ]), check=True, capture_output=True)
    try:
        where = f"host={cluster} port={port}"
        psql = [str(bindir / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1"]
        admin = [*psql, f"{where} user=postgres dbname=postgres"]
        subprocess.run([*admin, "-c", "CREATE ROLE bench LOGIN"], check=True)
        subprocess.run([*admin, "-c", "CREATE DATABASE bench"], check=True)
        base = f"postgresql:///bench?host={cluster}&port={port}"
        owner_env = dict(sqlite_env, PEERCHECK_DATABASE_URL=f"{base}&user=postgres")
        for step in (["team", "setup"], ["team", "add-worker", "bench"]):
            subprocess.run([exe, *step], env=owner_env, check=True, capture_output=True)
        env = dict(sqlite_env, PEERCHECK_DATABASE_URL=f"{base}&user=bench")
        count = [*psql, f"{where} user=bench dbname=bench", "-c",
                 "select count(*) from peercheck.reflections"]

        print(f"PostgreSQL {_server_version(bindir)} (a local cluster, Unix socket), "
              f"as a worker role under row-level security")
        t_import, _ = timed([exe, "import", str(source)], env)
        print(f"  import                    {t_import:7.2f} s  ({n / t_import:,.0f} reflections/s)")
        subprocess.run([*admin[:-1], f"{where} user=postgres dbname=bench", "-c",
                        "VACUUM ANALYZE"], check=True)
        quick = race({"count": count, "pg": [exe, "log", "-n", "10"]}, env)
        t_sqlite = race({"sqlite": [exe, "log", "-n", "10"]}, sqlite_env)["sqlite"]
        t_count, t_log = quick["count"], quick["pg"]
        print(f"  psql select count(*)      {t_count:7.3f} s")
        print(f"  peercheck log -n 10       {t_log:7.3f} s  ({t_log / t_sqlite:.2f}x on SQLite, "
              f"{t_log / t_count:.2f}x psql count)")
        for fmt in ("csv", "jsonl"):
            t_pg, rss = timed([exe, "export", "-f", fmt, "-o", str(work / f"pg.{fmt}")], env)
            t_lite, _ = timed(
                [exe, "export", "-f", fmt, "-o", str(work / f"lite.{fmt}")], sqlite_env
            )
            same = (work / f"pg.{fmt}").read_bytes() == (work / f"lite.{fmt}").read_bytes()
            print(f"  export {fmt:<5}, all         {t_pg:7.2f} s  ({t_pg / t_lite:.2f}x on SQLite, "
                  f"{t_pg / t_count:.0f}x psql count), peak {rss / 1024:.0f} MB, "
                  f"{'same bytes as' if same else 'DIFFERENT from'} SQLite's")
    finally:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast",
                                        "stop"]), capture_output=True)
        shutil.rmtree(cluster, ignore_errors=True)


def _server_version(bindir: Path) -> str:
    import re

    out = subprocess.run([str(bindir / "postgres"), "--version"], capture_output=True,
                         text=True).stdout
    found = re.search(r"\d+(\.\d+)+", out)  # "postgres (PostgreSQL) 15.18 (Debian …)"
    return found.group(0) if found else "?"


if __name__ == "__main__":
    main()
