"""TEI and other XML transcriptions read as witnesses: the text by the layer and hand asked
for, pages, lines and verse lines kept for the apparatus's references."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from collate import collate, witness_from_text
from collate.cli import app
from collate.errors import ApparatusError
from collate.model import Location
from collate.options import ReadingOptions, TeiHand, TeiLayer
from collate.render.apparatus_text import render_apparatus_text
from collate.tei_import import read_tei
from collate.witnesses import load_witnesses

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
FRANKENSTEIN_C04 = SHARED / "frankenstein" / "units" / "C04"

TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>A letter, draft</title></titleStmt></fileDesc></teiHeader>
  <text><body>
    <fw type="header">Running head</fw>
    <pb n="12"/>
    <head>To my <choice><abbr>Bro.</abbr><expan>brother</expan></choice></head>
    <p><lb n="1"/>I have <del>seen</del><add>heard</add> the
       <lb n="2"/>news from <choice><sic>Lodnon</sic><corr>London</corr></choice>, and
       <lb n="3"/>it dis<lb break="no"/>tresses me.<note>A later pencil note.</note> The
       <lb n="4"/>rest <gap reason="illegible"/> is lost.</p>
    <pb n="13"/>
    <lg><l n="117">Of tribulacioun in mariage,</l>
        <l n="118">Of which I am expert in al myn age.</l></lg>
  </body></text>
</TEI>
"""


def _write(tmp_path: Path, text: str, name: str = "draft.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_tei_transcription_is_one_witness_read_as_finally_corrected(tmp_path: Path) -> None:
    """Expansions and corrections read, deletions left out, additions in, the note and the
    running head left out, the gap a lacuna, the word broken across lines joined."""
    [witness] = read_tei(_write(tmp_path, TEI))
    assert witness.siglum == "draft"
    assert witness.title == "A letter, draft"
    assert witness.text == (
        "To my brother\n\n"
        "I have heard the news from London, and it distresses me. The rest […] is lost.\n\n"
        "Of tribulacioun in mariage,\nOf which I am expert in al myn age.\n"
    )


def test_the_diplomatic_layer_and_the_first_hand(tmp_path: Path) -> None:
    """``--tei-layer diplomatic`` reads abbr and sic; ``--tei-hand first`` reads del, not add."""
    options = ReadingOptions(tei_layer=TeiLayer.DIPLOMATIC, tei_hand=TeiHand.FIRST)
    [witness] = read_tei(_write(tmp_path, TEI), options=options)
    assert witness.text.startswith(
        "To my Bro.\n\nI have seen the news from Lodnon, and it distresses me."
    )


def test_both_hands_are_two_witnesses(tmp_path: Path) -> None:
    """``--tei-hand both`` gives ``W`` and ``W(a.c.)``, which differ by the correction."""
    final, first = read_tei(_write(tmp_path, TEI), options=ReadingOptions(tei_hand=TeiHand.BOTH))
    assert (final.siglum, first.siglum) == ("draft", "draft(a.c.)")
    collation = collate([final, first])
    assert [
        (u.readings["draft"].text, u.readings["draft(a.c.)"].text) for u in collation.units
    ] == [("heard", "seen")]


def test_pages_lines_and_verse_lines_are_the_references(tmp_path: Path) -> None:
    """The printed apparatus cites ``p. 12, l. 2`` in prose and ``v. 118`` in verse."""
    path = _write(tmp_path, TEI)
    other = TEI.replace("London", "Paris").replace("al myn", "all my")
    [a] = read_tei(path)
    [b] = read_tei(_write(tmp_path, other, "copy.xml"))
    text = render_apparatus_text(collate([a, b]))
    assert "p. 12, l. 2 London] Paris copy" in text.splitlines()
    assert "v. 118 al myn] all my copy" in text.splitlines()
    assert a.location_at(a.text.index("distresses")) == Location(a.text.index("it dis"), "12", 3)
    assert a.location_at(a.text.index("tresses")) == Location(a.text.index("tresses"), "12", 4)


def test_milestone_elements_as_the_frankenstein_variorum_writes_them(tmp_path: Path) -> None:
    """``<p sID/>…<p eID/>`` make paragraphs, a ``<note sID/>`` pair is left out, and plain XML
    (no TEI namespace) is read by the same names."""
    xml = (
        '<xml><text><pb n="7"/><head sID="h1"/>LETTER I.<head eID="h1"/>'
        '<p sID="p1"/>You will re<pb n="8"/>joice<note sID="n1"/>a note<note eID="n1"/>.'
        '<p eID="p1"/><p sID="p2"/>Second.<p eID="p2"/></text></xml>'
    )
    [witness] = read_tei(_write(tmp_path, xml, "flat.xml"))
    assert witness.text == "LETTER I.\n\nYou will rejoice.\n\nSecond.\n"
    assert [(x.start, x.page) for x in witness.locations] == [(0, "7"), (22, "8")]


def test_a_tei_corpus_is_several_witnesses(tmp_path: Path) -> None:
    """Each ``<TEI>`` of a ``<teiCorpus>`` is a witness, named by its ``@n``."""
    corpus = (
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">'
        '<TEI n="A"><text><body><p>one two</p></body></text></TEI>'
        '<TEI n="B"><text><body><p>one three</p></body></text></TEI></teiCorpus>'
    )
    witnesses = read_tei(_write(tmp_path, corpus, "corpus.xml"))
    assert [(w.siglum, w.text) for w in witnesses] == [("A", "one two\n"), ("B", "one three\n")]


def test_a_transcription_with_no_text_is_refused(tmp_path: Path) -> None:
    """An empty body is one line naming the file, not an empty witness."""
    path = _write(tmp_path, '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body/></text></TEI>')
    with pytest.raises(ApparatusError, match=r"empty\.xml: the transcription 'empty' has no text"):
        read_tei(path.rename(tmp_path / "empty.xml"))


def _flattened(path: Path) -> str:
    """The Frankenstein Variorum's markup stripped as the plain-text benchmarks do it
    (benchmarks/corpora.py): paragraphs at p, head, l, ab and quote milestones."""
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<(?:p|head|l|ab|quote)\s+sID=\"[^\"]*\"\s*/>", "\u2029", raw)
    body = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<!--.*?-->", "", raw, flags=re.S)))
    paragraphs = (" ".join(part.split()) for part in body.split("\u2029"))
    return "\n\n".join(p for p in paragraphs if p) + "\n"


