"""The editor's decisions: the file, anchoring, and each action applied to a collation."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collate import Collation, Grouping, collate, load_witness, witness_from_text
from collate import decisions as d
from collate.model import UnitType, VariantClass, Witness
from collate.render.apparatus_text import render_apparatus_text
from conftest import WITNESSES, benchmark
from strategies import related_texts, related_triples

MEDVEDEV = (WITNESSES / "medvedev-1926.txt").read_text(encoding="utf-8")
BAKU = (WITNESSES / "baku-1924.txt").read_text(encoding="utf-8")


def _letters(medvedev: str = MEDVEDEV, baku: str = BAKU) -> Collation:
    return collate(
        [
            witness_from_text(medvedev, "M", path="witnesses/medvedev-1926.txt"),
            witness_from_text(baku, "B", path="witnesses/baku-1924.txt"),
        ]
    )


def _unit(collation: Collation, siglum: str, opening: str) -> str:
    """The id of the unit whose reading in ``siglum`` opens with ``opening``."""
    return next(
        u.id for u in collation.units if u.readings[siglum].text.strip().startswith(opening)
    )


def _after(collation: Collation, unit_id: str) -> str:
    ids = [u.id for u in collation.units]
    return ids[ids.index(unit_id) + 1]


def _decide(path: Path, machine: Collation, make: Callable[[Collation], d.Decision]) -> None:
    """One decision added the way ``collate decide`` adds it: ids read from the collation
    with the file's decisions applied, under the file's lock."""
    d.add(path, lambda current: make(d.apply(machine, current).collation))


def _gold_decisions(path: Path, machine: Collation) -> None:
    """The decisions that turn the machine's collation of the letters into the gold
    apparatus (witnesses/medvedev-baku.apparatus.json), found by reading the six places
    where they differ (benchmarks/quality.py --details)."""
    m = machine.witness("M").text
    b = machine.witness("B").text

    def cut_m(opening: str, before: str, extra: int = 0) -> Callable[[Collation], d.Decision]:
        def make(c: Collation) -> d.Decision:
            unit = _unit(c, "M", opening)
            start = next(u for u in c.units if u.id == unit).readings["M"].start
            return d.split(c, unit, {"M": m.index(before, start) + extra})

        return make

    def merge_next(siglum: str, opening: str) -> Callable[[Collation], d.Decision]:
        def make(c: Collation) -> d.Decision:
            unit = _unit(c, siglum, opening)
            return d.merge(c, [unit, _after(c, unit)])

        return make

    # the editor's unit runs on over the shared ", where": merge with the next, cut twice
    _decide(path, machine, merge_next("M", ". It is defined"))
    _decide(path, machine, cut_m(". It is defined", " the working masses", 1))
    _decide(path, machine, cut_m("the working masses", "only"))
    # one rewritten phrase, not two
    _decide(path, machine, merge_next("M", "support the petty"))
    # "out of nickels only more protractedly" against the quoted proverb, then the omission
    _decide(path, machine, merge_next("B", "out of nickels"))
    _decide(path, machine, cut_m("only more protractedly", "from that same"))

    # "former" added before the shared "illusion", and the omission after it
    def before_illusion(c: Collation) -> d.Decision:
        unit = _unit(c, "M", "illusion of the small")
        start = next(u for u in c.units if u.id == unit).readings["B"].start
        return d.split(c, unit, {"B": b.index("illusion", start)})

    _decide(path, machine, before_illusion)
    _decide(path, machine, cut_m("illusion of the small", " of the small"))


@pytest.fixture(scope="module")
def gold_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("decisions") / "letter.decisions.toml"
    _gold_decisions(path, _letters())
    return path


def test_decisions_reproduce_the_gold_apparatus_unit_for_unit(gold_file: Path) -> None:
    """With the eight decisions written by `add`, the letters' collation equals the editor's
    gold apparatus unit for unit, in extent (at token level, as the benchmark scores)."""
    baselines = benchmark("baselines")  # scored as benchmarks/quality.py scores
    machine = _letters()
    a, b = machine.witnesses
    gold = json.loads((WITNESSES / "medvedev-baku.apparatus.json").read_text(encoding="utf-8"))
    starts = {w.siglum: [t.start for t in w.tokens] for w in (a, b)}
    gold_places = [
        tuple(
            baselines._trimmed_span(
                w,
                starts[w.siglum],
                u["readings"][w.siglum]["start"],
                u["readings"][w.siglum]["end"],
            )
            for w in (a, b)
        )
        for u in gold["units"]
    ]
    assert len(baselines.collation_places(machine)) == 94
    assert baselines.collation_places(machine) != gold_places
    decided = d.apply(machine, d.load(gold_file))
    assert len(d.load(gold_file)) == 8
    assert all(o.applied for o in decided.outcomes)
    assert baselines.collation_places(decided.collation) == gold_places
    # the types agree but at one unit the editor calls a transposition, where the words
    # moved are only part of the readings ("out of nickels only more protractedly"): by our
    # rule, a substitution
    types = zip(decided.collation.units, gold["units"], strict=True)
    assert [(u.id, u.type.value, g["type"]) for u, g in types if u.type.value != g["type"]] == [
        ("u62", "substitution", "transposition")
    ]
    assert [u.id for u in decided.collation.units] == [f"u{n}" for n in range(1, 95)]
    for siglum in ("M", "B"):
        assert decided.collation.rebuild(siglum) == decided.collation.witness(siglum).text


def _readings(collation: Collation) -> list[tuple[str, str]]:
    return [(u.readings["M"].text, u.readings["B"].text) for u in collation.units]


def test_decisions_survive_unrelated_edits_to_both_witnesses(gold_file: Path) -> None:
    """A paragraph added at the start (every offset shifts) and a word changed in another
    paragraph of both witnesses: every decision still applies, to the same readings."""
    before = d.apply(_letters(), d.load(gold_file)).collation
    opening = "A note the archivist added, before the letter.\n\n"
    assert MEDVEDEV.count("We received your letter") == 1
    edited_m = opening + MEDVEDEV.replace("We received your letter", "We got your letter")
    edited_b = opening + BAKU.replace("We received your letter", "We got your letter")
    after = d.apply(_letters(edited_m, edited_b), d.load(gold_file))
    assert [o.reason for o in after.outcomes] == [""] * 8
    assert _readings(after.collation) == _readings(before)
    shift = len(opening) + len("got") - len("received")
    first = after.collation.units[0].readings["M"]
    assert first.start == before.units[0].readings["M"].start + shift


def test_a_decision_on_a_rewritten_passage_is_reported_not_applied_not_lost(
    gold_file: Path,
) -> None:
    """Rewrite the passage of the last two decisions in Medvedev's text: they are reported
    with the reason, the others apply, and the file still holds all eight."""
    saved = gold_file.read_text(encoding="utf-8")
    rewritten = MEDVEDEV.replace(
        "illusion of the small-holding peasantry", "dream of the peasants who own small plots"
    )
    decided = d.apply(_letters(rewritten), d.load(gold_file))
    applied = [o.applied for o in decided.outcomes]
    assert applied == [True] * 6 + [False, False]
    assert "M no longer reads" in decided.outcomes[6].reason
    assert decided.not_applied == decided.outcomes[6:]
    assert gold_file.read_text(encoding="utf-8") == saved
    for siglum in ("M", "B"):
        assert decided.collation.rebuild(siglum) == decided.collation.witness(siglum).text


def _pair(a: str, b: str) -> Collation:
    return collate([witness_from_text(a, "A"), witness_from_text(b, "B")])


CAT = _pair(
    "the black cat sat on the mat in the hall today", "the cat sat on a mat in the hall yesterday"
)


def test_a_merge_that_would_take_in_a_transposition_s_other_place_is_refused() -> None:
    """B's moved "cat cat cat" stands between the addition u1 and the omission u2 in B: one
    unit from u1 to u2 would hold those words twice. Refused when the decision is made, with
    one line, not recorded and then left unapplied (hypothesis found it)."""
    machine = _pair(
        "the the the the the the the the the – the the the the the the cat cat cat ",
        "the the the the the the the the the the cat cat cat the the the the the the ",
    )
    assert [(u.id, u.type.value) for u in machine.units] == [
        ("u1", "addition"),
        ("u2", "omission"),
        ("u3", "transposition"),
    ]
    with pytest.raises(d.DecisionsError) as refused:
        d.merge(machine, ["u1", "u2"])
    assert str(refused.value) == (
        "merge: u3 lies inside the passage from u1 to u2 in B; a merge cannot take in part of "
        "another unit"
    )


def test_merge_joins_neighbours_with_the_shared_text_between_them() -> None:
    """Merging u1 and u2 makes one unit whose readings run over the shared words between."""
    decided = d.apply(CAT, [d.merge(CAT, ["u2", "u1"])]).collation
    assert _texts(decided) == [("black cat sat on the", "cat sat on a"), ("today", "yesterday")]
    assert decided.units[0].type is UnitType.SUBSTITUTION
    assert decided.units[0].decisions == (0,)


def _texts(collation: Collation) -> list[tuple[str, str]]:
    return [(u.readings["A"].text, u.readings["B"].text) for u in collation.units]


def test_split_cuts_the_other_witness_where_the_words_align() -> None:
    """Cut a merged unit before "cat" in A: B is cut before its "cat" too. Cut again before
    A's "the": the shared "cat sat on " is an agreement again, as before the merge, and both
    witnesses rebuild."""
    first = d.merge(CAT, ["u1", "u2"])
    text = CAT.witness("A").text
    second = d.split(d.apply(CAT, [first]).collation, "u1", {"A": text.index("cat")})
    cut_once = d.apply(CAT, [first, second]).collation
    assert _texts(cut_once)[:2] == [("black ", ""), ("cat sat on the", "cat sat on a")]
    third = d.split(cut_once, "u2", {"A": text.index("the mat")})
    decided = d.apply(CAT, [first, second, third]).collation
    assert _texts(decided) == _texts(CAT)
    assert decided.agreements == CAT.agreements
    assert [u.type for u in decided.units][:2] == [UnitType.OMISSION, UnitType.SUBSTITUTION]


def test_lemma_class_note_and_drop_set_what_the_outputs_show() -> None:
    """Lemma, conjecture, class, note and drop change only their unit's fields."""
    decisions = [
        d.lemma(CAT, "u1", "B"),
        d.set_class(CAT, "u2", "orthographic"),
        d.note(CAT, "u2", "B's copyist wrote over an erasure"),
        d.drop(CAT, "u3"),
    ]
    decided = d.apply(CAT, decisions).collation
    u1, u2, u3 = decided.units
    assert (u1.lemma, u1.type) == ("B", UnitType.ADDITION)
    assert (u2.variant_class, u2.note) == (VariantClass.ORTHOGRAPHIC, decisions[2].note)
    assert u3.dropped
    assert u3.decisions == (3,)
    conjecture = d.apply(CAT, [d.lemma(CAT, "u3", text="tomorrow")]).collation
    assert conjecture.units[2].conjecture == "tomorrow"
    assert [o.unit for o in d.apply(CAT, decisions).outcomes] == ["u1", "u2", "u2", "u3"]


