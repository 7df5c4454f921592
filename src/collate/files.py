"""Writing output files so that a reader never sees half of one."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from collate.errors import CollateError

__all__ = ["OutputError", "write_text_atomically"]


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
