"""The benchmarks against hand-made alignments of many witnesses (`benchmarks/aligned_gold.py`):
three Stemmaweb variant graphs (`graphml.py`: the Florilegium, John 18:38-40, the Legend of
Bishop Henry) and the Frankenstein Variorum's corrected collation (`variorum.py`), all from
../shared/corpora. Issue 13: on every real witness pair collate finds at least the variation
places that plain diff-match-patch finds."""

from __future__ import annotations

import pytest

import collate
from conftest import benchmark

aligned_gold = benchmark("aligned_gold")
graphml = benchmark("graphml")
variorum = benchmark("variorum")

GOLDS = [("graphml", name) for name in graphml.TRADITIONS] + [
    ("variorum", unit) for unit in variorum.UNITS
]


def _gold(source: str, name: str) -> object:
    module = graphml if source == "graphml" else variorum
    return module.gold_alignment(name)


@pytest.mark.parametrize(("source", "name"), GOLDS, ids=[name for _, name in GOLDS])
def test_recall_is_at_least_the_baseline_s_on_every_pair(source: str, name: str) -> None:
    """Every witness against the base: collate (all witnesses at once) finds every gold place
    that diff-match-patch (word mode, semantic clean-up) finds, and misses none."""
    pairs = aligned_gold.score(_gold(source, name), ["collate", "diff-match-patch"])
    assert pairs
    for pair in pairs:
        ours, theirs = pair.scores["collate"], pair.scores["diff-match-patch"]
        assert ours.found >= theirs.found, pair.siglum
        assert ours.found == ours.edits, pair.siglum


def test_gold_places_are_runs_of_differing_positions() -> None:
    """Positions where two witnesses read alike separate places; a position only one of them
    has a token at differs; a difference inside one reading group of the editors is noise."""
    base = collate.witness_from_text("a b c d e", "A")
    other = collate.witness_from_text("a x y d E f", "B")
    gold = aligned_gold.GoldAlignment(
        "toy",
        [base, other],
        {"A": [0, 1, 2, 3, 4], "B": [0, 1, 2, 3, 4, 5]},
        {(4, "A"): 0, (4, "B"): 0, (5, "B"): 1},
    )
    places = aligned_gold.gold_places(gold, other)
    assert [(p.base, p.copy, p.kind) for p in places] == [
        ((1, 3), (1, 3), "edit"),
        ((5, 5), (5, 6), "edit"),  # "E" reads "e" by its form: no difference there
    ]


def test_a_graph_witness_is_its_path_through_the_graph() -> None:
    """Legend of Bishop Henry: witness N transposes "beatus henricus" before "venerabilis
    pontifex"; the editors ranked its words one for one with the base's, so from its suecia
    (A swecia) to its de (A in) every position differs: one gold place."""
    gold = graphml.gold_alignment("legendfrag")
    by_siglum = {w.siglum: w for w in gold.witnesses}
    assert gold.base.siglum == "A"
    assert by_siglum["N"].text == (
        "in suecia beatus henricus venerabilis pontifex de Anglia oriundus "
    )
    assert gold.positions["N"] == gold.positions["A"] == list(range(1, 10))
    places = aligned_gold.gold_places(gold, by_siglum["N"])
    assert [(p.base, p.copy) for p in places] == [((1, 7), (1, 7))]


def test_a_variorum_witness_is_its_readings_joined() -> None:
    """C04: 1818 rebuilt from the project's collation has the words of its unit's input file
    (markup stripped); the notebooks, absent from C04, are no witness."""
    gold = variorum.gold_alignment("C04")
    assert [w.siglum for w in gold.witnesses] == ["f1818", "f1823", "fThomas", "f1831"]
    assert gold.base.text.startswith("LETTER III.\n\nTo Mrs. SAVILLE, England.")
    assert len(gold.base.tokens) == 290
