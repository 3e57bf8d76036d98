"""A foreground scheduler for hosts without cron or systemd: ``briefing schedule --at 07:00``.

Runs the daily build every day at a local time with the ``schedule`` library, logs each run's
outcome, survives a run that fails or raises, and stops on Ctrl-C (between runs or during one).
Where systemd or cron exist, prefer them (``systemd/briefing-daily.timer``): they restart after a
crash or reboot, and a systemd timer with ``Persistent=true`` catches up a run missed while the
machine was off. This loop only catches up a run missed while it was *running* but asleep
(a suspended laptop): ``schedule`` runs an overdue job once when it wakes up. A run missed while
the process was not running is not made up unless ``run_at_start`` is set.

The time is the host's local time (the ``TZ`` environment variable), not ``daily.timezone``.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable

import schedule

from .errors import ConfigError

log = logging.getLogger(__name__)

# Wake at least this often, so that a changed clock (suspend, NTP step, DST) is noticed within
# a minute rather than after the whole computed idle time.
_MAX_NAP_SECONDS = 60.0


def schedule_daily(
    at: str,
    run: Callable[[], int],
    *,
    run_at_start: bool = False,
    scheduler: schedule.Scheduler | None = None,
    sleep: Callable[[float], None] = time.sleep,
    max_runs: int | None = None,
) -> int:
    """Call ``run`` every day at ``at`` ("HH:MM" or "HH:MM:SS", local time) until Ctrl-C.

    ``run`` returns an exit code (0: success); a non-zero code or an exception is logged and
    the loop goes on to the next day. ``run_at_start`` also runs once right away (to make up
    for a missed run). ``scheduler``, ``sleep`` and ``max_runs`` are for tests: a private
    ``schedule.Scheduler``, the sleeping function, and a number of runs after which to return.
    Returns the number of runs made. Raises ConfigError for a malformed ``at``.
    """
    scheduler = scheduler or schedule.Scheduler()
    runs = 0

    def job() -> None:
        nonlocal runs
        runs += 1
        started = time.monotonic()
        log.info("scheduled run %d started", runs)
        try:
            code = run()
        except KeyboardInterrupt:
            raise
        except SystemExit as exc:  # a run that exits instead of returning its code
            code = exc.code if isinstance(exc.code, int) else 1
        except Exception:
            log.exception("scheduled run %d raised; the next run is still scheduled", runs)
            return
        elapsed = time.monotonic() - started
        if code == 0:
            log.info("scheduled run %d done in %.1f s", runs, elapsed)
        else:
            log.warning(
                "scheduled run %d failed with exit code %d after %.1f s", runs, code, elapsed
            )

    try:
        scheduled = scheduler.every().day.at(at).do(job)
    except (schedule.ScheduleValueError, ValueError) as exc:
        raise ConfigError(f"--at {at}: not a time of day; use HH:MM, as in 07:00 ({exc})") from None
    log.info("daily run scheduled at %s local time; next at %s", at, _shown(scheduled.next_run))
    try:
        if run_at_start:
            job()
        while max_runs is None or runs < max_runs:
            scheduler.run_pending()
            if max_runs is not None and runs >= max_runs:
                break
            idle = scheduler.idle_seconds
            sleep(min(max(idle if idle is not None else _MAX_NAP_SECONDS, 0.0), _MAX_NAP_SECONDS))
    except KeyboardInterrupt:
        log.info("scheduler stopped (Ctrl-C) after %d run(s)", runs)
    finally:
        scheduler.cancel_job(scheduled)
    return runs


def _shown(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else "(not scheduled)"
