"""The critical apparatus in every format: golden documents, the editor's conventions, and
witnesses rebuilt from each export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given

from collate import Collation, collate, load_witness, witness_from_text
from collate.apparatus import entries, shorten
from collate.engine import alignment_rows, paragraph_blocks, token_columns
from collate.model import VariantClass
from collate.render import ApparatusFormat, Layout, Minor, TeiMethod, render_document
from collate.render.apparatus_text import render_apparatus_text
from collate.witnesses import load_witnesses
from conftest import WITNESSES, baku_laid_out
from strategies import related_texts, special_tokens

# The n=2 toy case: an omission, an addition, a substitution, a transposition, and characters
# every format must escape.
TOY_A = (
    "The black cat sat on the mat & ate <fish> for 50% of {the} day.\n\n"
    "Then it slept by the warm fire, dreaming of mice and birds.\n"
)
TOY_B = (
    "The cat sat on the old mat & ate <meat> for 50% of {the} day.\n\n"
    "Then, dreaming of mice and birds, it slept by the warm fire.\n"
)

# Every format that `collate apparatus` writes, with its golden-file suffix.
FORMATS = {
    "text": (ApparatusFormat.TEXT, {}, "txt"),
    "positive": (ApparatusFormat.TEXT, {"positive": True}, "positive.txt"),
    "tei": (ApparatusFormat.TEI, {}, "tei.xml"),
    "tei-dep": (ApparatusFormat.TEI, {"tei_method": TeiMethod.DOUBLE_END_POINT}, "dep.xml"),
    "latex": (ApparatusFormat.LATEX, {}, "tex"),
    "csv": (ApparatusFormat.CSV, {}, "csv"),
    "tsv": (ApparatusFormat.TSV, {}, "tsv"),
    "json-collatex": (ApparatusFormat.JSON_COLLATEX, {}, "collatex.json"),
}


def toy() -> Collation:
    return collate(
        [
            witness_from_text(TOY_A, "A", title="Toy, first version"),
            witness_from_text(TOY_B, "B", title="Toy, second version"),
        ]
    )


def letters_excerpt() -> Collation:
    """Paragraphs 3 and 6 of the Medvedev letters (witnesses/), which differ in omissions,
    additions and substitutions."""
    texts = []
    for name in ("medvedev-1926.txt", "baku-1924.txt"):
        paragraphs = (WITNESSES / name).read_text(encoding="utf-8").split("\n\n")
        texts.append(paragraphs[3] + "\n\n" + paragraphs[5] + "\n")
    return collate(
        [
            witness_from_text(texts[0], "M", title="Medvedev, 1926 text (excerpt)"),
            witness_from_text(texts[1], "B", title="Baku copy, 1924 (excerpt)"),
        ]
    )


CASES: dict[str, Callable[[], Collation]] = {"toy": toy, "letters": letters_excerpt}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("name", FORMATS)
def test_golden_documents(case: str, name: str, golden: Callable[[str, str], None]) -> None:
    output_format, options, suffix = FORMATS[name]
    document = render_document(CASES[case](), output_format, **options)  # type: ignore[arg-type]
    golden(f"apparatus-{case}.{suffix}", document)


def test_printed_apparatus_follows_the_editors_conventions() -> None:
    lines = render_apparatus_text(toy()).splitlines()
    assert lines[:4] == [
        "Critical apparatus",
        "Base text: A, Toy, first version",
        "Witnesses:",
        "  A  Toy, first version",
    ]
    body = [line for line in lines if line[:1].isdigit()]
    # one line per base sentence, entries separated by " | "; om., add., transp.
    assert body[0] == "1.1 black] om. B | the] old add. B | fish] meat B"
    assert "transp. B" in body[1]


def test_a_phrase_reordered_in_place_prints_its_words_unless_two_are_swapped() -> None:
    witnesses = [
        witness_from_text("The people saw a great light in darkness.", "A"),
        witness_from_text("The people a great light saw in darkness.", "B"),
        witness_from_text("The people saw a great light darkness in.", "C"),
    ]
    text = render_apparatus_text(collate(witnesses))
    assert "1.1 saw a great light] a great light saw B | in darkness] transp. C" in text


def test_positive_apparatus_lists_the_agreeing_witnesses() -> None:
    text = render_apparatus_text(toy(), positive=True)
    assert "1.1 black A] om. B | the A] old add. B | fish A] meat B" in text


def test_addition_at_the_head_of_a_paragraph_is_praem() -> None:
    a = witness_from_text("One two.\n\nThree four.\n", "A")
    b = witness_from_text("One two.\n\nSo three four.\n", "B")
    assert "2.1 Three] So praem. B" in render_apparatus_text(collate([a, b]))


def test_long_lemma_is_shortened_to_first_and_last_word() -> None:
    a = witness_from_text("We went out into the cold dark night together.", "A")
    b = witness_from_text("We went together.", "B")
    assert "1.1 out … night] om. B" in render_apparatus_text(collate([a, b]))
    assert shorten("a b c d") == "a b c d"


def test_base_option_puts_the_chosen_witness_first() -> None:
    a, b = witness_from_text("the black cat", "A"), witness_from_text("the cat", "B")
    collation = collate([a, b], base="B")
    assert collation.sigla == ("B", "A")
    [entry] = entries(collation, alignment_rows(collation))
    assert (entry.lemma, entry.notes[0].text) == ("the", "black add.")


def _rebuild_rows(collation: Collation) -> dict[str, str]:
    rows = alignment_rows(collation)
    return {s: "".join(r.readings[s].text for r in rows) for s in collation.sigla}


@given(related_texts(pool=special_tokens))
def test_rows_and_blocks_rebuild_every_witness(texts: tuple[str, str]) -> None:
    a, b = texts
    collation = collate([witness_from_text(a + "x", "A"), witness_from_text(b + "x", "B")])
    assert _rebuild_rows(collation) == {"A": a + "x", "B": b + "x"}
    blocks = paragraph_blocks(collation)
    for siglum, text in (("A", a + "x"), ("B", b + "x")):
        rebuilt = "".join(
            "".join(r.readings[siglum].text for r in block.rows) + block.separator
            for block in blocks
        )
        assert rebuilt == text


def _table(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


@pytest.mark.parametrize("delimiter", [",", "\t"])
@given(texts=related_texts(pool=special_tokens))
def test_tables_rebuild_every_witness(delimiter: str, texts: tuple[str, str]) -> None:
    a, b = (t + "." for t in texts)
    collation = collate([witness_from_text(a, "A"), witness_from_text(b, "B")])
    output_format = ApparatusFormat.CSV if delimiter == "," else ApparatusFormat.TSV
    header, *rows = _table(render_document(collation, output_format), delimiter)
    assert header == ["A", "B"]
    assert ["".join(row[0] for row in rows), "".join(row[1] for row in rows)] == [a, b]


@given(related_texts(pool=special_tokens))
def test_collatex_table_rebuilds_every_witness(texts: tuple[str, str]) -> None:
    a, b = (t + "." for t in texts)
    collation = collate([witness_from_text(a, "A"), witness_from_text(b, "B")])
    data = json.loads(render_document(collation, ApparatusFormat.JSON_COLLATEX))
    assert data["witnesses"] == ["A", "B"]
    assert all(len(column) == 2 for column in data["table"])
    for index, text in enumerate((a, b)):
        assert "".join(t["t"] for column in data["table"] for t in column[index]) == text


def test_collatex_table_is_column_major_with_token_fields() -> None:
    data = json.loads(render_document(toy(), ApparatusFormat.JSON_COLLATEX))
    first_a, first_b = data["table"][0]
    assert first_a[0] == {"_sigil": "A", "_token_array_position": 0, "n": "the", "t": "The "}
    assert first_b[0]["_sigil"] == "B"
    omission = next(column for column in data["table"] if column[1] == [])
    assert [t["t"] for t in omission[0]] == ["black "]


def test_collatex_table_loads_back_as_witnesses(tmp_path: Path) -> None:
    path = tmp_path / "toy.json"
    path.write_text(render_document(toy(), ApparatusFormat.JSON_COLLATEX), encoding="utf-8")
    assert [(w.siglum, w.text) for w in load_witnesses([path])] == [("A", TOY_A), ("B", TOY_B)]


def test_whole_letters_apparatus_cites_every_unit_once() -> None:
    medvedev = load_witness(WITNESSES / "medvedev-1926.txt")
    baku = load_witness(WITNESSES / "baku-1924.txt")
    collation = collate([medvedev, baku])
    text = render_apparatus_text(collation)
    cited = sum(line.count("] ") for line in text.splitlines() if line[:1].isdigit())
    assert cited == len(collation.units)


TOKENIZED = {
    "witnesses": [
        {"id": "A", "tokens": [{"t": "the ", "n": "the"}, {"t": "kitten. ", "n": "cat"}]},
        {"id": "B", "tokens": [{"t": "the ", "n": "the"}, {"t": "cat.", "n": "cat"}]},
        {"id": "C", "tokens": [{"t": "a ", "n": "a"}, {"t": "kitten.", "n": "cat"}]},
    ]
}


@pytest.mark.parametrize("words", [False, True], ids=["rows", "word-columns"])
def test_collatex_table_keeps_given_tokens(tmp_path: Path, words: bool) -> None:
    """Witnesses given as CollateX tokens come back in json-collatex as the tokens given, with
    their n forms ("kitten. " stays one token matched as "cat", not "kitten" + "." with n
    "kitten")."""
    path = tmp_path / "tokens.json"
    path.write_text(json.dumps(TOKENIZED), encoding="utf-8")
    collation = collate(load_witnesses([path]))
    columns = token_columns(collation) if words else None
    data = json.loads(render_document(collation, ApparatusFormat.JSON_COLLATEX, words=columns))
    for index, witness in enumerate(TOKENIZED["witnesses"]):
        given = [(t["t"], t["n"]) for t in witness["tokens"]]  # type: ignore[index]
        back = [(t["t"], t["n"]) for column in data["table"] for t in column[index]]
        if not words:
            # a row ends where a unit does, so a token's whitespace may lie in the next row
            given = [(text.strip(), form) for text, form in given]
            back = [(text.strip(), form) for text, form in back if text.strip()]
        assert back == given
    if words:
        # the tokens matched by their n forms share a column
        assert [len([c for c in column if c]) for column in data["table"]] == [3, 3]


def _beyond_layout(collation: Collation) -> list[tuple[str, str, str, str]]:
    """Each unit that is not of class layout as (type, class, the base's words, the other's
    words), whitespace made single spaces."""
    base, other = collation.sigla
    return [
        (
            unit.type.value,
            unit.variant_class.value,
            " ".join(unit.readings[base].text.split()),
            " ".join(unit.readings[other].text.split()),
        )
        for unit in collation.units
        if unit.variant_class is not VariantClass.LAYOUT
    ]


def _cited(text: str) -> int:
    return sum(line.count("] ") for line in text.splitlines() if line[:1].isdigit())


@pytest.mark.parametrize(("layout", "differences"), [("wrapped", 596), ("one paragraph", 82)])
def test_a_copy_laid_out_otherwise_prints_the_apparatus_of_the_printed_copy(
    layout: str, differences: int
) -> None:
    """Issue 13 item 3: the Baku letter re-wrapped at 64 columns, or run into one paragraph,
    gives the 94 units of the letter as printed, whitespace aside; every other unit is of class
    layout. The printed apparatus leaves those out and says how many; with --layout include it
    cites every unit, the layout ones as "spacing"."""
    medvedev = load_witness(WITNESSES / "medvedev-1926.txt")
    printed = collate([medvedev, load_witness(WITNESSES / "baku-1924.txt", "B")])
    laid_out = collate([medvedev, witness_from_text(baku_laid_out(layout), "B")])
    assert len(_beyond_layout(printed)) == len(printed.units) == 94
    assert _beyond_layout(laid_out) == _beyond_layout(printed)
    assert len(laid_out.units) == 94 + differences
    text = render_apparatus_text(laid_out)
    assert "] spacing" not in text
    assert _cited(text) == 94
    assert (
        f"Not shown: {differences} differences of layout alone (line breaks, spacing); "
        "--layout include prints them."
    ) in text.splitlines()
    included = render_apparatus_text(laid_out, layout=Layout.INCLUDE)
    assert "Not shown" not in included
    assert _cited(included) == len(laid_out.units)
    # the re-wrapped copy's two compounds broken at their hyphens print as they stand
    hyphens = ["self-expulsion] self- expulsion B", "proletarian-class] proletarian- class B"]
    assert included.count("] spacing B") == differences - (2 if layout == "wrapped" else 0)
    assert all((h in included) == (layout == "wrapped") for h in hyphens)
    separate = render_apparatus_text(laid_out, layout=Layout.INCLUDE, minor=Minor.SEPARATE)
    head, minor = separate.split("\nPunctuation, orthographic and layout variants:\n")
    assert "] spacing" not in head
    assert minor.count("] spacing B") == included.count("] spacing B")


def test_latex_leaves_layout_out_unless_included() -> None:
    """The reledmac document prints no note for a line break against a space, says in a
    comment how many it left out, and notes them with --layout include."""
    collation = collate(
        [
            witness_from_text("The quick brown fox\njumps over the lazy dog.\n", "A"),
            witness_from_text("The quick brown fox jumps over the lazy cat.\n", "B"),
        ]
    )
    omitted = render_document(collation, ApparatusFormat.LATEX)
    assert "% 1 difference of layout alone not shown (--layout include).\n" in omitted
    assert omitted.count("\\edtext") == 1
    assert "spacing" not in omitted
    included = render_document(collation, ApparatusFormat.LATEX, layout=Layout.INCLUDE)
    assert "not shown" not in included
    assert included.count("\\edtext") == 2
    assert "\\emph{spacing} B" in included
    separate = render_document(
        collation, ApparatusFormat.LATEX, layout=Layout.INCLUDE, minor=Minor.SEPARATE
    )
    assert "\\Bfootnote{\\emph{spacing} B}" in separate


@pytest.mark.parametrize("layout", ["wrapped", "one paragraph"])
@pytest.mark.parametrize("name", ["json", "tei", "tei-dep", "csv", "tsv", "json-collatex"])
def test_a_copy_laid_out_otherwise_rebuilds_from_every_export(
    name: str, layout: str, tmp_path: Path
) -> None:
    """The layout units stay in every data export, so both letters come back from it
    character for character; the JSON export and TEI with --classes type them layout."""
    medvedev = load_witness(WITNESSES / "medvedev-1926.txt")
    baku = witness_from_text(baku_laid_out(layout), "B")
    collation = collate([medvedev, baku])
    dep = name == "tei-dep"
    document = render_document(
        collation,
        ApparatusFormat.TEI if dep else ApparatusFormat(name),
        tei_method=TeiMethod.DOUBLE_END_POINT if dep else TeiMethod.PARALLEL_SEGMENTATION,
    )
    if name in ("csv", "tsv"):
        _, *rows = _table(document, "," if name == "csv" else "\t")
        assert ["".join(row[0] for row in rows), "".join(row[1] for row in rows)] == [
            medvedev.text,
            baku.text,
        ]
        return
    path = tmp_path / ("letters.xml" if name.startswith("tei") else "letters.json")
    path.write_text(document, encoding="utf-8")
    assert [w.text for w in load_witnesses([path])] == [medvedev.text, baku.text]
    layout_units = sum(1 for u in collation.units if u.variant_class is VariantClass.LAYOUT)
    if name == "json":
        classes = [unit["class"] for unit in json.loads(document)["units"]]
        assert classes.count("layout") == layout_units
    if name == "tei":
        typed = render_document(collation, ApparatusFormat.TEI, classes=True)
        assert typed.count('<rdgGrp type="layout">') == layout_units
        path.write_text(typed, encoding="utf-8")
        assert [w.text for w in load_witnesses([path])] == [medvedev.text, baku.text]
