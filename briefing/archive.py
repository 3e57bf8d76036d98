"""The dated archive of daily briefings: publish a day atomically, keep ``latest`` and the index.

The last step of ``briefing daily`` (``daily.run_daily`` calls :func:`publish_day`, then
:func:`update_latest` and :func:`write_index`). Layout of the archive folder::

    2025-05-11 -> .builds/2025-05-11.4242-1747000000000000000   (symlink to a complete build)
    2025-05-10 -> .builds/2025-05-10.4171-...
    latest -> 2025-05-11                                         (the newest complete day)
    index.html, index.md                                         (every day, newest first)
    briefing.log, .lock
    .builds/<day>.<pid>-<ns>/briefing.md, .html, .pdf, .json, manifest.json, <edition>/...

Why symlinks: a day is a *directory* of files, and no system call replaces a non-empty directory
atomically, but ``rename(2)`` replaces a symlink atomically. A day is built in full in
``.staging-<day>-<pid>/``, renamed (atomically, nobody reads it) into ``.builds/``, and only then
does one ``os.replace`` of a fresh symlink over ``<day>`` publish it. At every instant a reader
following ``<day>/`` sees either the whole previous build or the whole new one; the previous
build is deleted afterwards (a reader that already opened one of its files keeps reading it).
A run killed before that ``os.replace`` changed nothing that readers see; whatever it left
(a staging folder, a build no day points to, a temporary symlink) is removed by
:func:`clean_archive` at the start of the next run. ``latest`` and the index are then replaced
the same way (temporary file or symlink, then ``os.replace``); they are derived from the day
folders alone, so a run killed between the day's publication and theirs leaves them as they
were (valid, one day behind) and the next run brings them up to date.

Only one run may write the archive at a time: :func:`hold_lock` takes an ``fcntl.flock`` on a
lock file, which the kernel releases when the process dies, however it dies.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import html
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import LockHeld, OutputError
from .markup import escape_markdown

log = logging.getLogger(__name__)

BUILDS = ".builds"
LATEST = "latest"
MANIFEST = "manifest.json"
INDEX_FILES = ("index.md", "index.html")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STAGING = re.compile(r"^\.staging-\d{4}-\d{2}-\d{2}-\d+$")
# Temporary symlinks of _swap_symlink, and write_files' temporary index files (mkstemp names).
_TEMPORARY = re.compile(r"^\.(?:(?:\d{4}-\d{2}-\d{2}|latest)\.tmp-\d+|index\.(?:md|html)\.\w+)$")
_PREFERRED_LINK = ("html", "md", "pdf", "json")


@dataclass(frozen=True, slots=True)
class Day:
    """A published day of the archive, as its manifest describes it."""

    date: dt.date
    title: str
    sources: int
    points: int
    files: tuple[str, ...]


# --- locking -----------------------------------------------------------------------------------


@contextmanager
def hold_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) while the block runs.

    Raises LockHeld at once, naming the holder's pid, if another process holds it. The lock is
    an ``fcntl.flock``: the kernel drops it when the holder's process ends, even by SIGKILL,
    so a killed run never blocks the next one (its stale pid in the file is simply
    overwritten). The file is never deleted: deleting it would let a third process lock a new
    file while the second still holds the old one.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise OutputError(f"{path}: cannot open the lock file: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise OutputError(f"{path}: cannot lock: {exc.strerror or exc}") from None
            raise LockHeld(path, _recorded_pid(descriptor)) from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(descriptor)  # releases the flock


def _recorded_pid(descriptor: int) -> int | None:
    try:
        text = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


# --- publishing --------------------------------------------------------------------------------


def publish(archive: Path, day: dt.date, files: Mapping[str, bytes]) -> Path:
    """Publish a day (:func:`publish_day`), then point ``latest`` at the newest day and rewrite
    the index. Each step is atomic on its own; see the module docstring for a failure between
    them. Returns the day's path. Raises OutputError."""
    folder = publish_day(archive, day, files)
    days = list_days(archive)
    update_latest(archive, days)
    write_index(archive, days)
    return folder