def test_a_lemma_from_a_witness_that_moved_words_types_the_unit_from_it() -> None:
    """T2 moved "cat cat cat" (the place is a unit of its own) and T3 lacks the words (issue
    13): seen from T2, T1 transposed them; with T1's reading made the lemma, T2 transposed
    them and T3 omits them, whatever else the editor decides."""
    texts = {
        "T1": "the the the the the the the the the – the the the the the the cat cat cat ",
        "T2": "the the the the the the the the the the cat cat cat the the the the the the ",
        "T3": "the the the the the the the the the the the the the the the cat cat dog ",
    }
    machine = collate([witness_from_text(t, s) for s, t in texts.items()], base="T2")
    assert render_apparatus_text(machine).splitlines()[-1].endswith("| the] transp. T1")
    decided = d.apply(machine, [d.lemma(machine, "u3", "T1")]).collation
    assert (decided.units[2].lemma, decided.units[2].type) == ("T1", UnitType.TRANSPOSITION)
    assert (
        render_apparatus_text(decided)
        .splitlines()[-1]
        .endswith("| cat cat cat] transp. T2; om. T3")
    )


def test_contradictory_decisions_are_refused_at_decide_time() -> None:
    """Merging or noting a dropped unit, or deciding a unit's class twice, is refused with
    a message that names the earlier decision."""
    dropped = d.apply(CAT, [d.drop(CAT, "u2")]).collation
    with pytest.raises(d.DecisionsError, match=r"u2 was dropped as no variant \(decision 1\)"):
        d.merge(dropped, ["u1", "u2"])
    with pytest.raises(d.DecisionsError, match="dropped"):
        d.note(dropped, "u2", "a note")
    classed = d.apply(CAT, [d.set_class(CAT, "u1", "punctuation")]).collation
    with pytest.raises(d.DecisionsError, match="decision 1 already does that"):
        d.set_class(classed, "u1", "orthographic")
    with pytest.raises(d.DecisionsError, match="not neighbours"):
        d.merge(CAT, ["u1", "u3"])
    with pytest.raises(d.DecisionsError, match="no unit 'u9'"):
        d.drop(CAT, "u9")


