"""Everyday cost, as ratios measured side by side in one run (issue 17, item 15), then wall time
and peak memory beside difflib and plain diff-match-patch (issue 2).

Every collate figure is a whole process (``collate compare A B --format json -o FILE``:
start-up, loading, collation, JSON written), best of three with compiled-module caching
allowed; peak memory is that process's own maximum resident set and CPU time its user and
system time (``os.wait4``: on a machine other work shares, CPU time is less moved by waiting
for a core than wall time, so each ratio is given both ways). The ratios:

- start-up: ``collate --version`` and ``collate compare`` of the letters to JSON, each against
  a bare ``python -c pass`` (target ≤ 15×), best of seven, the three taking turns;
- Frankenstein 1818/1831 against ``benchmarks/reference_diff.py`` (read both files, cut words
  with a regular expression, the C++ diff-match-patch in word mode: target ≤ 1.5×), best of
  five, the two taking turns;
- eight copies of each edition (1818 × 8 against 1831 × 8) against one (target ≤ 9×), and
  their peak memory (linear: about 8×);
- Frankenstein's HTML page (``--format html``: the word columns and the page) against its
  JSON (issue 17: the page's word columns had made it 4.6 s).

The baselines run in this process on the tokens collate made (only the aligning is timed).
``--collate PROGRAM`` measures another ``collate`` (an older checkout's, for a before/after in
one sitting) in place of this environment's.

    .venv/bin/python benchmarks/speed.py [--skip-baselines] [--collate PROGRAM]
"""

from __future__ import annotations

import os
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
HERE = Path(__file__).resolve().parent
PROGRAM = Path(sys.executable).parent / "collate"
"""The collate measured: this environment's, or ``--collate PROGRAM``."""
# As a user runs it: Python may cache compiled modules (this workplace's shells forbid it,
# which adds compiling every module to every start).
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
LETTERS = (ROOT / "witnesses" / "medvedev-1926.txt", ROOT / "witnesses" / "baku-1924.txt")


def process(arguments: list[str]) -> tuple[float, float, float]:
    """Seconds, peak MiB and CPU seconds of one process."""
    started = time.perf_counter()
    child = subprocess.Popen(arguments, env=ENVIRONMENT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, by os.wait4
    if child.returncode:
        raise SystemExit(f"{arguments}: exit status {child.returncode}")
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - started, usage.ru_maxrss / 1024, cpu


def best(arguments: list[str], runs: int = 3) -> tuple[float, float, float]:
    """The fastest of ``runs`` processes, the largest peak among them, and the least CPU."""
    measured = [process(arguments) for _ in range(runs)]
    return (
        min(m[0] for m in measured),
        max(m[1] for m in measured),
        min(m[2] for m in measured),
    )


def best_together(
    commands: dict[str, list[str]], runs: int
) -> dict[str, tuple[float, float, float]]:
    """`best` of each command, the commands taking turns run by run: a spell of load from other
    work on the machine then slows each of them alike, not only the one it falls on."""
    measured: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, arguments in commands.items():
            measured[name].append(process(arguments))
    return {
        name: (min(m[0] for m in ms), max(m[1] for m in ms), min(m[2] for m in ms))
        for name, ms in measured.items()
    }


def compare(a: Path, b: Path, out: Path, output_format: str = "json") -> list[str]:
    return [str(PROGRAM), "compare", str(a), str(b), "--format", output_format, "-o", str(out)]


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def ratios(work: Path, f1818: Path, f1831: Path) -> None:
    start = best_together(
        {
            "python": [sys.executable, "-c", "pass"],
            "version": [str(PROGRAM), "--version"],
            "letters": compare(*LETTERS, work / "letters.json"),
        },
        runs=7,
    )
    python, version, letters = start["python"], start["version"], start["letters"]
    book_and_reference = best_together(
        {
            "reference": [sys.executable, str(HERE / "reference_diff.py"), str(f1818), str(f1831)],
            "book": compare(f1818, f1831, work / "book.json"),
        },
        runs=5,
    )
    reference, book = book_and_reference["reference"], book_and_reference["book"]
    eight = []
    for name, source in (("1818x8.txt", f1818), ("1831x8.txt", f1831)):
        path = work / name
        path.write_text("\n".join([source.read_text(encoding="utf-8")] * 8), encoding="utf-8")
        eight.append(path)
    books = best(compare(eight[0], eight[1], work / "books.json"))
    page = best(compare(f1818, f1831, work / "book.html", "html"))
    print(f"{'ratio':44} {'measured':>22} {'ratio':>7} {'target':>7} {'CPU':>24}")
    rows = [
        ("start-up: collate --version / python -c pass", version, python, 15),
        ("start-up: compare letters, JSON / python -c pass", letters, python, 15),
        ("Frankenstein / reference_diff.py", book, reference, 1.5),
        ("Frankenstein x8 / x1 (time)", books, book, 9),
        ("Frankenstein x8 / x1 (peak memory)", books, book, 9),
        ("Frankenstein HTML page / JSON", page, book, None),
    ]
    for name, measured, baseline, target in rows:
        memory = "memory" in name
        unit = "MB" if memory else "s"
        value, base = (measured[1], baseline[1]) if memory else (measured[0], baseline[0])
        figures = f"{value:.3f}{unit} / {base:.3f}{unit}"
        goal = f"{target:6g}×" if target else "      -"
        cpu = (
            ""
            if memory
            else f"{measured[2]:.3f} / {baseline[2]:.3f} = {measured[2] / baseline[2]:.2f}×"
        )
        print(f"{name:44} {figures:>22} {value / base:6.2f}× {goal} {cpu:>24}")
    print(f"(reference_diff.py peak {reference[1]:.0f} MB; Frankenstein peak {book[1]:.0f} MB)")


def main() -> None:
    global PROGRAM  # noqa: PLW0603 (which collate every measurement runs, set once here)
    skip = "--skip-baselines" in sys.argv
    if "--collate" in sys.argv:
        PROGRAM = Path(sys.argv[sys.argv.index("--collate") + 1]).resolve()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        f1818, f1831 = work / "1818.txt", work / "1831.txt"
        f1818.write_text(frankenstein_text("1818"), encoding="utf-8")
        f1831.write_text(frankenstein_text("1831"), encoding="utf-8")
        ratios(work, f1818, f1831)
        print()
        cases = {"letters (M, B)": LETTERS, "Frankenstein 1818 vs 1831": (f1818, f1831)}
        print(f"{'case':28} {'tokens':>15} {'collate':>9} {'peak':>8} {'difflib':>9} {'dmp':>9}")
        for name, (a_path, b_path) in cases.items():
            seconds, peak, _ = best(compare(a_path, b_path, work / "out.json"))
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
