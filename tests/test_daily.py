"""daily.py, archive.py, scheduler.py: the unattended daily run and its dated archive.

What is checked: a day is published whole or not at all (faults injected at every file-system
operation of the publish step, and real SIGKILLs of a subprocess), one run at a time (a second
run gets LockHeld with the first's pid; a killed run's lock does not block), re-runs reproduce
Markdown and JSON byte for byte, and the scheduler survives failing runs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import schedule
from pydantic import BaseModel, ValidationError

from briefing import archive as archive_module
from briefing import daily as daily_module
from briefing.archive import (
    clean_archive,
    hold_lock,
    list_days,
    manifest_bytes,
    publish,
)
from briefing.config import Config, load_config
from briefing.daily import (
    DailyConfig,
    analyse_articles,
    edition_time,
    log_to_file,
    run_daily,
)
from briefing.dailyconfig import FeedSource, NetworkConfig
from briefing.errors import ConfigError, LockHeld, SourceError, TemplateError
from briefing.feeds import Carrier, Item
from briefing.pipeline import StrictError
from briefing.scheduler import schedule_daily
from tests.feedsamples import EXAMPLES, Entry, rss, stories

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2025, 5, 11)
EVE = dt.date(2025, 5, 10)
MORNING = dt.datetime(2025, 5, 11, 5, 0, tzinfo=dt.UTC)


def make_setup(tmp: Path, days: tuple[dt.date, ...] = (EVE, DAY)) -> tuple[Config, DailyConfig]:
    """An inbox with two example articles per day, and a feed file with two more on DAY
    (published 11:00 and 12:00 in Paris). Safe to call again on the same folder."""
    inbox = tmp / "inbox"
    examples = sorted(EXAMPLES.glob("*.txt"))
    for day in days:
        folder = inbox / day.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        for example in examples[:2]:
            shutil.copy(example, folder / example.name)
    story = stories()
    feed = tmp / "wire.xml"
    feed.write_bytes(
        rss(
            "The Wire",
            [
                Entry(
                    "Direct talks",
                    "https://wire.example/3",
                    "Sun, 11 May 2025 09:00:00 GMT",
                    story[3].html_content(),
                ),
                Entry(
                    "Istanbul offer",
                    "https://wire.example/4",
                    "Sun, 11 May 2025 10:00:00 GMT",
                    story[4].html_content(),
                ),
            ],
        )
    )
    base = load_config(ROOT / "config.toml")
    output = base.output.model_copy(update={"dir": tmp / "out", "formats": ("md", "json", "html")})
    config = base.model_copy(update={"output": output})
    settings = DailyConfig(
        inbox=inbox, feeds=(FeedSource(path=feed, name="The Wire"),), timezone="Europe/Paris"
    )
    return config, settings


def view(folder: Path) -> dict[str, bytes]:
    """What a reader of the archive sees: every file reached through the day links, latest
    and the index (following symlinks); not the builds, staging, lock or log."""
    seen: dict[str, bytes] = {}
    for name in sorted(os.listdir(folder)):
        path = folder / name
        if name.startswith(".") or name == "briefing.log":
            continue
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.is_file():
                    seen[f"{name}/{file.relative_to(path)}"] = file.read_bytes()
        elif path.is_file():
            seen[name] = path.read_bytes()
    return seen


def leftovers(folder: Path) -> list[str]:
    """Anything in the archive besides days, latest, index, log, lock and live builds."""
    expected = {"latest", "index.md", "index.html", "briefing.log", ".lock", ".builds"}
    found = [
        n
        for n in os.listdir(folder)
        if n not in expected and not (n[:4].isdigit() and len(n) == 10)
    ]
    live = {os.readlink(folder / n) for n in os.listdir(folder) if n[:4].isdigit()}
    builds = folder / ".builds"
    found += [
        f".builds/{b}"
        for b in (os.listdir(builds) if builds.is_dir() else [])
        if f".builds/{b}" not in live
    ]
    return sorted(found)


# --- the whole run -------------------------------------------------------------------------------


def test_a_daily_run_publishes_the_day_latest_and_index(tmp_path: Path) -> None:
    config, settings = make_setup(tmp_path)
    result = run_daily(config, DAY, now=MORNING, settings=settings)
    out = tmp_path / "out"
    assert result.folder == out / "2025-05-11"
    assert result.folder.is_symlink() and os.readlink(result.folder).startswith(".builds/")
    assert result.files == (
        ".sources.json",
        "briefing.html",
        "briefing.json",
        "briefing.md",
        "manifest.json",
    )
    assert os.readlink(out / "latest") == "2025-05-11"
    assert (out / "latest" / "briefing.md").read_bytes() == (
        result.folder / "briefing.md"
    ).read_bytes()
    briefing = json.loads((result.folder / "briefing.json").read_text())
    assert briefing["date"] == "2025-05-11"
    assert len(briefing["sources"]) == 4
    manifest = json.loads((result.folder / "manifest.json").read_text())
    assert manifest["sources"] == 4 and manifest["inbox_files"] == 2
    assert manifest["feed_entries"] == {"read": 2, "kept": 2, "left_out": {}}
    assert [a["carried_by"][0]["outlet"] for a in manifest["articles"]][2:] == ["The Wire"] * 2
    index = (out / "index.md").read_text()
    assert (
        "| 2025-05-11 | [Putin offers direct talks with Ukraine; Kyiv and Europe insist on a"
        in index
    )
    assert "](2025-05-11/briefing.html) | 4 |" in index
    assert '<a href="2025-05-11/briefing.md">md</a>' in (out / "index.html").read_text()
    log = (out / "briefing.log").read_text()
    assert "daily 2025-05-11: run started" in log
    assert "daily 2025-05-11: published" in log and "4 sources" in log
    assert leftovers(out) == []


def test_rerunning_a_day_reproduces_markdown_and_json_byte_for_byte(tmp_path: Path) -> None:
    config, settings = make_setup(tmp_path, days=(DAY,))
    first = run_daily(config, DAY, now=MORNING, settings=settings)
    saved = {name: (first.folder / name).read_bytes() for name in first.files}
    again = run_daily(config, DAY, now=MORNING + dt.timedelta(hours=30), settings=settings)
    assert {name: (again.folder / name).read_bytes() for name in again.files} == saved
    # The time in the outputs is the newest entry's (12:00 in Paris), not the clock's.
    assert again.generated == dt.datetime(2025, 5, 11, 10, 0, tzinfo=dt.UTC)
    assert json.loads(saved["briefing.json"])["generated"].startswith("2025-05-11T10:00:00")
    assert len(os.listdir(tmp_path / "out" / ".builds")) == 1  # the previous build is gone


def test_a_rebuild_keeps_the_articles_the_feeds_no_longer_carry(tmp_path: Path) -> None:
    config, settings = make_setup(tmp_path, days=(DAY,))
    first = run_daily(config, DAY, now=MORNING, settings=settings)
    saved = {name: (first.folder / name).read_bytes() for name in first.files}
    # Days later the feed has moved on: none of its entries is of DAY any more.
    (tmp_path / "wire.xml").write_bytes(rss("The Wire", []))
    later = MORNING + dt.timedelta(days=4)
    again = run_daily(config, DAY, now=later, settings=settings)
    assert again.gathered.recovered == 2
    assert {name: (again.folder / name).read_bytes() for name in again.files} == {
        **saved,
        "manifest.json": again.folder.joinpath("manifest.json").read_bytes(),
    }
    manifest = json.loads((again.folder / "manifest.json").read_text())
    assert manifest["kept_from_previous_build"] == 2 and manifest["sources"] == 4
    # A term excluded since then still applies; --fresh starts from the feeds alone.
    excluded = settings.model_copy(update={"exclude": ("Istanbul",)})
    assert run_daily(config, DAY, now=later, settings=excluded).gathered.recovered < 2
    fresh = run_daily(config, DAY, now=later, settings=settings, fresh=True)
    assert fresh.gathered.recovered == 0 and len(fresh.briefing.sources) == 2


def test_latest_follows_the_newest_day_and_the_index_lists_every_day(tmp_path: Path) -> None:
    config, settings = make_setup(tmp_path)
    out = tmp_path / "out"
    run_daily(config, EVE, now=MORNING, settings=settings)
    assert os.readlink(out / "latest") == "2025-05-10"
    run_daily(config, DAY, now=MORNING, settings=settings)
    run_daily(config, EVE, now=MORNING, settings=settings)  # rebuilding an older day
    assert os.readlink(out / "latest") == "2025-05-11"
    days = list_days(out)
    assert [(d.date, d.sources) for d in days] == [(DAY, 4), (EVE, 2)]
    index = (out / "index.md").read_text()
    assert index.index("| 2025-05-11 |") < index.index("| 2025-05-10 |")
    assert leftovers(out) == []


def test_the_day_defaults_to_today_in_the_configured_zone(tmp_path: Path) -> None:
    config, settings = make_setup(tmp_path)
    late = dt.datetime(2025, 5, 10, 22, 30, tzinfo=dt.UTC)  # 00:30 on the 11th in Paris
    assert run_daily(config, now=late, settings=settings).day == DAY


def test_a_day_without_articles_fails_and_changes_nothing(tmp_path: Path) -> None:
    config, settings = make_setup(tmp_path)
    run_daily(config, DAY, now=MORNING, settings=settings)
    before = view(tmp_path / "out")
    with pytest.raises(SourceError, match=r"2025-05-09: no usable article for this day") as caught:
        run_daily(config, dt.date(2025, 5, 9), now=MORNING, settings=settings)
    assert "0 inbox file(s); 2 feed entries read, 0 kept" in str(caught.value)
    assert view(tmp_path / "out") == before
    assert (
        "daily 2025-05-09: failed: 2025-05-09: no usable article"
        in (tmp_path / "out" / "briefing.log").read_text()
    )


def test_a_failing_render_leaves_the_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, settings = make_setup(tmp_path)
    run_daily(config, DAY, now=MORNING, settings=settings)
    before = view(tmp_path / "out")

    def broken(*args: object, **kwargs: object) -> dict[str, bytes]:
        raise TemplateError("briefing.md.j2:3: 'x' is undefined")

    monkeypatch.setattr(daily_module, "render_editions", broken)
    with pytest.raises(TemplateError):
        run_daily(config, DAY, now=MORNING, settings=settings)
    assert view(tmp_path / "out") == before
    assert leftovers(tmp_path / "out") == []


def test_strict_turns_warnings_into_failure_before_publishing(tmp_path: Path) -> None:
    config, settings = make_setup(tmp_path)
    missing = settings.model_copy(
        update={"feeds": (*settings.feeds, FeedSource(path=tmp_path / "missing.xml"))}
    )
    with pytest.raises(StrictError, match=r"missing\.xml: cannot read the feed file"):
        run_daily(config, DAY, now=MORNING, settings=missing, strict=True)
    assert not (tmp_path / "out" / "2025-05-11").exists()
    result = run_daily(config, DAY, now=MORNING, settings=missing)
    assert any("missing.xml" in w for w in result.warnings)


def test_no_feed_and_no_inbox_is_a_configuration_error(tmp_path: Path) -> None:
    config, _ = make_setup(tmp_path)
    with pytest.raises(ConfigError, match=r"\[daily\]: no feed and no inbox"):
        run_daily(config, DAY, now=MORNING, settings=DailyConfig())


def test_a_missing_inbox_folder_is_a_warning(tmp_path: Path) -> None:
    config, settings = make_setup(tmp_path, days=())
    result = run_daily(config, DAY, now=MORNING, settings=settings)
    assert result.warnings[0] == (
        f"{tmp_path / 'inbox' / '2025-05-11'}: no inbox folder for 2025-05-11; only the feeds "
        "are used"
    )
    assert len(result.briefing.sources) == 2


def test_an_inbox_file_also_in_a_feed_is_used_once_with_both_carriers(tmp_path: Path) -> None:
    _, settings = make_setup(tmp_path, days=(DAY,))
    first_inbox_file = sorted((tmp_path / "inbox" / "2025-05-11").iterdir())[0]
    copy = stories()[0]  # the same article as that inbox file, syndicated by a feed
    feed = tmp_path / "courier.xml"
    feed.write_bytes(
        rss(
            "Courier",
            [Entry("Rosenberg", "https://c.example/1", "Sun, 11 May 2025 08:00:00 GMT",
                   copy.html_content())],
        )
    )  # fmt: skip
    both = settings.model_copy(update={"feeds": (*settings.feeds, FeedSource(path=feed))})
    gathered = daily_module.gather_day(both, DAY)
    assert len(gathered.items) == 4
    carriers = [c.via for c in gathered.items[0].carriers]
    assert carriers == [str(first_inbox_file), str(feed)]
    assert dict(gathered.tally.left_out) == {"copies of an article already kept": 1}


def test_analyse_articles_is_pipeline_analyse_on_articles(example_config: Config) -> None:
    from briefing.pipeline import analyse, compose_from

    expected = analyse(example_config)
    got = analyse_articles(expected.articles, example_config)
    assert got.clusters == expected.clusters
    assert got.evidence_index == expected.evidence_index
    now = dt.datetime(2025, 5, 11, tzinfo=dt.UTC)
    assert compose_from(got, example_config, now=now) == compose_from(
        expected, example_config, now=now
    )


def test_the_edition_time_comes_from_the_inputs() -> None:
    paris = ZoneInfo("Europe/Paris")
    assert edition_time(DAY, paris, []) == dt.datetime(2025, 5, 10, 22, 0, tzinfo=dt.UTC)
    items = [
        _timed(dt.datetime(2025, 5, 11, 9, 30, tzinfo=paris)),
        _timed(dt.datetime(2025, 5, 11, 6, 0, tzinfo=paris)),
        _timed(None),
    ]
    assert edition_time(DAY, paris, items) == dt.datetime(2025, 5, 11, 7, 30, tzinfo=dt.UTC)


def _timed(moment: dt.datetime | None) -> Item:
    from briefing.models import Article

    article = Article("k", "p", None, None, None, None, "t", "t", ((0, 1),))
    return Item(article, (Carrier(None, None, "p"),), moment)


# --- publishing: faults at every step ------------------------------------------------------------


def _day_files(version: str) -> dict[str, bytes]:
    manifest = {"title": f"Briefing {version}", "sources": 3, "points": 5, "files": ["briefing.md"]}
    return {
        "briefing.md": f"# Briefing {version}\n".encode() * 50,
        "morning/briefing.md": f"# Morning {version}\n".encode(),
        "manifest.json": manifest_bytes(manifest),
    }


class Killed(BaseException):
    """Stands for the process dying at that instant (nothing catches a BaseException here)."""


FILE_OPERATIONS = [
    (os, "mkdir"), (os, "open"), (os, "fsync"), (os, "chmod"), (os, "rename"),
    (os, "replace"), (os, "symlink"), (os, "unlink"), (os, "rmdir"), (shutil, "rmtree"),
]  # fmt: skip


def _fail_at(monkeypatch: pytest.MonkeyPatch, number: int, error: BaseException) -> list[str]:
    """Make the ``number``-th file operation raise ``error`` instead of running."""
    calls: list[str] = []

    def wrap(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def operation(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            if len(calls) == number:
                raise error
            return real(*args, **kwargs)

        return operation

    for module, name in FILE_OPERATIONS:
        monkeypatch.setattr(module, name, wrap(name, getattr(module, name)))
    real_open = open
    monkeypatch.setattr(archive_module, "open", wrap("open()", real_open), raising=False)
    return calls


@pytest.mark.parametrize(
    "error", [OSError(5, "Input/output error"), Killed()], ids=["EIO", "killed"]
)
def test_a_fault_at_any_step_of_publishing_leaves_a_whole_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    # fsync is counted (a fault there is tested) but not done: durability is not under test,
    # and a hundred fsyncs are most of this test's time on a busy disk.
    monkeypatch.setattr(os, "fsync", lambda descriptor: None)
    before_dir, after_dir = tmp_path / "before", tmp_path / "after"
    for folder, version in ((before_dir, "old"), (after_dir, "new")):
        publish(folder, EVE, _day_files("eve"))
        publish(folder, DAY, _day_files(version))
    before, after = view(before_dir), view(after_dir)
    day_files = lambda seen: {k: v for k, v in seen.items() if k.startswith("2025-05-11/")}  # noqa: E731

    probe = tmp_path / "probe"
    shutil.copytree(before_dir, probe, symlinks=True)
    with monkeypatch.context() as patch:
        operations = _fail_at(patch, 0, error)  # counts, never fails
        publish(probe, DAY, _day_files("new"))
    assert len(operations) > 30  # the publish step really has that many operations

    for number in range(1, len(operations) + 1):
        work = tmp_path / f"run{number}"
        shutil.copytree(before_dir, work, symlinks=True)
        with monkeypatch.context() as patch:
            calls = _fail_at(patch, number, error)
            # A fault some step absorbs (mkdir of an existing folder) is fine too.
            with contextlib.suppress(Killed, Exception):
                publish(work, DAY, _day_files("new"))
        where = f"fault at operation {number} ({calls[number - 1]})"
        seen = view(work)
        # The day is whole: all old or all new, never a mix, never missing.
        assert day_files(seen) in (day_files(before), day_files(after)), where
        # Each index file is whole: as before, or (once the day is switched) as after; latest
        # is a valid link to a whole day. Until the day is switched, nothing has changed at all.
        for name in ("index.md", "index.html"):
            assert seen[name] in (before[name], after[name]), where
        assert os.readlink(work / "latest") == "2025-05-11", where
        if day_files(seen) == day_files(before):
            assert seen == before, where
        # The next run cleans up and publishes.
        clean_archive(work)
        publish(work, DAY, _day_files("new"))
        assert view(work) == after, where
        assert leftovers(work) == [], where


_CHILD_PUBLISH = """
import os, sys, time
from pathlib import Path
import datetime as dt
sys.path.insert(0, {root!r})
from briefing import archive
from tests.test_daily import _day_files

