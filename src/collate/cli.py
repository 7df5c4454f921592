"""The ``collate`` command: a thin layer over the library.

Each command parses its options, calls one library function, renders, and writes. A
`CollateError` becomes one line on standard error and exit status 2; anything else is a bug,
shown as one line (exit status 1) that points to ``collate --debug``, which shows its traceback.
"""

from __future__ import annotations

import copy
import enum
import gc
import io
import logging
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from collate import __version__
from collate.engine import Engine, Grouping, LemmaPolicy, classify, collate, token_columns
from collate.errors import BatchInterrupted, CollateError, CollationError, ManifestError
from collate.files import write_text_atomically, write_witnesses
from collate.model import Collation, Reading, UnitType, VariantClass
from collate.options import TeiHand, TeiLayer
from collate.render import (
    ApparatusFormat,
    Format,
    LatexEngine,
    Layout,
    Minor,
    TeiMethod,
    render_document,
)
from collate.rules import Normalizer, normalizer
from collate.tokenize import TokenMode
from collate.witnesses import MAX_BYTES, ReadingOptions, load_witnesses, select_witnesses

# Each command imports what only it needs (rich, the batch runner, a renderer) when it runs:
# `collate compare … --format json` never loads rich (start-up, benchmarks/speed.py).
if TYPE_CHECKING:
    from rich.console import RenderableType

    from collate import decisions as editorial
    from collate.batch import SetJob, SetResult

__all__ = ["app", "console_main", "main"]

app = typer.Typer(
    name="collate",
    help="Collate versions of a text the way a textual scholar does.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")


_DEBUG = False
"""Set by ``--debug``: an unforeseen error shows its traceback."""


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
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Show the traceback of an error that is a bug in collate."),
    ] = False,
) -> None:
    """Collate versions of a text the way a textual scholar does."""
    global _DEBUG  # noqa: PLW0603 (one switch for the whole run, set before any command)
    _DEBUG = debug
    _print_library_warnings()


class _WarningLine(logging.Handler):
    """The library's warnings (an encoding guessed…) as ``collate: warning: …`` on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        typer.echo(f"collate: warning: {_one_line(record.getMessage())}", err=True)


def _print_library_warnings() -> None:
    logger = logging.getLogger("collate")
    if not any(isinstance(handler, _WarningLine) for handler in logger.handlers):
        logger.addHandler(_WarningLine(logging.WARNING))
        logger.propagate = False


def _user_errors(action: Callable[[], T]) -> T:
    try:
        return action()
    except BatchInterrupted as stopped:
        typer.echo(f"collate: {stopped}", err=True)
        raise typer.Exit(130) from None
    except CollateError as error:
        typer.echo(f"collate: error: {_one_line(str(error))}", err=True)
        raise typer.Exit(2) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except BrokenPipeError:
        # the reader of standard output went away (`collate compare … | head`): nothing is
        # wrong and nothing is to be said; the status is the shell's for a closed pipe
        _stdout_closed()
        raise typer.Exit(_CLOSED_PIPE) from None
    except Exception as error:
        if _DEBUG:
            raise
        typer.echo(
            f"collate: error: {_one_line(f'{type(error).__name__}: {error}')} (this is a bug in "
            "collate; run the command again as 'collate --debug ...' to see where, and report it)",
            err=True,
        )
        raise typer.Exit(1) from None


_CLOSED_PIPE = 141
"""The exit status of a command whose reader closed its output pipe (128 + SIGPIPE, as a shell
reports a process the signal ended, and as git exits)."""


def _stdout_closed() -> None:
    """Point standard output at the null device, so that nothing more written to it, nor the
    interpreter's flush on the way out, fails again on the closed pipe."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)


def _one_line(message: str) -> str:
    """A message on one line, short enough to read, with nothing a terminal would act on."""
    text = " ".join(message.split())
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
    return text if len(text) <= 1000 else text[:1000] + "…"


class Color(enum.StrEnum):
    """When the terminal view is coloured (``--color``)."""

    AUTO = "auto"
    """On a terminal, unless ``NO_COLOR`` is set; ``FORCE_COLOR`` turns it on anywhere."""
    ALWAYS = "always"
    NEVER = "never"


_EXTENSION_FORMATS = {
    ".xml": ApparatusFormat.TEI,
    ".tei": ApparatusFormat.TEI,
    ".tex": ApparatusFormat.LATEX,
    ".html": ApparatusFormat.HTML,
    ".htm": ApparatusFormat.HTML,
    ".json": ApparatusFormat.JSON,
    ".csv": ApparatusFormat.CSV,
    ".tsv": ApparatusFormat.TSV,
    ".txt": ApparatusFormat.TEXT,
}
"""The format an ``-o`` file's extension asks for, when ``--format`` is not given."""

_SAME_EXTENSION = {
    ApparatusFormat.JSON_COLLATEX: ApparatusFormat.JSON,
    Format.TERMINAL: ApparatusFormat.TEXT,
    Format.JSON: ApparatusFormat.JSON,
    Format.HTML: ApparatusFormat.HTML,
}
"""Formats whose files share another format's extension (CollateX's table is JSON too)."""

_LOW_AGREEMENT = 0.2
"""Below this share of the base's text in agreement, the witnesses are probably not one text."""


