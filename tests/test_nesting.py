"""Nested variation: readings that are mostly the same grouped, printed once with their
sub-variants in every format, and every witness still rebuilt exactly."""

from __future__ import annotations

import difflib
import itertools
import json
from dataclasses import replace

import pytest
from lxml import etree

from collate import Collation, collate, load_witness, witness_from_text
from collate.apparatus import entries
from collate.engine import Settings, alignment_rows, reading_groups
from collate.model import ReadingGroup, UnitType
from collate.render import TeiMethod
from collate.render.apparatus_text import render_apparatus_text
from collate.render.html import render_html
from collate.render.json import render_json
from collate.render.latex import render_latex
from collate.render.tei import render_tei
from collate.render.terminal import render_inline
from collate.tei_import import read_tei
from conftest import SHARED, benchmark, fixed_console_text

DARWIN = SHARED / "corpora" / "darwin" / "chapter1"
YEARS = ("1859", "1860", "1861", "1866", "1869", "1872")

# B, C and E rewrote A's sentence alike; C then changed three words, E dropped one and added
# one. Characters every format escapes stand in the sub-variants.
TOY_A = "Prologue. It was late and dark. Epilogue.\n"
TOY_B = (
    "Prologue. At dawn the whole family walked slowly down to the old river, where the boats "
    "of the village lay & the nets dried on long poles in the <morning> sun, and they sang as "
    "they worked while the children ran along the bank. Epilogue.\n"
)
TOY_C = TOY_B.replace("slowly", "quickly").replace("village", "town").replace("<morning>", "50%")
TOY_E = TOY_B.replace("whole ", "").replace("they sang", "they sang happily")


def toy() -> Collation:
    texts = {"A": TOY_A, "B": TOY_B, "C": TOY_C, "D": TOY_A, "E": TOY_E}
    return collate([witness_from_text(text, siglum) for siglum, text in texts.items()])


@pytest.fixture(scope="module")
def darwin() -> Collation:
    return collate([load_witness(DARWIN / f"darwin{year}.txt", year) for year in YEARS])


def _printed_with_subvariants(collation: Collation, unit_index: int, group: ReadingGroup) -> None:
    """Each witness of the group reads the printed reading with its own sub-variant readings
    put in, and every sub-variant reading is the witness's text at its offsets."""
    unit = collation.units[unit_index]
    printed = unit.readings[group.reading]
    for siglum in group.sigla:
        text = collation.witness(siglum).text
        pieces, position = [], printed.start
        for subvariant in group.subvariants:
            here = subvariant.readings[group.reading]
            pieces += [collation.witness(group.reading).text[position : here.start]]
            own = subvariant.readings[siglum]
            assert text[own.start : own.end] == own.text
            pieces.append(own.text)
            position = here.end
        pieces.append(collation.witness(group.reading).text[position : printed.end])
        assert "".join(pieces) == unit.readings[siglum].text, (unit.id, siglum)


def test_a_rewrite_shared_by_several_witnesses_is_one_group_with_its_subvariants() -> None:
    """B, C and E share a rewrite but for five words: one group, B's reading printed."""
    collation = toy()
    (unit,) = collation.units
    (group,) = unit.groups
    assert group.sigla == ("B", "C", "E")
    assert group.reading == "B"
    assert [
        (sub.type, {s: r.text for s, r in sub.readings.items()}) for sub in group.subvariants
    ] == [
        (UnitType.OMISSION, {"B": "whole ", "C": "whole ", "E": ""}),
        (UnitType.SUBSTITUTION, {"B": "slowly ", "C": "quickly ", "E": "slowly "}),
        (UnitType.SUBSTITUTION, {"B": "village ", "C": "town ", "E": "village "}),
        (UnitType.SUBSTITUTION, {"B": "<morning> ", "C": "50% ", "E": "<morning> "}),
        (UnitType.ADDITION, {"B": "", "C": "", "E": "happily "}),
    ]
    _printed_with_subvariants(collation, 0, group)
    assert reading_groups(collation, unit) == unit.groups