def test_the_file_round_trips_and_undo_removes_the_last(tmp_path: Path) -> None:
    """What `save` writes `load` reads back equal, quotes with quotes, newlines and DEL in
    them; `undo` removes the last decision and gives it back."""
    path = tmp_path / "d.toml"
    odd = witness_from_text('say "hi"\\\n\x7f there', "A"), witness_from_text("say hi there", "B")
    pair = collate(list(odd))
    made = [d.note(pair, "u1", 'a "quoted"\tnote'), d.drop(pair, "u1")]
    d.save(path, made)
    assert d.load(path) == tuple(made)
    assert d.undo(path) == made[1]
    assert d.load(path) == (made[0],)
    assert d.undo(path) == made[0]
    assert d.undo(path) is None


def test_the_file_records_the_grouping_its_decisions_were_made_on(tmp_path: Path) -> None:
    """`add` writes the grouping of the collation a decision was made on, keeps it through
    `undo`, and refuses a decision made on the other grouping, the file unchanged."""
    path = tmp_path / "d.toml"
    assert d.recorded_grouping(path) is None
    pair = collate(list(CAT.witnesses), grouping="words")
    d.add(path, lambda made: d.drop(pair, "u1"), grouping=Grouping.WORDS)
    assert d.recorded_grouping(path) is Grouping.WORDS
    assert path.read_text(encoding="utf-8").splitlines()[1:3] == [
        "version = 1",
        'grouping = "words"',
    ]
    written = path.read_bytes()
    with pytest.raises(d.DecisionsError) as refused:
        d.add(path, lambda made: d.drop(CAT, "u1"), grouping=Grouping.PHRASES)
    assert str(refused.value) == (
        f"{path}: its decisions were made on units grouped by words: collate with --grouping "
        "words (or leave --grouping out) to apply or add to them"
    )
    assert path.read_bytes() == written
    d.undo(path)
    assert (d.load(path), d.recorded_grouping(path)) == ((), Grouping.WORDS)


