"""The pipeline's layers import only downwards: model <- engine <- render <- cli.

A pure core is what lets a script use the engine without loading the command line, and what
lets the engine be tested and swapped on its own (issue 13: the engine reached into the
witness loader, the model into the JSON renderer, the TEI reader into the TEI writer).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "collate"

# What each layer may import from the project (module names, or packages ending in ".").
ALLOWED = {
    "model": {"collate.errors"},
    "engine": {
        "collate.errors",
        "collate.model",
        "collate.rules",
        "collate.tokenize",
        "collate.engine.",
    },
    "tei_import": {
        "collate.errors",
        "collate.model",
        "collate._tei",
        "collate.options",
        "collate.transcription",
        "collate.witnesses",
        "collate.tokenize",
        "collate.rules",
    },
}


def _project_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and _ours(node.module):
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names if _ours(a.name))
    return names


def _ours(module: str) -> bool:
    return module == "collate" or module.startswith("collate.")


def _layer_files(layer: str) -> list[Path]:
    if (SOURCE / layer).is_dir():
        return sorted((SOURCE / layer).glob("*.py"))
    return [SOURCE / f"{layer}.py"]


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_a_layer_imports_only_the_layers_below_it(layer: str) -> None:
    allowed = ALLOWED[layer]
    for path in _layer_files(layer):
        for name in _project_imports(path):
            ok = any(name == a or (a.endswith(".") and name.startswith(a)) for a in allowed)
            assert ok, f"{path.relative_to(SOURCE)} imports {name}"


def test_renderers_align_nothing() -> None:
    """A renderer prints what the engine computed: it may read rows, never align words."""
    for path in sorted((SOURCE / "render").glob("*.py")):
        imports = _project_imports(path)
        assert not any(name.startswith("collate.engine._") for name in imports), path.name
        tree = ast.parse(path.read_text(encoding="utf-8"))
        called = {
            node.func.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        }
        assert not called & {"collate", "token_columns", "reading_columns"}, path.name


def test_outside_the_engine_only_its_public_face_is_imported() -> None:
    for path in sorted(SOURCE.rglob("*.py")):
        if SOURCE / "engine" in path.parents:
            continue
        for name in _project_imports(path):
            assert not name.startswith("collate.engine._"), f"{path.relative_to(SOURCE)}: {name}"


def test_a_command_loads_only_what_it_needs(tmp_path: Path) -> None:
    """``collate compare … --format json`` loads neither rich, the batch runner, pydantic,
    CollateX, the editor's decisions, the apparatus nor the page, nor for a text in an
    alphabet the `regex` module, nor `secrets` for a temporary name, nor `fractions` for two
    witnesses' hub: start-up is most of a small collation's time (benchmarks/speed.py)."""
    letters = [
        str(SOURCE.parent.parent / "witnesses" / n) for n in ("medvedev-1926.txt", "baku-1924.txt")
    ]
    script = (
        "import sys\n"
        "from collate.cli import main\n"
        f"sys.argv = ['collate', 'compare', *{letters!r}, '-f', 'json', '-o', "
        f"{str(tmp_path / 'out.json')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('rich', 'pydantic', 'collatex', 'collate.batch', 'dask', 'lxml', 'jinja2',\n"
        "    'collate.decisions', 'collate.apparatus', 'collate.render.html', 'shlex',\n"
        "    'regex', 'secrets', 'fractions')\n"
        "print(sorted(m for m in sys.modules if m in heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
    assert (tmp_path / "out.json").exists()