def test_nesting_is_switched_off_by_its_settings() -> None:
    """``nest_min_words=None`` prints every reading in full; a higher share splits the group."""
    texts = {"A": TOY_A, "B": TOY_B, "C": TOY_C, "D": TOY_A, "E": TOY_E}
    witnesses = [witness_from_text(text, siglum) for siglum, text in texts.items()]
    assert collate(witnesses, settings=Settings(nest_min_words=None)).units[0].groups == ()
    (strict,) = (
        collate(witnesses, settings=Settings(nest_share=0.95, nest_run=None)).units[0].groups
    )
    assert strict.sigla == ("B", "E")  # C's three changes are too many at 95 %


def test_short_or_unlike_readings_are_not_grouped() -> None:
    """Readings under a dozen words (`Settings.nest_min_words`), or sharing less than 90 % of
    their tokens, are printed in full, each on its own."""
    minimum = Settings().nest_min_words
    assert minimum == 12
    words = [f"w{n}" for n in range(minimum - 2)]  # and x or y: one word short
    short = " ".join(words)
    collation = collate(
        [
            witness_from_text("Start. Nothing here. End.", "A"),
            witness_from_text(f"Start. {short} x. End.", "B"),
            witness_from_text(f"Start. {short} y. End.", "C"),
        ]
    )
    assert all(not u.groups for u in collation.units)
    # C differs in every seventh word: 21 of 24 words shared (87.5 %), no 8 in a row
    same = [f"v{n}" for n in range(24)]
    other = ["z" if n % 7 == 6 else word for n, word in enumerate(same)]
    unlike = collate(
        [
            witness_from_text("Start. Nothing here. End.", "A"),
            witness_from_text(f"Start. {' '.join(same)}. End.", "B"),
            witness_from_text(f"Start. {' '.join(other)}. End.", "C"),
        ]
    )
    assert all(not u.groups for u in unlike.units)


def _three(b: str, c: str) -> Collation:
    return collate(
        [
            witness_from_text("Start. Nothing here. End.", "A"),
            witness_from_text(f"Start. {b}. End.", "B"),
            witness_from_text(f"Start. {c}. End.", "C"),
        ]
    )


def test_the_share_counts_tokens_not_the_whitespace_after_them() -> None:
    """A comma put after a word leaves the word the same: C reads B's 21 words with three
    commas (as Darwin's 1869 "may, indeed, be looked at" for 1866's "may indeed be looked
    at", ch. I), 93 % of the tokens, and is grouped with B, cited by the three words; the
    whitespace that followed each word in B is inside the sub-variant, so both rebuild."""
    words = [f"w{n}" for n in range(20)] + ["x"]
    commas = [f"{w}," if n in (4, 9, 14) else w for n, w in enumerate(words)]
    collation = _three(" ".join(words), " ".join(commas))
    (index, unit), *_ = [(n, u) for n, u in enumerate(collation.units) if u.groups]
    (group,) = unit.groups
    assert (group.sigla, group.reading) == (("B", "C"), "B")
    assert [{s: r.text for s, r in sub.readings.items()} for sub in group.subvariants] == [
        {"B": "w4 ", "C": "w4, "},
        {"B": "w9 ", "C": "w9, "},
        {"B": "w14 ", "C": "w14, "},
    ]
    _printed_with_subvariants(collation, index, group)
    line = render_apparatus_text(collation).splitlines()[-1]
    assert line.endswith("w19 x B C (w4] w4, C; w9] w9, C; w14] w14, C)")


