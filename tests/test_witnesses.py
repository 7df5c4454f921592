"""Loading witnesses: encodings, formats, manifests, sigla, and clear errors for bad input."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from collate import (
    CollationError,
    ManifestError,
    WitnessDecodeError,
    WitnessError,
    WitnessNotFoundError,
    load_witness,
    load_witnesses,
)
from collate.witnesses import MAX_BYTES
from conftest import WITNESSES

RUSSIAN = (
    "Дорогой товарищ В.,\n\n"
    "Мы получили ваше письмо и материалы о дискуссии в Баку. Ещё раз: всё ясно.\n"
)
FRENCH = (
    "Cher camarade,\n\n"
    "Nous avons reçu votre lettre. Voilà déjà l’été à Bakou, où l’on pense à vous.\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("label", "data", "text"),
    [
        ("utf-8", RUSSIAN.encode("utf-8"), RUSSIAN),
        ("utf-8 with BOM", codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"), RUSSIAN),
        ("utf-16 LE with BOM", codecs.BOM_UTF16_LE + RUSSIAN.encode("utf-16-le"), RUSSIAN),
        ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + RUSSIAN.encode("utf-16-be"), RUSSIAN),
        ("cp1251", RUSSIAN.encode("cp1251"), RUSSIAN),
        ("koi8-r", RUSSIAN.encode("koi8-r"), RUSSIAN),
        ("latin-1", FRENCH.replace("’", "'").encode("latin-1"), FRENCH.replace("’", "'")),
    ],
)
def test_encodings_are_detected(tmp_path: Path, label: str, data: bytes, text: str) -> None:
    """UTF-8 (BOM or not), UTF-16 with a BOM and the legacy Russian and Western encodings decode
    without being named."""
    assert load_witness(_write(tmp_path, "letter.txt", data)).text == text


def test_a_named_encoding_is_used(tmp_path: Path) -> None:
    """--encoding overrides detection."""
    path = _write(tmp_path, "letter.txt", RUSSIAN.encode("koi8-r"))
    assert load_witness(path, encoding="koi8-r").text == RUSSIAN


def test_bytes_that_do_not_decode_in_the_named_encoding(tmp_path: Path) -> None:
    """The error names the file, the byte, its offset and the fix."""
    path = _write(tmp_path, "letter.txt", RUSSIAN.encode("cp1251"))
    with pytest.raises(WitnessDecodeError) as caught:
        load_witness(path, encoding="utf-8")
    assert str(caught.value) == (
        f"{path}: byte 0xc4 at offset 0 does not decode as 'utf-8'; check the file's encoding "
        "and pass it with --encoding"
    )


def test_an_unknown_encoding_name(tmp_path: Path) -> None:
    """A misspelt encoding is a user error, not a LookupError traceback."""
    path = _write(tmp_path, "letter.txt", b"text")
    with pytest.raises(WitnessDecodeError, match="unknown encoding 'cp-1251'"):
        load_witness(path, encoding="cp-1251")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b" \n\n\t ", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file (NUL byte at offset 8)"),
        (bytes(range(1, 9)) * 20 + b"abc", "looks like a binary file"),
    ],
)
def test_empty_and_binary_files_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    """An empty or binary file is not a witness."""
    path = _write(tmp_path, "x.txt", data)
    with pytest.raises(WitnessError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_witness(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    """A missing path and a directory given as a file are named in the error."""
    with pytest.raises(WitnessNotFoundError, match=r"nope\.txt: no such file"):
        load_witness(tmp_path / "nope.txt")
    with pytest.raises(WitnessError, match="is a directory; give a witness file"):
        load_witness(tmp_path)


def test_sigla_and_metadata_come_from_the_manifest_beside_the_file() -> None:
    """witnesses.toml gives the letters their sigla M and B and their titles."""
    medvedev = load_witness(WITNESSES / "medvedev-1926.txt")
    assert medvedev.siglum == "M"
    assert medvedev.date == "1926-07"
    assert "delivered to the CCC" in medvedev.title


def test_sigla_default_to_the_file_stem_and_can_be_given(tmp_path: Path) -> None:
    """Without a manifest the stem is the siglum; --sigla renames in order."""
    a = _write(tmp_path, "1859.txt", b"one")
    b = _write(tmp_path, "1860.md", b"two")
    assert [w.siglum for w in load_witnesses([a, b])] == ["1859", "1860"]
    assert [w.siglum for w in load_witnesses([a, b], sigla=["A", "B"])] == ["A", "B"]
    with pytest.raises(ManifestError, match="--sigla gives 1 sigla"):
        load_witnesses([a, b], sigla=["A"])


def test_two_witnesses_with_one_siglum_are_refused(tmp_path: Path) -> None:
    """Two files with the same stem clash, and the error names both."""
    (tmp_path / "x").mkdir()
    a = _write(tmp_path, "letter.txt", b"one")
    b = _write(tmp_path / "x", "letter.txt", b"two")
    with pytest.raises(CollationError) as caught:
        load_witnesses([a, b])
    assert str(caught.value) == (
        f"{b}: siglum 'letter' is already used by {a}; give distinct sigla with --sigla"
    )


def test_a_manifest_loads_its_witnesses_in_order() -> None:
    """The project manifest lists the letters and the Armand case."""
    loaded = load_witnesses([WITNESSES / "witnesses.toml"])
    assert [w.siglum for w in loaded] == ["M", "B", "L", "P"]
    assert loaded[2].text.startswith("My dear & dearest friend!")


def test_a_directory_of_witnesses(tmp_path: Path) -> None:
    """A directory without a manifest gives its text files in name order."""
    _write(tmp_path, "b.txt", b"second")
    _write(tmp_path, "a.md", b"first")
    _write(tmp_path, "notes.csv", b"ignored")
    assert [w.text for w in load_witnesses([tmp_path])] == ["first", "second"]


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("[[witness]]\npath = 'a.txt'\n", "witness 1: 'siglum' is missing"),
        ("[[witness]]\nsiglum = 'A'\npath = 'a.txt'\ncolour = 'red'\n", "unknown key 'colour'"),
        ("witness = [", "not a valid TOML manifest"),
        ("title = 'x'\n", "no [[witness]] tables"),
    ],
)
def test_malformed_manifests(tmp_path: Path, manifest: str, message: str) -> None:
    """A manifest error names the manifest, the entry and the problem."""
    path = _write(tmp_path, "set.toml", manifest.encode())
    with pytest.raises(ManifestError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_witnesses([path])


def test_collatex_json_with_content_and_with_tokens(tmp_path: Path) -> None:
    """CollateX's witness format: plain content, or tokens whose n forms are used for matching."""
    data = {
        "witnesses": [
            {"id": "A", "content": "The black cat"},
            {
                "id": "B",
                "tokens": [{"t": "The ", "n": "the"}, {"t": "blak ", "n": "black"}, {"t": "cat"}],
            },
            {"id": "C", "tokens": [{"t": "The"}, {"t": "cat"}]},
        ]
    }
    path = _write(tmp_path, "input.json", json.dumps(data).encode())
    a, b, c = load_witnesses([path])
    assert (a.siglum, a.text) == ("A", "The black cat")
    assert b.text == "The blak cat"
    assert [t.normalized for t in b.tokens] == ["the", "black", "cat"]
    assert c.text == "The cat"


