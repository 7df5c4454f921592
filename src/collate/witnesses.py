"""Loading witnesses: bytes and paths to `Witness` values.

Plain text and Markdown in UTF-8 (with or without a byte-order mark), UTF-16 with a BOM, and
the legacy encodings these documents come in (cp1251, koi8-r, latin-1), detected or named;
CollateX's JSON witness format; a ``witnesses.toml`` manifest; a directory of witnesses.

A file that sits beside a ``witnesses.toml`` listing it takes its siglum and metadata from the
manifest, so ``collate compare witnesses/medvedev-1926.txt witnesses/baku-1924.txt`` cites the
letters as M and B.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import os
import re
import stat
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from collate._shapes import check_encoding, check_table, string, surrogate_free
from collate.errors import (
    ApparatusError,
    CollationError,
    ManifestError,
    WitnessDecodeError,
    WitnessError,
    WitnessNotFoundError,
)

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatch

from collate.model import Location, Token, Witness, check_sigla
from collate.options import ReadingOptions
from collate.tokenize import TokenMode, normalize, tokenize_witness

__all__ = [
    "MANIFEST_NAME",
    "MAX_BYTES",
    "TEXT_SUFFIXES",
    "XML_SUFFIXES",
    "ReadingOptions",
    "WitnessFile",
    "confine",
    "decode",
    "line_locations",
    "load_witness",
    "load_witnesses",
    "read_file_bytes",
    "read_witness_files",
    "select_witnesses",
    "short_sigla",
    "witness_from_text",
    "witnesses_from_files",
]

MANIFEST_NAME = "witnesses.toml"
"""The manifest file name looked for beside a witness and inside a directory."""

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
XML_SUFFIXES = (".xml", ".tei")
TABLE_SUFFIXES = (".csv", ".tsv")
"""Table exports, refused as witnesses: their rows are places, not a witness's text."""
"""File name endings taken as witnesses when a directory is given."""

_DETECTABLE = ["utf_8", "cp1251", "koi8_r", "cp1252", "latin_1", "iso8859_5", "mac_cyrillic"]
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# control characters other than tab, line feed, vertical tab, form feed and carriage return
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True, slots=True)
class _Entry:
    """One witness as a manifest describes it."""

    siglum: str
    path: Path
    title: str = ""
    date: str = ""
    source: str = ""
    encoding: str | None = None


def witness_from_text(
    text: str,
    siglum: str,
    *,
    title: str = "",
    path: str | None = None,
    date: str = "",
    source: str = "",
    tokens: TokenMode = TokenMode.AUTO,
) -> Witness:
    """A witness from a string, tokenized (``tokens``: how words are cut).

    >>> witness_from_text("Dear comrade V.,", "M").tokens[2].text
    'V'
    """
    return Witness(
        siglum=siglum,
        text=text,
        tokens=tokenize_witness(text, tokens),
        title=title,
        path=path,
        date=date,
        source=source,
    )


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Bytes of a witness file to text.

    With no ``encoding``: a byte-order mark decides; else strict UTF-8; else the most likely of
    the legacy encodings these documents use (cp1251, koi8-r, latin-1…).

    Raises:
        WitnessError: the bytes are empty or binary.
        WitnessDecodeError: the bytes do not decode in the encoding given.
    """
    if not data.strip(b" \t\r\n\f\v\xef\xbb\xbf"):
        raise WitnessError(f"{name}: the file is empty; a witness needs some text")
    if encoding is not None:
        try:
            check_encoding(encoding, name)
        except ManifestError as error:
            raise WitnessDecodeError(str(error)) from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise WitnessDecodeError(
                f"{name}: byte {data[error.start]:#04x} at offset {error.start} does not decode "
                f"as {encoding!r}; check the file's encoding and pass it with --encoding"
            ) from None
        except (UnicodeError, ValueError) as error:
            raise WitnessDecodeError(
                f"{name}: does not decode as {encoding!r} ({error}); check the file's encoding"
            ) from None
        return _check_text(text.removeprefix("\ufeff"), name)
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(bom_encoding).removeprefix("\ufeff"), name)
            except UnicodeDecodeError as error:
                raise WitnessDecodeError(
                    f"{name}: starts with a {bom_encoding} byte-order mark but byte offset "
                    f"{error.start} does not decode; pass the real encoding with --encoding"
                ) from None
    if b"\x00" in data:
        raise WitnessError(
            f"{name}: looks like a binary file (NUL byte at offset {data.index(0)}), not a text"
        )
    try:
        return _check_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    return _check_text(_detect(data, name), name)


def _detect(data: bytes, name: str) -> str:
    """The text of legacy-encoded bytes, in the likeliest encoding; a guess, so it is announced
    (as a warning on the ``collate`` logger, which the command line prints on stderr)."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data, cp_isolation=_DETECTABLE)
    best = matches.best()
    if best is None:
        raise WitnessDecodeError(
            f"{name}: the bytes are not UTF-8 and no likely encoding was found; "
            "pass one with --encoding (for example --encoding cp1251)"
        )
    # short texts often leave several encodings equally likely (cp1251 and Mac Cyrillic share
    # the lower case): then the reading with the fewest unusual characters (a „ before a word
    # for the Д of Mac Cyrillic) wins
    tied = [best, *(m for m in matches if m is not best and _same_score(m, best))]
    chosen = min(tied, key=lambda match: _unusual(str(match)))
    _LOG.warning(
        "%s: not UTF-8; read as %s, a guess from the bytes (if the text looks wrong, name its "
        "encoding with --encoding)",
        name,
        chosen.encoding,
    )
    return str(chosen)


