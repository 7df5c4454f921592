"""Time to write each apparatus format, and to read the TEI back as witnesses, on the letters
and on Frankenstein 1818 vs 1831 (a whole novel), in one run.

The collation is made once per case; each figure is the best of three renderings of that
collation (in this process, no start-up), beside the collation's own time. The TEI read-back
is checked to give both witnesses unchanged.

    .venv/bin/python benchmarks/apparatus.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from corpora import letters_and_frankenstein

import collate
from collate.model import Collation
from collate.render import ApparatusFormat, TeiMethod, render_document
from collate.tei_import import read_tei

RENDERINGS: dict[str, Callable[[Collation], str]] = {
    "text": lambda c: render_document(c, ApparatusFormat.TEXT),
    "tei (parallel)": lambda c: render_document(c, ApparatusFormat.TEI),
    "tei (double-end-point)": lambda c: render_document(
        c, ApparatusFormat.TEI, tei_method=TeiMethod.DOUBLE_END_POINT
    ),
    "latex": lambda c: render_document(c, ApparatusFormat.LATEX),
    "csv": lambda c: render_document(c, ApparatusFormat.CSV),
    "json-collatex": lambda c: render_document(c, ApparatusFormat.JSON_COLLATEX),
    "json": lambda c: render_document(c, ApparatusFormat.JSON),
}


def best_of_three(action: Callable[[], object]) -> tuple[float, object]:
    best = float("inf")
    result: object = None
    for _ in range(3):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    cases = letters_and_frankenstein()
    print(f"{'case':24} {'step':24} {'seconds':>8} {'size':>10}")
    for name, witnesses in cases.items():
        seconds, result = best_of_three(partial(collate.collate, witnesses))
        assert isinstance(result, Collation)
        collation = result
        print(f"{name:24} {'collate':24} {seconds:8.3f} {len(collation.units):>6} units")
        documents = {}
        for step, render in RENDERINGS.items():
            seconds, document = best_of_three(partial(render, collation))
            assert isinstance(document, str)
            documents[step] = document
            print(f"{name:24} {step:24} {seconds:8.3f} {len(document) / 1e6:7.2f} MB")
        for step in ("tei (parallel)", "tei (double-end-point)"):
            data = documents[step].encode("utf-8")
            seconds, back = best_of_three(partial(read_tei, "bench.xml", data))
            assert isinstance(back, list)
            same = [w.text for w in back] == [w.text for w in witnesses]
            print(f"{name:24} {'read ' + step:24} {seconds:8.3f}   lossless: {same}")


if __name__ == "__main__":
    main()
