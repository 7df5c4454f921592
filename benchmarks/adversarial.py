"""Inputs that make an aligner's cost explode, each against Frankenstein 1818/1831 in the same run.

Every case is a whole ``collate compare … --format json -o FILE`` process, run with a time limit;
its wall time and peak resident memory are the child's own (``os.wait4``). The cases (issue 17,
item 14):

- ``vocab10-N``: two unrelated paragraphs of N words drawn from a 10-word vocabulary (no unique
  word to anchor on, every word repeated hundreds of times);
- ``lines-20000``: 20,000 one-word lines a side (20,000 paragraphs), words drawn from
  Frankenstein's own running text, so their frequencies are a novel's;
- ``unrelated-20000``: two unrelated 20,000-word paragraphs without punctuation (no sentence to
  cut them at), drawn the same way;
- ``one-line-xN``: Frankenstein 1818 against 1831, each on one line (no paragraph break: the
  whole book is one paragraph of 85,000 tokens), repeated N times on that line;
- ``collatex-3x1400``: three witnesses of 1,400 tokens (the openings of the 1818, 1823 and 1831
  editions, one paragraph each) with ``--engine collatex``.

    .venv/bin/python benchmarks/adversarial.py [--limit SECONDS] [--copies N[,N…]]
        [--before SRC] [--reference] [CASE ...]

``--copies`` sets how many times the single line repeats the book (default 1, 0.45 MB a side;
several counts give a case each). The issue's 50 MB line is 115 copies (47 and 49 MB a side):
every stage of the engine is linear in it, so it costs about 115 times Frankenstein's time,
beyond the 3× target whatever the aligner does, and about 7 MB of memory a copy; the benchmark
is scaled to one copy, and RESULTS.md gives the growth. ``--before SRC`` runs every case a
second time with the ``collate`` of another source tree (``src`` of an older checkout) under
this interpreter, interleaved with this tree's runs; ``--reference`` runs
``benchmarks/reference_diff.py`` on Frankenstein and on each case, whole and ``--cut-only``
(reading and cutting the words: what any word aligner must do, a lower bound). A process that
runs past ``--limit`` (default 120 s; ``--reference-limit`` for the reference script, whose
diff is quadratic on a repeated text) is killed and shown as ``> limit``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from corpora import frankenstein_text

COLLATE = Path(sys.executable).parent / "collate"
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
_WORD = re.compile(r"\w+")
VOCABULARY_10 = ["the", "of", "and", "a", "to", "in", "was", "he", "it", "that"]


@dataclass(frozen=True)
class Outcome:
    """One process: seconds, peak MiB, exit status, and the last line it wrote to stderr."""

    seconds: float
    peak_mib: float
    status: int | None
    message: str


_CLI = "import sys; from collate.cli import main; sys.argv[0] = 'collate'; sys.exit(main())"


def run(arguments: list[str], limit: float, source: str | None = None) -> Outcome:
    """A ``collate`` process (of the tree ``source``, else this one) with its own wall time
    and peak resident set (None: killed)."""
    if source is None:
        return run_command([str(COLLATE), *arguments], limit)
    return run_command(
        [sys.executable, "-c", _CLI, *arguments], limit, {**ENVIRONMENT, "PYTHONPATH": source}
    )


def run_command(
    command: list[str], limit: float, environment: dict[str, str] = ENVIRONMENT
) -> Outcome:
    """A process with its own wall time and peak resident set (None: killed)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            command,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        deadline = started + limit
        while True:
            pid, code, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                _, code, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.01)
        process.returncode = 0  # reaped here, by os.wait4
        seconds = time.perf_counter() - started
        status: int | None = os.waitstatus_to_exitcode(code)
        if seconds >= limit:
            status = None
        errors.seek(0)
        lines = errors.read().decode("utf-8", "replace").strip().splitlines()
    return Outcome(seconds, usage.ru_maxrss / 1024, status, lines[-1] if lines else "")


def _words(edition: str) -> list[str]:
    return _WORD.findall(frankenstein_text(edition))


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def vocab10(folder: Path, size: int) -> list[Path]:
    """Two unrelated paragraphs of ``size`` words from a 10-word vocabulary."""
    rng = random.Random(size)
    return [
        _write(folder, f"v{side}.txt", " ".join(rng.choices(VOCABULARY_10, k=size)) + "\n")
        for side in "ab"
    ]


def one_word_lines(folder: Path, size: int) -> list[Path]:
    """``size`` one-word lines a side, drawn from Frankenstein's running text."""
    rng = random.Random(size)
    words = _words("1818")
    return [
        _write(folder, f"l{side}.txt", "\n".join(rng.choices(words, k=size)) + "\n")
        for side in "ab"
    ]


def unrelated(folder: Path, size: int) -> list[Path]:
    """Two unrelated paragraphs of ``size`` words, no punctuation."""
    rng = random.Random(size + 1)
    words = _words("1818")
    return [
        _write(folder, f"u{side}.txt", " ".join(rng.choices(words, k=size)) + "\n") for side in "ab"
    ]


