"""One alignment whatever the base and the order the witnesses are given in (issue 13, item 1).

The engine aligns every witness on a hub it picks from the texts (`collate.engine._view`);
the base only changes what is printed: which reading is the lemma, each unit's type, the
order of the units, and which adjacent places an apparatus entry prints together.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings

from collate import Collation, Settings, Witness, collate
from collate.engine._view import hub_first
from collate.witnesses import load_witness, witness_from_text
from conftest import SHARED
from strategies import related_triples

DARWIN = SHARED / "corpora" / "darwin" / "chapter1-first-paragraph"
# the view's grouping of adjacent places switched off: what is left is the alignment itself
UNGROUPED = Settings(addition_joins_before=False)


def _places(collation: Collation) -> set[frozenset[tuple[str, int, int]]]:
    """Each unit as the set of its readings' spans, whatever the order of the witnesses."""
    return {
        frozenset((s, r.start, r.end) for s, r in unit.readings.items()) for unit in collation.units
    }


def _darwin() -> list[Witness]:
    return [load_witness(path, path.stem[-4:]) for path in sorted(DARWIN.glob("*.txt"))]


def test_the_order_the_witnesses_are_given_in_changes_nothing() -> None:
    """Darwin's first paragraph in six editions, given in three orders, the base the same:
    the same units, readings and agreements."""
    witnesses = _darwin()
    first = collate(witnesses, base="1859")
    for order in (witnesses[::-1], witnesses[2:] + witnesses[:2]):
        again = collate(order, base="1859")
        assert _places(again) == _places(first)
        assert [u.type for u in again.units] == [u.type for u in first.units]
        assert again.sigla == ("1859", *(w.siglum for w in order if w.siglum != "1859"))


def test_the_base_changes_what_is_printed_not_what_is_aligned() -> None:
    """Each of the six editions as the base: the places of variation, and every edition's
    reading in each, are the same; only the lemma, the types and the order of the units
    change."""
    witnesses = _darwin()
    views = {w.siglum: collate(witnesses, base=w.siglum, settings=UNGROUPED) for w in witnesses}
    places = {siglum: _places(view) for siglum, view in views.items()}
    assert all(found == places["1859"] for found in places.values())
    assert views["1872"].base.siglum == "1872"
    # 1872 added words 1859 lacks: additions seen from 1859 are omissions seen from 1872
    kinds = {
        frozenset((s, r.start, r.end) for s, r in u.readings.items()): u.type.value
        for u in views["1859"].units
    }
    flipped = [
        (kinds[frozenset((s, r.start, r.end) for s, r in u.readings.items())], u.type.value)
        for u in views["1872"].units
        if len({r.text for r in u.readings.values()}) == 2
        and u.readings["1859"].is_empty != u.readings["1872"].is_empty
    ]
    assert flipped
    assert all(
        {seen_from_1859, seen_from_1872} == {"addition", "omission"}
        for seen_from_1859, seen_from_1872 in flipped
    )


def test_a_base_groups_adjacent_places_it_prints_together_without_realigning() -> None:
    """With the default rules a base may print two adjacent places as one entry (words added
    after a variant go with it); every such entry is made of whole places of the alignment."""
    witnesses = _darwin()
    places = _places(collate(witnesses, base="1859", settings=UNGROUPED))
    for witness in witnesses:
        grouped = collate(witnesses, base=witness.siglum)
        for unit in grouped.units:
            inside = [
                place
                for place in places
                if all(
                    unit.readings[s].start <= start and end <= unit.readings[s].end
                    for s, start, end in place
                )
            ]
            assert inside, (witness.siglum, unit.id)


@settings(max_examples=60, deadline=None)
@given(related_triples())
def test_any_three_witnesses_align_alike_in_any_order_and_from_any_base(
    texts: tuple[str, str, str],
) -> None:
    witnesses = [witness_from_text(text, siglum) for text, siglum in zip(texts, "ABC", strict=True)]
    expected = _places(collate(witnesses, settings=UNGROUPED))
    for order in itertools.permutations(witnesses):
        for base in "ABC":
            collation = collate(list(order), base=base, settings=UNGROUPED)
            assert _places(collation) == expected
            for siglum in "ABC":
                assert collation.rebuild(siglum) == collation.witness(siglum).text


def test_the_hub_is_the_witness_closest_to_all_the_others() -> None:
    """Of three, the one that shares the largest share of its words with both others; the
    order given does not change it."""
    a = witness_from_text("the black cat sat on the mat", "A")
    b = witness_from_text("the cat sat on the mat", "B")
    c = witness_from_text("a cat sat on a mat", "C")
    for order in itertools.permutations([a, b, c]):
        assert hub_first(order)[0].siglum == "B"


@given(related_triples())
def test_of_two_witnesses_the_hub_is_the_longer_then_the_text_that_sorts_first(
    texts: tuple[str, str, str],
) -> None:
    """Two witnesses share as much with each other either way round, so the tie decides: the
    one with more tokens, then the text that sorts first, then the siglum; the order given
    does not change it (nor, with two, do they need their words counted)."""
    first, second = witness_from_text(texts[0], "A"), witness_from_text(texts[1], "B")
    hub = min(first, second, key=lambda w: (-len(w.tokens), w.text, w.siglum))
    assert hub_first([first, second])[0] is hub
    assert hub_first([second, first])[0] is hub
    assert [w.siglum for w in hub_first([first, second])] == [
        w.siglum for w in hub_first([second, first])
    ]
    same = witness_from_text(texts[0], "B")
    assert [w.siglum for w in hub_first([same, first])] == ["A", "B"]
