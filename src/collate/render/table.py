"""Alignment tables: CSV, TSV, and CollateX's JSON alignment table.

One column per witness (a header of sigla, the base first), one row per step of the aligned
text (`collate.engine.alignment_rows`): an agreement, or a variant unit where the cells differ
and an empty cell is an omission. Each cell is the witness's text exactly, whitespace
included, so joining a column rebuilds that witness. Cells are quoted by the CSV rules
(RFC 4180: a cell with a quote, delimiter or line break is quoted, quotes doubled), and
nothing else is changed: a spreadsheet may take a cell beginning with ``=`` for a formula.

With ``--words`` the rows are aligned words instead (`word_rows`, from the word columns that
`collate.engine.token_columns` computes and the caller passes in: a renderer aligns nothing):
inside a unit each reading's words line up with the others', the shape of a hand-aligned table.
Still lossless: every token with its whitespace is in one row.

``json-collatex`` is the shape CollateX's Java tools write for ``-f json``::

    {"witnesses": ["A", "B"],
     "table": [[[{"t": "The ", "n": "the"}], [{"t": "The ", "n": "the"}]], ...]}

``table`` is column-major: one entry per aligned column, holding one token list per witness
(empty where the witness has nothing). Tokens carry their whitespace in ``t``, CollateX's
normalized form in ``n``, and ``_sigil`` and ``_token_array_position`` as CollateX writes them.
"""

from __future__ import annotations

import csv
import io
import json
from bisect import bisect_right
from collections.abc import Mapping, Sequence

from collate.engine import alignment_rows
from collate.model import Collation, Unit, Witness

__all__ = ["render_collatex_json", "render_delimited", "token_cells", "word_rows"]


def render_delimited(
    collation: Collation, delimiter: str = ",", *, words: Sequence[Mapping[str, int]] | None = None
) -> str:
    """The alignment table as CSV (``delimiter=","``) or TSV (``"\\t"``), lines ending in
    CRLF as RFC 4180 has it; given ``words`` (the collation's word columns), a row per
    aligned word (`word_rows`).

    >>> from collate import collate, witness_from_text
    >>> c = collate([witness_from_text("a b c", "A"), witness_from_text("a x c", "B")])
    >>> render_delimited(c).splitlines()
    ['A,B', 'a ,a ', 'b,x', ' c, c']
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    sigla = collation.sigla
    if words is not None or not collation.decisions:
        writer.writerow(sigla)
    if words is not None:
        for cells in word_rows(collation, words):
            writer.writerow([cells.get(s, "") for s in sigla])
        return buffer.getvalue()
    base = collation.base
    located = bool(base.locations)
    if collation.decisions:
        # the editor's decisions in four more columns, after the witnesses'
        writer.writerow([*sigla, *EDITOR_COLUMNS, *([REFERENCE_COLUMN] if located else [])])
        for row in alignment_rows(collation):
            unit = row.unit
            extra = ["", "", "", ""]
            if unit is not None:
                extra = [unit.id, unit.variant_class.value, unit.note, _decided(unit)]
            reference = [_reference(base, row.readings[base.siglum].start)] if located else []
            writer.writerow([*(row.readings[s].text for s in sigla), *extra, *reference])
        return buffer.getvalue()
    if located:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([*sigla, REFERENCE_COLUMN])
    for row in alignment_rows(collation):
        reference = [_reference(base, row.readings[base.siglum].start)] if located else []
        writer.writerow([*(row.readings[s].text for s in sigla), *reference])
    return buffer.getvalue()


REFERENCE_COLUMN = "reference"
"""The last column of a table whose base witness has locations (a TEI transcription's pages,
lines and verse lines): where the row's base text stands, ``p. 12, l. 4`` or ``v. 118``."""


def _reference(base: Witness, offset: int) -> str:
    location = base.location_at(offset)
    return location.label if location is not None else ""


EDITOR_COLUMNS = ("unit", "class", "note", "editor")
"""The columns a table gets after the witnesses' when the editor's decisions were applied:
the unit's id, its class, the editor's note, and ``dropped`` (no variant), ``lemma SIGLUM``
or ``conj. TEXT``."""


def _decided(unit: Unit) -> str:
    if unit.dropped:
        return "dropped"
    if unit.conjecture:
        return f"conj. {unit.conjecture}"
    return f"lemma {unit.lemma}" if unit.lemma else ""


