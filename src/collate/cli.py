"""The ``collate`` command: a thin layer over the library.

Each command parses its options, calls one library function, renders, and writes. A
`CollateError` becomes one line on standard error and exit status 2; anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console, RenderableType

from collate import __version__
from collate.batch import SetJob, SetResult, read_sets, run
from collate.engine import collate, token_columns
from collate.errors import CollateError, CollationError
from collate.files import write_text_atomically, write_witnesses
from collate.model import VariantClass
from collate.render import ApparatusFormat, Format, Minor, TeiMethod, render_document
from collate.render.json import render_json
from collate.render.terminal import render_inline, render_side_by_side
from collate.rules import Normalizer, normalizer
from collate.witnesses import load_witnesses

__all__ = ["app", "main"]

app = typer.Typer(
    name="collate",
    help="Collate versions of a text the way a textual scholar does.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"collate {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Collate versions of a text the way a textual scholar does."""


def _user_errors(action: Callable[[], T]) -> T:
    try:
        return action()
    except CollateError as error:
        typer.echo(f"collate: error: {error}", err=True)
        raise typer.Exit(2) from None


def _sigla(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [s.strip() for s in value.split(",")]


WitnessPaths = Annotated[
    list[Path],
    typer.Argument(
        help="Witness files, manifests (.toml), directories, JSON collations or CollateX "
        "files, TEI apparatus files (.xml: every witness they cite).",
        show_default=False,
    ),
]
Base = Annotated[
    str | None,
    typer.Option(
        help="Siglum of the base witness, whose text carries the lemmata (default: the first)."
    ),
]
Output = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of the terminal."),
]
Encoding = Annotated[
    str | None,
    typer.Option(help="Encoding of the witness files (default: detect)."),
]
Ignore = Annotated[
    str | None,
    typer.Option(
        help="Built-in rule sets to match through, comma-separated: punctuation, unicode, "
        "whitespace, russian-pre1918 (case and typographic are always on)."
    ),
]
Rules = Annotated[
    list[Path] | None,
    typer.Option("--rules", help="A TOML file of normalization rules (may be repeated)."),
]
Near = Annotated[
    float | None,
    typer.Option(
        help="Align different words whose forms are at least this similar (0-1, as 0.8) as "
        "one orthographic reading (default: off)."
    ),
]
Engine = Annotated[
    str,
    typer.Option(
        help="The aligner: collate (ours) or collatex (CollateX inside each segment group)."
    ),
]
Sigla = Annotated[
    str | None,
    typer.Option(
        help="Comma-separated sigla, one per witness, in order (default: from "
        "witnesses.toml or the apparatus, else the file names)."
    ),
]


@app.command()
def compare(
    witnesses: WitnessPaths,
    side_by_side: Annotated[
        bool, typer.Option("--side-by-side", "-s", help="Show the witnesses in columns.")
    ] = False,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format.")
    ] = Format.TERMINAL,
    output: Output = None,
    base: Base = None,
    ignore: Ignore = None,
    rules: Rules = None,
    near: Near = None,
    engine: Engine = "collate",
    hide: Annotated[
        str | None,
        typer.Option(
            help="Leave units of these classes unmarked, comma-separated: punctuation, "
            "orthographic."
        ),
    ] = None,
    encoding: Encoding = None,
    sigla: Sigla = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="Plain text: no colours or styles.")
    ] = False,
    width: Annotated[
        int | None,
        typer.Option(
            min=40, help="Width of the terminal view in columns (default: the terminal's)."
        ),
    ] = None,
) -> None:
    """Compare witnesses: every omission, addition, substitution and transposition."""

    def run() -> None:
        loaded = load_witnesses(witnesses, sigla=_sigla(sigla), encoding=encoding)
        hidden = _classes(hide)
        collation = collate(
            loaded, base=base, rules=_normalizer(ignore, rules), near=near, engine=engine
        )
        if output_format is Format.JSON:
            _write(render_json(collation), output)
            return
        if output_format is Format.HTML:
            _write(render_document(collation, ApparatusFormat.HTML), output)
            return
        view = (
            render_side_by_side(collation, hidden)
            if side_by_side
            else render_inline(collation, hidden)
        )
        _show(view, output=output, no_color=no_color, width=width)

    _user_errors(run)