def _inferred_format(
    output: Path | None, given: ApparatusFormat | Format | None
) -> ApparatusFormat | None:
    """The format ``-o FILE``'s extension names, or None where it names none.

    Raises:
        CollationError: ``--format`` names a different format than the extension, or no
            ``--format`` is given and the extension is one no format has (``.pdf``, ``.md``):
            writing the plain-text view under such a name would mislead.
    """
    if output is None:
        return None
    inferred = _EXTENSION_FORMATS.get(output.suffix.lower())
    if inferred is None and given is None and output.suffix:
        known = " ".join(_EXTENSION_FORMATS)
        raise CollationError(
            f"-o {output}: collate writes no {output.suffix} files (it knows {known}); "
            "give --format to write one of its formats under this name anyway"
        )
    if inferred is None or given is None:
        return inferred
    if _SAME_EXTENSION.get(given, given) != inferred:
        raise CollationError(
            f"-o {output}: the extension {output.suffix} means --format {inferred.value}, "
            f"not --format {given.value}; change one of them"
        )
    return None


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
        metavar="SIGLUM",
        help="Siglum of the base witness, whose text is printed (default: the first); "
        "'majority', when no witness has that siglum, is short for --lemma majority.",
    ),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file (atomically) instead of the terminal; its extension (.xml, "
        ".tex, .html, .json, .csv, .tsv, .txt) gives the format when --format is not given.",
    ),
]
Encoding = Annotated[
    str | None,
    typer.Option(metavar="ENC", help="Encoding of the witness files (default: detect)."),
]
Ignore = Annotated[
    str | None,
    typer.Option(
        metavar="SETS",
        help="Built-in rule sets to match through, comma-separated: punctuation, unicode, "
        "whitespace, russian-pre1918 (case and typographic are always on).",
    ),
]
Rules = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules", metavar="FILE", help="A TOML file of normalization rules (may be repeated)."
    ),
]
Near = Annotated[
    float | None,
    typer.Option(
        metavar="R",
        help="Align different words whose forms are at least this similar (0-1, as 0.8) as "
        "one orthographic reading (default: off).",
    ),
]
EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="The aligner: collate (ours) or collatex (CollateX inside each segment group).",
    ),
]
LemmaOption = Annotated[
    LemmaPolicy,
    typer.Option(
        "--lemma",
        help="Each unit's lemma: the base's reading, or the reading most witnesses share "
        "(the base's text stays the running text).",
    ),
]
GroupingOption = Annotated[
    Grouping | None,
    typer.Option(
        "--grouping",
        help="How differences are grouped into units: phrases (as a printed apparatus: a "
        "rewritten phrase is one unit) or words (as a hand-aligned table: each word that "
        "differs a unit). Default: the grouping the --decisions file's decisions were made "
        "on, else phrases.",
        show_default=False,
    ),
]
TokensOption = Annotated[
    TokenMode,
    typer.Option(
        "--tokens",
        help="How words are cut: auto (words; Chinese, Japanese and Thai per character), "
        "char (every character) or word (runs of letters in every script).",
    ),
]
TeiLayerOption = Annotated[
    TeiLayer,
    typer.Option(
        "--tei-layer",
        help="A TEI transcription's <choice>: normalized (expan, corr, reg) or diplomatic "
        "(abbr, sic, orig).",
    ),
]
TeiHandOption = Annotated[
    TeiHand,
    typer.Option(
        "--tei-hand",
        help="A TEI transcription's <del>/<add>: final (as corrected), first (the first "
        "hand), or both (two witnesses, W and W(a.c.)).",
    ),
]
LinesOption = Annotated[
    bool,
    typer.Option(
        "--lines",
        help="Plain-text witnesses' line breaks are their source's lines: references cite "
        "page (form feeds) and line.",
    ),
]
LayoutOption = Annotated[
    Layout,
    typer.Option(
        "--layout",
        help="Units whose readings differ only in whitespace (line breaks, re-wrapping, "
        "spacing; class layout): omitted from the view, the page and the printed apparatus, "
        "which say how many, or included as minor variants. The data formats keep them.",
    ),
]
Sigla = Annotated[
    str | None,
    typer.Option(
        metavar="A,B,…",
        help="Comma-separated sigla, one per witness, in order (default: from "
        "witnesses.toml or the apparatus, else the file names).",
    ),
]
Only = Annotated[
    str | None,
    typer.Option(
        "--witnesses",
        "--only",
        metavar="M,B,…",
        help="Collate only these witnesses of the files, manifests or directories given, in "
        "this order (comma-separated sigla).",
    ),
]
MaxBytes = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        min=1,
        metavar="N",
        help="Read no input file larger than this many bytes (default: 200 MB); FIFOs and "
        "devices are never read, - reads standard input.",
    ),
]
AllowOutside = Annotated[
    bool,
    typer.Option(
        "--allow-outside",
        help="Let a manifest name witness files outside its folder (../elsewhere.txt, /abs).",
    ),
]

DecisionsFile = Annotated[
    Path | None,
    typer.Option(
        "--decisions",
        metavar="FILE",
        help="Apply the editor's decisions in this TOML file (written by collate decide) "
        "before any output.",
    ),
]