_LOG = logging.getLogger("collate")
_USUAL = re.compile(r"[\sA-Za-z0-9А-Яа-яЁё.,;:!?\-–—\"'«»()\[\]…/&*%]")


def _same_score(a: CharsetMatch, b: CharsetMatch) -> bool:
    return (a.chaos, a.coherence) == (b.chaos, b.coherence)


def _unusual(text: str) -> int:
    return len(text) - len(_USUAL.findall(text))


def _check_text(text: str, name: str) -> str:
    surrogate_free(text, name)
    controls = len(_CONTROL.findall(text))
    if controls and controls > len(text) // 100:
        raise WitnessError(
            f"{name}: looks like a binary file ({controls} control characters), not a text"
        )
    if not text.strip():
        raise WitnessError(f"{name}: the file is empty; a witness needs some text")
    return text


MAX_BYTES = 200_000_000
"""The largest input file read by default (``--max-bytes``): far beyond any text, short of
what would exhaust memory."""


def read_file_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, or of standard input for ``-``, at most ``max_bytes``.

    A FIFO, a device (``/dev/zero``) or a socket is refused at once, without reading: one
    could block for ever, another never end.

    Raises:
        WitnessNotFoundError: no such file.
        WitnessError: a directory, not a regular file, larger than ``max_bytes``, unreadable.
    """
    if str(path) == "-":
        return _limited(sys.stdin.buffer, "-", max_bytes)
    path = Path(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise WitnessNotFoundError(f"{path}: no such file") from None
    except OSError as error:
        raise WitnessError(f"{path}: cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(status.st_mode):
        raise WitnessError(f"{path}: is a directory; give a witness file")
    if not stat.S_ISREG(status.st_mode):
        raise WitnessError(
            f"{path}: is not a regular file (a FIFO, device or socket); give a file, or - to "
            "read standard input"
        )
    if status.st_size > max_bytes:
        raise WitnessError(_too_large(path, max_bytes))
    try:
        with path.open("rb") as file:
            return _limited(file, str(path), max_bytes)
    except OSError as error:
        raise WitnessError(f"{path}: cannot be read ({error.strerror or error})") from None


def _limited(file: BinaryIO, name: str, max_bytes: int) -> bytes:
    data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise WitnessError(_too_large(name, max_bytes))
    return data


def _too_large(name: str | Path, max_bytes: int) -> str:
    return (
        f"{name}: is larger than {max_bytes:,} bytes, the most read (--max-bytes); pass a "
        "larger --max-bytes to read it"
    )


def load_witness(
    path: str | Path,
    siglum: str | None = None,
    *,
    encoding: str | None = None,
) -> Witness:
    """Load one witness file (plain text or Markdown).

    The siglum is ``siglum`` if given, else the one a ``witnesses.toml`` beside the file gives
    it, else the file name without its extension. The manifest's title, date and source come
    along too.

    >>> load_witness("witnesses/baku-1924.txt").siglum
    'B'

    Raises:
        WitnessError: the file is missing, a directory, empty, binary or undecodable.
    """
    file = _witness_file(Path(path), encoding)
    [witness] = witnesses_from_files([file])
    return witness if siglum is None else _renamed(witness, siglum)


@dataclass(frozen=True, slots=True)
class WitnessFile:
    """A witness source as read from disk: its bytes, and what a manifest says of it.

    Reading (`read_witness_files`) and making witnesses (`witnesses_from_files`) are apart so
    that the bytes can travel to another process or machine (`collate.batch`).
    """

    path: str
    """The path as given (messages and ``Witness.path`` use it)."""
    data: bytes
    """The file's bytes."""
    siglum: str | None = None
    """The manifest's siglum; None for the file name (or, for a collation, its own)."""
    title: str = ""
    date: str = ""
    source: str = ""
    encoding: str | None = None
    """The encoding given (option or manifest); None to detect."""


