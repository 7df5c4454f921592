"""A TEI critical apparatus read back as its witnesses.

An edition encoded in TEI holds every witness it cites: each witness's text is the text
outside the apparatus entries plus, in each ``<app>``, the reading that cites it. This module
rebuilds those texts, so an edition made elsewhere can be collated again or compared with a
new witness, and so that ``collate witnesses`` can write them out.

Parallel segmentation (readings in place) and double-end-point attachment (``<app from to>``
pointing at ``<anchor>`` elements) are read. In an ``app``, a witness takes the ``lem`` or
``rdg`` whose ``@wit`` names it (one without ``@type`` when several do, as ``a.c.`` and
``s.l.`` layers do in the Florilegium), else a ``lem`` or ``rdg`` without ``@wit`` (the
"all others" reading of a negative apparatus), else nothing. Nested ``app`` elements and
``rdgGrp`` are followed; ``note``, ``witDetail`` and the witness markers carry no witness text.
Where a witness's text is lost (``<gap/>``, or ``<lacunaStart/>`` up to ``<lacunaEnd/>``) it
reads the lacuna mark ``[…]``, so a collation marks it as lacking there (`collate.model.is_lacuna`).

Whitespace: in a file this program wrote (its ``appInfo`` names ``collate``) every character
is the witness's own and is kept as it stands. In other files whitespace is the encoder's
layout, so each paragraph's whitespace runs become single spaces and paragraphs (``p``,
``head``, ``ab``…) are separated by a blank line, verse lines (``l``) by a line break.

XML is parsed with entity resolution, DTD loading and network access off; a document that
declares entities or refers to one is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from lxml import etree

from collate._tei import APPLICATION_ID
from collate.errors import ApparatusError
from collate.model import Witness
from collate.options import ReadingOptions
from collate.transcription import is_transcription, transcription_witnesses
from collate.witnesses import witness_from_text

__all__ = ["parse_xml", "read_tei", "witnesses_from_tei"]

_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_PARAGRAPHS = frozenset({"p", "ab", "head", "div", "lg", "list", "item", "trailer", "byline"})
_LINES = frozenset({"l"})
_SILENT = frozenset({"note", "witDetail", "wit", "witStart", "witEnd", "lacunaEnd"})
# In a file made elsewhere, where a witness's text is lost: the lacuna mark collate reads
_LOST = frozenset({"gap", "lacunaStart"})
_LOST_TEXT = " […] "
_CORRECTION_LAYERS = frozenset({"a.c.", "ac", "s.l.", "sl", "p.c.", "pc", "marg.", "in marg."})


def parse_xml(data: bytes, name: str) -> etree._Element:
    """Parse XML safely: no entity expansion, no DTD, no network.

    Raises:
        ApparatusError: the bytes are not well-formed XML, or declare or use entities.
    """
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ApparatusError(f"{name}: not well-formed XML ({error})") from None
    docinfo = root.getroottree().docinfo
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in cast(Any, dtd).iterentities()):
        raise ApparatusError(
            f"{name}: the document declares entities in its DOCTYPE; entity expansion is "
            "refused (remove the declarations)"
        )
    if any(True for _ in root.iter(etree.Entity)):
        raise ApparatusError(
            f"{name}: the document refers to an entity that is not defined in it; external "
            "entities are refused"
        )
    return root


def read_tei(
    path: str | Path, data: bytes | None = None, options: ReadingOptions = ReadingOptions()
) -> list[Witness]:
    """The witnesses of a TEI apparatus file, in the order its ``listWit`` declares them
    (or, without one, in the order ``@wit`` first cites them).

    Raises:
        ApparatusError: not XML, no apparatus, a ``@wit`` naming no declared witness, or an
            encoding that cannot be read.
    """
    path = Path(path)
    if data is None:
        from collate.witnesses import read_file_bytes

        data = read_file_bytes(path)
    root = parse_xml(data, str(path))
    own = any(
        _local(el) == "application" and el.get("ident") == APPLICATION_ID for el in root.iter()
    )
    if is_transcription(root) and not own:
        return transcription_witnesses(root, str(path), data, options)
    return witnesses_from_tei(root, str(path), options)


def witnesses_from_tei(
    root: etree._Element, name: str, options: ReadingOptions = ReadingOptions()
) -> list[Witness]:
    """The witnesses of a parsed TEI document or fragment (any namespace: the TEI Guidelines'
    examples use their own). ``name`` is used in messages and as the witnesses' path."""
    apps = [el for el in root.iter() if _local(el) == "app"]
    verbatim = any(
        _local(el) == "application" and el.get("ident") == APPLICATION_ID for el in root.iter()
    )
    declared = _declared_witnesses(root)
    # a collation of identical witnesses, written by this program, has no entry
    if not apps and not (verbatim and declared):
        raise ApparatusError(f"{name}: no apparatus: the document has no <app> element")
    resolve = _Resolver(declared, name)
    for app in apps:
        for reading in _readings(app):
            resolve.wits(reading)
    body = _first(root, "body")
    if body is None:
        body = _first(root, "text")
    if body is None:
        body = root
    encoding = _first(root, "variantEncoding")
    method = encoding.get("method", "") if encoding is not None else ""
    double_end_point = method == "double-end-point" or (
        not method and any(app.get("from") or app.get("to") for app in apps)
    )
    if method == "location-referenced" or (
        not method and any(app.get("loc") for app in apps) and not double_end_point
    ):
        raise ApparatusError(
            f"{name}: a location-referenced apparatus (app/@loc) cannot be read as witnesses; "
            "use parallel segmentation or double-end-point attachment"
        )
    if double_end_point:
        _check_anchors(apps, body, name)
    witnesses = []
    for siglum in resolve.order:
        targets = _dep_targets(apps, resolve, siglum) if double_end_point else None
        walk = _Walk(resolve, siglum, targets, verbatim)
        pieces = walk.pieces(body)
        if walk.skip_until is not None:
            raise ApparatusError(
                f"{name}: the reading of {siglum} ends at the anchor {walk.skip_until!r}, which "
                "does not come after the anchor it starts at; the witness would be cut short"
            )
        text = (
            "".join(p for p in pieces if p not in (_PARAGRAPH, _LINE))
            if verbatim
            else (_normalized(pieces))
        )
        # a witness of this program's file is kept even when it is empty: it was collated
        if not text.strip() and not (verbatim and siglum in declared):
            continue
        meta = declared.get(siglum, _Declared(siglum))
        witnesses.append(
            witness_from_text(
                text,
                siglum,
                title=meta.title,
                path=name,
                date=meta.date,
                source=meta.source,
                tokens=options.tokens,
            )
        )
    if not witnesses:
        raise ApparatusError(f"{name}: the apparatus cites no witness that has any text")
    if apps and len(witnesses) > 1 and len({w.text for w in witnesses}) == 1:
        # a reader that places no reading would report "no variants" without a word
        raise ApparatusError(
            f"{name}: its {len(apps)} <app> entries give every witness the same text: none of "
            "their readings could be placed, so the collation would show no variant"
        )
    return witnesses


