"""The documentation keeps up with the code: every command has help and is in the README, and
every example script runs."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from collate.cli import app
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    """`collate COMMAND --help` works and describes the command."""
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    """The README shows each command in use."""
    assert f"collate {command}" in README


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_in_the_readme(name: str) -> None:
    """Each option of each command is documented in the README."""
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    for parameter in command.params:
        if type(parameter).__name__ == "TyperOption":
            assert parameter.opts[0] in README, parameter.opts[0]


def test_the_quick_start_is_two_commands() -> None:
    """The README's quick start is `make demo` and `make test`, nothing else."""
    start = README.index("## Quick start")
    block = README[start:].split("```")[1]
    assert [line for line in block.splitlines()[1:] if line.strip()] == ["make demo", "make test"]


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_runs(script: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each script in examples/ runs to the end (in a scratch folder, so out/ stays clean)."""
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(script), run_name="__main__")


def test_importing_the_library_leaves_rich_and_typer_out() -> None:
    """`import collate` in a script stays light: the terminal and CLI libraries load on demand."""
    import subprocess
    import sys

    code = "import sys, collate; print(sorted(m for m in ('rich', 'typer') if m in sys.modules))"
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "[]"


# Example commands whose files stand for the reader's own: every path they name that does not
# exist must be listed here, so that a README example with a mistyped path fails.
PLACEHOLDERS = {
    "A",
    "B",
    "C",
    "D",
    "a.txt",
    "b.txt",
    "c.txt",
    "…",
    "collatex-input.json",
    "edition.xml",
    "witness-C.txt",
    "corpus/",
    "pairs.csv",
    "big.toml",
    "letter.decisions.toml",
}


def _readme_commands() -> list[tuple[str, str | None]]:
    """Each `collate …` line of the README's shell blocks, with the error line shown after it
    (or None where it shows none)."""
    import re

    found = []
    for language, block in re.findall(r"```([a-z]*)\n(.*?)```", README, re.DOTALL):
        if language in ("toml", "json", "python"):
            continue
        lines = [line.strip().removeprefix("$ ") for line in block.splitlines()]
        for index, line in enumerate(lines):
            if line.startswith("collate "):
                following = lines[index + 1] if index + 1 < len(lines) else ""
                found.append((line, following if following.startswith("collate: ") else None))
    return found


README_COMMANDS = _readme_commands()


@pytest.mark.parametrize(("line", "error"), README_COMMANDS, ids=[c for c, _ in README_COMMANDS])
def test_readme_commands_run_as_written(
    line: str, error: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command of the README runs (in a scratch copy of the repository's layout) and
    exits 0, or prints exactly the error the README shows; only placeholders are skipped."""
    import glob
    import shlex

    work = tmp_path / "repo"
    work.mkdir()
    for name in ("witnesses", "examples"):
        (work / name).symlink_to(ROOT / name)
    (tmp_path / "shared").symlink_to((ROOT / ".." / "shared").resolve())
    monkeypatch.chdir(work)
    words = shlex.split(line.split(" | ", maxsplit=1)[0], comments=True)[1:]
    arguments: list[str] = []
    for word in words:
        arguments += sorted(glob.glob(word)) if "*" in word else [word]
    placeholders = sorted(w for w in words if w in PLACEHOLDERS)
    if placeholders:
        pytest.skip(f"stands for the reader's files: {', '.join(placeholders)}")
    missing = [
        word
        for index, word in enumerate(words)
        if _names_a_file(word)
        and "*" not in word
        and words[index - 1] not in ("-o", "--output")
        and not Path(word).exists()
    ]
    assert not missing or error is not None, f"{line}: no such file {missing}; fix or list it"
    result = CliRunner().invoke(app, arguments)
    if error is None:
        assert result.exit_code == 0, (line, result.output)
    else:
        assert (result.exit_code, result.stderr) == (2, error + "\n")


def _names_a_file(word: str) -> bool:
    """A word that looks like a path: it has a folder or a file extension."""
    return (
        not word.startswith("-") and ("/" in word or Path(word).suffix != "") and "://" not in word
    )


def test_the_version_is_written_once() -> None:
    """pyproject.toml takes the version from `collate.__version__`; the installed metadata,
    `collate --version` and the attribute agree."""
    import tomllib
    from importlib.metadata import version

    import collate

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "collate.__version__"}
    assert version("collate-witnesses") == collate.__version__
    result = CliRunner().invoke(app, ["--version"])
    assert result.stdout == f"collate {collate.__version__}\n"


def test_the_user_install_has_no_test_tools() -> None:
    """`pip install .` brings what collate runs on; pytest, mypy, ruff and Playwright are extras,
    and the licence travels with the package."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = " ".join(project["dependencies"])
    for tool in ("pytest", "mypy", "ruff", "playwright", "hypothesis", "dask"):
        assert tool not in required
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_collatex_is_imported_only_for_its_engine() -> None:
    """The command line and the library load CollateX only when `--engine collatex` asks."""
    import subprocess
    import sys

    code = (
        "import sys, collate.cli, collate.render.html, collate.render.latex; "
        "from collate import collate as c, witness_from_text as w; "
        "c([w('a b c', 'A'), w('a x c', 'B')]); print('collatex' in sys.modules)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "False"