def read_witness_files(
    paths: Sequence[str | Path],
    *,
    encoding: str | None = None,
    allow_outside: bool = False,
    max_bytes: int = MAX_BYTES,
) -> list[WitnessFile]:
    """Read the files behind witness paths (files, manifests, directories, ``-`` for standard
    input), in order.

    The files a manifest (or a directory) names must lie inside its folder unless
    ``allow_outside``. Only regular files are read, each of at most ``max_bytes``.

    Raises:
        WitnessError: a file is missing or unreadable, or a directory has no witnesses.
        ManifestError: a manifest is malformed.
    """
    files: list[WitnessFile] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(_directory_files(path, encoding, allow_outside, max_bytes))
        elif path.suffix == ".toml":
            files.extend(_manifest_files(path, encoding, allow_outside, max_bytes))
        else:
            files.append(_witness_file(path, encoding, max_bytes))
    return files


def witnesses_from_files(
    files: Sequence[WitnessFile], options: ReadingOptions = ReadingOptions()
) -> list[Witness]:
    """The witnesses of files already read: text decoded and tokenized as ``options`` say; a
    JSON or TEI collation gives all its witnesses.

    Raises:
        WitnessError: bytes that are empty, binary or undecodable, or a collation that cannot
            be read.
        ManifestError: a malformed JSON file.
    """
    witnesses: list[Witness] = []
    from_stems: list[int] = []
    for file in files:
        suffix = Path(file.path).suffix.lower()
        if suffix in TABLE_SUFFIXES:
            raise WitnessError(
                f"{file.path}: is a {suffix[1:].upper()} table export (what collate apparatus "
                "writes), not a witness; give the witness texts, a manifest (.toml), a JSON "
                "collation (.json) or a TEI file (.xml)"
            )
        digest = hashlib.sha256(file.data).hexdigest()
        if suffix == ".json":
            witnesses.extend(_load_json(Path(file.path), file.data))
        elif suffix in XML_SUFFIXES:
            from collate.tei_import import read_tei  # lxml is loaded only for XML input

            witnesses.extend(
                replace(w, source_sha256=digest, reading=options.to_dict())
                for w in read_tei(file.path, file.data, options)
            )
        else:
            text = decode(file.data, file.path, file.encoding)
            if not file.siglum:
                from_stems.append(len(witnesses))
            witness = witness_from_text(
                text,
                file.siglum or Path(file.path).stem,
                title=file.title,
                path=file.path,
                date=file.date,
                source=file.source,
                tokens=options.tokens,
            )
            if options.lines or "\f" in text:
                witness = replace(witness, locations=line_locations(text))
            witnesses.append(replace(witness, source_sha256=digest, reading=options.to_dict()))
    short = short_sigla([witnesses[i].siglum for i in from_stems])
    for index, siglum in zip(from_stems, short, strict=True):
        witnesses[index] = _renamed(witnesses[index], siglum)
    return witnesses


