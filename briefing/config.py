"""Reads and validates ``config.toml``: the edge where untrusted settings become typed ones.

Every field is declared once, here, with its default and a description (the reference in the
README is checked against these descriptions). Problems are collected and reported all at once,
each with the file, the line and the TOML path of the key (``themes[2].cues``), then loading
stops with a ``ConfigError``.

Paths in the file are relative to the file itself, not to the working directory, so a scheduled
run from anywhere reads the same folders.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .configbase import ConfigPath, Section
from .dailyconfig import DailyConfig
from .errors import ConfigError
from .rank import SUMMARIZERS

FORMATS = ("md", "html", "pdf", "json")
Format = Literal["md", "html", "pdf", "json"]


class SourceOverride(Section):
    """Metadata for one source file, given or corrected by the editor."""

    title: str | None = Field(None, description="Headline, instead of the one read from the file.")
    outlet: str | None = Field(None, description="Name of the outlet that published the article.")
    url: str | None = Field(None, description="Address of the article, shown in the source list.")
    date: dt.date | None = Field(None, description="Publication date (YYYY-MM-DD).")


class SourcesConfig(Section):
    """Where the articles come from."""

    folder: ConfigPath = Field(
        description="Folder of articles (.txt, .md, .html), relative to this config file."
    )
    files: dict[str, SourceOverride] = Field(
        default_factory=dict,
        description='Per-file metadata, keyed by file name: [sources.files."name.txt"].',
    )


class OutputConfig(Section):
    """What is written, and where."""

    dir: ConfigPath = Field(Path("out"), description="Output folder, relative to this file.")
    formats: tuple[Format, ...] = Field(
        ("md", "html", "pdf", "json"),
        description='Formats to write, among "md", "html", "pdf", "json".',
    )
    basename: str = Field(
        "briefing",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        description="File name of the outputs without extension (briefing.md, ...).",
    )
    templates: tuple[ConfigPath, ...] = Field(
        (),
        description="Editorial template folders, searched before the bundled templates.",
    )

    @field_validator("formats")
    @classmethod
    def _formats_unique(cls, formats: tuple[str, ...]) -> tuple[str, ...]:
        if not formats:
            raise ValueError("name at least one format")
        return tuple(dict.fromkeys(formats))


class SummarizerConfig(Section):
    """How sentences are ranked and how much of them the briefing takes."""

    algorithm: str = Field(
        "lexrank",
        description=f"Ranking algorithm, one of: {', '.join(SUMMARIZERS)}.",
    )
    points_per_theme: int = Field(5, ge=1, le=50, description="Most points in one theme.")
    words_per_theme: int = Field(
        170, ge=10, le=5000, description="Most words in one theme's points together."
    )
    min_points_per_theme: int = Field(
        2,
        ge=0,
        le=50,
        description="Fewest points a theme should have; context-dependent sentences fill up to it.",
    )
    max_points: int = Field(24, ge=1, le=500, description="Most points in the whole briefing.")
    max_quotes: int = Field(
        6,
        ge=0,
        le=50,
        description="Most key quotes (direct quotations with their speaker); 0 leaves the "
        "section out.",
    )

    @field_validator("algorithm")
    @classmethod
    def _known_algorithm(cls, name: str) -> str:
        if name not in SUMMARIZERS:
            raise ValueError(f"unknown algorithm {name!r}; choose one of {', '.join(SUMMARIZERS)}")
        return name

    @model_validator(mode="after")
    def _consistent(self) -> SummarizerConfig:
        if self.min_points_per_theme > self.points_per_theme:
            raise ValueError("min_points_per_theme is larger than points_per_theme")
        return self


class EditorialConfig(Section):
    """What a sentence needs to stand alone as a point."""

    min_words: int = Field(7, ge=1, le=100, description="Fewest words in a point.")
    max_words: int = Field(70, ge=5, le=500, description="Most words in a point.")


class DedupeConfig(Section):
    """When two sentences say the same thing."""

    duplicate_similarity: float = Field(
        0.5,
        gt=0,
        le=1,
        description=(
            "Weighted word overlap (0-1) above which two sentences are one statement and are "
            "merged into one point citing both sources."
        ),
    )
    redundancy_similarity: float = Field(
        0.3,
        gt=0,
        le=1,
        description=(
            "Overlap above which a sentence is too close to a point already chosen to become a "
            "point of its own (it is not cited for it either)."
        ),
    )


class EditionConfig(Section):
    """One edition of the briefing: its own templates, formats and budget, same points."""

    name: str = Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="Name of the edition; its files go to <output.dir>/<name>/.",
    )
    formats: tuple[Format, ...] | None = Field(
        None, description="Formats of this edition; default: output.formats."
    )
    templates: tuple[ConfigPath, ...] = Field(
        (),
        description="Template folders of this edition, searched before output.templates.",
    )
    themes: tuple[str, ...] | None = Field(
        None, description="Keys of the themes this edition shows, in config order; default: all."
    )
    points_per_theme: int | None = Field(
        None, ge=1, le=50, description="Most points in one theme; default: the summarizer's."
    )
    words_per_theme: int | None = Field(
        None, ge=10, le=5000, description="Most words per theme; default: the summarizer's."
    )
    max_points: int | None = Field(
        None, ge=1, le=500, description="Most points in the edition; default: the summarizer's."
    )
    max_quotes: int | None = Field(
        None,
        ge=0,
        le=50,
        description="Most key quotes in the edition (0: none); default: the summarizer's.",
    )


class ThemeConfig(Section):
    """One section of the briefing."""

    key: str = Field(
        pattern=r"^[a-z][a-z0-9_-]*$",
        description="Identifier used in templates and JSON (lower case, digits, - and _).",
    )
    title: str = Field(min_length=1, description="Section heading.")
    description: str = Field("", description="What belongs in this theme, for editors and readers.")
    cues: tuple[str, ...] = Field(
        min_length=1,
        description=(
            "Words or phrases that place a sentence in this theme; matched after stemming, "
            "so 'propose' also matches 'proposed' and 'proposal'."
        ),
    )

    @field_validator("cues")
    @classmethod
    def _cues_not_blank(cls, cues: tuple[str, ...]) -> tuple[str, ...]:
        for cue in cues:
            if not cue.strip():
                raise ValueError("a cue is empty")
        return cues


class Config(Section):
    """A briefing: its sources, themes and outputs."""

    title: str | None = Field(
        None, description="Briefing title; default: the headline of the first source."
    )
    date: dt.date | None = Field(
        None, description="Briefing date; default: the newest source date, else today."
    )
    language: Literal["english"] = Field("english", description="Language of the articles.")
    sources: SourcesConfig = Field(description="Where the articles come from.")
    output: OutputConfig = Field(default_factory=OutputConfig, description="What is written.")
    summarizer: SummarizerConfig = Field(
        default_factory=SummarizerConfig, description="Ranking and budgets."
    )
    editorial: EditorialConfig = Field(
        default_factory=EditorialConfig, description="What makes a usable point."
    )
    dedupe: DedupeConfig = Field(
        default_factory=DedupeConfig, description="Merging of sentences that say the same."
    )
    themes: tuple[ThemeConfig, ...] = Field(
        min_length=1, description="The sections of the briefing, in order ([[themes]] tables)."
    )
    daily: DailyConfig = Field(
        default_factory=DailyConfig,
        description=(
            "The unattended daily briefing (briefing daily): feeds, inbox, time zone, network "
            "limits and archive ([daily] table)."
        ),
    )
    editions: tuple[EditionConfig, ...] = Field(
        (),
        description=(
            "Editions built from the same briefing ([[editions]] tables); none: one briefing "
            "in output.dir."
        ),
    )

    @model_validator(mode="after")
    def _editions_consistent(self) -> Config:
        names: set[str] = set()
        keys = {theme.key for theme in self.themes}
        for edition in self.editions:
            if edition.name in names:
                raise ValueError(f"edition name {edition.name!r} is used twice")
            names.add(edition.name)
            unknown = [k for k in edition.themes or () if k not in keys]
            if unknown:
                raise ValueError(
                    f"edition {edition.name!r} names unknown theme(s) {', '.join(unknown)}; "
                    f"themes are: {', '.join(sorted(keys))}"
                )
        return self

    def template_dirs(self, edition: EditionConfig | None = None) -> list[Path]:
        """The editorial template folders an edition (or the plain briefing) searches first."""
        return [*(edition.templates if edition else ()), *self.output.templates]

    def formats_of(self, edition: EditionConfig | None = None) -> tuple[str, ...]:
        """The formats an edition (or the plain briefing) is written in."""
        return (edition.formats if edition else None) or self.output.formats

    def for_edition(self, edition: EditionConfig) -> Config:
        """This config as one edition sees it: its themes and its budget."""
        budget = self.summarizer
        points = edition.points_per_theme or budget.points_per_theme
        summarizer = budget.model_copy(
            update={
                "points_per_theme": points,
                "min_points_per_theme": min(budget.min_points_per_theme, points),
                "words_per_theme": edition.words_per_theme or budget.words_per_theme,
                "max_points": edition.max_points or budget.max_points,
                "max_quotes": (
                    budget.max_quotes if edition.max_quotes is None else edition.max_quotes
                ),
            }
        )
        themes = tuple(t for t in self.themes if edition.themes is None or t.key in edition.themes)
        return self.model_copy(update={"summarizer": summarizer, "themes": themes})

    @field_validator("themes")
    @classmethod
    def _unique_keys(cls, themes: tuple[ThemeConfig, ...]) -> tuple[ThemeConfig, ...]:
        seen: set[str] = set()
        for theme in themes:
            if theme.key in seen:
                raise ValueError(f"theme key {theme.key!r} is used twice")
            seen.add(theme.key)
        return themes


def load_config(path: Path, *, need_sources: bool = True) -> Config:
    """Read, parse and validate a config file.

    ``need_sources`` false: the command names the folder of articles itself (``--sources``,
    the daily inbox) or reads none (``check``, ``templates``), so the file may leave out its
    ``[sources]`` table: a story type (themes, budgets, templates) used on a new folder every
    day.

    Raises ConfigError naming the file, and for each problem its line and key.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: config file not found; pass --config PATH or create config.toml "
            "(see README, 'Configuration')"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if "sources" not in data and not need_sources:
        data["sources"] = {"folder": "."}  # unused, or replaced by the folder given
    return parse_config(data, path, text)


