"""Output files are written whole or not at all, and never over what is not an output."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from collate.files import (
    OutputError,
    _temporary_name,
    is_temporary_name,
    unique_file_names,
    write_text_atomically,
    write_witnesses,
)
from collate.witnesses import witness_from_text


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


def test_text_in_pieces_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    """Text given in pieces (a streamed JSON export) is the file, piece after piece; when
    making a piece fails, the old file stays and no temporary file is left."""
    target = tmp_path / "out.json"
    write_text_atomically(target, iter(["{\n", '  "a": "Ёлка"\n', "}\n"]))
    assert target.read_text(encoding="utf-8") == '{\n  "a": "Ёлка"\n}\n'

    def broken() -> Iterator[str]:
        yield "{\n"
        raise RuntimeError("a renderer's bug")

    with pytest.raises(RuntimeError, match="a renderer's bug"):
        write_text_atomically(target, broken())
    assert target.read_text(encoding="utf-8") == '{\n  "a": "Ёлка"\n}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_directory_is_not_a_file_name(tmp_path: Path) -> None:
    """Writing to a directory's path is refused with the path in the message."""
    with pytest.raises(OutputError, match="is a directory"):
        write_text_atomically(tmp_path, "x")


def test_dev_null_is_written_through_and_stays_a_device() -> None:
    """-o /dev/null discards the text and leaves /dev/null the character device it was (a
    rename over it would replace it with a regular file for every program on the machine)."""
    write_text_atomically("/dev/null", "discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    """A named pipe given as the output receives the text and stays a pipe."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_text_atomically(fifo, "Ёлка\n")
    reader.join(10)
    assert received == ["Ёлка\n".encode()]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_symbolic_link_is_followed_and_kept(tmp_path: Path) -> None:
    """Writing to a link writes its target; the link stays a link."""
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out.txt"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_text_atomically(link, "new")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["out.txt"]


def test_an_existing_file_keeps_its_permission_bits(tmp_path: Path) -> None:
    """A private output (0600) stays private when it is written again."""
    target = tmp_path / "private.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_text_atomically(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") == "new"


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    """An output that is one of the inputs (by name, by a link, or by a hard link) is refused
    and the input is left as it was."""
    witness = tmp_path / "a.txt"
    witness.write_text("the witness", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(witness)
    os.link(witness, tmp_path / "hard.txt")
    for output in (witness, tmp_path / "link.txt", tmp_path / "hard.txt"):
        with pytest.raises(OutputError, match=r"is one of the inputs \("):
            write_text_atomically(output, "an apparatus", inputs=[str(witness)])
    assert witness.read_text(encoding="utf-8") == "the witness"


def test_a_long_file_name_can_be_written(tmp_path: Path) -> None:
    """A name of 255 bytes, the most a file system allows, is written (the temporary name is
    kept short); one of 256 is one error naming the file."""
    write_text_atomically(tmp_path / ("x" * 255), "text")
    assert (tmp_path / ("x" * 255)).read_text(encoding="utf-8") == "text"
    with pytest.raises(OutputError, match=r"cannot be written \(File name too long\)"):
        write_text_atomically(tmp_path / ("y" * 256), "text")


def test_temporary_names_differ_between_writers(tmp_path: Path) -> None:
    """Two writers of one file never share a temporary name (so neither removes the other's)."""
    names = {_temporary_name("out.json") for _ in range(1000)}
    assert len(names) == 1000
    assert all(is_temporary_name(name) for name in names)
    assert not is_temporary_name("out.json")


@pytest.mark.parametrize(
    ("sigla", "names"),
    [
        (["a/b", "a_b", "a_b-2"], ["a_b-3.txt", "a_b.txt", "a_b-2.txt"]),
        (["A", "a"], ["A.txt", "a-2.txt"]),
        (["..", ".hidden", "x\\y", ""], ["_...txt", "_.hidden.txt", "x_y.txt", "_.txt"]),
        (["S" * 300], ["S" * 120 + ".txt"]),
    ],
    ids=["separator-clash", "case-clash", "dots-and-empty", "too-long"],
)
def test_file_names_from_sigla_are_safe_and_distinct(sigla: list[str], names: list[str]) -> None:
    """Every siglum gets its own file name, safe on any file system."""
    assert unique_file_names(sigla, ".txt") == names


def test_write_witnesses_loses_no_witness(tmp_path: Path) -> None:
    """Sigla a/b, a_b and a_b-2 give three files, each with its own witness's text."""
    witnesses = [witness_from_text(f"text of {s}\n", s) for s in ("a/b", "a_b", "a_b-2")]
    paths = write_witnesses(witnesses, tmp_path / "out")
    assert len(set(paths)) == 3
    for witness, path in zip(witnesses, paths, strict=True):
        assert path.read_text(encoding="utf-8") == witness.text
