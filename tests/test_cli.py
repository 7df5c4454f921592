"""The command line: what a user types, what they see, and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collate.cli import app
from conftest import ROOT

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
        (b"<TEI><text><body><p>Plain.</p></body></text></TEI>", "no apparatus"),
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
    assert '<div class="cell" data-wit="B">' in page
    assert "94 variant units" in page