def test_readings_sharing_a_run_of_eight_tokens_with_the_first_are_grouped() -> None:
    """B and C share 20 words and then part (80 % of their tokens): the run is printed
    once, not twice (`Settings.nest_run`; Darwin ch. I: 1861 keeps 1859's 42-token sentence
    and then rewrites the rest). Without the rule they are printed in full, each."""
    half = " ".join(f"v{n}" for n in range(20))
    collation = _three(f"{half} a b c d e", f"{half} f g h i j")
    (index, unit), *_ = [(n, u) for n, u in enumerate(collation.units) if u.groups]
    (group,) = unit.groups
    assert (group.sigla, group.reading) == (("B", "C"), "B")
    assert [{s: r.text for s, r in sub.readings.items()} for sub in group.subvariants] == [
        {"B": "a b c d e", "C": "f g h i j"}
    ]
    _printed_with_subvariants(collation, index, group)
    assert (
        render_apparatus_text(collation)
        .splitlines()[-1]
        .endswith("v19 a b c d e B C (a … e] f g h i j C)")
    )
    texts = [
        witness_from_text(f"Start. {t}. End.", s)
        for s, t in [("A", "Nothing here"), ("B", f"{half} a b c d e"), ("C", f"{half} f g h i j")]
    ]
    assert all(not u.groups for u in collate(texts, settings=Settings(nest_run=None)).units)


def test_a_run_shared_with_a_member_but_not_the_first_reading_chains_nothing() -> None:
    """C keeps B's first 20 words and rewrites the rest; D rewrites C's rest again but keeps
    a phrase of it: C joins B's group, D (sharing nothing with B) is printed on its own."""
    head = " ".join(f"v{n}" for n in range(20))
    tail = " ".join(f"t{n}" for n in range(10))
    collation = collate(
        [
            witness_from_text("Start. Nothing here. End.", "A"),
            witness_from_text(f"Start. {head} a b c d e f g h i j. End.", "B"),
            witness_from_text(f"Start. {head} {tail}. End.", "C"),
            witness_from_text(f"Start. q r s u v w x y z {tail}. End.", "D"),
        ]
    )
    groups = [g.sigla for u in collation.units for g in u.groups]
    assert groups == [("B", "C")]


def test_the_lemma_heads_the_group_of_the_readings_near_it() -> None:
    """With ``--base majority`` the majority's reading is the lemma, and the readings near it
    are its group: printed as the lemma with their own few words, not in full again."""
    texts = {
        "A": TOY_A,
        "B": TOY_B,
        "C": TOY_C,
        "F": TOY_B,
        "G": TOY_C.replace("children", "boys"),
    }
    collation = collate(
        [witness_from_text(text, siglum) for siglum, text in texts.items()], base="majority"
    )
    (unit,) = collation.units
    assert unit.lemma == "B"
    (group,) = unit.groups
    assert (group.reading, group.sigla) == ("B", ("B", "C", "F", "G"))


# A and D read a long sentence, B the same but for two words, C another sentence: B is cited
# by its two words inside the lemma, not by the whole sentence again.
LEMMA_LONG = (
    "At dawn the whole family walked slowly down to the old river, where the boats of the "
    "village lay & the nets dried on long poles in the morning sun."
)
LEMMA_TOY = {
    "A": f"Prologue. {LEMMA_LONG} Epilogue.\n",
    "B": f"Prologue. {LEMMA_LONG.replace('slowly', 'quickly').replace('village', '<town>')}"
    " Epilogue.\n",
    "C": "Prologue. It was late, dark and cold; nobody stirred in any cottage, no dog barked, "
    "no lamp burned anywhere. Epilogue.\n",
    "D": f"Prologue. {LEMMA_LONG} Epilogue.\n",
}


def lemma_toy() -> Collation:
    return collate([witness_from_text(text, siglum) for siglum, text in LEMMA_TOY.items()])


