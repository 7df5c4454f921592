"""Grouping by words (`collate.Grouping`, ``--grouping words``) and the sentence-edge rule
(`Settings.sentence_edges`) held to the project's invariants: every export rebuilds every
witness, the alignment is the same whatever the order the witnesses are given in and whatever
the base, and a decision made on one grouping is never applied to another unit of the other.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from collate import Collation, Grouping, LemmaPolicy, Settings, Witness, collate, load_witnesses
from collate import decisions as d
from collate.cli import app
from collate.engine import token_columns
from collate.render import ApparatusFormat, TeiMethod, render_document
from collate.rules import normalizer
from collate.tei_import import read_tei
from collate.witnesses import witness_from_text
from strategies import long_paragraphs, related_families, related_triples, special_tokens

runner = CliRunner()
# the view's grouping of adjacent places switched off: what is left is the alignment itself
UNGROUPED = Settings(addition_joins_before=False)


def _places(collation: Collation) -> set[frozenset[tuple[str, int, int]]]:
    """Each unit as the set of its readings' spans, whatever the order of the witnesses."""
    return {
        frozenset((s, r.start, r.end) for s, r in unit.readings.items()) for unit in collation.units
    }


def _witnesses(texts: list[str]) -> list[Witness]:
    return [witness_from_text(text, siglum) for text, siglum in zip(texts, "ABCDEF", strict=False)]


def _orders(witnesses: list[Witness]) -> list[list[Witness]]:
    if len(witnesses) <= 3:
        return [list(order) for order in itertools.permutations(witnesses)]
    return [witnesses[::-1], witnesses[1:] + witnesses[:1]]


@settings(max_examples=120)
@given(related_families(2, 6))
def test_words_grouping_aligns_alike_in_any_order_from_any_base_and_rebuilds(
    texts: list[str],
) -> None:
    witnesses = _witnesses(texts)
    expected = _places(collate(witnesses, settings=UNGROUPED, grouping=Grouping.WORDS))
    for order in _orders(witnesses):
        for witness in witnesses:
            seen = collate(order, base=witness.siglum, settings=UNGROUPED, grouping="words")
            assert _places(seen) == expected
            grouped = collate(order, base=witness.siglum, grouping=Grouping.WORDS)
            for each in witnesses:
                assert grouped.rebuild(each.siglum) == each.text


def _table_texts(document: str, delimiter: str) -> dict[str, str]:
    header, *rows = csv.reader(io.StringIO(document, newline=""), delimiter=delimiter)
    return {
        s: "".join(row[column] for row in rows) for column, s in enumerate(header[: len(rows[0])])
    }


@settings(max_examples=100)
@given(related_families(2, 5, pool=special_tokens), st.data())
def test_every_export_of_a_words_grouping_keeps_every_character(
    texts: list[str], data: st.DataObject
) -> None:
    """Grouped by words, with the options an editor combines (a base, ``--near 0.8``,
    ``--ignore punctuation``, ``--lemma majority``), TEI (both encodings) reads back as the
    witnesses, the JSON's readings are their witnesses' text where they say, and the tables
    (a row per unit or per word) and CollateX's table rebuild every witness."""
    witnesses = _witnesses([text + "x" for text in texts])
    wanted = {w.siglum: w.text for w in witnesses}
    collation = collate(
        witnesses,
        base=data.draw(st.sampled_from(sorted(wanted))),
        near=data.draw(st.sampled_from([None, 0.8])),
        rules=normalizer(["punctuation"]) if data.draw(st.booleans()) else None,
        lemma=data.draw(st.sampled_from(list(LemmaPolicy))),
        grouping=Grouping.WORDS,
    )
    for method in TeiMethod:
        tei = render_document(collation, ApparatusFormat.TEI, tei_method=method)
        assert {w.siglum: w.text for w in read_tei("t.xml", tei.encode())} == wanted
    for unit in json.loads(render_document(collation, ApparatusFormat.JSON))["units"]:
        for siglum, reading in unit["readings"].items():
            assert wanted[siglum][reading["start"] : reading["end"]] == reading["text"]
    for words in (None, token_columns(collation)):
        for output_format, delimiter in ((ApparatusFormat.CSV, ","), (ApparatusFormat.TSV, "\t")):
            document = render_document(collation, output_format, words=words)
            assert _table_texts(document, delimiter) == wanted
        table = json.loads(render_document(collation, ApparatusFormat.JSON_COLLATEX, words=words))
        rebuilt = {
            siglum: "".join(token["t"] for column in table["table"] for token in column[index])
            for index, siglum in enumerate(table["witnesses"])
        }
        assert rebuilt == wanted