@app.command()
def apparatus(
    witnesses: WitnessPaths,
    output_format: Annotated[
        ApparatusFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ApparatusFormat.TEXT,
    output: Output = None,
    base: Base = None,
    positive: Annotated[
        bool,
        typer.Option(
            "--positive", help="Text and LaTeX: cite the witnesses that agree with the lemma too."
        ),
    ] = False,
    tei_method: Annotated[
        TeiMethod, typer.Option(help="TEI: how readings are attached to the base text.")
    ] = TeiMethod.PARALLEL_SEGMENTATION,
    classes: Annotated[
        bool,
        typer.Option(
            "--classes",
            help="TEI: app/@type is the unit's class, readings equal after normalization in "
            "an rdgGrp.",
        ),
    ] = False,
    minor: Annotated[
        Minor,
        typer.Option(
            help="Text and LaTeX: punctuation and orthographic variants included, omitted, or "
            "in a separate apparatus."
        ),
    ] = Minor.INCLUDE,
    words: Annotated[
        bool,
        typer.Option(
            "--words",
            help="CSV, TSV and json-collatex: a row per aligned word (readings aligned word by "
            "word inside each unit) rather than per agreement or unit.",
        ),
    ] = False,
    ignore: Ignore = None,
    rules: Rules = None,
    near: Near = None,
    engine: Engine = "collate",
    encoding: Encoding = None,
    sigla: Sigla = None,
) -> None:
    """Write a critical apparatus: printed text, TEI, LaTeX (reledmac), CSV/TSV, JSON or HTML."""

    def run() -> None:
        loaded = load_witnesses(witnesses, sigla=_sigla(sigla), encoding=encoding)
        collation = collate(
            loaded, base=base, rules=_normalizer(ignore, rules), near=near, engine=engine
        )
        document = render_document(
            collation,
            output_format,
            positive=positive,
            tei_method=tei_method,
            classes=classes,
            minor=minor,
            words=token_columns(collation) if words else None,
        )
        _write(document, output)

    _user_errors(run)


@app.command(name="witnesses")
def witnesses_command(
    collation_file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A TEI apparatus (.xml), a JSON collation, or any witness source.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Directory to write SIGLUM.txt files into."),
    ],
) -> None:
    """Write each witness of a collation back as DIR/SIGLUM.txt."""

    def run() -> None:
        loaded = load_witnesses([collation_file])
        for path in write_witnesses(loaded, output):
            typer.echo(str(path))

    _user_errors(run)


@app.command()
def batch(
    source: Annotated[
        Path,
        typer.Argument(
            help="A TOML batch manifest, a directory whose subfolders are witness sets, or a "
            "CSV of pairs (name,witness_a,witness_b).",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Directory for the outputs and summary.")
    ],
    formats: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="Comma-separated formats for every set: json, tei, html, text, latex, csv, "
            "tsv, json-collatex (default: the manifest's, else json).",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes (default: the machine's cores)."),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            help="Run on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' "
            "for a LocalCluster on this machine."
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Keep the sets whose outputs are newer than their inputs."),
    ] = False,
) -> None:
    """Collate many witness sets: in parallel, on a Dask cluster, resumably."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    def prepare() -> list[SetJob]:
        return read_sets(source, _sigla(formats))

    sets = _user_errors(prepare)
    console = Console(stderr=True)
    failures = 0

    with Progress(
        TextColumn("collating"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} failed"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("sets", total=len(sets), failed=0)

        def advance(result: SetResult) -> None:
            nonlocal failures
            failures += result.status == "failed"
            bar.update(task, advance=1, failed=failures)

        results = _user_errors(
            lambda: run(sets, output, jobs=jobs, dask=dask, resume=resume, progress=advance)
        )
    for result in results:
        if result.status == "failed":
            typer.echo(f"collate: {result.name}: failed: {result.error}", err=True)
    kept = sum(1 for r in results if r.status == "kept")
    typer.echo(
        f"{len(results)} sets: {len(results) - failures - kept} collated, {kept} kept, "
        f"{failures} failed; summary in {output / 'summary.csv'} and {output / 'index.html'}"
    )
    if failures:
        raise typer.Exit(1)


def _normalizer(ignore: str | None, rules: list[Path] | None) -> Normalizer | None:
    if ignore is None and not rules:
        return None
    return normalizer(_sigla(ignore) or [], rules or [])


def _classes(value: str | None) -> frozenset[str]:
    names = frozenset(_sigla(value) or [])
    known = {c.value for c in VariantClass}
    for name in names:
        if name not in known:
            raise CollationError(
                f"--hide {name}: no such class (the classes: {', '.join(sorted(known))})"
            )
    return names


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        write_text_atomically(output, text)


def _show(view: RenderableType, *, output: Path | None, no_color: bool, width: int | None) -> None:
    if output is None:
        console = Console(no_color=no_color, width=width, highlight=False, soft_wrap=False)
        console.print(view)
        return
    buffer = io.StringIO()
    Console(
        file=buffer, width=width or 100, color_system=None, highlight=False, legacy_windows=False
    ).print(view)
    write_text_atomically(output, buffer.getvalue())


def main() -> None:
    """Entry point of the ``collate`` console script.

    Usage mistakes (an unknown option or format, a missing argument) are reported on one line,
    like every other error, rather than in click's framed box.
    """
    try:
        status = app(standalone_mode=False)
    except typer.Abort:
        typer.echo("collate: interrupted", err=True)
        sys.exit(130)
    except Exception as error:
        # click's UsageError, which typer vendors privately: recognised by its interface
        format_message = getattr(error, "format_message", None)
        if format_message is None or type(error).__name__ == "NoArgsIsHelpError":
            if hasattr(error, "show"):
                error.show()
                sys.exit(2)
            raise
        context = getattr(error, "ctx", None)
        command = getattr(context, "command_path", "collate")
        typer.echo(f"collate: error: {format_message()} (see '{command} --help')", err=True)
        sys.exit(getattr(error, "exit_code", 2))
    sys.exit(status if isinstance(status, int) else 0)
