"""Feeds reader for the daily briefing: RSS 2.0 and Atom in, the day's ``Article`` objects out.

Part of the ingest stage of ``briefing daily`` (``daily.gather_day`` calls :func:`read_feeds`
next to ``ingest.load_articles`` on the inbox). For each configured feed, fetched through
``fetch.fetch_all`` or read from a file:

1. the XML is checked with defusedxml before anything else reads it: a document that declares
   entities (the billion-laughs attack) or refers to external ones is refused at once, and an
   HTML page is named as such ("not a feed"); only then does feedparser, a maintained parser
   that knows the dialects of RSS and Atom and their date formats, read it (from a stream, so
   it never opens a path or URL of its own);
2. each entry is kept if it was published on the requested day in the configured time zone;
3. its text is the entry's content, or, when that is only a teaser (fewer than
   ``teaser_words`` words, or ending on "…", "[...]", "Read more"), the linked page, fetched
   within the network limits and extracted by ``ingest.read_html`` exactly like an HTML file;
4. the entry must contain one of the ``match`` terms and none of the ``exclude`` terms;
5. the same article arriving twice (same link or GUID, or nearly the same text from another
   feed or outlet) is kept once, with every outlet that carried it (:func:`merge_copies`).

Every feed or page that fails is one warning naming it and the reason; the others go on.
Every entry read is counted as kept or left out with its reason (:class:`Tally`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import io
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from .clean import clean_text
from .dailyconfig import DailyConfig, FeedSource, NetworkConfig
from .fetch import FetchError, Response, check_url, fetch_all
from .ingest import Unreadable, read_html
from .models import Article
from .text import words

log = logging.getLogger(__name__)

# Reasons an entry is left out (keys of Tally.left_out).
OTHER_DAY = "published on another day"
UNDATED = "without a publication date"
DUPLICATE = "copies of an article already kept"
NO_MATCH = "matching none of the match terms"
EXCLUDED = "matching an exclude term"
NO_TEXT = "without article text"

Fetcher = Callable[[Sequence[str], NetworkConfig], Mapping[str, Response | FetchError]]

# A teaser's last words: "…", "[...]", "[…]", "Read more", "Continue reading", "(more…)".
_TEASER_END = re.compile(
    r"(?:…|\.\.\.|\[\s*(?:…|\.\.\.)\s*\]|\b(?:read|see) (?:more|on|the full (?:story|article))"
    r"|\bcontinue reading|\(more(?:…|\.\.\.)?\))\W*$",
    re.IGNORECASE,
)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf"})  # RSS 0.9x/2.0, Atom, RSS 1.0 (RDF)
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header "
    "footer figure figcaption aside dl dt dd hr".split()
)
# Near-identical text: two texts are one article when this share of the shorter one's runs of
# five words is found in the other. Reports of one event written separately share few five-word
# runs beyond a quote; a syndicated copy shares nearly all, give or take a byline, a footer or
# a trimmed last paragraph. Set on hand-made copies (a wire story with an added standfirst and a
# cut ending still scores above 0.85; two outlets' own reports of one speech stay below 0.3).
_SHINGLE_WORDS = 5
_SAME_TEXT = 0.8
_MIN_SHINGLES = 20  # shorter texts (a headline and a line) are never called copies


class FeedError(Exception):
    """A feed that cannot be used; the message says why (without the location)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed entry as read: plain-text title and content; ``published`` is aware (UTC)."""

    title: str
    link: str | None
    guid: str | None
    published: dt.datetime | None
    content: str


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's own title, its entries in document order, and a note if it was read leniently."""

    title: str | None
    entries: tuple[Entry, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Carrier:
    """An outlet that carried an article: its name, the article's address there, and the feed
    (or inbox file) it came through."""

    outlet: str | None
    url: str | None
    via: str


@dataclass(frozen=True, slots=True)
class Item:
    """An article of the day with every outlet that carried it (the first is the one kept).

    ``published_at`` is the entry's publication time in the configured zone (None for inbox
    files); ``identities`` are the normalised links and GUIDs it is known by.
    """

    article: Article
    carriers: tuple[Carrier, ...]
    published_at: dt.datetime | None = None
    identities: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A feed entry that is not in the briefing, and why."""

    title: str
    url: str | None
    via: str
    reason: str


@dataclass(frozen=True, slots=True)
class Tally:
    """Feed entries read, and how many were left out for each reason."""

    read: int = 0
    left_out: tuple[tuple[str, int], ...] = ()

    @property
    def kept(self) -> int:
        return self.read - sum(n for _, n in self.left_out)

    def leaving_out(self, reason: str, count: int = 1) -> Tally:
        counts = Counter(dict(self.left_out))
        counts[reason] += count
        return replace(self, left_out=tuple(sorted((r, n) for r, n in counts.items() if n)))

    def describe(self) -> str:
        """``"12 feed entries read, 4 kept; left out: 7 published on another day, 1 ..."``."""
        text = f"{self.read} feed entries read, {self.kept} kept"
        if self.left_out:
            text += "; left out: " + ", ".join(f"{n} {reason}" for reason, n in self.left_out)
        return text


@dataclass(frozen=True, slots=True)
class FeedResult:
    """What :func:`read_feeds` found for one day."""

    items: tuple[Item, ...]
    tally: Tally
    left_out: tuple[LeftOut, ...]
    warnings: tuple[str, ...]


# --- parsing ---------------------------------------------------------------------------------


def parse_feed(data: bytes, base_url: str | None = None) -> ParsedFeed:
    """Read an RSS or Atom document (bytes). Relative links resolve against ``base_url``.

    Raises FeedError for an empty document, XML that declares entities or refers to external
    ones, an HTML page or any other XML that is not a feed, and XML too malformed to read.
    A document that is slightly malformed (an undeclared ``&nbsp;``) but still yields entries
    is read leniently, with a ``note`` saying so.
    """
    if not data.strip():
        raise FeedError("empty document, not a feed")
    note = _check_xml(data)
    import feedparser

    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-location": base_url} if base_url else None,
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    if note is not None and not parsed.entries:
        raise FeedError(f"malformed XML: {note}")
    if not parsed.version and not parsed.entries:
        raise FeedError("not a feed: no RSS or Atom channel found")
    entries = tuple(_entry(e, base_url) for e in parsed.entries)
    title = _plain(parsed.feed.get("title_detail")) or None
    if note is not None:
        note = f"malformed XML ({note}); its {len(entries)} entries were read leniently"
    return ParsedFeed(title=title, entries=entries, note=note)


def _check_xml(data: bytes) -> str | None:
    """Refuse what must not reach an XML parser; None if well-formed, else the parse error."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(
            f"refused: the XML {_defused_reason(exc)}, which can make a parser expand or fetch "
            "content without bound; feeds never need that"
        ) from None
    except ParseError as exc:
        head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
            raise FeedError("not a feed: an HTML page") from None
        if b"<!doctype" in data.lower() or b"<!entity" in data.lower():
            # Never handed to a lenient parser: its DTD could declare what defusedxml refuses.
            raise FeedError(f"malformed XML: {exc}") from None
        return str(exc)
    name = str(root.tag).rsplit("}", 1)[-1].lower()
    if name not in _FEED_ROOTS:
        if name == "html":
            raise FeedError("not a feed: an HTML page")
        raise FeedError(f"not a feed: an XML document of type <{name}>, not RSS or Atom")
    return None


