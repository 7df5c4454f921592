"""Make a TEI edition of the letters with the Baku copy as base, read it back, and print the
first lines of the printed apparatus.

.venv/bin/python examples/export_apparatus.py
"""

from __future__ import annotations

from pathlib import Path

import collate
from collate.files import write_text_atomically
from collate.render import ApparatusFormat, TeiMethod, render_document
from collate.tei_import import read_tei

WITNESSES = Path(__file__).resolve().parent.parent / "witnesses"


def main() -> None:
    letters = [
        collate.load_witness(WITNESSES / "medvedev-1926.txt"),
        collate.load_witness(WITNESSES / "baku-1924.txt"),
    ]
    result = collate.collate(letters, base="B")

    edition = Path("out") / "letter-baku-base.xml"
    tei = render_document(result, ApparatusFormat.TEI, tei_method=TeiMethod.DOUBLE_END_POINT)
    write_text_atomically(edition, tei)
    back = read_tei(edition)
    same = all(w.text == original.text for w, original in zip(back, result.witnesses, strict=True))
    print(f"{edition}: {len(result.units)} units; witnesses read back unchanged: {same}")

    printed = render_document(result, ApparatusFormat.TEXT).splitlines()
    print("\n".join(line for line in printed if line[:1].isdigit())[:400])


if __name__ == "__main__":
    main()