def test_witnesses_that_read_the_lemma_but_for_a_word_are_cited_by_that_word(
    tei_schema: etree.RelaxNG,
) -> None:
    """The lemma's group in every format: the printed apparatus and LaTeX give the lemma,
    shortened, with where B differs inside it; TEI nests an app in the ``lem`` (valid, every
    witness read back in both encodings); the terminal and the page cite B once by its two
    words; JSON lists the group with the base as its reading."""
    collation = lemma_toy()
    (unit,) = collation.units
    (group,) = unit.groups
    assert (group.reading, group.sigla) == ("A", ("A", "B", "D"))
    rewrite = "It was late, dark and cold; nobody stirred in any cottage, no dog barked, no lamp "
    line = render_apparatus_text(collation).splitlines()[-1]
    assert line == (
        f"1.2 At … sun] At … sun B (slowly] quickly B; village] <town> B); {rewrite}burned "
        "anywhere C"
    )
    positive = render_apparatus_text(collation, positive=True).splitlines()[-1]
    assert positive.startswith("1.2 At … sun A D] At … sun B (slowly] quickly B;")
    assert r"At … sun B (slowly] quickly B; village] \textless{}town\textgreater{} B)" in (
        render_latex(collation)
    )
    for method in TeiMethod:
        document = render_tei(collation, method)
        assert (
            '<lem wit="#A #B #D">At dawn the whole family walked <app type="substitution">'
            '<lem wit="#A #D">slowly </lem><rdg wit="#B">quickly </rdg></app>down'
        ) in document
        assert tei_schema.validate(etree.fromstring(document.encode())), tei_schema.error_log
        back = read_tei("toy.xml", document.encode())
        assert [w.text for w in back] == [w.text for w in collation.witnesses]
    terminal = fixed_console_text(render_inline(collation), width=400)
    assert "[B: At … sun (slowly] quickly B; village] <town> B); C: It was late" in terminal
    page = render_html(collation)
    assert "B At … sun (slowly] quickly B; village] &lt;town&gt; B)" in page
    (exported,) = json.loads(render_json(collation))["units"]
    assert [(g["reading"], g["witnesses"]) for g in exported["groups"]] == [("A", ["A", "B", "D"])]


def test_darwin_no_entry_prints_two_long_readings_that_are_mostly_the_same(
    darwin: Collation,
) -> None:
    """Over the whole of Darwin's chapter I, no apparatus entry prints two readings of 200
    characters or more that are 90 % the same word for word (difflib over words); without the
    groups, seven entries do (nine while the passages 1861 added and 1859 and 1860 lack, such
    as Professor Wyman's, were each one unit: `Settings.lack_words` now cuts them where the
    later editions vary)."""

    def repeats(collation: Collation) -> list[str]:
        found = []
        for entry in entries(collation, alignment_rows(collation)):
            printed = [n.reading for n in entry.notes if len(n.reading) >= 200]
            for a, b in itertools.combinations(printed, 2):
                alike = difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False)
                if alike.ratio() >= 0.9:
                    found.append(entry.unit.id)
        return found

    flat = replace(darwin, units=tuple(replace(u, groups=()) for u in darwin.units))
    assert len(set(repeats(flat))) == 7
    assert repeats(darwin) == []


def test_darwin_1869_and_1872_rewrite_prints_once_with_its_three_subvariants(
    darwin: Collation,
) -> None:
    """The paragraph 1869 and 1872 rewrote (2,622 and 2,628 characters) is printed once, with
    the three places where 1872 changed it again."""
    (line,) = [
        line
        for line in render_apparatus_text(darwin).splitlines()
        if "1869 1872 (variations] arise add. 1872;" in line
    ]
    assert line.endswith(
        " 1869 1872 (variations] arise add. 1872; indefinite] in definite 1872; "
        "seed-capsules] seed-capsule 1872)"
    )
    unit = next(u for u in darwin.units if len(u.readings["1869"].text) == 2622)
    assert len(unit.readings["1872"].text) == 2628
    assert line.count("reared in the same country") == 1


