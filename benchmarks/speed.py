"""Wall time and peak memory of ``collate compare`` on the letters and on Frankenstein 1818 vs
1831, beside difflib and plain diff-match-patch on the same tokens, in one run.

Each collate figure is a whole process (``collate compare A B --format json -o FILE``: start-up,
loading, collation, JSON), best of three with compiled-module caching allowed; peak memory is
that process's maximum resident set.
The baselines run in this process on the tokens collate made (only the aligning is timed).

    .venv/bin/python benchmarks/speed.py [--skip-baselines]
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from baselines import difflib_places, dmp_places
from corpora import frankenstein_text

import collate

ROOT = Path(__file__).resolve().parent.parent
COLLATE = Path(sys.executable).parent / "collate"
# As a user runs it: Python may cache compiled modules (this workplace's shells forbid it,
# which adds compiling every module to every start).
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_cli(a: Path, b: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak MiB of one ``collate compare`` process."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [str(COLLATE), "compare", str(a), str(b), "--format", "json", "-o", str(out)],
        check=True,
        env=ENVIRONMENT,
    )
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest child so far; a first measurement is exact
    return elapsed, max(peak, before) / 1024


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    skip = "--skip-baselines" in sys.argv
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        f1818, f1831 = work / "1818.txt", work / "1831.txt"
        f1818.write_text(frankenstein_text("1818"), encoding="utf-8")
        f1831.write_text(frankenstein_text("1831"), encoding="utf-8")
        cases = {
            "letters (M, B)": (
                ROOT / "witnesses" / "medvedev-1926.txt",
                ROOT / "witnesses" / "baku-1924.txt",
            ),
            "Frankenstein 1818 vs 1831": (f1818, f1831),
        }
        print(f"{'case':28} {'tokens':>15} {'collate':>9} {'peak':>8} {'difflib':>9} {'dmp':>9}")
        for name, (a_path, b_path) in cases.items():
            runs = [run_cli(a_path, b_path, work / "out.json") for _ in range(3)]
            seconds = min(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            a, b = collate.load_witness(a_path), collate.load_witness(b_path)
            tokens = f"{len(a.tokens)}+{len(b.tokens)}"
            if skip:
                base = "    -         -"
            else:
                seconds_difflib = timed(partial(difflib_places, a, b))
                seconds_dmp = timed(partial(dmp_places, a, b))
                base = f"{seconds_difflib:8.2f}s {seconds_dmp:8.2f}s"
            print(f"{name:28} {tokens:>15} {seconds:8.2f}s {peak:6.0f}MB {base}")


if __name__ == "__main__":
    main()
