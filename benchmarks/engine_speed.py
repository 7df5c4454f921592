"""The engine's own cost, in process, for two source trees side by side (issue 13, "Speed").

Issue 13 asks that the engine's rewrite (the hub alignment, nesting, the policy) keep
Frankenstein 1818/1831 no slower than the engine it started from, Darwin's six editions of
chapter I and the whole New Testament in five editions (27 books, each collated apart) no
slower than twice, and memory within twice. This script writes every case's witnesses as
plain text once, then, for each source tree named on the command line, runs one child process
per case that imports ``collate`` from that tree and times ``collate.collate`` alone (reading
and tokenizing the witnesses, the alignment, the classes; no rendering), best of ``--runs``,
with the child's peak resident memory. The trees' runs are interleaved, so a machine that is
busier at one moment slows both alike.

    .venv/bin/python benchmarks/engine_speed.py BEFORE_SRC [AFTER_SRC] [--runs N]

e.g. ``benchmarks/engine_speed.py /tmp/before/src src``, with a checkout of the commit the
issue started from (24c0496) in /tmp/before. Both trees run under this interpreter, so the
packages (diff-match-patch and its C++ wheel, collatex) are the same for both.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from corpora import CORPORA, frankenstein_text
from sblgnt import USFM, parse_book

_CHILD = r"""
import gc, json, resource, sys, time
from pathlib import Path
import collate
cases = json.loads(sys.argv[1])
total, units = 0.0, 0
for files in cases:
    witnesses = [
        collate.witness_from_text(Path(f).read_text(encoding="utf-8"), Path(f).stem)
        for f in files
    ]
    gc.collect()
    started = time.perf_counter()
    collation = collate.collate(witnesses)
    total += time.perf_counter() - started
    units += len(collation.units)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": total, "units": units, "peak": peak}))
"""


def _cases(folder: Path) -> dict[str, list[list[str]]]:
    """Each case's collations, as lists of witness files (the file's stem is its siglum)."""

    def write(name: str, text: str) -> str:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return str(path)

    frankenstein = [write(f"f/{e}.txt", frankenstein_text(e)) for e in ("1818", "1831")]
    darwin = [
        write(f"d/{y}.txt", (CORPORA / "darwin" / "chapter1" / f"darwin{y}.txt").read_text())
        for y in ("1859", "1860", "1861", "1866", "1869", "1872")
    ]
    books = []
    for book in sorted(USFM.glob("*.sfm")):
        words, _ = parse_book(book)
        files = []
        for edition, tokens in words.items():
            text = " ".join(t for t in tokens if not t.startswith("\x00"))
            files.append(write(f"nt/{book.stem}/{edition}.txt", text + "\n"))
        books.append(files)
    return {
        "Frankenstein 1818/1831": [frankenstein],
        "Darwin ch. I, 6 editions": [darwin],
        "New Testament, 27 books x 5 editions": books,
    }


def _run(source: str, cases: list[list[str]]) -> dict[str, float]:
    environment = dict(os.environ, PYTHONPATH=source)
    output = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(cases)],
        check=True,
        capture_output=True,
        text=True,
        env=environment,
    ).stdout
    result: dict[str, float] = json.loads(output)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="+", help="src folders holding the collate package")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    sources = [str(Path(s).resolve()) for s in options.sources]
    with tempfile.TemporaryDirectory() as folder:
        cases = _cases(Path(folder))
        print(f"{'case':38} {'tree':24} {'units':>6} {'seconds':>8} {'peak':>7}")
        for name, collations in cases.items():
            results: dict[str, list[dict[str, float]]] = {s: [] for s in sources}
            for _ in range(options.runs):
                for source in sources:
                    results[source].append(_run(source, collations))
            for source in sources:
                runs = results[source]
                label = source if len(source) <= 24 else "…" + source[-23:]
                print(
                    f"{name:38} {label:24} {int(runs[0]['units']):6}"
                    f" {min(r['seconds'] for r in runs):7.2f}s"
                    f" {max(r['peak'] for r in runs):5.0f}MB"
                )


if __name__ == "__main__":
    main()