def _words_of_units(witnesses: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    collation = collate(witnesses)
    a, b = collation.sigla
    return [
        (" ".join(u.readings[a].text.split()), " ".join(u.readings[b].text.split()))
        for u in collation.units
        if u.readings[a].text.split() != u.readings[b].text.split()
    ]


def test_frankenstein_collates_straight_from_its_xml() -> None:
    """Frankenstein's unit C04 (1818 against 1831, the Variorum's own transcriptions) read
    from XML gives the units of the same texts collated as plain text, and the printed
    apparatus cites the 1818 edition's pages."""
    xml = [read_tei(FRANKENSTEIN_C04 / f"f{year}.xml")[0] for year in ("1818", "1831")]
    plain = [
        witness_from_text(_flattened(FRANKENSTEIN_C04 / f"f{year}.xml"), f"f{year}")
        for year in ("1818", "1831")
    ]
    assert _words_of_units(xml) == _words_of_units(plain)
    assert ("breaking", "springing") in _words_of_units(xml)
    lines = render_apparatus_text(collate(xml)).splitlines()
    assert (
        "p. 019 ,] om. f1831 | breaking] springing f1831 | mast] leak f1831 | ,] om. f1831 | "
        "your’s] yours f1831" in lines
    )


def test_plain_text_with_form_feeds_counts_pages_and_lines(tmp_path: Path) -> None:
    """Form feeds start pages and line breaks lines: ``p. 2, l. 2``; ``--lines`` counts lines
    in a text without pages."""
    a = _write(tmp_path, "First page line one.\n\fSecond page.\nIt ends well.\n", "a.txt")
    b = _write(tmp_path, "First page line one.\n\fSecond page.\nIt ends badly.\n", "b.txt")
    result = CliRunner().invoke(app, ["apparatus", str(a), str(b), "--format", "text"])
    assert "p. 2, l. 2 well] badly b" in result.output.splitlines()
    c = _write(tmp_path, "One.\nTwo three.\n", "c.txt")
    d = _write(tmp_path, "One.\nTwo four.\n", "d.txt")
    result = CliRunner().invoke(app, ["apparatus", str(c), str(d), "--lines", "-f", "text"])
    assert "l. 2 three] four d" in result.output.splitlines()


def test_cli_reads_layers_and_hands(tmp_path: Path) -> None:
    """``collate compare draft.xml --tei-hand both`` collates the draft with its first hand."""
    path = _write(tmp_path, TEI)
    result = CliRunner().invoke(
        app, ["apparatus", str(path), "--tei-hand", "both", "--format", "text"]
    )
    assert result.exit_code == 0, result.output
    assert "p. 12, l. 1 heard] seen draft(a.c.)" in result.output.splitlines()
    loaded = load_witnesses([path], options=ReadingOptions(tei_layer=TeiLayer.DIPLOMATIC))
    assert "Lodnon" in loaded[0].text


_WORDS = st.text(alphabet="abcdefghíjklmnoþ", min_size=1, max_size=6)


@st.composite
def _transcriptions(draw: st.DrawFn) -> tuple[str, dict[tuple[TeiLayer, TeiHand], str]]:
    """A random TEI paragraph of words, choices, corrections, gaps and words broken across
    lines, with the text each layer and hand should read from it."""
    xml: list[str] = []
    expected: dict[tuple[TeiLayer, TeiHand], list[str]] = {
        (layer, hand): [] for layer in TeiLayer for hand in (TeiHand.FINAL, TeiHand.FIRST)
    }
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["word", "choice", "subst", "gap", "broken"]))
        a, b = draw(_WORDS), draw(_WORDS)
        for (layer, hand), parts in expected.items():
            if kind == "word":
                parts.append(a)
            elif kind == "choice":
                parts.append(a if layer is TeiLayer.DIPLOMATIC else b)
            elif kind == "subst":
                parts.append(a if hand is TeiHand.FIRST else b)
            elif kind == "gap":
                parts.append("[…]")
            else:
                parts.append(a + b)
        xml.append(
            {
                "word": a,
                "choice": f"<choice><abbr>{a}</abbr><expan>{b}</expan></choice>",
                "subst": f"<subst><del>{a}</del><add>{b}</add></subst>",
                "gap": '<gap reason="lost"/>',
                "broken": f'{a}<lb break="no"/>{b}',
            }[kind]
        )
    document = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p><lb/>'
        + " <lb/>".join(xml)
        + "</p></body></text></TEI>"
    )
    return document, {key: " ".join(parts) + "\n" for key, parts in expected.items()}