@app.command()
def compare(
    witnesses: WitnessPaths,
    side_by_side: Annotated[
        bool, typer.Option("--side-by-side", "-s", help="Show the witnesses in columns.")
    ] = False,
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: from the -o file's extension, else terminal).",
            show_default=False,
        ),
    ] = None,
    output: Output = None,
    base: Base = None,
    ignore: Ignore = None,
    rules: Rules = None,
    near: Near = None,
    engine: EngineOption = Engine.COLLATE,
    lemma: LemmaOption = LemmaPolicy.BASE,
    grouping: GroupingOption = None,
    hide: Annotated[
        str | None,
        typer.Option(
            metavar="CLASSES",
            help="Leave units of these classes unmarked, comma-separated: punctuation, "
            "orthographic, layout.",
        ),
    ] = None,
    layout: LayoutOption = Layout.OMIT,
    encoding: Encoding = None,
    sigla: Sigla = None,
    only: Only = None,
    color: Annotated[
        Color,
        typer.Option(
            help="Colour the terminal view: auto (on a terminal, unless NO_COLOR is set; "
            "FORCE_COLOR forces it), always, never."
        ),
    ] = Color.AUTO,
    tokens: TokensOption = TokenMode.AUTO,
    tei_layer: TeiLayerOption = TeiLayer.NORMALIZED,
    tei_hand: TeiHandOption = TeiHand.FINAL,
    lines: LinesOption = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="Plain text: the same as --color never.")
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print a long view straight to the terminal rather than through the pager "
            "(COLLATE_PAGER, else PAGER, else less).",
        ),
    ] = False,
    width: Annotated[
        int | None,
        typer.Option(
            min=40,
            metavar="N",
            help="Width of the terminal view in columns (default: the terminal's).",
        ),
    ] = None,
    allow_outside: AllowOutside = False,
    max_bytes: MaxBytes = MAX_BYTES,
    decisions: DecisionsFile = None,
    ids: Annotated[
        bool,
        typer.Option(
            "--ids",
            help="Show each unit's id (u1, u2…, what collate decide takes) in the inline view; "
            "on with --decisions.",
        ),
    ] = False,
) -> None:
    """Compare witnesses: every omission, addition, substitution and transposition."""

    def run() -> None:
        inferred = _inferred_format(output, output_format)
        hidden = _classes(hide)
        collating = partial(
            _collated,
            witnesses,
            sigla,
            only,
            encoding,
            base,
            ignore,
            rules,
            near,
            engine,
            ReadingOptions(tokens, tei_layer, tei_hand, lines),
            lemma,
            allow_outside=allow_outside,
            max_bytes=max_bytes,
        )
        grouped = _grouping_for(grouping, decisions)
        collation = collating(grouping=grouped)
        inputs = _inputs(witnesses, collation, rules, decisions)
        collation = _decided(collation, decisions, ignore, rules, near, (grouped, collating))
        chosen = output_format or Format.TERMINAL
        if inferred is not None and inferred is not ApparatusFormat.TEXT:
            columns = token_columns(collation) if inferred is ApparatusFormat.HTML else None
            document = render_document(collation, inferred, words=columns, layout=layout)
            _write(document, output, inputs)
            return
        if chosen is Format.JSON:
            from collate.render.json import json_lines

            _write(json_lines(collation), output, inputs)
            return
        if chosen is Format.HTML:
            page = render_document(
                collation, ApparatusFormat.HTML, words=token_columns(collation), layout=layout
            )
            _write(page, output, inputs)
            return
        from collate.render.terminal import render_inline, render_side_by_side

        view = (
            render_side_by_side(collation, hidden, layout=layout)
            if side_by_side
            else render_inline(collation, hidden, ids=ids or decisions is not None, layout=layout)
        )
        colored = False if no_color else _wants_color(color)
        _show(view, output=output, color=colored, pager=not no_pager, width=width, inputs=inputs)

    _user_errors(run)


@app.command()
def apparatus(
    witnesses: WitnessPaths,
    output_format: Annotated[
        ApparatusFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: from the -o file's extension, else text).",
            show_default=False,
        ),
    ] = None,
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
            help="Text and LaTeX: punctuation and orthographic variants (and layout, with "
            "--layout include) included, omitted, or in a separate apparatus."
        ),
    ] = Minor.INCLUDE,
    layout: LayoutOption = Layout.OMIT,
    words: Annotated[
        bool,
        typer.Option(
            "--words",
            help="CSV, TSV and json-collatex: a row per aligned word (readings aligned word by "
            "word inside each unit) rather than per agreement or unit.",
        ),
    ] = False,
    latex_engine: Annotated[
        LatexEngine,
        typer.Option(
            help="LaTeX: the engine the document is written for: pdflatex (Latin Modern, "
            "Latin script), xelatex or lualatex (fontspec; Greek, Cyrillic, Hebrew, Arabic, "
            "Devanagari)."
        ),
    ] = LatexEngine.PDFLATEX,
    abbreviate_over: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="LaTeX: print a lemma of more than N words as 'first … last' (default: whole).",
        ),
    ] = None,
    ignore: Ignore = None,
    rules: Rules = None,
    near: Near = None,
    engine: EngineOption = Engine.COLLATE,
    lemma: LemmaOption = LemmaPolicy.BASE,
    grouping: GroupingOption = None,
    encoding: Encoding = None,
    sigla: Sigla = None,
    only: Only = None,
    tokens: TokensOption = TokenMode.AUTO,
    allow_outside: AllowOutside = False,
    max_bytes: MaxBytes = MAX_BYTES,
    decisions: DecisionsFile = None,
    tei_layer: TeiLayerOption = TeiLayer.NORMALIZED,
    tei_hand: TeiHandOption = TeiHand.FINAL,
    lines: LinesOption = False,
) -> None:
    """Write a critical apparatus: printed text, TEI, LaTeX (reledmac), CSV/TSV, JSON or HTML."""

    def run() -> None:
        chosen = output_format or _inferred_format(output, None) or ApparatusFormat.TEXT
        _inferred_format(output, output_format)
        collating = partial(
            _collated,
            witnesses,
            sigla,
            only,
            encoding,
            base,
            ignore,
            rules,
            near,
            engine,
            ReadingOptions(tokens, tei_layer, tei_hand, lines),
            lemma,
            allow_outside=allow_outside,
            max_bytes=max_bytes,
        )
        grouped = _grouping_for(grouping, decisions)
        collation = collating(grouping=grouped)
        collation = _decided(collation, decisions, ignore, rules, near, (grouped, collating))
        if chosen is ApparatusFormat.LATEX:
            _warn_scripts(collation, latex_engine)
        document = render_document(
            collation,
            chosen,
            positive=positive,
            tei_method=tei_method,
            classes=classes,
            minor=minor,
            layout=layout,
            # the page's table, heat map and variant graph are drawn from the word columns
            words=token_columns(collation) if words or chosen is ApparatusFormat.HTML else None,
            latex_engine=latex_engine,
            abbreviate_over=abbreviate_over,
        )
        _write(document, output, _inputs(witnesses, collation, rules, decisions))

    _user_errors(run)


