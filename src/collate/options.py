"""How witnesses are read from their files: the options a collation records so that it can be
read again the same way.

>>> ReadingOptions(tokens=TokenMode.CHAR).to_dict()["tokens"]
'char'
>>> ReadingOptions.from_dict({"tokens": "word"}, "x.json").tokens
<TokenMode.WORD: 'word'>
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, fields

from collate.errors import ManifestError
from collate.tokenize import TokenMode

__all__ = ["ReadingOptions", "TeiHand", "TeiLayer", "TokenMode"]


class TeiLayer(enum.StrEnum):
    """Which side of a TEI ``<choice>`` a transcription is read by (``--tei-layer``)."""

    NORMALIZED = "normalized"
    """``expan``, ``corr``, ``reg``: the abbreviations expanded, errors corrected."""
    DIPLOMATIC = "diplomatic"
    """``abbr``, ``sic``, ``orig``: the text as the scribe wrote it."""


class TeiHand(enum.StrEnum):
    """Which state of a TEI transcription's corrections is read (``--tei-hand``)."""

    FINAL = "final"
    """The text as finally corrected: ``<add>`` kept, ``<del>`` left out."""
    FIRST = "first"
    """The first hand's text: ``<del>`` kept, ``<add>`` left out."""
    BOTH = "both"
    """Both, as two witnesses: ``W`` (final) and ``W(a.c.)`` (first hand; no space, as sigla
    have none), when they differ."""


@dataclass(frozen=True, slots=True)
class ReadingOptions:
    """The options witnesses were read with."""

    tokens: TokenMode = TokenMode.AUTO
    """How words are cut (`collate.tokenize.TokenMode`)."""
    tei_layer: TeiLayer = TeiLayer.NORMALIZED
    """The side of ``<choice>`` a TEI transcription is read by."""
    tei_hand: TeiHand = TeiHand.FINAL
    """The corrections of a TEI transcription read."""
    lines: bool = False
    """A plain-text witness's line breaks are its source's lines (``--lines``): references
    cite page and line."""

    def to_dict(self) -> dict[str, str | bool]:
        """The options as the JSON export records them."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return {k: v.value if isinstance(v, enum.Enum) else v for k, v in values.items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, object], where: str) -> ReadingOptions:
        """Options read back from a JSON export or a batch manifest.

        Raises:
            ManifestError: an unknown option or value, naming ``where``.
        """
        kinds: dict[str, type[enum.StrEnum]] = {
            "tokens": TokenMode,
            "tei_layer": TeiLayer,
            "tei_hand": TeiHand,
        }
        values: dict[str, object] = {}
        for key, value in data.items():
            if key == "lines":
                if not isinstance(value, bool):
                    raise ManifestError(f"{where}: reading option {key!r} must be true or false")
                values[key] = value
                continue
            kind = kinds.get(key)
            if kind is None:
                raise ManifestError(f"{where}: unknown reading option {key!r}")
            try:
                values[key] = kind(str(value))
            except ValueError:
                known = ", ".join(m.value for m in kind)
                raise ManifestError(
                    f"{where}: reading option {key}={value!r} is not one of {known}"
                ) from None
        return cls(**values)  # type: ignore[arg-type]
