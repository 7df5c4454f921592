"""Batch collation: the same outputs whatever runs it, failures isolated, kill and resume."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import collate
from collate.batch import SetJob, read_sets, run
from collate.cli import app
from conftest import ROOT

runner = CliRunner()
COLLATE = Path(sys.executable).parent / "collate"
TEXT = """dear comrade we received your letter and the materials about the discussion
in baku party policy economic resolution workers peasants industry state credit"""
WORDS = TEXT.split()
SETS = 150


def _letter(rng: random.Random, length: int) -> list[str]:
    return [rng.choice(WORDS) for _ in range(length)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SETS folders of two short letters each, the second an edited copy; one set broken."""
    folder = tmp_path_factory.mktemp("corpus")
    rng = random.Random(1924)
    for number in range(SETS):
        words = _letter(rng, rng.randint(30, 80))
        edited = list(words)
        for _ in range(rng.randint(0, 6)):
            position = rng.randrange(len(edited))
            choice = rng.random()
            if choice < 0.3:
                del edited[position]
            elif choice < 0.6:
                edited.insert(position, rng.choice(WORDS))
            else:
                edited[position] = rng.choice(WORDS)
        sub = folder / f"letter-{number:03d}"
        sub.mkdir()
        (sub / "a.txt").write_text(" ".join(words).capitalize() + ".\n", encoding="utf-8")
        (sub / "b.txt").write_text(" ".join(edited).capitalize() + ".\n", encoding="utf-8")
    broken = folder / "letter-broken"
    broken.mkdir()
    (broken / "a.txt").write_text("A letter.\n", encoding="utf-8")
    (broken / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    return folder


def _outputs(out: Path) -> dict[str, bytes]:
    """Every output file but the run's timings (summary.json and the summary's seconds)."""
    found = {}
    for path in sorted(out.rglob("*")):
        if path.is_file() and path.name not in ("summary.json", "summary.csv", "index.html"):
            found[str(path.relative_to(out))] = path.read_bytes()
    summary = (out / "summary.csv").read_text(encoding="utf-8").splitlines()
    seconds = summary[0].split(",").index("seconds")
    # a set kept by --resume is "kept" rather than "ok"; its figures are the same
    found["summary.csv"] = "\n".join(
        ",".join(cell for i, cell in enumerate(line.split(",")) if i != seconds).replace(
            ",kept,", ",ok,"
        )
        for line in summary
    ).encode()
    return found


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reference")
    run(corpus, out, jobs=1, formats=["json", "tei"])
    return out


def test_one_worker_collates_every_set_and_isolates_the_failure(reference: Path) -> None:
    lines = (reference / "summary.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == SETS + 2
    broken = next(line for line in lines if line.startswith("letter-broken"))
    assert ",failed," in broken
    assert "looks like a binary file" in broken
    assert sum(",ok," in line for line in lines) == SETS
    data = json.loads((reference / "letter-007" / "letter-007.json").read_text(encoding="utf-8"))
    assert [w["siglum"] for w in data["witnesses"]] == ["a", "b"]
    assert (reference / "index.html").read_text(encoding="utf-8").count("<tr class=") == SETS + 1


def test_two_processes_give_the_same_outputs(corpus: Path, reference: Path, tmp_path: Path) -> None:
    run(corpus, tmp_path, jobs=2, formats=["json", "tei"])
    assert _outputs(tmp_path) == _outputs(reference)


def test_a_dask_local_cluster_gives_the_same_outputs(
    corpus: Path, reference: Path, tmp_path: Path
) -> None:
    """The same outputs on a LocalCluster, while port 8787 (Dask's usual dashboard) is taken by
    another program: the cluster's dashboard takes a free port."""
    with contextlib.ExitStack() as stack:
        blocker = stack.enter_context(socket.socket())
        with contextlib.suppress(OSError):  # already taken: taken all the same
            blocker.bind(("", 8787))
            blocker.listen()
        run(corpus, tmp_path, jobs=2, dask="local", formats=["json", "tei"])
    assert _outputs(tmp_path) == _outputs(reference)


def test_killed_and_resumed_ends_complete(corpus: Path, reference: Path, tmp_path: Path) -> None:
    """SIGKILL part-way through, then --resume: every output complete, none corrupt."""
    command = [str(COLLATE), "batch", str(corpus), "-o", str(tmp_path), "-f", "json,tei"]
    process = subprocess.Popen([*command, "--jobs", "1"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("*/summary.json"))) < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done_before = len(list(tmp_path.glob("*/summary.json")))
    assert 20 <= done_before < SETS + 1
    resumed = subprocess.run(
        [*command, "--resume", "--jobs", "2"], capture_output=True, text=True, check=False
    )
    assert resumed.returncode == 1  # the broken set still fails
    kept = int(resumed.stdout.split(" kept")[0].rsplit(" ", 1)[1])
    assert kept >= 20  # the sets finished before the kill were not redone
    assert _outputs(tmp_path) == _outputs(reference)
    assert not list(tmp_path.rglob("*.tmp"))


def test_resume_recollates_a_set_whose_input_changed(corpus: Path, tmp_path: Path) -> None:
    jobs = [job for job in read_sets(corpus, ["json"]) if job.name in ("letter-001", "letter-002")]
    run(jobs, tmp_path, jobs=1)
    time.sleep(0.01)
    witness = corpus / "letter-002" / "b.txt"
    os.utime(witness, None)
    jobs = [job for job in read_sets(corpus, ["json"]) if job.name in ("letter-001", "letter-002")]
    results = run(jobs, tmp_path, jobs=1, resume=True)
    assert [r.status for r in results] == ["kept", "ok"]


def test_command_line_batch_with_a_manifest(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "batch",
            str(ROOT / "examples" / "batch" / "letters.toml"),
            "-o",
            str(tmp_path),
            "--allow-outside",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "3 sets: 3 collated, 0 kept, 0 failed" in result.stdout
    assert (tmp_path / "medvedev" / "medvedev.html").is_file()
    assert (tmp_path / "armand" / "armand.txt").is_file()
    assert not (tmp_path / "armand" / "armand.html").exists()
    summary = (tmp_path / "summary.csv").read_text(encoding="utf-8")
    assert "medvedev-baku-base,ok,B M,97," in summary


def test_pairs_from_a_csv(tmp_path: Path) -> None:
    table = tmp_path / "pairs.csv"
    letters = ROOT / "witnesses"
    table.write_text(
        "name,witness_a,witness_b\n"
        f"letter,{letters / 'medvedev-1926.txt'},{letters / 'baku-1924.txt'}\n",
        encoding="utf-8",
    )
    results = run(table, tmp_path / "out", jobs=1, allow_outside=True)
    assert [(r.name, r.status, r.units) for r in results] == [("letter", "ok", 94)]


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ('[[set]]\nname = "x"\nwitnesses = ["a.txt", "missing.txt"]\n', "witness"),
        (
            '[[set]]\nname = "x"\nwitnesses = ["a.txt", "b.txt"]\ncolour = "red"\n',
            "unknown option 'colour'",
        ),
        (
            '[[set]]\nname = "x"\nwitnesses = ["a.txt", "b.txt"]\n\n'
            '[[set]]\nname = "x"\nwitnesses = ["a.txt", "b.txt"]\n',
            "set name 'x' is used twice",
        ),
        (
            'formats = ["pdf"]\n[[set]]\nname = "x"\nwitnesses = ["a.txt", "b.txt"]\n',
            "unknown format 'pdf'",
        ),
        (
            '[[set]]\nname = "x"\nwitnesses = ["a.txt", "b.txt"]\ngrouping = "lines"\n',
            "grouping 'lines': no such grouping (the groupings: phrases, words)",
        ),
    ],
    ids=["missing-witness", "unknown-option", "duplicate-name", "unknown-format", "grouping"],
)
def test_manifest_errors_are_one_line(tmp_path: Path, manifest: str, message: str) -> None:
    (tmp_path / "a.txt").write_text("one two\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("one too\n", encoding="utf-8")
    path = tmp_path / "batch.toml"
    path.write_text(manifest, encoding="utf-8")
    result = runner.invoke(app, ["batch", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"collate: error: {path}")
    assert message in lines[0]
    assert not (tmp_path / "out").exists()


def _pair(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text("one two three four\n", encoding="utf-8")
    (folder / "b.txt").write_text("one two free four\n", encoding="utf-8")


def test_set_names_cannot_write_outside_or_over_the_index(tmp_path: Path) -> None:
    """Sets named ../../escaped-set, index.html, summary.csv and Index.html each get a folder
    of their own inside -o; summary.csv and index.html stay the batch's."""
    inputs = tmp_path / "in"
    _pair(inputs)
    names = ["../../escaped-set", "index.html", "summary.csv", "Index.html", "/abs"]
    table = inputs / "pairs.csv"
    table.write_text(
        "name,witness_a,witness_b\n" + "".join(f"{n},a.txt,b.txt\n" for n in names),
        encoding="utf-8",
    )
    out = tmp_path / "deep" / "er" / "out"
    results = run(table, out, jobs=1, formats=["json", "html"])
    assert [r.status for r in results] == ["ok"] * 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep", "in"]
    assert sorted(p.name for p in (tmp_path / "deep" / "er").iterdir()) == ["out"]
    folders = ["_.._.._escaped-set", "index.html-2", "summary.csv-2", "Index.html-3", "_abs"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [".collate-batch.lock", "index.html", "summary.csv", *folders]
    )
    for folder in folders:
        assert (out / folder / f"{folder}.json").is_file()
    rows = (out / "summary.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert [row.split(",")[0] for row in rows] == names
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="_.._.._escaped-set/_.._.._escaped-set.html">../../escaped-set</a>' in page


@pytest.mark.parametrize("kind", ["manifest", "csv"])
def test_batch_paths_stay_inside_the_manifest_folder(tmp_path: Path, kind: str) -> None:
    """A manifest or CSV naming ../secret.txt is one line, exit 2, nothing written; with
    --allow-outside it is read."""
    (tmp_path / "secret.txt").write_text("one two secret four\n", encoding="utf-8")
    folder = tmp_path / "batch"
    _pair(folder)
    if kind == "manifest":
        source = folder / "batch.toml"
        source.write_text(
            '[[set]]\nname = "x"\nwitnesses = ["a.txt", "../secret.txt"]\n', encoding="utf-8"
        )
        where = f"{source}: set 1 (x)"
    else:
        source = folder / "pairs.csv"
        source.write_text("name,witness_a,witness_b\nx,a.txt,../secret.txt\n", encoding="utf-8")
        where = f"{source}: line 2"
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"collate: error: {where}: {folder / '../secret.txt'} is outside the manifest's folder "
        f"{folder}; a manifest may only name files inside its folder unless --allow-outside is "
        "given\n"
    )
    assert not out.exists()
    result = runner.invoke(app, ["batch", str(source), "-o", str(out), "--allow-outside"])
    assert result.exit_code == 0, result.output
    assert "secret" in (out / "x" / "x.json").read_text(encoding="utf-8")


def test_a_link_in_a_set_folder_does_not_lead_outside(tmp_path: Path) -> None:
    """A witness in a set folder that is a link to a file elsewhere is refused like a path."""
    (tmp_path / "secret.txt").write_text("one two secret four\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    _pair(corpus / "x")
    (corpus / "x" / "c.txt").symlink_to(tmp_path / "secret.txt")
    result = runner.invoke(app, ["batch", str(corpus), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "c.txt is outside the manifest's folder" in result.stderr


def test_a_set_failing_with_any_error_is_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A set whose error is not a user's mistake (a bug) and one with a bad TEI <g> are each
    recorded in summary.csv; the other sets finish."""
    corpus = tmp_path / "corpus"
    for name in ("a-good", "b-bug", "c-tei", "d-good"):
        _pair(corpus / name)
    (corpus / "c-tei" / "b.txt").unlink()
    (corpus / "c-tei" / "edition.xml").write_bytes(
        b'<TEI><text><body><p><app><lem wit="#A">x<g type="control" n="U+ZZZZ"/></lem>'
        b'<rdg wit="#B">y</rdg></app></p></body></text></TEI>'
    )
    (corpus / "c-tei" / "witnesses.toml").write_text(
        '[[witness]]\nsiglum = "P"\npath = "a.txt"\n\n'
        '[[witness]]\nsiglum = "Q"\npath = "edition.xml"\n',
        encoding="utf-8",
    )
    import collate.batch

    original = collate.batch._collate_job

    def flaky(job: SetJob) -> object:
        if job.name == "b-bug":
            raise KeyError("a bug")
        return original(job)

    monkeypatch.setattr(collate.batch, "_collate_job", flaky)
    results = run(corpus, tmp_path / "out", jobs=1)
    assert [(r.name, r.status) for r in results] == [
        ("a-good", "ok"),
        ("b-bug", "failed"),
        ("c-tei", "failed"),
        ("d-good", "ok"),
    ]
    assert results[1].error == "internal error: KeyError: 'a bug'"
    assert "<g n='U+ZZZZ'> (line 1) does not name a Unicode character" in results[2].error
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8")
    assert "b-bug,failed," in summary
    assert "internal error: KeyError" in summary


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "batch.toml",
            b'[[set]]\nname = "x"\nwitnesses = ["a.txt", "b.txt"]\nnear = "high"\n',
            "set 1: 'near': must be a number between 0 and 1, not 'high'",
        ),
        (
            "batch.toml",
            b'[[set]]\nname = "x"\nwitnesses = [1, 2]\n',
            "set 1: 'witnesses'[1]: must be a string, not int 1",
        ),
        ("batch.toml", b'formats = "json"\n', "'formats': must be a list of strings"),
        (
            "pairs.csv",
            b"name,witness_a,witness_b\nx,a.txt\n",
            "line 2: needs a name and two witness paths",
        ),
        (
            "pairs.csv",
            "name,witness_a,witness_b\nrésumé,a.txt,b.txt\n".encode("latin-1"),
            "is not UTF-8 (byte 0xe9 at offset 26); save the CSV as UTF-8",
        ),
    ],
    ids=["near-high", "witness-ints", "formats-string", "short-row", "latin-1"],
)
def test_malformed_batches_are_one_line(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    """A batch file of the wrong shape: one line naming it, exit 2, nothing written."""
    _pair(tmp_path)
    source = tmp_path / name
    source.write_bytes(data)
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"collate: error: {source}")
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_renamed_set_keeps_given_tokens(tmp_path: Path) -> None:
    """A set of CollateX token witnesses given new sigla keeps its tokens and their n forms:
    "kitten." matched as "cat" agrees with "cat." rather than being split and re-read."""
    tokens = {
        "witnesses": [
            {"id": "A", "tokens": [{"t": "the "}, {"t": "kitten.", "n": "cat."}]},
            {"id": "B", "tokens": [{"t": "the "}, {"t": "cat."}]},
        ]
    }
    (tmp_path / "tokens.json").write_text(json.dumps(tokens), encoding="utf-8")
    (tmp_path / "sets.toml").write_text(
        '[[set]]\nname = "t"\nwitnesses = ["tokens.json", "tokens.json"]\n'
        'sigla = ["X", "Y", "Z", "W"]\nformats = ["json-collatex"]\n',
        encoding="utf-8",
    )
    [result] = run(tmp_path / "sets.toml", tmp_path / "out", jobs=1)
    assert result.status == "ok", result.error
    table = json.loads((tmp_path / "out" / "t" / "t.collatex.json").read_text(encoding="utf-8"))
    assert table["witnesses"] == ["X", "Y", "Z", "W"]
    assert [[[t["t"] for t in cell] for cell in column] for column in table["table"]] == [
        [["the "], ["the "], ["the "], ["the "]],
        [["kitten."], ["cat."], ["kitten."], ["cat."]],
    ]
    assert result.units == 1


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux's /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    with contextlib.suppress(OSError):
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    return False


def _start_batch(corpus: Path, out: Path) -> tuple[subprocess.Popen[str], set[int]]:
    """A batch of two workers, once it has written 10 sets; with its workers' process ids."""
    process = subprocess.Popen(
        [str(COLLATE), "batch", str(corpus), "-o", str(out), "-f", "json,tei", "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while len(list(out.glob("*/summary.json"))) < 10 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(process.pid)
    assert len(workers) >= 2
    return process, workers


def _gone(pids: set[int], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(_alive(pid) for pid in pids)


def test_workers_exit_when_the_batch_is_killed(corpus: Path, tmp_path: Path) -> None:
    """SIGKILL on the batch's process, which cannot stop its workers: they exit by themselves."""
    process, workers = _start_batch(corpus, tmp_path)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    assert _gone(workers)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_sigterm_stops_cleanly_and_says_how_to_resume(
    corpus: Path, reference: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    """SIGTERM or Ctrl-C: workers stopped, the sets done summarized, one line naming --resume,
    exit 130; --resume then finishes with the same outputs as an uninterrupted run."""
    process, workers = _start_batch(corpus, tmp_path)
    process.send_signal(stop)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    last = err.strip().splitlines()[-1]
    assert last.startswith("collate: interrupted: ")
    assert f"sets done in {tmp_path}; run the same command with --resume" in last
    assert _gone(workers)
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert (tmp_path / "summary.csv").is_file()
    command = [str(COLLATE), "batch", str(corpus), "-o", str(tmp_path), "-f", "json,tei"]
    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True, check=False)
    assert resumed.returncode == 1, resumed.stderr  # the broken set still fails
    assert _outputs(tmp_path) == _outputs(reference)


def test_a_second_batch_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    """While one batch holds the output folder, another says it is in use and writes nothing."""
    _pair(tmp_path / "corpus" / "x")
    out = tmp_path / "out"
    out.mkdir()
    with (out / ".collate-batch.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = runner.invoke(app, ["batch", str(tmp_path / "corpus"), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"collate: error: {out}: the folder is in use by another collate batch; wait for it to "
        "finish or give another output folder\n"
    )
    assert sorted(p.name for p in out.iterdir()) == [".collate-batch.lock"]
    result = runner.invoke(app, ["batch", str(tmp_path / "corpus"), "-o", str(out)])
    assert result.exit_code == 0, result.output


def test_a_link_left_in_the_output_folder_is_not_followed_out(tmp_path: Path) -> None:
    """A summary.csv in -o that is a link to a file elsewhere is refused, not written through."""
    _pair(tmp_path / "corpus" / "x")
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "precious.csv"
    elsewhere.write_text("keep me\n", encoding="utf-8")
    (out / "summary.csv").symlink_to(elsewhere)
    result = runner.invoke(app, ["batch", str(tmp_path / "corpus"), "-o", str(out)])
    assert result.exit_code == 2
    assert "summary.csv: leads outside the output folder" in result.stderr
    assert elsewhere.read_text(encoding="utf-8") == "keep me\n"


def test_dask_missing_says_what_to_install(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without dask.distributed (a user install has no extras), --dask is one line that names
    a package pip can install as it stands, not the unpublished collate-witnesses[cluster]."""
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import raises ImportError
    result = runner.invoke(app, ["batch", str(corpus), "-o", str(tmp_path), "--dask", "local"])
    assert result.exit_code == 2
    assert result.stderr == (
        "collate: error: --dask needs dask.distributed, which is not installed: pip install "
        "'dask[distributed]' (or, in a checkout of collate, pip install '.[cluster]')\n"
    )


def test_a_set_grouped_word_by_word(tmp_path: Path) -> None:
    """A set's ``grouping`` (or ``--grouping`` for every set) groups its units as
    `collate compare --grouping` does: "the big black" / "a big brown" is one unit grouped by
    phrases, two word by word."""
    (tmp_path / "a.txt").write_text("he saw the big black cat today\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("he saw a big brown cat today\n", encoding="utf-8")
    manifest = tmp_path / "batch.toml"
    manifest.write_text(
        '[[set]]\nname = "phrases"\nwitnesses = ["a.txt", "b.txt"]\n\n'
        '[[set]]\nname = "words"\nwitnesses = ["a.txt", "b.txt"]\ngrouping = "words"\n',
        encoding="utf-8",
    )
    results = run(manifest, tmp_path / "out", jobs=1)
    assert [(r.name, r.units) for r in results] == [("phrases", 1), ("words", 2)]
    overridden = read_sets(manifest, grouping=collate.Grouping.WORDS)
    assert [job.grouping for job in overridden] == ["words", "words"]
    result = runner.invoke(
        app, ["batch", str(manifest), "-o", str(tmp_path / "all"), "--grouping", "words"]
    )
    assert result.exit_code == 0, result.output
    summary = (tmp_path / "all" / "summary.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[:2] for line in summary[1:]] == [["phrases", "ok"], ["words", "ok"]]
    units = [
        json.loads((tmp_path / "all" / n / f"{n}.json").read_text())["units"]
        for n in ("phrases", "words")
    ]
    assert [len(u) for u in units] == [2, 2]


def test_resume_recollates_a_set_made_with_another_grouping_or_tokens(tmp_path: Path) -> None:
    """``--resume`` keeps a set only when its outputs were made the way this run asks: run
    again with ``--grouping words`` (or other ``--tokens``), which no input file records, the
    set is collated again rather than kept grouped by phrases."""
    (tmp_path / "a.txt").write_text("he saw the big black cat today\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("he saw a big brown cat today\n", encoding="utf-8")
    manifest = tmp_path / "batch.toml"
    manifest.write_text('[[set]]\nname = "x"\nwitnesses = ["a.txt", "b.txt"]\n', encoding="utf-8")
    out = tmp_path / "out"
    text = out / "x" / "x.txt"
    command = ["batch", str(manifest), "-o", str(out), "-f", "text"]
    assert runner.invoke(app, command).exit_code == 0
    assert text.read_text(encoding="utf-8").splitlines()[-1] == "1.1 the big black] a big brown b"
    words = runner.invoke(app, [*command, "--resume", "--grouping", "words"])
    assert words.exit_code == 0, words.output
    assert "1 collated, 0 kept" in words.stdout
    assert text.read_text(encoding="utf-8").splitlines()[-1] == "1.1 the] a b | black] brown b"
    again = runner.invoke(app, [*command, "--resume", "--grouping", "words"])
    assert "0 collated, 1 kept" in again.stdout
    chars = runner.invoke(app, [*command, "--resume", "--grouping", "words", "--tokens", "char"])
    assert "1 collated, 0 kept" in chars.stdout


def test_a_set_whose_decisions_no_longer_apply_says_so(tmp_path: Path) -> None:
    """A set's decisions that do not apply (their passage rewritten in a witness, here) are one
    warning line naming the set, as ``compare`` warns, and counted in its ``summary.json``;
    the set is still collated (exit 0)."""
    (tmp_path / "a.txt").write_text("he saw the big black cat today\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("he saw a big brown cat today\n", encoding="utf-8")
    made = runner.invoke(
        app,
        [
            "decide",
            "note",
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
            "u1",
            "rewritten",
            "--decisions",
            str(tmp_path / "x.decisions.toml"),
        ],
    )
    assert made.exit_code == 0, made.output
    manifest = tmp_path / "batch.toml"
    manifest.write_text(
        '[[set]]\nname = "x"\nwitnesses = ["a.txt", "b.txt"]\ndecisions = "x.decisions.toml"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    applied = runner.invoke(app, ["batch", str(manifest), "-o", str(out)])
    assert applied.exit_code == 0, applied.output
    assert applied.stderr == ""
    (tmp_path / "b.txt").write_text("he saw a big brown dog tonight\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(manifest), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "collate: warning: x: 1 decision no longer applies (collate decide list, given the "
        "set's witnesses and options, shows which and why)\n"
    )
    summary = json.loads((out / "x" / "summary.json").read_text(encoding="utf-8"))
    assert summary["not_applied"] == 1


BY_WORDS = ("--grouping", "words")


def test_a_set_is_grouped_as_its_decisions_were_made(tmp_path: Path) -> None:
    """A set's decisions file records the grouping its decisions were made on; the set is
    collated so, whatever the manifest's top says, and a set's own grouping or ``--grouping``
    that differs is refused, naming the manifest, the set and the decisions file."""
    (tmp_path / "a.txt").write_text("he saw the big black cat today\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("he saw a big brown cat today\n", encoding="utf-8")
    decisions = tmp_path / "x.decisions.toml"
    pair = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    made = runner.invoke(
        app,
        ["decide", "note", *pair, "u2", "colour", "--decisions", str(decisions), *BY_WORDS],
    )
    assert made.exit_code == 0, made.output
    manifest = tmp_path / "batch.toml"
    body = '[[set]]\nname = "x"\nwitnesses = ["a.txt", "b.txt"]\ndecisions = "x.decisions.toml"\n'
    manifest.write_text('grouping = "phrases"\n\n' + body, encoding="utf-8")
    assert [(j.name, j.grouping) for j in read_sets(manifest)] == [("x", "words")]
    out = tmp_path / "out"
    applied = runner.invoke(app, ["batch", str(manifest), "-o", str(out)])
    assert (applied.exit_code, applied.stderr) == (0, ""), applied.output
    units = json.loads((out / "x" / "x.json").read_text(encoding="utf-8"))["units"]
    assert [u.get("note") for u in units] == [None, "colour"]
    refusal = (
        f"the decisions in {decisions} were made on units grouped by words (give that "
        "grouping, or none)\n"
    )
    refused = runner.invoke(app, ["batch", str(manifest), "-o", str(out), "--grouping", "phrases"])
    assert refused.exit_code == 2
    assert refused.stderr == (f"collate: error: {manifest}: set 'x': grouping phrases: {refusal}")
    manifest.write_text(body + 'grouping = "phrases"\n', encoding="utf-8")
    own = runner.invoke(app, ["batch", str(manifest), "-o", str(out)])
    assert own.exit_code == 2
    assert own.stderr == f"collate: error: {manifest}: set 1 (x): grouping phrases: {refusal}"


def test_a_manifest_groups_every_set_unless_a_set_says_otherwise(tmp_path: Path) -> None:
    """``grouping`` at the top of a manifest is every set's, as ``formats`` is; a set's own
    ``grouping`` wins; a bad value is one line naming the manifest."""
    (tmp_path / "a.txt").write_text("he saw the big black cat today\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("he saw a big brown cat today\n", encoding="utf-8")
    manifest = tmp_path / "batch.toml"
    manifest.write_text(
        'grouping = "words"\n\n'
        '[[set]]\nname = "all"\nwitnesses = ["a.txt", "b.txt"]\n\n'
        '[[set]]\nname = "own"\nwitnesses = ["a.txt", "b.txt"]\ngrouping = "phrases"\n',
        encoding="utf-8",
    )
    assert [(j.name, j.grouping) for j in read_sets(manifest)] == [
        ("all", "words"),
        ("own", "phrases"),
    ]
    manifest.write_text(
        'grouping = "lines"\n[[set]]\nname = "x"\nwitnesses = ["a.txt", "b.txt"]\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["batch", str(manifest), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"collate: error: {manifest}: grouping 'lines': no such grouping (the groupings: "
        "phrases, words)"
    )
