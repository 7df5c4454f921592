"""Output files are written whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from collate.files import OutputError, write_text_atomically


def test_writes_the_text_with_ordinary_permissions(tmp_path: Path) -> None:
    """The file holds the text as UTF-8 and is readable as any file the user makes."""
    target = tmp_path / "deep" / "er" / "out.txt"
    write_text_atomically(target, "Ёлка\r\n")
    assert target.read_bytes() == "Ёлка\r\n".encode()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error while renaming keeps the previous output and removes the temporary file."""
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def fail(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(
        OutputError, match=r"out\.txt: cannot be written \(No space left on device\)"
    ):
        write_text_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_directory_is_not_a_file_name(tmp_path: Path) -> None:
    """Writing to a directory's path is refused with the path in the message."""
    with pytest.raises(OutputError, match="is a directory"):
        write_text_atomically(tmp_path, "x")