class DecideAction(enum.StrEnum):
    """What ``collate decide`` does."""

    MERGE = "merge"
    SPLIT = "split"
    LEMMA = "lemma"
    CLASS = "class"
    NOTE = "note"
    DROP = "drop"
    LIST = "list"
    UNDO = "undo"


_TRAILING = {
    DecideAction.SPLIT: ("UNIT",),
    DecideAction.CLASS: ("UNIT", "CLASS"),
    DecideAction.NOTE: ("UNIT", "NOTE"),
    DecideAction.DROP: ("UNIT",),
    DecideAction.LIST: (),
    DecideAction.UNDO: (),
}
"""What each action takes after the witnesses (merge takes two unit ids or more; lemma a
unit and a siglum, or a unit and --text)."""

_WANTED = {
    DecideAction.MERGE: "two unit ids or more, as u17 u18",
    DecideAction.SPLIT: "a unit id, as u17 --at B:1040",
    DecideAction.LEMMA: "a unit id and a siglum, as u17 B (or a unit id and --text)",
    DecideAction.CLASS: "a unit id and a class, as u17 orthographic",
    DecideAction.NOTE: 'a unit id and the note, as u17 "the ink is faded"',
    DecideAction.DROP: "a unit id, as u17",
}
"""What a decide action's error says it takes after the witnesses."""


@app.command()
def decide(
    action: Annotated[
        DecideAction,
        typer.Argument(
            help="merge UNITS…, split UNIT --at SIGLUM:OFFSET, lemma UNIT SIGLUM (or --text), "
            "class UNIT CLASS, note UNIT TEXT, drop UNIT, list, undo.",
            show_default=False,
        ),
    ],
    arguments: Annotated[
        list[str],
        typer.Argument(
            metavar="WITNESSES… [UNIT…] [VALUE]",
            help="The witnesses (as for compare), then the unit ids (as compare --ids shows "
            "them, with the decisions so far applied) and the value the action takes.",
            show_default=False,
        ),
    ],
    decisions: Annotated[
        Path,
        typer.Option(
            "--decisions",
            metavar="FILE",
            help="The decisions file to add to (made if missing), list or undo in.",
        ),
    ],
    at: Annotated[
        list[str] | None,
        typer.Option(
            "--at",
            metavar="SIGLUM:OFFSET",
            help="split: where to cut, a code-point offset in a witness (may be repeated for "
            "other witnesses; the rest are cut where the words align).",
        ),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option("--text", help="lemma: the editor's own reading, printed as a conjecture."),
    ] = None,
    base: Base = None,
    ignore: Ignore = None,
    rules: Rules = None,
    near: Near = None,
    engine: EngineOption = Engine.COLLATE,
    lemma_policy: LemmaOption = LemmaPolicy.BASE,
    grouping: GroupingOption = None,
    encoding: Encoding = None,
    sigla: Sigla = None,
    only: Only = None,
    tokens: TokensOption = TokenMode.AUTO,
    tei_layer: TeiLayerOption = TeiLayer.NORMALIZED,
    tei_hand: TeiHandOption = TeiHand.FINAL,
    lines: LinesOption = False,
) -> None:
    """Correct the machine's collation: merge, split, lemma, class, note, drop; list; undo."""
    from collate import decisions as editorial

    def run() -> None:
        paths, values = _decide_arguments(action, arguments, text is not None)
        collating = partial(
            _collated,
            [Path(p) for p in paths],
            sigla,
            only,
            encoding,
            base,
            ignore,
            rules,
            near,
            engine,
            ReadingOptions(tokens, tei_layer, tei_hand, lines),
            lemma=lemma_policy,
        )
        grouped = _grouping_for(grouping, decisions)
        machine = collating(grouping=grouped)
        classes = _classifier(ignore, rules, near)
        if action is DecideAction.LIST:
            _list_decisions(machine, decisions, classes, (grouped, collating))
            return
        if action is DecideAction.UNDO:
            removed = editorial.undo(decisions)
            typer.echo(f"undone: {removed.describe()}" if removed else "no decision to undo")
            return

        def make(current: tuple[editorial.Decision, ...]) -> editorial.Decision:
            collation = editorial.apply(machine, current, classes=classes).collation
            return _new_decision(action, collation, values, at or [], text)

        added = editorial.add(decisions, make, grouping=grouped)
        typer.echo(f"decision {len(editorial.load(decisions))}: {added.describe()}")

    _user_errors(run)


