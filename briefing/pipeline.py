"""The whole build, start to finish: ``build(config, now=...) -> BuildResult``.

Reads like the pipeline it runs: load, split, judge, theme, rank, merge, quotes, compose,
render, and only then write. Nothing touches the output folder until every format has been
rendered in memory, and each file is written under a temporary name and moved into place, so a
failed build leaves the previous briefing exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from .compose import compose_briefing
from .config import Config, EditorialConfig
from .corroborate import Copy, find_copies
from .dedupe import Similarity, merge_duplicates
from .editorial import is_assertion, judge_sentences
from .errors import BriefingError, OutputError
from .ingest import load_articles
from .models import Article, Briefing, Cluster, Quote, Sentence, Verdict
from .parallel import Workers, run_all
from .quotes import find_quotes
from .rank import score_sentences
from .segment import split_sentences
from .themes import assign_themes

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Analysis:
    """The story, read and understood: every statement with its sources, ready to compose.

    ``evidence`` are the sentences ``similarity`` compares (``evidence_index``: id -> row);
    ``copies`` the articles that repeat another's report."""

    articles: tuple[Article, ...]
    clusters: tuple[Cluster, ...]
    similarity: Similarity
    evidence_index: Mapping[str, int]
    warnings: tuple[str, ...]
    evidence: tuple[Sentence, ...] = ()
    copies: tuple[Copy, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class Edition:
    """One edition of a build: its name (None for a build without editions) and briefing."""

    name: str | None
    briefing: Briefing


@dataclass(frozen=True, slots=True)
class BuildResult:
    """The briefing (the first edition's), every edition, the files written (empty when
    nothing was written), the warnings and the time each stage took."""

    briefing: Briefing
    editions: tuple[Edition, ...]
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


def split_and_judge(
    articles: Sequence[Article], editorial: EditorialConfig, workers: Workers | None = None
) -> tuple[list[Sentence], dict[str, Verdict]]:
    """Every sentence of the articles, in order, and its verdict by sentence id; on every core
    of ``workers`` when given."""
    limits = (editorial.min_words, editorial.max_words)
    read = run_all(_split_and_judge, [(article, limits) for article in articles], workers)
    sentences = [s for article_sentences, _ in read for s in article_sentences]
    verdicts = {i: verdict for _, judged in read for i, verdict in judged.items()}
    return sentences, verdicts


def _split_and_judge(
    job: tuple[Article, tuple[int, int]],
) -> tuple[tuple[Sentence, ...], dict[str, Verdict]]:
    """One article's sentences and their verdicts (run in a worker process)."""
    article, (min_words, max_words) = job
    sentences = split_sentences(article)
    return sentences, judge_sentences(sentences, min_words=min_words, max_words=max_words)


def analyse(
    config: Config,
    *,
    root: Path | None = None,
    timings: list[tuple[str, float]] | None = None,
    articles: Sequence[Article] | None = None,
    warnings: Sequence[str] = (),
) -> Analysis:
    """Read the sources and find every statement worth a point, with its sources.

    ``articles`` already read (the daily run's feeds and inbox), with their ``warnings``, are
    used instead of the config's source folder.
    """
    timings = [] if timings is None else timings
    # Reading, cleaning and splitting are per article: on every core, results in file order.
    with Workers() as workers:
        with _stage("ingest", timings):
            if articles is None:
                articles, warnings = load_articles(
                    config.sources.folder, config.sources.files, root=root, workers=workers
                )
            articles, warnings = tuple(articles), tuple(warnings)
        with _stage("split", timings):
            sentences, verdicts = split_and_judge(articles, config.editorial, workers)
            usable = [s for s in sentences if verdicts[s.id].usable]
            articles, sentences, warnings = _without_empty(articles, sentences, usable, warnings)
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
    with _stage("copies", timings):
        copies = find_copies(articles, evidence, similarity)
    for copy in copies:
        log.info(
            "%s repeats %s (%s: %d of %d sentences in %s)",
            copy.article,
            copy.original,
            copy.kind,
            copy.matched,
            copy.sentences,
            copy.compared_with,
        )
    with _stage("quotes", timings):
        quotes = find_quotes(articles, sentences, clusters, copies)
    log.info(
        "%d articles, %d sentences (%d usable, %d themed), %d statements, %d quotes",
        len(articles),
        len(sentences),
        len(usable),
        len(assignments),
        len(clusters),
        len(quotes),
    )
    return Analysis(
        articles=articles,
        clusters=clusters,
        similarity=similarity,
        evidence_index={s.id: i for i, s in enumerate(evidence)},
        warnings=warnings,
        evidence=tuple(evidence),
        copies=copies,
        quotes=quotes,
    )


_QUOTATION_MARK = re.compile(r"[\"“”„]")


def _without_empty(
    articles: tuple[Article, ...],
    sentences: Sequence[Sentence],
    usable: Sequence[Sentence],
    warnings: tuple[str, ...],
) -> tuple[tuple[Article, ...], list[Sentence], tuple[str, ...]]:
    """The articles that can give a point or a quote: one with no usable sentence and no
    quotation mark (a "page not available" notice, a social network's boilerplate, a login
    wall) is left out with a warning naming its file, unless every article is such."""
    kept_keys = {s.article for s in usable}
    empty = [a for a in articles if a.key not in kept_keys and not _QUOTATION_MARK.search(a.text)]
    if not empty or len(empty) == len(articles):
        return articles, list(sentences), warnings
    dropped = {a.key for a in empty}
    for article in empty:
        log.info("%s: no usable sentence; left out", article.path)
    notes = tuple(
        f"{a.path}: no usable sentence (only questions, prompts, the reader addressed or "
        "fragments: an error, index or login page?); left out"
        for a in empty
    )
    return (
        tuple(a for a in articles if a.key not in dropped),
        [s for s in sentences if s.article not in dropped],
        (*warnings, *notes),
    )


def compose_from(analysis: Analysis, config: Config, *, now: dt.datetime) -> Briefing:
    """The briefing ``config`` (its themes and budget) makes of an analysed story, with its
    best ``summarizer.max_quotes`` key quotes."""
    briefing = compose_briefing(
        analysis.articles,
        analysis.clusters,
        analysis.similarity,
        analysis.evidence_index,
        config,
        now=now,
        warnings=analysis.warnings,
        copies=analysis.copies,
        evidence=analysis.evidence,
    )
    return replace(briefing, quotes=analysis.quotes[: config.summarizer.max_quotes])


def compose(
    config: Config, *, now: dt.datetime, root: Path | None = None
) -> tuple[Briefing, list[tuple[str, float]]]:
    """Everything up to the finished ``Briefing`` of the whole config (no edition applied);
    nothing is rendered or written."""
    timings: list[tuple[str, float]] = []
    analysis = analyse(config, root=root, timings=timings)
    with _stage("compose", timings):
        briefing = compose_from(analysis, config, now=now)
    return briefing, timings


def compose_editions(
    analysis: Analysis, config: Config, *, now: dt.datetime
) -> tuple[Edition, ...]:
    """Every edition's briefing; one, unnamed, when the config declares no ``[[editions]]``."""
    return tuple(
        Edition(
            edition.name if edition else None,
            compose_from(analysis, config.for_edition(edition) if edition else config, now=now),
        )
        for edition in (config.editions or (None,))
    )


def render_editions(
    editions: Sequence[Edition], config: Config, *, warnings: list[str] | None = None
) -> dict[str, bytes]:
    """Every format of every edition, in memory: path relative to the output folder ->
    content (``briefing.md``; ``<edition>/briefing.md`` with editions). Resources the PDF
    refused are appended to ``warnings``."""
    from .render import render_outputs

    by_name = {edition.name: edition for edition in config.editions}
    files: dict[str, bytes] = {}
    for result in editions:
        edition = by_name.get(result.name) if result.name else None
        prefix = f"{edition.name}/" if edition else ""
        rendered = render_outputs(
            result.briefing,
            config.formats_of(edition),
            template_dirs=config.template_dirs(edition),
            warnings=warnings,
        )
        for extension, content in rendered.items():
            files[f"{prefix}{config.output.basename}.{extension}"] = content
    return files


def build(
    config: Config,
    *,
    now: dt.datetime,
    root: Path | None = None,
    strict: bool = False,
    write: bool = True,
) -> BuildResult:
    """Build every edition of the briefing described by ``config`` and write its formats.

    Without ``[[editions]]`` the briefing goes to ``output.dir``; with them, each edition to
    ``output.dir/<name>/``. ``now`` is the build time (injected, so a build can be reproduced);
    ``root`` is the folder source paths are shown relative to (the config file's). With
    ``strict``, any warning fails the build before anything is written. Nothing is written
    until every edition is rendered. Raises BriefingError subclasses.
    """
    timings: list[tuple[str, float]] = []
    analysis = analyse(config, root=root, timings=timings)
    with _stage("compose", timings):
        editions = compose_editions(analysis, config, now=now)
    warnings = tuple(dict.fromkeys(w for e in editions for w in e.briefing.warnings))
    if strict and warnings:
        raise StrictError(
            "--strict: the build had warnings, nothing was written:\n"
            + "\n".join(f"  {w}" for w in warnings)
        )
    render_warnings: list[str] = []
    with _stage("render", timings):
        rendered = render_editions(editions, config, warnings=render_warnings)
    if render_warnings:
        warnings = tuple(dict.fromkeys((*warnings, *render_warnings)))
        if strict:
            raise StrictError(
                "--strict: rendering had warnings, nothing was written:\n"
                + "\n".join(f"  {w}" for w in render_warnings)
            )
    files = [(config.output.dir / name, content) for name, content in rendered.items()]
    outputs: tuple[Path, ...] = ()
    if write:
        with _stage("write", timings):
            outputs = write_files(files)
    return BuildResult(
        briefing=editions[0].briefing,
        editions=editions,
        outputs=outputs,
        warnings=warnings,
        timings=tuple(timings),
    )


def write_outputs(rendered: Mapping[str, bytes], folder: Path, basename: str) -> tuple[Path, ...]:
    """Write each format to ``folder/basename.<format>`` atomically (see ``write_files``)."""
    return write_files([(folder / f"{basename}.{fmt}", c) for fmt, c in rendered.items()])


def write_files(files: Sequence[tuple[Path, bytes]]) -> tuple[Path, ...]:
    """Write each (path, content) without ever leaving a half-written file.

    Every file is first written in full under a temporary name in its own folder; only when all
    are written are they moved into place, one ``os.replace`` each (atomic per file on one file
    system). If any write fails, the temporary files are removed and the previous outputs are
    untouched. A crash during the moves themselves can leave some files new and some old, each
    whole; ``briefing daily`` publishes a whole day at once through a symlink instead
    (``archive.py``).
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, content in files:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise OutputError(
                    f"{target.parent}: cannot create the output folder: {exc.strerror}"
                ) from None
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            staged.append((Path(name), target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(name, 0o644)
    except OSError as exc:
        _discard(staged)
        folder = staged[-1][1].parent if staged else "output"
        raise OutputError(f"{folder}: cannot write the briefing: {exc.strerror or exc}") from None
    except OutputError:
        _discard(staged)
        raise
    for temporary, target in staged:
        os.replace(temporary, target)
    return tuple(target for _, target in staged)


def _discard(staged: Sequence[tuple[Path, Path]]) -> None:
    for temporary, _ in staged:
        temporary.unlink(missing_ok=True)