def short_sigla(stems: Sequence[str]) -> list[str]:
    """Sigla for witnesses named by their files: the stems without the prefix of two characters
    or more they all share (cut where a word or number begins), when what is left is distinct
    and not empty.

    >>> short_sigla(["darwin1859", "darwin1860", "darwin1872"])
    ['1859', '1860', '1872']
    >>> short_sigla(["ms-A", "ms-B"]), short_sigla(["medvedev-1926", "baku-1924"])
    (['A', 'B'], ['medvedev-1926', 'baku-1924'])
    >>> short_sigla(["text1", "text12"]), short_sigla(["w1", "w2"])
    (['1', '12'], ['w1', 'w2'])
    """
    if len(stems) < 2:
        return list(stems)
    cut = 0
    while all(cut < len(stem) and stem[cut] == stems[0][cut] for stem in stems):
        cut += 1
    # back off to the start of the word or number the prefix ends inside
    while cut > 0 and any(
        cut < len(stem) and _same_kind(stem[cut - 1], stem[cut]) for stem in stems
    ):
        cut -= 1
    short = [stem[cut:].lstrip("-_. ") for stem in stems]
    if cut < 2 or not all(short) or len(set(short)) < len(short):
        return list(stems)
    return short


def _same_kind(before: str, after: str) -> bool:
    return (before.isdigit() and after.isdigit()) or (before.isalpha() and after.isalpha())


def line_locations(text: str) -> tuple[Location, ...]:
    """The page and line of each line of a plain text: pages are separated by form feeds
    (none: no page), lines by line breaks, both counted from 1.

    >>> [(x.start, x.page, x.line) for x in line_locations("a\\nb\\fc")]
    [(0, '1', 1), (2, '1', 2), (4, '2', 1)]
    >>> line_locations("a\\nb")[1]
    Location(start=2, page='', line=2, verse='')
    """
    paged = "\f" in text
    locations = []
    for page, page_text, page_start in _pages(text):
        start = page_start
        for line, line_text in enumerate(page_text.split("\n"), start=1):
            locations.append(Location(start, str(page) if paged else "", line))
            start += len(line_text) + 1
    return tuple(locations)


def _pages(text: str) -> list[tuple[int, str, int]]:
    pages = []
    start = 0
    for number, page in enumerate(text.split("\f"), start=1):
        pages.append((number, page, start))
        start += len(page) + 1
    return pages


def load_witnesses(
    paths: Sequence[str | Path],
    *,
    sigla: Sequence[str] | None = None,
    encoding: str | None = None,
    options: ReadingOptions = ReadingOptions(),
    allow_outside: bool = False,
    max_bytes: int = MAX_BYTES,
) -> list[Witness]:
    """Load witnesses from files, manifests, directories and collations, in order, read as
    ``options`` say (how words are cut, which layer of a TEI transcription).

    A path may be a witness file (plain text or Markdown), a manifest (``.toml``), a directory
    (its manifest, or its text files), a JSON file (a ``collate-json`` export, CollateX's
    alignment table, or CollateX's input format) or a TEI apparatus (``.xml``: every witness it
    cites; see `collate.tei_import`).

    ``sigla`` names the witnesses in the order they come out; it overrides manifests and stems.
    A manifest's (or directory's) files must lie inside its folder unless ``allow_outside``.
    Only regular files (or ``-``, standard input) are read, each of at most ``max_bytes``.

    Raises:
        WitnessError: a file cannot be read as a witness.
        ManifestError: a manifest or JSON file is malformed, or ``sigla`` has the wrong length.
        CollationError: two witnesses share a siglum.
    """
    witnesses = witnesses_from_files(
        read_witness_files(
            paths, encoding=encoding, allow_outside=allow_outside, max_bytes=max_bytes
        ),
        options,
    )
    if sigla is not None:
        if len(sigla) != len(witnesses):
            raise ManifestError(
                f"--sigla gives {len(sigla)} sigla ({','.join(sigla)}) for "
                f"{len(witnesses)} witnesses; give one per witness"
            )
        witnesses = [_renamed(w, s) for w, s in zip(witnesses, sigla, strict=True)]
    check_sigla(witnesses)
    return witnesses


