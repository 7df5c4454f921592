"""collate: compare versions of a text the way a textual scholar does.

>>> import collate
>>> medvedev = collate.load_witness("witnesses/medvedev-1926.txt")
>>> baku = collate.load_witness("witnesses/baku-1924.txt")
>>> result = collate.collate([medvedev, baku])
>>> result.units[0].type.value, result.units[0].readings["B"].text
('omission', '')
"""

from __future__ import annotations

from collate.engine import Engine, Grouping, LemmaPolicy, Settings, collate
from collate.errors import (
    ApparatusError,
    CollateError,
    CollationError,
    ManifestError,
    WitnessDecodeError,
    WitnessError,
    WitnessNotFoundError,
)
from collate.model import Agreement, Collation, Reading, Token, Unit, UnitType, Witness
from collate.tokenize import normalize, tokenize
from collate.witnesses import load_witness, load_witnesses, witness_from_text

__all__ = [
    "Agreement",
    "ApparatusError",
    "CollateError",
    "Collation",
    "CollationError",
    "Engine",
    "Grouping",
    "LemmaPolicy",
    "ManifestError",
    "Reading",
    "Settings",
    "Token",
    "Unit",
    "UnitType",
    "Witness",
    "WitnessDecodeError",
    "WitnessError",
    "WitnessNotFoundError",
    "__version__",
    "collate",
    "load_witness",
    "load_witnesses",
    "normalize",
    "tokenize",
    "witness_from_text",
]

__version__ = "0.1.0"
