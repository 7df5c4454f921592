"""The n-way collation scored against the Frankenstein Variorum's own collation, beside plain
diff-match-patch and CollateX.

`../shared/corpora/frankenstein/collation-output/collation_{C04,C20,C27}.xml` is the project's
collation of three of its 33 units in 1818, 1823, the Thomas copy, 1831 and the manuscript
notebooks (none in C04): CollateX's output, C20 and C27 then corrected by hand. Each ``app``
holds ``rdgGrp``s, the readings the project counts as one (its normalized tokens in ``@n``),
and each ``rdg`` a witness's text there in flattened markup. Each witness is rebuilt by joining
its ``rdg``s, markup stripped (paragraph, heading and verse-line starts made paragraph
breaks); the corpus README checks that this is the unit's input text (`units/Cnn/*.xml`) but
for markup and whitespace (the project's input put spaces where markup stood inside a word:
the notebooks' "inter r esting", which the rebuilt witness keeps). A token's position in the
gold alignment is the number of its ``app``; two witnesses in one ``rdgGrp`` read alike for
the project (a difference of forms there, such as ``&`` for ``and``, is noise). Gold places
and scores: `aligned_gold.py` (base 1818).

    .venv/bin/python benchmarks/variorum.py [--no-collatex] [--pairs] [UNIT ...]
"""

from __future__ import annotations

import bisect
import sys
from pathlib import Path

from lxml import etree

import collate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from aligned_gold import GoldAlignment, run_from_command_line
from corpora import CORPORA, flat_markup_paragraphs

COLLATIONS = CORPORA / "frankenstein" / "collation-output"
UNITS = ("C04", "C20", "C27")
WITNESSES = ("f1818", "f1823", "fThomas", "f1831", "fMS")
"""The editions in the project's order; the first is the base."""


def gold_alignment(unit: str) -> GoldAlignment:
    """One unit's witnesses (1818 first) with the number of the ``app`` of each token."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.parse(str(COLLATIONS / f"collation_{unit}.xml"), parser).getroot()
    pieces: dict[str, list[tuple[int, str]]] = {}
    groups: dict[tuple[int, str], int] = {}
    for number, app in enumerate(root.iter("app")):
        for group, rdg_group in enumerate(app.iter("rdgGrp")):
            for rdg in rdg_group.iter("rdg"):
                siglum = rdg.get("wit", "")
                pieces.setdefault(siglum, []).append((number, rdg.text or ""))
                groups[(number, siglum)] = group
    witnesses = []
    positions: dict[str, list[int]] = {}
    for siglum in (s for s in WITNESSES if s in pieces):
        built, positions[siglum] = _witness(siglum, pieces[siglum])
        if built.tokens:  # the notebooks' readings in C04 hold markup only: no witness there
            witnesses.append(built)
    return GoldAlignment(f"Frankenstein {unit}", witnesses, positions, groups)


def _witness(siglum: str, pieces: list[tuple[int, str]]) -> tuple[collate.Witness, list[int]]:
    """The witness made of its readings in order, and the ``app`` of each of its tokens."""
    text = ""
    starts: list[int] = []  # where each reading's words start in the text
    apps: list[int] = []
    new_paragraph = False
    for number, markup in pieces:
        for k, words in enumerate(flat_markup_paragraphs(markup)):
            new_paragraph = new_paragraph or k > 0
            if not words:
                continue
            if text:
                text += "\n\n" if new_paragraph else " "
            new_paragraph = False
            starts.append(len(text))
            apps.append(number)
            text += words
    built = collate.witness_from_text(text + "\n", siglum)
    return built, [apps[bisect.bisect_right(starts, t.start) - 1] for t in built.tokens]


def main() -> None:
    run_from_command_line(gold_alignment, list(UNITS))


if __name__ == "__main__":
    main()
