"""The one exception hierarchy of briefing.

    BriefingError            anything the library raises on purpose
     ├── ConfigError         config.toml missing, not TOML, unknown key, bad value
     ├── SourceError         no usable article in the sources
     ├── TemplateError       a template is missing, does not parse, or fails to render
     ├── OutputError         an output could not be produced or written
     └── LockHeld            another daily run holds the archive's lock

The library raises these and logs; only the command line prints them and picks exit codes.
"""

from __future__ import annotations

from pathlib import Path


class BriefingError(Exception):
    """Base class: the message says what went wrong, where, and how to fix it."""


class ConfigError(BriefingError):
    """The configuration cannot be used. ``problems`` lists every problem found, one per line."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems

    def __str__(self) -> str:
        if not self.problems:
            return super().__str__()
        return "\n".join((super().__str__(), *(f"  {p}" for p in self.problems)))


class SourceError(BriefingError):
    """No usable article remains in the sources."""


class TemplateError(BriefingError):
    """A template is missing, does not parse, or fails to render."""


class OutputError(BriefingError):
    """An output could not be produced or written."""


class LockHeld(BriefingError):
    """Another run holds the archive's lock; ``pid`` is that run's process id, if known."""

    def __init__(self, path: Path, pid: int | None) -> None:
        who = f"pid {pid}" if pid is not None else "a process whose id is not recorded"
        super().__init__(
            f"{path}: another daily run ({who}) is building; this run stops without writing. "
            "Wait for it to finish (the lock is released when that process ends, however it "
            "ends) and run again."
        )
        self.path = path
        self.pid = pid
