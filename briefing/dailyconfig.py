"""The ``[daily]`` settings: where the unattended daily briefing reads and writes.

Declared apart from ``daily.py`` so that ``config.py`` can nest ``DailyConfig`` as the field
``daily`` without an import cycle (``daily.py`` imports the pipeline, which imports ``config``).
Like every config section, each field has a default and a description, and unknown keys are
refused. Relative paths are resolved against the config file's folder when the model is
validated with ``context={"base_dir": ...}``, as ``config.parse_config`` does.

Example::

    [daily]
    inbox = "inbox"                      # inbox/2025-05-11/*.txt|.md|.html
    timezone = "Europe/Paris"
    match = ["Ukraine", "ceasefire"]
    exclude = ["live blog"]

    [[daily.feeds]]
    url = "https://example.org/world/rss.xml"
    name = "Example News"

    [daily.network]
    contact = "https://newsroom.example.org/briefing"
"""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    Field,
    field_validator,
    model_validator,
)

from .configbase import ConfigPath, Section


def _http_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"{url!r} is not an http:// or https:// address")
    return url


class FeedSource(Section):
    """One RSS or Atom feed: an address or a file, and the outlet that publishes it."""

    url: str | None = Field(
        None, description="Address of the feed (http:// or https://); or give path instead."
    )
    path: ConfigPath | None = Field(
        None, description="Feed file on disk, relative to this config file; or give url instead."
    )
    name: str | None = Field(
        None,
        min_length=1,
        description="Outlet named in the source list; default: the title the feed gives itself.",
    )

    @field_validator("url")
    @classmethod
    def _url_is_http(cls, url: str | None) -> str | None:
        return None if url is None else _http_url(url)

    @model_validator(mode="after")
    def _one_location(self) -> FeedSource:
        if (self.url is None) == (self.path is None):
            raise ValueError("give either url or path for each feed, not both or neither")
        return self

    @property
    def location(self) -> str:
        """The address or file name, as warnings name the feed."""
        return self.url if self.url is not None else str(self.path)


class NetworkConfig(Section):
    """How feeds and linked pages are fetched. Every request is bounded in time and size."""

    connect_timeout: float = Field(
        10.0, gt=0, le=300, description="Seconds to wait for a server to accept the connection."
    )
    read_timeout: float = Field(
        30.0, gt=0, le=600, description="Seconds to wait for the next data from a server."
    )
    deadline: float = Field(
        60.0,
        gt=0,
        le=3600,
        description=(
            "Most seconds one request may take in all, redirects included; a server that sends "
            "slowly is cut off here."
        ),
    )
    max_bytes: int = Field(
        10_000_000,
        ge=1024,
        le=1_000_000_000,
        description="Largest response accepted, in bytes after decompression.",
    )
    max_redirects: int = Field(5, ge=0, le=30, description="Most redirects followed per request.")
    max_parallel: int = Field(
        4, ge=1, le=32, description="Most requests under way at once (feeds and linked pages)."
    )
    contact: str | None = Field(
        None,
        description=(
            "Web address or e-mail of the newsroom, sent in the User-Agent "
            "(briefing/<version> (+contact)) so that site owners can reach you."
        ),
    )
    user_agent: str | None = Field(
        None, description="The whole User-Agent header, instead of briefing/<version> (+contact)."
    )

    @field_validator("contact", "user_agent")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        if value is not None and (not value.strip() or re.search(r"[\r\n]", value)):
            raise ValueError("must be one non-empty line")
        return value


def _known_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {name!r}; use an IANA name such as Europe/Paris or UTC"
        ) from None
    return name


class DailyConfig(Section):
    """The daily briefing: feeds and inbox in, a dated archive out."""

    inbox: ConfigPath | None = Field(
        None,
        description=(
            "Folder with one subfolder per day (YYYY-MM-DD) of article files (.txt, .md, .html) "
            "that editors drop in; relative to this config file."
        ),
    )
    feeds: tuple[FeedSource, ...] = Field(
        (), description="RSS and Atom feeds read each day ([[daily.feeds]] tables)."
    )
    timezone: Annotated[str, AfterValidator(_known_zone)] = Field(
        "UTC",
        description=(
            "IANA time zone of the newsroom (Europe/Paris); a feed entry belongs to the day on "
            "which it was published in this zone."
        ),
    )
    match: tuple[str, ...] = Field(
        (),
        description=(
            "Words or phrases a feed entry must contain (any one of them, whole words, any "
            "case); none: every entry of the day."
        ),
    )
    exclude: tuple[str, ...] = Field(
        (), description="Words or phrases that leave a feed entry out, even if it matches."
    )
    teaser_words: int = Field(
        80,
        ge=0,
        le=2000,
        description=(
            "A feed entry with fewer words than this is a teaser: the linked page is fetched "
            "and its article text used instead."
        ),
    )
    network: NetworkConfig = Field(
        default_factory=NetworkConfig, description="Time and size limits of every request."
    )
    archive: ConfigPath | None = Field(
        None,
        description=(
            "Folder of the dated briefings (<archive>/YYYY-MM-DD/, latest, index.html); "
            "default: output.dir."
        ),
    )
    lock_file: ConfigPath | None = Field(
        None,
        description="Lock that keeps two runs from building at once; default: <archive>/.lock.",
    )
    log_file: ConfigPath | None = Field(
        None, description="Log of every run, appended to; default: <archive>/briefing.log."
    )

    @field_validator("match", "exclude")
    @classmethod
    def _terms_not_blank(cls, terms: tuple[str, ...]) -> tuple[str, ...]:
        for term in terms:
            if not term.strip():
                raise ValueError("a term is empty")
        return terms
