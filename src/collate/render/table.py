"""Alignment tables: CSV, TSV, and CollateX's JSON alignment table.

One column per witness (a header of sigla, the base first), one row per step of the aligned
text (`collate.rows.alignment_rows`): an agreement, or a variant unit where the cells differ
and an empty cell is an omission. Each cell is the witness's text exactly, whitespace
included, so joining a column rebuilds that witness. Cells are quoted by the CSV rules
(RFC 4180: a cell with a quote, delimiter or line break is quoted, quotes doubled), and
nothing else is changed: a spreadsheet may take a cell beginning with ``=`` for a formula.

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

from collate.model import Collation
from collate.rows import alignment_rows
from collate.tokenize import tokenize

__all__ = ["render_collatex_json", "render_delimited"]


def render_delimited(collation: Collation, delimiter: str = ",") -> str:
    """The alignment table as CSV (``delimiter=","``) or TSV (``"\\t"``), lines ending in
    CRLF as RFC 4180 has it.

    >>> from collate import collate, witness_from_text
    >>> c = collate([witness_from_text("a b c", "A"), witness_from_text("a x c", "B")])
    >>> render_delimited(c).splitlines()
    ['A,B', 'a ,a ', 'b,x', ' c, c']
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    sigla = collation.sigla
    writer.writerow(sigla)
    for row in alignment_rows(collation):
        writer.writerow([row.readings[s].text for s in sigla])
    return buffer.getvalue()


def render_collatex_json(collation: Collation) -> str:
    """The alignment table in CollateX's JSON output shape (column-major)."""
    sigla = collation.sigla
    positions = dict.fromkeys(sigla, 0)
    table = []
    for row in alignment_rows(collation):
        column = []
        for siglum in sigla:
            cell = []
            for text, form in _tokens(row.readings[siglum].text):
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