@dataclass
class _Declared:
    siglum: str
    title: str = ""
    date: str = ""
    source: str = ""
    ids: set[str] = field(default_factory=set)


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _first(root: etree._Element, name: str) -> etree._Element | None:
    for element in root.iter():
        if _local(element) == name:
            return element
    return None


def _text_of(element: etree._Element) -> str:
    return " ".join("".join(str(t) for t in element.itertext()).split())


def _declared_witnesses(root: etree._Element) -> dict[str, _Declared]:
    declared: dict[str, _Declared] = {}
    for list_wit in (el for el in root.iter() if _local(el) == "listWit"):
        for witness in (el for el in list_wit.iter() if _local(el) == "witness"):
            xml_id = witness.get(_XML_ID) or witness.get("id")
            siglum = witness.get("n") or xml_id
            if not siglum:
                continue
            entry = _Declared(siglum)
            parts = {_local(child): _text_of(child) for child in witness}
            entry.title = parts.get("title") or (_text_of(witness) if "abbr" not in parts else "")
            entry.date = parts.get("date", "")
            entry.source = parts.get("note", "")
            entry.ids = {i for i in (xml_id, siglum) if i}
            declared[siglum] = entry
    return declared


class _Resolver:
    """Maps ``@wit`` pointers to sigla; collects the sigla in order."""

    def __init__(self, declared: dict[str, _Declared], name: str) -> None:
        self.name = name
        self.by_id = {i: d.siglum for d in declared.values() for i in d.ids}
        self.closed = bool(declared)
        self.order: list[str] = list(declared)
        self._cache: dict[str, tuple[str, ...]] = {}

    def wits(self, element: etree._Element) -> tuple[str, ...]:
        value = element.get("wit")
        if value is None:
            return ()
        cached = self._cache.get(value)
        if cached is not None:
            return cached
        sigla = []
        for pointer in value.split():
            target = pointer.rpartition("#")[2] if "#" in pointer else pointer
            siglum = self.by_id.get(target)
            if siglum is None:
                if self.closed:
                    known = ", ".join(self.order)
                    raise ApparatusError(
                        f"{self.name}: @wit {pointer!r} (line {element.sourceline}) names no "
                        f"witness declared in listWit ({known})"
                    )
                siglum = self.by_id[target] = target
                self.order.append(target)
            sigla.append(siglum)
        result = self._cache[value] = tuple(sigla)
        return result


