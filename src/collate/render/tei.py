"""A collation as a TEI P5 document with a critical apparatus.

Two encodings of the TEI Guidelines (chapter 12, "Critical Apparatus"):

- parallel segmentation (the default): the base text's paragraphs as ``<p>``, each variant
  unit an ``<app type="omission|addition|substitution|transposition">`` in place, with
  ``<lem wit="#BASE">`` for the base's reading and a ``<rdg wit="#…">`` for each other reading;
  an omission is an empty ``<rdg/>``, an addition an empty ``<lem/>``. A transposition across
  places is two ``app`` elements, one at the base's place and one at the other witness's,
  pointing at each other with ``@corresp``; a phrase reordered in place is one. In a
  transposition, a witness that only lacks or adds the moved words (it does not have them
  at the other place) has a ``rdg`` of its own typed as its reading is
  (``<rdg wit="#T3" type="omission"/>``).
- double-end-point attachment: the base text with an ``<anchor>`` before and after each unit's
  lemma, and the units as ``<app from="#…" to="#…">`` in a ``<listApp>`` in ``<back>``.

Lossless: the text between the elements is the base text exactly, readings are the witnesses'
text exactly (whitespace included), and the whitespace between paragraphs is the base's own,
so `collate.tei` rebuilds every witness character for character. The header says which
program wrote the file (``appInfo``), which is how the reader knows it may take whitespace
as it stands. Characters XML 1.0 cannot hold (control characters) are written as
``<g type="control" n="U+0001"/>``; a carriage return as ``&#13;``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from collate import __version__
from collate._tei import APPLICATION_ID, TEI_NAMESPACE
from collate.apparatus import reading_type
from collate.engine import Block, Row, alignment_rows, paragraph_blocks
from collate.model import Collation, Reading, ReadingGroup, VariantClass, Witness
from collate.render import TeiMethod

__all__ = ["APPLICATION_ID", "TEI_NAMESPACE", "TeiMethod", "render_tei", "xml_id", "xml_text"]


_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"}
_ESCAPED = re.compile('[&<>"\r]')
_NCNAME = re.compile(r"[A-Za-z_][\w.\-]*\Z")


def xml_text(text: str) -> str:
    """Text escaped for XML content or a quoted attribute; characters XML cannot hold become
    ``<g type="control" n="U+XXXX"/>`` (so use it for content only when they may occur).

    >>> xml_text('a < b & "c" ]]>')
    'a &lt; b &amp; &quot;c&quot; ]]&gt;'
    >>> xml_text("bell\\x07")
    'bell<g type="control" n="U+0007"/>'
    """
    escaped = _ESCAPED.sub(lambda m: _ESCAPES[m.group()], text)
    return _UNSAFE.sub(lambda m: f'<g type="control" n="U+{ord(m.group()):04X}"/>', escaped)


def _attribute(text: str) -> str:
    """Text for an attribute value: characters XML cannot hold are written as ``U+XXXX``."""
    escaped = _ESCAPED.sub(lambda m: _ESCAPES[m.group()], text)
    return _UNSAFE.sub(lambda m: f"U+{ord(m.group()):04X}", escaped)


def xml_id(siglum: str) -> str:
    """The ``xml:id`` of a witness: the siglum where it is an XML name, else ``wit-`` and the
    siglum with other characters as ``_`` (``@n`` keeps the siglum as it is).

    >>> xml_id("Ra2"), xml_id("1859"), xml_id("MS A")
    ('Ra2', 'wit-1859', 'wit-MS_A')
    """
    if _NCNAME.match(siglum):
        return siglum
    return "wit-" + re.sub(r"[^\w.\-]", "_", siglum)


def render_tei(
    collation: Collation,
    method: TeiMethod = TeiMethod.PARALLEL_SEGMENTATION,
    *,
    classes: bool = False,
) -> str:
    """The collation as a complete TEI P5 document (a string, XML declaration included).

    With ``classes``, each ``app/@type`` is the unit's class (``layout``, ``punctuation``,
    ``orthographic``, ``substantive``) and ``@subtype`` its type (``substitution``…), and the
    readings of a layout, punctuation or orthographic unit, equal after normalization, stand
    together in an ``<rdgGrp type="orthographic">`` (or ``"punctuation"``, ``"layout"``).
    Units of layout alone are always written, so the witnesses are read back exactly.
    """
    ids = _witness_ids(collation.witnesses)
    blocks = paragraph_blocks(collation, alignment_rows(collation))
    writer = _Writer(collation, ids, method, classes)
    body = "".join(writer.block(block) for block in blocks)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<TEI xmlns="{TEI_NAMESPACE}">\n',
        _header(collation, ids, method),
        "  <text>\n    <body>",
        body,
        "</body>\n",
    ]
    if method is TeiMethod.DOUBLE_END_POINT and writer.apparatus:
        parts.append('    <back>\n      <div type="apparatus">\n        <listApp>\n')
        parts.extend(writer.apparatus)
        parts.append("        </listApp>\n      </div>\n    </back>\n")
    parts.append("  </text>\n</TEI>\n")
    return "".join(parts)


def _witness_ids(witnesses: Iterable[Witness]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for witness in witnesses:
        candidate = xml_id(witness.siglum)
        number = 1
        while candidate in ids.values():
            number += 1
            candidate = f"{xml_id(witness.siglum)}-{number}"
        ids[witness.siglum] = candidate
    return ids


def _header(collation: Collation, ids: dict[str, str], method: TeiMethod) -> str:
    base = collation.base
    sigla = ", ".join(collation.sigla)
    witnesses = []
    for witness in collation.witnesses:
        parts = [f'<abbr type="siglum">{xml_text(witness.siglum)}</abbr>']
        if witness.title:
            parts.append(f"<title>{xml_text(witness.title)}</title>")
        if witness.date:
            parts.append(f"<date>{xml_text(witness.date)}</date>")
        if witness.source:
            parts.append(f'<note type="source">{xml_text(witness.source)}</note>')
        if witness.path:
            parts.append(f'<idno type="path">{xml_text(witness.path)}</idno>')
        witnesses.append(
            f'            <witness xml:id="{ids[witness.siglum]}" '
            f'n="{_attribute(witness.siglum)}">{" ".join(parts)}</witness>\n'
        )
    return (
        "  <teiHeader>\n"
        "    <fileDesc>\n"
        f"      <titleStmt>\n        <title>Collation of {xml_text(sigla)}</title>\n"
        "      </titleStmt>\n"
        "      <publicationStmt>\n"
        f"        <p>Made by collate {__version__}.</p>\n"
        "      </publicationStmt>\n"
        "      <sourceDesc>\n"
        "        <listWit>\n" + "".join(witnesses) + "        </listWit>\n"
        "      </sourceDesc>\n"
        "    </fileDesc>\n"
        "    <encodingDesc>\n"
        "      <appInfo>\n"
        f'        <application ident="{APPLICATION_ID}" version="{__version__}">\n'
        "          <label>collate</label>\n"
        "        </application>\n"
        "      </appInfo>\n"
        "      <editorialDecl>\n"
        f'        <p>Base text: witness <ref target="#{ids[base.siglum]}">'
        f"{xml_text(base.siglum)}</ref>. The text of the body is the base text exactly, "
        "whitespace included; each reading is the witness's text exactly.</p>\n"
        + _decisions_declared(collation)
        + "      </editorialDecl>\n"
        f'      <variantEncoding method="{method.value}" location="internal"/>\n'
        "    </encodingDesc>\n"
        "  </teiHeader>\n"
    )


NO_VARIANT = "no-variant"
"""The ``xml:id`` an ``app`` the editor judged no variant points to with ``@ana``."""
EDITOR = "editor"
"""The ``xml:id`` a conjecture's ``@resp`` points to."""


