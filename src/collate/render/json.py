"""The JSON export: the whole collation in one self-contained document.

::

    {
      "format": "collate-json", "version": 1, "base": "M",
      "witnesses": [{"siglum", "title", "date", "source", "path", "sha256", "source_sha256",
                     "reading", "locations", "length", "text"}],
      "units": [{"id", "type", "class", "segment",
                 "readings": {SIGLUM: {"start", "end", "text"}}}]
    }

``start`` and ``end`` are code-point offsets into the witness's ``text`` as decoded (before any
normalization), so ``text[start:end] == reading.text``. Every witness has a reading in every
unit; an omission is an empty reading at the place the text would stand. A reading may begin
or end with the whitespace that goes with it (the space after an omitted word), so that the
witness text is rebuilt exactly from the base text and the readings. ``length`` counts code
points; ``sha256`` is the digest of ``text`` encoded as UTF-8. A witness read from a file
records ``source_sha256``, the digest of the file's bytes (for a TEI transcription, the XML the
text was derived from), and ``reading``, the options it was read with (``tokens``,
``tei_layer``, ``tei_hand``, ``lines``: `collate.options.ReadingOptions`); one with page, line
or verse references lists them in ``locations`` as ``[start, page, line, verse]`` (the offset
in ``text`` they hold from, `collate.model.Location`). Reading the export back
(`collate.witnesses.load_witnesses`) cuts each text into words as its ``reading`` says and keeps
its locations, so the collation made from it is the one exported. ``class`` is ``layout``,
``punctuation``, ``orthographic`` or ``substantive`` (the engine; every unit is kept, those of
layout alone too). With three witnesses or more, a unit
where a fragmentary witness lacks the text (it starts later or ends earlier than the base) lists
it in ``lacunae``; its reading there is empty. With ``--base majority``, a unit whose lemma is
not the base's reading names the witness whose reading it is in ``lemma``. A transposition
names in ``moved`` the witnesses whose words stand at their own place (their readings' offsets
say where). Where the two places of a move are units of their own (one holds other variants
too), a transposition at one of them lists in ``transposed`` the witnesses whose reading
differs from the lemma's because the words moved; another witness that differs there lacks
or adds the words (one that never has them). ``notes`` (present only when there are any)
says how the collation was made where that matters: a passage too costly for the full diff
was aligned more cheaply.
A unit whose readings are mostly the same word for word (nested variation,
`collate.model.ReadingGroup`) lists them in ``groups`` (a group whose ``reading`` is the
lemma's witness holds the witnesses that read the lemma but for its sub-variants)::

    "groups": [{"witnesses": ["1869", "1872"], "reading": "1869",
                "subvariants": [{"type": "substitution",
                                 "readings": {"1869": {"start", "end", "text"}, "1872": …}}]}]

``reading`` names the witness whose reading the group prints; outside its ``subvariants`` every
witness of the group reads that text exactly, and at each sub-variant each witness's reading
is given with offsets into its own text, as a unit's are.

With the editor's decisions (`collate.decisions`), a unit may carry ``conjecture`` (the
editor's own lemma), ``note``, ``dropped`` (judged no variant: kept, so every witness still
rebuilds, and left out of the apparatus) and ``decisions`` (the numbers of the decisions that
made or changed it); a last key ``decisions`` lists every decision with its ``number``,
``action``, whether it was ``applied`` (and if not, the ``reason``), the ``unit`` it made or
changed, what it set (``at``, ``witness``, ``text``, ``class``, ``note``) and the ``readings``
it is anchored by (``exact``, ``prefix``, ``suffix``, ``start``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence

from collate.model import Collation, Reading, ReadingGroup, Unit, UnitType, Witness

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "collation_to_dict", "json_lines", "render_json"]

FORMAT_NAME = "collate-json"
FORMAT_VERSION = 1


def collation_to_dict(collation: Collation) -> dict[str, object]:
    """The collation as plain JSON-ready values."""
    return {
        **_head(collation),
        "witnesses": [_witness(w) for w in collation.witnesses],
        "units": [_unit(unit, collation.base.siglum) for unit in collation.units],
        **({"decisions": _decisions(collation)} if collation.decisions else {}),
    }


def _head(collation: Collation) -> dict[str, object]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "base": collation.base.siglum,
        **({"notes": list(collation.notes)} if collation.notes else {}),
    }


def _witness(w: Witness, *, text: bool = True) -> dict[str, object]:
    """A witness's entry; its ``text`` last (without it when ``text`` is false)."""
    return {
        "siglum": w.siglum,
        "title": w.title,
        "date": w.date,
        "source": w.source,
        "path": w.path,
        "sha256": w.sha256,
        **({"source_sha256": w.source_sha256} if w.source_sha256 else {}),
        **({"reading": dict(w.reading)} if w.reading else {}),
        **({"locations": _locations(w)} if w.locations else {}),
        "length": len(w.text),
        **({"text": w.text} if text else {}),
    }


