"""The command line: what a user types, what they see, and one-line errors for bad input."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from collate import __version__
from collate.cli import app
from conftest import ROOT, baku_laid_out

runner = CliRunner()
LETTERS = ["witnesses/medvedev-1926.txt", "witnesses/baku-1924.txt"]


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_compare_prints_the_inline_view_and_summary() -> None:
    """The default view marks variants in the base text and ends with the summary."""
    result = runner.invoke(app, ["compare", *LETTERS, "--no-color", "--width", "100"])
    assert result.exit_code == 0, result.output
    assert "⸂uninterrupted⸃[B om.]" in result.stdout
    assert "94 units (38 omissions" in result.stdout.rstrip().splitlines()[-2]


def test_compare_side_by_side_shows_both_witnesses() -> None:
    """--side-by-side puts each witness in its own column."""
    result = runner.invoke(
        app, ["compare", *LETTERS, "--side-by-side", "--no-color", "--width", "120"]
    )
    assert result.exit_code == 0
    header = next(
        line for line in result.stdout.splitlines() if "M  Sergei" in line and "┃" in line
    )
    assert "B  Sergei" in header


def test_json_to_a_file(tmp_path: Path) -> None:
    """--format json -o writes the export and leaves no temporary file behind."""
    target = tmp_path / "out" / "letter.json"
    result = runner.invoke(app, ["compare", *LETTERS, "--format", "json", "-o", str(target)])
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [w["siglum"] for w in data["witnesses"]] == ["M", "B"]
    assert len(data["units"]) == 94
    assert sorted(p.name for p in target.parent.iterdir()) == ["letter.json"]


def test_json_to_standard_output() -> None:
    """Without -o the JSON goes to standard output, ready for a pipe."""
    result = runner.invoke(app, ["compare", *LETTERS, "--format", "json"])
    assert json.loads(result.stdout)["base"] == "M"


def test_terminal_view_to_a_file_is_plain_text(tmp_path: Path) -> None:
    """The terminal view written with -o has no colour codes."""
    target = tmp_path / "letter.txt"
    runner.invoke(app, ["compare", *LETTERS, "-o", str(target)])
    text = target.read_text(encoding="utf-8")
    assert "\x1b[" not in text
    assert "⸂significant⸃[B: enormous]" in text


def test_sigla_option_names_the_witnesses() -> None:
    """--sigla overrides the manifest."""
    result = runner.invoke(app, ["compare", *LETTERS, "--sigla", "1926,1924", "--format", "json"])
    assert [w["siglum"] for w in json.loads(result.stdout)["witnesses"]] == ["1926", "1924"]


def _bad(tmp_path: Path, name: str, data: bytes | None) -> Path:
    path = tmp_path / name
    if data is None:
        path.mkdir()
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("case", "name", "data", "extra", "message"),
    [
        ("missing file", "absent.txt", b"", ["--delete"], "absent.txt: no such file"),
        ("directory", "folder", None, [], "folder: the directory has no witness files"),
        ("empty file", "empty.txt", b"", [], "empty.txt: the file is empty"),
        (
            "binary file",
            "image.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00",
            [],
            "image.txt: looks like a binary file",
        ),
        (
            "undecodable",
            "cp1251.txt",
            "Дорогой".encode("cp1251"),
            ["--encoding", "utf-8"],
            "cp1251.txt: byte 0xc4 at offset 0 does not decode as 'utf-8'",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2_and_no_output(
    tmp_path: Path, case: str, name: str, data: bytes | None, extra: list[str], message: str
) -> None:
    """Each bad input: one line on stderr naming the file, exit 2, no traceback, no output file."""
    path = _bad(tmp_path, name, data)
    options = [e for e in extra if e != "--delete"]
    if "--delete" in extra:
        path.unlink()
    target = tmp_path / "out.json"
    result = runner.invoke(
        app, ["compare", LETTERS[0], str(path), *options, "--format", "json", "-o", str(target)]
    )
    assert result.exit_code == 2, case
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("collate: error: ")
    assert message in lines[0]
    assert "Traceback" not in result.output
    assert not target.exists()


def test_a_directory_given_as_the_output_file(tmp_path: Path) -> None:
    """-o naming a directory is refused before anything is written."""
    result = runner.invoke(app, ["compare", *LETTERS, "--format", "json", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"collate: error: {tmp_path}: is a directory; give a file name for the output\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_fewer_than_two_witnesses() -> None:
    """One witness is an error naming the problem."""
    result = runner.invoke(app, ["compare", LETTERS[0]])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "collate: error: 1 witness given; a collation needs at least two witnesses"
    )


def test_two_witnesses_with_the_same_siglum() -> None:
    """The same file twice clashes on its siglum."""
    result = runner.invoke(app, ["compare", LETTERS[0], LETTERS[0]])
    assert result.exit_code == 2
    assert "siglum 'M' is already used by witnesses/medvedev-1926.txt" in result.stderr


def test_the_console_script_runs_outside_the_test_runner() -> None:
    """`collate` as installed runs and exits 2 with one line for a missing file."""
    script = Path(sys.executable).parent / "collate"
    completed = subprocess.run(
        [str(script), "compare", "witnesses/medvedev-1926.txt", "missing.txt"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stderr == "collate: error: missing.txt: no such file\n"
    assert completed.stdout == ""


def test_version() -> None:
    """--version prints the version."""
    result = runner.invoke(app, ["--version"])
    assert result.stdout.startswith("collate 0.")


def _main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """Run the console script's entry point in-process: (status, stdout, stderr)."""
    from collate.cli import main

    monkeypatch.setattr(sys, "argv", ["collate", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


def test_apparatus_text_with_a_chosen_base() -> None:
    """--base picks the witness that carries the lemmata; the header says which."""
    result = runner.invoke(app, ["apparatus", *LETTERS, "--base", "B", "--format", "text"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].startswith("Base text: B, ")
    assert "4.2 significance] dependence M | and so forth] om. M" in lines


@pytest.mark.parametrize("method", ["parallel-segmentation", "double-end-point"])
def test_tei_and_back_to_the_same_witness_files(tmp_path: Path, method: str) -> None:
    """apparatus --format tei, then `collate witnesses`, gives back both files byte for byte."""
    edition = tmp_path / "edition.xml"
    result = runner.invoke(
        app, ["apparatus", *LETTERS, "-f", "tei", "--tei-method", method, "-o", str(edition)]
    )
    assert result.exit_code == 0, result.output
    rebuilt = tmp_path / "rebuilt"
    result = runner.invoke(app, ["witnesses", str(edition), "-o", str(rebuilt)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(rebuilt / "M.txt"), str(rebuilt / "B.txt")]
    for name, siglum in (("medvedev-1926.txt", "M"), ("baku-1924.txt", "B")):
        assert (rebuilt / f"{siglum}.txt").read_bytes() == (ROOT / "witnesses" / name).read_bytes()


def test_json_collation_back_to_witness_files(tmp_path: Path) -> None:
    """The JSON export is a set of witnesses too; a changed text is caught by its digest."""
    export = tmp_path / "letters.json"
    assert runner.invoke(app, ["compare", *LETTERS, "-f", "json", "-o", str(export)]).exit_code == 0
    result = runner.invoke(app, ["witnesses", str(export), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "B.txt").read_bytes() == (ROOT / LETTERS[1]).read_bytes()
    export.write_text(
        export.read_text(encoding="utf-8").replace("Dear comrade V.", "Dear comerade V.", 1)
    )
    result = runner.invoke(app, ["witnesses", str(export), "-o", str(tmp_path / "again")])
    assert result.exit_code == 2
    assert "the text does not match its sha256" in result.stderr
    assert not (tmp_path / "again").exists()


def test_compare_a_tei_edition_with_a_witness(tmp_path: Path) -> None:
    """A TEI apparatus is a set of witnesses: here one of them against a new text."""
    edition = tmp_path / "armand.xml"
    runner.invoke(
        app,
        [
            "apparatus",
            "witnesses/armand-1914.txt",
            "witnesses/armand-pss.txt",
            "-f",
            "tei",
            "-o",
            str(edition),
        ],
    )
    result = runner.invoke(app, ["compare", str(edition), "--no-color", "--width", "100"])
    assert result.exit_code == 0, result.output
    assert "(base)" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["apparatus", *LETTERS, "--base", "Q"], "--base Q: no witness has that siglum"),
        (["apparatus", *LETTERS, "--format", "pdf"], "Invalid value for '--format'"),
        (["witnesses", "witnesses/medvedev-1926.txt.xml", "-o", "x"], "no such file"),
    ],
)
def test_apparatus_errors_are_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: list[str],
    message: str,
) -> None:
    """Unknown base, unknown format, missing file: one line, exit 2, no file written."""
    target = tmp_path / "out.txt"
    status, out, err = _main(monkeypatch, capsys, *args, "-o", str(target))
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("collate: error: ")
    assert message in err
    assert out == ""
    assert not target.exists()


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"<TEI><text><body><p> </p></body></text></TEI>", "has no text"),
        (b"<TEI><text><body><p>Broken</body></TEI>", "not well-formed XML"),
        (
            b'<TEI><teiHeader><listWit><witness xml:id="A"/></listWit></teiHeader><text><body>'
            b'<p><app><lem wit="#A">x</lem><rdg wit="#Z">y</rdg></app></p></body></text></TEI>',
            "names no witness declared in listWit",
        ),
    ],
)
def test_bad_tei_through_the_command_line(tmp_path: Path, document: bytes, message: str) -> None:
    """A TEI file that cannot be read: one line naming it, exit 2, no output directory."""
    edition = tmp_path / "edition.xml"
    edition.write_bytes(document)
    result = runner.invoke(app, ["witnesses", str(edition), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"collate: error: {edition}: ")
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["compare", "apparatus"])
def test_html_page_to_a_file(tmp_path: Path, command: str) -> None:
    """--format html writes one self-contained page naming both witnesses."""
    target = tmp_path / "letter.html"
    result = runner.invoke(app, [command, *LETTERS, "--format", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<div class="cell" data-wit="B" dir="auto">' in page
    assert "94 variant units" in page


@pytest.mark.parametrize(
    ("command", "name", "starts"),
    [
        ("apparatus", "edition.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<TEI'),
        ("apparatus", "apparatus.tex", "% Made by collate"),
        ("apparatus", "page.html", "<!DOCTYPE html>"),
        ("apparatus", "letter.json", '{\n  "format": "collate-json"'),
        ("apparatus", "table.csv", "M,B\n"),
        ("apparatus", "table.tsv", "M\tB\n"),
        ("apparatus", "apparatus.txt", "Critical apparatus\nBase text: M"),
        ("compare", "edition.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<TEI'),
        ("compare", "apparatus.tex", "% Made by collate"),
        ("compare", "page.html", "<!DOCTYPE html>"),
        ("compare", "letter.json", '{\n  "format": "collate-json"'),
        ("compare", "letter.txt", "M  Sergei Medvedev"),
    ],
)
def test_the_output_extension_gives_the_format(
    tmp_path: Path, command: str, name: str, starts: str
) -> None:
    """-o FILE without --format writes the format the file's extension names."""
    target = tmp_path / name
    result = runner.invoke(app, [command, *LETTERS, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith(starts)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["apparatus", "-f", "json", "-o", "out.tex"],
            "-o out.tex: the extension .tex means --format latex, not --format json; "
            "change one of them",
        ),
        (
            ["apparatus", "-f", "text", "-o", "edition.xml"],
            "-o edition.xml: the extension .xml means --format tei, not --format text; "
            "change one of them",
        ),
        (
            ["compare", "-f", "html", "-o", "letter.json"],
            "-o letter.json: the extension .json means --format json, not --format html; "
            "change one of them",
        ),
    ],
)
def test_a_format_that_clashes_with_the_extension_is_refused(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: list[str],
    message: str,
) -> None:
    """--format json -o out.tex: one line, exit 2, nothing written."""
    monkeypatch.chdir(tmp_path)
    command, *options = args
    status, out, err = _main(
        monkeypatch, capsys, command, *(str(ROOT / p) for p in LETTERS), *options
    )
    assert (status, out, err) == (2, "", f"collate: error: {message}\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("command", "name"), [("apparatus", "edition.pdf"), ("compare", "x.md")])
def test_an_unknown_output_extension_is_refused(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    command: str,
    name: str,
) -> None:
    """-o edition.pdf without --format: one line, exit 2, nothing written (not text as .pdf)."""
    monkeypatch.chdir(tmp_path)
    status, out, err = _main(
        monkeypatch, capsys, command, *(str(ROOT / p) for p in LETTERS), "-o", name
    )
    suffix = Path(name).suffix
    assert (status, out, err) == (
        2,
        "",
        f"collate: error: -o {name}: collate writes no {suffix} files (it knows .xml .tei "
        ".tex .html .htm .json .csv .tsv .txt); give --format to write one of its formats "
        "under this name anyway\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_format_writes_an_unknown_extension_anyway(tmp_path: Path) -> None:
    """--format text -o notes.md writes the text apparatus; -o with no extension is no error."""
    notes = tmp_path / "notes.md"
    result = runner.invoke(app, ["apparatus", *LETTERS, "-f", "text", "-o", str(notes)])
    assert result.exit_code == 0, result.output
    plain = tmp_path / "apparatus"
    assert runner.invoke(app, ["apparatus", *LETTERS, "-o", str(plain)]).exit_code == 0
    assert notes.read_text(encoding="utf-8") == plain.read_text(encoding="utf-8")


def test_formats_that_share_an_extension_are_no_clash(tmp_path: Path) -> None:
    """CollateX's table is JSON, the terminal view text: .json and .txt take them."""
    table = tmp_path / "table.json"
    view = tmp_path / "view.txt"
    assert (
        runner.invoke(
            app, ["apparatus", *LETTERS, "-f", "json-collatex", "-o", str(table)]
        ).exit_code
        == 0
    )
    assert json.loads(table.read_text(encoding="utf-8"))["witnesses"] == ["M", "B"]
    assert (
        runner.invoke(app, ["compare", *LETTERS, "-f", "terminal", "-o", str(view)]).exit_code == 0
    )
    assert "⸂uninterrupted⸃[B om.]" in view.read_text(encoding="utf-8")


ARMAND = ["witnesses/armand-1914.txt", "witnesses/armand-pss.txt"]


@pytest.mark.parametrize(
    ("options", "environment", "coloured"),
    [
        ([], {}, False),  # not a terminal
        (["--color", "always"], {}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (["--color", "always", "--no-color"], {}, False),
    ],
)
def test_color_follows_the_option_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
    options: list[str],
    environment: dict[str, str],
    coloured: bool,
) -> None:
    """--color always|never wins; under auto NO_COLOR turns colour off, FORCE_COLOR on."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["compare", *ARMAND, *options])
    assert result.exit_code == 0, result.output
    assert ("\x1b[" in result.stdout) is coloured
    if not coloured:
        assert "My dear ⸂& dearest⸃[P om.] friend!" in result.stdout


def _pager_script(tmp_path: Path) -> tuple[str, Path]:
    """A pager that copies what it is given to a file."""
    paged = tmp_path / "paged.txt"
    copy = f"import sys; open(r'{paged}', 'wb').write(sys.stdin.buffer.read())"
    return f'{sys.executable} -c "{copy}"', paged


def test_a_long_view_goes_through_the_pager_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """On a terminal the letters' view, longer than the screen, goes to COLLATE_PAGER, coloured."""
    pager, paged = _pager_script(tmp_path)
    monkeypatch.setenv("COLLATE_PAGER", pager)
    monkeypatch.setenv("PAGER", "false")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("collate.cli._stdout_is_terminal", lambda: True)
    result = runner.invoke(app, ["compare", *LETTERS, "--width", "100"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = paged.read_text(encoding="utf-8")
    assert "\x1b[" in text
    assert "94 units (38 omissions" in text


@pytest.mark.parametrize(
    ("terminal", "options"), [(False, []), (True, ["--no-pager"])], ids=["pipe", "no-pager"]
)
def test_no_pager_when_not_a_terminal_or_asked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, terminal: bool, options: list[str]
) -> None:
    """Piped, or with --no-pager, the view is printed straight out and the pager never runs."""
    pager, paged = _pager_script(tmp_path)
    monkeypatch.setenv("COLLATE_PAGER", pager)
    monkeypatch.setattr("collate.cli._stdout_is_terminal", lambda: terminal)
    result = runner.invoke(app, ["compare", *LETTERS, "--width", "100", *options])
    assert result.exit_code == 0, result.output
    assert "94 units (38 omissions" in result.stdout
    assert not paged.exists()


def test_help_shows_flags_without_a_type(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`collate compare --help` lists --side-by-side and --no-pager as bare flags."""
    monkeypatch.setenv("COLUMNS", "120")
    status, out, _ = _main(monkeypatch, capsys, "compare", "--help")
    assert status == 0
    assert "<bool>" not in out
    flag = next(line for line in out.splitlines() if "--side-by-side" in line)
    words = flag.split()
    assert words[words.index("--side-by-side") + 1 :][:3] == ["-s", "Show", "the"]
    assert "--witnesses,--only" in out


def test_the_console_script_builds_only_the_command_it_runs() -> None:
    """The entry point builds a command's options from its annotations when the command is
    looked up (start-up: a run builds one command, not six), and each command it builds has
    the options typer builds from `app`, in the same order."""
    import typer

    from collate.cli import click_command

    lazy = click_command()
    full: Any = typer.main.get_command(app)
    assert list(lazy.commands) == list(full.commands)
    lazy.commands["compare"]
    assert list(lazy.commands._built) == ["compare"]
    for name, command in full.commands.items():
        built = lazy.commands[name]
        assert built.name == command.name
        assert built.help == command.help
        shape = [(p.name, p.opts, p.default, getattr(p, "help", None)) for p in command.params]
        assert [(p.name, p.opts, p.default, getattr(p, "help", None)) for p in built.params] == (
            shape
        )


def test_an_unknown_command_suggests_the_nearest(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped command is one line naming the nearest command."""
    status, out, err = _main(monkeypatch, capsys, "comprae", "a.txt")
    assert (status, out) == (2, "")
    assert err == (
        "collate: error: No such command 'comprae'. Did you mean 'compare'? "
        "(see 'collate --help')\n"
    )


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F"),
        ("zsh", "compdef"),
        ("fish", "complete --command collate"),
    ],
)
def test_completion_scripts_for_each_shell(shell: str, marker: str) -> None:
    """--show-completion prints the shell's script, which calls back into collate."""
    script = Path(sys.executable).parent / "collate"
    completed = subprocess.run(
        [str(script), "--show-completion", shell],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
    )
    assert completed.returncode == 0, completed.stderr
    assert "_COLLATE_COMPLETE" in completed.stdout
    assert marker in completed.stdout


def test_completion_completes_commands_and_options() -> None:
    """What the bash script asks collate for: the commands, then compare's options."""
    script = Path(sys.executable).parent / "collate"

    def complete(words: str) -> list[str]:
        environment = {
            **os.environ,
            "_COLLATE_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        }
        completed = subprocess.run(
            [str(script)], capture_output=True, text=True, check=False, env=environment
        )
        return completed.stdout.split()

    assert complete("collate comp") == ["compare"]
    assert "--witnesses" in complete("collate compare --wit")


def test_witnesses_picks_a_subset_in_order() -> None:
    """--witnesses B,M collates two of the manifest's four witnesses, B as the base."""
    result = runner.invoke(app, ["apparatus", "witnesses", "--witnesses", "B,M", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [w["siglum"] for w in data["witnesses"]] == ["B", "M"]
    assert len(data["units"]) == 94
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("M,Q", "--witnesses Q: no witness has that siglum (the witnesses: M, B, L, P)"),
        ("M,M", "--witnesses M: the siglum is given twice"),
        ("M", "--witnesses M: 1 witness chosen; a collation needs at least two witnesses"),
    ],
)
def test_witnesses_errors(value: str, message: str) -> None:
    """An unknown or repeated siglum, or a single witness: one line, exit 2."""
    result = runner.invoke(app, ["compare", "witnesses", "--only", value])
    assert result.exit_code == 2
    assert result.stderr == f"collate: error: {message}\n"


def test_unrelated_witnesses_are_warned_about() -> None:
    """Medvedev's letter against Lenin's: collated, with one warning line on stderr."""
    result = runner.invoke(app, ["compare", "witnesses", "--witnesses", "M,L", "-f", "json"])
    assert result.exit_code == 0
    assert result.stderr == (
        "collate: warning: the witnesses share almost nothing (0% of the base M's text is read "
        "by all of M, L, spelling and punctuation aside); are they versions of one text? Pick "
        "them with --witnesses\n"
    )
    assert json.loads(result.stdout)["base"] == "M"


def test_an_nfc_text_and_its_nfd_copy_are_not_warned_about(tmp_path: Path) -> None:
    """A Vietnamese passage and its NFD copy differ in nearly every word, each an orthographic
    unit (Unicode spelling): one text, no warning that they share almost nothing."""
    import unicodedata

    text = "Tiếng Việt có dấu thanh điệu phức tạp; người ở đâu? Chúng tôi đã đến Huế.\n"
    paths = []
    for form in ("NFC", "NFD"):
        path = tmp_path / f"{form}.txt"
        path.write_text(unicodedata.normalize(form, text), encoding="utf-8")
        paths.append(str(path))
    result = runner.invoke(app, ["compare", *paths, "-f", "json"])
    assert result.exit_code == 0
    assert result.stderr == ""
    units = json.loads(result.stdout)["units"]
    assert len(units) > 5
    assert {unit["class"] for unit in units} == {"orthographic"}


@pytest.mark.parametrize("kind", ["csv", "tsv"])
def test_a_table_export_is_refused_as_a_witness(tmp_path: Path, kind: str) -> None:
    """`collate witnesses letter.csv` once wrote the raw CSV as a witness: it is one line,
    exit 2, and nothing is written."""
    table = tmp_path / f"letter.{kind}"
    assert runner.invoke(app, ["apparatus", *LETTERS, "-o", str(table)]).exit_code == 0
    rebuilt = tmp_path / "rebuilt"
    for command in (["witnesses", str(table), "-o", str(rebuilt)], ["compare", str(table)]):
        result = runner.invoke(app, command)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"collate: error: {table}: is a {kind.upper()} table export (what collate "
            "apparatus writes), not a witness; give the witness texts, a manifest (.toml), "
            "a JSON collation (.json) or a TEI file (.xml)\n"
        )
    assert not rebuilt.exists()


def test_output_naming_an_input_is_refused(tmp_path: Path) -> None:
    """-o naming one of the witnesses is one line, exit 2, and the witness is untouched."""
    witness = tmp_path / "a.txt"
    witness.write_bytes((ROOT / LETTERS[0]).read_bytes())
    before = witness.read_bytes()
    result = runner.invoke(app, ["compare", str(witness), LETTERS[1], "-o", str(witness)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"collate: error: {witness}: is one of the inputs ({witness}); writing it would "
        "destroy the input, so give another output file\n"
    )
    assert witness.read_bytes() == before


def test_output_to_dev_null_keeps_dev_null() -> None:
    """-o /dev/null works and /dev/null stays a device."""
    result = runner.invoke(app, ["apparatus", *LETTERS, "-f", "tei", "-o", "/dev/null"])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_witnesses_with_clashing_sigla_are_all_written(tmp_path: Path) -> None:
    """Sigla a/b, a_b and a_b-2 make three distinct files: no witness is lost."""
    source = tmp_path / "three.json"
    texts = {"a/b": "first text\n", "a_b": "second text\n", "a_b-2": "third text\n"}
    source.write_text(
        json.dumps({"witnesses": [{"id": s, "content": t} for s, t in texts.items()]}),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["witnesses", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = [Path(line) for line in result.stdout.splitlines()]
    assert [p.name for p in written] == ["a_b-3.txt", "a_b.txt", "a_b-2.txt"]
    assert [p.read_text(encoding="utf-8") for p in written] == list(texts.values())
    assert len(list((tmp_path / "out").iterdir())) == 3


def test_a_manifest_may_not_reach_outside_its_folder(tmp_path: Path) -> None:
    """A witnesses.toml naming ../secret.txt is refused unless --allow-outside is given."""
    (tmp_path / "secret.txt").write_text("private words\n", encoding="utf-8")
    folder = tmp_path / "edition"
    folder.mkdir()
    (folder / "a.txt").write_text("public words\n", encoding="utf-8")
    manifest = folder / "witnesses.toml"
    manifest.write_text(
        '[[witness]]\nsiglum = "A"\npath = "a.txt"\n\n'
        '[[witness]]\nsiglum = "S"\npath = "../secret.txt"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["compare", str(manifest), "-f", "json"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"collate: error: {manifest}: witness 2: {folder / '../secret.txt'} is outside the "
        f"manifest's folder {folder}; a manifest may only name files inside its folder unless "
        "--allow-outside is given\n"
    )
    assert "private" not in result.stdout
    result = runner.invoke(app, ["compare", str(manifest), "-f", "json", "--allow-outside"])
    assert result.exit_code == 0, result.output
    assert "private words" in result.stdout


def _tei_g(code: str) -> bytes:
    return (
        '<TEI><text><body><p><app><lem wit="#A">x<g type="control" n="'
        + code
        + '"/></lem><rdg wit="#B">y</rdg></app></p></body></text></TEI>'
    ).encode()


_PAIR = b"one two three\n"


@pytest.mark.parametrize(
    ("files", "extra", "message"),
    [
        (
            {
                "w.json": b'{"witnesses": [{"id": "A", "content": "a \\ud800 b"}, '
                b'{"id": "B", "content": "a b"}]}'
            },
            [],
            "w.json: a string: holds a lone surrogate U+D800 at character 2",
        ),
        ({"w.json": b"[" * 100_000 + b"]" * 100_000}, [], "w.json: the JSON is nested too deeply"),
        (
            {"w.json": b'{"witnesses": ["A", "B"], "table": [[5, null]]}'},
            [],
            "w.json: column 1, witness A: a cell must be a list of tokens or null, not 5",
        ),
        ({"e.xml": _tei_g("U+ZZZZ")}, [], "e.xml: <g n='U+ZZZZ'> (line 1) does not name a"),
        ({"e.xml": _tei_g("U+110000")}, [], "e.xml: <g n='U+110000'> (line 1) does not name"),
        ({"e.xml": _tei_g("U+D800")}, [], "e.xml: <g n='U+D800'> (line 1) does not name a"),
        (
            {
                "a.txt": _PAIR,
                "b.txt": _PAIR,
                "witnesses.toml": b'[[witness]]\nsiglum = "A"\npath = "a.txt"\nencoding = 5\n'
                b'[[witness]]\nsiglum = "B"\npath = "b.txt"\n',
            },
            [],
            "witnesses.toml: witness 1: 'encoding': encoding must be a string, not int 5",
        ),
        (
            {"a.txt": _PAIR, "witnesses.toml": b"witness = [1, 2]\n"},
            [],
            "witnesses.toml: witness 1: must be a table, not int 1",
        ),
        ({"a.txt": _PAIR, "b.txt": _PAIR}, ["--encoding", "punycode"], "'punycode' is not an"),
        ({"a.txt": _PAIR, "b.txt": _PAIR}, ["--encoding", "rot13"], "'rot13' is not an enc"),
    ],
    ids=[
        "lone-surrogate",
        "deep-json",
        "int-cell",
        "g-not-hex",
        "g-too-high",
        "g-surrogate",
        "encoding-int",
        "witness-ints",
        "punycode",
        "rot13",
    ],
)
def test_hostile_input_is_one_line(
    tmp_path: Path, files: dict[str, bytes], extra: list[str], message: str
) -> None:
    """Each malformed input found by the hostile probe: one line naming the file, exit 2."""
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    first = next(iter(files))
    arguments = [str(tmp_path / "witnesses.toml")] if "witnesses.toml" in files else []
    if not arguments:
        arguments = [str(tmp_path / name) for name in files]
    if first in {"e.xml", "w.json"}:
        arguments = [str(tmp_path / first)]
    target = tmp_path / "out.json"
    result = runner.invoke(app, ["compare", *arguments, *extra, "-f", "json", "-o", str(target)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"collate: error: {tmp_path}")
    assert message in lines[0]
    assert not target.exists()


def test_bad_option_values_are_one_line(tmp_path: Path) -> None:
    """--dask nonsense, a 256-byte -o name and a 300-character siglum: one line or success."""
    manifest = "examples/batch/letters.toml"
    result = runner.invoke(
        app, ["batch", manifest, "-o", str(tmp_path), "--dask", "x", "--allow-outside"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "collate: error: --dask x: not a scheduler address (such as tcp://HOST:8786) nor 'local'\n"
    )
    long_name = tmp_path / ("x" * 256)
    result = runner.invoke(app, ["compare", *LETTERS, "-f", "json", "-o", str(long_name)])
    assert result.exit_code == 2
    assert result.stderr == f"collate: error: {long_name}: cannot be written (File name too long)\n"
    siglum = "S" * 300
    edition = tmp_path / "edition.xml"
    result = runner.invoke(
        app, ["apparatus", *LETTERS, "--sigla", f"{siglum},B", "-f", "tei", "-o", str(edition)]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["witnesses", str(edition), "-o", str(tmp_path / "w")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "w" / f"{'S' * 120}.txt").read_bytes() == (ROOT / LETTERS[0]).read_bytes()


def test_an_unforeseen_error_is_one_line_and_debug_shows_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug is one line pointing to --debug, exit 1; with --debug the traceback is shown."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("an engine bug\nover two lines")

    monkeypatch.setattr("collate.cli.collate", broken)
    status, _, err = _main(monkeypatch, capsys, "compare", *LETTERS)
    assert status == 1
    assert err == (
        "collate: error: RuntimeError: an engine bug over two lines (this is a bug in collate; "
        "run the command again as 'collate --debug ...' to see where, and report it)\n"
    )
    monkeypatch.setattr(sys, "argv", ["collate", "--debug", "compare", *LETTERS])
    from collate.cli import main

    with pytest.raises(RuntimeError, match="an engine bug"):
        main()


@pytest.mark.parametrize("extra", [[], ["--ignore", "unicode"]], ids=["plain", "ignore-unicode"])
def test_nfc_and_nfd_spellings_are_orthographic(tmp_path: Path, extra: list[str]) -> None:
    """The same words in NFC and NFD align word for word, each an orthographic (not a
    punctuation) difference, and --hide orthographic leaves the view unmarked."""
    text = "Café naïve résumé über Ελληνικά ἀρχή\n"
    (tmp_path / "nfc.txt").write_text(unicodedata.normalize("NFC", text), encoding="utf-8")
    (tmp_path / "nfd.txt").write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    paths = [str(tmp_path / "nfc.txt"), str(tmp_path / "nfd.txt")]
    result = runner.invoke(app, ["compare", *paths, *extra, "-f", "json"])
    assert result.exit_code == 0, result.output
    units = json.loads(result.stdout)["units"]
    assert [(u["type"], u["class"]) for u in units] == [("substitution", "orthographic")] * 6
    result = runner.invoke(app, ["compare", *paths, *extra, "--hide", "orthographic", "--no-color"])
    assert "⸂" not in result.stdout


def test_a_guessed_encoding_is_one_warning_line(tmp_path: Path) -> None:
    """The command line prints the guess on stderr as a warning and goes on."""
    text = "Дорогой товарищ, Привет из Баку.\n"
    (tmp_path / "mac.txt").write_bytes(text.encode("mac_cyrillic"))
    (tmp_path / "u.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["compare", str(tmp_path / "mac.txt"), str(tmp_path / "u.txt")])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"collate: warning: {tmp_path / 'mac.txt'}: not UTF-8; read as mac_cyrillic, a guess "
        "from the bytes (if the text looks wrong, name its encoding with --encoding)\n"
    )
    assert "0 units" in result.stdout or "no variants" in result.stdout.lower()


def test_a_fifo_witness_is_refused_and_standard_input_is_read(tmp_path: Path) -> None:
    """A named pipe is one line, exit 2, at once; - reads standard input."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["compare", LETTERS[0], str(fifo)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"collate: error: {fifo}: is not a regular file (a FIFO, device or socket); give a "
        "file, or - to read standard input\n"
    )
    letter = (ROOT / LETTERS[1]).read_bytes()
    result = runner.invoke(app, ["compare", LETTERS[0], "-", "-f", "json"], input=letter)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["witnesses"][1]["text"] == letter.decode()


def test_control_characters_are_visible_in_the_view_and_kept_in_data(tmp_path: Path) -> None:
    """An escape sequence in a witness is shown as ␛… in the terminal view (inline and side by
    side, to the terminal or a file) and kept exactly in the JSON."""
    words = " ".join(["word"] * 120)
    hostile = f"The cat \x1b]0;pwned\x07sat \x1b[31mred\x1b[0m on the mat.\x9b2J {words}\n"
    (tmp_path / "plain.txt").write_text(f"The cat sat on the mat. {words}\n", encoding="utf-8")
    (tmp_path / "esc.txt").write_text(hostile, encoding="utf-8")
    paths = [str(tmp_path / "plain.txt"), str(tmp_path / "esc.txt")]
    for view in ([], ["--side-by-side"]):
        result = runner.invoke(app, ["compare", *paths, *view, "--color", "always"])
        assert result.exit_code == 0, result.output
        assert "\x07" not in result.stdout
        assert "\x9b" not in result.stdout
        assert "\x1b]" not in result.stdout
        assert "\x1b[31mred" not in result.stdout
        assert "␛]0;pwned␇" in result.stdout
        assert "␛[31mred␛[0m" in result.stdout or "␛[31mred" in result.stdout
    target = tmp_path / "view.txt"
    runner.invoke(app, ["compare", *paths, "-o", str(target)])
    assert "\x1b" not in target.read_text(encoding="utf-8")
    result = runner.invoke(app, ["compare", *paths, "-f", "json"])
    assert json.loads(result.stdout)["witnesses"][1]["text"] == hostile


def test_a_siglum_with_a_control_character_is_refused(tmp_path: Path) -> None:
    """A siglum that would reach the terminal as an escape sequence is one line, exit 2."""
    result = runner.invoke(app, ["compare", *LETTERS, "--sigla", "M\x1b[2J,B"])
    assert result.exit_code == 2
    assert "siglum 'M\\x1b[2J' has a character that cannot be printed" in result.stderr


def test_a_file_name_that_is_not_utf8_reaches_every_output(tmp_path: Path) -> None:
    """A witness whose file name is not UTF-8 is named with U+FFFD in the outputs, which can
    then all be written (the HTML page, TEI)."""
    name = os.fsdecode(b"\xffletter.txt")
    (tmp_path / name).write_bytes((ROOT / LETTERS[1]).read_bytes())
    for fmt, target in (("html", "page.html"), ("tei", "edition.xml")):
        result = runner.invoke(
            app,
            [
                "apparatus",
                LETTERS[0],
                str(tmp_path / name),
                "-f",
                fmt,
                "-o",
                str(tmp_path / target),
            ],
        )
        assert result.exit_code == 0, result.output
        assert "\ufffdletter" in (tmp_path / target).read_text(encoding="utf-8")


def test_latex_engine_and_abbreviation_options(tmp_path: Path) -> None:
    """--latex-engine lualatex writes a fontspec preamble; --abbreviate-over 3 shortens lemmata."""
    target = tmp_path / "letter.tex"
    result = runner.invoke(
        app,
        [
            "apparatus",
            *LETTERS,
            "--latex-engine",
            "lualatex",
            "--abbreviate-over",
            "3",
            "-o",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    tex = target.read_text(encoding="utf-8")
    assert (
        "% Compile twice with lualatex.\n\\documentclass{article}\n\\usepackage{fontspec}\n" in tex
    )
    assert r"\lemma{in … strength}" in tex


@pytest.mark.parametrize(
    ("engine", "warning"),
    [
        (
            "pdflatex",
            "collate: warning: the witnesses are partly in Greek, which pdflatex cannot set here; "
            "give --latex-engine lualatex (or xelatex)\n",
        ),
        ("xelatex", ""),
    ],
)
def test_a_script_the_latex_engine_cannot_set_is_warned_about(
    tmp_path: Path, engine: str, warning: str
) -> None:
    """Greek witnesses for pdflatex: the document is written, with a warning naming the fix."""
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text("Ἐν ἀρχῇ ἦν ὁ λόγος.\n", encoding="utf-8")
    second.write_text("Ἐν ἀρχῇ ἦν λόγος.\n", encoding="utf-8")
    target = tmp_path / "out.tex"
    result = runner.invoke(
        app, ["apparatus", str(first), str(second), "--latex-engine", engine, "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == warning
    assert target.exists()


def test_witnesses_never_replace_a_different_text(tmp_path: Path) -> None:
    """collate witnesses into the transcriptions' own folder: a SIGLUM.txt corrected since the
    edition was made is refused, one line, nothing written; the same text is written again."""
    folder = tmp_path / "letters"
    folder.mkdir()
    for siglum, name in (("M", LETTERS[0]), ("B", LETTERS[1])):
        (folder / f"{siglum}.txt").write_bytes((ROOT / name).read_bytes())
    edition = tmp_path / "edition.xml"
    made = runner.invoke(app, ["apparatus", *LETTERS, "-f", "tei", "-o", str(edition)])
    assert made.exit_code == 0, made.output
    again = runner.invoke(app, ["witnesses", str(edition), "-o", str(folder)])
    assert again.exit_code == 0, again.output
    corrected = (ROOT / LETTERS[0]).read_text(encoding="utf-8") + "A correction.\n"
    (folder / "M.txt").write_text(corrected, encoding="utf-8")
    (folder / "B.txt").unlink()
    result = runner.invoke(app, ["witnesses", str(edition), "-o", str(folder)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"collate: error: {folder / 'M.txt'}: exists and holds another text than witness M; "
        "writing it would replace that text, so give a new or empty folder, or remove the "
        "file\n"
    )
    assert (folder / "M.txt").read_text(encoding="utf-8") == corrected
    assert not (folder / "B.txt").exists()


def _console(*args: str, thread: bool = False) -> subprocess.CompletedProcess[str]:
    """The console script's entry point run in a fresh process that registered an exit
    handler (and left a thread running, with ``thread``)."""
    script = (
        "import atexit, sys, threading\n"
        "from collate.cli import console_main\n"
        "atexit.register(lambda: print('exit handlers ran'))\n"
        f"if {thread}:\n"
        "    stop = threading.Event()\n"
        "    threading.Thread(target=stop.wait, daemon=True).start()\n"
        "    atexit.register(stop.set)\n"
        f"sys.argv = ['collate', *{list(args)!r}]\n"
        "console_main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT
    )


def test_dash_as_the_output_is_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o -` writes to standard output, as `-` reads standard input; no file named "-" is
    made (it once was)."""
    monkeypatch.chdir(tmp_path)
    letters = [str(ROOT / p) for p in LETTERS]
    expected = runner.invoke(app, ["compare", *letters, "-f", "json"]).stdout
    result = runner.invoke(app, ["compare", *letters, "-f", "json", "-o", "-"])
    assert (result.exit_code, result.stdout) == (0, expected)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("output", [[], ["-o", "/dev/stdout"]], ids=["stdout", "dev-stdout"])
def test_a_reader_that_closes_the_pipe_early_gets_no_error(output: list[str]) -> None:
    """`collate compare … -f json | head -c 10`: the JSON of the letters is longer than a
    pipe holds, so the write fails when the reader has gone. That once printed "BrokenPipeError
    … this is a bug in collate" with status 1 (and, through `-o /dev/stdout`, "cannot be
    written (Broken pipe)" with status 2); now nothing is said and the status is a closed
    pipe's, 141, as git's."""
    script = (
        "import sys\n"
        "from collate.cli import console_main\n"
        f"sys.argv = ['collate', 'compare', *{list(LETTERS)!r}, '-f', 'json', *{output!r}]\n"
        "console_main()\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    assert process.stdout is not None
    assert process.stderr is not None
    assert process.stdout.read(10) == b'{\n  "forma'
    process.stdout.close()
    error = process.stderr.read()
    process.stderr.close()
    assert (process.wait(), error) == (141, b"")


def test_the_console_script_ends_the_process_once_its_output_is_flushed() -> None:
    """A finished command ends the process at once (no teardown of what the run made: a third
    of comparing the letters), with its whole output flushed and its exit status; with a
    thread still running the interpreter ends it as usual."""
    done = _console("compare", *LETTERS, "-f", "json")
    assert done.returncode == 0, done.stderr
    assert done.stdout == runner.invoke(app, ["compare", *LETTERS, "-f", "json"]).stdout
    assert "exit handlers ran" not in done.stdout
    done = _console("compare", LETTERS[0], "missing.txt")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "collate: error: missing.txt: no such file\n"
    done = _console("--version", thread=True)
    assert done.returncode == 0
    assert done.stdout == f"collate {__version__}\nexit handlers ran\n"


def test_layout_alone_is_left_out_of_the_printed_outputs(tmp_path: Path) -> None:
    """Issue 13 item 3's reproduction: the Baku letter re-wrapped at 64 columns against the
    Medvedev letter. The apparatus and the view leave the 596 differences of layout alone out
    and say so; --layout include prints them; the JSON export keeps them, typed layout."""
    wrapped = tmp_path / "baku-wrap.txt"
    wrapped.write_text(baku_laid_out("wrapped"), encoding="utf-8")
    pair = [LETTERS[0], str(wrapped)]
    apparatus = runner.invoke(app, ["apparatus", *pair, "--format", "text"])
    assert apparatus.exit_code == 0, apparatus.output
    assert "] spacing" not in apparatus.stdout
    assert (
        "Not shown: 596 differences of layout alone (line breaks, spacing); --layout include "
        "prints them."
    ) in apparatus.stdout.splitlines()
    included = runner.invoke(app, ["apparatus", *pair, "--layout", "include"])
    assert included.stdout.count("] spacing baku-wrap") == 594
    view = runner.invoke(app, ["compare", *pair, "--no-pager", "--no-color", "--width", "300"])
    assert view.stdout.rstrip().splitlines()[-1] == (
        "94 units (38 omissions, 15 additions, 41 substitutions) · 2 punctuation, 92 "
        "substantive · 596 differences of layout alone not shown (--layout include) · text in "
        "agreement: M 95.5%, baku-wrap 95.3%"
    )
    shown = runner.invoke(
        app, ["compare", *pair, "--no-pager", "--no-color", "--width", "300", "--layout", "include"]
    )
    assert (
        shown.stdout.rstrip()
        .splitlines()[-1]
        .startswith(
            "690 units (38 omissions, 15 additions, 637 substitutions) · 2 punctuation, "
            "92 substantive, 596 layout · text in agreement"
        )
    )
    exported = runner.invoke(app, ["compare", *pair, "-f", "json"])
    classes = [unit["class"] for unit in json.loads(exported.stdout)["units"]]
    assert (len(classes), classes.count("layout")) == (690, 596)


def test_an_unknown_layout_choice_is_refused() -> None:
    """--layout takes omit or include; anything else is a usage error (exit 2)."""
    result = runner.invoke(app, ["apparatus", *LETTERS, "--layout", "hide"])
    assert result.exit_code == 2
    assert "'hide' is not one of 'omit', 'include'" in result.output
