"""How fast `peercheck reflect --answers` runs end to end, and what scoring costs.

Prints figures, never asserts: speed is measured here, against a baseline taken in the same
run, not in the tests.

1. End to end: ``peercheck reflect --answers FILE --no-save --json`` and the same with saving
   (a fresh temporary PEERCHECK_HOME, so the log grows as a real one does), beside
   ``python -c "import typer, rich.console, yaml"`` (the imports any command needs);
   alternated, the median of several runs, and their ratio to the baseline.
2. In process: building a full record (scoring 16 prompts, cue scan of the free text) per
   reflection, in microseconds, after the prompts and values are loaded once.

Run it with ``python bench/reflect.py`` (``--runs 11``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ANSWERS = """\
context: {date: 2026-11-20, kind: one-to-one, minutes: 50, tags: [first-meeting]}
answers:
  what-happened: We talked about going back to college and what is in the way.
  went-well: I stayed with the silence and let them lead.
  direction: the-peer
  advice: 3
  give-and-receive: 4
  listening: 5
  strengths-named: yes
  hope: 4
  open-mind: 4
  curious-for-whom: no
  sharing: drifted
  peer-lane: steered-back
  signposting: not-yet
  supervision: nothing
  self-care: 4
  next-time: Share less of my own story, and sooner hand the question back.
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    exe = shutil.which("peercheck") or str(Path(sys.executable).parent / "peercheck")
    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / "answers.yaml"
        answers.write_text(ANSWERS, encoding="utf-8")
        env = dict(os.environ, PEERCHECK_HOME=str(Path(tmp) / "home"), NO_COLOR="1")
        commands = {
            "baseline (import typer, rich, yaml)": [
                sys.executable, "-c", "import typer, rich.console, yaml"],
            "reflect --answers --no-save --json": [
                exe, "reflect", "--answers", str(answers), "--no-save", "--json"],
            "reflect --answers (saved, summary)": [exe, "reflect", "--answers", str(answers)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for cmd in commands.values():  # warm up caches once
            timed(cmd, env)
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(timed(cmd, env))
        base = statistics.median(times["baseline (import typer, rich, yaml)"])
        print(f"end to end, median of {args.runs} runs")
        for name, values in times.items():
            median = statistics.median(values)
            print(f"  {name:40} {median * 1000:7.1f} ms  {median / base:5.2f}x baseline")

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import yaml

    from peercheck.prompts import load_prompts
    from peercheck.reflection import build_record

    prompts = load_prompts()
    given = yaml.safe_load(ANSWERS)["answers"]
    given = {k: prompts[[p.id for p in prompts].index(k)].parse(v) for k, v in given.items()}
    build_record(prompts, {}, given)  # load values and cues once
    n = 2000
    start = time.perf_counter()
    for _ in range(n):
        build_record(prompts, {}, given)
    per = (time.perf_counter() - start) / n
    print(f"in process: build_record (16 answers, scoring + cue scan) {per * 1e6:8.1f} µs each")


if __name__ == "__main__":
    main()