def parse_config(data: Mapping[str, Any], path: Path, text: str = "") -> Config:
    """Validate already-parsed TOML data; ``text`` (the file) is used to find line numbers."""
    lines = key_lines(text)
    # Checked here as well as in the model: pydantic skips a list's own validator when one of
    # its items is invalid, and every problem is to be reported at once.
    problems = list(_duplicate_theme_keys(data, path, lines))
    try:
        config = Config.model_validate(data, context={"base_dir": path.resolve().parent})
    except ValidationError as exc:
        problems += [
            _describe(path, err["loc"], err["msg"], err.get("input"), err["type"], lines)
            for err in exc.errors()
            if not (err["loc"] == ("themes",) and "used twice" in err["msg"])
        ]
    if problems:
        count = len(problems)
        raise ConfigError(
            f"{path}: {count} problem{'s' if count != 1 else ''} in the configuration",
            tuple(problems),
        )
    return config


def _duplicate_theme_keys(
    data: Mapping[str, Any], path: Path, lines: Mapping[tuple[int | str, ...], int]
) -> Iterable[str]:
    themes = data.get("themes")
    if not isinstance(themes, list):
        return
    first: dict[str, int] = {}
    for index, theme in enumerate(themes):
        key = theme.get("key") if isinstance(theme, dict) else None
        if not isinstance(key, str):
            continue
        if key in first:
            loc = ("themes", index, "key")
            line = _line_for(loc, lines)
            where = f"{path}:{line}" if line else str(path)
            yield (
                f"{where}: {format_loc(loc)}: theme key {key!r} is already used by "
                f"themes[{first[key]}]; each theme needs its own key"
            )
        else:
            first[key] = index