def test_every_darwin_group_rebuilds_each_witness_reading(darwin: Collation) -> None:
    """Outside its sub-variants every witness of a group reads the printed reading exactly."""
    groups = [(n, g) for n, u in enumerate(darwin.units) for g in u.groups]
    # (18 until 1872's sentence on rock-pigeons, moved elsewhere, no longer kept the 1861
    # and 1866 readings of it whole: 1872 lacks those words there, it rewrites nothing; 17
    # until the passages 1861 added, which 1859 and 1860 lack, were cut where the later
    # editions vary, `Settings.lack_words`; 16 with the lemma's groups: 1860, 1861 and 1866
    # keep 1859's sentence but for "function" and a colon where 1869 rewrote it, and 1860
    # corrects 1859's "neverthelsss"; 15 since the passage on the Canidæ that 1861 added and
    # 1869 reworded beside 1860's other passage there is cut where they vary: 1860's rewrite,
    # which no other edition shares, keeps no place whole where the others' readings are not
    # one group, `Settings.rewrite_words`; 18 where the share counts tokens, not the
    # whitespace after them, and a run of 8 shared with a group's first reading groups too:
    # 1861 keeps 1859's sentence on Egypt's breeds and rewrites the rest, 1866 and 1869 part
    # from 1872 on "species or races" and from each other on "two or three wild progenitors";
    # 19 since 1861's sentence on flint tools, which 1866, 1869 and 1872 revise after a
    # passage of their own, is cut from those passages at its sentence end,
    # `Settings.shared_run`: its four readings are one group, 1861's Egypt sentence nests
    # with 1859's by their share)
    assert len(groups) == 19
    assert [g.sigla for _, g in groups if g.reading == "1859"] == [
        ("1859", "1860", "1861", "1866"),
        ("1859", "1860", "1861"),
        ("1859", "1860"),
    ]
    for index, group in groups:
        _printed_with_subvariants(darwin, index, group)


def test_printed_apparatus_gives_the_group_once_then_its_subvariants() -> None:
    """The text apparatus: the group's reading, its witnesses, its sub-variants in brackets."""
    lines = render_apparatus_text(toy()).splitlines()
    assert lines[9].startswith("Nested readings: READING SIGLA (words] other S)")
    assert lines[-1] == (
        "1.2 It … dark] At dawn the whole family walked slowly down to the old river, where "
        "the boats of the village lay & the nets dried on long poles in the <morning> sun, and "
        "they sang as they worked while the children ran along the bank B C E (whole] om. E; "
        "slowly] quickly C; village] town C; <morning>] 50% C; sang] happily add. E)"
    )


def test_latex_footnote_escapes_the_subvariants() -> None:
    """reledmac's footnote carries the sub-variants, TeX specials escaped, the editor's Latin
    in italics."""
    tex = render_latex(toy())
    assert (
        r"the bank B C E (whole] \emph{om.} E; slowly] quickly C; village] town C; "
        r"\textless{}morning\textgreater{}] 50\% C; sang] happily \emph{add.} E)}}"
    ) in tex


@pytest.mark.parametrize("method", list(TeiMethod))
def test_tei_nests_an_app_in_the_group_reading_valid_and_lossless(
    method: TeiMethod, tei_schema: etree.RelaxNG
) -> None:
    """TEI: one ``rdg`` for the group with a nested ``app`` per sub-variant (the Guidelines'
    subvariation); valid against tei_all, and every witness read back exactly."""
    collation = toy()
    document = render_tei(collation, method)
    assert (
        '<rdg wit="#B #C #E">At dawn the <app type="omission"><lem wit="#B #C">whole '
        '</lem><rdg wit="#E"/></app>family walked <app type="substitution"><lem wit="#B #E">'
        'slowly </lem><rdg wit="#C">quickly </rdg></app>down'
    ) in document
    assert '<app type="addition"><lem wit="#B #C"/><rdg wit="#E">happily </rdg></app>' in document
    assert tei_schema.validate(etree.fromstring(document.encode())), tei_schema.error_log
    back = read_tei("toy.xml", document.encode())
    assert [(w.siglum, w.text) for w in back] == [(w.siglum, w.text) for w in collation.witnesses]


@pytest.mark.parametrize("method", list(TeiMethod))
def test_darwin_six_editions_tei_is_valid_and_rebuilds_every_edition(
    darwin: Collation, method: TeiMethod, tei_schema: etree.RelaxNG
) -> None:
    """All six editions with their 17 groups: valid TEI, each edition read back exactly."""
    document = render_tei(darwin, method, classes=True).encode()
    assert tei_schema.validate(etree.fromstring(document)), tei_schema.error_log
    back = read_tei("darwin.xml", document)
    assert [w.text for w in back] == [w.text for w in darwin.witnesses]


