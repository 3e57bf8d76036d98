"""Ingest stage: a folder of files -> ``Article`` objects, first stage of the pipeline.

Readers are registered by file type (``READERS``: suffix -> reader), the pattern of Pelican's
``Readers``; a new type of input is one function and one entry. A reader turns bytes into text
and whatever metadata the file carries; ``clean.clean_text`` then finds the headline, the date
and the paragraphs, and the editor's per-file metadata from ``config.toml`` has the last word.

A file that cannot be used (not text, undecodable, empty, nothing left after cleaning) is skipped
with a warning naming it; only when nothing usable remains does loading fail.

Files are read and cleaned on every core when a ``parallel.Workers`` is given; the articles
come back in name order all the same.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .clean import clean_text
from .config import SourceOverride
from .errors import SourceError
from .models import Article
from .parallel import Workers, run_all

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Document:
    """What a reader found in a file, before cleaning."""

    text: str
    markdown: bool = False
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None


# French, German or Spanish prose has at most a few percent accented letters.
_MAX_ACCENTED_SHARE = 0.15


class Unreadable(Exception):
    """A file that is not usable text; the message says why."""


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with BOM, else the encoding that
    charset-normalizer finds coherent. Raises Unreadable for binary or undecodable data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise Unreadable(f"invalid UTF-16 ({exc.reason})") from None
    if b"\x00" in data:
        raise Unreadable("binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    western = _western_european(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise Unreadable("not UTF-8 and no other text encoding fits")
    log.info("decoded as %s", best.encoding)
    return str(best)


def _western_european(data: bytes) -> str | None:
    """cp1252 (a superset of printable latin-1), when the text reads as Western European:
    mostly ASCII letters with a few accented ones. Detectors guess short texts of this kind
    wrongly (cp1250, cp1257), and it is by far the most common legacy encoding of news text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    accented = sum(1 for c in letters if ord(c) > 0x7F)
    if not letters or accented / len(letters) > _MAX_ACCENTED_SHARE:
        return None  # most likely another script (cp1251 Cyrillic reads as accent soup)
    return text


def read_text(data: bytes) -> Document:
    return Document(text=decode(data))


def read_markdown(data: bytes) -> Document:
    return Document(text=decode(data), markdown=True)


