"""Batch collation: many witness sets, in parallel processes or on a Dask cluster, resumable.

A batch is a list of witness sets, read from

- a TOML manifest::

      formats = ["json", "tei"]          # for every set (default: json)
      grouping = "words"                 # for every set (default: phrases)
      layout = "include"                 # for every set (default: omit)

      [[set]]
      name = "letter-001"
      witnesses = ["letters/001-a.txt", "letters/001-b.txt"]   # relative to the manifest
      sigla = ["A", "B"]                 # optional; else witnesses.toml or file names
      base = "B"                         # optional, as are ignore, rules, near, formats,
                                         # grouping ("phrases" or "words"), tokens, decisions,
                                         # layout ("omit" or "include")

- a directory whose subfolders are the sets (each read as `collate.load_witnesses` reads a
  folder: its ``witnesses.toml``, or its text files), or
- a CSV of pairs with the header ``name,witness_a,witness_b`` (paths relative to the CSV).

Each set's outputs go to ``OUT/<name>/<name>.<ext>`` (``json``, ``tei.xml``, ``html``, ``txt``
for the printed apparatus, ``tex``, ``csv``, ``tsv``, ``collatex.json``), written atomically,
and then ``OUT/<name>/summary.json``, the set's figures, last; ``OUT/summary.csv`` and
``OUT/index.html`` list every set. ``<name>`` is the set's name made safe for a file name and
distinct from every other set's and from ``summary.csv`` and ``index.html``
(`collate.files.unique_file_names`), and every path written is checked to lie inside ``OUT``.
The paths a manifest or CSV names must lie inside its folder unless ``allow_outside``. A lock
on ``OUT`` keeps a second batch out while one runs.

The client reads the witness files and sends their bytes with each task, so workers
(processes, or Dask workers on other machines) need no shared file system;
workers decode, collate and render; the client writes. ``resume`` skips a set whose
``summary.json`` exists and is newer than its inputs. A set that fails, whatever it raised, is
recorded with its error and the others go on. Interrupted (Ctrl-C, SIGTERM), a batch stops its
workers, writes the summary of the sets done, and raises `BatchInterrupted`; workers also exit
by themselves when the process that started them dies.
"""

from __future__ import annotations

import contextlib
import contextvars
import csv
import enum
import fcntl
import io
import json
import os
import re
import signal
import threading
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import TypeVar
from urllib.parse import quote

from collate._shapes import check_table, number, string, string_list
from collate.engine import Grouping
from collate.errors import BatchInterrupted, CollateError, ManifestError
from collate.files import OutputError, is_temporary_name, unique_file_names, write_text_atomically
from collate.model import Collation, Decision, UnitType, VariantClass
from collate.options import ReadingOptions
from collate.render import ApparatusFormat, Layout
from collate.tokenize import TokenMode
from collate.witnesses import (
    MAX_BYTES,
    WitnessFile,
    confine,
    read_file_bytes,
    read_witness_files,
    witnesses_from_files,
)

__all__ = [
    "BatchInterrupted",
    "SetJob",
    "SetResult",
    "index_html",
    "outputs_of",
    "read_sets",
    "run",
    "run_set",
    "summary_csv",
]

EXTENSIONS = {
    "json": "json",
    "tei": "tei.xml",
    "html": "html",
    "text": "txt",
    "latex": "tex",
    "csv": "csv",
    "tsv": "tsv",
    "json-collatex": "collatex.json",
}
SUMMARY_NAME = "summary.json"
_MAX_BYTES: contextvars.ContextVar[int] = contextvars.ContextVar("max_bytes", default=MAX_BYTES)
"""The size limit of the files `read_sets` is reading (its ``max_bytes``)."""
LOCK_NAME = ".collate-batch.lock"
"""The lock file in the output folder while a batch writes there."""
_RESERVED = ("summary.csv", "index.html", LOCK_NAME)
"""Names in the output folder that no set's folder may take."""


