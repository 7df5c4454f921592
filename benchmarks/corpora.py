"""Witnesses from the shared corpora, prepared for the benchmarks (never copied into the repo)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import collate
from collate.model import Witness

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPORA = SHARED / "corpora"
FRANKENSTEIN = CORPORA / "frankenstein" / "witnesses-flat"

_PARAGRAPH = re.compile(r"<(?:p|head|l|ab|quote)\s+sID=\"[^\"]*\"\s*/>")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_BREAK = "\u2029"


def frankenstein_text(edition: str) -> str:
    """A Frankenstein Variorum edition as plain text: markup stripped, one blank line between
    paragraphs (and headings and verse lines), other whitespace collapsed to single spaces."""
    raw = (FRANKENSTEIN / f"{edition}_fullFlat.xml").read_text(encoding="utf-8")
    paragraphs = flat_markup_paragraphs(raw[raw.index("<text>") :])
    return "\n\n".join(p for p in paragraphs if p) + "\n"


def flat_markup_paragraphs(markup: str) -> list[str]:
    """The Frankenstein Variorum's flattened markup as plain text: the pieces between the
    starts of paragraphs (and headings, verse lines...), tags stripped and whitespace collapsed
    (the first piece is what comes before any start; a piece may be empty)."""
    text = html.unescape(_TAG.sub("", _PARAGRAPH.sub(_BREAK, markup)))
    return [_SPACE.sub(" ", part).strip() for part in text.split(_BREAK)]


def frankenstein(edition: str) -> Witness:
    """A Frankenstein edition (``1818``, ``1823``, ``1831``, ``Thomas``) as a witness."""
    return collate.witness_from_text(
        frankenstein_text(edition), edition, title=f"Frankenstein, {edition}"
    )


def letters_and_frankenstein() -> dict[str, list[Witness]]:
    """The two cases most benchmarks run: the letters (small) and Frankenstein (a novel)."""
    root = Path(__file__).resolve().parent.parent / "witnesses"
    return {
        "letters": [
            collate.load_witness(root / "medvedev-1926.txt"),
            collate.load_witness(root / "baku-1924.txt"),
        ],
        "Frankenstein 1818/1831": [frankenstein("1818"), frankenstein("1831")],
    }