def read_html(data: bytes) -> Document:
    """Main text and metadata through trafilatura (imported only when HTML is read)."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        decode(data),
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    if isinstance(extracted, dict):  # only with as_dict=True; kept for the type checker
        raise Unreadable("unexpected extraction result")
    if extracted is None or not (extracted.text or "").strip():
        raise Unreadable("no article text found in the HTML")
    published = None
    if extracted.date:
        try:
            published = dt.date.fromisoformat(str(extracted.date)[:10])
        except ValueError:
            published = None
    title = extracted.title or None
    return Document(
        text=str(extracted.text),
        title=title,
        outlet=_outlet(extracted.sitename, data, title),
        url=extracted.url or None,
        published=published,
    )


def _outlet(site_name: str | None, data: bytes, headline: str | None) -> str | None:
    """The outlet of a page: its site name, unless that is only a web address ("dailyledger.com",
    which trafilatura falls back on when the page names no site) and the <title> names the
    outlet after the headline ("... - The Daily Ledger")."""
    if site_name and not _WEB_ADDRESS.fullmatch(site_name.strip()):
        return site_name
    return _outlet_in_page_title(data, headline) or site_name or None


_WEB_ADDRESS = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+")


# "Headline | Outlet", "Headline - Outlet", "Headline — Outlet": the page title's suffix,
# after the last separator with spaces round it ("Al-Monitor" keeps its hyphen).
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—•·]\s+")
# Suffixes that name a part of the site, not the outlet.
_SECTIONS = frozenset(
    "opinion analysis news world politics business sport sports home live video comment "
    "editorial features culture europe".split()
)


def _outlet_in_page_title(data: bytes, headline: str | None) -> str | None:
    """The outlet a page's <title> names after its headline ("What the truce means - Global
    Review"), when the page gives no site name otherwise; only when what stands before the
    separator is the headline itself, so a title with a dash of its own is not cut, and not a
    section, a page number or a year ("- Opinion", "- Page 2")."""
    if not headline:
        return None
    import lxml.etree
    import lxml.html

    try:
        page_title = lxml.html.fromstring(data).findtext(".//title") or ""
    except (ValueError, lxml.etree.ParserError):
        return None
    page_title = " ".join(page_title.split())
    parts = list(_TITLE_SEPARATOR.finditer(page_title))
    if not parts:
        return None
    before, outlet = page_title[: parts[-1].start()], page_title[parts[-1].end() :].strip()
    if before.casefold() != " ".join(headline.split()).casefold():
        return None
    if not 2 <= len(outlet) <= 60 or re.search(r"\d", outlet) or outlet.lower() in _SECTIONS:
        return None
    return outlet


READERS: dict[str, Callable[[bytes], Document]] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
}


def load_articles(
    folder: Path,
    overrides: Mapping[str, SourceOverride] | None = None,
    *,
    root: Path | None = None,
    workers: Workers | None = None,
) -> tuple[tuple[Article, ...], tuple[str, ...]]:
    """Read every supported file of ``folder`` (not its subfolders), in name order.

    An article's ``path`` is shown relative to ``root`` (the config file's folder) when it lies
    below it, so outputs do not depend on where the project is checked out. Returns the articles
    and the warnings (one per skipped file or unused override).
    Raises SourceError when the folder is missing or no usable article remains.
    """
    overrides = dict(overrides or {})
    if not folder.is_dir():
        raise SourceError(
            f"{folder}: source folder not found; set [sources] folder in the config "
            "or pass --sources FOLDER"
        )
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in READERS and not p.name.startswith(".")
    )
    articles: list[Article] = []
    warnings: list[str] = []
    jobs = [(path, overrides.pop(path.name, None), _shown(path, root)) for path in files]
    for path, outcome in zip(files, run_all(_read_or_reason, jobs, workers), strict=True):
        if isinstance(outcome, Article):
            articles.append(outcome)
        else:
            message = f"{path}: skipped: {outcome}"
            log.info(message)  # returned too: the caller reports it once
            warnings.append(message)
    for name in sorted(overrides):
        warnings.append(f"{folder / name}: named in [sources.files] but not in the folder")
    if not articles:
        kinds = ", ".join(sorted(READERS))
        found = f"{len(files)} file(s) of a supported type ({kinds})"
        raise SourceError(f"{folder}: no usable article; found {found}, none with article text")
    return tuple(articles), tuple(warnings)


def _read_or_reason(job: tuple[Path, SourceOverride | None, str]) -> Article | str:
    """``read_article`` for a worker process: the article, or why the file was skipped."""
    path, override, shown = job
    try:
        return read_article(path, override, shown=shown)
    except Unreadable as exc:
        return str(exc)


def _shown(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def read_article(
    path: Path, override: SourceOverride | None = None, *, shown: str | None = None
) -> Article:
    """Read, decode and clean one file. Raises Unreadable when it holds no usable text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise Unreadable("empty file")
    document = READERS[path.suffix.lower()](data)
    cleaned = clean_text(document.text, markdown=document.markdown, title=document.title)
    if not cleaned.paragraphs:
        raise Unreadable("no article text left after removing page furniture")
    meta = dict(cleaned.front_matter)
    override = override or SourceOverride()
    return Article(
        key=path.stem,
        path=shown or str(path),
        title=override.title or cleaned.title,
        outlet=override.outlet
        or document.outlet
        or meta.get("outlet")
        or meta.get("source")
        or cleaned.credit,
        url=override.url or document.url or meta.get("url"),
        published=override.date or document.published or cleaned.published,
        raw_text=document.text,
        text=cleaned.text,
        paragraphs=cleaned.paragraphs,
        credit=cleaned.credit,
    )
