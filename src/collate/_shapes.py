"""Checking the shape of what a TOML manifest or a JSON file holds, at the edge.

A few small checks rather than a JSON Schema library: the shapes are small, and each failure
must read as one line naming the file, the place and the fix, in the project's words.
"""

from __future__ import annotations

import codecs
import math
from collections.abc import Callable, Mapping
from typing import TypeVar

from collate.errors import CollateError, ManifestError

__all__ = [
    "Shape",
    "check_encoding",
    "check_table",
    "number",
    "string",
    "string_list",
    "surrogate_free",
]

T = TypeVar("T")
Shape = Callable[[object, str], object]
"""A check: ``(value, where)`` to the value, or a raised error naming ``where``."""


def string(value: object, where: str) -> str:
    """A string without lone surrogates (which no file can hold).

    Raises:
        ManifestError: naming ``where``, as every check here does.
    """
    if not isinstance(value, str):
        raise _error(where, f"must be a string, not {_kind(value)}")
    return surrogate_free(value, where)


def string_list(value: object, where: str) -> list[str]:
    """A list of strings."""
    if not isinstance(value, list):
        raise _error(where, f"must be a list of strings, not {_kind(value)}")
    return [string(item, f"{where}[{number}]") for number, item in enumerate(value, start=1)]


def number(value: object, where: str) -> float:
    """A finite number between 0 and 1."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _error(where, f"must be a number between 0 and 1, not {value!r}")
    if not 0 <= value <= 1:
        raise _error(where, f"must be between 0 and 1, not {value!r}")
    return float(value)


def check_table(
    value: object,
    where: str,
    shapes: Mapping[str, Shape],
    error: type[CollateError],
    required: tuple[str, ...] = (),
    noun: str = "option",
) -> dict[str, object]:
    """A table (dict) whose keys are all in ``shapes``, each value checked by its shape.

    Raises:
        error: naming ``where``, the key and the problem.
    """
    if not isinstance(value, dict):
        raise error(f"{where}: must be a table, not {_kind(value)}")
    unknown = sorted(set(value) - set(shapes))
    if unknown:
        raise error(f"{where}: unknown {noun} {unknown[0]!r} (the {noun}s: {', '.join(shapes)})")
    for key in required:
        if key not in value:
            raise error(f"{where}: {key!r} is missing")
    try:
        return {key: shapes[key](item, f"{where}: {key!r}") for key, item in value.items()}
    except _ShapeError as problem:
        raise error(str(problem)) from None


def check_encoding(encoding: object, where: str) -> str:
    """The name of a text encoding Python knows.

    Raises:
        ManifestError: naming ``where`` and the encoding.
    """
    if not isinstance(encoding, str):
        raise _error(where, f"encoding must be a string, not {_kind(encoding)}")
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise _error(
            where,
            f"unknown encoding {encoding!r}; name one Python knows, such as 'utf-8', 'cp1251', "
            "'koi8-r' or 'latin-1'",
        ) from None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FOR_TEXT:
        raise _error(where, f"{encoding!r} is not an encoding of text files")
    return encoding


# text codecs that encode something other than a text file's characters
_NOT_FOR_TEXT = frozenset({"punycode", "idna", "raw-unicode-escape", "unicode-escape"})


def surrogate_free(text: str, where: str) -> str:
    """``text``, refused when it holds a lone surrogate (from JSON's ``\\ud800``, say)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise _error(
            where,
            f"holds a lone surrogate U+{ord(text[error.start]):04X} at character {error.start}, "
            "which is not a character; fix the file",
        ) from None
    return text


class _ShapeError(ManifestError):
    """A value of the wrong shape; `check_table` turns it into the caller's error class."""


def _error(where: str, problem: str) -> _ShapeError:
    return _ShapeError(f"{where}: {problem}")


def _kind(value: object) -> str:
    names = {dict: "a table", list: "a list", str: "a string", bool: "a boolean"}
    return names.get(type(value), f"{type(value).__name__} {value!r}"[:60])
