"""Start-up cost of `peercheck show mutuality` against importing typer, rich and yaml alone.

Runs the two commands alternately (so both see the same machine load), ten times each after
one warm-up run of each, and prints both medians and their ratio. A ratio at or below 1.00
means showing a value costs no more than the imports every peercheck command pays for.

    python bench/startup.py            # ten rounds
    python bench/startup.py --rounds 20
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


def peercheck_exe() -> str:
    candidate = Path(sys.executable).parent / "peercheck"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("peercheck")
    if not found:
        sys.exit("peercheck is not installed; run pip install -e '.[test]' first.")
    return found


def timed(cmd: list[str], env: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env["PEERCHECK_HOME"] = str(Path(tmp) / "home")  # a private, throwaway home
        env.pop("PEERCHECK_DATA", None)
        env["NO_COLOR"] = "1"
        # Like an installed copy, peercheck runs from compiled bytecode (the warm-up writes
        # it); typer, rich and yaml in the baseline already have theirs.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        show = [peercheck_exe(), "show", "mutuality"]
        baseline = [sys.executable, "-c", "import typer, rich.console, yaml"]
        # Warm-up: the first show builds the catalog cache, as a first real run would.
        timed(show, env, tmp)
        timed(baseline, env, tmp)
        show_times, base_times = [], []
        for _ in range(args.rounds):
            show_times.append(timed(show, env, tmp))
            base_times.append(timed(baseline, env, tmp))

    show_ms = statistics.median(show_times) * 1000
    base_ms = statistics.median(base_times) * 1000
    print(f"peercheck show mutuality:                 {show_ms:6.1f} ms (median of {args.rounds})")
    print(f"python -c 'import typer, rich.console, yaml': {base_ms:6.1f} ms (median of "
          f"{args.rounds})")
    print(f"ratio (show / imports):                   {show_ms / base_ms:6.2f}")


if __name__ == "__main__":
    main()
