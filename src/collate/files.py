"""Writing output files: never half of one, never over something that is not an output.

Every file `collate` writes goes through `write_text_atomically`:

- a regular file (new or old) is written to a temporary name beside it and renamed into place,
  so it is either absent, its old self, or complete; an old file keeps its permission bits;
- a symbolic link is followed: its target is written, the link stays;
- a device, a FIFO or a terminal (``-o /dev/null``, ``-o /dev/stdout``, a named pipe) is
  written through, never renamed over (a rename would replace ``/dev/null`` with a file);
- a path that is one of the inputs is refused, so ``-o`` cannot destroy a witness.

Names made from what a witness or a batch says (sigla, set names) go through
`unique_file_names`: safe characters only, short enough for any file system, and distinct.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import TextIO

from collate.errors import CollateError
from collate.model import Witness

__all__ = [
    "OutputError",
    "file_name_for",
    "is_temporary_name",
    "unique_file_names",
    "write_text_atomically",
    "write_witnesses",
]

_MAX_NAME_BYTES = 120
"""Longest name made from a siglum or set name (UTF-8 bytes): file systems allow 255, and the
temporary name and suffixes need room."""
# paths whose symbolic links are the kernel's handles on open files (/dev/stdout, /dev/fd/3,
# /proc/self/fd/1): written through, never resolved and renamed over
_SPECIAL_FOLDERS = ("/dev/", "/proc/")


class OutputError(CollateError, OSError):
    """An output file that cannot be written, or must not be."""


def _temporary_name(name: str) -> str:
    # the start of the name, to tell whose it is; the random part makes it unique per writer
    # (what `secrets.token_hex` returns, without loading `secrets`, `random` and `hmac` at
    # every start)
    return f".{name[:40]}.{os.urandom(8).hex()}.tmp"


def is_temporary_name(name: str) -> bool:
    """Whether a file name is one `write_text_atomically` uses while it writes."""
    return bool(re.fullmatch(r"\..*\.[0-9a-f]{12,16}\.tmp", name, flags=re.DOTALL))


def write_text_atomically(
    path: str | Path, text: str | Iterable[str], *, inputs: Iterable[str | Path] = ()
) -> None:
    """Write ``text`` as UTF-8 to ``path``: a string, or its pieces one after another (a long
    export need not be held whole).

    A regular file is written through a temporary file renamed into place, so it is either
    absent, its old self, or complete, and keeps its permission bits; missing parent folders
    are created. A symbolic link's target is written. A device or FIFO is written through.
    ``-`` is standard output.

    Raises:
        OutputError: ``path`` is a directory or one of ``inputs``, or cannot be written.
        BrokenPipeError: ``path`` is a pipe whose reader closed it.
    """
    if str(path) == "-":
        _write_pieces(sys.stdout, text)
        sys.stdout.flush()
        return
    path = Path(path)
    try:
        _refuse_inputs(path, inputs)
        status = _stat(path)
        if status is not None and stat.S_ISDIR(status.st_mode):
            raise OutputError(f"{path}: is a directory; give a file name for the output")
        if (status is not None and not stat.S_ISREG(status.st_mode)) or str(path).startswith(
            _SPECIAL_FOLDERS
        ):
            _write_through(path, text)
            return
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, text, None if status is None else stat.S_IMODE(status.st_mode))
    except (OutputError, BrokenPipeError):
        raise  # a pipe's reader that left early (-o /dev/stdout | head) is no error of the file
    except OSError as error:
        raise OutputError(f"{path}: cannot be written ({error.strerror or error})") from None


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _refuse_inputs(path: Path, inputs: Iterable[str | Path]) -> None:
    status = _stat(path)
    if status is None or not stat.S_ISREG(status.st_mode):
        return
    for given in inputs:
        try:
            other = os.stat(given)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino):
            raise OutputError(
                f"{path}: is one of the inputs ({given}); writing it would destroy the input, "
                "so give another output file"
            )


def _write_through(path: Path, text: str | Iterable[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        _write_pieces(file, text)


def _write_pieces(file: TextIO, text: str | Iterable[str]) -> None:
    if isinstance(text, str):
        file.write(text)
        return
    for piece in text:
        file.write(piece)


def _replace(target: Path, text: str | Iterable[str], mode: int | None) -> None:
    temporary = target.with_name(_temporary_name(target.name))
    # O_EXCL rather than mkstemp: a new file gets the user's usual permissions (0666 less the
    # umask), not 0600; an old file's bits are copied
    try:
        # inside the try: an interrupt (Ctrl-C, a batch's SIGTERM) just after the file is
        # created must not leave it behind
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            if mode is not None:
                os.fchmod(file.fileno(), mode)
            _write_pieces(file, text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _safe_stem(name: str) -> str:
    safe = re.sub(r"[^\w.\-]", "_", name)
    if safe.startswith(".") or not safe:
        safe = "_" + safe
    encoded = safe.encode("utf-8")
    if len(encoded) > _MAX_NAME_BYTES:
        safe = encoded[:_MAX_NAME_BYTES].decode("utf-8", errors="ignore")
    return safe


def file_name_for(siglum: str) -> str:
    """A file name for a witness: its siglum and ``.txt``, with characters that are not safe in
    a file name (path separators, a leading dot…) as ``_``, cut to 120 bytes.

    >>> file_name_for("M"), file_name_for("../x"), file_name_for("MS A")
    ('M.txt', '_.._x.txt', 'MS_A.txt')
    """
    return f"{_safe_stem(siglum)}.txt"


def unique_file_names(
    names: Sequence[str], suffix: str = "", *, reserved: Collection[str] = ()
) -> list[str]:
    """Safe, distinct file names for ``names``, in order (``suffix`` appended to each).

    A name that is already safe keeps it; the others, and repeats, take ``-2``, ``-3``… until
    they differ from every other name and from ``reserved``, ignoring case (so the names are
    distinct on a case-insensitive file system too).

    >>> unique_file_names(["a/b", "a_b", "a_b-2"], ".txt")
    ['a_b-3.txt', 'a_b.txt', 'a_b-2.txt']
    >>> unique_file_names(["index.html", "../up"], reserved={"index.html"})
    ['index.html-2', '_.._up']
    """
    taken = {name.casefold() for name in reserved}
    chosen: list[str | None] = [None] * len(names)
    stems = [_safe_stem(name) for name in names]
    # first, every name that is safe as it stands keeps it
    for index, (name, stem) in enumerate(zip(names, stems, strict=True)):
        if stem == name and (stem + suffix).casefold() not in taken:
            chosen[index] = stem + suffix
            taken.add((stem + suffix).casefold())
    for index, stem in enumerate(stems):
        if chosen[index] is not None:
            continue
        candidate, number = stem + suffix, 1
        while candidate.casefold() in taken:
            number += 1
            candidate = f"{stem}-{number}{suffix}"
        chosen[index] = candidate
        taken.add(candidate.casefold())
    return [name for name in chosen if name is not None]


def write_witnesses(
    witnesses: Sequence[Witness], directory: str | Path, *, inputs: Iterable[str | Path] = ()
) -> list[Path]:
    """Write each witness's text to ``directory/SIGLUM.txt`` (UTF-8, exactly as it is), each
    file atomically; return the paths written. The file names are distinct
    (`unique_file_names`) and all are chosen before anything is written.

    Raises:
        OutputError: the directory is a file, a file would overwrite one of ``inputs``, or a
            file cannot be written.
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory}: is a file; give a directory for the witnesses")
    names = unique_file_names([w.siglum for w in witnesses], ".txt")
    paths = [directory / name for name in names]
    inputs = list(inputs)
    for witness, path in zip(witnesses, paths, strict=True):
        _refuse_inputs(path, inputs)
        _refuse_a_different_text(path, witness)
    for witness, path in zip(witnesses, paths, strict=True):
        write_text_atomically(path, witness.text, inputs=inputs)
    return paths


def _refuse_a_different_text(path: Path, witness: Witness) -> None:
    """Refuse to replace a file that holds another text than the witness: most often the
    transcription itself, corrected since the collation was made. The same text is written
    again (a rerun)."""
    if not path.is_file():
        return
    try:
        held = path.read_bytes()
    except OSError as error:
        raise OutputError(f"{path}: cannot be read ({error.strerror or error})") from None
    if held != witness.text.encode("utf-8"):
        raise OutputError(
            f"{path}: exists and holds another text than witness {witness.siglum}; writing it "
            "would replace that text, so give a new or empty folder, or remove the file"
        )