def select_witnesses(witnesses: Sequence[Witness], sigla: Sequence[str]) -> list[Witness]:
    """The witnesses named by ``sigla``, in that order (``--witnesses M,B``).

    >>> loaded = [witness_from_text("a", s) for s in ("M", "B", "L")]
    >>> [w.siglum for w in select_witnesses(loaded, ["L", "M"])]
    ['L', 'M']

    Raises:
        CollationError: a siglum names no witness, or is given twice.
    """
    by_siglum = {w.siglum: w for w in witnesses}
    chosen: list[Witness] = []
    for siglum in sigla:
        if siglum not in by_siglum:
            raise CollationError(
                f"--witnesses {siglum}: no witness has that siglum (the witnesses: "
                f"{', '.join(by_siglum)})"
            )
        if by_siglum[siglum] in chosen:
            raise CollationError(f"--witnesses {siglum}: the siglum is given twice")
        chosen.append(by_siglum[siglum])
    return chosen


def _renamed(witness: Witness, siglum: str) -> Witness:
    return replace(witness, siglum=siglum)


def _witness_file(path: Path, encoding: str | None, max_bytes: int = MAX_BYTES) -> WitnessFile:
    entry = _manifest_entry_for(path) if path.suffix.lower() in TEXT_SUFFIXES else None
    data = read_file_bytes(path, max_bytes)
    if entry is None:
        return WitnessFile(_shown(path), data, encoding=encoding)
    return WitnessFile(
        _shown(path),
        data,
        entry.siglum,
        entry.title,
        entry.date,
        entry.source,
        encoding or entry.encoding,
    )


def _shown(path: Path) -> str:
    """A path as text every output can hold: bytes of a file name that are not UTF-8 (which
    Python keeps as lone surrogates) become U+FFFD."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _directory_files(
    directory: Path, encoding: str | None, allow_outside: bool = False, max_bytes: int = MAX_BYTES
) -> list[WitnessFile]:
    manifest = directory / MANIFEST_NAME
    if manifest.is_file():
        return _manifest_files(manifest, encoding, allow_outside, max_bytes)
    files = sorted(
        p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
    )
    if not files:
        raise WitnessError(
            f"{directory}: the directory has no witness files ({', '.join(TEXT_SUFFIXES)}) "
            f"and no {MANIFEST_NAME}"
        )
    if not allow_outside:
        for path in files:
            confine(path, directory, str(directory))
    return [_witness_file(p, encoding, max_bytes) for p in files]


_WITNESS_SHAPES = {
    "siglum": string,
    "path": string,
    "title": string,
    "date": string,
    "source": string,
    "encoding": check_encoding,
}


def _read_manifest(manifest: Path, allow_outside: bool = False) -> list[_Entry]:
    try:
        data = tomllib.loads(read_file_bytes(manifest).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ManifestError(f"{manifest}: not a valid TOML manifest ({error})") from None
    items = data.get("witness")
    if not isinstance(items, list) or not items:
        raise ManifestError(f"{manifest}: no [[witness]] tables; each needs a siglum and a path")
    entries = []
    for number, item in enumerate(items, start=1):
        where = f"{manifest}: witness {number}"
        fields = check_table(
            item, where, _WITNESS_SHAPES, ManifestError, ("siglum", "path"), noun="key"
        )
        for key in ("siglum", "path"):
            if not str(fields[key]).strip():
                raise ManifestError(f"{where}: {key!r} is empty")
        path = manifest.parent / str(fields["path"])
        if not allow_outside:
            confine(path, manifest.parent, where)
        entries.append(
            _Entry(
                siglum=str(fields["siglum"]),
                path=path,
                title=str(fields.get("title", "")),
                date=str(fields.get("date", "")),
                source=str(fields.get("source", "")),
                encoding=str(fields["encoding"]) if "encoding" in fields else None,
            )
        )
    return entries


def confine(path: Path, folder: Path, where: str) -> Path:
    """``path``, refused unless it lies inside ``folder`` once links are followed, so that a
    manifest cannot make `collate` read (and embed in its outputs) a file elsewhere.

    Raises:
        ManifestError: naming ``where``, the path and ``--allow-outside``.
    """
    resolved = path.resolve()
    if not resolved.is_relative_to(folder.resolve()):
        raise ManifestError(
            f"{where}: {path} is outside the manifest's folder {folder}; a manifest may only "
            "name files inside its folder unless --allow-outside is given"
        )
    return path


def _manifest_files(
    manifest: Path, encoding: str | None, allow_outside: bool = False, max_bytes: int = MAX_BYTES
) -> list[WitnessFile]:
    return [
        WitnessFile(
            _shown(entry.path),
            read_file_bytes(entry.path, max_bytes),
            entry.siglum,
            entry.title,
            entry.date,
            entry.source,
            encoding or entry.encoding,
        )
        for entry in _read_manifest(manifest, allow_outside)
    ]


def _manifest_entry_for(path: Path) -> _Entry | None:
    manifest = path.parent / MANIFEST_NAME
    if not manifest.is_file() or path.name == MANIFEST_NAME:
        return None
    resolved = path.resolve()
    # only the metadata of the file given is taken, so the manifest's other paths may be anywhere
    for entry in _read_manifest(manifest, allow_outside=True):
        if entry.path.resolve() == resolved:
            return entry
    return None


def _load_json(path: Path, data: bytes) -> list[Witness]:
    """A JSON file: this program's collation export, CollateX's alignment table output, or
    CollateX's input format."""
    raw = decode(data, str(path), None)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ManifestError(f"{path}: not valid JSON ({error})") from None
    except RecursionError:
        raise ManifestError(
            f"{path}: the JSON is nested too deeply to be a collation or a witness list"
        ) from None
    _refuse_surrogates(data, path)
    if isinstance(data, dict) and data.get("format") == "collate-json":
        return _load_collation_json(data, path)
    if isinstance(data, dict) and isinstance(data.get("table"), list):
        return _load_collatex_table(data, path)
    return _load_collatex_json(data, path)