def _unit(unit: Unit, base: str) -> dict[str, object]:
    return {
        "id": unit.id,
        "type": unit.type.value,
        "class": unit.variant_class.value,
        "segment": unit.segment,
        **({"lacunae": list(unit.lacunae)} if unit.lacunae else {}),
        **({"lemma": unit.lemma} if unit.lemma else {}),
        **({"moved": list(unit.moved)} if unit.moved else {}),
        **({"transposed": _transposed(unit, base)} if _names_movers(unit) else {}),
        "readings": _readings(unit.readings),
        **({"groups": [_group(g) for g in unit.groups]} if unit.groups else {}),
        **({"conjecture": unit.conjecture} if unit.conjecture else {}),
        **({"note": unit.note} if unit.note else {}),
        **({"dropped": True} if unit.dropped else {}),
        **({"decisions": [i + 1 for i in unit.decisions]} if unit.decisions else {}),
    }


def _names_movers(unit: Unit) -> bool:
    """True for a transposition at one of the two places of a move, where a witness may
    differ from the lemma by lacking or adding the words rather than moving them."""
    return unit.type is UnitType.TRANSPOSITION and unit.moved_words is not None


def _transposed(unit: Unit, base: str) -> list[str]:
    """The witnesses whose reading differs from the lemma's because the words moved."""
    lemma = unit.readings[unit.lemma_siglum(base)].text
    return [s for s, r in unit.readings.items() if r.text != lemma and unit.transposes(s, base)]


def _locations(witness: Witness) -> list[list[object]]:
    return [[loc.start, loc.page, loc.line, loc.verse] for loc in witness.locations]


def _readings(readings: Mapping[str, Reading]) -> dict[str, dict[str, object]]:
    return {s: {"start": r.start, "end": r.end, "text": r.text} for s, r in readings.items()}


def _group(group: ReadingGroup) -> dict[str, object]:
    return {
        "witnesses": list(group.sigla),
        "reading": group.reading,
        "subvariants": [
            {"type": sub.type.value, "readings": _readings(sub.readings)}
            for sub in group.subvariants
        ],
    }


def _decisions(collation: Collation) -> list[dict[str, object]]:
    """The editor's decisions, numbered from 1 as the units' ``decisions`` cite them."""
    listed: list[dict[str, object]] = []
    for number, outcome in enumerate(collation.decisions, start=1):
        decision = outcome.decision
        listed.append(
            {
                "number": number,
                "action": decision.action.value,
                **({"units": decision.units} if decision.units else {}),
                "applied": outcome.applied,
                **({"reason": outcome.reason} if not outcome.applied else {}),
                **({"unit": outcome.unit} if outcome.unit else {}),
                **({"at": dict(decision.at)} if decision.at else {}),
                **({"witness": decision.witness} if decision.witness else {}),
                **({"text": decision.text} if decision.text else {}),
                **(
                    {"class": decision.variant_class.value}
                    if decision.variant_class is not None
                    else {}
                ),
                **({"note": decision.note} if decision.note else {}),
                "readings": {
                    siglum: {
                        "exact": quote.exact,
                        "prefix": quote.prefix,
                        "suffix": quote.suffix,
                        "start": quote.start,
                    }
                    for siglum, quote in decision.readings.items()
                },
            }
        )
    return listed


def render_json(collation: Collation) -> str:
    """The collation as a JSON document: one witness and one unit per line, so a long export
    stays readable in an editor and diffs well (and is written by the C encoder, fast)."""
    return "".join(json_lines(collation))


def json_lines(collation: Collation) -> Iterator[str]:
    """The pieces of `render_json`'s document in order, made one at a time: each unit's line,
    and a long witness's text a piece at a time, so that writing the export holds neither the
    whole document nor a copy of a witness's text.

    >>> from collate import collate, witness_from_text
    >>> c = collate([witness_from_text("a b", "A"), witness_from_text("a c", "B")])
    >>> "".join(json_lines(c)) == render_json(c)
    True
    """
    head = _head(collation)
    yield "{\n"
    for key, value in head.items():
        yield f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n"
    sections: dict[str, Sequence[object]] = {
        "witnesses": collation.witnesses,
        "units": collation.units,
        **({"decisions": _decisions(collation)} if collation.decisions else {}),
    }
    for number, (key, items) in enumerate(sections.items(), start=1):
        yield f"  {json.dumps(key)}: [\n"
        for n, item in enumerate(items, start=1):
            comma = "," if n < len(items) else ""
            if isinstance(item, Witness):
                yield from _witness_line(item, comma)
            else:
                entry = _unit(item, collation.base.siglum) if isinstance(item, Unit) else item
                yield f"    {json.dumps(entry, ensure_ascii=False)}{comma}\n"
        yield "  ]\n" if number == len(sections) else "  ],\n"
    yield "}\n"


_CHUNK = 1 << 20
"""Characters of a witness's text escaped at a time in its JSON line."""


def _witness_line(witness: Witness, comma: str) -> Iterator[str]:
    """A witness's line, its text escaped a piece at a time: the line of a long witness is
    never held whole beside its text. JSON escapes each character on its own, so the pieces
    join into exactly what escaping the whole text gives."""
    entry = json.dumps(_witness(witness, text=False), ensure_ascii=False)
    yield f'    {entry[:-1]}, "text": "'
    text = witness.text
    for start in range(0, len(text), _CHUNK):
        yield json.dumps(text[start : start + _CHUNK], ensure_ascii=False)[1:-1]
    yield f'"}}{comma}\n'
