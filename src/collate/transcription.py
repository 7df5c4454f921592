"""A TEI (or other XML) transcription read as a witness: its text, and where each part of it
stands in the source (page, line, verse line).

A TEI document without an apparatus is one witness (a ``<teiCorpus>``: one per ``<TEI>`` in
it). The text is read from ``<text>`` (else the whole document):

- paragraphs, headings and other blocks (``p``, ``head``, ``ab``, ``lg``, ``div``, ``quote``…)
  are separated by a blank line, verse lines (``l``) by a line break; whitespace inside a
  block is the encoder's layout and becomes single spaces;
- ``<note>``, ``<fw>`` (running heads, catchwords), ``<teiHeader>``, ``<figDesc>`` and
  ``<include>`` are left out: they are not the text of the witness;
- ``<choice>`` is read by the layer asked for (`TeiLayer`): ``expan``, ``corr``, ``reg``
  (normalized, the default) or ``abbr``, ``sic``, ``orig`` (diplomatic);
- ``<del>`` and ``<add>`` by the hand asked for (`TeiHand`): the text as finally corrected
  (``add`` kept, ``del`` left out), or the first hand's (``del`` kept, ``add`` left out);
- ``<gap/>``, and a ``<damage>`` with no legible text in it, read as the lacuna mark ``[…]``
  between spaces, a token of its own (`collate.model.is_lacuna`); a ``<damage>`` around
  legible text reads that text;
- ``<lb break="no"/>`` joins the parts of a word; any other ``<lb/>`` is a space; a ``<pb/>``
  is no space of its own (the whitespace around it, if any, is);
- ``<pb n="12"/>`` starts page 12, each ``<lb/>`` a line on it (``lb/@n`` when given), and
  ``<l n="118">`` is verse line 118 (counted when ``@n`` is missing): every stretch of the text
  keeps its page, line and verse line (`collate.model.Location`).

Milestone forms (``<p sID="x"/>`` … ``<p eID="x"/>``, as the Frankenstein Variorum's flattened
files have them) are read like the elements they stand for. XML that is not in the TEI
namespace is read by the same element names; elements this reader does not know give their
text and nothing else.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from collate.errors import ApparatusError
from collate.model import Location, Witness
from collate.options import ReadingOptions, TeiHand, TeiLayer
from collate.tokenize import tokenize_witness

__all__ = ["LACUNA", "is_transcription", "transcription_witnesses"]

LACUNA = "[…]"
"""What a gap or an illegible damage reads as: the Leiden mark for text lost."""

_BLOCKS = frozenset(
    {
        "p",
        "head",
        "ab",
        "lg",
        "div",
        "div1",
        "div2",
        "div3",
        "quote",
        "list",
        "item",
        "trailer",
        "byline",
        "dateline",
        "opener",
        "closer",
        "salute",
        "signed",
        "sp",
        "speaker",
        "stage",
        "epigraph",
        "argument",
        "table",
        "row",
        "titlePage",
        "docTitle",
        "titlePart",
        "front",
        "body",
        "back",
    }
)
_SILENT = frozenset({"note", "fw", "teiHeader", "figDesc", "include", "comment", "desc"})
_DIPLOMATIC = ("abbr", "sic", "orig")
_NORMALIZED = ("expan", "corr", "reg")


def is_transcription(root: etree._Element) -> bool:
    """True for a document with no apparatus (no ``<app>``): a transcription to read as text."""
    return not any(_local(element) == "app" for element in root.iter())


def transcription_witnesses(
    root: etree._Element,
    name: str,
    data: bytes,
    options: ReadingOptions = ReadingOptions(),
) -> list[Witness]:
    """The witness(es) of a transcription: one per ``<TEI>`` (the document itself when it is
    one, or any other XML), two per document with ``TeiHand.BOTH`` where the first hand's
    text differs (``W`` and ``W(a.c.)``).

    The siglum is the file name without its extension (for a ``teiCorpus``, each ``TEI``'s
    ``@n`` or ``xml:id``, else the name and its number); the title, the header's title.

    Raises:
        ApparatusError: the document has no text.
    """
    documents = [el for el in root if _local(el) == "TEI"] if _local(root) == "teiCorpus" else []
    stem = Path(name).stem
    if documents:
        named = [
            (d.get("n") or d.get("{http://www.w3.org/XML/1998/namespace}id") or f"{stem}-{i}", d)
            for i, d in enumerate(documents, start=1)
        ]
    else:
        named = [(stem, root)]
    source = f"sha256:{hashlib.sha256(data).hexdigest()}"
    witnesses = []
    for siglum, document in named:
        hands = (
            [(siglum, TeiHand.FINAL), (f"{siglum}(a.c.)", TeiHand.FIRST)]
            if options.tei_hand is TeiHand.BOTH
            else [(siglum, options.tei_hand)]
        )
        texts: list[str] = []
        for hand_siglum, hand in hands:
            text, locations = read_text(document, options.tei_layer, hand)
            if not text.strip():
                raise ApparatusError(f"{name}: the transcription {siglum!r} has no text")
            if texts and text == texts[0]:
                continue  # the first hand's text is the final one: no second witness
            texts.append(text)
            witnesses.append(
                Witness(
                    siglum=hand_siglum,
                    text=text,
                    tokens=tokenize_witness(text, options.tokens),
                    title=_title(document),
                    path=name,
                    source=source,
                    locations=locations,
                )
            )
    return witnesses


def read_text(
    document: etree._Element,
    layer: TeiLayer = TeiLayer.NORMALIZED,
    hand: TeiHand = TeiHand.FINAL,
) -> tuple[str, tuple[Location, ...]]:
    """The text of a transcription, read by ``layer`` and ``hand``, and its locations.

    >>> root = etree.fromstring('<TEI><text><body><pb n="3"/><p><lb/>Thus <choice>'
    ...     '<abbr>ye</abbr><expan>the</expan></choice> sto<lb break="no"/>ry'
    ...     '<lb/>ends<gap/>.</p></body></text></TEI>')
    >>> read_text(root)
    ('Thus the story ends […] .\\n', (Location(start=0, page='3', line=1, verse=''), \
Location(start=12, page='3', line=2, verse=''), Location(start=15, page='3', line=3, verse='')))
    >>> read_text(root, TeiLayer.DIPLOMATIC)[0]
    'Thus ye story ends […] .\\n'
    """
    text_element = next((el for el in document.iter() if _local(el) == "text"), document)
    reader = _Reader(layer, hand)
    reader.children(text_element)
    return reader.finish()


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _title(document: etree._Element) -> str:
    for element in document.iter():
        if _local(element) == "titleStmt":
            for child in element:
                if _local(child) == "title":
                    return " ".join("".join(str(t) for t in child.itertext()).split())
    return ""


@dataclass
class _Reader:
    """Walks a transcription, writing its text with normalized whitespace and its locations."""

    layer: TeiLayer
    hand: TeiHand
    parts: list[str] = field(default_factory=list)
    length: int = 0
    space: bool = False
    """Whitespace is pending before the next word."""
    block: str = ""
    """A block break (``"\\n"`` or ``"\\n\\n"``) is pending before the next word."""
    join: bool = False
    """The next text continues the word before it (``lb break="no"``)."""
    silent: int = 0
    """Depth of milestone-form elements whose text is left out (``<note sID/>``)."""
    page: str = ""
    pages: int = 0
    line: int = 0
    verse: str = ""
    verses: int = 0
    locations: list[Location] = field(default_factory=list)

    def finish(self) -> tuple[str, tuple[Location, ...]]:
        text = "".join(self.parts)
        return (text + "\n" if text else ""), tuple(self.locations)

    def children(self, element: etree._Element) -> None:
        self.text(element.text)
        for child in element:
            self.element(child)
            self.text(child.tail)

    def text(self, text: str | None) -> None:
        if not text or self.silent:
            return
        if self.join:
            text = text.lstrip()
            if not text:
                return
            self.join = False
            self.space = False
        words = text.split()
        if not words:
            self.space = True
            return
        if text[0].isspace():
            self.space = True
        self.word(" ".join(words))
        if text[-1].isspace():
            self.space = True

    def word(self, text: str) -> None:
        """Write ``text`` after any pending separator, recording its location if it moved."""
        if self.length:
            separator = self.block or (" " if self.space else "")
            if separator:
                self.parts.append(separator)
                self.length += len(separator)
        self.block = ""
        self.space = False
        here = (self.page, self.line, self.verse)
        if here != (self.locations[-1][1:] if self.locations else ("", 0, "")):
            self.locations.append(Location(self.length, *here))
        self.parts.append(text)
        self.length += len(text)

    def start_block(self, kind: str) -> None:
        if kind == "\n\n" or not self.block:
            self.block = kind
        self.join = False

    def element(self, element: etree._Element) -> None:  # noqa: PLR0912 (one branch per TEI element)
        name = _local(element)
        if not name:
            return
        milestone = element.get("sID") is not None or element.get("eID") is not None
        if milestone and len(element) == 0:
            self.milestone(name, element.get("sID") is not None, element)
            return
        if name in _SILENT:
            return
        if name == "pb":
            # not a space: print transcriptions put a page break inside a word ("pro<pb/>ceeded")
            self.pages += 1
            self.page = element.get("n") or str(self.pages)
            self.line = 0
        elif name == "lb":
            given = element.get("n")
            self.line = int(given) if given and given.isdigit() else self.line + 1
            if element.get("break") == "no":
                self.join = True
                self.space = False
            else:
                self.space = True
        elif name == "gap" or (
            name == "damage" and not "".join(str(t) for t in element.itertext()).strip()
        ):
            self.lacuna()
        elif name == "choice":
            chosen = self.choose(element)
            if chosen is not None:
                self.children(chosen)
        elif name == "del":
            if self.hand is TeiHand.FIRST:
                self.children(element)
        elif name == "add":
            if self.hand is not TeiHand.FIRST:
                self.children(element)
        elif name == "l":
            self.start_verse(element)
            self.children(element)
            self.end_verse()
        elif name in _BLOCKS:
            self.start_block("\n\n")
            self.children(element)
            self.start_block("\n\n")
        else:
            self.children(element)

    def milestone(self, name: str, starts: bool, element: etree._Element) -> None:
        if name in _SILENT:
            self.silent = max(0, self.silent + (1 if starts else -1))
        elif name == "l":
            if starts:
                self.start_verse(element)
            else:
                self.end_verse()
        elif name in _BLOCKS:
            self.start_block("\n\n")

    def start_verse(self, element: etree._Element) -> None:
        self.verses += 1
        self.verse = element.get("n") or str(self.verses)
        self.start_block("\n")

    def end_verse(self) -> None:
        self.verse = ""
        self.start_block("\n")

    def lacuna(self) -> None:
        if self.silent:
            return
        self.space = True
        self.join = False
        self.word(LACUNA)
        self.space = True

    def choose(self, choice: etree._Element) -> etree._Element | None:
        wanted = _DIPLOMATIC if self.layer is TeiLayer.DIPLOMATIC else _NORMALIZED
        options = [child for child in choice if _local(child)]
        for child in options:
            if _local(child) in wanted:
                return child
        return options[0] if options else None