def word_rows(collation: Collation, columns: Sequence[Mapping[str, int]]) -> list[dict[str, str]]:
    """A row per word column (`collate.engine.token_columns`): each witness's token there
    with its whitespace, by siglum; a witness with no word there is absent. Whitespace before
    a witness's first word goes with that word, so joining a witness's cells rebuilds it.

    >>> from collate import collate, witness_from_text
    >>> from collate.engine import token_columns
    >>> c = collate([witness_from_text("a b c", "A"), witness_from_text("a c b", "B")])
    >>> word_rows(c, token_columns(c))
    [{'A': 'a ', 'B': 'a '}, {'A': 'b '}, {'A': 'c', 'B': 'c '}, {'B': 'b'}]
    """
    texts = token_cells(collation)
    rows = [{s: texts[s][i] for s, i in column.items()} for column in columns]
    # a witness of whitespace only has no token: its text is a row of its own
    blank = {w.siglum: w.text for w in collation.witnesses if not w.tokens and w.text}
    return [blank, *rows] if blank else rows


def token_cells(collation: Collation) -> dict[str, list[str]]:
    """Each witness's tokens as `word_rows` prints them, by siglum: a token's text and
    whitespace, the first token's with the whitespace before it."""
    texts = {w.siglum: [t.text + t.space for t in w.tokens] for w in collation.witnesses}
    for witness in collation.witnesses:
        if witness.tokens:
            texts[witness.siglum][0] = witness.leading_space + texts[witness.siglum][0]
    return texts


def render_collatex_json(
    collation: Collation, *, words: Sequence[Mapping[str, int]] | None = None
) -> str:
    """The alignment table in CollateX's JSON output shape (column-major); given ``words``
    (the word columns), a column per aligned word (`word_rows`), as CollateX writes it without
    segmentation. Each cell holds the witness's own tokens as the collation matched them (a
    witness given as CollateX tokens keeps its tokens and their ``n`` forms)."""
    sigla = collation.sigla
    witnesses = {w.siglum: w for w in collation.witnesses}
    starts = {w.siglum: [t.start for t in w.tokens] for w in collation.witnesses}
    positions = dict.fromkeys(sigla, 0)
    table = []
    steps: list[dict[str, tuple[int, int]]]
    if words is not None:
        steps = _word_spans(collation, words)
    else:
        steps = [
            {s: (row.readings[s].start, row.readings[s].end) for s in sigla}
            for row in alignment_rows(collation)
        ]
    for spans in steps:
        column = []
        for siglum in sigla:
            cell = []
            start, end = spans.get(siglum, (0, 0))
            for text, form in _tokens(witnesses[siglum], starts[siglum], start, end):
                cell.append(
                    {
                        "_sigil": siglum,
                        "_token_array_position": positions[siglum],
                        "n": form,
                        "t": text,
                    }
                )
                positions[siglum] += 1
            column.append(cell)
        table.append(column)
    return (
        "{\n"
        f'  "witnesses": {json.dumps(list(sigla), ensure_ascii=False)},\n'
        '  "table": [\n'
        + ",\n".join(f"    {json.dumps(column, ensure_ascii=False)}" for column in table)
        + "\n  ]\n}\n"
    )


def _word_spans(
    collation: Collation, columns: Sequence[Mapping[str, int]]
) -> list[dict[str, tuple[int, int]]]:
    """The character span of each witness's cell in each word row (`word_rows`)."""
    witnesses = {w.siglum: w for w in collation.witnesses}
    rows = []
    for column in columns:
        spans = {}
        for siglum, index in column.items():
            token = witnesses[siglum].tokens[index]
            start = 0 if index == 0 else token.start
            spans[siglum] = (start, token.end + len(token.space))
        rows.append(spans)
    blank = {w.siglum: (0, len(w.text)) for w in collation.witnesses if not w.tokens and w.text}
    return [blank, *rows] if blank else rows


def _tokens(witness: Witness, starts: Sequence[int], start: int, end: int) -> list[tuple[str, str]]:
    """The witness's characters ``start:end`` as CollateX tokens: each of its tokens there with
    its trailing whitespace and its matching form; whitespace before the first becomes a token
    of its own (``n`` empty)."""
    tokens, text = witness.tokens, witness.text
    result = []
    k = bisect_right(starts, start) - 1
    if k < 0:
        lead_end = min(end, tokens[0].start if tokens else len(text))
        if lead_end > start:
            result.append((text[start:lead_end], ""))
        k = 0
    elif start > tokens[k].start:
        # the cell begins inside a token's whitespace (or, never in practice, its text)
        token = tokens[k]
        piece_end = min(end, token.end + len(token.space))
        if piece_end > start:
            result.append((text[start:piece_end], token.normalized if start < token.end else ""))
        k += 1
    while k < len(tokens) and tokens[k].start < end:
        token = tokens[k]
        result.append(
            (text[token.start : min(end, token.end + len(token.space))], token.normalized)
        )
        k += 1
    return result