def _decide_arguments(
    action: DecideAction, arguments: list[str], conjecture: bool
) -> tuple[list[str], list[str]]:
    """The witness paths and the values after them (unit ids, a siglum, a class, a note)."""
    from collate import decisions as editorial

    if action is DecideAction.MERGE:
        count = 0
        while count < len(arguments) and _is_unit_id(arguments[-1 - count]):
            count += 1
    elif action is DecideAction.LEMMA:
        count = 1 if conjecture else 2
    else:
        count = len(_TRAILING[action])
    paths, values = arguments[: len(arguments) - count], arguments[len(arguments) - count :]
    takes_units = action not in (DecideAction.LIST, DecideAction.UNDO)
    if takes_units and (
        not values
        or not _is_unit_id(values[0])
        or (action is DecideAction.MERGE and len(values) < 2)
    ):
        raise editorial.DecisionsError(
            f"decide {action.value}: give the witnesses, then {_WANTED[action]} "
            "(collate compare --ids shows the unit ids)"
        )
    if not paths:
        raise editorial.DecisionsError(f"decide {action.value}: give the witnesses first")
    return paths, values


def _is_unit_id(value: str) -> bool:
    return value[:1] == "u" and value[1:].isdigit()


def _new_decision(  # noqa: PLR0911 - one return per action
    action: DecideAction,
    collation: Collation,
    values: list[str],
    at: list[str],
    text: str | None,
) -> editorial.Decision:
    from collate import decisions as editorial

    if action is DecideAction.MERGE:
        return editorial.merge(collation, values)
    unit = values[0]
    if action is DecideAction.SPLIT:
        return editorial.split(collation, unit, _cuts(at))
    if action is DecideAction.LEMMA:
        if text is not None:
            return editorial.lemma(collation, unit, text=text)
        return editorial.lemma(collation, unit, values[1])
    if action is DecideAction.CLASS:
        return editorial.set_class(collation, unit, values[1])
    if action is DecideAction.NOTE:
        return editorial.note(collation, unit, values[1])
    return editorial.drop(collation, unit)


def _cuts(at: list[str]) -> dict[str, int]:
    from collate import decisions as editorial

    cuts = {}
    for value in at:
        siglum, _, offset = value.rpartition(":")
        if not siglum or not offset.isdigit():
            raise editorial.DecisionsError(
                f"--at {value}: give a witness and a code-point offset, as --at M:10456"
            )
        cuts[siglum] = int(offset)
    return cuts


def _list_decisions(
    machine: Collation,
    path: Path,
    classes: Callable[[UnitType, dict[str, Reading]], VariantClass],
    regroup: tuple[Grouping, Callable[..., Collation]],
) -> None:
    from collate import decisions as editorial

    loaded = editorial.load(path)
    decided = editorial.apply(machine, loaded, classes=classes)
    for number, outcome in enumerate(decided.outcomes, start=1):
        if outcome.applied:
            where = f" -> {outcome.unit}" if outcome.unit else ""
            typer.echo(f"{number}. applied{where}: {outcome.decision.describe()}")
        else:
            typer.echo(f"{number}. NOT APPLIED ({outcome.reason}): {outcome.decision.describe()}")
    missed = len(decided.not_applied)
    typer.echo(
        f"{len(decided.outcomes)} decision{'s' if len(decided.outcomes) != 1 else ''} in "
        f"{path}: {len(decided.outcomes) - missed} applied, {missed} no longer apply"
    )
    hint = _other_grouping_hint(decided, loaded, classes, regroup)
    if hint:
        typer.echo(hint)


def _classifier(
    ignore: str | None, rules: list[Path] | None, near: float | None
) -> Callable[[UnitType, dict[str, Reading]], VariantClass]:
    """How the units a merge or split makes are classed: by the rules the collation used."""
    rules_used = _normalizer(ignore, rules) or normalizer()
    return lambda kind, readings: classify(kind, readings, rules_used, near)


def _grouping_for(given: Grouping | None, decisions: Path | None) -> Grouping:
    """The grouping to collate with: the one given; else the one the decisions file's
    decisions were made on (`decisions.recorded_grouping`); else phrases.

    Raises:
        DecisionsError: the file records another grouping than the one given (its decisions
            would not find their units), or cannot be read.
    """
    if decisions is None:  # collate.decisions is not loaded for a command that needs none
        return given or Grouping.PHRASES
    from collate import decisions as editorial

    recorded = editorial.recorded_grouping(decisions)
    if given is not None and recorded is not None and given is not recorded:
        raise editorial.DecisionsError(editorial.other_grouping(decisions, recorded))
    return given or recorded or Grouping.PHRASES


def _other_grouping_hint(
    decided: editorial.Decided,
    loaded: Sequence[editorial.Decision],
    classes: Callable[[UnitType, dict[str, Reading]], VariantClass],
    regroup: tuple[Grouping, Callable[..., Collation]],
) -> str:
    """When decisions that do not apply here apply to the collation grouped the other way
    (made with another ``--grouping``), a line that says so; else empty. Collates again only
    when a decision that does not apply still finds its passage (`decisions.anchors`)."""
    from collate import decisions as editorial

    if not any(editorial.anchors(decided.collation, o.decision) for o in decided.not_applied):
        return ""  # every passage rewritten: no grouping applies them, and no need to collate
    grouping, collating = regroup
    other = next(g for g in Grouping if g is not grouping)
    try:
        there = editorial.apply(collating(grouping=other, quiet=True), loaded, classes=classes)
    except CollateError:  # only a hint: what this collation says stands
        return ""
    count = sum(
        not here.applied and elsewhere.applied
        for here, elsewhere in zip(decided.outcomes, there.outcomes, strict=True)
    )
    if not count:
        return ""
    verb = "applies" if count == 1 else "apply"
    return (
        f"{count} of them {verb} with --grouping {other}: decisions apply to the grouping they "
        "were made on (give the --grouping given to collate decide)"
    )


