"""How fast `peercheck reflect --answers` runs end to end, and what scoring costs.

Prints figures, never asserts: speed is measured here, against a baseline taken in the same
run, not in the tests.

1. End to end: ``peercheck reflect --answers FILE --no-save --json`` and the same with saving
   (a fresh temporary PEERCHECK_HOME, so the log grows as a real one does), beside
   ``python -c "import typer, rich.console, yaml"`` (the imports any command needs);
   alternated, the median of several runs, and their ratio to the baseline.
2. In process: building a full record (scoring every prompt, cue scan of the free text) per
   reflection, in microseconds, after the prompts and values are loaded once.
3. How long the full reflection takes a person, estimated from the prompts themselves (the
   brief: three to five minutes). The pace model: reading at 240 words a minute (the
   question, its hint and every answer's words, and the four context questions); 4 seconds to
   pick a choice, scale or yes/no answer, 5 seconds to answer a context question, and 45
   seconds to write each free-text answer (under a minute). Only this part runs with
   ``--estimate``.

Run it with ``python bench/reflect.py`` (``--runs 11``, ``--estimate``).
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
  listening: 5
  strengths-named: yes
  holding-hope: honestly
  where-they-are: set-aside
  curious-for-whom: no
  sharing: drifted
  peer-lane: steered-back
  signposting: not-yet
  supervision: nothing
  self-care: 4
  next-time: Share less of my own story, and sooner hand the question back.
"""


WORDS_PER_MINUTE = 240
SECONDS_TO_CHOOSE = 4
SECONDS_PER_CONTEXT_ANSWER = 5
SECONDS_TO_WRITE = 45


def estimate() -> tuple[float, list[tuple[str, float]]]:
    """Seconds a person takes over the full reflection, and per prompt, by the pace model."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from peercheck import messages
    from peercheck.prompts import load_prompts

    def reading(text: str) -> float:
        return len(text.split()) * 60 / WORDS_PER_MINUTE

    context = sum(reading(q) + SECONDS_PER_CONTEXT_ANSWER
                  for q in messages.CONTEXT_QUESTIONS.values())
    rows = [("context (4 questions)", context)]
    for prompt in load_prompts():
        words = " ".join([prompt.question, prompt.hint or ""]
                         + [prompt.label(a) for a in prompt.answers])
        act = SECONDS_TO_WRITE if prompt.kind == "text" else SECONDS_TO_CHOOSE
        rows.append((prompt.id, reading(words) + act))
    return sum(t for _, t in rows), rows


def print_estimate() -> None:
    total, rows = estimate()
    print(f"a person's pace: reading {WORDS_PER_MINUTE} words a minute, "
          f"{SECONDS_TO_CHOOSE} s per choice, {SECONDS_PER_CONTEXT_ANSWER} s per context "
          f"answer, {SECONDS_TO_WRITE} s per free-text answer")
    for name, seconds in rows:
        print(f"  {name:24} {seconds:5.1f} s")
    print(f"full reflection: {len(rows) - 1} prompts, {total / 60:.1f} minutes "
          f"({total:.0f} s; the aim is 3 to 5 minutes)")


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--estimate", action="store_true",
                        help="only the time a person takes over the reflection")
    args = parser.parse_args()
    if args.estimate:
        print_estimate()
        return
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
    print(f"in process: build_record ({len(given)} answers, scoring + cue scan) "
          f"{per * 1e6:8.1f} µs each")
    print_estimate()


if __name__ == "__main__":
    main()