def _defused_reason(exc: Exception) -> str:
    kind = type(exc).__name__
    if "Entities" in kind:
        return "declares entities (<!ENTITY>)"
    if "External" in kind:
        return "refers to external entities"
    return "has a document type definition"


def _entry(entry: Any, base_url: str | None) -> Entry:
    link = entry.get("link")
    if link and base_url:
        link = urljoin(base_url, link)
    struct = entry.get("published_parsed") or entry.get("updated_parsed")
    published = None
    if struct is not None:
        published = dt.datetime.fromtimestamp(calendar.timegm(struct), tz=dt.UTC)
    contents = entry.get("content") or []
    content = max((_plain(c) for c in contents), key=len, default="")
    summary = _plain(entry.get("summary_detail")) or _plain(
        {"value": entry.get("summary", ""), "type": "text/html"}
    )
    return Entry(
        title=_plain(entry.get("title_detail")) or str(entry.get("title", "")).strip(),
        link=link or None,
        guid=str(entry.get("id") or "").strip() or None,
        published=published,
        content=content if len(content) >= len(summary) else summary,
    )


def _plain(detail: Mapping[str, Any] | None) -> str:
    """The text of a feedparser text construct, HTML flattened to paragraphs."""
    if not detail:
        return ""
    value = str(detail.get("value") or "")
    if "html" in str(detail.get("type", "")) and "<" in value:
        return html_text(value)
    return "\n\n".join(_paragraphs(value))


