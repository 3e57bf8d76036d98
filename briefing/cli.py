"""The command line: a thin layer over the library.

It parses options, calls ``pipeline.build``, prints what was written and maps exceptions to exit
codes. Only this module prints and exits; the library raises and logs.

Exit codes: 0 done; 1 no usable article or the build failed; 2 configuration or template error;
3 an output could not be written; 4 ``--strict`` and there were warnings; 75 another daily run
holds the lock (try again later).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .config import FORMATS, Config, EditionConfig, load_config, with_overrides
from .errors import BriefingError, ConfigError, LockHeld, OutputError, TemplateError
from .rank import SUMMARIZERS
from .text import counted

EXIT_OK, EXIT_FAILED, EXIT_CONFIG, EXIT_OUTPUT, EXIT_STRICT = 0, 1, 2, 3, 4
EXIT_LOCKED = 75  # EX_TEMPFAIL: another daily run holds the lock; try again later


def _exit_code(error: BriefingError) -> int:
    from .pipeline import StrictError

    if isinstance(error, LockHeld):
        return EXIT_LOCKED
    if isinstance(error, (ConfigError, TemplateError)):
        return EXIT_CONFIG
    if isinstance(error, OutputError):
        return EXIT_OUTPUT
    if isinstance(error, StrictError):
        return EXIT_STRICT
    return EXIT_FAILED


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.INFO if verbose else logging.WARNING)
    if verbose > 1:
        level = logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    package = logging.getLogger("briefing")
    package.handlers[:] = [h for h in package.handlers if isinstance(h, logging.NullHandler)]
    package.addHandler(handler)
    package.setLevel(level)
    package.propagate = False


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option("-v", "--verbose", count=True, help="Say what each stage does (-vv: debug).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def main(verbose: int, quiet: bool) -> None:
    """Turn several news articles about one story into a short, cited briefing.

    \b
    Example:
        briefing build                      # uses ./config.toml
        briefing build --sources folder/ --out out/folder-brief
    """
    _setup_logging(verbose, quiet)
    click.get_current_context().obj = {"quiet": quiet}


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default="config.toml",
    show_default=True,
    help="The briefing's config file.",
)
edition_option = click.option(
    "--edition",
    help="The edition (an [[editions]] name); default: the first, or the only briefing.",
)


def _fail(ctx: click.Context, error: BriefingError) -> NoReturn:
    click.echo(f"briefing: error: {error}", err=True)
    ctx.exit(_exit_code(error))
    raise AssertionError("unreachable")  # ctx.exit raises


def _edition(config: Config, name: str | None) -> EditionConfig | None:
    """The edition called ``name`` (None: the first one, if any)."""
    if not config.editions:
        if name is not None:
            raise ConfigError(f"--edition {name}: the config declares no [[editions]]")
        return None
    if name is None:
        return config.editions[0]
    for edition in config.editions:
        if edition.name == name:
            return edition
    names = ", ".join(e.name for e in config.editions)
    raise ConfigError(f"--edition {name}: no such edition; the config has: {names}")


@main.command()
@config_option
@click.option(
    "--sources",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of articles to use instead of the config's [sources] folder.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Output folder instead of the config's [output] dir.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Write only this format (repeat for several); default: the config's formats.",
)
@click.option(
    "--summarizer",
    type=click.Choice(list(SUMMARIZERS)),
    help="Ranking algorithm instead of the config's [summarizer] algorithm.",
)
@click.option(
    "--title",
    help="Briefing title (with --sources, the config's title is not used: it names its story).",
)
@click.option("--strict", is_flag=True, help="Fail, writing nothing, if there is any warning.")
@click.pass_context
def build(
    ctx: click.Context,
    config_path: Path,
    sources: Path | None,
    out: Path | None,
    formats: tuple[str, ...],
    summarizer: str | None,
    title: str | None,
    strict: bool,
) -> None:
    """Build the briefing: Markdown, HTML, PDF and JSON in the output folder.

    Reads every .txt, .md and .html file of the source folder. Options given on the command
    line override the config file; paths in the config file are relative to it.

    \b
    Example:
        briefing build --config config.toml --out out/
        briefing build --sources ~/inbox/2025-05-11 --out out/inbox --format md --format json
    """
    from .pipeline import build as run_build

    try:
        config = with_overrides(
            load_config(config_path, need_sources=sources is None),
            sources=sources,
            out=out,
            formats=formats,
            algorithm=summarizer,
            title=title,
        )
        result = run_build(
            config,
            now=_now(),
            root=config_path.resolve().parent,
            strict=strict,
        )
    except BriefingError as error:
        click.echo(f"briefing: error: {error}", err=True)
        ctx.exit(_exit_code(error))
    for warning in result.warnings:
        click.echo(f"briefing: warning: {warning}", err=True)
    briefing = result.briefing
    if not (ctx.obj or {}).get("quiet"):
        click.echo(
            f"{briefing.title}: {counted(len(briefing.points), 'point')} from "
            f"{counted(len(briefing.sources), 'source')}",
            err=True,
        )
    for path in result.outputs:
        click.echo(_shown(path))


@main.group()
def templates() -> None:
    """See which templates are used, and copy one to change it.

    \b
    Example:
        briefing templates list
        briefing templates copy briefing.md.j2
    """


@templates.command("list")
@config_option
@edition_option
@click.pass_context
def templates_list(ctx: click.Context, config_path: Path, edition: str | None) -> None:
    """List the bundled templates and which of them an editorial folder overrides.

    \b
    Example:
        briefing templates list --config config.toml
    """
    from .render import list_templates

    try:
        config = load_config(config_path, need_sources=False)
        folders = config.template_dirs(_edition(config, edition))
        rows = list_templates(folders)
    except BriefingError as error:
        _fail(ctx, error)
    for name, bundled, override in rows:
        if bundled is None and override is not None:
            where = f"editorial only: {_shown(override)}"
        elif override is not None:
            where = f"overridden by {_shown(override)}"
        else:
            where = "bundled"
        click.echo(f"{name:32} {where}")


@templates.command("copy")
@click.argument("name")
@config_option
@edition_option
@click.option(
    "--to",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to copy into; default: the first editorial template folder of the config.",
)
@click.pass_context
def templates_copy(
    ctx: click.Context, name: str, config_path: Path, edition: str | None, folder: Path | None
) -> None:
    """Copy a bundled template into an editorial folder, to edit it there.

    The copy is used from then on instead of the bundled template (the folder must be named in
    [output] templates, or in the edition's templates). An existing file is never overwritten.

    \b
    Example:
        briefing templates copy briefing.md.j2
        briefing templates copy print.css --to editorial/
    """
    from .render import copy_template

    try:
        if folder is None:
            config = load_config(config_path, need_sources=False)
            folders = config.template_dirs(_edition(config, edition))
            if not folders:
                raise ConfigError(
                    f"{config_path}: no editorial template folder; add templates = "
                    '["editorial"] under [output], or pass --to FOLDER'
                )
            folder = folders[0]
        copied = copy_template(name, folder)
    except BriefingError as error:
        _fail(ctx, error)
    click.echo(_shown(copied))


@main.command()
@config_option
@edition_option
@click.option(
    "--sources",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of articles instead of the config's [sources] folder.",
)
@click.pass_context
def context(
    ctx: click.Context, config_path: Path, edition: str | None, sources: Path | None
) -> None:
    """Print, as JSON, exactly what the templates receive, from a real build.

    Nothing is written. The names are documented in docs/templates.md.

    \b
    Example:
        briefing context > context.json
        briefing context --edition morning
    """
    import json

    from .pipeline import analyse, compose_from
    from .render import context_document

    try:
        config = with_overrides(
            load_config(config_path, need_sources=sources is None), sources=sources
        )
        chosen = _edition(config, edition)
        analysis = analyse(config, root=config_path.resolve().parent)
        seen = config.for_edition(chosen) if chosen else config
        document = context_document(compose_from(analysis, seen, now=_now()))
    except BriefingError as error:
        _fail(ctx, error)
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


@main.command()
@config_option
@click.pass_context
def check(ctx: click.Context, config_path: Path) -> None:
    """Check config.toml and every template, without building.

    Every template of every edition is rendered against a sample briefing; all problems are
    reported at once, each with its file and line. Exit code 2 if there is any.

    \b
    Example:
        briefing check --config config.toml
    """
    from .render import check_templates
    from .sample import sample_briefing

    try:
        config = load_config(config_path, need_sources=False)
    except BriefingError as error:
        _fail(ctx, error)
    problems: list[str] = []
    for edition in config.editions or (None,):
        seen = config.for_edition(edition) if edition else config
        sample = sample_briefing(seen, now=_now())
        for problem in check_templates(config.template_dirs(edition), sample):
            if problem not in problems:
                problems.append(problem)
    for problem in problems:
        click.echo(f"briefing: error: {problem}", err=True)
    if problems:
        ctx.exit(EXIT_CONFIG)
    if not (ctx.obj or {}).get("quiet"):
        editions = len(config.editions) or 1
        click.echo(f"{config_path}: config and templates are fine ({editions} edition(s))")


def _run_daily(config_path: Path, day: dt.date | None, strict: bool, fresh: bool) -> int:
    """One daily run; returns its exit code (the scheduler calls it once a day)."""
    from .daily import run_daily

    try:
        # Read anew on every run: editors may change the config between days. The day's
        # articles come from the inbox and feeds, not from [sources].
        config = load_config(config_path, need_sources=False)
        result = run_daily(
            config,
            day,
            now=_now(),
            root=config_path.resolve().parent,
            strict=strict,
            fresh=fresh,
        )
    except BriefingError as error:
        click.echo(f"briefing: error: {error}", err=True)
        return _exit_code(error)
    click.echo(_shown(result.folder))
    return EXIT_OK


@main.command()
@config_option
@click.option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Rebuild this day (YYYY-MM-DD) instead of today.",
)
@click.option("--strict", is_flag=True, help="Fail, publishing nothing, on any warning.")
@click.option(
    "--fresh",
    is_flag=True,
    help="Use only what the feeds carry now, not the articles saved by earlier runs of the day.",
)
@click.pass_context
def daily(
    ctx: click.Context, config_path: Path, day: dt.datetime | None, strict: bool, fresh: bool
) -> None:
    """Build and publish today's briefing from the configured feeds and inbox.

    The day goes to <archive>/YYYY-MM-DD/ in every format; <archive>/latest points at the
    newest day and <archive>/index.html lists them all. A run that fails leaves the archive as
    it was. Exit codes: 0 published, 1 no usable article, 2 config or template error, 3 output
    not written, 4 --strict with warnings, 75 another run holds the lock.

    \b
    Example:
        briefing daily --config /srv/briefing/config.toml
        briefing daily --date 2025-05-11      # rebuild one day
    """
    ctx.exit(_run_daily(config_path, day.date() if day else None, strict, fresh))


@main.command()
@config_option
@click.option(
    "--at",
    "at",
    default="07:00",
    show_default=True,
    help="Time of day (HH:MM, this machine's local time) of the daily run.",
)
@click.option("--strict", is_flag=True, help="Fail a run, publishing nothing, on any warning.")
@click.pass_context
def schedule(ctx: click.Context, config_path: Path, at: str, strict: bool) -> None:
    """Run the daily briefing every day at a fixed time, in the foreground.

    For machines without cron or systemd (see the README for those). Stop it with Ctrl-C. A
    failed run is logged and the next day's runs as usual.

    \b
    Example:
        briefing schedule --at 07:00 --config config.toml
    """
    from .scheduler import schedule_daily

    try:
        load_config(config_path, need_sources=False)  # fail now, not at 07:00
        schedule_daily(at, lambda: _run_daily(config_path, None, strict, False))
    except BriefingError as error:
        _fail(ctx, error)
    except KeyboardInterrupt:
        click.echo("briefing: schedule stopped", err=True)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--words",
    type=click.IntRange(1, 10_000),
    default=100,
    show_default=True,
    help="Most words in the summary (white-space separated, as ROUGE counts them).",
)
@click.option(
    "--summarizer",
    type=click.Choice(list(SUMMARIZERS)),
    default="lexrank",
    show_default=True,
    help="The summarizer that rates the sentences.",
)
@click.option(
    "--overrun",
    is_flag=True,
    help="Add one sentence past the limit, last, chosen for its words within it: for scorers "
    "that cut every summary at --words (DUC's ROUGE protocol).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print JSON: each sentence with its id and the articles carrying it.",
)
@click.pass_context
def summarize(
    ctx: click.Context, folder: Path, words: int, summarizer: str, overrun: bool, as_json: bool
) -> None:
    """Summarize a folder of articles about one story, without themes: its key sentences,
    verbatim, at most --words words, one per line on standard output.

    Same reading, cleaning, splitting, ranking and merging as a build; no config file needed.

    \b
    Example:
        briefing summarize examples/putin-talks --words 100
    """
    import json

    from .ingest import load_articles
    from .parallel import Workers
    from .summarize import summarize_articles

    try:
        with Workers() as workers:
            articles, warnings = load_articles(folder, workers=workers)
            summary = summarize_articles(
                articles,
                words_budget=words,
                overrun=overrun,
                algorithm=summarizer,
                workers=workers,
            )
    except BriefingError as error:
        _fail(ctx, error)
    for warning in warnings:
        click.echo(f"briefing: warning: {warning}", err=True)
    if as_json:
        document = {
            "words": summary.words,
            "sentences": [
                {"text": s.text, "sentence_id": s.sentence_id, "sources": list(s.sources)}
                for s in summary.sentences
            ],
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    for sentence in summary.sentences:
        click.echo(sentence.text)
    if not summary.sentences:
        click.echo(f"briefing: warning: {folder}: no sentence fit for a summary", err=True)


@main.command()
def schema() -> None:
    """Print the JSON Schema of briefing.json.

    \b
    Example:
        briefing schema > briefing.schema.json
    """
    import json

    from .jsonout import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


def _now() -> dt.datetime:
    """The build time; SOURCE_DATE_EPOCH (reproducible builds) fixes it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


if __name__ == "__main__":  # pragma: no cover
    main()
