"""What the privacy detector costs: throughput beside the pattern cues, and start-up.

Prints figures, never asserts; every figure has a baseline measured in the same run.

1. Throughput: the generated reflection prose of bench/check.py through
   ``peercheck.privacy.detect`` and through the cue engine without the privacy family, in
   MB/s, and the whole ``check`` scan (every family) beside the scan without privacy.
2. The given-name set: built from Faker's lists (first use) against read from the owner-only
   cache (every later process).
3. Start-up: a one-line ``peercheck check -`` that hears a name, beside ``peercheck show
   mutuality``, alternated, median of several runs.

Run it with ``python bench/privacy.py`` (``--mb 2 --runs 7``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from check import prose  # noqa: E402  (the same generated prose as bench/check.py)


def rate(megabytes: float, seconds: float) -> str:
    return f"{megabytes / seconds:5.1f} MB/s ({seconds:.2f} s)"


def throughput(megabytes: float) -> None:
    from peercheck import cues, privacy
    from peercheck.privacy.given import given_names

    text = prose(megabytes)
    size = len(text.encode("utf-8")) / 1_000_000
    given_names()
    others = [f for f in cues.ruleset().families if f != "privacy"]
    without = cues.engine(others)
    everything = cues.engine()
    without.scan(prose(0.2, seed=9))  # each phrase's regex compiles on first use
    everything.scan(prose(0.2, seed=9))

    start = time.perf_counter()
    found = privacy.detect(text)
    detector = time.perf_counter() - start
    start = time.perf_counter()
    without.scan(text)
    patterns = time.perf_counter() - start
    start = time.perf_counter()
    everything.scan(text)
    both = time.perf_counter() - start
    print(f"{size:.1f} MB of reflection prose ({len(found)} identifying details found)")
    print(f"  privacy detector alone          {rate(size, detector)}")
    print(f"  cues without privacy            {rate(size, patterns)}")
    print(f"  check's scan, every family      {rate(size, both)}"
          f"   ratio to without privacy: {both / patterns:.2f}")


def name_set() -> None:
    from peercheck.privacy import given

    start = time.perf_counter()
    built = given._from_faker()
    cold = time.perf_counter() - start
    given._load_names()  # writes the cache
    given._names.clear()
    start = time.perf_counter()
    given.given_names()
    warm = time.perf_counter() - start
    print(f"given-name set: {len(built[0])} given and {len(built[1])} family names")
    print(f"  built from Faker   {cold * 1000:6.1f} ms")
    print(f"  read from cache    {warm * 1000:6.1f} ms   ratio {warm / cold:.2f}")


def startup(runs: int, env: dict[str, str]) -> None:
    exe = str(Path(sys.executable).parent / "peercheck")
    commands = {
        "peercheck show mutuality": ([exe, "show", "mutuality"], None),
        "peercheck check - (one line, a name)": ([exe, "check", "-"], "Then Maya told me.\n"),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs + 1):
        for name, (cmd, stdin) in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, input=stdin, text=True, env=env, capture_output=True)
            times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values[1:]) for name, values in times.items()}
    print(f"start-up, median of {runs} alternated runs (after one warm-up each):")
    for name, value in medians.items():
        print(f"  {name:40} {value * 1000:6.1f} ms")
    show, check = medians.values()
    print(f"  ratio check / show {check / show:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["PEERCHECK_HOME"] = home
        env = dict(os.environ, NO_COLOR="1")
        name_set()
        throughput(args.mb)
        startup(args.runs, env)


if __name__ == "__main__":
    main()