def html_text(fragment: str) -> str:
    """An HTML fragment as plain text: one paragraph per block element, blank lines between,
    scripts and styles dropped, white space folded."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return "\n\n".join(_paragraphs(re.sub(r"<[^>]*>", " ", fragment)))
    for element in list(root.iter("script", "style", "noscript", "iframe", "template")):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n\n" + (element.text or "")
    return "\n\n".join(_paragraphs(root.text_content()))


def _paragraphs(text: str) -> list[str]:
    return [p for p in (" ".join(b.split()) for b in re.split(r"\n\s*\n", text)) if p]


def is_teaser(text: str, min_words: int) -> bool:
    """Whether an entry's text only announces the article: short, or ending on a "more" cue."""
    return len(words(text)) < min_words or bool(_TEASER_END.search(text.strip()[-60:]))


# --- the day's entries -------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    entry: Entry
    feed: FeedSource
    outlet: str | None
    published_at: dt.datetime
    identities: frozenset[str]
    carriers: list[Carrier] = field(default_factory=list)
    text: str = ""
    title: str | None = None
    page_outlet: str | None = None


def read_feeds(
    feeds: Sequence[FeedSource],
    day: dt.date,
    settings: DailyConfig,
    *,
    fetch: Fetcher = fetch_all,
) -> FeedResult:
    """The articles the feeds published on ``day`` (in ``settings.timezone``).

    Feeds are fetched in parallel within ``settings.network``; teasers' pages likewise. Items
    come in feed order (as configured), then publication time, then link, and copies are merged
    (:func:`merge_copies`). Never raises for a bad feed or page: each is one warning.
    """
    report = _Report()
    documents = _load_feeds(feeds, settings.network, fetch, report.warnings)
    candidates = _day_candidates(feeds, documents, day, ZoneInfo(settings.timezone), report)
    exclude = terms_pattern(settings.exclude)
    include = terms_pattern(settings.match)
    wanted: list[_Candidate] = []
    for candidate in candidates:
        # Cheap first: an exclude term in the title or teaser spares fetching the page.
        if exclude is not None and exclude.search(
            f"{candidate.entry.title}\n{candidate.entry.content}"
        ):
            report.leave_out(_left(candidate, EXCLUDED))
        else:
            wanted.append(candidate)
    _fill_texts(wanted, settings, fetch, report.warnings)
    items: list[Item] = []
    for candidate in wanted:
        haystack = f"{candidate.title or candidate.entry.title}\n{candidate.text}"
        article = _article(candidate)
        if article is None:
            report.leave_out(_left(candidate, NO_TEXT))
        elif exclude is not None and exclude.search(haystack):
            report.leave_out(_left(candidate, EXCLUDED))
        elif include is not None and not include.search(haystack):
            report.leave_out(_left(candidate, NO_MATCH))
        else:
            items.append(
                Item(
                    article=article,
                    carriers=tuple(candidate.carriers),
                    published_at=candidate.published_at,
                    identities=candidate.identities,
                )
            )
    merged, copies = merge_copies(items)
    for copy in copies:
        title = copy.article.title or ""
        report.leave_out(LeftOut(title, copy.article.url, copy.carriers[0].via, DUPLICATE))
    log.info("feeds for %s: %s", day, report.tally.describe())
    return FeedResult(
        items=merged,
        tally=report.tally,
        left_out=tuple(report.left_out),
        warnings=tuple(report.warnings),
    )


