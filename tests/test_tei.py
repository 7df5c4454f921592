"""TEI P5 output (both encodings) validated against the TEI schema, read back losslessly, and
TEI made elsewhere read as witnesses."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from lxml import etree

from collate import (
    ApparatusError,
    Collation,
    Witness,
    collate,
    load_witness,
    load_witnesses,
    witness_from_text,
)
from collate.render import TeiMethod
from collate.render.tei import render_tei
from collate.tei_import import parse_xml, read_tei, witnesses_from_tei
from conftest import SHARED, WITNESSES
from strategies import related_texts, special_tokens

FLORILEGIUM = SHARED / "corpora" / "florilegium" / "florilegium_tei_ps.xml"
WIFE_OF_BATH = SHARED / "corpora" / "tei-examples" / "wife-of-bath.xml"
DARWIN = SHARED / "corpora" / "darwin" / "chapter1"
TEI = "{http://www.tei-c.org/ns/1.0}"


def letters() -> Collation:
    return collate(
        [load_witness(WITNESSES / "medvedev-1926.txt"), load_witness(WITNESSES / "baku-1924.txt")]
    )


NASTY_A = "Price: 50% of {x} & <b>y</b> ]]> \x07 bell \\ # $ _ ^ ~\r\nend.\n\nSecond para.\n"
NASTY_B = "Price: 60% of {x} & <i>y</i> ]]> bell \\ # $ _ ^ ~\nend.\n\n\nSecond para here.\n"


def nasty() -> Collation:
    return collate([witness_from_text(NASTY_A, "1859"), witness_from_text(NASTY_B, "MS.B&1")])


@pytest.mark.parametrize("method", list(TeiMethod))
@pytest.mark.parametrize("case", [letters, nasty])
def test_output_is_valid_tei(case: object, method: TeiMethod, tei_schema: etree.RelaxNG) -> None:
    assert callable(case)
    document = render_tei(case(), method)
    tree = etree.fromstring(document.encode("utf-8"))
    assert tei_schema.validate(tree), tei_schema.error_log.last_error


def test_header_declares_witnesses_method_and_base() -> None:
    root = etree.fromstring(render_tei(nasty(), TeiMethod.DOUBLE_END_POINT).encode())
    witnesses = root.findall(f".//{TEI}listWit/{TEI}witness")
    ids = [w.get("{http://www.w3.org/XML/1998/namespace}id") for w in witnesses]
    assert ids == ["wit-1859", "wit-MS.B_1"]
    assert [w.get("n") for w in witnesses] == ["1859", "MS.B&1"]
    assert _find(root, f".//{TEI}variantEncoding").get("method") == "double-end-point"
    declaration = "".join(str(t) for t in _find(root, f".//{TEI}editorialDecl").itertext())
    assert "Base text: witness 1859" in declaration
    apps = root.findall(f".//{TEI}listApp/{TEI}app")
    anchors = {a.get("{http://www.w3.org/XML/1998/namespace}id") for a in root.iter(f"{TEI}anchor")}
    assert apps
    assert all(end in anchors for app in apps for end in _ends(app))


def _find(root: etree._Element, path: str) -> etree._Element:
    found = root.find(path)
    assert found is not None, path
    return found


def _ends(app: etree._Element) -> list[str]:
    return [str(app.get("from", ""))[1:], str(app.get("to", ""))[1:]]


def test_parallel_segmentation_marks_omission_and_addition_empty() -> None:
    a = witness_from_text("the black cat sat", "A")
    b = witness_from_text("the cat sat down", "B")
    root = etree.fromstring(render_tei(collate([a, b])).encode())
    apps = root.findall(f".//{TEI}app")
    assert [app.get("type") for app in apps] == ["omission", "addition"]
    omission, addition = apps
    assert _find(omission, f"{TEI}lem").text == "black "
    assert _find(omission, f"{TEI}rdg").text is None
    assert _find(addition, f"{TEI}lem").text is None
    assert _find(addition, f"{TEI}rdg").get("wit") == "#B"


@pytest.mark.parametrize("method", list(TeiMethod))
def test_letters_round_trip_exactly(method: TeiMethod) -> None:
    collation = letters()
    back = read_tei("letters.xml", render_tei(collation, method).encode("utf-8"))
    assert [(w.siglum, w.text) for w in back] == [(w.siglum, w.text) for w in collation.witnesses]
    assert back[0].title == collation.base.title


@pytest.mark.parametrize("method", list(TeiMethod))
@pytest.mark.parametrize("pair", [("1859", "1860"), ("1859", "1872")])
def test_darwin_chapter_one_round_trips_exactly(pair: tuple[str, str], method: TeiMethod) -> None:
    witnesses = [load_witness(DARWIN / f"darwin{year}.txt", year) for year in pair]
    document = render_tei(collate(witnesses), method)
    back = read_tei("darwin.xml", document.encode("utf-8"))
    assert [w.text for w in back] == [w.text for w in witnesses]


@settings(max_examples=60)
@given(texts=related_texts(pool=special_tokens))
def test_any_text_is_valid_tei_and_round_trips_exactly(
    texts: tuple[str, str], tei_schema: etree.RelaxNG
) -> None:
    a, b = (t + "." for t in texts)
    collation = collate([witness_from_text(a, "A"), witness_from_text(b, "B")])
    for method in TeiMethod:
        document = render_tei(collation, method).encode("utf-8")
        assert tei_schema.validate(etree.fromstring(document)), tei_schema.error_log.last_error
        back = read_tei("generated.xml", document)
        assert [w.text for w in back] == [a, b]


def test_florilegium_reads_as_its_thirteen_witnesses() -> None:
    # tla/stemmatology base/t/data/florilegium_tei_ps.xml (not schema-valid: lem after rdg)
    witnesses = read_tei(FLORILEGIUM)
    assert [w.siglum for w in witnesses] == list("ABCDEFGHKPQST")
    # compared in NFC: the file writes some accents as their compatibility forms
    by_siglum = {w.siglum: _nfc(w) for w in witnesses}
    # app a1.0: A has Μαξίμου, F and H Μαξίμου ἁγίου, C none; app a1.1_0: C and P lack Ἡ
    assert by_siglum["A"].text.startswith(
        _nfc_text("Μαξίμου\n\nἩ περὶ τῆς τοῦ πνεύματος τοῦ ἁγίου")
    )
    assert by_siglum["F"].text.startswith("Μαξίμου ἁγίου\n\n")
    assert by_siglum["C"].text.startswith("περὶ τῆς τοῦ")
    # app a1.1_2: P reads ἁγίου πνεύματος; a1.21_0: H's plain reading, not its s.l. layer
    assert "τοῦ ἁγίου πνεύματος" in by_siglum["P"].text
    assert "μὴ κρίνεται φοβούμενος" in by_siglum["H"].text
    assert witnesses[0].title == "witness A"


def _nfc(witness: Witness) -> Witness:
    return witness_from_text(unicodedata.normalize("NFC", witness.text), witness.siglum)


def _nfc_text(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _example(example_id: str) -> etree._Element:
    # TEI Guidelines, chapter TC (TEIC/TEI P5/Source/Guidelines/en/TC-CriticalApparatus.xml)
    root = parse_xml(WIFE_OF_BATH.read_bytes(), str(WIFE_OF_BATH))
    [example] = [e for e in root.iter("example") if e.get("id") == example_id]
    return example


def test_wife_of_bath_parallel_segmentation_example() -> None:
    witnesses = witnesses_from_tei(_example("TCAPPS-egXML-ei"), "TCAPPS-egXML-ei")
    assert [w.siglum for w in witnesses] == ["El", "Hg", "La", "Ra2"]
    assert witnesses[2].text == "Experiment though noon Auctoritee\nWere in this world ...\n"


def test_wife_of_bath_nested_apparatus() -> None:
    witnesses = witnesses_from_tei(_example("TCAPPS-egXML-fy"), "TCAPPS-egXML-fy")
    texts = {w.siglum: w.text.strip() for w in witnesses}
    assert texts == {
        "Chi3": "Auctoritee, though none experience",
        "El": "Experience though noon Auctorite",
        "Hg": "Experience thogh noon Auctorite",
        "La": "Experiment thouh none auctorite",
        "Ra2": "Eryment though none auctorite",
    }


def test_wife_of_bath_reading_groups_and_double_end_point() -> None:
    grouped = witnesses_from_tei(_example("TCAPSU-egXML-wt"), "TCAPSU-egXML-wt")
    assert len(grouped) == 7
    assert {w.siglum: w.text.strip() for w in grouped}["Ha4"] == "Experiens"
    dep = witnesses_from_tei(_example("TCAPDE-egXML-oc"), "TCAPDE-egXML-oc")
    assert {w.siglum: w.text.strip() for w in dep}["Ha4"] == "And in what wise was a wight ywroght"


def test_location_referenced_apparatus_is_refused() -> None:
    with pytest.raises(ApparatusError, match="location-referenced"):
        witnesses_from_tei(_example("TCAPLO-egXML-ae"), "TCAPLO-egXML-ae")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        # a TEI file without <app> is a transcription (collate.transcription): one with no text
        (b"<TEI><text><body><p> </p></body></text></TEI>", "has no text"),
        (b"<TEI><text><body><p>Broken</body></text></TEI>", "not well-formed XML"),
        (
            b'<TEI><teiHeader><listWit><witness xml:id="A"/></listWit></teiHeader><text><body>'
            b'<p><app><lem wit="#A">x</lem><rdg wit="#Z">y</rdg></app></p></body></text></TEI>',
            "'#Z' (line 1) names no witness declared in listWit (A)",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<TEI><p><app><rdg wit="#A">&x;</rdg></app></p></TEI>',
            "declares entities",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">]>'
            b'<TEI><p><app><rdg wit="#A">&c;</rdg></app></p></TEI>',
            "declares entities",
        ),
        (
            b'<TEI><p><app><rdg wit="#A">&undefined;</rdg></app></p></TEI>',
            "not well-formed XML",
        ),
    ],
    ids=["no-text", "malformed", "undeclared-wit", "external-entity", "bomb", "undefined"],
)
def test_bad_tei_is_refused_with_the_file_named(
    tmp_path: Path, document: bytes, message: str
) -> None:
    path = tmp_path / "edition.xml"
    path.write_bytes(document)
    with pytest.raises(ApparatusError) as error:
        read_tei(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("app", "message"),
    [
        (
            '<app from="#a1" to="#missing"><rdg wit="#B">y</rdg></app>',
            "<app to='#missing'> (line 1) names no <anchor> in the text",
        ),
        (
            '<app from="#nowhere" to="#a2"><rdg wit="#B">y</rdg></app>',
            "<app from='#nowhere'> (line 1) names no <anchor> in the text",
        ),
        (
            '<app from="#a2" to="#a1"><rdg wit="#B">y</rdg></app>',
            "the reading of B ends at the anchor 'a1', which does not come after",
        ),
        (  # the Classical Text Editor's export (../shared/corpora/florilegium/*_cte.xml)
            '<app to="#a2"><rdg wit="#B">y</rdg></app>',
            "<app to='#a2'> (line 1) has no @from: an entry whose lemma begins at the app",
        ),
    ],
    ids=["missing-to", "missing-from", "to-before-from", "to-without-from"],
)
def test_double_end_point_pointing_nowhere_is_refused(
    tmp_path: Path, app: str, message: str
) -> None:
    """An @from or @to that names no anchor (or an end before its start) would cut a witness
    short after it: it is refused, naming the app."""
    path = tmp_path / "edition.xml"
    path.write_text(
        '<TEI><teiHeader><encodingDesc><variantEncoding method="double-end-point" '
        'location="internal"/></encodingDesc></teiHeader><text><body><p>one <anchor xml:id="a1"/>'
        'two<anchor xml:id="a2"/> three four five</p></body><back><listApp>'
        + app
        + "</listApp></back></text></TEI>",
        encoding="utf-8",
    )
    with pytest.raises(ApparatusError) as error:
        read_tei(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


@pytest.mark.parametrize("form", ["tei", "double-end-point", "json-collatex"])
def test_an_empty_witness_survives_the_round_trip(tmp_path: Path, form: str) -> None:
    """A whitespace-only witness of a collation comes back from TEI (both methods) and from
    CollateX's table exactly, rather than vanishing."""
    from collate.render import ApparatusFormat, render_document

    witnesses = [
        witness_from_text("one two three\n", "A"),
        witness_from_text("one two four\n", "B"),
        witness_from_text("  \n", "E"),
    ]
    collation = collate(witnesses)
    if form == "json-collatex":
        path = tmp_path / "table.json"
        path.write_text(render_document(collation, ApparatusFormat.JSON_COLLATEX), "utf-8")
    else:
        method = (
            TeiMethod.DOUBLE_END_POINT
            if form == "double-end-point"
            else TeiMethod.PARALLEL_SEGMENTATION
        )
        path = tmp_path / "edition.xml"
        path.write_text(render_tei(collation, method), encoding="utf-8")
    rebuilt = load_witnesses([path])
    assert [(w.siglum, w.text) for w in rebuilt] == [
        ("A", "one two three\n"),
        ("B", "one two four\n"),
        ("E", "  \n"),
    ]


