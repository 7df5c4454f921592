"""Rebuild the two versions of Medvedev's letter and the gold apparatus from the marked source.

The edition (seed 003) prints Medvedev's 1926 text and puts the Baku reading in brackets after
each differing passage. ``source/medvedev-baku.marked.txt`` is that text with every decision
about a passage's extent made explicit::

    {passage}[Baku reading]                  a substitution
    {passage}[]                              Baku lacks the passage (the edition's [omitted])
    {}[Baku reading]                         Baku adds a reading the 1926 text lacks
    {passage}[Baku reading]@transposition    Baku moved words inside the passage

Run ``python witnesses/build_medvedev.py`` after changing the marked source; a test checks that
the committed files are what this script writes.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source" / "medvedev-baku.marked.txt"
MEDVEDEV = HERE / "medvedev-1926.txt"
BAKU = HERE / "baku-1924.txt"
APPARATUS = HERE / "medvedev-baku.apparatus.json"

_VARIANT = re.compile(r"\{([^{}\[\]]*)\}\[([^\[\]{}]*)\](@transposition)?")
_PUNCTUATION_AFTER = tuple(",.;:?!)")


@dataclass
class _Variant:
    medvedev: str
    baku: str
    transposition: bool


def _pieces(paragraph: str) -> list[str | _Variant]:
    pieces: list[str | _Variant] = []
    position = 0
    for match in _VARIANT.finditer(paragraph):
        pieces.append(paragraph[position : match.start()])
        pieces.append(_Variant(match[1], match[2], bool(match[3])))
        position = match.end()
    pieces.append(paragraph[position:])
    leftover = "".join(p for p in pieces if isinstance(p, str))
    if any(c in leftover for c in "{}[]"):
        raise SystemExit(f"{SOURCE}: unmatched variant mark in paragraph {paragraph[:60]!r}")
    return pieces


def _absorb_spaces(pieces: list[str | _Variant]) -> None:
    """Move one space into a one-sided variant so that neither text gets a doubled space."""
    for index, piece in enumerate(pieces):
        if not isinstance(piece, _Variant) or (piece.medvedev and piece.baku):
            continue
        before = pieces[index - 1]
        after = pieces[index + 1]
        assert isinstance(before, str)
        assert isinstance(after, str)
        opens_paragraph = index == 1 and before == ""
        if (before.endswith(" ") or opens_paragraph) and after.startswith(" "):
            pieces[index + 1] = after[1:]
            piece.medvedev += " " if piece.medvedev else ""
            piece.baku += " " if piece.baku else ""
        elif before.endswith(" ") and after.startswith(_PUNCTUATION_AFTER):
            pieces[index - 1] = before[:-1]
            piece.medvedev = " " + piece.medvedev if piece.medvedev else ""
            piece.baku = " " + piece.baku if piece.baku else ""


def _span(start: int, reading: str) -> tuple[int, int]:
    """The span of a reading without the spaces absorbed around it."""
    stripped = reading.strip(" ")
    if not stripped:
        return start, start
    offset = start + len(reading) - len(reading.lstrip(" "))
    return offset, offset + len(stripped)


def build() -> tuple[str, str, dict[str, object]]:
    paragraphs = SOURCE.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    texts = {"M": "", "B": ""}
    units: list[dict[str, object]] = []
    for paragraph in paragraphs:
        pieces = _pieces(paragraph)
        _absorb_spaces(pieces)
        for siglum, text in texts.items():
            reading_of = "medvedev" if siglum == "M" else "baku"
            has_text = any((p if isinstance(p, str) else getattr(p, reading_of)) for p in pieces)
            if text and has_text:
                texts[siglum] = text + "\n\n"
        # a paragraph one witness lacks stands, in that witness, after the break that the
        # next paragraph will bring
        absent = {
            siglum: bool(text)
            and not any(
                (p if isinstance(p, str) else getattr(p, "medvedev" if siglum == "M" else "baku"))
                for p in pieces
            )
            for siglum, text in texts.items()
        }
        paragraph_units: list[dict[str, object]] = []
        for piece in pieces:
            if isinstance(piece, str):
                texts["M"] += piece
                texts["B"] += piece
                continue
            readings = {}
            for siglum, reading in (("M", piece.medvedev), ("B", piece.baku)):
                start, end = _span(len(texts[siglum]), reading)
                if absent[siglum]:
                    start = end = start + len("\n\n")
                texts[siglum] += reading
                readings[siglum] = {"start": start, "end": end, "text": texts[siglum][start:end]}
            if piece.transposition:
                kind = "transposition"
            elif not piece.baku:
                kind = "omission"
            elif not piece.medvedev:
                kind = "addition"
            else:
                kind = "substitution"
            paragraph_units.append({"type": kind, "readings": readings})
        units.extend(paragraph_units)
    for number, unit in enumerate(units, start=1):
        unit["id"] = f"u{number}"
    medvedev, baku = texts["M"] + "\n", texts["B"] + "\n"
    apparatus: dict[str, object] = {
        "description": (
            "The editor's variants between Medvedev's 1926 text (M, base) and the Baku copy (B), "
            "from the bracketed readings of seed 003; extents decided as recorded in "
            "source/medvedev-baku.marked.txt. Offsets are code points into the files as decoded."
        ),
        "witnesses": [
            {"siglum": "M", "path": MEDVEDEV.name},
            {"siglum": "B", "path": BAKU.name},
        ],
        "units": [{"id": u["id"], "type": u["type"], "readings": u["readings"]} for u in units],
    }
    return medvedev, baku, apparatus


def main() -> None:
    medvedev, baku, apparatus = build()
    for unit in apparatus["units"]:  # type: ignore[union-attr]
        for siglum, text in (("M", medvedev), ("B", baku)):
            reading = unit["readings"][siglum]
            if text[reading["start"] : reading["end"]] != reading["text"]:
                sys.exit(f"offset check failed for {unit['id']} {siglum}")
    MEDVEDEV.write_text(medvedev, encoding="utf-8")
    BAKU.write_text(baku, encoding="utf-8")
    APPARATUS.write_text(
        json.dumps(apparatus, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(apparatus['units'])} units")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