@dataclass(slots=True)
class _Report:
    tally: Tally = Tally()
    left_out: list[LeftOut] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def leave_out(self, entry: LeftOut) -> None:
        self.tally = self.tally.leaving_out(entry.reason)
        self.left_out.append(entry)


def _day_candidates(
    feeds: Sequence[FeedSource],
    documents: Sequence[tuple[bytes, str | None] | None],
    day: dt.date,
    zone: ZoneInfo,
    report: _Report,
) -> list[_Candidate]:
    """The entries of every feed published on ``day``, each article once (same link or GUID:
    the first feed in config order keeps it and gains the other's carrier)."""
    candidates: list[_Candidate] = []
    seen: dict[str, _Candidate] = {}
    for feed, document in zip(feeds, documents, strict=True):
        if document is None:
            continue
        data, base = document
        try:
            parsed = parse_feed(data, base)
        except FeedError as exc:
            report.warnings.append(f"{feed.location}: {exc}")
            continue
        except Exception as exc:  # feedparser is lenient by design; still, one feed's problem
            log.exception("%s: the feed parser failed", feed.location)
            report.warnings.append(f"{feed.location}: cannot be read: {type(exc).__name__}: {exc}")
            continue
        if parsed.note:
            report.warnings.append(f"{feed.location}: {parsed.note}")
        outlet = feed.name or parsed.title or (urlsplit(base).hostname if base else None)
        report.tally = replace(report.tally, read=report.tally.read + len(parsed.entries))
        ours: list[_Candidate] = []
        for entry in parsed.entries:
            if entry.published is None:
                report.leave_out(LeftOut(entry.title, entry.link, feed.location, UNDATED))
                continue
            published_at = entry.published.astimezone(zone)
            if published_at.date() != day:
                report.leave_out(LeftOut(entry.title, entry.link, feed.location, OTHER_DAY))
                continue
            candidate = _Candidate(
                entry=entry,
                feed=feed,
                outlet=outlet,
                published_at=published_at,
                identities=_identities(entry.link, entry.guid, feed.location),
            )
            candidate.carriers.append(Carrier(outlet, entry.link, feed.location))
            ours.append(candidate)
        if parsed.entries and all(e.published is None for e in parsed.entries):
            report.warnings.append(
                f"{feed.location}: none of its {len(parsed.entries)} entries has a publication "
                "date, so none can be placed on a day"
            )
        ours.sort(key=lambda c: (c.published_at, c.entry.link or "", c.entry.guid or ""))
        for candidate in ours:
            first = next((seen[i] for i in sorted(candidate.identities) if i in seen), None)
            if first is not None:
                first.carriers.extend(c for c in candidate.carriers if c not in first.carriers)
                report.leave_out(_left(candidate, DUPLICATE))
                continue
            for identity in candidate.identities:
                seen.setdefault(identity, candidate)
            candidates.append(candidate)
    return candidates


def _left(candidate: _Candidate, reason: str) -> LeftOut:
    return LeftOut(candidate.entry.title, candidate.entry.link, candidate.feed.location, reason)


def _load_feeds(
    feeds: Sequence[FeedSource],
    network: NetworkConfig,
    fetch: Fetcher,
    warnings: list[str],
) -> list[tuple[bytes, str | None] | None]:
    """Each feed's bytes and base URL (None where it failed, with a warning)."""
    answers = fetch([f.url for f in feeds if f.url is not None], network)
    documents: list[tuple[bytes, str | None] | None] = []
    for feed in feeds:
        if feed.url is not None:
            answer = answers[feed.url]
            if isinstance(answer, FetchError):
                warnings.append(str(answer))
                documents.append(None)
            else:
                documents.append((answer.body, answer.final_url))
            continue
        assert feed.path is not None
        try:
            with feed.path.open("rb") as stream:
                data = stream.read(network.max_bytes + 1)
        except OSError as exc:
            warnings.append(f"{feed.path}: cannot read the feed file: {exc.strerror or exc}")
            documents.append(None)
            continue
        if len(data) > network.max_bytes:
            warnings.append(f"{feed.path}: larger than the {network.max_bytes:,} byte limit")
            documents.append(None)
            continue
        documents.append((data, None))
    return documents


