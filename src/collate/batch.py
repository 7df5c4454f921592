"""Batch collation: many witness sets, in parallel processes or on a Dask cluster, resumable.

A batch is a list of witness sets, read from

- a TOML manifest::

      formats = ["json", "tei"]          # for every set (default: json)

      [[set]]
      name = "letter-001"
      witnesses = ["letters/001-a.txt", "letters/001-b.txt"]   # relative to the manifest
      sigla = ["A", "B"]                 # optional; else witnesses.toml or file names
      base = "B"                         # optional, as are ignore, rules, near, formats

- a directory whose subfolders are the sets (each read as `collate.load_witnesses` reads a
  folder: its ``witnesses.toml``, or its text files), or
- a CSV of pairs with the header ``name,witness_a,witness_b`` (paths relative to the CSV).

Each set's outputs go to ``OUT/<name>/<name>.<ext>`` (``json``, ``tei.xml``, ``html``, ``txt``
for the printed apparatus, ``tex``, ``csv``, ``tsv``, ``collatex.json``), written atomically,
and then ``OUT/<name>/summary.json``, the set's figures, last; ``OUT/summary.csv`` and
``OUT/index.html`` list every set. The client reads the witness files and sends their bytes
with each task, so workers (processes, or Dask workers on other machines) need no shared file
system; workers decode, collate and render; the client writes. ``resume`` skips a set whose
``summary.json`` exists and is newer than its inputs. A set that fails is recorded with its
error and the others go on.
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from collate.errors import CollateError, ManifestError
from collate.files import write_text_atomically
from collate.model import Collation, UnitType, VariantClass
from collate.options import ReadingOptions
from collate.render import ApparatusFormat
from collate.tokenize import TokenMode
from collate.witnesses import WitnessFile, read_witness_files, witnesses_from_files

__all__ = [
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
SET_KEYS = {"name", "witnesses", "sigla", "base", "ignore", "rules", "near", "formats", "tokens"}
MANIFEST_KEYS = {"set", "formats"}
SUMMARY_NAME = "summary.json"


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
    inputs: tuple[str, ...] = field(default=(), compare=False)
    """The input files (witnesses, rules, manifest), for ``resume``'s age check."""


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
) -> list[SetJob]:
    """The witness sets of a manifest, a directory of set folders, or a CSV of pairs.

    ``formats`` and ``tokens`` (how words are cut) override the manifest's. Raises
    `ManifestError`, naming the file and the
    problem: a missing witness, an unknown option or format, a duplicate set name.
    """
    path = Path(source)
    if path.is_dir():
        jobs = _directory_sets(path)
    elif not path.exists():
        raise ManifestError(f"{path}: no such manifest, CSV file or directory")
    elif path.suffix.lower() == ".csv":
        jobs = _csv_sets(path)
    else:
        jobs = _manifest_sets(path)
    if formats is not None:
        _check_formats(formats, path)
        jobs = [replace(job, formats=tuple(formats)) for job in jobs]
    if tokens is not None:
        jobs = [replace(job, reading=replace(job.reading, tokens=tokens)) for job in jobs]
    seen: set[str] = set()
    for job in jobs:
        if job.name in seen:
            raise ManifestError(f"{path}: set name {job.name!r} is used twice; names must differ")
        seen.add(job.name)
    if not jobs:
        raise ManifestError(f"{path}: no witness sets")
    return jobs


def _check_formats(formats: Sequence[str], where: Path | str) -> None:
    for name in formats:
        if name not in EXTENSIONS:
            raise ManifestError(
                f"{where}: unknown format {name!r} (the formats: {', '.join(EXTENSIONS)})"
            )


def _files(paths: Sequence[Path], where: str) -> tuple[WitnessFile, ...]:
    for path in paths:
        if not path.exists():
            raise ManifestError(f"{where}: witness {path} does not exist")
    try:
        return tuple(read_witness_files(paths))
    except CollateError as error:
        raise ManifestError(f"{where}: {error}") from None