operation, at = {operation!r}, {at}
real = getattr(os, operation)
count = 0
def paused(*args, **kwargs):
    global count
    count += 1
    if count == at:
        Path({marker!r}).write_text(str(os.getpid()))
        time.sleep(60)
    return real(*args, **kwargs)
setattr(os, operation, paused)
archive.publish(Path({archive!r}), dt.date(2025, 5, 11), _day_files("new"))
"""


def _wait_for(marker: Path, child: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not marker.exists():
        assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
        assert time.monotonic() < deadline, "the child never reached the pause"
        time.sleep(0.02)


@pytest.mark.parametrize(
    ("operation", "at"),
    [("fsync", 2), ("rename", 1), ("replace", 1)],
    ids=["while-staging", "before-moving-the-build", "before-switching-the-day"],
)
def test_sigkill_while_publishing_leaves_the_previous_day(
    tmp_path: Path, operation: str, at: int
) -> None:
    out = tmp_path / "out"
    publish(out, DAY, _day_files("old"))
    before = view(out)
    marker = tmp_path / "paused"
    script = _CHILD_PUBLISH.format(
        root=str(ROOT), operation=operation, at=at, marker=str(marker), archive=str(out)
    )
    child = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    try:
        _wait_for(marker, child)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert view(out) == before
    assert clean_archive(out)  # the killed run left something, and it is removed
    publish(out, DAY, _day_files("new"))
    assert view(out)["2025-05-11/briefing.md"].startswith(b"# Briefing new")
    assert leftovers(out) == []


# --- one run at a time ---------------------------------------------------------------------------


def test_a_second_holder_of_the_lock_is_refused_with_the_first_pid(tmp_path: Path) -> None:
    lock = tmp_path / "out" / ".lock"
    with hold_lock(lock):
        with pytest.raises(LockHeld) as caught, hold_lock(lock):
            pass
        assert caught.value.pid == os.getpid()
        assert f"pid {os.getpid()}" in str(caught.value)
    with hold_lock(lock):  # released: free again
        pass


def test_a_lock_file_left_by_a_dead_process_does_not_block(tmp_path: Path) -> None:
    lock = tmp_path / ".lock"
    lock.write_text("999999999\n")  # a pid that cannot be running; no flock is held
    with hold_lock(lock):
        assert lock.read_text() == f"{os.getpid()}\n"


_CHILD_RUN = """
import datetime as dt, os, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from briefing import daily
from tests.test_daily import MORNING, DAY, make_setup