def test_the_classical_text_editor_export_is_refused_in_one_line() -> None:
    """The Florilegium's CTE export (74 ``app``s with only ``@to``) is refused, naming what is
    unsupported, rather than read as a text without variants
    (../shared/corpora/florilegium/florilegium_tei_cte.xml)."""
    path = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
    path = path / "florilegium" / "florilegium_tei_cte.xml"
    with pytest.raises(ApparatusError) as error:
        read_tei(path)
    message = str(error.value)
    assert "\n" not in message
    assert "<app to='#w0'>" in message
    assert "has no @from" in message
    assert "Classical Text Editor" in message


def test_an_apparatus_whose_readings_place_nothing_is_an_error(tmp_path: Path) -> None:
    """``app`` entries that leave every witness with the same text are an error, not a
    collation with no variant."""
    edition = tmp_path / "same.xml"
    edition.write_text(
        '<TEI><teiHeader><listWit><witness xml:id="A"/><witness xml:id="B"/></listWit>'
        '</teiHeader><text><body><p>one <app><lem>two</lem><rdg wit="#A">two</rdg></app> '
        "three</p></body></text></TEI>",
        encoding="utf-8",
    )
    with pytest.raises(ApparatusError, match=r"its 1 <app> entries give every witness the same"):
        read_tei(edition)
