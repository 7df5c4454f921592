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
from collate.align import collate
from collate.errors import CollateError
from collate.files import write_text_atomically
from collate.render import Format
from collate.render.json import render_json
from collate.render.terminal import render_inline, render_side_by_side
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


@app.command()
def compare(
    witnesses: Annotated[
        list[Path],
        typer.Argument(
            help="Witness files, manifests (.toml), CollateX JSON files or directories; "
            "the first witness is the base.",
            show_default=False,
        ),
    ],
    side_by_side: Annotated[
        bool, typer.Option("--side-by-side", "-s", help="Show the witnesses in columns.")
    ] = False,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format.")
    ] = Format.TERMINAL,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file (atomically) instead of the terminal."
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(help="Encoding of the witness files (default: detect)."),
    ] = None,
    sigla: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated sigla, one per witness, in order (default: from "
            "witnesses.toml, else the file names)."
        ),
    ] = None,
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
        collation = collate(loaded)
        if output_format is Format.JSON:
            text = render_json(collation)
            if output is None:
                sys.stdout.write(text)
            else:
                write_text_atomically(output, text)
            return
        view = render_side_by_side(collation) if side_by_side else render_inline(collation)
        _show(view, output=output, no_color=no_color, width=width)

    _user_errors(run)


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
    """Entry point of the ``collate`` console script."""
    app()
