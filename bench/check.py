"""How fast `peercheck check` reads, and how fast it starts.

Prints figures, never asserts: speed is measured here, against a baseline taken in the same
run, not in the tests.

1. Throughput: about 10 MB of generated reflection prose (a cue in roughly one sentence in
   twelve, some of them negated, quoted or reported, as real notes are) through
   ``peercheck.cues.scan``, in MB/s. The scan is timed on the first 1 MB and the whole 10 MB
   too, so a cost that grows faster than the text would show as a falling rate.
2. Scaling: ``peercheck check FILE --json`` as a user runs it, on two inputs ten times apart
   in size, each with its wall time and peak memory (the process's maximum resident set),
   and the large/small ratios: a linear check shows time ratios near 10 and memory ratios
   well under 10 (hits stream out; only the text itself is held). Two kinds of input: notes
   (the prose above) and a flood of one cue (``"you should " * N``), the adversarial case
   where every word is a hit.
3. Startup: a one-line ``peercheck check -`` beside ``python -c "import typer, rich.console,
   yaml"`` (the imports any peercheck command needs), alternated, median of several runs, and
   their ratio.

Run it with ``python bench/check.py`` (``--mb 10 --runs 11 --flood 20000``).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OPENINGS = [
    "Today we met at the library and talked about her week.",
    "He arrived a little early and we sat by the window.",
    "We started by checking in about how the weekend had gone.",
    "They told me about the new job and how nervous the first days felt.",
    "I noticed how much energy came back when she talked about painting.",
    "We walked around the park while he described the last few months.",
]
MIDDLES = [
    "She has been finding the mornings hard, and the evenings easier.",
    "We looked at what helped last time things felt heavy.",
    "He mentioned his sister, who has been a steady support.",
    "I shared a little of my own story when it seemed useful.",
    "There was a long pause, and I let it sit.",
    "We laughed about the bus that never comes on time.",
    "She wondered aloud whether to try the evening group again.",
    "He is proud of the garden he has been keeping on the balcony.",
    "They want to find work that fits around their studies.",
    "We talked about sleep, music, and the dog who keeps them company.",
]
CUES = [
    "I told her she should move out before winter.",
    "Honestly, you need to call your mum more often.",
    "He is in denial about the drinking.",
    "She suffers from anxiety most days.",
    "I sorted it out for her with the housing office.",
    "It sounds like PTSD to me.",
    "He has been a bit lazy with the forms.",
    "I didn't tell her what she should do.",
    "She said \"you should just leave him\" and then laughed.",
    "He asked me whether he should stop his meds.",
    "I should have listened more and talked less.",
    "What do you think you need to do next?",
]
CLOSINGS = [
    "We agreed to meet again next week.",
    "She left with a plan of her own for the weekend.",
    "I felt grateful for the time together.",
    "He said the walk had helped more than he expected.",
]


def prose(megabytes: float, seed: int = 4) -> str:
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < target:
        sentences = [rng.choice(OPENINGS)]
        for _ in range(rng.randint(3, 6)):
            sentences.append(rng.choice(CUES if rng.random() < 1 / 12 else MIDDLES))
        sentences.append(rng.choice(CLOSINGS))
        paragraph = " ".join(sentences)
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts)


def throughput(megabytes: float) -> None:
    from peercheck import cues

    started = time.perf_counter()
    engine = cues.engine()
    loaded = time.perf_counter() - started
    print(f"rules loaded and compiled in {loaded * 1000:.1f} ms "
          f"({len(engine.cues)} rules)")
    engine.scan(prose(0.2, seed=9))  # each phrase's own regex compiles on first use
    for size in (1.0, megabytes):
        text = prose(size)
        started = time.perf_counter()
        hits = engine.scan(text)
        elapsed = time.perf_counter() - started
        mb = len(text.encode("utf-8")) / 1_000_000
        print(f"scan {mb:5.1f} MB: {elapsed:6.2f} s  {mb / elapsed:6.1f} MB/s  "
              f"({len(hits)} cues)")


_PEAK = """
import resource, subprocess, sys, time
started = time.perf_counter()
with open(sys.argv[2], "rb") as text:
    subprocess.run([sys.argv[1], "check", "-", "--json"], stdin=text,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
elapsed = time.perf_counter() - started
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _run_measured(exe: str, path: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall time (s) and peak memory (MiB) of one ``peercheck check``, in a fresh parent so
    the peak is this run's alone."""
    done = subprocess.run([sys.executable, "-c", _PEAK, exe, path], capture_output=True,
                          text=True, check=True, env=env)
    elapsed, peak_kib = done.stdout.split()
    return float(elapsed), int(peak_kib) / 1024


def scaling(megabytes: float, flood: int) -> None:
    exe = shutil.which("peercheck") or str(Path(sys.executable).parent / "peercheck")
    cases = {
        "notes": (prose(megabytes / 10), prose(megabytes)),
        "flood of one cue": ("you should " * (flood // 10), "you should " * flood),
    }
    print("scaling, peercheck check FILE --json (wall time, peak memory):")
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, PEERCHECK_HOME=home)
        env.pop("PEERCHECK_DATA", None)
        warm = Path(home) / "warm.txt"
        warm.write_text("you should rest\n", encoding="utf-8")
        _run_measured(exe, str(warm), env)  # builds the rule cache, as any later run finds it
        for name, texts in cases.items():
            figures = []
            for text in texts:
                path = Path(home) / "input.txt"
                path.write_text(text, encoding="utf-8")
                figures.append((len(text.encode("utf-8")) / 1_000_000,
                                *_run_measured(exe, str(path), env)))
            for mb, seconds, mib in figures:
                print(f"  {name:<17} {mb:7.2f} MB  {seconds:7.2f} s  {mib:7.1f} MiB")
            (mb0, s0, m0), (mb1, s1, m1) = figures
            print(f"  {name:<17} ratios for {mb1 / mb0:.0f}x the text: time {s1 / s0:.1f}x, "
                  f"memory {m1 / m0:.1f}x")


def _time(command: list[str], env: dict[str, str], stdin: str | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, input=stdin, capture_output=True, text=True, check=False, env=env)
    return time.perf_counter() - started


def startup(runs: int) -> None:
    exe = shutil.which("peercheck") or str(Path(sys.executable).parent / "peercheck")
    line = "We talked about the week and you should rest.\n"
    commands = {
        "python -c 'import typer, rich.console, yaml'":
            ([sys.executable, "-c", "import typer, rich.console, yaml"], None),
        "peercheck show mutuality": ([exe, "show", "mutuality"], None),
        "peercheck check - (one line, one cue)": ([exe, "check", "-"], line),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, PEERCHECK_HOME=home)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode is cached
        env.pop("PEERCHECK_DATA", None)
        for command, stdin in commands.values():  # warm up: bytecode, rule and regex caches
            _time(command, env, stdin)
        for _ in range(runs):  # alternated, so every command sees the same machine load
            for name, (command, stdin) in commands.items():
                times[name].append(_time(command, env, stdin))
    medians = {name: statistics.median(values) for name, values in times.items()}
    base, show, check = medians.values()
    print(f"startup, median of {runs} alternated runs:")
    for name, value in medians.items():
        print(f"  {name:<46} {value * 1000:6.1f} ms")
    print(f"  ratio check / import baseline {check / base:.2f};  check / show {check / show:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--flood", type=int, default=20000,
                        help="repetitions of 'you should ' in the large flood input")
    args = parser.parse_args()
    throughput(args.mb)
    scaling(args.mb, args.flood)
    startup(args.runs)


if __name__ == "__main__":
    main()
