"""How well the cues hear drift and leave good practice alone, on the labelled corpus.

Prints, for the half held back while tuning, the sentences written after tuning, the half
used for it, and all of them: precision and
recall per family, the false-cue rate (acceptable sentences that draw any cue) and the mixed
accuracy (acceptable sentences with no cue, drifting ones with their family among the cues).
Targets: false-cue rate at most 5%, mixed accuracy at least 0.92 (tests/test_corpus.py holds
them). With ``--wrong`` it also lists every sentence that came out wrong.

Run it with ``python bench/cue_accuracy.py`` (``--corpus FILE`` for another labelled file in
the same split/label/sentence TSV format).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "corpus"))
from measure import CORPUS, load, measure  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--wrong", action="store_true", help="list the sentences that failed")
    args = parser.parse_args()

    from peercheck import cues

    def families_of(text: str) -> set[str]:
        return {hit.family for hit in cues.scan(text)}

    splits = (("held", "held back"), ("fresh", "written after tuning"), ("tune", "used for tuning"),
              (None, "all"))
    for split, title in splits:
        rows = load(args.corpus, split)
        if not rows:
            continue
        f = measure(rows, families_of)
        print(f"{title}: {f.total} sentences ({f.acceptable} acceptable)")
        print(f"  false-cue rate {f.false_cue_rate:6.1%}   (target at most 5%)")
        print(f"  mixed accuracy {f.accuracy:6.3f}   (target at least 0.92)")
        for family, (precision, recall, n) in f.per_family.items():
            print(f"  {family:<11} precision {precision:5.2f}  recall {recall:5.2f}  ({n})")
        if args.wrong:
            for row, got in f.wrong:
                print(f"    wrong: [{row.label}] {row.text}  -> {', '.join(got) or 'no cue'}")


if __name__ == "__main__":
    main()