def _decided(
    collation: Collation,
    path: Path | None,
    ignore: str | None,
    rules: list[Path] | None,
    near: float | None,
    regroup: tuple[Grouping, Callable[..., Collation]],
) -> Collation:
    """The collation with the editor's decisions applied; those that no longer apply are
    reported on standard error (and stay in the file), with a word when they apply to the
    collation grouped the other way (``regroup``: this grouping, and how to collate with
    another)."""
    if path is None:
        return collation
    from collate import decisions as editorial

    if not path.exists():
        raise editorial.DecisionsError(
            f"{path}: no such file (collate decide makes it with the first decision)"
        )
    loaded = editorial.load(path)
    classes = _classifier(ignore, rules, near)
    try:
        decided = editorial.apply(collation, loaded, classes=classes)
    except editorial.DecisionsError as error:
        raise editorial.DecisionsError(f"{path}: {error}") from None
    missed = decided.not_applied
    if missed:
        numbers = {id(o): n for n, o in enumerate(decided.outcomes, start=1)}
        verb = "s no longer apply" if len(missed) != 1 else " no longer applies"
        typer.echo(
            f"collate: warning: {len(missed)} decision{verb} (still in {path}; collate decide "
            "list shows them):",
            err=True,
        )
        for outcome in missed:
            typer.echo(
                f"  {numbers[id(outcome)]}. {outcome.decision.describe()}: {outcome.reason}",
                err=True,
            )
        hint = _other_grouping_hint(decided, loaded, classes, regroup)
        if hint:
            typer.echo(f"collate: warning: {hint}", err=True)
    return decided.collation