def _readings(app: etree._Element) -> Iterator[etree._Element]:
    """The ``lem`` and ``rdg`` children of an ``app``, those inside ``rdgGrp`` included."""
    for child in app:
        name = _local(child)
        if name in ("lem", "rdg"):
            yield child
        elif name == "rdgGrp":
            yield from _readings(child)


def _choose(app: etree._Element, resolve: _Resolver, siglum: str) -> etree._Element | None:
    readings = list(_readings(app))
    cited = [r for r in readings if siglum in resolve.wits(r)]
    if cited:
        plain = [r for r in cited if r.get("type") not in _CORRECTION_LAYERS]
        return (plain or cited)[0]
    for name in ("lem", "rdg"):
        for reading in readings:
            if _local(reading) == name and reading.get("wit") is None:
                return reading
    return None


def _check_anchors(apps: list[etree._Element], body: etree._Element, name: str) -> None:
    """Refuse a double-end-point ``app`` whose ``@from`` or ``@to`` names no anchor of the text
    (read on, the witness would silently lose everything after it), or that has a ``@to``
    without a ``@from`` (read on, its readings would silently be lost).

    Raises:
        ApparatusError: naming the app's line and the pointer.
    """
    anchors = {
        element.get(_XML_ID) or element.get("id")
        for element in body.iter()
        if _local(element) == "anchor"
    }
    for app in apps:
        if app.get("to") is not None and app.get("from") is None:
            raise ApparatusError(
                f"{name}: <app to={app.get('to')!r}> (line {app.sourceline}) has no @from: an "
                "entry whose lemma begins at the app itself (as the Classical Text Editor "
                "writes them) cannot be read as witnesses; read on, its readings would be lost"
            )
        for attribute in ("from", "to"):
            pointer = app.get(attribute)
            if pointer is not None and pointer.lstrip("#") not in anchors:
                raise ApparatusError(
                    f"{name}: <app {attribute}={pointer!r}> (line {app.sourceline}) names no "
                    "<anchor> in the text; the witnesses cannot be read exactly"
                )


def _dep_targets(
    apps: list[etree._Element], resolve: _Resolver, siglum: str
) -> dict[str, tuple[str, etree._Element | None]]:
    """For double-end-point: the anchor each replaced stretch starts at → (anchor it ends at,
    the reading to put there; None to keep the base text)."""
    targets: dict[str, tuple[str, etree._Element | None]] = {}
    for app in apps:
        start = (app.get("from") or "").lstrip("#")
        end = (app.get("to") or app.get("from") or "").lstrip("#")
        if not start:
            continue
        chosen = _choose(app, resolve, siglum)
        if chosen is None or (_local(chosen) == "lem" and not _nests(chosen)):
            continue  # the lemma as the text has it
        targets[start] = (end or start, chosen)
    return targets


def _nests(reading: etree._Element) -> bool:
    """True when a reading holds sub-variation: an ``app`` inside it (a ``lem`` so is read
    from the apparatus, not from the text, where it stands without its sub-variants)."""
    return any(_local(inner) == "app" for inner in reading.iter() if inner is not reading)