def with_overrides(config: Config, **changes: Any) -> Config:
    """A copy of ``config`` with command-line values; ``None`` means "not given".

    Another source folder is another story: the config's ``title``, ``date`` and per-file
    metadata belong to its own folder, so they are dropped (the title and date then come from
    the articles) unless a ``title`` is given too.
    """
    sources = config.sources
    output = config.output
    update: dict[str, Any] = {}
    if changes.get("sources") is not None:
        sources = SourcesConfig(folder=Path(changes["sources"]).resolve())
        update.update(title=None, date=None)
    if changes.get("title") is not None:
        update["title"] = changes["title"]
    if changes.get("out") is not None:
        output = output.model_copy(update={"dir": Path(changes["out"]).resolve()})
    if changes.get("formats"):
        output = output.model_copy(update={"formats": tuple(dict.fromkeys(changes["formats"]))})
    update.update(sources=sources, output=output)
    if changes.get("algorithm") is not None:
        summarizer = config.summarizer.model_copy(update={"algorithm": changes["algorithm"]})
        # Re-validate: the algorithm name comes from the command line.
        update["summarizer"] = SummarizerConfig.model_validate(summarizer.model_dump())
    return config.model_copy(update=update)


def format_loc(loc: Sequence[int | str]) -> str:
    """``("themes", 2, "cues")`` -> ``themes[2].cues``; keys that are not bare are quoted."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else f'"{part}"'
            out += f".{name}" if out else name
    return out


def _describe(
    path: Path,
    loc: Sequence[int | str],
    msg: str,
    value: Any,
    kind: str,
    lines: Mapping[tuple[int | str, ...], int],
) -> str:
    loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
    line = _line_for(loc, lines)
    where = f"{path}:{line}" if line else str(path)
    msg = msg.removeprefix("Value error, ")
    if kind == "extra_forbidden":
        msg = f"unknown key; {_known_keys_hint(loc)}"
    elif kind == "missing":
        msg = "required key is missing"
        if loc == ("sources",):
            msg += ': add [sources] with folder = "FOLDER" of articles, or pass --sources FOLDER'
    elif value is not None and kind not in {"model_type", "dict_type"}:
        msg = f"{msg} (got {value!r})"
    return f"{where}: {format_loc(loc) or '(top level)'}: {msg}"


def _known_keys_hint(loc: Sequence[int | str]) -> str:
    model: type[BaseModel] | None = Config
    keyed = False  # the next part is a key of a table of tables ([sources.files."a.txt"])
    for part in loc[:-1]:
        if model is None or isinstance(part, int) or keyed:
            keyed = False
            continue
        field = model.model_fields.get(part)
        model = _model_of(field.annotation) if field else None
        keyed = field is not None and getattr(field.annotation, "__origin__", None) is dict
    if model is None:
        return "check the spelling"
    return "known keys here: " + ", ".join(model.model_fields)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _line_for(loc: tuple[int | str, ...], lines: Mapping[tuple[int | str, ...], int]) -> int | None:
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(#.*)?$")
_ASSIGN = re.compile(
    r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
)
_KEY_PART = re.compile(r"[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'")


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in _KEY_PART.findall(dotted))


def key_lines(text: str) -> dict[tuple[int | str, ...], int]:
    """Map each TOML key path (array-of-table entries indexed) to the line that sets it.

    A line scanner, not a parser: it handles tables, arrays of tables, dotted and quoted keys,
    which is what config files use. It only serves error messages, so an unusual layout costs a
    line number, never a wrong value.
    """
    lines: dict[tuple[int | str, ...], int] = {}
    counts: dict[tuple[int | str, ...], int] = {}
    table: tuple[int | str, ...] = ()
    for number, raw in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(raw)
        if header and not _ASSIGN.match(raw):
            parts = _split_key(header.group(2))
            if header.group(1) == "[[":
                index = counts.get(parts, -1) + 1
                counts[parts] = index
                table = (*parts, index)
            else:
                table = parts
            lines.setdefault(table, number)
            continue
        assign = _ASSIGN.match(raw)
        if assign:
            lines.setdefault((*table, *_split_key(assign.group(1))), number)
    return lines


def field_descriptions(
    model: type[BaseModel] = Config, prefix: str = ""
) -> Iterable[tuple[str, str]]:
    """Every config key with its description, depth first (for the README reference)."""
    for name, field in model.model_fields.items():
        key = f"{prefix}{name}"
        yield key, field.description or ""
        nested = _model_of(field.annotation)
        if nested is not None:
            child = f"{key}[]." if name in {"themes", "editions", "feeds"} else f"{key}."
            if name == "files":
                child = f'{key}."<file>".'
            yield from field_descriptions(nested, child)