def one_line(folder: Path, copies: int) -> list[Path]:
    """Frankenstein 1818 and 1831, each on one line, repeated ``copies`` times."""
    paths = []
    for edition in ("1818", "1831"):
        line = " ".join(frankenstein_text(edition).split())
        paths.append(_write(folder, f"{edition}.txt", " ".join([line] * copies) + "\n"))
    return paths


def collatex_three(folder: Path, size: int) -> list[Path]:
    """The first ``size`` words of three editions, each one paragraph."""
    return [
        _write(folder, f"{edition}.txt", " ".join(_words(edition)[:size]) + "\n")
        for edition in ("1818", "1823", "1831")
    ]


def frankenstein(folder: Path) -> list[Path]:
    return [_write(folder, f"f{e}.txt", frankenstein_text(e)) for e in ("1818", "1831")]


def _result(outcome: Outcome, out: Path, limit: float) -> tuple[str, str]:
    """The time as printed, and what the process gave: exit status, the collation's notes."""
    if outcome.status is None:
        return f"> {limit:.0f}s", "killed at the limit"
    result = f"exit {outcome.status}"
    if outcome.status == 0 and out.exists():
        notes = json.loads(out.read_text(encoding="utf-8")).get("notes", [])
        kinds = ["anchored" for n in notes if "piece by piece" in n]
        kinds += ["banded" for n in notes if "banded" in n]
        kinds += ["no moved-block search" for n in notes if "moved blocks" in n]
        kinds += ["unpaired" for n in notes if "unpaired" in n]
        result += f", notes: {', '.join(kinds) or 'none'}"
    if outcome.status:
        result += f": {outcome.message[:100]}"
    return f"{outcome.seconds:8.2f}s", result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=float, default=120.0)
    parser.add_argument("--copies", default="1", help="copies of the book on the line: N[,N…]")
    parser.add_argument("--before", metavar="SRC", help="also run the collate of this tree")
    parser.add_argument("--reference", action="store_true", help="also run reference_diff.py")
    parser.add_argument("--reference-limit", type=float, default=120.0, metavar="SECONDS")
    parser.add_argument("cases", nargs="*")
    options = parser.parse_args()
    cases: dict[str, tuple[Callable[[Path], list[Path]], list[str]]] = {
        "vocab10-2000": (lambda f: vocab10(f, 2000), []),
        "vocab10-5000": (lambda f: vocab10(f, 5000), []),
        "vocab10-10000": (lambda f: vocab10(f, 10_000), []),
        "lines-20000": (lambda f: one_word_lines(f, 20_000), []),
        "unrelated-20000": (lambda f: unrelated(f, 20_000), []),
    }
    for count in (int(n) for n in options.copies.split(",")):
        cases[f"one-line-x{count}"] = (functools.partial(one_line, copies=count), [])
    cases["collatex-3x1400"] = (lambda f: collatex_three(f, 1400), ["--engine", "collatex"])
    chosen = options.cases or list(cases)
    engines: list[tuple[str, str | None]] = [("", None)]
    if options.before:
        engines.append((" (before)", str(Path(options.before).resolve())))
    reference_script = str(Path(__file__).parent / "reference_diff.py")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        out = folder / "out.json"
        yardstick: dict[str | None, float] = {}
        print(f"{'case':34} {'time':>9} {'× Frank.':>9} {'peak':>9}  result")

        def show(label: str, outcome: Outcome, limit: float, against: float) -> None:
            time_text, result = _result(outcome, out, limit)
            ratio = outcome.seconds / against
            print(f"{label:34} {time_text:>9} {ratio:9.2f} {outcome.peak_mib:7.0f}MB  {result}")
            sys.stdout.flush()

        def compare_all(label: str, paths: list[str], extra: list[str], limit: float) -> None:
            for suffix, source in engines:
                out.unlink(missing_ok=True)
                arguments = ["compare", *paths, *extra, "-f", "json", "-o", str(out)]
                outcome = run(arguments, limit, source)
                yardstick.setdefault(source, outcome.seconds)
                show(label + suffix, outcome, limit, yardstick[source])
            if options.reference and not extra:
                out.unlink(missing_ok=True)
                most = min(limit, options.reference_limit)
                for flag, what in (([], "reference diff"), (["--cut-only"], "read and cut")):
                    command = [sys.executable, reference_script, *flag, *paths[:2]]
                    show(f"{label} ({what})", run_command(command, most), most, yardstick[None])

        compare_all("Frankenstein", [str(p) for p in frankenstein(folder)], [], 600)
        for case in chosen:
            make, extra = cases[case]
            case_folder = folder / case
            case_folder.mkdir()
            compare_all(case, [str(p) for p in make(case_folder)], extra, options.limit)


if __name__ == "__main__":
    main()
