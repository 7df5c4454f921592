"""Compare the two versions of Medvedev's letter from a script and list the substantive changes.

.venv/bin/python examples/compare_two.py
"""

from __future__ import annotations

from pathlib import Path

import collate
from collate.render.json import render_json

WITNESSES = Path(__file__).resolve().parent.parent / "witnesses"


def main() -> None:
    medvedev = collate.load_witness(WITNESSES / "medvedev-1926.txt")
    baku = collate.load_witness(WITNESSES / "baku-1924.txt")
    result = collate.collate([medvedev, baku])

    counts = result.counts()
    print(f"{len(result.units)} units between {medvedev.siglum} and {baku.siglum}:")
    for kind in collate.UnitType:
        print(f"  {kind.value:14} {counts[kind]}")

    print("\nAdditions in the Baku copy:")
    for unit in result.units:
        if unit.type is collate.UnitType.ADDITION:
            print(f"  {unit.id:>4}  {unit.readings['B'].text.strip()}")

    Path("out").mkdir(exist_ok=True)
    Path("out/letter-from-script.json").write_text(render_json(result), encoding="utf-8")


if __name__ == "__main__":
    main()
