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
from collections.abc import Mapping, Sequence

from collate.engine import alignment_rows
from collate.model import Collation
from collate.tokenize import tokenize

__all__ = ["render_collatex_json", "render_delimited", "word_rows"]


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
    writer.writerow(sigla)
    if words is not None:
        for cells in word_rows(collation, words):
            writer.writerow([cells.get(s, "") for s in sigla])
        return buffer.getvalue()
    for row in alignment_rows(collation):
        writer.writerow([row.readings[s].text for s in sigla])
    return buffer.getvalue()


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
    witnesses = {w.siglum: w for w in collation.witnesses}
    rows: list[dict[str, str]] = []
    for column in columns:
        cells = {}
        for siglum, index in column.items():
            token = witnesses[siglum].tokens[index]
            lead = witnesses[siglum].leading_space if index == 0 else ""
            cells[siglum] = lead + token.text + token.space
        rows.append(cells)
    # a witness of whitespace only has no token: its text is a row of its own
    blank = {w.siglum: w.text for w in collation.witnesses if not w.tokens and w.text}
    return [blank, *rows] if blank else rows


def render_collatex_json(
    collation: Collation, *, words: Sequence[Mapping[str, int]] | None = None
) -> str:
    """The alignment table in CollateX's JSON output shape (column-major); given ``words``
    (the word columns), a column per aligned word (`word_rows`), as CollateX writes it without
    segmentation."""
    sigla = collation.sigla
    positions = dict.fromkeys(sigla, 0)
    table = []
    if words is not None:
        steps = [[cells.get(s, "") for s in sigla] for cells in word_rows(collation, words)]
    else:
        steps = [[row.readings[s].text for s in sigla] for row in alignment_rows(collation)]
    for texts in steps:
        column = []
        for siglum, cell_text in zip(sigla, texts, strict=True):
            cell = []
            for text, form in _tokens(cell_text):
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


def _tokens(text: str) -> list[tuple[str, str]]:
    """A cell's text as CollateX tokens: each word or mark with its trailing whitespace;
    whitespace before the first becomes a token of its own (``n`` empty)."""
    tokens = tokenize(text)
    result = []
    first = tokens[0].start if tokens else len(text)
    if first:
        result.append((text[:first], ""))
    result += [(t.text + t.space, t.normalized) for t in tokens]
    return result