def _fill_texts(
    candidates: Sequence[_Candidate],
    settings: DailyConfig,
    fetch: Fetcher,
    warnings: list[str],
) -> None:
    """Set each candidate's text: its content, or its linked page's for a teaser."""
    pages: dict[str, list[_Candidate]] = {}
    for candidate in candidates:
        entry = candidate.entry
        candidate.text = entry.content
        if not is_teaser(entry.content, settings.teaser_words):
            continue
        if not entry.link:
            continue  # nothing to follow: the teaser is all there is
        try:
            check_url(entry.link)
        except FetchError as exc:
            warnings.append(f"{candidate.feed.location}: entry {entry.title!r}: link {exc}")
            continue
        pages.setdefault(entry.link, []).append(candidate)
    answers = fetch(list(pages), settings.network)
    for link, waiting in pages.items():
        answer = answers[link]
        instead = "; the feed's summary is used instead" if waiting[0].text.strip() else ""
        if isinstance(answer, FetchError):
            warnings.append(f"{answer}{instead}")
            continue
        try:
            document = read_html(answer.body)
        except Unreadable as exc:
            warnings.append(f"{link}: {exc}{instead}")
            continue
        except Exception as exc:  # trafilatura on hostile HTML: one page's problem
            log.exception("%s: the HTML extraction failed", link)
            warnings.append(f"{link}: cannot extract the article: {type(exc).__name__}{instead}")
            continue
        for candidate in waiting:
            candidate.text = document.text
            candidate.title = candidate.entry.title or document.title
            candidate.page_outlet = document.outlet


def _article(candidate: _Candidate) -> Article | None:
    entry = candidate.entry
    title = candidate.title or entry.title or None
    cleaned = clean_text(candidate.text, title=title)
    if not cleaned.paragraphs:
        return None
    outlet = candidate.outlet or candidate.page_outlet
    link = entry.link if entry.link and urlsplit(entry.link).scheme in {"http", "https"} else None
    return Article(
        key=article_key(outlet, title or cleaned.title, link or entry.guid or entry.content),
        path=link or f"{candidate.feed.location}#{entry.guid or entry.title}",
        title=title or cleaned.title,
        outlet=outlet,
        url=link,
        published=candidate.published_at.date(),
        raw_text=candidate.text,
        text=cleaned.text,
        paragraphs=cleaned.paragraphs,
    )


