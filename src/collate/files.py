"""Writing output files so that a reader never sees half of one."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Sequence
from pathlib import Path

from collate.errors import CollateError
from collate.model import Witness

__all__ = ["OutputError", "file_name_for", "write_text_atomically", "write_witnesses"]


class OutputError(CollateError, OSError):
    """An output file that cannot be written."""


def write_text_atomically(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` through a temporary file renamed into place, so the
    file is either absent, its old self, or complete. Missing parent folders are created.

    Raises:
        OutputError: the folder cannot be created or the file written.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name for the output")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{path}: cannot be written ({error.strerror})") from None
    # mode "x" rather than mkstemp: the file gets the user's usual permissions, not 0600
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with temporary.open("x", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(f"{path}: cannot be written ({error.strerror})") from None
        raise


def file_name_for(siglum: str) -> str:
    """A file name for a witness: its siglum and ``.txt``, with characters that are not safe in
    a file name (path separators, a leading dot…) as ``_``.

    >>> file_name_for("M"), file_name_for("../x"), file_name_for("MS A")
    ('M.txt', '_.._x.txt', 'MS_A.txt')
    """
    safe = re.sub(r"[^\w.\-]", "_", siglum)
    if safe.startswith("."):
        safe = "_" + safe
    return f"{safe}.txt"


def write_witnesses(witnesses: Sequence[Witness], directory: str | Path) -> list[Path]:
    """Write each witness's text to ``directory/SIGLUM.txt`` (UTF-8, exactly as it is), each
    file atomically; return the paths written.

    Raises:
        OutputError: the directory is a file, or a file cannot be written.
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory}: is a file; give a directory for the witnesses")
    names: dict[str, int] = {}
    paths = []
    for witness in witnesses:
        name = file_name_for(witness.siglum)
        names[name] = names.get(name, 0) + 1
        if names[name] > 1:
            name = f"{name[:-4]}-{names[name]}.txt"
        paths.append(directory / name)
    for witness, path in zip(witnesses, paths, strict=True):
        write_text_atomically(path, witness.text)
    return paths
