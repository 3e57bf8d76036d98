"""Tests for briefing.config: loading, path resolution, error messages with file, line and key
path, command-line overrides, the TOML line scanner, and the documented-fields contract."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from briefing.config import (
    Config,
    field_descriptions,
    format_loc,
    key_lines,
    load_config,
    with_overrides,
)
from briefing.errors import BriefingError, ConfigError

ROOT = Path(__file__).resolve().parent.parent
REPO_CONFIG = ROOT / "config.toml"

# A valid config; line numbers matter below, so keep the layout as it is:
#  1 [sources]            9 [[themes]]          14 [[themes]]
#  4 [[themes]]          10 key = "b"           15 key = "c"
#  5 key = "a"           12 cues = ["y"]        17 cues = ["z"]
VALID = """\
[sources]
folder = "articles"

[[themes]]
key = "a"
title = "A"
cues = ["x"]

[[themes]]
key = "b"
title = "B"
cues = ["y"]

[[themes]]
key = "c"
title = "C"
cues = ["z"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def config_error(tmp_path: Path, text: str) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    return info.value


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based number of the line holding the ``occurrence``-th ``needle``."""
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return found[occurrence - 1]


def only_problem(error: ConfigError) -> str:
    assert len(error.problems) == 1, error.problems
    return error.problems[0]


# --- loading -------------------------------------------------------------------------------


def test_repository_config_loads() -> None:
    config = load_config(REPO_CONFIG)
    assert config.sources.folder == ROOT / "examples" / "putin-talks"
    assert config.sources.folder.is_dir()
    assert config.date == dt.date(2025, 5, 11)
    keys = [theme.key for theme in config.themes]
    assert keys and len(keys) == len(set(keys))
    assert all(theme.cues for theme in config.themes)


def test_paths_are_relative_to_the_config_file_not_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = load_config(REPO_CONFIG)
    assert config.sources.folder == ROOT / "examples" / "putin-talks"
    assert config.output.dir == ROOT / "out"


def test_nested_relative_paths_and_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    absolute = tmp_path / "absolute-out"
    path = project / "briefing.toml"
    path.write_text(
        VALID.replace('folder = "articles"', 'folder = "../inbox/today"')
        + f'\n[output]\ndir = "{absolute.as_posix()}"\ntemplates = ["tpl", "../shared/tpl"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path / "project")
    # A relative config path, then a different working directory: same result.
    relative = load_config(Path("briefing.toml"))
    monkeypatch.chdir(tmp_path)
    config = load_config(path)
    assert relative == config
    assert config.sources.folder == (tmp_path / "inbox" / "today").resolve()
    assert config.output.dir == absolute
    assert config.output.templates == (
        (project / "tpl").resolve(),
        (tmp_path / "shared" / "tpl").resolve(),
    )


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "config.toml"
    with pytest.raises(ConfigError) as info:
        load_config(missing)
    message = str(info.value)
    assert str(missing) in message
    assert "not found" in message
    assert isinstance(info.value, BriefingError)


def test_invalid_toml_names_the_file_and_the_line(tmp_path: Path) -> None:
    text = VALID.replace('title = "B"', 'title = "B" "C"')
    error = config_error(tmp_path, text)
    message = str(error)
    assert str(tmp_path / "config.toml") in message
    assert "not valid TOML" in message
    assert f"line {line_of(text, 'title = ' + chr(34) + 'B')}" in message


# --- one problem: its line, its key path, what is wrong ------------------------------------


def test_unknown_top_level_key(tmp_path: Path) -> None:
    text = 'colour = "red"\n' + VALID
    problem = only_problem(config_error(tmp_path, text))
    assert problem.startswith(f"{tmp_path / 'config.toml'}:1: colour: unknown key")
    # The hint lists the keys that are allowed at that level.
    assert "sources" in problem and "themes" in problem


def test_unknown_key_in_third_theme(tmp_path: Path) -> None:
    text = VALID.replace('title = "C"\n', 'title = "C"\nkeywords = ["z"]\n')
    line = line_of(text, "keywords")
    assert line == 17
    problem = only_problem(config_error(tmp_path, text))
    assert f"config.toml:{line}: themes[2].keywords: unknown key" in problem
    assert "known keys here: key, title, description, cues" in problem


def test_unknown_key_in_a_table(tmp_path: Path) -> None:
    text = VALID + '\n[summarizer]\nalgorithm = "lexrank"\npoints = 3\n'
    problem = only_problem(config_error(tmp_path, text))
    assert f"config.toml:{line_of(text, 'points = 3')}: summarizer.points: unknown key" in problem
    assert "points_per_theme" in problem


def test_unknown_key_in_a_per_file_override_lists_the_known_keys(tmp_path: Path) -> None:
    text = VALID.replace(
        'folder = "articles"\n', 'folder = "articles"\n\n[sources.files."a.b.txt"]\ntitel = "X"\n'
    )
    problem = only_problem(config_error(tmp_path, text))
    assert (
        f'config.toml:{line_of(text, "titel")}: sources.files."a.b.txt".titel: unknown key'
        in problem
    )
    # The override table has four keys; the hint should name them like it does elsewhere.
    assert "known keys here: title, outlet, url, date" in problem


@pytest.mark.parametrize(
    ("section", "assignment", "loc", "needle"),
    [
        ("[summarizer]", 'points_per_theme = "many"', "summarizer.points_per_theme", "many"),
        ("[summarizer]", "points_per_theme = 0", "summarizer.points_per_theme", "0"),
        ("[summarizer]", 'algorithm = "nope"', "summarizer.algorithm", "lexrank"),
        ("[output]", 'formats = ["md", "docx"]', "output.formats[1]", "docx"),
        ("[output]", 'basename = "../escape"', "output.basename", "../escape"),
        ("[dedupe]", "duplicate_similarity = 1.5", "dedupe.duplicate_similarity", "1.5"),
        ("[editorial]", 'min_words = "seven"', "editorial.min_words", "seven"),
    ],
)
def test_bad_value_names_the_key_path_and_line(
    tmp_path: Path, section: str, assignment: str, loc: str, needle: str
) -> None:
    text = VALID + f"\n{section}\n{assignment}\n"
    problem = only_problem(config_error(tmp_path, text))
    assert f"config.toml:{line_of(text, assignment)}: {loc}: " in problem
    assert needle in problem


def test_bad_date_in_per_file_override(tmp_path: Path) -> None:
    text = VALID + '\n[sources.files."a.b.txt"]\ndate = "yesterday"\n'
    problem = only_problem(config_error(tmp_path, text))
    assert f'config.toml:{line_of(text, "yesterday")}: sources.files."a.b.txt".date: ' in problem


def test_duplicate_theme_key(tmp_path: Path) -> None:
    text = VALID.replace('key = "c"', 'key = "a"')
    problem = only_problem(config_error(tmp_path, text))
    line = line_of(text, 'key = "a"', 2)
    assert f"config.toml:{line}: themes[2].key: " in problem
    assert "'a' is already used by themes[0]" in problem


@pytest.mark.parametrize(
    ("cues", "expected"), [("[]", "at least 1 item"), ('["ok", "  "]', "a cue is empty")]
)
def test_empty_cues(tmp_path: Path, cues: str, expected: str) -> None:
    text = VALID.replace('cues = ["y"]', f"cues = {cues}")
    problem = only_problem(config_error(tmp_path, text))
    assert f"config.toml:{line_of(text, f'cues = {cues}')}: themes[1].cues: " in problem
    assert expected in problem


def test_min_points_larger_than_points_per_theme(tmp_path: Path) -> None:
    text = VALID + "\n[summarizer]\npoints_per_theme = 3\nmin_points_per_theme = 4\n"
    problem = only_problem(config_error(tmp_path, text))
    assert f"config.toml:{line_of(text, '[summarizer]')}: summarizer: " in problem
    assert "min_points_per_theme is larger than points_per_theme" in problem


@pytest.mark.parametrize("missing", ["sources", "themes"])
def test_missing_required_section(tmp_path: Path, missing: str) -> None:
    text = VALID.split("[[themes]]")[0] if missing == "themes" else VALID.split("\n", 2)[2]
    problem = only_problem(config_error(tmp_path, text))
    assert f": {missing}: required key is missing" in problem


# --- several problems at once ---------------------------------------------------------------


def test_every_problem_is_reported_in_one_error(tmp_path: Path) -> None:
    text = (
        'colour = "red"\n'
        + VALID.replace('title = "C"\n', 'title = "C"\nkeywords = ["z"]\n')
        + '\n[summarizer]\npoints_per_theme = "many"\nalgorithm = "nope"\n'
    )
    error = config_error(tmp_path, text)
    problems = error.problems
    assert len(problems) == 4, problems
    expected = {
        f"config.toml:{line_of(text, 'colour')}: colour: unknown key",
        f"config.toml:{line_of(text, 'keywords')}: themes[2].keywords: unknown key",
        f"config.toml:{line_of(text, 'many')}: summarizer.points_per_theme: ",
        f"config.toml:{line_of(text, 'nope')}: summarizer.algorithm: unknown algorithm 'nope'",
    }
    for start in expected:
        assert sum(start in p for p in problems) == 1, (start, problems)
    message = str(error)
    assert message.startswith(f"{tmp_path / 'config.toml'}: 4 problems in the configuration")
    assert all(p in message for p in problems)


def test_duplicate_theme_key_is_reported_alongside_other_theme_problems(tmp_path: Path) -> None:
    """Both problems are independent: the duplicate key should not wait for the next run."""
    text = VALID.replace('key = "b"', 'key = "a"').replace(
        'title = "C"\n', 'title = "C"\nkeywords = ["z"]\n'
    )
    problems = config_error(tmp_path, text).problems
    assert any("themes[2].keywords: unknown key" in p for p in problems), problems
    assert any("themes[1].key: theme key 'a' is already used" in p for p in problems), problems


# --- command-line overrides ------------------------------------------------------------------


def test_with_overrides_replaces_only_given_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(write(tmp_path, VALID + '\n[summarizer]\nalgorithm = "textrank"\n'))
    same = with_overrides(config, sources=None, out=None, formats=(), algorithm=None)
    assert same == config

    monkeypatch.chdir(tmp_path)
    changed = with_overrides(config, sources="inbox", formats=("json", "md", "json"))
    # Command-line paths are relative to where the command runs.
    assert changed.sources.folder == (tmp_path / "inbox").resolve()
    assert changed.output.formats == ("json", "md")
    assert changed.output.dir == config.output.dir
    assert changed.summarizer == config.summarizer
    assert changed.themes == config.themes
    assert changed.sources.files == config.sources.files

    other = with_overrides(config, out=tmp_path / "o", algorithm="lsa")
    assert other.output.dir == tmp_path / "o"
    assert other.output.formats == config.output.formats
    assert other.summarizer.algorithm == "lsa"
    assert other.summarizer.points_per_theme == config.summarizer.points_per_theme
    assert other.sources == config.sources
    # The original is untouched.
    assert config.summarizer.algorithm == "textrank"


# --- the line scanner -----------------------------------------------------------------------


def test_key_lines_tables_arrays_of_tables_and_quoted_keys() -> None:
    text = """\
title = "T"
[sources]
folder = "x"

[sources.files."a.b.txt"]   # a file name with dots
title = "Headline"
"odd key.with dots" = 1

[summarizer]
points_per_theme = 3

[[themes]]
key = "a"
cues = [
    "x",
    "y",
]

[[ themes ]]
key = "b"
inline.dotted = 2
[sources.files.'c d.txt']
url = "u"
"""
    lines = key_lines(text)
    assert lines[("title",)] == 1
    assert lines[("sources",)] == 2
    assert lines[("sources", "folder")] == 3
    assert lines[("sources", "files", "a.b.txt")] == 5
    assert lines[("sources", "files", "a.b.txt", "title")] == 6
    assert lines[("sources", "files", "a.b.txt", "odd key.with dots")] == 7
    assert lines[("summarizer",)] == 9
    assert lines[("summarizer", "points_per_theme")] == 10
    assert lines[("themes", 0)] == 12
    assert lines[("themes", 0, "key")] == 13
    assert lines[("themes", 0, "cues")] == 14
    assert lines[("themes", 1)] == 19
    assert lines[("themes", 1, "key")] == 20
    assert lines[("themes", 1, "inline", "dotted")] == 21
    assert lines[("sources", "files", "c d.txt", "url")] == 23
    # A key set in one theme is not credited to another, and array items are not keys.
    assert ("themes", 1, "cues") not in lines
    assert not any(key[-1] in {'"x",', "x"} for key in lines)


def test_key_lines_of_the_repository_config_match_its_text() -> None:
    text = REPO_CONFIG.read_text(encoding="utf-8")
    lines = key_lines(text)
    rows = text.splitlines()
    themes = [n for n, row in enumerate(rows, start=1) if row.strip() == "[[themes]]"]
    assert [lines[("themes", i)] for i in range(len(themes))] == themes
    for i in range(len(themes)):
        assert rows[lines[("themes", i, "cues")] - 1].lstrip().startswith("cues")
    assert rows[lines[("summarizer", "algorithm")] - 1].lstrip().startswith("algorithm")


@pytest.mark.parametrize(
    ("loc", "expected"),
    [
        (("themes", 2, "keywords"), "themes[2].keywords"),
        (("sources", "files", "a.b.txt", "title"), 'sources.files."a.b.txt".title'),
        (("output", "formats", 1), "output.formats[1]"),
        ((), ""),
    ],
)
def test_format_loc(loc: tuple[Any, ...], expected: str) -> None:
    assert format_loc(loc) == expected


# --- contract: every field is documented ------------------------------------------------------


def _all_fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> list[tuple[str, str]]:
    """Every (model, field) pair in the model tree, found independently of the code under test."""
    out = []
    for name, field in model.model_fields.items():
        out.append((model.__name__, name))
        for nested in _nested_models(field.annotation):
            if nested not in seen:
                seen.add(nested)
                out.extend(_all_fields(nested, seen))
    return out


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _nested_models(arg)]


def test_every_config_field_has_a_description() -> None:
    seen: set[type[BaseModel]] = {Config}
    fields = _all_fields(Config, seen)
    models = {model.__name__: model for model in seen}
    undocumented = [
        f"{owner}.{name}"
        for owner, name in fields
        if not (models[owner].model_fields[name].description or "").strip()
    ]
    assert undocumented == []


def test_field_descriptions_covers_the_whole_tree_without_blanks() -> None:
    described = list(field_descriptions())
    keys = [key for key, _ in described]
    assert len(keys) == len(set(keys))
    assert [key for key, text in described if not text.strip()] == []
    # One entry per field of the tree (each nested model appears once here).
    assert len(described) == len(_all_fields(Config, {Config}))
    for key in (
        "sources.folder",
        'sources.files."<file>".date',
        "summarizer.points_per_theme",
        "themes[].cues",
        "dedupe.duplicate_similarity",
    ):
        assert key in keys