def _decisions_declared(collation: Collation) -> str:
    """The header's account of the editor's decisions, with the targets of the pointers the
    apparatus uses for them."""
    if not collation.decisions:
        return ""
    applied = sum(1 for outcome in collation.decisions if outcome.applied)
    return (
        f'        <p xml:id="{EDITOR}">The machine collation was corrected by the editor\'s '
        f"decisions ({applied} of {len(collation.decisions)} applied): a conjecture is a "
        '<gi>lem</gi> of <att>type</att> "conjecture"; an editorial note is a '
        '<gi>note</gi> of <att>type</att> "editorial".</p>\n'
        f'        <p xml:id="{NO_VARIANT}">An <gi>app</gi> whose <att>ana</att> points here '
        "was judged no variant by the editor; it is kept so that every witness can be "
        "rebuilt.</p>\n"
    )


class _Writer:
    """Writes blocks of rows as TEI, collecting the double-end-point apparatus on the way."""

    def __init__(
        self, collation: Collation, ids: dict[str, str], method: TeiMethod, classes: bool
    ) -> None:
        self.collation = collation
        self.base = collation.base.siglum
        self.ids = ids
        self.method = method
        self.classes = classes
        self.apparatus: list[str] = []

    def block(self, block: Block) -> str:
        inner = "".join(self.row(row) for row in block.rows)
        paragraph = f"<p>{inner}</p>" if block.rows else ""
        return paragraph + xml_text(block.separator)

    def row(self, row: Row) -> str:
        if row.unit is None:
            return xml_text(row.readings[self.base].text)
        unit = row.unit
        own = f"{unit.id}-moved" if row.moved_to else unit.id
        other = unit.id if row.moved_to else f"{unit.id}-moved"
        corresp = f' corresp="#{other}"' if unit.moved else ""
        readings = self._readings(row)
        typed = f'type="{unit.type.value}"'
        if self.classes:
            typed = f'type="{unit.variant_class.value}" subtype="{unit.type.value}"'
            if unit.variant_class is not VariantClass.SUBSTANTIVE:
                readings = f'<rdgGrp type="{unit.variant_class.value}">{readings}</rdgGrp>'
        if unit.dropped:
            typed += f' ana="#{NO_VARIANT}"'
        location = self.collation.base.location_at(row.readings[self.base].start)
        if location is not None and location.label:
            typed += f' loc="{_attribute(location.label)}"'
        if unit.note:
            readings += f'<note type="editorial">{xml_text(unit.note)}</note>'
        if self.method is TeiMethod.PARALLEL_SEGMENTATION:
            return f'<app {typed} xml:id="{own}"{corresp}>{readings}</app>'
        lemma = row.readings[unit.lemma_siglum(self.base)].text
        self.apparatus.append(
            f'          <app {typed} xml:id="{own}"{corresp} '
            f'from="#{own}-from" to="#{own}-to">{readings}</app>\n'
        )
        return f'<anchor xml:id="{own}-from"/>{xml_text(lemma)}<anchor xml:id="{own}-to"/>'

    def _readings(self, row: Row) -> str:
        holder = row.unit.lemma_siglum(self.base) if row.unit is not None else self.base
        base_reading = row.readings[holder]
        lemma_wits = [holder]
        # (text, lacuna, the printed witness of a group of readings or "", the reading's own
        # type where it is not the unit's) -> witnesses
        groups: dict[tuple[str, bool, str, str], list[str]] = {}
        lacunae = row.unit.lacunae if row.unit is not None else ()
        nested = {s: g for g in row.unit.groups for s in g.sigla} if row.unit is not None else {}
        # the witnesses that read the lemma but for a word or two: the lem itself, nested
        lemma_group = nested.get(holder)
        for siglum in self.collation.sigla:
            if siglum == holder or (lemma_group is not None and siglum in lemma_group.sigla):
                continue
            text = row.readings[siglum].text
            if siglum in nested:
                groups.setdefault(("", False, nested[siglum].reading, ""), []).append(siglum)
            elif text == base_reading.text and siglum not in lacunae:
                lemma_wits.append(siglum)
            else:
                own = _own_type(row, siglum, self.base)
                groups.setdefault((text, siglum in lacunae, "", own), []).append(siglum)

        def lemma(tag: str) -> str:
            if lemma_group is not None:
                return self._group(row, lemma_group, tag)
            return _reading(tag, base_reading, self._wit(lemma_wits), holder in lacunae)

        parts = [lemma("lem")]
        if row.unit is not None and row.unit.conjecture and not row.moved_to:
            # the editor's own reading is the lemma; the witnesses' readings are all rdgs
            conjecture = xml_text(row.unit.conjecture)
            parts = [f'<lem type="conjecture" resp="#{EDITOR}">{conjecture}</lem>', lemma("rdg")]
        for (text, lacuna, printed, own), sigla in groups.items():
            if printed:
                parts.append(self._group(row, nested[printed]))
            else:
                reading = Reading(0, len(text), text)
                parts.append(_reading("rdg", reading, self._wit(sigla), lacuna, own))
        return "".join(parts)

    def _group(self, row: Row, group: ReadingGroup, tag: str = "rdg") -> str:
        """A group of readings as one ``rdg`` (``lem``, for the lemma's group) of all its
        witnesses: the printed reading, with a nested ``app`` at each sub-variant (the TEI
        Guidelines' subvariation, 12.1.4.3)."""
        printed = row.readings[group.reading]
        inner = []
        position = printed.start
        for subvariant in group.subvariants:
            here = subvariant.readings[group.reading]
            inner.append(
                xml_text(printed.text[position - printed.start : here.start - printed.start])
            )
            lemma_wits = [s for s in group.sigla if subvariant.readings[s].text == here.text]
            others: dict[str, list[str]] = {}
            for siglum in group.sigla:
                text = subvariant.readings[siglum].text
                if text != here.text:
                    others.setdefault(text, []).append(siglum)
            readings = [_reading("lem", here, self._wit(lemma_wits))]
            readings += [
                _reading("rdg", Reading(0, len(text), text), self._wit(sigla))
                for text, sigla in others.items()
            ]
            inner.append(f'<app type="{subvariant.type.value}">{"".join(readings)}</app>')
            position = here.end
        inner.append(xml_text(printed.text[position - printed.start :]))
        return f'<{tag} wit="{self._wit(list(group.sigla))}">{"".join(inner)}</{tag}>'

    def _wit(self, sigla: list[str]) -> str:
        return " ".join(f"#{self.ids[s]}" for s in sigla)


