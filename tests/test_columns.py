"""Word columns (`collate.engine.token_columns`) and the word-by-word tables: every token in
one column, in order; readings inside a unit aligned word by word; scored against the
Florilegium's hand table."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from typer.testing import CliRunner

from collate import collate, witness_from_text
from collate.cli import app
from collate.engine import _columns, token_columns
from collate.model import Collation
from collate.render import ApparatusFormat, render_document
from collate.render.table import word_rows
from conftest import benchmark
from strategies import related_texts, related_triples

runner = CliRunner()


def _collation(*texts: str) -> Collation:
    return collate([witness_from_text(t, s) for t, s in zip(texts, "ABCDEFG", strict=False)])


def _rows(collation: Collation) -> list[str]:
    sigla = collation.sigla
    return [
        " | ".join(cells.get(s, "-").strip() or "-" for s in sigla)
        for cells in word_rows(collation, token_columns(collation))
    ]


@given(related_triples())
def test_every_token_is_in_one_column_in_order(texts: tuple[str, str, str]) -> None:
    collation = _collation(*(t + "." for t in texts))
    columns = token_columns(collation)
    for witness in collation.witnesses:
        found = [column[witness.siglum] for column in columns if witness.siglum in column]
        assert found == list(range(len(witness.tokens)))


@given(related_triples())
def test_word_rows_rebuild_every_witness(texts: tuple[str, str, str]) -> None:
    collation = _collation(*(" " + t + ".\n" for t in texts))
    rows = word_rows(collation, token_columns(collation))
    for witness in collation.witnesses:
        assert "".join(row.get(witness.siglum, "") for row in rows) == witness.text


@given(related_texts())
def test_two_witnesses_columns_are_those_of_the_general_weighing(texts: tuple[str, str]) -> None:
    """Two witnesses skip weighing the forms each reading holds (spellings compared pair by
    pair): their columns are exactly those the weighing gives."""
    collation = _collation(*texts)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_columns, "_weighs_held_forms", lambda per: True)
        weighed = token_columns(collation)
    assert token_columns(collation) == weighed


def test_two_witnesses_spelling_variants_keep_the_general_columns() -> None:
    """Near spellings (the weighing compares them) and a reading longer than the other: the
    columns the weighing gives, with and without it."""
    collation = _collation(
        "the black cat sat on teh mat with a hat", "teh blak cat sat upon the matt with hat"
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_columns, "_weighs_held_forms", lambda per: True)
        weighed = _rows(collation)
    assert (
        _rows(collation)
        == weighed
        == [
            "the | teh",
            "black | blak",
            "cat | cat",
            "sat | sat",
            "on | upon",
            "teh | the",
            "mat | matt",
            "with | with",
            "a | -",
            "hat | hat",
        ]
    )


def test_a_word_for_a_word_stands_in_its_row() -> None:
    collation = _collation(
        "He went out of the city in haste.",
        "He went out the city gate in haste.",
        "He went out of the town in haste.",
    )
    assert _rows(collation) == [
        "He | He | He",
        "went | went | went",
        "out | out | out",
        "of | - | of",
        "the | the | the",
        "city | city | town",
        "- | gate | -",
        "in | in | in",
        "haste | haste | haste",
        ". | . | .",
    ]


def test_of_two_words_in_the_other_order_the_first_stands_apart() -> None:
    # "a b" against "b a": b is shared, a moved (the hand table of the Florilegium puts
    # πνεύματος, the word read first, in a row of its own in the witnesses that move it)
    collation = _collation("the holy spirit of god", "the spirit holy of god")
    assert _rows(collation) == [
        "the | the",
        "holy | -",
        "spirit | spirit",
        "- | holy",
        "of | of",
        "god | god",
    ]


def test_a_shorter_reading_takes_the_first_words_place() -> None:
    # Florilegium, S against the others: μηδαμῶς for μὴ δῷς
    collation = _collation("εἰ μὴ δῷς αὐτῷ", "εἰ μηδαμῶς αὐτῷ", "εἰ μὴ δῷς αὐτῷ")
    assert _rows(collation) == [
        "εἰ | εἰ | εἰ",
        "μὴ | μηδαμῶς | μὴ",
        "δῷς | - | δῷς",
        "αὐτῷ | αὐτῷ | αὐτῷ",
    ]


def test_a_spelling_variant_stays_in_its_words_row() -> None:
    # Florilegium, Q against the others: νείλου τοῦ νύσσης for Γρηγορίου Νύσης
    collation = _collation("ὁ λόγος Γρηγορίου Νύσης ἤκουσα", "ὁ λόγος νείλου τοῦ νύσσης ἤκουσα")
    assert _rows(collation)[2:] == [
        "Γρηγορίου | νείλου",
        "- | τοῦ",
        "Νύσης | νύσσης",
        "ἤκουσα | ἤκουσα",
    ]


def test_a_word_joins_a_column_by_any_witness_s_form_there() -> None:
    """Luke 19:29 in the SBLGNT: RP's εἰπών came first into the column where Treg reads λέγων;
    the base's λέγων still joins that column, not the added word's. And Acts 7:43: WH's
    Ῥομφά is nearer RP's Ῥεμφάν than the base's Ῥαιφάν, and joins their column."""

    def rows(*texts: tuple[str, str]) -> list[str]:
        collation = collate([witness_from_text(t, s) for t, s in texts])
        return _rows(collation)

    assert rows(
        ("τῶν μαθητῶν λέγων · Ὑπάγετε", "SBL"),
        ("τῶν μαθητῶν αὐτοῦ λέγων · Ὑπάγετε", "Treg"),
        ("τῶν μαθητῶν αὐτοῦ εἰπών · Ὑπάγετε", "RP"),
    )[2:4] == ["- | αὐτοῦ | αὐτοῦ", "λέγων | λέγων | εἰπών"]
    assert rows(
        ("τοῦ θεοῦ Ῥαιφάν , τοὺς", "SBL"),
        ("τοῦ θεοῦ Ῥομφά , τοὺς", "WH"),
        ("τοῦ θεοῦ ὑμῶν Ῥαιφάν , τοὺς", "NIV"),
        ("τοῦ θεοῦ ὑμῶν Ῥεμφάν , τοὺς", "RP"),
    )[2:4] == ["- | - | ὑμῶν | ὑμῶν", "Ῥαιφάν | Ῥομφά | Ῥαιφάν | Ῥεμφάν"]


# CollateX's AlignmentTableTest (collatex-core, "testSimpleTranspositions" family): the two
# cases issue 13 reports.
def test_a_word_every_witness_has_shares_one_column() -> None:
    """A "y" / B "x y z" / C "z y": every witness's y stands in one column (three witnesses
    share it), not B's y alone beside the two z's."""
    collation = _collation("y", "x y z", "z y")
    columns = [
        {s: collation.witness(s).tokens[i].text for s, i in column.items()}
        for column in token_columns(collation)
    ]
    assert {"A": "y", "B": "y", "C": "y"} in columns


def test_a_word_two_witnesses_share_is_one_column_whatever_the_order() -> None:
    """A "a x" / B "b y" / C "a b": B's and C's b stand in one column, and A's and C's a, in
    whatever order the witnesses are given."""
    for order in ("ABC", "BCA", "CAB"):
        texts = dict(zip("ABC", ("a x", "b y", "a b"), strict=True))
        witnesses = [witness_from_text(texts[s], s) for s in order]
        collation = collate(witnesses, base="A")
        cells = [
            {s: collation.witness(s).tokens[i].text for s, i in column.items()}
            for column in token_columns(collation)
        ]
        assert any(column.get("B") == column.get("C") == "b" for column in cells), order
        assert any(column.get("A") == column.get("C") == "a" for column in cells), order


def test_csv_and_collatex_json_by_words(tmp_path: object) -> None:
    collation = _collation("a b c d", "a x c d", "a c d e")
    table = render_document(collation, ApparatusFormat.CSV, words=token_columns(collation))
    assert list(csv.reader(io.StringIO(table))) == [
        ["A", "B", "C"],
        ["a ", "a ", "a "],
        ["b ", "x ", ""],
        ["c ", "c ", "c "],
        ["d", "d", "d "],
        ["", "", "e"],
    ]
    data = json.loads(
        render_document(collation, ApparatusFormat.JSON_COLLATEX, words=token_columns(collation))
    )
    assert all(len(cell) <= 1 for column in data["table"] for cell in column)
    rebuilt = ["".join(c[k][0]["t"] for c in data["table"] if c[k]) for k in range(3)]
    assert rebuilt == ["a b c d", "a x c d", "a c d e"]


def test_cli_words_option(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    for name, text in (("a.txt", "one two three\n"), ("b.txt", "one too three\n")):
        (folder / name).write_text(text, encoding="utf-8")
    result = runner.invoke(
        app,
        ["apparatus", str(folder / "a.txt"), str(folder / "b.txt"), "-f", "tsv", "--words"],
    )
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.output), delimiter="\t")) == [
        ["a", "b"],
        ["one ", "one "],
        ["two ", "too "],
        ["three\n", "three\n"],
    ]


# ../shared/corpora/florilegium/florilegium.csv: the Florilegium Coislinianum's 13 manuscripts
# aligned word by word by hand (see the corpus README).
def test_florilegium_hand_rows_come_out_as_columns() -> None:
    """Issue 5's target: 274 of the 280 rows of the Florilegium's hand-aligned table come out
    exactly as word columns (scored as `benchmarks/florilegium.py` scores them)."""
    florilegium = benchmark("florilegium")
    sigla, rows = florilegium.read_table()
    witnesses = [
        florilegium.witness(s, [r[k] for r in rows if r[k] and r[k] != "#LACUNA#"])
        for k, s in enumerate(sigla)
    ]
    hand = florilegium.hand_rows(sigla, rows)
    ours = set(florilegium.our_columns(collate(witnesses)))
    assert len(hand) == 280
    assert sum(row in ours for row in hand) >= 274