@settings(max_examples=16)
@given(long_paragraphs(2, 3), st.sampled_from(list(Grouping)))
def test_long_paragraphs_with_sentence_ends_moved_align_alike_and_rebuild(
    texts: list[str], grouping: Grouping
) -> None:
    """Paragraphs of more than 250 tokens are aligned sentence by sentence, and two sentence
    groups that differ at their common edge aligned again as one (`Settings.sentence_edges`):
    with sentence ends carried, dropped, added, made commas and clauses moved across them,
    nothing is lost and the alignment is the same from any base in any order."""
    witnesses = _witnesses(texts)
    assume(all(len(w.tokens) > UNGROUPED.sentence_groups for w in witnesses))  # type: ignore[operator]
    expected = _places(collate(witnesses, settings=UNGROUPED, grouping=grouping))
    for order in _orders(witnesses):
        for witness in witnesses:
            seen = collate(order, base=witness.siglum, settings=UNGROUPED, grouping=grouping)
            assert _places(seen) == expected
    for witness in witnesses:
        grouped = collate(witnesses, base=witness.siglum, grouping=grouping)
        for each in witnesses:
            assert grouped.rebuild(each.siglum) == each.text


def _decided(data: st.DataObject, machine: Collation, count: int) -> list[d.Decision]:
    """Up to ``count`` decisions of every kind, each on a unit of the collation as the ones
    before it left it."""
    made: list[d.Decision] = []
    for _ in range(count):
        current = d.apply(machine, made).collation
        units = [u for u in current.units if not u.dropped and not u.moved]
        if not units:
            break
        unit = data.draw(st.sampled_from(units))
        position = current.units.index(unit)
        action = data.draw(st.sampled_from(["merge", "split", "drop", "lemma", "note", "class"]))
        try:
            if action == "merge" and position + 1 < len(current.units):
                made.append(d.merge(current, [unit.id, current.units[position + 1].id]))
            elif action == "split":
                siglum = data.draw(st.sampled_from(current.sigla))
                reading = unit.readings[siglum]
                if reading.end - reading.start >= 2:
                    cut = data.draw(st.integers(reading.start + 1, reading.end - 1))
                    made.append(d.split(current, unit.id, {siglum: cut}))
            elif action == "drop":
                made.append(d.drop(current, unit.id))
            elif action == "lemma":
                made.append(d.lemma(current, unit.id, data.draw(st.sampled_from(current.sigla))))
            elif action == "note":
                made.append(d.note(current, unit.id, "checked"))
            else:
                made.append(d.set_class(current, unit.id, "orthographic"))
        except d.DecisionsError:
            continue
    return made