@app.command()
def edit(
    witnesses: WitnessPaths,
    decisions: Annotated[
        Path,
        typer.Option(
            "--decisions",
            metavar="FILE",
            help="The decisions file the page writes (made with the first decision).",
        ),
    ],
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port on 127.0.0.1 (default: a free one).")
    ] = 0,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Print the address; open no browser.")
    ] = False,
    base: Base = None,
    ignore: Ignore = None,
    rules: Rules = None,
    near: Near = None,
    engine: EngineOption = Engine.COLLATE,
    grouping: GroupingOption = None,
    encoding: Encoding = None,
    sigla: Sigla = None,
    only: Only = None,
    tokens: TokensOption = TokenMode.AUTO,
    tei_layer: TeiLayerOption = TeiLayer.NORMALIZED,
    tei_hand: TeiHandOption = TeiHand.FINAL,
    lines: LinesOption = False,
    layout: LayoutOption = Layout.OMIT,
) -> None:
    """Edit the decisions in the browser: the page with editing on, on 127.0.0.1 only."""
    import webbrowser

    from collate import decisions as editorial
    from collate.edit import Editor, serve
    from collate.render.html import render_html

    classes = _classifier(ignore, rules, near)
    grouped = _user_errors(lambda: _grouping_for(grouping, decisions))

    def machine() -> Collation:
        return _collated(
            witnesses,
            sigla,
            only,
            encoding,
            base,
            ignore,
            rules,
            near,
            engine,
            ReadingOptions(tokens, tei_layer, tei_hand, lines),
            grouping=grouped,
        )

    editor = Editor(
        collate=machine,
        decisions=decisions,
        grouping=grouped,
        apply=lambda c, made: editorial.apply(c, made, classes=classes).collation,
        render=lambda c: render_html(c, token_columns(c), layout=layout),
    )
    _user_errors(editor.page)  # bad witnesses or decisions: one line, exit 2, no server
    server, address = serve(editor, port)
    typer.echo(f"collate edit: editing {decisions} at {address} (Ctrl-C stops)")
    if not no_browser:
        webbrowser.open(address)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        typer.echo("collate edit: stopped", err=True)
    finally:
        server.server_close()


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
    allow_outside: AllowOutside = False,
    max_bytes: MaxBytes = MAX_BYTES,
) -> None:
    """Write each witness of a collation back as DIR/SIGLUM.txt."""

    def run() -> None:
        loaded = load_witnesses([collation_file], allow_outside=allow_outside, max_bytes=max_bytes)
        inputs: list[str | Path] = [collation_file, *(w.path for w in loaded if w.path)]
        for path in write_witnesses(loaded, output, inputs=inputs):
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
    tokens: Annotated[
        TokenMode | None,
        typer.Option(
            "--tokens",
            help="How words are cut in every set (overrides the manifest's tokens): auto, "
            "char or word.",
            show_default=False,
        ),
    ] = None,
    grouping: Annotated[
        Grouping | None,
        typer.Option(
            "--grouping",
            help="How differences are grouped into units in every set (overrides the "
            "manifest's): phrases or words.",
            show_default=False,
        ),
    ] = None,
    layout: Annotated[
        Layout | None,
        typer.Option(
            "--layout",
            help="Differences of whitespace alone in every set's text apparatus, LaTeX and "
            "HTML (overrides the manifest's layout): omit or include.",
            show_default=False,
        ),
    ] = None,
    allow_outside: AllowOutside = False,
    max_bytes: MaxBytes = MAX_BYTES,
) -> None:
    """Collate many witness sets: in parallel, on a Dask cluster, resumably."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from collate.batch import read_sets, run

    def prepare() -> list[SetJob]:
        return read_sets(
            source,
            _sigla(formats),
            tokens=tokens,
            grouping=grouping,
            layout=layout,
            allow_outside=allow_outside,
            max_bytes=max_bytes,
        )

    sets = _user_errors(prepare)
    failures = 0

    def collate_sets() -> list[SetResult]:
        nonlocal failures
        # errors are printed after the bar has gone (it is transient), each on its own line
        console = Console(stderr=True)
        with Progress(
            TextColumn("collating"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        ) as bar:
            task = bar.add_task("sets", total=len(sets), failed=0)

            def advance(result: SetResult) -> None:
                nonlocal failures
                failures += result.status == "failed"
                bar.update(task, advance=1, failed=failures)

            return run(sets, output, jobs=jobs, dask=dask, resume=resume, progress=advance)

    results = _user_errors(collate_sets)
    for result in results:
        if result.status == "failed":
            typer.echo(
                f"collate: {_one_line(result.name)}: failed: {_one_line(result.error)}", err=True
            )
        elif result.not_applied:
            verb = "s no longer apply" if result.not_applied != 1 else " no longer applies"
            typer.echo(
                f"collate: warning: {_one_line(result.name)}: {result.not_applied} decision"
                f"{verb} (collate decide list, given the set's witnesses and options, shows "
                "which and why)",
                err=True,
            )
    kept = sum(1 for r in results if r.status == "kept")
    typer.echo(
        f"{len(results)} sets: {len(results) - failures - kept} collated, {kept} kept, "
        f"{failures} failed; summary in {output / 'summary.csv'} and {output / 'index.html'}"
    )
    if failures:
        raise typer.Exit(1)


def _collated(
    paths: list[Path],
    sigla: str | None,
    only: str | None,
    encoding: str | None,
    base: str | None,
    ignore: str | None,
    rules: list[Path] | None,
    near: float | None,
    engine: Engine,
    options: ReadingOptions = ReadingOptions(),
    lemma: LemmaPolicy = LemmaPolicy.BASE,
    *,
    grouping: Grouping = Grouping.PHRASES,
    allow_outside: bool = False,
    max_bytes: int = MAX_BYTES,
    quiet: bool = False,
) -> Collation:
    """Load, pick and collate the witnesses; warn when they share almost nothing (unless
    ``quiet``: collated again, as for `_other_grouping_hint`)."""
    loaded = load_witnesses(
        paths,
        sigla=_sigla(sigla),
        encoding=encoding,
        options=options,
        allow_outside=allow_outside,
        max_bytes=max_bytes,
    )
    if only is not None:
        loaded = select_witnesses(loaded, _sigla(only) or [])
        if len(loaded) < 2:
            raise ManifestError(
                f"--witnesses {only}: {len(loaded)} witness chosen; a collation needs at "
                "least two witnesses"
            )
    collation = collate(
        loaded,
        base=base,
        rules=_normalizer(ignore, rules),
        near=near,
        engine=engine,
        lemma=lemma,
        grouping=grouping,
    )
    share = collation.agreement_share(collation.base.siglum, minor_agrees=True)
    if share < _LOW_AGREEMENT and not quiet:
        typer.echo(
            f"collate: warning: the witnesses share almost nothing ({share:.0%} of the base "
            f"{collation.base.siglum}'s text is read by all of {', '.join(collation.sigla)}, "
            "spelling and punctuation aside); "
            "are they versions of one text? Pick them with --witnesses",
            err=True,
        )
    return collation


def _warn_scripts(collation: Collation, engine: LatexEngine) -> None:
    """Say so when the LaTeX engine chosen cannot set a script the witnesses use."""
    from collate.render.latex import unset_scripts

    scripts = unset_scripts(collation, engine)
    if scripts:
        better = "lualatex" if engine is LatexEngine.XELATEX else "lualatex (or xelatex)"
        typer.echo(
            f"collate: warning: the witnesses are partly in {', '.join(scripts)}, which "
            f"{engine.value} cannot set here; give --latex-engine {better}",
            err=True,
        )


def _wants_color(choice: Color) -> bool:
    """Whether ``--color`` and the environment ask for colour on standard output."""
    if choice is not Color.AUTO:
        return choice is Color.ALWAYS
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _stdout_is_terminal()


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


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


def _inputs(
    paths: Sequence[Path],
    collation: Collation,
    rules: Sequence[Path] | None,
    decisions: Path | None = None,
) -> list[str | Path]:
    """Every file read (witnesses, rules, the editor's decisions): what an output must never
    overwrite."""
    read: list[str | Path] = [
        *paths,
        *(w.path for w in collation.witnesses if w.path),
        *(rules or []),
    ]
    return [*read, decisions] if decisions is not None else read


def _write(
    text: str | Iterable[str], output: Path | None, inputs: Sequence[str | Path] = ()
) -> None:
    if output is None:
        sys.stdout.writelines([text] if isinstance(text, str) else text)
    else:
        write_text_atomically(output, text, inputs=inputs)


def _show(
    view: RenderableType,
    *,
    output: Path | None,
    color: bool,
    pager: bool,
    width: int | None,
    inputs: Sequence[str | Path] = (),
) -> None:
    """The terminal view: to a file as plain text, else to standard output, through the pager
    when it is longer than the terminal (as git does)."""
    from rich.console import Console

    buffer = io.StringIO()
    if output is not None:
        Console(
            file=buffer,
            width=width or 100,
            color_system=None,
            highlight=False,
            legacy_windows=False,
        ).print(view)
        write_text_atomically(output, buffer.getvalue(), inputs=inputs)
        return
    size = shutil.get_terminal_size((80, 24))
    Console(
        file=buffer,
        width=width or size.columns,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
    ).print(view)
    text = buffer.getvalue()
    command = _pager() if pager and _stdout_is_terminal() else None
    if command is None or text.count("\n") < size.lines:
        sys.stdout.write(text)
        return
    _page(text, command)


def _pager() -> str | None:
    """The pager command: COLLATE_PAGER, else PAGER, else less; None where it is empty, cat,
    or not installed."""
    command = next(
        (os.environ[name] for name in ("COLLATE_PAGER", "PAGER") if name in os.environ), "less"
    )
    import shlex

    words = shlex.split(command)
    if not words or words[0] == "cat" or shutil.which(words[0]) is None:
        return None
    return command


def _page(text: str, command: str) -> None:
    import subprocess

    environment = dict(os.environ)
    # as git: quit when the text fits, keep colours, leave the screen as it was
    environment.setdefault("LESS", "FRX")
    environment.setdefault("LV", "-c")
    sys.stdout.flush()
    with subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=environment) as pager:
        assert pager.stdin is not None
        try:
            pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
            pager.stdin.close()
        except BrokenPipeError:
            pass  # the reader quit the pager before the end: nothing is lost, nothing to say
        pager.wait()


def click_command() -> Any:
    """The click command behind `app`, with on/off flags shown as flags in ``--help`` (typer
    would label them ``<bool>``), each command built from its annotations only when it is
    looked up: a run builds the options of the command it runs, not of all six (start-up,
    benchmarks/speed.py)."""
    root = copy.copy(app)
    root.registered_commands = []
    built: Any = typer.main.get_command(root)
    built.commands = _Commands(app)
    return _flags_shown(built)


class _Commands(MutableMapping[str, Any]):
    """`app`'s commands by name, in the order they were registered, each built the first time
    it is looked up."""

    def __init__(self, typer_app: typer.Typer) -> None:
        self._app = typer_app
        self._infos = {
            info.name or typer.main.get_command_name(getattr(info.callback, "__name__", "")): info
            for info in typer_app.registered_commands
        }
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            command = typer.main.get_command_from_info(
                self._infos[name],
                pretty_exceptions_short=self._app.pretty_exceptions_short,
                rich_markup_mode=self._app.rich_markup_mode,
            )
            self._built[name] = _flags_shown(command)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command
        self._infos.setdefault(name, typer.models.CommandInfo(name=name))

    def __delitem__(self, name: str) -> None:
        del self._infos[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)


def _flags_shown(command: Any) -> Any:
    """The command with its on/off flags shown as flags in ``--help``, not ``<bool>``."""
    help_option = command.get_help_option(typer.Context(command))
    for parameter in [*command.params, help_option]:
        if getattr(parameter, "is_flag", False) and parameter.metavar is None:
            parameter.metavar = ""
    return command


def main() -> None:
    """Entry point of the ``collate`` console script.

    Usage mistakes (an unknown option or format, a missing argument) are reported on one line,
    like every other error, rather than in click's framed box.
    """
    # A collation makes millions of small objects and almost no reference cycles: collecting
    # the young ones every 700 allocations took a quarter of collating a novel (as mypy does,
    # collect far less often; benchmarks/speed.py), for the command's run only
    thresholds = gc.get_threshold()
    gc.set_threshold(200_000, 30, 30)
    try:
        _run_command()
    finally:
        gc.set_threshold(*thresholds)


def console_main() -> None:
    """Entry point of the ``collate`` console script: `main`, then the process ends at once.

    Once the command is done (its files written and closed), freeing every object the run made
    one by one and collecting them at interpreter shutdown took about 45 ms: a third of
    comparing the letters. As mypy does, the process ends without it, once standard output
    and error are flushed and the log handlers closed (benchmarks/speed.py). Where another
    thread or a child process is still alive, where the output cannot be flushed (a closed
    pipe), or where the command ends with a message, the interpreter ends the process as usual.
    """
    try:
        main()
        status: str | int | None = 0
    except SystemExit as done:
        status = done.code
    if (status is None or isinstance(status, int)) and _alone():
        try:
            logging.shutdown()
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:
            _stdout_closed()  # the reader left before the last of the output: nothing to say
            status = _CLOSED_PIPE
        except (OSError, ValueError):
            pass  # the interpreter reports it on the way out, as it always has
        else:
            os._exit(status or 0)
    sys.exit(status)


def _alone() -> bool:
    """True when nothing runs beside this thread and no process was started (no other thread
    alive, `multiprocessing` never loaded: a batch's pool leaves a resource tracker that the
    interpreter's exit closes), so nothing waits on what the interpreter does at exit."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    return "multiprocessing" not in sys.modules


def _run_command() -> None:
    try:
        status = click_command().main(prog_name="collate", standalone_mode=False)
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
            if _DEBUG or "--debug" in sys.argv[1:]:
                raise
            typer.echo(
                f"collate: error: {_one_line(f'{type(error).__name__}: {error}')} (this is a bug "
                "in collate; run the command again as 'collate --debug ...' to see where)",
                err=True,
            )
            sys.exit(1)
        context = getattr(error, "ctx", None)
        command = getattr(context, "command_path", "collate")
        typer.echo(f"collate: error: {format_message()} (see '{command} --help')", err=True)
        sys.exit(getattr(error, "exit_code", 2))
    sys.exit(status if isinstance(status, int) else 0)