def _manifest_sets(manifest: Path) -> list[SetJob]:
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ManifestError(f"{manifest}: not a valid TOML batch manifest ({error})") from None
    unknown = set(data) - MANIFEST_KEYS
    if unknown:
        raise ManifestError(f"{manifest}: unknown option {sorted(unknown)[0]!r}")
    default_formats = data.get("formats", ["json"])
    _check_formats(default_formats, manifest)
    items = data.get("set")
    if not isinstance(items, list):
        raise ManifestError(f"{manifest}: no [[set]] tables")
    return [
        _manifest_set(item, manifest, number, default_formats)
        for number, item in enumerate(items, start=1)
    ]


def _manifest_set(item: object, manifest: Path, number: int, formats: list[str]) -> SetJob:
    where = f"{manifest}: set {number}"
    if not isinstance(item, dict):
        raise ManifestError(f"{where}: not a table")
    unknown = set(item) - SET_KEYS
    if unknown:
        raise ManifestError(f"{where}: unknown option {sorted(unknown)[0]!r}")
    name = item.get("name")
    paths = item.get("witnesses")
    if not isinstance(name, str) or not name or "/" in name or name.startswith("."):
        raise ManifestError(f"{where}: needs a name (no slashes, not starting with a dot)")
    where = f"{where} ({name})"
    if not isinstance(paths, list) or len(paths) < 2:
        raise ManifestError(f"{where}: needs witnesses, a list of two or more paths")
    folder = manifest.parent
    files = _files([folder / str(p) for p in paths], where)
    rule_paths = [folder / str(p) for p in item.get("rules", [])]
    for path in rule_paths:
        if not path.is_file():
            raise ManifestError(f"{where}: rule file {path} does not exist")
    set_formats = item.get("formats", formats)
    _check_formats(set_formats, where)
    sigla = item.get("sigla")
    return SetJob(
        name=name,
        files=files,
        sigla=tuple(sigla) if sigla else None,
        base=item.get("base"),
        ignore=tuple(item.get("ignore", [])),
        rules=tuple((p.read_text(encoding="utf-8"), str(p)) for p in rule_paths),
        near=item.get("near"),
        formats=tuple(set_formats),
        reading=ReadingOptions.from_dict({"tokens": item.get("tokens", "auto")}, where),
        inputs=(str(manifest), *(f.path for f in files), *(str(p) for p in rule_paths)),
    )


def _directory_sets(folder: Path) -> list[SetJob]:
    jobs = []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        files = _files([sub], str(sub))
        inputs = [str(p) for p in sub.iterdir() if p.is_file()]
        jobs.append(SetJob(name=sub.name, files=files, inputs=tuple(sorted(inputs))))
    return jobs


def _csv_sets(table: Path) -> list[SetJob]:
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    if rows and not {"name", "witness_a", "witness_b"} <= set(rows[0]):
        raise ManifestError(f"{table}: the header must be name,witness_a,witness_b")
    jobs = []
    for number, row in enumerate(rows, start=2):
        where = f"{table}: line {number}"
        paths = [table.parent / row[key] for key in ("witness_a", "witness_b")]
        files = _files(paths, where)
        jobs.append(
            SetJob(name=row["name"], files=files, inputs=(str(table), *(str(p) for p in paths)))
        )
    return jobs


def run_set(job: SetJob) -> SetResult:
    """Collate one set and render its formats. Runs in a worker: reads and writes no file."""
    started = time.perf_counter()
    try:
        collation = _collate_job(job)
    except CollateError as error:
        elapsed = time.perf_counter() - started
        return SetResult(job.name, "failed", error=str(error), seconds=elapsed)
    from collate.render import render_document

    documents = {name: render_document(collation, ApparatusFormat(name)) for name in job.formats}
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
        documents=documents,
    )


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
        witnesses = [replace(w, siglum=s) for w, s in zip(witnesses, job.sigla, strict=True)]
    check_sigla(witnesses)
    rules = normalizer(job.ignore, rule_texts=job.rules) if job.ignore or job.rules else None
    return collate(witnesses, base=job.base, rules=rules, near=job.near)


def outputs_of(job: SetJob, out: Path) -> dict[str, Path]:
    """Where each format of a set is written."""
    folder = out / job.name
    return {name: folder / f"{job.name}.{EXTENSIONS[name]}" for name in job.formats}