def _formats(value: object, where: str) -> list[str]:
    formats = string_list(value, where)
    _check_formats(formats, where)
    return formats


_SET_SHAPES = {
    "name": string,
    "witnesses": string_list,
    "sigla": string_list,
    "base": string,
    "ignore": string_list,
    "rules": string_list,
    "near": number,
    "formats": _formats,
    "tokens": string,
    "grouping": string,
    "layout": string,
    "decisions": string,
}
_MANIFEST_SHAPES = {
    "set": lambda value, where: value,
    "formats": _formats,
    "grouping": string,
    "layout": string,
}


@dataclass(frozen=True)
class SetJob:
    """One witness set, with everything a worker needs: the files' bytes travel with it."""

    name: str
    files: tuple[WitnessFile, ...]
    """Each witness file, read."""
    sigla: tuple[str, ...] | None = None
    base: str | None = None
    ignore: tuple[str, ...] = ()
    rules: tuple[tuple[str, str], ...] = ()
    """(text, path) of each rule file."""
    near: float | None = None
    formats: tuple[str, ...] = ("json",)
    reading: ReadingOptions = ReadingOptions()
    """How the witnesses are read (how words are cut)."""
    grouping: Grouping = Grouping.PHRASES
    """How differences are grouped into units (`collate.Grouping`)."""
    layout: Layout = Layout.OMIT
    """What the printed outputs (text apparatus, LaTeX, HTML) do with differences of
    whitespace alone (`collate.render.Layout`)."""
    decisions: tuple[Decision, ...] = ()
    """The editor's decisions for the set (`collate.decisions`), applied after collating."""
    decided_on: Grouping | None = None
    """The grouping the decisions file says its decisions were made on (the set's grouping
    unless another is given, which is refused)."""
    decisions_file: str | None = None
    """The decisions file's path, for the errors that name it."""
    inputs: tuple[str, ...] = field(default=(), compare=False)
    """The input files (witnesses, rules, manifest), for ``resume``'s age check."""
    folder: str = ""
    """The set's folder under the output folder: its name made safe and distinct from the
    other sets' (`read_sets` and `run` set it)."""


@dataclass
class SetResult:
    """What became of one set."""

    name: str
    status: str
    """``ok``, ``failed``, or ``kept`` (``resume`` found its outputs up to date)."""
    error: str = ""
    witnesses: list[str] = field(default_factory=list)
    units: int = 0
    types: dict[str, int] = field(default_factory=dict)
    classes: dict[str, int] = field(default_factory=dict)
    agreement: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    not_applied: int = 0
    """How many of the set's decisions no longer apply (`collate.decisions.apply`)."""
    options: dict[str, str] = field(default_factory=dict)
    """How the set was collated where no input file says it (``--grouping``, ``--tokens``):
    ``resume`` keeps a set only when they are this run's."""
    documents: dict[str, str] = field(default_factory=dict, repr=False)
    """Each format's document, until the client writes it."""

    def figures(self) -> dict[str, object]:
        """The result without its documents, as ``summary.json`` holds it."""
        values = asdict(self)
        del values["documents"]
        return values