def _reading(tag: str, reading: Reading, wit: str, lacuna: bool = False, kind: str = "") -> str:
    """A ``lem`` or ``rdg``; the reading of witnesses that lack the text (a fragmentary
    witness's empty reading, or a lacuna mark) is ``type="lacuna"`` and stands between
    ``<lacunaStart/>`` and ``<lacunaEnd/>``; ``kind``, the reading's own type where it is
    not its unit's, is its ``type``."""
    if lacuna:
        inner = f"<lacunaStart/>{xml_text(reading.text)}<lacunaEnd/>"
        return f'<{tag} wit="{wit}" type="lacuna">{inner}</{tag}>'
    typed = f' type="{kind}"' if kind else ""
    if not reading.text:
        return f'<{tag} wit="{wit}"{typed}/>'
    return f'<{tag} wit="{wit}"{typed}>{xml_text(reading.text)}</{tag}>'


def _own_type(row: Row, siglum: str, base: str) -> str:
    """In a transposition, the type of the reading of a witness that lacks or adds the moved
    words rather than moving them (`collate.apparatus.reading_type`); "" for every other
    reading."""
    unit = row.unit
    if unit is None or row.moved_to:
        return ""
    kind = reading_type(unit, siglum, base)
    return "" if kind is unit.type else kind.value
