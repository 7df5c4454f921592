"""The JSON export: the documented shape, exact offsets, and witnesses rebuilt from it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given

from collate import collate, load_witness, witness_from_text
from collate.render.json import render_json
from conftest import ROOT
from strategies import related_texts


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _export(a: str, b: str) -> dict[str, Any]:
    result = collate([witness_from_text(a, "A"), witness_from_text(b, "B")])
    data: dict[str, Any] = json.loads(render_json(result))
    return data


def rebuild_from_export(data: dict[str, Any], siglum: str) -> str:
    """A witness's text from the export without reading its ``text``: the base text with each
    unit's base reading replaced by the witness's reading (a transposition's reading is put at
    its own place in the witness, which the base reading's removal leaves free)."""
    base = next(w for w in data["witnesses"] if w["siglum"] == data["base"])
    if siglum == base["siglum"]:
        return str(base["text"])
    pieces = []
    position = 0
    moved = []
    for unit in sorted(data["units"], key=lambda u: u["readings"][base["siglum"]]["start"]):
        lemma = unit["readings"][base["siglum"]]
        pieces.append(base["text"][position : lemma["start"]])
        if unit["type"] == "transposition":
            moved.append(unit["readings"][siglum])
        else:
            pieces.append(unit["readings"][siglum]["text"])
        position = lemma["end"]
    pieces.append(base["text"][position:])
    text = "".join(pieces)
    for reading in sorted(moved, key=lambda r: r["start"]):
        text = text[: reading["start"]] + reading["text"] + text[reading["start"] :]
    return text


def test_the_documented_shape(golden: Callable[[str, str], None]) -> None:
    """The Armand export, whole, is the golden file; its fields are the README's."""
    result = collate(
        [load_witness("witnesses/armand-1914.txt"), load_witness("witnesses/armand-pss.txt")]
    )
    text = render_json(result)
    golden("armand.json", text)
    data = json.loads(text)
    assert set(data) == {"format", "version", "base", "witnesses", "units"}
    assert set(data["witnesses"][0]) == {
        "siglum",
        "title",
        "date",
        "source",
        "path",
        "sha256",
        "source_sha256",
        "reading",
        "length",
        "text",
    }
    source = (ROOT / "witnesses/armand-1914.txt").read_bytes()
    assert data["witnesses"][0]["source_sha256"] == hashlib.sha256(source).hexdigest()
    assert data["witnesses"][0]["reading"] == {
        "tokens": "auto",
        "tei_layer": "normalized",
        "tei_hand": "final",
        "lines": False,
    }
    assert set(data["units"][0]) == {"id", "type", "class", "segment", "readings"}


def test_offsets_are_code_points_into_the_decoded_text() -> None:
    """start/end slice each reading out of the witness text, astral characters included."""
    data = _export("𝔄 naïve cat sat “there”", "𝔄 naive cat sat there")
    texts = {w["siglum"]: w["text"] for w in data["witnesses"]}
    for unit in data["units"]:
        for siglum, reading in unit["readings"].items():
            assert texts[siglum][reading["start"] : reading["end"]] == reading["text"]
    assert [u["readings"]["A"]["text"].strip() for u in data["units"]] == ["naïve", "“there”"]
    assert data["units"][0]["readings"]["A"]["start"] == 2


def test_every_witness_has_a_reading_in_every_unit() -> None:
    """An omission is an empty reading at the place the text would stand."""
    data = _export("on the uninterrupted expansion", "on the expansion")
    (unit,) = data["units"]
    assert unit["type"] == "omission"
    assert unit["readings"]["B"] == {"start": 7, "end": 7, "text": ""}


def test_digest_and_length_describe_the_text() -> None:
    """sha256 and length let a reader check the embedded text."""
    data = _export("Ёлка — ёлка", "ёлка")
    for witness in data["witnesses"]:
        assert witness["length"] == len(witness["text"])
        assert witness["sha256"] == hashlib.sha256(witness["text"].encode("utf-8")).hexdigest()


def test_the_letters_rebuild_from_their_export() -> None:
    """Baku's text is rebuilt from Medvedev's text and the units alone."""
    result = collate(
        [load_witness("witnesses/medvedev-1926.txt"), load_witness("witnesses/baku-1924.txt")]
    )
    data = json.loads(render_json(result))
    assert rebuild_from_export(data, "B") == result.witness("B").text


@given(related_texts())
def test_any_pair_rebuilds_from_its_export(pair: tuple[str, str]) -> None:
    """Nothing is lost: the second witness comes back from the base text and the units."""
    first, second = pair
    data = _export(first, second)
    if not any(u["type"] == "transposition" for u in data["units"]):
        assert rebuild_from_export(data, "B") == second


def test_a_witness_text_written_in_pieces_is_the_text_escaped_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The export writes a long witness's text a few characters at a time (so a 50 MB line is
    never held twice), and the bytes are those of escaping each witness and unit whole, with
    its digest made piece by piece too: quotes, backslashes, control characters, line breaks
    and characters beyond the BMP cut at every place."""
    import collate.render.json as module
    from collate import model

    monkeypatch.setattr(module, "_CHUNK", 3)
    monkeypatch.setattr(model, "_HASHED_AT_ONCE", 2)
    a = 'Он сказал: "да"\\нет\x1b[31m\tЁлка 😀 \u2028конец.\n\nВторой абзац.'
    b = 'Он сказал: "нет"\\да\tёлка 😀😀 конец.\n\nВторой абзац!'
    result = collate([witness_from_text(a, "A"), witness_from_text(b, "B")])
    pieces = list(module.json_lines(result))
    data = module.collation_to_dict(result)
    witnesses, units = data["witnesses"], data["units"]
    assert isinstance(witnesses, list)
    assert isinstance(units, list)
    expected = (
        '{\n  "format": "collate-json",\n  "version": 1,\n  "base": "A",\n  "witnesses": [\n'
        + ",\n".join(f"    {json.dumps(w, ensure_ascii=False)}" for w in witnesses)
        + '\n  ],\n  "units": [\n'
        + ",\n".join(f"    {json.dumps(u, ensure_ascii=False)}" for u in units)
        + "\n  ]\n}\n"
    )
    assert "".join(pieces) == expected == render_json(result)
    assert len(pieces) > len(expected.splitlines()) + len(a) // 3
    for witness, text in zip(witnesses, (a, b), strict=True):
        assert witness["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