def article_key(outlet: str | None, title: str | None, identity: str) -> str:
    """A stable key for a fetched article: ``outlet-title-slug-<hash>``.

    Readable in sentence ids, and unique thanks to 8 hex digits of the SHA-1 of its link (or
    GUID): two live-blog entries with one headline stay two articles.
    """
    slug = _slug(f"{outlet or ''} {title or ''}")[:60].strip("-") or "article"
    digest = hashlib.sha1(identity.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def terms_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One regex finding any of ``terms`` as whole words, any case, any white space inside a
    phrase; None when there are no terms."""
    parts = [
        r"\s+".join(re.escape(word) for word in term.split())
        for term in sorted(set(terms), key=lambda t: (-len(t), t))
        if term.strip()
    ]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


# --- one article, many carriers ------------------------------------------------------------------


def _identities(link: str | None, guid: str | None, feed: str) -> frozenset[str]:
    """How an entry is recognised elsewhere: its normalised link, and its GUID. A GUID that is
    not a URI ("42") is unique only within its feed, so it is scoped to the feed."""
    found = set()
    if link:
        found.add("link:" + normalise_link(link))
    if guid:
        found.add(f"guid:{guid}" if ":" in guid else f"guid:{feed}#{guid}")
        if guid.startswith(("http://", "https://")):
            found.add("link:" + normalise_link(guid))
    return frozenset(found)


def normalise_link(url: str) -> str:
    """The link with scheme and host lower-cased, the fragment and utm_* tracking dropped."""
    parts = urlsplit(url.strip())
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.startswith("utm_")
        ]
    )
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def merge_copies(items: Sequence[Item]) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
    """Keep each article once: the first of items sharing a link, a GUID or nearly all their
    text; the kept one gains the others' carriers. Returns (kept in order, the copies)."""
    kept: list[Item] = []
    copies: list[Item] = []
    owner: dict[str, int] = {}
    shingles: list[frozenset[tuple[str, ...]]] = []
    for item in items:
        mine = _shingles(item.article.raw_text)
        index = next((owner[i] for i in sorted(item.identities) if i in owner), None)
        if index is None and len(mine) >= _MIN_SHINGLES:
            index = next(
                (
                    n
                    for n, theirs in enumerate(shingles)
                    if len(theirs) >= _MIN_SHINGLES
                    and len(mine & theirs) / min(len(mine), len(theirs)) >= _SAME_TEXT
                ),
                None,
            )
        if index is None:
            for identity in item.identities:
                owner.setdefault(identity, len(kept))
            kept.append(item)
            shingles.append(mine)
            continue
        first = kept[index]
        carriers = first.carriers + tuple(c for c in item.carriers if c not in first.carriers)
        kept[index] = replace(
            first, carriers=carriers, identities=first.identities | item.identities
        )
        for identity in item.identities:
            owner.setdefault(identity, index)
        copies.append(item)
    return tuple(kept), tuple(copies)


def _shingles(text: str) -> frozenset[tuple[str, ...]]:
    tokens = [w.lower() for w in words(text)]
    return frozenset(
        tuple(tokens[i : i + _SHINGLE_WORDS]) for i in range(len(tokens) - _SHINGLE_WORDS + 1)
    )


# --- items saved with a day's build --------------------------------------------------------------


def items_json(items: Sequence[Item]) -> bytes:
    """Items as stable JSON (sorted keys), to be read back by :func:`items_from_json`.

    Saved with each day's build so that rebuilding the day later, when the feeds no longer
    carry its entries, loses none of the articles it had.
    """
    import json

    records = [
        {
            "key": i.article.key,
            "path": i.article.path,
            "title": i.article.title,
            "outlet": i.article.outlet,
            "url": i.article.url,
            "published": i.article.published.isoformat() if i.article.published else None,
            "published_at": i.published_at.isoformat() if i.published_at else None,
            "raw_text": i.article.raw_text,
            "carriers": [[c.outlet, c.url, c.via] for c in i.carriers],
            "identities": sorted(i.identities),
        }
        for i in items
    ]
    return (json.dumps(records, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def items_from_json(data: bytes) -> tuple[Item, ...]:
    """Items saved by :func:`items_json`, their text cleaned again exactly as when they were
    read. Raises ValueError (or KeyError, TypeError) for anything else."""
    import json

    items = []
    for record in json.loads(data):
        title = record["title"]
        raw = str(record["raw_text"])
        cleaned = clean_text(raw, title=title)
        published = record["published"]
        moment = record["published_at"]
        article = Article(
            key=str(record["key"]),
            path=str(record["path"]),
            title=title,
            outlet=record["outlet"],
            url=record["url"],
            published=dt.date.fromisoformat(published) if published else None,
            raw_text=raw,
            text=cleaned.text,
            paragraphs=cleaned.paragraphs,
        )
        items.append(
            Item(
                article=article,
                carriers=tuple(Carrier(o, u, str(v)) for o, u, v in record["carriers"]),
                published_at=dt.datetime.fromisoformat(moment) if moment else None,
                identities=frozenset(str(i) for i in record["identities"]),
            )
        )
    return tuple(items)