@settings(max_examples=60, deadline=None)
@given(_transcriptions())
def test_random_transcriptions_read_by_the_rules_and_survive_export(
    case: tuple[str, dict[tuple[TeiLayer, TeiHand], str]],
) -> None:
    """Each layer and hand reads exactly the text its rules give, and that text survives the
    JSON export and the TEI apparatus export read back."""
    import tempfile

    from collate.render import ApparatusFormat, render_document
    from collate.render.json import render_json

    document, expected = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "w.xml"
        path.write_text(document, encoding="utf-8")
        for (layer, hand), text in expected.items():
            [witness] = read_tei(path, options=ReadingOptions(tei_layer=layer, tei_hand=hand))
            assert witness.text == text
        [witness] = read_tei(path)
        other = witness_from_text("zz yy\n", "other")
        collation = collate([witness, other])
        exported = Path(folder) / "c.json"
        exported.write_text(render_json(collation), encoding="utf-8")
        assert [w.text for w in load_witnesses([exported])] == [witness.text, "zz yy\n"]
        tei = Path(folder) / "c.tei.xml"
        tei.write_text(render_document(collation, ApparatusFormat.TEI), encoding="utf-8")
        assert [w.text for w in read_tei(tei)] == [witness.text, "zz yy\n"]


def test_the_json_export_records_how_it_was_read_and_collates_again_the_same(
    tmp_path: Path,
) -> None:
    """``collate compare draft.xml copy.xml --tei-layer diplomatic --tokens char -o x.json``
    records each source's sha256 and the reading options; ``collate compare x.json`` cuts the
    texts the same way (per character) and gives the same units and references."""
    import hashlib
    import json

    path = _write(tmp_path, TEI)
    copy = _write(tmp_path, TEI.replace("Lodnon", "Ludnon"), "copy.xml")
    first, again = tmp_path / "first.json", tmp_path / "again.json"
    options = ["--tei-layer", "diplomatic", "--tokens", "char"]
    runner = CliRunner()
    result = runner.invoke(app, ["compare", str(path), str(copy), *options, "-o", str(first)])
    assert result.exit_code == 0, result.output
    exported = json.loads(first.read_text(encoding="utf-8"))
    draft = exported["witnesses"][0]
    assert draft["source_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert draft["reading"] == {
        "tokens": "char",
        "tei_layer": "diplomatic",
        "tei_hand": "final",
        "lines": False,
    }
    assert "Lodnon" in draft["text"]  # the diplomatic layer: <sic>
    # per character: Lodnon / Lundon differ in one letter, not as whole words
    assert [u["readings"]["draft"]["text"] for u in exported["units"]] == ["o"]
    assert draft["locations"][0] == [draft["text"].index("To my"), "12", 0, ""]
    result = runner.invoke(app, ["compare", str(first), "-o", str(again)])
    assert result.exit_code == 0, result.output
    reread = json.loads(again.read_text(encoding="utf-8"))
    assert reread["units"] == exported["units"]
    for before, after in zip(exported["witnesses"], reread["witnesses"], strict=True):
        assert {k: v for k, v in after.items() if k != "path"} == {
            k: v for k, v in before.items() if k != "path"
        }
    printed = runner.invoke(app, ["apparatus", str(first), "--format", "text"])
    assert printed.exit_code == 0, printed.output
    assert "p. 12, l. 2 o] u copy" in printed.output.splitlines()


