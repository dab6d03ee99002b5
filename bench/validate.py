"""How `peercheck validate` scales with an organisation's values.yaml: two sizes, 10x apart.

Writes a framework of N values (half linked from a concept's `values:` list, half naming
their concept themselves) at N and 10N, validates each three times, and prints the medians
and their ratio. Work that grows linearly shows a ratio near 10 (a little less, as start-up
is shared); a quadratic step shows near 100.

    python bench/validate.py               # 3,000 and 30,000 values
    python bench/validate.py --size 6000   # 6,000 and 60,000
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

from startup import peercheck_exe  # noqa: E402  (the installed peercheck, as startup.py finds it)


def write_folder(folder: Path, n: int) -> None:
    folder.mkdir(parents=True)
    lines = ["frameworks:", "  - id: big", "    title: A big charter", "    values:"]
    for i in range(n):
        lines += [f"      - id: v{i}", f"        name: Value {i}",
                  f'        definition: ["We hold value {i}."]']
        if i % 2:
            lines.append("        concepts: [mutuality]")
    lines += ["concepts:", "  - id: mutuality", "    values:", "      big:"]
    lines += [f"        - v{i}" for i in range(0, n, 2)]
    (folder / "values.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(folder: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([peercheck_exe(), "validate", str(folder)], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PEERCHECK_HOME=str(Path(tmp) / "home"), NO_COLOR="1")
        env.pop("PEERCHECK_DATA", None)
        medians = []
        for n in (args.size, args.size * 10):
            folder = Path(tmp) / f"org-{n}"
            write_folder(folder, n)
            timed(folder, env)  # warm-up: bytecode
            medians.append(statistics.median(timed(folder, env) for _ in range(args.rounds)))
            print(f"{n:>7,} values: {medians[-1]:.2f} s")
        print(f"ratio at 10x the values: {medians[1] / medians[0]:.1f} "
              "(about 10 is linear, about 100 quadratic)")


if __name__ == "__main__":
    main()