def _up_to_date(job: SetJob, out: Path) -> SetResult | None:
    """The recorded result of a set whose outputs are complete and newer than its inputs."""
    summary = out / job.name / SUMMARY_NAME
    if not summary.is_file():
        return None
    written = summary.stat().st_mtime
    newest_input = max((os.stat(p).st_mtime for p in job.inputs), default=0.0)
    if written < newest_input or not all(p.is_file() for p in outputs_of(job, out).values()):
        return None
    data = json.loads(summary.read_text(encoding="utf-8"))
    if data.get("status") != "ok":
        return None
    data["status"] = "kept"
    return SetResult(**data)


def _write(job: SetJob, result: SetResult, out: Path) -> SetResult:
    """Write a set's documents, then its summary.json (last: its presence means complete)."""
    if result.status == "ok":
        for name, path in outputs_of(job, out).items():
            write_text_atomically(path, result.documents[name])
    result.documents = {}
    write_text_atomically(
        out / job.name / SUMMARY_NAME, json.dumps(result.figures(), ensure_ascii=False) + "\n"
    )
    return result


def run(
    source: str | Path | Sequence[SetJob],
    out: str | Path,
    *,
    jobs: int | None = None,
    dask: str | None = None,
    formats: Sequence[str] | None = None,
    resume: bool = False,
    progress: Callable[[SetResult], None] | None = None,
) -> list[SetResult]:
    """Collate every set of a batch and write its outputs under ``out``; return the results in
    the batch's order (failed sets included).

    ``jobs`` worker processes (default: the machine's cores; 1 runs in this process), or
    ``dask``: the address of a Dask scheduler, or ``"local"`` for a `LocalCluster` on this
    machine. ``resume`` keeps the sets whose outputs are up to date. ``progress`` is called
    with each result as it arrives.
    """
    out = Path(out)
    batch = read_sets(source, formats) if isinstance(source, str | Path) else list(source)
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
        for stale in (out / job.name).glob(".*.tmp"):
            stale.unlink(missing_ok=True)
    by_name = {job.name: job for job in pending}
    for result in _execute(pending, jobs, dask):
        results[result.name] = _write(by_name[result.name], result, out)
        if progress:
            progress(results[result.name])
    ordered = [results[job.name] for job in batch]
    write_text_atomically(out / "summary.csv", summary_csv(ordered))
    write_text_atomically(out / "index.html", index_html(ordered, batch))
    return ordered


def _execute(pending: list[SetJob], jobs: int | None, dask: str | None) -> Iterator[SetResult]:
    if not pending:
        return
    if dask is not None:
        yield from _execute_dask(pending, dask, jobs)
        return
    workers = jobs or os.cpu_count() or 1
    if workers == 1 or len(pending) == 1:
        yield from map(run_set, pending)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(pending))) as pool:
        futures = [pool.submit(run_set, job) for job in pending]
        for future in as_completed(futures):
            yield future.result()


def _execute_dask(pending: list[SetJob], address: str, jobs: int | None) -> Iterator[SetResult]:
    """Run the sets on a Dask cluster; the jobs carry the witnesses' bytes."""
    try:  # dask.distributed has no type information for the calls below
        from dask.distributed import Client, LocalCluster
        from dask.distributed import as_completed as dask_completed
    except ImportError:
        raise ManifestError(
            "--dask needs dask.distributed: pip install 'collate-witnesses[cluster]'"
        ) from None

    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                processes=True,
                n_workers=jobs or os.cpu_count() or 1,
                threads_per_worker=1,
                dashboard_address=None,
            )
            client = Client(cluster)  # type: ignore[no-untyped-call]
        else:
            client = Client(address, timeout="20s")  # type: ignore[no-untyped-call]
    except OSError as error:
        raise ManifestError(f"--dask {address}: cannot reach the scheduler ({error})") from None
    try:
        futures = client.map(run_set, pending, pure=False)
        for future in dask_completed(futures):  # type: ignore[no-untyped-call]
            yield future.result()
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

    pages = {job.name: f"{job.name}/{job.name}.html" for job in batch if "html" in job.formats}
    template = environment().get_template("batch.html")  # type: ignore[attr-defined]
    page: str = template.render(
        results=results,
        pages=pages,
        types=[kind.value for kind in UnitType],
        failed=sum(1 for r in results if r.status == "failed"),
    )
    return page
