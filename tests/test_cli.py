"""The command as users run it: outputs, exit codes, messages, and nothing lost on failure."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main
from briefing.markup import escape_markdown
from tests.conftest import CONFIG, EXAMPLES, ROOT


def fold(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real command, in a subprocess, on the example corpus."""
    out = tmp_path_factory.mktemp("out")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1746946800"}
    completed = subprocess.run(
        [sys.executable, "-m", "briefing.cli", "build", "--config", str(CONFIG), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "points from 5 sources" in completed.stderr
    return out


def test_build_writes_all_four_formats(built: Path) -> None:
    names = sorted(p.name for p in built.iterdir())
    assert names == ["briefing.html", "briefing.json", "briefing.md", "briefing.pdf"]


def test_pdf_has_the_title_and_every_point(built: Path) -> None:
    from pypdf import PdfReader

    document = json.loads((built / "briefing.json").read_text(encoding="utf-8"))
    reader = PdfReader(built / "briefing.pdf")
    assert reader.metadata is not None
    assert reader.metadata.title == document["title"]
    text = fold("".join(page.extract_text() for page in reader.pages))

    # Hyphenation and line breaks aside, every point is in the PDF's text.
    def flat(value: str) -> str:
        return fold(value).replace("- ", "").replace(" ", "")

    for theme in document["themes"]:
        assert theme["title"] in text
        for point in theme["points"]:
            assert flat(point["text"]) in flat(text), point["text"]
    # The key quotes, the coverage table and the single-source marks are printed; 22 points,
    # 6 quotes, the table and the sources fit three pages.
    assert "Key quotes" in text and "Coverage" in text and "single source" in text
    assert len(reader.pages) == 3


def test_markdown_lists_themes_points_and_sources(built: Path) -> None:
    markdown = (built / "briefing.md").read_text(encoding="utf-8")
    document = json.loads((built / "briefing.json").read_text(encoding="utf-8"))
    assert markdown.startswith(f"# {document['title']}")
    headings = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert document["quotes"]
    assert headings == [t["title"] for t in document["themes"]] + [
        "Key quotes",
        "Coverage",
        "Sources",
    ]
    bullets = [line for line in markdown.splitlines() if line.startswith("- ")]
    assert len(bullets) == sum(len(t["points"]) for t in document["themes"]) + len(
        document["quotes"]
    )
    for quote in document["quotes"]:
        marks = "".join(f"[{n}]" for n in quote["citations"])
        text = escape_markdown(quote["text"])
        assert any(f"“{text}” {marks}" in line for line in bullets)
    for theme in document["themes"]:
        for point in theme["points"]:
            marks = "".join(f"[{n}]" for n in point["citations"])
            assert any(f"{marks} *(" in line for line in bullets)
    for source in document["sources"]:
        assert f"{source['id']}. " in markdown and source["path"] in markdown


def test_missing_config_is_exit_2_naming_the_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--config", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2
    assert "nope.toml" in result.output and "not found" in result.output


def _config_with(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_invalid_toml_is_exit_2_with_the_line(tmp_path: Path) -> None:
    config = _config_with(tmp_path, 'title = "x"\n[sources\nfolder = "a"\n')
    result = CliRunner().invoke(
        main, ["build", "--config", str(config), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "config.toml" in result.output and "line 2" in result.output
    assert not (tmp_path / "o").exists()


def test_unknown_key_is_exit_2_naming_key_and_line(tmp_path: Path) -> None:
    text = CONFIG.read_text(encoding="utf-8").replace(
        'key = "reactions"', 'key = "reactions"\nkeywords = ["x"]'
    )
    text = text.replace('folder = "examples/putin-talks"', f'folder = "{EXAMPLES}"')
    config = _config_with(tmp_path, text)
    line = text.splitlines().index('keywords = ["x"]') + 1
    result = CliRunner().invoke(
        main, ["build", "--config", str(config), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert f"config.toml:{line}: themes[2].keywords: unknown key" in result.output
    assert not (tmp_path / "o").exists()


def test_bad_value_is_exit_2(tmp_path: Path) -> None:
    text = CONFIG.read_text(encoding="utf-8").replace(
        'algorithm = "lexrank"', 'algorithm = "magic"'
    )
    config = _config_with(tmp_path, text)
    result = CliRunner().invoke(main, ["build", "--config", str(config)])
    assert result.exit_code == 2
    assert "summarizer.algorithm" in result.output and "magic" in result.output


def test_a_story_type_config_without_sources_builds_the_folder_given(tmp_path: Path) -> None:
    """A newsroom keeps one config per kind of story (themes, budgets) and names the day's
    folder on the command line; without --sources the missing folder is an error naming it."""
    text = CONFIG.read_text(encoding="utf-8")
    text = text.replace('[sources]\nfolder = "examples/putin-talks"\n', "")
    assert "[sources]" not in text
    config = _config_with(tmp_path, text)
    out = tmp_path / "o"
    built = CliRunner().invoke(
        main,
        ["build", "--config", str(config), "--sources", str(EXAMPLES), "--out", str(out)],
    )
    assert built.exit_code == 0, built.output
    assert (out / "briefing.md").exists()
    missing = CliRunner().invoke(main, ["build", "--config", str(config), "--out", str(out)])
    assert missing.exit_code == 2
    assert "sources: required key is missing" in missing.output
    assert "or pass --sources FOLDER" in missing.output
    # Commands that read no articles take it as it is.
    checked = CliRunner().invoke(main, ["check", "--config", str(config)])
    assert checked.exit_code == 0, checked.output
    listed = CliRunner().invoke(main, ["templates", "list", "--config", str(config)])
    assert listed.exit_code == 0, listed.output


def test_folder_without_usable_articles_is_exit_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("   \n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["build", "--config", str(CONFIG), "--sources", str(empty), "--out", str(tmp_path / "o")],
    )
    assert result.exit_code == 1
    assert "no usable article" in result.output
    assert not (tmp_path / "o").exists()


def test_strict_turns_warnings_into_failure(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(EXAMPLES, sources)
    (sources / "broken.txt").write_bytes(b"\x00\x01binary")
    args = ["build", "--config", str(CONFIG), "--sources", str(sources), "--format", "md"]
    relaxed = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "a")])
    assert relaxed.exit_code == 0
    assert "broken.txt: skipped: binary data" in relaxed.output
    assert relaxed.output.count("broken.txt: skipped") == 1, "each warning is reported once"
    strict = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "b"), "--strict"])
    assert strict.exit_code == 4
    assert not (tmp_path / "b").exists()


def test_failed_build_leaves_the_previous_briefing_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ok = CliRunner().invoke(
        main,
        ["build", "--config", str(CONFIG), "--out", str(out), "--format", "md", "--format", "json"],
    )
    assert ok.exit_code == 0, ok.output
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "briefing.md.j2").write_text("{{ briefing.titel }}\n", encoding="utf-8")
    text = (
        CONFIG.read_text(encoding="utf-8")
        .replace(
            'formats = ["md", "html", "pdf", "json"]',
            f'formats = ["md", "json"]\ntemplates = ["{templates}"]',
        )
        .replace('folder = "examples/putin-talks"', f'folder = "{EXAMPLES}"')
    )
    config = _config_with(tmp_path, text)
    failed = CliRunner().invoke(main, ["build", "--config", str(config), "--out", str(out)])
    assert failed.exit_code == 2
    assert "briefing.md.j2" in failed.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_write_that_fails_midway_leaves_nothing_half_written(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing import pipeline
    from briefing.errors import OutputError

    out = tmp_path / "out"
    pipeline.write_outputs({"md": b"old md", "json": b"old json"}, out, "briefing")
    real_fdopen = os.fdopen
    calls = {"n": 0}

    def failing_fdopen(fd, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            os.close(fd)
            raise OSError(28, "No space left on device")
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(pipeline.os, "fdopen", failing_fdopen)
    with pytest.raises(OutputError, match="No space left"):
        pipeline.write_outputs({"md": b"new md", "json": b"new json"}, out, "briefing")
    assert sorted(p.name for p in out.iterdir()) == ["briefing.json", "briefing.md"]
    assert (out / "briefing.md").read_bytes() == b"old md"


def test_every_command_has_help_with_an_example() -> None:
    for command in main.commands.values():
        result = CliRunner().invoke(main, [command.name, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, command.name


def test_two_editions_are_built_in_one_run(tmp_path: Path) -> None:
    """A one-page 'morning' edition with the top 2 points of two themes, and the full one."""
    text = CONFIG.read_text(encoding="utf-8").replace(
        'folder = "examples/putin-talks"', f'folder = "{EXAMPLES}"'
    )
    text += (
        '\n[[editions]]\nname = "morning"\nformats = ["md", "json"]\n'
        'themes = ["proposal", "reactions"]\npoints_per_theme = 2\n'
        '\n[[editions]]\nname = "full"\nformats = ["md"]\n'
    )
    config = _config_with(tmp_path, text)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--config", str(config), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.*")) == [
        "full/briefing.md",
        "morning/briefing.json",
        "morning/briefing.md",
    ]
    morning = json.loads((out / "morning" / "briefing.json").read_text(encoding="utf-8"))
    assert [t["key"] for t in morning["themes"]] == ["proposal", "reactions"]
    assert all(len(t["points"]) == 2 for t in morning["themes"])
    full = (out / "full" / "briefing.md").read_text(encoding="utf-8")
    assert "## Battlefield context" in full
    # The same points: the morning edition's are the full edition's best.
    for theme in morning["themes"]:
        for point in theme["points"]:
            assert point["text"] in full


def test_an_edition_naming_an_unknown_theme_is_a_config_error(tmp_path: Path) -> None:
    text = CONFIG.read_text(encoding="utf-8") + '\n[[editions]]\nname = "x"\nthemes = ["sport"]\n'
    result = CliRunner().invoke(main, ["build", "--config", str(_config_with(tmp_path, text))])
    assert result.exit_code == 2
    assert "unknown theme(s) sport" in result.output


def test_build_counts_one_source_in_the_singular(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    shutil.copy(next(EXAMPLES.glob("000_*.txt")), story / "only.txt")
    result = CliRunner().invoke(
        main,
        ["build", "--config", str(CONFIG), "--sources", str(story), "--out", str(tmp_path / "o")],
    )
    assert result.exit_code == 0, result.output
    assert "points from 1 source\n" in result.stderr