def read_sets(
    source: str | Path,
    formats: Sequence[str] | None = None,
    *,
    tokens: TokenMode | None = None,
    grouping: Grouping | None = None,
    layout: Layout | None = None,
    allow_outside: bool = False,
    max_bytes: int = MAX_BYTES,
) -> list[SetJob]:
    """The witness sets of a manifest, a directory of set folders, or a CSV of pairs.

    ``formats``, ``tokens`` (how words are cut), ``grouping`` (how differences are grouped
    into units) and ``layout`` (differences of whitespace alone in the printed outputs)
    override the manifest's. The paths a
    manifest or CSV names must lie inside its folder unless ``allow_outside``; each file read is
    a regular file of at most ``max_bytes``.

    Raises:
        ManifestError: naming the file and the problem: a missing witness, a path outside the
            folder, an unknown option or format, a value of the wrong type, a duplicate set name.
    """
    path = Path(source)
    token = _MAX_BYTES.set(max_bytes)
    try:
        if path.is_dir():
            jobs = _directory_sets(path, allow_outside)
        elif not path.exists():
            raise ManifestError(f"{path}: no such manifest, CSV file or directory")
        elif path.suffix.lower() == ".csv":
            jobs = _csv_sets(path, allow_outside)
        else:
            jobs = _manifest_sets(path, allow_outside)
    finally:
        _MAX_BYTES.reset(token)
    if formats is not None:
        _check_formats(formats, path)
        jobs = [replace(job, formats=tuple(formats)) for job in jobs]
    if tokens is not None:
        jobs = [replace(job, reading=replace(job.reading, tokens=tokens)) for job in jobs]
    if grouping is not None:
        jobs = [_regrouped(job, grouping, path) for job in jobs]
    if layout is not None:
        jobs = [replace(job, layout=layout) for job in jobs]
    seen: set[str] = set()
    for job in jobs:
        if job.name in seen:
            raise ManifestError(f"{path}: set name {job.name!r} is used twice; names must differ")
        seen.add(job.name)
    if not jobs:
        raise ManifestError(f"{path}: no witness sets")
    return _with_folders(jobs)


def _with_folders(jobs: Sequence[SetJob]) -> list[SetJob]:
    """The sets with their folders: names made safe and distinct (``../x`` → ``_.._x``; a set
    named ``index.html`` does not take the index's name)."""
    folders = unique_file_names([job.name for job in jobs], reserved=_RESERVED)
    return [replace(job, folder=folder) for job, folder in zip(jobs, folders, strict=True)]


def _check_formats(formats: Sequence[str], where: Path | str) -> None:
    for name in formats:
        if name not in EXTENSIONS:
            raise ManifestError(
                f"{where}: unknown format {name!r} (the formats: {', '.join(EXTENSIONS)})"
            )


def _files(
    paths: Sequence[Path], where: str, folder: Path, allow_outside: bool
) -> tuple[WitnessFile, ...]:
    for path in paths:
        if not allow_outside:
            confine(path, folder, where)
        if not path.exists():
            raise ManifestError(f"{where}: witness {path} does not exist")
    try:
        return tuple(
            read_witness_files(paths, allow_outside=allow_outside, max_bytes=_MAX_BYTES.get())
        )
    except CollateError as error:
        raise ManifestError(f"{where}: {error}") from None


