"""The daily briefing, run unattended: feeds and inbox in, a dated archive out, nothing lost.

``run_daily(config, day, now=...)`` is ``briefing daily``: it reads the day's entries of the
configured feeds (``feeds.read_feeds``) and the files of the day's inbox folder
(``ingest.load_articles``), keeps each article once with every outlet that carried it, runs the
pipeline's stages on them (:func:`analyse_articles`), renders every format of every edition,
and publishes the day into the archive (``archive.publish_day``: built aside, switched in one
atomic step), then points ``latest`` at the newest day and rewrites the index.

Guarantees:

- one run at a time: a second run stops at once with ``LockHeld`` naming the first's pid; a lock
  left by a killed run does not block (``archive.hold_lock``);
- a run that fails or is killed at any moment leaves the day's previous briefing, ``latest``
  and the index as they were; the next run removes what the killed one left;
- the same day with the same inputs gives byte-identical Markdown and JSON: the time in the
  outputs is not the wall clock but :func:`edition_time`, derived from the inputs;
- every run is logged to the archive's log file as well as wherever the CLI logs (stderr).

Where it sits: beside ``pipeline.build`` (one story from a folder), using the same stages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from .archive import (
    clean_archive,
    hold_lock,
    manifest_bytes,
    publish,
)
from .config import Config
from .dailyconfig import DailyConfig, FeedSource, NetworkConfig
from .errors import BriefingError, ConfigError, LockHeld, SourceError
from .feeds import (
    DUPLICATE,
    Carrier,
    Fetcher,
    Item,
    LeftOut,
    Tally,
    items_from_json,
    items_json,
    merge_copies,
    normalise_link,
    read_feeds,
    terms_pattern,
)
from .fetch import fetch_all
from .ingest import load_articles
from .models import Article, Briefing
from .pipeline import (
    Analysis,
    Edition,
    StrictError,
    analyse,
    compose_editions,
    render_editions,
)

log = logging.getLogger(__name__)

__all__ = [
    "DailyConfig",
    "DailyResult",
    "FeedSource",
    "Gathered",
    "LockHeld",
    "NetworkConfig",
    "analyse_articles",
    "daily_settings",
    "earlier_items",
    "edition_time",
    "gather_day",
    "log_to_file",
    "read_inbox",
    "render_editions",
    "run_daily",
]

LOG_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
# The feed articles of a day's build, saved with it (see earlier_items).
SAVED_ITEMS = ".sources.json"


@dataclass(frozen=True, slots=True)
class Gathered:
    """The day's articles from inbox and feeds, each once (inbox first), and the account of
    what was read: feed entries counted and left out with reasons, the inbox files used."""

    items: tuple[Item, ...]
    tally: Tally
    left_out: tuple[LeftOut, ...]
    inbox_files: int
    warnings: tuple[str, ...]
    recovered: int = 0

    @property
    def articles(self) -> tuple[Article, ...]:
        """The articles, each with every outlet that carried it (when more than one did)."""
        return tuple(_with_carriers(item) for item in self.items)

    @property
    def feed_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.published_at is not None)

    def describe(self) -> str:
        text = f"{self.inbox_files} inbox file(s); {self.tally.describe()}"
        if self.recovered:
            text += f"; {self.recovered} article(s) kept from the day's previous build"
        return text


@dataclass(frozen=True, slots=True)
class DailyResult:
    """A published day: its folder (``<archive>/<day>``), the files written there (relative),
    every edition's briefing, the articles with their carriers, the feed tally, the entries
    left out, the warnings and the time stamped on the outputs."""

    day: dt.date
    folder: Path
    files: tuple[str, ...]
    editions: tuple[Edition, ...]
    gathered: Gathered
    warnings: tuple[str, ...]
    generated: dt.datetime

    @property
    def briefing(self) -> Briefing:
        return self.editions[0].briefing


def daily_settings(config: Config) -> DailyConfig:
    """``config.daily`` once the config declares it; the defaults until then."""
    settings = getattr(config, "daily", None)
    return settings if isinstance(settings, DailyConfig) else DailyConfig()


def archive_folder(config: Config, settings: DailyConfig) -> Path:
    """Where the dated briefings go: ``daily.archive``, else ``output.dir``."""
    return settings.archive or config.output.dir


def run_daily(
    config: Config,
    day: dt.date | None = None,
    *,
    now: dt.datetime,
    settings: DailyConfig | None = None,
    root: Path | None = None,
    strict: bool = False,
    fresh: bool = False,
    fetch: Fetcher = fetch_all,
) -> DailyResult:
    """Build and publish the briefing of ``day`` (default: ``now``'s date in the configured
    time zone) from the configured feeds and inbox.

    ``settings`` default to ``config.daily``; ``root`` is the folder inbox paths are shown
    relative to (the config file's); with ``strict`` any warning fails the run before anything
    is published. ``now`` only picks the default day and is never written into the outputs.
    Feed articles of the day's previous build that the feeds no longer carry are kept (feeds
    only hold their latest entries), unless ``fresh`` is set; the match and exclude terms
    still apply to them.

    Raises ConfigError (no feed and no inbox), LockHeld (another run is building), SourceError
    (no usable article for the day), StrictError, TemplateError or OutputError; in every case
    the archive is as it was (stale leftovers of killed runs aside, which are removed).
    """
    settings = settings or daily_settings(config)
    archive = archive_folder(config, settings)
    zone = ZoneInfo(settings.timezone)
    day = day or now.astimezone(zone).date()
    if not settings.feeds and settings.inbox is None:
        raise ConfigError(
            "[daily]: no feed and no inbox to read; add [[daily.feeds]] tables or set "
            "daily.inbox (see README, 'Daily briefing')"
        )
    with log_to_file(settings.log_file or archive / "briefing.log"):
        log.info("daily %s: run started by pid %d", day, os.getpid())
        try:
            with hold_lock(settings.lock_file or archive / ".lock"):
                clean_archive(archive)
                result = _build_day(config, settings, day, archive, root, strict, fresh, fetch)
        except Exception as error:
            log.error("daily %s: failed: %s", day, error, exc_info=not _expected(error))
            raise
        log.info(
            "daily %s: published %s: %d points from %d sources; %s; %d warning(s)",
            day,
            result.folder,
            len(result.briefing.points),
            len(result.briefing.sources),
            result.gathered.describe(),
            len(result.warnings),
        )
        return result


def _expected(error: Exception) -> bool:
    return isinstance(error, BriefingError)


def _build_day(
    config: Config,
    settings: DailyConfig,
    day: dt.date,
    archive: Path,
    root: Path | None,
    strict: bool,
    fresh: bool,
    fetch: Fetcher,
) -> DailyResult:
    earlier = () if fresh else earlier_items(archive / day.isoformat())
    gathered = gather_day(settings, day, root=root, fetch=fetch, earlier=earlier)
    for warning in gathered.warnings:
        log.warning("%s", warning)
    if not gathered.items:
        raise SourceError(
            f"{day}: no usable article for this day ({gathered.describe()}); the archive is "
            "unchanged"
        )
    seen = config.model_copy(update={"date": day})
    analysis = analyse_articles(gathered.articles, seen, warnings=gathered.warnings)
    generated = edition_time(day, ZoneInfo(settings.timezone), gathered.items)
    editions = compose_editions(analysis, seen, now=generated)
    warnings = tuple(dict.fromkeys(w for e in editions for w in e.briefing.warnings))
    if strict and warnings:
        raise StrictError(
            f"--strict: the daily run of {day} had warnings, nothing was published:\n"
            + "\n".join(f"  {w}" for w in warnings)
        )
    render_warnings: list[str] = []
    files = render_editions(editions, seen, warnings=render_warnings)
    if render_warnings:
        warnings = tuple(dict.fromkeys((*warnings, *render_warnings)))
        if strict:
            raise StrictError(
                f"--strict: rendering the {day} briefing had warnings, nothing was published:\n"
                + "\n".join(f"  {w}" for w in render_warnings)
            )
    briefing = editions[0].briefing
    files["manifest.json"] = manifest_bytes(
        _manifest(day, briefing, editions, gathered, sorted(files), warnings)
    )
    files[SAVED_ITEMS] = items_json(gathered.feed_items)
    folder = publish(archive, day, files)
    return DailyResult(
        day=day,
        folder=folder,
        files=tuple(sorted(files)),
        editions=editions,
        gathered=gathered,
        warnings=warnings,
        generated=generated,
    )


# --- gathering ---------------------------------------------------------------------------------


def _with_carriers(item: Item) -> Article:
    outlets = tuple(dict.fromkeys(c.outlet for c in item.carriers if c.outlet))
    if len(outlets) < 2:
        return item.article
    return dataclasses.replace(item.article, carriers=outlets)


def gather_day(
    settings: DailyConfig,
    day: dt.date,
    *,
    root: Path | None = None,
    fetch: Fetcher = fetch_all,
    earlier: Sequence[Item] = (),
) -> Gathered:
    """The articles of ``day``: the inbox folder's files first (name order), then the feeds'
    entries (see ``feeds.read_feeds``), then the ``earlier`` items (the feed articles of the
    day's previous build) that the feeds no longer carry. An article found twice is kept once,
    with every carrier. Never raises for a bad source: each is one warning."""
    inbox: tuple[Item, ...] = ()
    warnings: list[str] = []
    if settings.inbox is not None:
        inbox, found = read_inbox(settings.inbox, day, root=root)
        warnings += found
    from_feeds = read_feeds(settings.feeds, day, settings, fetch=fetch)
    warnings += from_feeds.warnings
    earlier = _still_wanted(earlier, settings)
    items, copies = merge_copies([*inbox, *from_feeds.items, *earlier])
    tally = from_feeds.tally
    left_out = list(from_feeds.left_out)
    earlier_ids = {id(item) for item in earlier}
    for copy in copies:
        if id(copy) in earlier_ids:
            continue  # the feeds still carry it: nothing was lost
        if copy.published_at is None:
            warnings.append(
                f"{copy.article.path}: the same article as another inbox file; used once"
            )
        else:
            tally = tally.leaving_out(DUPLICATE)
            left_out.append(
                LeftOut(copy.article.title or "", copy.article.url, copy.carriers[0].via, DUPLICATE)
            )
    recovered = sum(1 for item in items if id(item) in earlier_ids)
    if recovered:
        log.info(
            "%d article(s) of the day's previous build are no longer in the feeds: kept", recovered
        )
    return Gathered(
        items=_unique_keys(items),
        tally=tally,
        left_out=tuple(left_out),
        inbox_files=len(inbox),
        warnings=tuple(warnings),
        recovered=recovered,
    )


def earlier_items(folder: Path) -> tuple[Item, ...]:
    """The feed articles saved with the build in ``folder`` (a day of the archive); none if
    there is no build or its file cannot be read (logged)."""
    path = folder / SAVED_ITEMS
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ()
    except OSError as exc:
        log.warning("%s: cannot read the day's earlier articles: %s", path, exc.strerror or exc)
        return ()
    try:
        return items_from_json(data)
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("%s: the day's earlier articles are unreadable (%s); not kept", path, exc)
        return ()


def _still_wanted(items: Sequence[Item], settings: DailyConfig) -> tuple[Item, ...]:
    """Earlier items that the match and exclude terms (perhaps changed since) still let in."""
    include = terms_pattern(settings.match)
    exclude = terms_pattern(settings.exclude)
    kept = []
    for item in items:
        haystack = f"{item.article.title or ''}\n{item.article.raw_text}"
        if exclude is not None and exclude.search(haystack):
            continue
        if include is not None and not include.search(haystack):
            continue
        kept.append(item)
    return tuple(kept)


def read_inbox(
    inbox: Path, day: dt.date, *, root: Path | None = None
) -> tuple[tuple[Item, ...], tuple[str, ...]]:
    """The files of ``inbox/<day>/`` as items; a missing or unusable folder is a warning."""
    folder = inbox / day.isoformat()
    if not folder.is_dir():
        return (), (f"{folder}: no inbox folder for {day}; only the feeds are used",)
    try:
        articles, warnings = load_articles(folder, root=root)
    except SourceError as exc:
        return (), (str(exc),)
    items = tuple(
        Item(
            article=article,
            carriers=(Carrier(article.outlet, article.url, article.path),),
            identities=frozenset({"link:" + normalise_link(article.url)})
            if article.url
            else frozenset(),
        )
        for article in articles
    )
    return items, warnings


def _unique_keys(items: Sequence[Item]) -> tuple[Item, ...]:
    """Article keys are sentence-id prefixes and must differ; a clash gets -2, -3, ..."""
    taken: set[str] = set()
    unique: list[Item] = []
    for item in items:
        key = item.article.key
        number = 1
        while key in taken:
            number += 1
            key = f"{item.article.key}-{number}"
        taken.add(key)
        if key != item.article.key:
            item = dataclasses.replace(item, article=dataclasses.replace(item.article, key=key))
        unique.append(item)
    return tuple(unique)


def edition_time(day: dt.date, zone: ZoneInfo, items: Sequence[Item]) -> dt.datetime:
    """The time stamped on a day's outputs, in UTC: the publication time of the newest feed
    entry used, or the start of the day in ``zone`` when only inbox files (which carry no
    time) are used. A function of the inputs, never of the clock, so rebuilding a day with
    the same inputs gives the same files."""
    times = [i.published_at for i in items if i.published_at is not None]
    moment = max(times) if times else dt.datetime.combine(day, dt.time(0), tzinfo=zone)
    return moment.astimezone(dt.UTC)


# --- the pipeline on articles in memory ----------------------------------------------------------


def analyse_articles(
    articles: Sequence[Article], config: Config, *, warnings: Sequence[str] = ()
) -> Analysis:
    """``pipeline.analyse`` on articles already read (feeds and inbox)."""
    return analyse(config, articles=articles, warnings=warnings)


def _manifest(
    day: dt.date,
    briefing: Briefing,
    editions: Sequence[Edition],
    gathered: Gathered,
    files: Sequence[str],
    warnings: Sequence[str],
) -> dict[str, Any]:
    """What the index reads, and the record of the day: every source with the outlets that
    carried it, every feed entry left out and why."""
    return {
        "date": day.isoformat(),
        "title": briefing.title,
        "generated": briefing.generated.isoformat(),
        "sources": len(briefing.sources),
        "points": len(briefing.points),
        "files": list(files),
        "editions": [e.name for e in editions if e.name],
        "inbox_files": gathered.inbox_files,
        "kept_from_previous_build": gathered.recovered,
        "feed_entries": {
            "read": gathered.tally.read,
            "kept": gathered.tally.kept,
            "left_out": dict(gathered.tally.left_out),
        },
        "articles": [
            {
                "key": item.article.key,
                "title": item.article.title,
                "outlet": item.article.outlet,
                "url": item.article.url,
                "path": item.article.path,
                "published": (
                    item.published_at.isoformat()
                    if item.published_at
                    else item.article.published.isoformat()
                    if item.article.published
                    else None
                ),
                "carried_by": [
                    {"outlet": c.outlet, "url": c.url, "via": c.via} for c in item.carriers
                ],
            }
            for item in gathered.items
        ],
        "left_out": [
            {"title": e.title, "url": e.url, "via": e.via, "reason": e.reason}
            for e in gathered.left_out
        ],
        "warnings": list(warnings),
    }


# --- logging -----------------------------------------------------------------------------------


@contextmanager
def log_to_file(path: Path) -> Iterator[None]:
    """Append the package's log records (INFO and up) to ``path`` while the block runs.

    Handlers already on the ``briefing`` logger (the CLI's stderr) keep the level they showed
    before, so ``-q`` and ``-v`` still decide what the terminal sees. A log file that cannot be
    opened is a warning, not a failure: the run matters more than its log.
    """
    package = logging.getLogger("briefing")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as exc:
        log.warning("%s: cannot write the log file: %s", path, exc.strerror or exc)
        yield
        return
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    before = package.level
    shown = package.getEffectiveLevel()
    pinned = [h for h in package.handlers if h.level == logging.NOTSET]
    if shown > logging.INFO:
        for other in pinned:
            other.setLevel(shown)
        package.setLevel(logging.INFO)
    package.addHandler(handler)
    try:
        yield
    finally:
        package.removeHandler(handler)
        handler.close()
        package.setLevel(before)
        if shown > logging.INFO:
            for other in pinned:
                other.setLevel(logging.NOTSET)