def staging_folder(archive: Path, day: dt.date) -> Path:
    return archive / f".staging-{day.isoformat()}-{os.getpid()}"


def publish_day(archive: Path, day: dt.date, files: Mapping[str, bytes]) -> Path:
    """Publish ``files`` (relative path -> content) as the archive's folder of ``day``.

    Returns the day's path (``<archive>/<day>``, a symlink). Either the whole new build is
    published or, if anything fails, the previous one is untouched (see the module docstring).
    Raises OutputError when the archive cannot be written.
    """
    name = day.isoformat()
    staging = staging_folder(archive, day)
    build = archive / BUILDS / f"{name}.{os.getpid()}-{time.time_ns()}"
    try:
        _write_staging(staging, files)
        build.parent.mkdir(exist_ok=True)
        os.rename(staging, build)
        _fsync_dir(build.parent)
        previous = _swap_symlink(archive / name, Path(BUILDS) / build.name)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(
            f"{archive}: cannot publish {name}: {exc.strerror or exc}; the previous "
            f"briefing of {name} is unchanged"
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if (
        previous is not None
        and previous.resolve() != build.resolve()
        and previous.resolve().parent == build.parent.resolve()
    ):
        shutil.rmtree(previous, ignore_errors=True)  # only ever a build of ours
    log.info("published %s -> %s", archive / name, build)
    return archive / name


def _write_staging(staging: Path, files: Mapping[str, bytes]) -> None:
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    folders = {staging}
    for relative, content in files.items():
        target = staging / relative
        if staging not in target.resolve().parents:
            raise OutputError(f"{relative}: not a path inside the day's folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(target.parent)
        with open(target, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(target, 0o644)
    for folder in folders:
        os.chmod(folder, 0o755)
        _fsync_dir(folder)


def _swap_symlink(link: Path, target: Path) -> Path | None:
    """Point ``link`` at ``target`` (relative to the link's folder) in one ``os.replace``.

    Returns the folder the link pointed to before (None if it did not exist). A real folder
    where the link goes (an archive written by hand or by an older version) is first moved
    into ``.builds/``: the one moment a reader could find the day missing.
    """
    previous: Path | None = None
    if link.is_symlink():
        previous = link.parent / os.readlink(link)
    elif link.is_dir():
        previous = link.parent / BUILDS / f"{link.name}.moved-{os.getpid()}-{time.time_ns()}"
        log.warning("%s is a folder, not a link: moving it to %s to publish", link, previous)
        os.rename(link, previous)
    elif link.exists():
        raise OutputError(f"{link}: a file is in the way of the day's folder; remove it")
    temporary = link.parent / f".{link.name}.tmp-{os.getpid()}"
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    os.replace(temporary, link)
    _fsync_dir(link.parent)
    return previous


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def clean_archive(archive: Path) -> tuple[Path, ...]:
    """Remove what a killed run left: staging folders, temporary links and files, and builds
    no day points to. Call it only while holding the lock. Returns what was removed."""
    if not archive.is_dir():
        return ()
    removed: list[Path] = []
    for entry in sorted(archive.iterdir()):
        if _STAGING.match(entry.name) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
        elif _TEMPORARY.match(entry.name) and (entry.is_symlink() or entry.is_file()):
            entry.unlink(missing_ok=True)
            removed.append(entry)
    builds = archive / BUILDS
    if builds.is_dir():
        used = {
            os.path.normpath(archive / os.readlink(link))
            for link in archive.iterdir()
            if _DAY.match(link.name) and link.is_symlink()
        }
        for build in sorted(builds.iterdir()):
            if os.path.normpath(build) not in used:
                shutil.rmtree(build, ignore_errors=True)
                removed.append(build)
    for path in removed:
        log.info("removed %s, left by an interrupted run", path)
    return tuple(removed)


# --- latest and the index ----------------------------------------------------------------------


def list_days(archive: Path) -> tuple[Day, ...]:
    """Every published day of the archive, newest first (folders without a readable manifest
    are not complete days and are skipped)."""
    days: list[Day] = []
    if not archive.is_dir():
        return ()
    for entry in archive.iterdir():
        if not _DAY.match(entry.name) or not entry.is_dir():
            continue
        try:
            date = dt.date.fromisoformat(entry.name)
            manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
            days.append(
                Day(
                    date=date,
                    title=str(manifest["title"]),
                    sources=int(manifest["sources"]),
                    points=int(manifest["points"]),
                    files=tuple(str(f) for f in manifest["files"]),
                )
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("%s: not listed in the index: no readable %s (%s)", entry, MANIFEST, exc)
    return tuple(sorted(days, key=lambda d: d.date, reverse=True))


def update_latest(archive: Path, days: Sequence[Day]) -> Path | None:
    """Point ``<archive>/latest`` at the newest of ``days`` (atomically); None if no day."""
    if not days:
        return None
    link = archive / LATEST
    if link.exists() and not link.is_symlink():
        raise OutputError(f"{link}: a file or folder is in the way of the 'latest' link")
    _swap_symlink(link, Path(days[0].date.isoformat()))
    return link


def write_index(archive: Path, days: Sequence[Day], title: str = "Daily briefings") -> None:
    """Write ``index.md`` and ``index.html`` listing ``days`` (each file replaced atomically)."""
    from .pipeline import write_files

    write_files(
        [
            (archive / "index.md", index_markdown(days, title).encode("utf-8")),
            (archive / "index.html", index_html(days, title).encode("utf-8")),
        ]
    )


def _main_file(day: Day) -> str:
    for extension in _PREFERRED_LINK:
        for name in day.files:
            if name.endswith(f".{extension}") and "/" not in name:
                return name
    return day.files[0] if day.files else ""


def index_markdown(days: Sequence[Day], title: str) -> str:
    """The index as Markdown: newest day first, with its title and number of sources."""
    lines = [f"# {escape_markdown(title)}", ""]
    if days:
        lines += [f"Latest: [{days[0].date.isoformat()}]({LATEST}/{_main_file(days[0])})", ""]
        lines += ["| Day | Briefing | Sources | Points |", "| --- | --- | --- | --- |"]
    for day in days:
        name = day.date.isoformat()
        cell = escape_markdown(day.title).replace("|", "\\|")
        lines.append(
            f"| {name} | [{cell}]({name}/{_main_file(day)}) | {day.sources} | {day.points} |"
        )
    if not days:
        lines.append("No briefing has been published yet.")
    return "\n".join(lines) + "\n"


def index_html(days: Sequence[Day], title: str) -> str:
    """The index as a small self-contained HTML page."""
    escape = html.escape
    rows = []
    for day in days:
        name = day.date.isoformat()
        others = " ".join(
            f'<a href="{escape(name)}/{escape(f)}">{escape(f.rsplit(".", 1)[-1])}</a>'
            for f in day.files
            if "/" not in f and f != MANIFEST
        )
        rows.append(
            f'<tr><td><time datetime="{name}">{name}</time></td>'
            f'<td><a href="{escape(name)}/{escape(_main_file(day))}">{escape(day.title)}</a></td>'
            f"<td>{day.sources}</td><td>{day.points}</td><td>{others}</td></tr>"
        )
    body = (
        "<table>\n<thead><tr><th>Day</th><th>Briefing</th><th>Sources</th><th>Points</th>"
        "<th>Formats</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
        if days
        else "<p>No briefing has been published yet.</p>"
    )
    latest = (
        f'<p>Latest: <a href="{LATEST}/{escape(_main_file(days[0]))}">'
        f"{days[0].date.isoformat()}</a></p>\n"
        if days
        else ""
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        "<style>body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;"
        "padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;"
        "padding:.3rem .6rem;border-bottom:1px solid #ddd}td:nth-child(3),td:nth-child(4)"
        "{text-align:right}</style>\n"
        f"</head>\n<body>\n<h1>{escape(title)}</h1>\n{latest}{body}\n</body>\n</html>\n"
    )


def manifest_bytes(manifest: Mapping[str, Any]) -> bytes:
    """The manifest as stable JSON (sorted keys, two-space indent, final newline)."""
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
