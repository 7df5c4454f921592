"""The gold apparatus of the Medvedev letters: the witnesses are what the marked source says,
and the collation finds every variant the editor marked and none elsewhere."""

from __future__ import annotations

import importlib.util
import json
import sys
from types import ModuleType
from typing import Any

import pytest

from collate import Collation, collate, load_witness
from conftest import WITNESSES


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_medvedev", WITNESSES / "build_medvedev.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (WITNESSES / "medvedev-baku.apparatus.json").read_text(encoding="utf-8")
    )
    return data


@pytest.fixture(scope="module")
def letters() -> Collation:
    return collate(
        [load_witness(WITNESSES / "medvedev-1926.txt"), load_witness(WITNESSES / "baku-1924.txt")]
    )


def test_committed_witnesses_are_what_the_marked_source_builds() -> None:
    """The two texts and the gold apparatus are regenerated exactly from the marked source."""
    medvedev, baku, apparatus = _builder().build()
    assert (WITNESSES / "medvedev-1926.txt").read_text(encoding="utf-8") == medvedev
    assert (WITNESSES / "baku-1924.txt").read_text(encoding="utf-8") == baku
    committed = json.loads((WITNESSES / "medvedev-baku.apparatus.json").read_text(encoding="utf-8"))
    assert committed == apparatus


def test_gold_offsets_point_at_their_text(gold: dict[str, Any]) -> None:
    """Every gold reading's offsets slice its text out of its witness file."""
    texts = TEXTS
    assert len(gold["units"]) == 94
    for unit in gold["units"]:
        for siglum, reading in unit["readings"].items():
            assert texts[siglum][reading["start"] : reading["end"]] == reading["text"]


TEXTS = {
    "M": (WITNESSES / "medvedev-1926.txt").read_text(encoding="utf-8"),
    "B": (WITNESSES / "baku-1924.txt").read_text(encoding="utf-8"),
}


def _overlaps(siglum: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Spans share a character; an empty span (an omission's place) meets a span it stands in
    or next to, whitespace between them aside."""
    if a[0] == a[1] or b[0] == b[1]:
        (point, _), span = (a, b) if a[0] == a[1] else (b, a)
        text = TEXTS[siglum]
        return (
            span[0] <= point <= span[1]
            or (not text[span[1] : point].strip() and point >= span[1])
            or (not text[point : span[0]].strip() and point <= span[0])
        )
    return a[0] < b[1] and b[0] < a[1]


def test_every_gold_unit_is_found(gold: dict[str, Any], letters: Collation) -> None:
    """No variant the editor marked is missed: each gold unit overlaps a unit of the collation."""
    found = [
        ((u.readings["M"].start, u.readings["M"].end), (u.readings["B"].start, u.readings["B"].end))
        for u in letters.units
    ]
    missed = []
    for unit in gold["units"]:
        m = (unit["readings"]["M"]["start"], unit["readings"]["M"]["end"])
        b = (unit["readings"]["B"]["start"], unit["readings"]["B"]["end"])
        if not any(_overlaps("M", m, fm) and _overlaps("B", b, fb) for fm, fb in found):
            missed.append(unit["id"])
    assert missed == []


def test_no_unit_falls_outside_the_gold_places(gold: dict[str, Any], letters: Collation) -> None:
    """No variant is invented: each unit of the collation overlaps a gold unit."""
    places = [
        (
            (u["readings"]["M"]["start"], u["readings"]["M"]["end"]),
            (u["readings"]["B"]["start"], u["readings"]["B"]["end"]),
        )
        for u in gold["units"]
    ]
    invented = [
        unit.id
        for unit in letters.units
        if not any(
            _overlaps("M", (unit.readings["M"].start, unit.readings["M"].end), m)
            and _overlaps("B", (unit.readings["B"].start, unit.readings["B"].end), b)
            for m, b in places
        )
    ]
    assert invented == []
