"""The command line as a user meets it: help, version, mistakes in usage, exit codes, --json."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from tests.conftest import Result, edit, line_of, run_cli

from sco_tracker import __version__
from sco_tracker.cli import app as cli

#: What a message about an unknown party adds: the shipped file's parties, and where to add one.
PARTIES_LISTED = (
    "; the parties are: china, india, kazakhstan, kyrgyzstan, pakistan, russia, tajikistan, "
    "uzbekistan, sco-secretariat, rats. To add one, list it under 'parties:' (id, name, kind)"
)


def run_in_process(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cwd: Path
) -> Result:
    """sco_tracker.cli.app.main as the console script calls it (fast: no new process)."""
    monkeypatch.chdir(cwd)
    with pytest.raises(SystemExit) as exc:
        cli.main(args)
    out, err = capsys.readouterr()
    code = exc.value.code
    return Result(code if isinstance(code, int) else 1, out, err)


@pytest.mark.parametrize("name", list(cli.COMMANDS))
def test_every_command_has_help(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    command = cli.cli.get_command(click.Context(cli.cli), name)
    assert command is not None, f"{name} is in COMMANDS but has no command"
    assert command.help and command.help.strip(), f"'{name}' has no help text"
    result = run_in_process([name, "--help"], capsys, monkeypatch, tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: sco-tracker {name} ")
    first_line = command.help.strip().splitlines()[0]
    assert first_line in " ".join(result.stdout.split()), result.stdout
    # The main --help lists the command from COMMANDS without importing it: the same sentence.
    assert cli.COMMANDS[name][1] == command.get_short_help_str(limit=500)


#: The one command that reads no commitments file: it prints the schema every file follows.
READS_NO_FILE = {"schema"}


def _leaves(command: click.Command, path: str) -> list[tuple[str, click.Command]]:
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        return [
            leaf
            for name in command.list_commands(ctx)
            for leaf in _leaves(command.get_command(ctx, name), f"{path} {name}")  # type: ignore[arg-type]
        ]
    return [(path, command)]


def test_every_command_takes_the_file_as_f_or_file_or_sco_tracker_file() -> None:
    """README: 'give -f FILE (--file FILE) to any command, or set SCO_TRACKER_FILE'."""
    leaves = [
        leaf
        for name in cli.COMMANDS
        if name not in READS_NO_FILE
        for leaf in _leaves(cli.cli.get_command(click.Context(cli.cli), name), name)  # type: ignore[arg-type]
    ]
    assert len(leaves) >= len(cli.COMMANDS)  # db's subcommands count one by one
    for path, command in leaves:
        options = [p for p in command.params if "--file" in p.opts]
        assert len(options) == 1, f"'sco-tracker {path}' has no --file"
        assert "-f" in options[0].opts, f"'sco-tracker {path}' has no -f"
        assert options[0].envvar == "SCO_TRACKER_FILE", path
        assert options[0].default == "commitments.yaml", path


def test_main_help_lists_every_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    result = run_in_process(["--help"], capsys, monkeypatch, tmp_path)
    assert result.exit_code == 0
    listed = re.findall(r"^  (\S+)", result.stdout.split("Commands:")[1], re.MULTILINE)
    assert listed == list(cli.COMMANDS)


def test_main_help_imports_no_command_module(tmp_path: Path) -> None:
    """--help costs what plain click costs: the commands' modules (and what they import) wait."""
    code = (
        "import sys\nfrom sco_tracker.cli.app import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('sco_tracker.cli.') "
        "and m not in ('sco_tracker.cli.app',))\n"
        "heavy = sorted(m for m in ('sqlalchemy', 'apscheduler', 'jinja2', 'pydantic', 'pypdf') "
        "if m in sys.modules)\n"
        "print(loaded, heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.stderr.strip().splitlines()[-1] == "[] []", proc.stderr


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(
    flag: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    result = run_in_process([flag], capsys, monkeypatch, tmp_path)
    assert (result.exit_code, result.stdout) == (0, f"sco-tracker {__version__}\n")


def test_unknown_command_gives_a_hint(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    result = run_in_process(["valdiate"], capsys, monkeypatch, tmp_path)
    assert result.exit_code == 2
    assert "no such command 'valdiate' (did you mean 'validate'?)" in result.stderr
    assert "sco-tracker --help" in result.stderr


def test_unknown_option_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    result = run_in_process(["validate", "--jsno"], capsys, monkeypatch, tmp_path)
    assert result.exit_code == 2
    assert "No such option '--jsno'. Did you mean '--json'?" in result.stderr


def test_python_dash_m_works(project_dir: Path) -> None:
    result = run_cli(["--help"], project_dir)
    assert result.exit_code == 0, result.output
    assert "Usage: sco-tracker" in result.stdout
    for name in cli.COMMANDS:
        assert f"  {name}" in result.stdout
    result = run_cli(["validate"], project_dir)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("commitments.yaml: valid.")
    assert "Traceback" not in result.output


def test_validate_missing_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    result = run_in_process(["validate"], capsys, monkeypatch, tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: commitments.yaml: no such file.")


def test_validate_json_when_valid(
    project_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_in_process(["validate", "--json"], capsys, monkeypatch, project_dir)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    yaml_file = project_dir / "commitments.yaml"
    line = line_of(yaml_file, "quote: in early 2018")
    warning = {
        "file": "commitments.yaml",
        "line": line,
        "column": 12,
        "severity": "warning",
        "message": "the quote cannot be verified: source 'moscow-2017-10-11' has no local text",
        "code": "SCO501",
    }
    assert data == {
        "file": "commitments.yaml",
        "valid": True,
        "problems": [],
        "warnings": [warning],
        "commitments": 25,
    }


def test_validate_json_when_invalid(
    project_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    yaml_file = project_dir / "commitments.yaml"
    edit(yaml_file, "lead: kyrgyzstan", "lead: kyrgystan")
    result = run_in_process(["validate", "--json"], capsys, monkeypatch, project_dir)
    assert result.exit_code == 1
    assert result.stderr == ""
    data = json.loads(result.stdout)
    line = line_of(yaml_file, "lead: kyrgystan")
    col = (project_dir / "commitments.yaml").read_text(encoding="utf-8").splitlines()[
        line - 1
    ].index("kyrgystan") + 1
    assert data == {
        "file": "commitments.yaml",
        "valid": False,
        "problems": [
            {
                "file": "commitments.yaml",
                "line": line,
                "column": col,
                "severity": "error",
                "message": "unknown party 'kyrgystan' (did you mean 'kyrgyzstan'?)"
                + PARTIES_LISTED,
                "code": "SCO402",
            }
        ],
        # Warnings are reported with the problems: the Moscow plan's quote has no local text to
        # check.
        "warnings": [
            {
                "file": "commitments.yaml",
                "line": line_of(yaml_file, "quote: in early 2018"),
                "column": 12,
                "severity": "warning",
                "message": (
                    "the quote cannot be verified: source 'moscow-2017-10-11' has no local text"
                ),
                "code": "SCO501",
            }
        ],
        "commitments": None,
    }


def test_validate_text_output_when_invalid(
    project_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    yaml_file = project_dir / "commitments.yaml"
    edit(yaml_file, "lead: kyrgyzstan", "lead: kyrgystan")
    result = run_in_process(["validate"], capsys, monkeypatch, project_dir)
    assert result.exit_code == 1
    assert result.stdout == ""
    line = line_of(yaml_file, "lead: kyrgystan")
    warning = line_of(yaml_file, "quote: in early 2018")
    assert warning < line  # problems and warnings come in the order of the file
    assert result.stderr.splitlines() == [
        (
            f"commitments.yaml:{warning}:12: warning: the quote cannot be verified: source "
            "'moscow-2017-10-11' has no local text"
        ),
        (
            f"commitments.yaml:{line}:11: unknown party 'kyrgystan' (did you mean 'kyrgyzstan'?)"
            f"{PARTIES_LISTED}"
        ),
        "commitments.yaml: 1 problem found.",
    ]


def test_validate_takes_another_file(
    project_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project_dir / "commitments.yaml").rename(project_dir / "beijing.yaml")
    result = run_in_process(["validate", "beijing.yaml"], capsys, monkeypatch, project_dir)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("beijing.yaml: valid. 25 commitments")
    # Warnings name the file that was read, too.
    line = line_of(project_dir / "beijing.yaml", "quote: in early 2018")
    assert result.stderr == (
        f"beijing.yaml:{line}:12: warning: the quote cannot be verified: source "
        "'moscow-2017-10-11' has no local text\n"
    )


def test_shipped_schema_is_up_to_date() -> None:
    """commitments.schema.json (used by editors) is what `sco-tracker schema` prints today."""
    from tests.conftest import ROOT

    from sco_tracker.spec.schema import schema_json

    assert (ROOT / "commitments.schema.json").read_text(encoding="utf-8") == schema_json()


def test_fail_on_help_lists_every_finding_kind() -> None:
    from sco_tracker.cli.check import FAIL_ON_HELP
    from sco_tracker.tracking.checks import FINDING_KINDS

    listed = FAIL_ON_HELP.split("Kinds: ")[1].rstrip(".").split(", ")
    assert listed == FINDING_KINDS


def test_draft_help_says_where_write_puts_the_drafts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = " ".join(
        run_in_process(["draft", "--help"], capsys, monkeypatch, tmp_path).stdout.split()
    )
    assert "commitments/<source-id>.yaml" in out
    assert "'include:'" in out
    assert "appended" not in out.casefold() and "Append" not in out


def test_readme_names_only_options_its_commands_have() -> None:
    """`draft --dry-run` in the README would send analysts to an option that does not exist."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    seen = 0
    for name, option in re.findall(r"`(?:sco-tracker )?([a-z]+) (--[a-z][a-z-]*)", readme):
        if name not in cli.COMMANDS:
            continue
        command = cli.cli.get_command(click.Context(cli.cli), name)
        assert command is not None
        options = {o for p in command.params for o in getattr(p, "opts", [])}
        assert option in options, f"README: `{name} {option}`: {name} has no {option}"
        seen += 1
    assert seen > 10
