"""Many witnesses at once: Darwin's Origin, chapter I, in its six editions, and the Florilegium's
thirteen manuscripts (read from their TEI edition), as whole `collate compare` processes.

For each case: wall time (best of three) and peak memory of ``collate compare … --format json
-o FILE``, the number of units, and a check that every witness is rebuilt exactly from the
JSON export (base text plus each unit's readings, text between units from the base).

    .venv/bin/python benchmarks/nway.py
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpora import CORPORA
from speed import ENVIRONMENT

COLLATE = Path(sys.executable).parent / "collate"
DARWIN = CORPORA / "darwin" / "chapter1"
YEARS = ("1859", "1860", "1861", "1866", "1869", "1872")


def run(arguments: list[str], out: Path) -> tuple[float, float]:
    """Seconds and peak MiB of one process (peak: the largest child so far)."""
    started = time.perf_counter()
    subprocess.run(
        [str(COLLATE), "compare", *arguments, "--format", "json", "-o", str(out)],
        check=True,
        env=ENVIRONMENT,
    )
    elapsed = time.perf_counter() - started
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def rebuilt_exactly(export: Path) -> bool:
    data = json.loads(export.read_text(encoding="utf-8"))
    base = data["base"]
    texts = {w["siglum"]: w["text"] for w in data["witnesses"]}
    for siglum, text in texts.items():
        pieces, position = [], 0
        for unit in data["units"]:
            lemma = unit["readings"][base]
            pieces.append(texts[base][position : lemma["start"]])
            pieces.append(unit["readings"][siglum]["text"])
            position = lemma["end"]
        pieces.append(texts[base][position:])
        if "".join(pieces) != text:
            return False
    return True


def main() -> None:
    cases = {
        "Darwin ch. I, 6 editions": (
            ["--sigla", ",".join(YEARS)] + [str(DARWIN / f"darwin{y}.txt") for y in YEARS]
        ),
        "Florilegium, 13 MSS": [str(CORPORA / "florilegium" / "florilegium_tei_ps.xml")],
    }
    print(f"{'case':26} {'words':>8} {'units':>6} {'seconds':>8} {'peak':>8}  rebuilt")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.json"
        for name, arguments in cases.items():
            runs = [run(arguments, out) for _ in range(3)]
            data = json.loads(out.read_text(encoding="utf-8"))
            words = sum(len(w["text"].split()) for w in data["witnesses"])
            seconds = min(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            print(
                f"{name:26} {words:8} {len(data['units']):6} {seconds:7.2f}s {peak:6.0f}MB"
                f"  {rebuilt_exactly(out)}"
            )


if __name__ == "__main__":
    main()