def test_json_lists_the_groups_and_rebuilds_every_reading(darwin: Collation) -> None:
    """JSON: ``groups`` with witnesses, printed reading and sub-variants with offsets; each
    witness's reading is the printed one with its own sub-variant readings put in."""
    (unit,) = json.loads(render_json(toy()))["units"]
    assert unit["groups"] == [
        {
            "witnesses": ["B", "C", "E"],
            "reading": "B",
            "subvariants": [
                {
                    "type": "omission",
                    "readings": {
                        "B": {"start": 22, "end": 28, "text": "whole "},
                        "C": {"start": 22, "end": 28, "text": "whole "},
                        "E": {"start": 22, "end": 22, "text": ""},
                    },
                },
                *unit["groups"][0]["subvariants"][1:],
            ],
        }
    ]
    exported = json.loads(render_json(darwin))
    texts = {w["siglum"]: w["text"] for w in exported["witnesses"]}
    nested = [u for u in exported["units"] if "groups" in u]
    # (16 before `Settings.lack_words`, 13 until `Settings.nest_run`, 15 until the sentence
    # on flint tools was cut at its sentence end: see the groups' test)
    assert len(nested) == 16
    for unit in nested:
        for group in unit["groups"]:
            printed = unit["readings"][group["reading"]]
            for siglum in group["witnesses"]:
                pieces, position = [], printed["start"]
                for sub in group["subvariants"]:
                    here = sub["readings"][group["reading"]]
                    pieces.append(texts[group["reading"]][position : here["start"]])
                    own = sub["readings"][siglum]
                    assert texts[siglum][own["start"] : own["end"]] == own["text"]
                    pieces.append(own["text"])
                    position = here["end"]
                pieces.append(texts[group["reading"]][position : printed["end"]])
                assert "".join(pieces) == unit["readings"][siglum]["text"]


def test_page_and_terminal_show_the_group_once() -> None:
    """The HTML page's apparatus and inline view, and the terminal, print the group's reading
    once with its sub-variants (escaped on the page)."""
    collation = toy()
    page = render_html(collation)
    assert page.count("B C E At dawn the whole family") == 1  # the inline label
    assert "(whole] om. E; slowly] quickly C; village] town C; &lt;morning&gt;] 50% C;" in page
    terminal = fixed_console_text(render_inline(collation), width=400)
    assert "[B C E: At dawn the whole family walked slowly" in terminal
    assert terminal.count("At dawn") == 1


def test_decisions_regroup_the_units_they_reshape(tei_schema: etree.RelaxNG) -> None:
    """A split or a new lemma makes the groups anew: with B's reading the lemma, the group of
    the readings near it prints B's, and a split unit's groups still rebuild every witness."""
    from collate import decisions

    machine = toy()
    decided = decisions.apply(machine, [decisions.lemma(machine, "u1", "B")]).collation
    (unit,) = decided.units
    assert unit.lemma == "B"
    assert [(g.reading, g.sigla) for g in unit.groups] == [("B", ("B", "C", "E"))]
    cut = TOY_B.index(" the old river")
    split = decisions.apply(machine, [decisions.split(machine, "u1", {"B": cut})]).collation
    assert [[g.sigla for g in u.groups] for u in split.units] == [[], [("B", "C", "E")]]
    for index, unit in enumerate(split.units):
        for group in unit.groups:
            _printed_with_subvariants(split, index, group)
    document = render_tei(split).encode()
    assert tei_schema.validate(etree.fromstring(document)), tei_schema.error_log
    assert [w.text for w in read_tei("split.xml", document)] == [w.text for w in split.witnesses]


def test_the_florilegium_prints_no_long_reading_twice() -> None:
    """The Florilegium's 13 manuscripts (rebuilt from its hand table, ../shared/corpora): one
    entry prints two readings of 200+ characters 90 % alike without the groups (two when a
    manuscript's long lack keeps the others' variants in one unit, `Settings.lack_words`),
    none with them — a reading close to a member of a group, not to its first reading, joins
    it."""
    nesting = benchmark("nesting")
    collation = next(nesting.florilegium_manuscripts())
    assert nesting.repeated_entries(nesting.flat(collation)) == 1
    assert nesting.repeated_entries(collation) == 0