BAD_FILES = {
    "unknown grouping": ('version = 1\ngrouping = "letters"\n', "grouping 'letters': no such"),
    "malformed TOML": ("version = 1\n[[decision]\n", "not valid TOML"),
    "unknown action": (
        'version = 1\n[[decision]]\naction = "glue"\n'
        '[decision.readings]\nA = { exact = "x" }\nB = { exact = "y" }\n',
        "decision 1: unknown action 'glue' (the actions: merge, split, lemma, class, note, drop)",
    ),
    "unknown class": (
        'version = 1\n[[decision]]\naction = "class"\nclass = "grave"\n'
        '[decision.readings]\nA = { exact = "x" }\nB = { exact = "y" }\n',
        "class 'grave': no such class",
    ),
    "split without a cut": (
        'version = 1\n[[decision]]\naction = "split"\n'
        '[decision.readings]\nA = { exact = "x y" }\nB = { exact = "y" }\n',
        "a split needs 'at'",
    ),
    "overlapping splits": (
        'version = 1\n[[decision]]\naction = "split"\nat = { A = 2 }\n'
        '[decision.readings]\nA = { exact = "x y", start = 4 }\nB = { exact = "z", start = 4 }\n'
        '[[decision]]\naction = "split"\nat = { A = 2 }\n'
        '[decision.readings]\nA = { exact = "x y", start = 4 }\nB = { exact = "z", start = 4 }\n',
        "decisions 1 and 2 split at the same place (A:6)",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_files_are_refused_with_the_file_and_the_problem(tmp_path: Path, case: str) -> None:
    """Each malformed file gives one line naming the file and the problem."""
    text, message = BAD_FILES[case]
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(d.DecisionsError) as error:
        d.load(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_a_decision_naming_an_unknown_witness_is_refused() -> None:
    """A decision quoting a siglum the collation lacks is an error, not a silent skip."""
    other = _pair("the cat", "a cat")
    decision = d.drop(other, "u1")
    renamed = d.Decision(
        decision.action, {"A": decision.readings["A"], "Z": decision.readings["B"]}
    )
    with pytest.raises(d.DecisionsError, match="names witness 'Z'"):
        d.apply(other, [renamed])


def _random_decisions(data: st.DataObject, machine: Collation, count: int) -> list[d.Decision]:
    draw = data.draw
    made: list[d.Decision] = []
    for _ in range(count):
        current = d.apply(machine, made).collation
        units = [u for u in current.units if not u.dropped and not u.moved]
        if not units:
            break
        unit = draw(st.sampled_from(units))
        action = draw(st.sampled_from(["merge", "split", "drop", "lemma"]))
        position = current.units.index(unit)
        try:
            if action == "merge" and position + 1 < len(current.units):
                made.append(d.merge(current, [unit.id, current.units[position + 1].id]))
            elif action == "split":
                siglum = draw(st.sampled_from(current.sigla))
                reading = unit.readings[siglum]
                if reading.end - reading.start >= 2:
                    offset = draw(st.integers(reading.start + 1, reading.end - 1))
                    made.append(d.split(current, unit.id, {siglum: offset}))
            elif action == "drop":
                made.append(d.drop(current, unit.id))
            elif action == "lemma":
                made.append(d.lemma(current, unit.id, draw(st.sampled_from(current.sigla))))
        except d.DecisionsError:
            continue
    return made


@given(related_texts(), st.data())
def test_every_witness_rebuilds_after_any_decisions(
    pair: tuple[str, str], data: st.DataObject
) -> None:
    """Whatever merges, splits, drops and lemmata are decided, every witness is rebuilt
    exactly from the collation, and every decision made applies."""
    machine = _pair(*pair)
    made = _random_decisions(data, machine, 4)
    decided = d.apply(machine, made)
    assert all(o.applied for o in decided.outcomes), [o.reason for o in decided.outcomes]
    for siglum in ("A", "B"):
        assert decided.collation.rebuild(siglum) == pair[0 if siglum == "A" else 1]
    assert [u.id for u in decided.collation.units] == [
        f"u{n}" for n in range(1, len(decided.collation.units) + 1)
    ]


@given(related_triples(), st.data())
def test_decisions_on_three_witnesses_keep_every_character(
    triple: tuple[str, str, str], data: st.DataObject
) -> None:
    """The same holds for three witnesses."""
    witnesses: list[Witness] = [witness_from_text(t, s) for t, s in zip(triple, "ABC", strict=True)]
    machine = collate(witnesses)
    decided = d.apply(machine, _random_decisions(data, machine, 3)).collation
    for witness in witnesses:
        assert decided.rebuild(witness.siglum) == witness.text


def test_a_loaded_witness_carries_its_decisions_through_load_witness(tmp_path: Path) -> None:
    """Decisions made on witnesses loaded from files apply to the same files loaded again."""
    machine = collate(
        [load_witness(WITNESSES / "armand-1914.txt"), load_witness(WITNESSES / "armand-pss.txt")]
    )
    path = tmp_path / "armand.toml"
    d.add(path, lambda current: d.note(d.apply(machine, current).collation, "u1", "PSS"))
    again = collate(
        [load_witness(WITNESSES / "armand-1914.txt"), load_witness(WITNESSES / "armand-pss.txt")]
    )
    assert d.apply(again, d.load(path)).collation.units[0].note == "PSS"


def test_the_shipped_letters_decisions_are_the_gold_ones(gold_file: Path) -> None:
    """examples/letters.decisions.toml, which the README shows, is the file the gold test
    writes: the eight decisions that reproduce the editor's apparatus."""
    shipped = WITNESSES.parent / "examples" / "letters.decisions.toml"
    assert shipped.read_text(encoding="utf-8") == gold_file.read_text(encoding="utf-8")


def test_a_decision_anchors_where_its_passage_is_still_read() -> None:
    """`decisions.anchors`: a decision made on the units of ``--grouping words`` anchors in the
    collation grouped by phrases (its passage is read there; only the units differ) though it
    does not apply; once a witness no longer reads the passage it anchors nowhere."""
    a = witness_from_text("he saw the big black cat today", "A")
    b = witness_from_text("he saw a big brown cat today", "B")
    by_words = collate([a, b], grouping="words")
    decision = d.note(by_words, "u2", "the colour")
    by_phrases = collate([a, b])
    assert not d.apply(by_phrases, [decision]).outcomes[0].applied
    assert d.anchors(by_phrases, decision)
    rewritten = collate([a, witness_from_text("he saw a big grey dog today", "B")])
    assert not d.anchors(rewritten, decision)


def test_an_editor_may_class_a_unit_layout_and_back() -> None:
    """The class decision takes layout, which the file keeps and the printed apparatus then
    leaves out (a line break the editor judges no variant stays in the data exports); a
    layout unit may be classed substantive, and is printed again."""
    classed = d.set_class(CAT, "u2", "layout")
    assert d.loads(d.dumps([classed])) == (classed,)
    decided = d.apply(CAT, [classed]).collation
    assert decided.units[1].variant_class is VariantClass.LAYOUT
    printed = render_apparatus_text(decided)
    assert "Not shown: 1 difference of layout alone" in printed
    assert _cited(printed) == len(CAT.units) - 1
    pair = collate([witness_from_text("a b\nc d", "A"), witness_from_text("a b c d", "B")])
    assert pair.units[0].variant_class is VariantClass.LAYOUT
    shown = d.apply(pair, [d.set_class(pair, "u1", "substantive")]).collation
    assert "] spacing B" in render_apparatus_text(shown)


def _cited(text: str) -> int:
    return sum(line.count("] ") for line in text.splitlines() if line[:1].isdigit())
