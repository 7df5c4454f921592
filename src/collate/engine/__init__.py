"""The collation engine: witnesses in, a `Collation` out. Pure: no I/O.

It imports the data model (`collate.model`) and the normalization rules (`collate.rules`,
`collate.tokenize`) and nothing from loading, rendering or the command line. Its modules are
private; this is its public face:

- `collate` aligns witnesses and returns their `Collation`; `Settings` holds every rule and
  threshold it applies, each one a field that can be switched off (`RULES` names them with
  their "off" values); `Engine`, `LemmaPolicy` and `Grouping` name the aligners, the lemma
  choices and how finely differences are grouped into units;
- `alignment_rows` and `paragraph_blocks` give a collation as one sequence of rows every
  witness reads in order (what the apparatus, TEI and table renderers print);
- `classify` gives a unit's class from its readings (`collate.decisions` classes the units a
  merge or split makes with it);
- `token_columns` and `reading_columns` line the words of a collation (or of readings) up in
  columns, the shape of a hand-aligned table;
- `reading_groups` groups a unit's readings that are mostly the same word for word (nested
  variation: one reading with its sub-variants), which `collate` records in `Unit.groups`;
- `paragraphs`, `sentences` and `align_segments` cut a witness into the segments the engine
  aligns first.
"""

from __future__ import annotations

from collate.engine._align import Engine, LemmaPolicy, collate, with_majority_lemmata
from collate.engine._classify import classify, layout_alone
from collate.engine._columns import reading_columns, token_columns
from collate.engine._nesting import reading_groups, with_reading_groups
from collate.engine._nway import type_seen_from, unit_type
from collate.engine._rows import Block, References, Row, alignment_rows, paragraph_blocks
from collate.engine._segment import align_segments, paragraphs, sentences
from collate.engine._settings import RULES, Grouping, Settings

__all__ = [
    "RULES",
    "Block",
    "Engine",
    "Grouping",
    "LemmaPolicy",
    "References",
    "Row",
    "Settings",
    "align_segments",
    "alignment_rows",
    "classify",
    "collate",
    "layout_alone",
    "paragraph_blocks",
    "paragraphs",
    "reading_columns",
    "reading_groups",
    "sentences",
    "token_columns",
    "type_seen_from",
    "unit_type",
    "with_majority_lemmata",
    "with_reading_groups",
]