# markers in the stream of pieces
_PARAGRAPH = "\x00paragraph"
_LINE = "\x00line"


class _Walk:
    """Walks the text for one witness, yielding its text pieces and block markers."""

    def __init__(
        self,
        resolve: _Resolver,
        siglum: str,
        dep: dict[str, tuple[str, etree._Element | None]] | None,
        verbatim: bool = False,
    ) -> None:
        self.resolve = resolve
        self.siglum = siglum
        self.dep = dep
        self.verbatim = verbatim
        self.skip_until: str | None = None

    def pieces(self, element: etree._Element) -> list[str]:
        out: list[str] = []
        self._inside(element, out)
        return out

    def _emit(self, out: list[str], text: str | None) -> None:
        if text and self.skip_until is None:
            out.append(text)

    def _inside(self, element: etree._Element, out: list[str]) -> None:
        self._emit(out, element.text)
        for child in element:
            self._element(child, out)
            self._emit(out, child.tail)

    def _element(self, element: etree._Element, out: list[str]) -> None:
        name = _local(element)
        if name in _LOST and not self.verbatim:
            # (collate's own files hold a lacuna mark in the text where there is one)
            self._emit(out, _LOST_TEXT)
        if name in _SILENT or name in _LOST or not name:
            return
        if name == "anchor" and self.dep is not None:
            self._anchor(element, out)
            return
        if name == "app":
            if self.dep is not None and (element.get("from") or element.get("to")):
                return  # double-end-point: the entries stand outside the text
            # (an app inside a reading is sub-variation, read in place in either encoding)
            chosen = _choose(element, self.resolve, self.siglum)
            if chosen is not None:
                self._inside(chosen, out)
            return
        if name == "g" and element.get("type") == "control" and element.get("n", "")[:2] == "U+":
            self._emit(out, _code_point(element, self.resolve.name))
            return
        if name == "lb":
            self._emit(out, "\n")
            return
        marker = _PARAGRAPH if name in _PARAGRAPHS else _LINE if name in _LINES else None
        if marker and self.skip_until is None:
            out.append(marker)
        self._inside(element, out)
        if marker and self.skip_until is None:
            out.append(marker)

    def _anchor(self, element: etree._Element, out: list[str]) -> None:
        assert self.dep is not None
        anchor = element.get(_XML_ID) or element.get("id") or ""
        if self.skip_until is not None:
            if anchor == self.skip_until:
                self.skip_until = None
            return
        target = self.dep.get(anchor)
        if target is None:
            return
        end, reading = target
        if reading is not None:
            self._inside(reading, out)
        if end != anchor:
            self.skip_until = end


def _code_point(element: etree._Element, name: str) -> str:
    """The character a ``<g type="control" n="U+XXXX"/>`` stands for.

    Raises:
        ApparatusError: ``@n`` is not ``U+`` and the hexadecimal number of a character.
    """
    value = element.get("n", "")
    match = re.fullmatch(r"U\+([0-9A-Fa-f]{1,6})", value)
    code = int(match.group(1), 16) if match else -1
    if not 0 <= code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise ApparatusError(
            f"{name}: <g n={value!r}> (line {element.sourceline}) does not name a Unicode "
            "character (U+ and a hexadecimal number up to 10FFFF, not a surrogate)"
        )
    return chr(code)


def _normalized(pieces: list[str]) -> str:
    """Foreign layout to plain text: whitespace runs collapsed, blocks as blank lines (verse
    lines as line breaks)."""
    paragraphs: list[tuple[str, str]] = []
    current: list[str] = []
    pending = _PARAGRAPH

    def flush(marker: str) -> None:
        nonlocal pending
        text = " ".join("".join(current).split())
        current.clear()
        if text:
            paragraphs.append((pending, text))
            pending = marker
        elif marker == _PARAGRAPH:
            pending = _PARAGRAPH

    for piece in pieces:
        if piece in (_PARAGRAPH, _LINE):
            flush(piece)
        else:
            current.append(piece)
    flush(_PARAGRAPH)
    parts = []
    for index, (marker, text) in enumerate(paragraphs):
        if index:
            parts.append("\n\n" if marker == _PARAGRAPH else "\n")
        parts.append(text)
    return "".join(parts) + "\n" if parts else ""