def paused(*args, **kwargs):
    Path({marker!r}).write_text(str(os.getpid()))
    time.sleep(60)
daily.render_editions = paused
config, settings = make_setup(Path({tmp!r}))
daily.run_daily(config, DAY, now=MORNING, settings=settings)
"""


def test_concurrent_runs_never_both_write_and_a_killed_run_does_not_block(tmp_path: Path) -> None:
    config, settings = make_setup(tmp_path)
    run_daily(config, EVE, now=MORNING, settings=settings)
    before = view(tmp_path / "out")
    marker = tmp_path / "paused"
    script = _CHILD_RUN.format(root=str(ROOT), marker=str(marker), tmp=str(tmp_path))
    child = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    try:
        _wait_for(marker, child)  # the child holds the lock and is building
        with pytest.raises(LockHeld) as caught:
            run_daily(config, DAY, now=MORNING, settings=settings)
        assert caught.value.pid == child.pid
        assert f"pid {child.pid}" in str(caught.value)
        assert view(tmp_path / "out") == before
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    result = run_daily(config, DAY, now=MORNING, settings=settings)  # not blocked
    assert result.folder.is_dir()
    assert os.readlink(tmp_path / "out" / "latest") == "2025-05-11"
    assert leftovers(tmp_path / "out") == []
    log = (tmp_path / "out" / "briefing.log").read_text()
    assert f"another daily run (pid {child.pid}) is building" in log


# --- logging -------------------------------------------------------------------------------------


def test_the_log_file_gets_info_while_stderr_keeps_its_level(tmp_path: Path) -> None:
    package = logging.getLogger("briefing")
    stream_records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            stream_records.append(record)

    terminal = Collect()
    old_level, old_handlers = package.level, list(package.handlers)
    package.handlers = [terminal]
    package.setLevel(logging.WARNING)
    try:
        with log_to_file(tmp_path / "run.log"):
            logging.getLogger("briefing.daily").info("quiet detail")
            logging.getLogger("briefing.daily").warning("loud problem")
        assert terminal.level == logging.NOTSET and package.level == logging.WARNING
    finally:
        package.handlers = old_handlers
        package.setLevel(old_level)
    text = (tmp_path / "run.log").read_text()
    assert "INFO briefing.daily: quiet detail" in text
    assert "WARNING briefing.daily: loud problem" in text
    assert [r.getMessage() for r in stream_records] == ["loud problem"]


# --- scheduling ----------------------------------------------------------------------------------


def _advancing(scheduler: schedule.Scheduler, naps: list[float]) -> Callable[[float], None]:
    """A sleep that makes every job due: each nap is a night passing."""

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        for job in scheduler.jobs:
            job.next_run = dt.datetime.now() - dt.timedelta(seconds=1)

    return sleep


def test_the_scheduler_runs_every_day_and_survives_failures(
    caplog: pytest.LogCaptureFixture,
) -> None:
    scheduler = schedule.Scheduler()
    outcomes: Iterator[int | Exception] = iter([0, 1, RuntimeError("disk full"), 0])
    naps: list[float] = []

    def run() -> int:
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    with caplog.at_level(logging.INFO, logger="briefing"):
        runs = schedule_daily(
            "07:00", run, scheduler=scheduler, sleep=_advancing(scheduler, naps), max_runs=4
        )
    assert runs == 4
    assert all(0 <= nap <= 60 for nap in naps)
    messages = [r.getMessage() for r in caplog.records if r.name == "briefing.scheduler"]
    assert messages[0].startswith("daily run scheduled at 07:00 local time; next at ")
    assert "scheduled run 2 failed with exit code 1" in " ".join(messages)
    assert "scheduled run 3 raised; the next run is still scheduled" in messages
    assert sum("done in" in m for m in messages) == 2
    assert scheduler.jobs == []


def test_the_scheduler_waits_for_the_time_of_day_and_stops_on_ctrl_c() -> None:
    scheduler = schedule.Scheduler()
    ran: list[int] = []

    def interrupted(seconds: float) -> None:
        (job,) = scheduler.jobs
        assert job.at_time == dt.time(7, 0)
        assert job.next_run is not None and job.next_run.time() == dt.time(7, 0)
        assert job.next_run > dt.datetime.now()
        raise KeyboardInterrupt

    assert schedule_daily("07:00", lambda: ran.append(1) or 0, scheduler=scheduler,
                          sleep=interrupted) == 0  # fmt: skip
    assert ran == []
    assert schedule_daily("07:00", lambda: ran.append(1) or 0, scheduler=scheduler,
                          sleep=interrupted, run_at_start=True) == 1  # fmt: skip
    with pytest.raises(ConfigError, match="--at 7am: not a time of day"):
        schedule_daily("7am", lambda: 0, scheduler=scheduler, sleep=interrupted)


# --- the config model ----------------------------------------------------------------------------


def test_the_daily_config_refuses_unknown_keys_and_bad_values() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        DailyConfig.model_validate({"inbox": "x", "feed": []})
    with pytest.raises(ValidationError, match="either url or path"):
        FeedSource.model_validate({"url": "https://a.example/rss", "path": "a.xml"})
    with pytest.raises(ValidationError, match="is not an http:// or https:// address"):
        FeedSource.model_validate({"url": "file:///etc/passwd"})
    with pytest.raises(ValidationError, match="unknown time zone 'Europe/Pariss'"):
        DailyConfig.model_validate({"timezone": "Europe/Pariss"})
    with pytest.raises(ValidationError, match="a term is empty"):
        DailyConfig.model_validate({"match": ["Ukraine", " "]})
    with pytest.raises(ValidationError, match="one non-empty line"):
        NetworkConfig.model_validate({"contact": "a\r\nX-Evil: 1"})


def test_relative_paths_are_resolved_against_the_config_file(tmp_path: Path) -> None:
    settings = DailyConfig.model_validate(
        {"inbox": "inbox", "feeds": [{"path": "feeds/wire.xml"}], "log_file": "/var/log/b.log"},
        context={"base_dir": tmp_path},
    )
    assert settings.inbox == tmp_path / "inbox"
    assert settings.feeds[0].path == tmp_path / "feeds" / "wire.xml"
    assert settings.log_file == Path("/var/log/b.log")


def _fields(model: type[BaseModel]) -> Iterator[tuple[str, Any]]:
    for name, field in model.model_fields.items():
        yield f"{model.__name__}.{name}", field
        for arg in (*getattr(field.annotation, "__args__", ()), field.annotation):
            inner = getattr(arg, "__args__", (arg,))
            for candidate in inner:
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    yield from _fields(candidate)


def test_every_daily_config_field_has_a_description() -> None:
    missing = [name for name, field in _fields(DailyConfig) if not field.description]
    assert missing == []
    assert {name for name, _ in _fields(DailyConfig)} >= {
        "FeedSource.url",
        "NetworkConfig.deadline",
        "DailyConfig.timezone",
    }