def _manifest_sets(manifest: Path, allow_outside: bool) -> list[SetJob]:
    try:
        data = tomllib.loads(read_file_bytes(manifest).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ManifestError(f"{manifest}: not a valid TOML batch manifest ({error})") from None
    except CollateError as error:
        raise ManifestError(str(error)) from None
    fields = check_table(data, str(manifest), _MANIFEST_SHAPES, ManifestError)
    default_formats = fields.get("formats", ["json"])
    assert isinstance(default_formats, list)
    default_grouping = _grouping(fields.get("grouping", Grouping.PHRASES.value), str(manifest))
    default_layout = _layout(fields.get("layout", Layout.OMIT.value), str(manifest))
    items = fields.get("set")
    if not isinstance(items, list):
        raise ManifestError(f"{manifest}: no [[set]] tables")
    return [
        replace(
            _manifest_set(item, manifest, number, default_formats, default_grouping, allow_outside),
            layout=_layout(item.get("layout", default_layout), f"{manifest}: set {number}")
            if isinstance(item, dict)
            else default_layout,
        )
        for number, item in enumerate(items, start=1)
    ]


def _manifest_set(
    item: object,
    manifest: Path,
    number: int,
    formats: list[str],
    grouping: Grouping,
    allow_outside: bool,
) -> SetJob:
    where = f"{manifest}: set {number}"
    fields = check_table(item, where, _SET_SHAPES, ManifestError, ("name", "witnesses"))
    name = str(fields["name"])
    paths = fields["witnesses"]
    assert isinstance(paths, list)
    if not name.strip():
        raise ManifestError(f"{where}: the name is empty")
    where = f"{where} ({name})"
    if len(paths) < 2:
        raise ManifestError(f"{where}: needs witnesses, a list of two or more paths")
    folder = manifest.parent
    files = _files([folder / p for p in paths], where, folder, allow_outside)
    rule_paths = [folder / str(p) for p in _strings(fields.get("rules"))]
    for path in rule_paths:
        if not allow_outside:
            confine(path, folder, where)
        if not path.is_file():
            raise ManifestError(f"{where}: rule file {path} does not exist")
    sigla = _strings(fields.get("sigla"))
    near = fields.get("near")
    decisions_path = folder / str(fields["decisions"]) if "decisions" in fields else None
    decisions: tuple[Decision, ...] = ()
    decided_on: Grouping | None = None
    if "grouping" in fields:
        grouping = _grouping(fields["grouping"], where)
    if decisions_path is not None:
        from collate import decisions as editorial

        if not allow_outside:
            confine(decisions_path, folder, where)
        if not decisions_path.is_file():
            raise ManifestError(f"{where}: decisions file {decisions_path} does not exist")
        try:
            decisions = editorial.load(decisions_path)
            decided_on = editorial.recorded_grouping(decisions_path)
        except editorial.DecisionsError as error:
            raise ManifestError(f"{where}: {error}") from None
        if decided_on is not None and "grouping" in fields and decided_on is not grouping:
            raise ManifestError(_other_grouping(where, grouping, decisions_path, decided_on))
        grouping = decided_on or grouping
    return SetJob(
        name=name,
        files=files,
        sigla=tuple(sigla) if sigla else None,
        base=str(fields["base"]) if "base" in fields else None,
        ignore=tuple(_strings(fields.get("ignore"))),
        rules=tuple((_read_rules(p, where), str(p)) for p in rule_paths),
        near=float(near) if isinstance(near, float) else None,
        formats=tuple(_strings(fields.get("formats", formats))),
        reading=ReadingOptions.from_dict({"tokens": fields.get("tokens", "auto")}, where),
        grouping=grouping,
        decisions=decisions,
        decided_on=decided_on,
        decisions_file=str(decisions_path) if decisions_path is not None else None,
        inputs=(
            str(manifest),
            *(f.path for f in files),
            *(str(p) for p in rule_paths),
            *([str(decisions_path)] if decisions_path is not None else []),
        ),
    )


def _strings(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _read_rules(path: Path, where: str) -> str:
    try:
        return read_file_bytes(path).decode("utf-8")
    except UnicodeDecodeError as error:
        raise ManifestError(f"{where}: rule file {path} is not UTF-8 ({error.reason})") from None
    except CollateError as error:
        raise ManifestError(f"{where}: rule file {error}") from None


def _directory_sets(folder: Path, allow_outside: bool) -> list[SetJob]:
    jobs = []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        files = _files([sub], str(sub), folder, allow_outside)
        inputs = [str(p) for p in sub.iterdir() if p.is_file()]
        jobs.append(SetJob(name=sub.name, files=files, inputs=tuple(sorted(inputs))))
    return jobs


_CSV_HEADER = ("name", "witness_a", "witness_b")


def _csv_sets(table: Path, allow_outside: bool) -> list[SetJob]:
    try:
        text = read_file_bytes(table).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ManifestError(
            f"{table}: is not UTF-8 (byte {error.object[error.start]:#04x} at offset "
            f"{error.start}); save the CSV as UTF-8"
        ) from None
    except CollateError as error:
        raise ManifestError(str(error)) from None
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise ManifestError(f"{table}: not a valid CSV file ({error})") from None
    if not rows or tuple(cell.strip() for cell in rows[0][:3]) != _CSV_HEADER:
        raise ManifestError(f"{table}: the header must be name,witness_a,witness_b")
    jobs = []
    for line, row in enumerate(rows[1:], start=2):
        where = f"{table}: line {line}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 3 or not all(cell.strip() for cell in row[:3]):
            raise ManifestError(
                f"{where}: needs a name and two witness paths (name,witness_a,witness_b)"
            )
        paths = [table.parent / cell for cell in row[1:3]]
        files = _files(paths, where, table.parent, allow_outside)
        jobs.append(SetJob(name=row[0], files=files, inputs=(str(table), *(str(p) for p in paths))))
    return jobs


def run_set(job: SetJob) -> SetResult:
    """Collate one set and render its formats. Runs in a worker: reads and writes no file."""
    started = time.perf_counter()
    try:
        collation = _collate_job(job)
        from collate.engine import token_columns
        from collate.render import render_document

        documents = {
            name: render_document(
                collation,
                ApparatusFormat(name),
                layout=job.layout,
                words=token_columns(collation) if name == "html" else None,
            )
            for name in job.formats
        }
    except Exception as error:  # one set's failure, whatever it is, is recorded
        return _failed(job, error, time.perf_counter() - started)
    counts = collation.counts()
    classes = Counter(unit.variant_class.value for unit in collation.units)
    return SetResult(
        name=job.name,
        status="ok",
        witnesses=list(collation.sigla),
        units=len(collation.units),
        types={kind.value: counts[kind] for kind in UnitType},
        classes={kind.value: classes[kind.value] for kind in VariantClass},
        agreement={s: round(collation.agreement_share(s), 4) for s in collation.sigla},
        seconds=time.perf_counter() - started,
        not_applied=sum(not outcome.applied for outcome in collation.decisions),
        options=_options(job),
        documents=documents,
    )


def _options(job: SetJob) -> dict[str, str]:
    """The options of a set that the command line can change without changing an input file
    (`SetResult.options`)."""
    options = {"grouping": job.grouping.value, "tokens": job.reading.tokens.value}
    if job.layout is not Layout.OMIT:  # the default leaves the figures of earlier runs alike
        options["layout"] = job.layout.value
    return options


def _failed(job: SetJob, error: BaseException, seconds: float = 0.0) -> SetResult:
    """The result of a set that raised ``error``: its message, and its kind when it is not one
    of the user's mistakes (a bug, to be reported)."""
    message = str(error) if isinstance(error, CollateError) else _describe(error)
    return SetResult(job.name, "failed", error=message, seconds=seconds)


def _describe(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"internal error: {type(error).__name__}: {text}"[:500]


def _collate_job(job: SetJob) -> Collation:
    from collate.engine import collate
    from collate.model import check_sigla
    from collate.rules import normalizer

    witnesses = witnesses_from_files(job.files, job.reading)
    if job.sigla is not None:
        if len(job.sigla) != len(witnesses):
            raise ManifestError(
                f"{job.name}: {len(job.sigla)} sigla given for {len(witnesses)} witnesses"
            )
        # renamed, not re-read: a witness given as CollateX tokens keeps its tokens
        witnesses = [replace(w, siglum=s) for w, s in zip(witnesses, job.sigla, strict=True)]
    check_sigla(witnesses)
    rules = normalizer(job.ignore, rule_texts=job.rules) if job.ignore or job.rules else None
    collation = collate(witnesses, base=job.base, rules=rules, near=job.near, grouping=job.grouping)
    if not job.decisions:
        return collation
    from collate import decisions as editorial
    from collate.engine import classify

    used = rules or normalizer()
    decided = editorial.apply(
        collation,
        job.decisions,
        classes=lambda kind, readings: classify(kind, readings, used, job.near),
    )
    return decided.collation


def _regrouped(job: SetJob, grouping: Grouping, where: Path) -> SetJob:
    """The set to be grouped by ``grouping`` (``--grouping``), unless its decisions were made
    on another grouping."""
    if job.decided_on is not None and job.decided_on is not grouping:
        place = f"{where}: set {job.name!r}"
        raise ManifestError(_other_grouping(place, grouping, job.decisions_file, job.decided_on))
    return replace(job, grouping=grouping)


def _other_grouping(where: str, given: Grouping, path: object, recorded: Grouping) -> str:
    return (
        f"{where}: grouping {given.value}: the decisions in {path} were made on units grouped "
        f"by {recorded.value} (give that grouping, or none)"
    )


def _grouping(value: object, where: str) -> Grouping:
    return _choice(Grouping, value, where, "grouping", "grouping", "groupings")


def _layout(value: object, where: str) -> Layout:
    return _choice(Layout, value, where, "layout", "choice", "choices")


_Choice = TypeVar("_Choice", bound=enum.StrEnum)


def _choice(
    kind: type[_Choice], value: object, where: str, field: str, noun: str, plural: str
) -> _Choice:
    """A manifest field's value as one of ``kind``'s members, or a one-line error naming the
    manifest, the value and every member."""
    try:
        return kind(str(value))
    except ValueError:
        raise ManifestError(
            f"{where}: {field} {str(value)!r}: no such {noun} (the {plural}: {', '.join(kind)})"
        ) from None


def _folder(job: SetJob, out: Path) -> Path:
    """The set's folder, checked to lie inside ``out`` (a link inside ``out`` cannot lead a
    batch to write elsewhere)."""
    name = job.folder or unique_file_names([job.name], reserved=_RESERVED)[0]
    folder = out / name
    if not folder.resolve().is_relative_to(out.resolve()):
        raise OutputError(f"{folder}: leads outside the output folder {out}; remove the link")
    return folder


def outputs_of(job: SetJob, out: Path) -> dict[str, Path]:
    """Where each format of a set is written: ``OUT/FOLDER/FOLDER.EXT``, ``FOLDER`` being the
    set's name made safe (`SetJob.folder`)."""
    folder = _folder(job, out)
    return {name: folder / f"{folder.name}.{EXTENSIONS[name]}" for name in job.formats}


def _up_to_date(job: SetJob, out: Path) -> SetResult | None:
    """The recorded result of a set whose outputs are complete and newer than its inputs."""
    summary = _folder(job, out) / SUMMARY_NAME
    if not summary.is_file():
        return None
    try:
        written = summary.stat().st_mtime
        newest_input = max((os.stat(p).st_mtime for p in job.inputs), default=0.0)
        if written < newest_input or not all(p.is_file() for p in outputs_of(job, out).values()):
            return None
        data = json.loads(summary.read_text(encoding="utf-8"))
        if (
            data.get("status") != "ok"
            or data.get("name") != job.name
            or data.get("options") != _options(job)
        ):
            return None
        data["status"] = "kept"
        return SetResult(**data)
    except (OSError, ValueError, TypeError):
        return None  # a summary this program did not write, or an input gone: collate again


def _write(job: SetJob, result: SetResult, out: Path) -> SetResult:
    """Write a set's documents, then its summary.json (last: its presence means complete)."""
    if result.status == "ok":
        for name, path in outputs_of(job, out).items():
            _write_inside(out, path, result.documents[name])
    result.documents = {}
    _write_inside(
        out,
        _folder(job, out) / SUMMARY_NAME,
        json.dumps(result.figures(), ensure_ascii=False) + "\n",
    )
    return result


def _write_inside(out: Path, path: Path, text: str) -> None:
    """Write a batch's file, refused when it (a link left in ``out``, say) leads outside."""
    if not path.resolve().is_relative_to(out.resolve()):
        raise OutputError(f"{path}: leads outside the output folder {out}; remove the link")
    write_text_atomically(path, text)


def run(
    source: str | Path | Sequence[SetJob],
    out: str | Path,
    *,
    jobs: int | None = None,
    dask: str | None = None,
    formats: Sequence[str] | None = None,
    resume: bool = False,
    progress: Callable[[SetResult], None] | None = None,
    allow_outside: bool = False,
) -> list[SetResult]:
    """Collate every set of a batch and write its outputs under ``out``; return the results in
    the batch's order (failed sets included).

    ``jobs`` worker processes (default: the machine's cores; 1 runs in this process), or
    ``dask``: the address of a Dask scheduler, or ``"local"`` for a `LocalCluster` on this
    machine. ``resume`` keeps the sets whose outputs are up to date. ``progress`` is called
    with each result as it arrives. ``allow_outside`` lets a manifest name files outside its
    folder.

    Raises:
        ManifestError: the batch cannot be read (nothing is written then).
        OutputError: ``out`` is in use by another batch, or cannot be written.
        BatchInterrupted: Ctrl-C or SIGTERM stopped the batch; the sets done are written.
    """
    out = Path(out)
    batch = (
        read_sets(source, formats, allow_outside=allow_outside)
        if isinstance(source, str | Path)
        else _with_folders(source)
    )
    if dask is not None:
        _check_dask_address(dask)
    with _locked(out), _terminate_as_interrupt():
        results: dict[str, SetResult] = {}
        pending = []
        for job in batch:
            kept = _up_to_date(job, out) if resume else None
            if kept is not None:
                results[job.name] = kept
                if progress:
                    progress(kept)
            else:
                pending.append(job)
        for job in pending:
            # a run killed while writing leaves its temporary files; they are never outputs
            folder = _folder(job, out)
            if folder.is_dir():
                for stale in folder.iterdir():
                    if is_temporary_name(stale.name):
                        stale.unlink(missing_ok=True)
        by_name = {job.name: job for job in pending}
        try:
            with contextlib.closing(_execute(pending, jobs, dask)) as outcomes:
                for result in outcomes:
                    results[result.name] = _write(by_name[result.name], result, out)
                    if progress:
                        progress(results[result.name])
        except KeyboardInterrupt:
            done = [results[job.name] for job in batch if job.name in results]
            _write_summaries(out, done, batch)
            raise BatchInterrupted(len(done), len(batch), out) from None
        ordered = [results[job.name] for job in batch]
        _write_summaries(out, ordered, batch)
    return ordered


def _write_summaries(out: Path, results: Sequence[SetResult], batch: Sequence[SetJob]) -> None:
    _write_inside(out, out / "summary.csv", summary_csv(results))
    _write_inside(out, out / "index.html", index_html(results, batch))


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold the output folder's lock: a second batch writing there would remove the first's
    temporary files and interleave its summaries."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = (out / LOCK_NAME).open("a", encoding="utf-8")
    except OSError as error:
        raise OutputError(f"{out}: cannot be written ({error.strerror or error})") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"{out}: the folder is in use by another collate batch; wait for it to finish "
                "or give another output folder"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While a batch runs, SIGTERM stops it as Ctrl-C does (the signal can only be caught in
    the main thread; elsewhere the default stays)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _execute(
    pending: list[SetJob], jobs: int | None, dask: str | None
) -> Generator[SetResult, None, None]:
    if not pending:
        return
    if dask is not None:
        yield from _execute_dask(pending, dask, jobs)
        return
    workers = jobs or os.cpu_count() or 1
    if workers == 1 or len(pending) == 1:
        yield from map(run_set, pending)
        return
    pool = ProcessPoolExecutor(max_workers=min(workers, len(pending)), initializer=_worker_start)
    futures = {pool.submit(run_set, job): job for job in pending}
    try:
        for future in as_completed(futures):
            yield _outcome(future, futures[future])
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()


def _outcome(future: Future[SetResult], job: SetJob) -> SetResult:
    try:
        return future.result()
    except Exception as error:  # a worker that died, a job that did not pickle…
        return _failed(job, error)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: pending sets cancelled, running ones' workers terminated."""
    # the executor has no public way to end its running workers
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(5)


def _worker_start() -> None:
    """Set up a pool worker: Ctrl-C and SIGTERM are the parent's to handle, and the worker
    exits by itself when the parent dies (killed with SIGKILL, it cannot stop its workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


_DASK_ADDRESS = re.compile(r"(tcp|tls|inproc|ucx|ws|wss)://\S+|\S+:\d+")


def _check_dask_address(address: str) -> None:
    if address != "local" and not _DASK_ADDRESS.fullmatch(address):
        raise ManifestError(
            f"--dask {address}: not a scheduler address (such as tcp://HOST:8786) nor 'local'"
        )


def _execute_dask(pending: list[SetJob], address: str, jobs: int | None) -> Iterator[SetResult]:
    """Run the sets on a Dask cluster; the jobs carry the witnesses' bytes."""
    try:  # dask.distributed has no type information for the calls below
        from dask.distributed import Client, LocalCluster
        from dask.distributed import as_completed as dask_completed
    except ImportError:
        raise ManifestError(
            "--dask needs dask.distributed, which is not installed: pip install "
            "'dask[distributed]' (or, in a checkout of collate, pip install '.[cluster]')"
        ) from None

    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                processes=True,
                n_workers=jobs or os.cpu_count() or 1,
                threads_per_worker=1,
                # a free port on this machine only: 8787 may be another cluster's
                dashboard_address="127.0.0.1:0",
            )
            client = Client(cluster)  # type: ignore[no-untyped-call]
        else:
            client = Client(address, timeout="20s")  # type: ignore[no-untyped-call]
    except (OSError, ValueError, TypeError) as error:
        if cluster is not None:
            cluster.close()
        raise ManifestError(f"--dask {address}: cannot reach the scheduler ({error})") from None
    jobs_of = {}
    try:
        futures = []
        for job in pending:
            future = client.submit(run_set, job, pure=False)
            jobs_of[future.key] = job
            futures.append(future)
        for future in dask_completed(futures):  # type: ignore[no-untyped-call]
            try:
                yield future.result()
            except Exception as error:  # a worker lost, a task that failed
                yield _failed(jobs_of[future.key], error)
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()


SUMMARY_COLUMNS = [
    "set",
    "status",
    "witnesses",
    "units",
    *(kind.value for kind in UnitType),
    *(kind.value for kind in VariantClass),
    "agreement",
    "seconds",
    "error",
]


def summary_csv(results: Sequence[SetResult]) -> str:
    """One row per set: witnesses, units by type and class, agreement, status, time, error."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SUMMARY_COLUMNS)
    for r in results:
        writer.writerow(
            [
                r.name,
                r.status,
                " ".join(r.witnesses),
                r.units,
                *(r.types.get(kind.value, 0) for kind in UnitType),
                *(r.classes.get(kind.value, 0) for kind in VariantClass),
                "; ".join(f"{s} {share:.1%}" for s, share in r.agreement.items()),
                f"{r.seconds:.3f}",
                r.error,
            ]
        )
    return buffer.getvalue()


def index_html(results: Sequence[SetResult], batch: Sequence[SetJob]) -> str:
    """A page listing every set, with a link to its HTML page where one was made."""
    from collate.render.html import environment

    pages = {
        job.name: f"{quote(job.folder)}/{quote(job.folder)}.html"
        for job in _with_folders(batch)
        if "html" in job.formats
    }
    template = environment().get_template("batch.html")  # type: ignore[attr-defined]
    page: str = template.render(
        results=results,
        pages=pages,
        types=[kind.value for kind in UnitType],
        failed=sum(1 for r in results if r.status == "failed"),
    )
    return page