@settings(max_examples=150)
@given(related_triples(), st.data(), st.sampled_from(list(Grouping)))
def test_decisions_made_on_one_grouping_act_on_the_same_readings_in_the_other(
    texts: tuple[str, str, str], data: st.DataObject, made_on: Grouping
) -> None:
    """Decisions made on one grouping and applied to the other either act on a unit whose
    readings are exactly those they quote, or are reported as not applying; every witness
    still rebuilds."""
    witnesses = _witnesses(list(texts))
    other = Grouping.WORDS if made_on is Grouping.PHRASES else Grouping.PHRASES
    made = _decided(data, collate(witnesses, grouping=made_on), 4)
    machine = collate(witnesses, grouping=other)
    for count in range(1, len(made) + 1):
        decided = d.apply(machine, made[:count])
        outcome = decided.outcomes[-1]
        for witness in witnesses:
            assert decided.collation.rebuild(witness.siglum) == witness.text
        if not outcome.applied or outcome.decision.action in (d.Action.MERGE, d.Action.SPLIT):
            continue
        [unit] = [u for u in decided.collation.units if u.id == outcome.unit]
        for siglum, quote in outcome.decision.readings.items():
            assert unit.readings[siglum].text == quote.exact


def test_collatex_makes_its_own_units_whatever_the_grouping() -> None:
    """The README's claim: with ``--engine collatex`` the grouping does not apply; CollateX
    gives a unit for each word that differs and finds its own transposition either way."""
    pair = _witnesses(
        [
            "he saw the big black cat today and light there.",
            "he saw a big brown cat today and there light.",
        ]
    )

    def units(collation: Collation) -> list[tuple[str, str, str]]:
        return [(u.type.value, u.readings["A"].text, u.readings["B"].text) for u in collation.units]

    expected = [
        ("substitution", "the ", "a "),
        ("substitution", "black ", "brown "),
        ("transposition", "light there", "there light"),
    ]
    for grouping in Grouping:
        assert units(collate(pair, engine="collatex", grouping=grouping)) == expected


SCRIPTS = {
    "one word": ["cat", "dog", "cat"],
    "identical": ["the cat sat.\n", "the cat sat.\n", "the cat sat.\n"],
    "punctuation only": [".,;", "!?", "..."],
    "Greek": [
        "ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν.",
        "ἐν ἀρχῇ ἦν ὁ λόγος καὶ ὁ θεὸς ἦν πρὸς τὸν λόγον·",
        "ἐν ἀρχῇ ὁ λόγος ἦν, καὶ πρὸς τὸν θεόν.",
    ],
    "Hebrew": [
        "בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ",
        "בראשית ברא אלהים את השמים ואת הארץ",
        "בְּרֵאשִׁית אֱלֹהִים בָּרָא אֵת הָאָרֶץ",
    ],
    "Chinese": [
        "學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？",
        "學而時習之，不亦悅乎？有朋自遠方來",
        "學而習之不亦說乎有朋遠方來",
    ],
}


@pytest.mark.parametrize("name", list(SCRIPTS))
def test_words_grouping_on_the_command_line_keeps_every_witness(name: str, tmp_path: Path) -> None:
    """``apparatus --grouping words`` in every format (JSON, TEI and CollateX's table read
    back as the witnesses) on one-word, identical and punctuation-only witnesses and on Greek,
    Hebrew and Chinese: exit 0, nothing lost."""
    texts = SCRIPTS[name]
    paths = []
    for siglum, text in zip("ABC", texts, strict=True):
        (tmp_path / f"{siglum}.txt").write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / f"{siglum}.txt"))
    for output_format in ApparatusFormat:
        tables = output_format.value in ("csv", "tsv", "json-collatex", "html")
        for words in ([], ["--words"]) if tables else ([],):
            out = (
                tmp_path
                / f"out{len(words)}.{_EXTENSIONS.get(output_format.value, output_format.value)}"
            )
            command = ["apparatus", *paths, "--grouping", "words", "-f", output_format.value]
            result = runner.invoke(app, [*command, *words, "-o", str(out)])
            assert result.exit_code == 0, (output_format, result.output)
            if output_format.value in ("json", "tei", "json-collatex"):
                assert [w.text for w in load_witnesses([str(out)])] == texts


_EXTENSIONS = {"text": "txt", "tei": "xml", "latex": "tex", "json-collatex": "json"}
