"""The whole build, start to finish: ``build(config, now=...) -> BuildResult``.

Reads like the pipeline it runs: load, split, judge, theme, rank, merge, compose, render, and
only then write. Nothing touches the output folder until every format has been rendered in
memory, and each file is written under a temporary name and moved into place, so a failed build
leaves the previous briefing exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .compose import compose_briefing
from .config import Config
from .dedupe import merge_duplicates
from .editorial import is_assertion, judge_sentences
from .errors import BriefingError, OutputError
from .ingest import load_articles
from .models import Briefing
from .rank import score_sentences
from .segment import split_sentences
from .themes import assign_themes

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """The briefing, the files written (empty when nothing was written) and the warnings."""

    briefing: Briefing
    outputs: tuple[Path, ...]
    warnings: tuple[str, ...]
    timings: tuple[tuple[str, float], ...]


class StrictError(BriefingError):
    """``--strict`` and the build had warnings."""


@contextmanager
def _stage(name: str, timings: list[tuple[str, float]]) -> Iterator[None]:
    started = time.perf_counter()
    yield
    elapsed = time.perf_counter() - started
    timings.append((name, elapsed))
    log.info("%-8s %.3f s", name, elapsed)


def compose(
    config: Config, *, now: dt.datetime, root: Path | None = None
) -> tuple[Briefing, list[tuple[str, float]]]:
    """Everything up to the finished ``Briefing``; no output is rendered or written."""
    timings: list[tuple[str, float]] = []
    with _stage("ingest", timings):
        articles, warnings = load_articles(config.sources.folder, config.sources.files, root=root)
    with _stage("split", timings):
        sentences = [s for article in articles for s in split_sentences(article)]
        verdicts = judge_sentences(
            sentences, min_words=config.editorial.min_words, max_words=config.editorial.max_words
        )
        usable = [s for s in sentences if verdicts[s.id].usable]
    with _stage("themes", timings):
        assignments = assign_themes(usable, config.themes)
        by_theme = {
            theme.key: [
                (s, assignments[s.id].score, verdicts[s.id].dependent)
                for s in usable
                if s.id in assignments and assignments[s.id].theme == theme.key
            ]
            for theme in config.themes
        }
    with _stage("rank", timings):
        scored = score_sentences(by_theme, config.summarizer.algorithm)
    with _stage("merge", timings):
        evidence = [s for s in sentences if is_assertion(verdicts[s.id])]
        clusters, similarity = merge_duplicates(
            scored, evidence, threshold=config.dedupe.duplicate_similarity
        )
        briefing = compose_briefing(
            articles,
            clusters,
            similarity,
            {s.id: i for i, s in enumerate(evidence)},
            config,
            now=now,
            warnings=warnings,
        )
    log.info(
        "%d articles, %d sentences (%d usable, %d themed), %d statements, %d points",
        len(articles),
        len(sentences),
        len(usable),
        len(assignments),
        len(clusters),
        len(briefing.points),
    )
    return briefing, timings


def build(
    config: Config,
    *,
    now: dt.datetime,
    root: Path | None = None,
    strict: bool = False,
    write: bool = True,
) -> BuildResult:
    """Build the briefing described by ``config`` and write every configured format.

    ``now`` is the build time (injected, so a build can be reproduced); ``root`` is the folder
    source paths are shown relative to (the config file's). With ``strict``, any warning fails
    the build before anything is written. Raises BriefingError subclasses.
    """
    briefing, timings = compose(config, now=now, root=root)
    if strict and briefing.warnings:
        raise StrictError(
            "--strict: the build had warnings, nothing was written:\n"
            + "\n".join(f"  {w}" for w in briefing.warnings)
        )
    from .render import render_outputs

    with _stage("render", timings):
        rendered = render_outputs(
            briefing, config.output.formats, template_dirs=list(config.output.templates)
        )
    outputs: tuple[Path, ...] = ()
    if write:
        with _stage("write", timings):
            outputs = write_outputs(rendered, config.output.dir, config.output.basename)
    return BuildResult(
        briefing=briefing, outputs=outputs, warnings=briefing.warnings, timings=tuple(timings)
    )


def write_outputs(rendered: Mapping[str, bytes], folder: Path, basename: str) -> tuple[Path, ...]:
    """Write each format to ``folder/basename.<format>`` atomically.

    Every file is first written in full under a temporary name in the same folder; only when all
    are written are they moved into place (``os.replace``, atomic on one file system). If any
    write fails, the temporary files are removed and the previous outputs are untouched.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder: {exc.strerror}") from None
    staged: list[tuple[Path, Path]] = []
    try:
        for fmt, content in rendered.items():
            target = folder / f"{basename}.{fmt}"
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
            staged.append((Path(name), target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(name, 0o644)
    except OSError as exc:
        _discard(staged)
        raise OutputError(f"{folder}: cannot write the briefing: {exc.strerror or exc}") from None
    for temporary, target in staged:
        os.replace(temporary, target)
    return tuple(target for _, target in staged)


def _discard(staged: Sequence[tuple[Path, Path]]) -> None:
    for temporary, _ in staged:
        temporary.unlink(missing_ok=True)