def test_a_json_export_with_unknown_reading_options_is_refused(tmp_path: Path) -> None:
    """A ``reading`` the program does not know is one line naming the file and the witness."""
    import json

    path = _write(tmp_path, TEI)
    copy = _write(tmp_path, TEI.replace("London", "Paris"), "copy.xml")
    exported = tmp_path / "x.json"
    runner = CliRunner()
    made = runner.invoke(app, ["compare", str(path), str(copy), "-o", str(exported)])
    assert made.exit_code == 0, made.output
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["witnesses"][0]["reading"]["tokens"] = "syllable"
    exported.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["compare", str(exported)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"collate: error: {exported}: witness draft: reading option tokens='syllable' is not "
        "one of auto, char, word"
    ]


def test_tei_and_csv_apparatus_cite_the_transcription_s_pages_and_lines(tmp_path: Path) -> None:
    """With a transcription as base, the TEI apparatus puts ``p. 12, l. 2`` in ``app/@loc``
    and the CSV/TSV table adds a last ``reference`` column (plain-text witnesses get none)."""
    import csv
    import io

    path = _write(tmp_path, TEI)
    copy = _write(tmp_path, TEI.replace("London", "Paris").replace("al myn", "all my"), "c.xml")
    runner = CliRunner()
    tei = runner.invoke(app, ["apparatus", str(path), str(copy), "--format", "tei"])
    assert tei.exit_code == 0, tei.output
    apps = re.findall(r"<app [^>]*>", tei.stdout)
    assert [re.search(r'loc="([^"]*)"', a).group(1) for a in apps] == [  # type: ignore[union-attr]
        "p. 12, l. 2",
        "v. 118",
    ]
    table = runner.invoke(app, ["apparatus", str(path), str(copy), "--format", "csv"])
    assert table.exit_code == 0, table.output
    rows = list(csv.reader(io.StringIO(table.stdout)))
    assert rows[0] == ["draft", "c", "reference"]
    assert ["London", "Paris", "p. 12, l. 2"] in rows
    assert [r[2] for r in rows if r[0].startswith("al myn")] == ["v. 118"]
    assert "".join(r[0] for r in rows[1:]) == read_tei(path)[0].text
