"""The n-way collation scored against three Stemmaweb variant graphs, beside plain
diff-match-patch and CollateX.

`../shared/corpora` holds three Text::Tradition graphs that editors aligned by hand: the
Florilegium Coislinianum (13 Greek manuscripts, `florilegium/florilegium_graphml.xml`), John
18:38-40 (27 Greek manuscripts in diplomatic transcription and the editors' ``base`` text,
`stemmaweb/john.xml`) and the first sentence of the Legend of Bishop Henry (37 Latin
witnesses, `stemmaweb/legendfrag.xml`). Each witness is rebuilt by following the edges labelled
with its siglum from ``#START#`` to ``#END#``, one token per reading node (lacunae left out,
`classes.read_tradition`); the node's ``rank`` is the token's position in the gold alignment.
Gold places and scores: `aligned_gold.py` (the base: the first manuscript; every other witness
scored against it). John is diplomatic (accents and breathings written or not, ``ϲ`` for
``σ`` kept apart): its tokens are matched with the ``unicode`` rule set (`--ignore unicode`),
for every engine alike.

    .venv/bin/python benchmarks/graphml.py [--no-collatex] [--pairs] [NAME ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from aligned_gold import GoldAlignment, run_from_command_line
from classes import read_tradition
from corpora import CORPORA
from florilegium import witness

from collate.rules import normalizer

TRADITIONS = {
    "florilegium": (CORPORA / "florilegium" / "florilegium_graphml.xml", "A", ()),
    "john": (CORPORA / "stemmaweb" / "john.xml", "w1", ("unicode",)),
    "legendfrag": (CORPORA / "stemmaweb" / "legendfrag.xml", "A", ()),
}
"""Name -> (graph, base siglum, rule sets the tokens are matched by)."""


def gold_alignment(name: str) -> GoldAlignment:
    """One tradition's witnesses (its base first) with their readings' ranks."""
    path, base, rule_sets = TRADITIONS[name]
    tradition = read_tradition(path)
    rules = normalizer(rule_sets) if rule_sets else None
    witnesses = []
    positions: dict[str, list[int]] = {}
    for siglum, nodes in tradition.witnesses:
        nodes = [n for n in nodes if tradition.texts[n].strip()]  # noqa: PLW2901
        if not nodes:
            continue
        built = witness(siglum, [tradition.texts[n].strip() for n in nodes])
        witnesses.append(rules.renormalized(built) if rules is not None else built)
        positions[siglum] = [tradition.ranks[n] for n in nodes]
    witnesses.sort(key=lambda w: w.siglum != base)
    return GoldAlignment(name, witnesses, positions)


def main() -> None:
    run_from_command_line(gold_alignment, list(TRADITIONS))


if __name__ == "__main__":
    main()
