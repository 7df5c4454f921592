"""Reading Frankenstein's XML against collating it: the XML's cost (parse and walk, per
edition), the tokenizing every witness costs (plain text too), and the collation of 1818 with
1831, in one run.

    .venv/bin/python benchmarks/transcription.py
"""

from __future__ import annotations

import time

from corpora import FRANKENSTEIN

from collate.engine import collate
from collate.model import Witness
from collate.tei_import import parse_xml
from collate.tokenize import tokenize
from collate.transcription import read_text


def main() -> None:
    parse = walk = cut = 0.0
    witnesses = []
    for edition in ("1818", "1831"):
        data = (FRANKENSTEIN / f"{edition}_fullFlat.xml").read_bytes()
        started = time.perf_counter()
        root = parse_xml(data, edition)
        parsed = time.perf_counter()
        text, locations = read_text(root)
        walked = time.perf_counter()
        tokens = tokenize(text)
        done = time.perf_counter()
        parse += parsed - started
        walk += walked - parsed
        cut += done - walked
        witnesses.append(Witness(edition, text, tokens, locations=locations))
    started = time.perf_counter()
    collation = collate(witnesses)
    collating = time.perf_counter() - started
    print(f"parse XML (lxml)      {parse:6.3f} s")
    print(f"walk to text          {walk:6.3f} s")
    print(f"tokenize              {cut:6.3f} s  (the same for plain text)")
    print(f"collate 1818 x 1831   {collating:6.3f} s  ({len(collation.units)} units)")
    print(f"XML reading / collation: {(parse + walk) / collating:.1%}")


if __name__ == "__main__":
    main()