def _refuse_surrogates(data: object, path: Path) -> None:
    """Refuse a JSON document holding a lone surrogate (``"\\ud800"``) in any string: it is
    not a character, and no output could be written with it."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            surrogate_free(item, f"{path}: a string")
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _load_collation_json(data: dict[str, object], path: Path) -> list[Witness]:
    """The witnesses of a ``collate-json`` export, each checked against its digest."""
    items = data.get("witnesses")
    if not isinstance(items, list) or not items:
        raise ApparatusError(f'{path}: the collation has no "witnesses" list')
    witnesses = []
    for number, item in enumerate(items, start=1):
        if not (
            isinstance(item, dict)
            and isinstance(item.get("siglum"), str)
            and isinstance(item.get("text"), str)
        ):
            raise ApparatusError(f'{path}: witness {number} needs "siglum" and "text" strings')
        where = f"{path}: witness {item['siglum']}"
        reading = item.get("reading")
        if reading is not None and not isinstance(reading, dict):
            raise ApparatusError(f'{where}: "reading" must be an object of reading options')
        options = None if reading is None else ReadingOptions.from_dict(reading, where)
        witness = witness_from_text(
            item["text"],
            item["siglum"],
            title=str(item.get("title") or ""),
            path=str(path),
            date=str(item.get("date") or ""),
            source=str(item.get("source") or ""),
            tokens=TokenMode.AUTO if options is None else options.tokens,
        )
        if item.get("sha256") not in (None, witness.sha256):
            raise ApparatusError(
                f"{where}: the text does not match its sha256 "
                "(the file was changed after it was written)"
            )
        witnesses.append(
            replace(
                witness,
                locations=_json_locations(item.get("locations", []), len(witness.text), where),
                source_sha256=str(item.get("source_sha256") or ""),
                reading={} if options is None else options.to_dict(),
            )
        )
    return witnesses


def _json_locations(items: object, length: int, where: str) -> tuple[Location, ...]:
    """A witness's ``locations`` in a ``collate-json`` export: ``[start, page, line, verse]``
    each, in text order."""
    if not isinstance(items, list):
        raise ApparatusError(f'{where}: "locations" must be a list')
    locations: list[Location] = []
    for item in items:
        if not (
            isinstance(item, list)
            and len(item) == 4
            and isinstance(item[0], int)
            and not isinstance(item[0], bool)
            and 0 <= item[0] <= length
            and (not locations or item[0] >= locations[-1].start)
            and isinstance(item[1], str)
            and isinstance(item[2], int)
            and not isinstance(item[2], bool)
            and isinstance(item[3], str)
        ):
            raise ApparatusError(
                f"{where}: a location must be [start, page, line, verse] with start in the "
                f"text and in order, not {item!r}"[:200]
            )
        locations.append(Location(item[0], item[1], item[2], item[3]))
    return tuple(locations)


def _load_collatex_table(data: dict[str, object], path: Path) -> list[Witness]:
    """The witnesses of CollateX's JSON alignment table: each one's tokens joined."""
    sigla = data.get("witnesses")
    table = data.get("table")
    if not isinstance(sigla, list) or not all(isinstance(s, str) for s in sigla):
        raise ApparatusError(f'{path}: the alignment table needs a "witnesses" list of sigla')
    assert isinstance(table, list)
    texts: list[list[str]] = [[] for _ in sigla]
    for number, column in enumerate(table, start=1):
        if not isinstance(column, list) or len(column) != len(sigla):
            raise ApparatusError(
                f"{path}: column {number} of the table needs one cell per witness ({len(sigla)})"
            )
        for index, cell in enumerate(column):
            if cell is not None and not isinstance(cell, list):
                raise ApparatusError(
                    f"{path}: column {number}, witness {sigla[index]}: a cell must be a list of "
                    f"tokens or null, not {cell!r}"[:200]
                )
            for token in cell or []:
                if not isinstance(token, dict) or not isinstance(token.get("t"), str):
                    raise ApparatusError(
                        f'{path}: column {number}, witness {sigla[index]}: a token needs "t"'
                    )
                texts[index].append(token["t"])
    # every witness the table names is kept, an empty one too: it was collated
    return [
        witness_from_text("".join(parts), str(siglum), path=str(path))
        for siglum, parts in zip(sigla, texts, strict=True)
    ]


def _load_collatex_json(data: object, path: Path) -> list[Witness]:
    """CollateX's input format: ``{"witnesses": [{"id", "content"} | {"id", "tokens"}]}``."""
    items = data.get("witnesses") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise ManifestError(
            f'{path}: no "witnesses" list; expected CollateX\'s '
            '{"witnesses": [{"id": ..., "content": ...}]}'
        )
    witnesses = []
    for number, item in enumerate(items, start=1):
        where = f"{path}: witness {number}"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise ManifestError(f'{where}: needs an "id" string')
        siglum = item["id"]
        if isinstance(item.get("content"), str):
            text = _check_text(item["content"], f"{where} ({siglum})")
            witnesses.append(witness_from_text(text, siglum, path=str(path)))
        elif isinstance(item.get("tokens"), list):
            witnesses.append(_pretokenized(item["tokens"], siglum, f"{where} ({siglum})", path))
        else:
            raise ManifestError(f'{where} ({siglum}): needs "content" or "tokens"')
    return witnesses


def _pretokenized(items: list[object], siglum: str, where: str, path: Path) -> Witness:
    """A witness from CollateX tokens, keeping their boundaries and their ``n`` forms."""
    texts = []
    forms = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("t"), str) or not item["t"]:
            raise ManifestError(f'{where}: token {number} needs a non-empty "t" string')
        texts.append(item["t"])
        form = item.get("n")
        forms.append(form if isinstance(form, str) else None)
    # CollateX tokens usually carry their trailing whitespace in "t"; when none does, the
    # tokens were given bare and are joined with single spaces.
    bare = not any(t != t.rstrip() for t in texts)
    tokens = []
    position = 0
    parts = []
    for index, (given, form) in enumerate(zip(texts, forms, strict=True)):
        t = given + " " if bare and index < len(texts) - 1 else given
        word = t.rstrip()
        if not word.strip() or word != word.lstrip():
            raise ManifestError(
                f"{where}: token {index + 1} ({t!r}) is empty or starts with whitespace"
            )
        tokens.append(Token(word, t[len(word) :], position, normalize(form or word)))
        parts.append(t)
        position += len(t)
    return Witness(siglum=siglum, text="".join(parts), tokens=tuple(tokens), path=str(path))
