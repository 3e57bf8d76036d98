"""The command line: a thin layer over the library.

It parses options, calls ``pipeline.build``, prints what was written and maps exceptions to exit
codes. Only this module prints and exits; the library raises and logs.

Exit codes: 0 done; 1 no usable article or the build failed; 2 configuration or template error;
3 an output could not be written; 4 ``--strict`` and there were warnings.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path

import click

from . import __version__
from .config import FORMATS, load_config, with_overrides
from .errors import BriefingError, ConfigError, OutputError, TemplateError
from .rank import SUMMARIZERS

EXIT_OK, EXIT_FAILED, EXIT_CONFIG, EXIT_OUTPUT, EXIT_STRICT = 0, 1, 2, 3, 4


def _exit_code(error: BriefingError) -> int:
    from .pipeline import StrictError

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


@main.command()
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default="config.toml",
    show_default=True,
    help="The briefing's config file.",
)
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
            load_config(config_path),
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
            f"{briefing.title}: {len(briefing.points)} points from {len(briefing.sources)} sources",
            err=True,
        )
    for path in result.outputs:
        click.echo(_shown(path))


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