def test_malformed_collatex_json(tmp_path: Path) -> None:
    """A JSON file that is not CollateX input says what is expected."""
    path = _write(tmp_path, "input.json", b'{"witness": []}')
    with pytest.raises(ManifestError, match='no "witnesses" list'):
        load_witnesses([path])
    path = _write(tmp_path, "input.json", b"{")
    with pytest.raises(ManifestError, match="not valid JSON"):
        load_witnesses([path])


def test_a_guessed_encoding_is_announced(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A short Mac Cyrillic letter, which cp1251 reads as „орогой, is read right, and the guess
    is announced with the encoding chosen."""
    text = "Дорогой товарищ, Привет из Баку.\n"
    path = _write(tmp_path, "short.txt", text.encode("mac_cyrillic"))
    with caplog.at_level("WARNING", logger="collate"):
        assert load_witness(path).text == text
    assert caplog.messages == [
        f"{path}: not UTF-8; read as mac_cyrillic, a guess from the bytes (if the text looks "
        "wrong, name its encoding with --encoding)"
    ]


def test_utf8_and_a_named_encoding_are_not_announced(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Only a guess is announced: UTF-8 and an encoding given are certain."""
    with caplog.at_level("WARNING", logger="collate"):
        load_witness(_write(tmp_path, "a.txt", RUSSIAN.encode()))
        load_witness(_write(tmp_path, "b.txt", RUSSIAN.encode("koi8-r")), encoding="koi8-r")
    assert caplog.messages == []


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ('[[witness]]\nsiglum = "A"\npath = "a.txt"\nencoding = 5\n', "encoding must be a string"),
        ("witness = [1, 2]\n", "witness 1: must be a table, not int 1"),
        ('[[witness]]\nsiglum = "A"\npath = "a.txt"\ntitle = 3\n', "'title': must be a string"),
        ('[[witness]]\nsiglum = "A"\npath = "a.txt"\nencoding = "rot13"\n', "not an encoding"),
    ],
    ids=["encoding-int", "witness-ints", "title-int", "encoding-not-text"],
)
def test_manifest_values_of_the_wrong_type(tmp_path: Path, manifest: str, message: str) -> None:
    """Every value of a manifest is checked for its type before it is used."""
    _write(tmp_path, "a.txt", b"one two\n")
    path = _write(tmp_path, "set.toml", manifest.encode())
    with pytest.raises(ManifestError, match=message):
        load_witnesses([path])


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    """A FIFO and /dev/zero are refused at once, without reading (one would hang, the other
    fill memory)."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        with pytest.raises(WitnessError, match=r"is not a regular file \(a FIFO, device or"):
            load_witness(path)


def test_files_larger_than_max_bytes_are_refused(tmp_path: Path) -> None:
    """--max-bytes bounds what is read; the default is generous (200 MB)."""
    path = _write(tmp_path, "a.txt", RUSSIAN.encode())
    with pytest.raises(WitnessError, match=r"a\.txt: is larger than 50 bytes, the most read"):
        load_witnesses([path], max_bytes=50)
    assert load_witnesses([path], max_bytes=len(RUSSIAN.encode()))[0].text == RUSSIAN
    assert MAX_BYTES == 200_000_000
