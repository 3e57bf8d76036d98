"""feeds.py: RSS and Atom parsed safely, the day's entries picked, teasers followed, copies merged.

Servers run on 127.0.0.1 in threads (tests/servers.py); nothing reaches the internet.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from briefing.dailyconfig import DailyConfig, FeedSource, NetworkConfig
from briefing.feeds import (
    DUPLICATE,
    EXCLUDED,
    NO_MATCH,
    OTHER_DAY,
    UNDATED,
    Carrier,
    FeedError,
    Item,
    article_key,
    html_text,
    is_teaser,
    merge_copies,
    normalise_link,
    parse_feed,
    read_feeds,
    terms_pattern,
)
from briefing.models import Article
from tests.feedsamples import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    HTML_PAGE,
    Entry,
    atom,
    page,
    rss,
    stories,
)
from tests.servers import drip, endless, serve, silent_server, text

DAY = dt.date(2025, 5, 11)
FAST = NetworkConfig(connect_timeout=0.5, read_timeout=0.5, deadline=1.0, max_bytes=200_000)
STORIES = stories()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


def settings(*feeds: FeedSource, **changes: object) -> DailyConfig:
    return DailyConfig.model_validate({"feeds": feeds, "network": FAST, **changes})


def write(folder: Path, name: str, data: bytes) -> FeedSource:
    path = folder / name
    path.write_bytes(data)
    return FeedSource(path=path, name=name.split(".")[0].title())


# --- parsing ---------------------------------------------------------------------------------


def test_rss_entries_are_read_with_their_fields() -> None:
    story = STORIES[0]
    feed = rss(
        "Morning Wire",
        [
            Entry(
                title="Putin offers talks",
                link="/world/putin-talks",
                guid="wire-42",
                published="Sun, 11 May 2025 06:30:00 +0200",
                summary="<p>Short teaser …</p>",
                content=story.html_content() + "<script>alert('x')</script>",
            )
        ],
    )
    parsed = parse_feed(feed, "https://wire.example/rss.xml")
    assert parsed.title == "Morning Wire"
    assert parsed.note is None
    (entry,) = parsed.entries
    assert entry.title == "Putin offers talks"
    assert entry.link == "https://wire.example/world/putin-talks"
    assert entry.guid == "wire-42"
    assert entry.published == dt.datetime(2025, 5, 11, 4, 30, tzinfo=dt.UTC)
    assert entry.content.split("\n\n") == list(story.paragraphs)
    assert "alert" not in entry.content


def test_atom_entries_are_read_with_their_fields() -> None:
    feed = atom(
        "Desk",
        [
            Entry(
                title="Only updated",
                link="https://desk.example/a",
                published="2025-05-10T23:15:00+01:00",
                summary="<b>Kyiv</b> insists on a ceasefire first.",
            )
        ],
    )
    (entry,) = parse_feed(feed).entries
    assert entry.link == "https://desk.example/a"
    assert entry.guid == "https://desk.example/a"
    assert entry.published == dt.datetime(2025, 5, 10, 22, 15, tzinfo=dt.UTC)
    assert entry.content == "Kyiv insists on a ceasefire first."


def test_a_billion_laughs_document_is_refused_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(FeedError, match=r"refused: the XML declares entities"):
        parse_feed(BILLION_LAUGHS)
    assert time.monotonic() - started < 0.2


def test_external_entities_are_refused() -> None:
    with pytest.raises(FeedError, match="refused"):
        parse_feed(EXTERNAL_ENTITY)


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (HTML_PAGE, "not a feed: an HTML page"),
        (b"<html xmlns='http://www.w3.org/1999/xhtml'><body/></html>", "not a feed: an HTML page"),
        (b"<?xml version='1.0'?><catalog><book/></catalog>", "type <catalog>"),
        (b'{"items": []}', "malformed XML"),
        (b"<rss><channel><title>cut", "malformed XML"),
        (b"   \n", "empty document"),
        (b"/etc/passwd", "malformed XML"),
    ],
)
def test_what_is_not_a_feed_says_why(document: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_feed(document)


def test_a_slightly_malformed_feed_is_read_leniently_with_a_note() -> None:
    feed = rss(
        "Loose", [Entry("A&nbsp;title", "https://x.example/1", "Sun, 11 May 2025 08:00:00 GMT")]
    )
    parsed = parse_feed(feed.replace(b"A&amp;nbsp;title", b"A&nbsp;title"))
    assert len(parsed.entries) == 1
    assert parsed.note is not None and parsed.note.startswith("malformed XML (undefined entity")


def test_html_text_keeps_paragraphs_and_drops_scripts() -> None:
    fragment = (
        "<p>One <b>bold</b>\n word.</p><div>Two<br>lines</div><script>x()</script>"
        "<ul><li>Three</li></ul>"
    )
    assert html_text(fragment) == "One bold word.\n\nTwo\n\nlines\n\nThree"


@pytest.mark.parametrize(
    ("content", "teaser"),
    [
        ("word " * 79, True),
        ("word " * 80, False),
        ("word " * 200 + "Read more", True),
        ("word " * 200 + "[...]", True),
        ("word " * 200 + "[…]", True),
        ("word " * 200 + "and so on…", True),
        ("word " * 200 + "Continue reading →", True),
        ("word " * 200 + "the end.", False),
    ],
)
def test_teasers_are_short_or_end_on_a_more_cue(content: str, teaser: bool) -> None:
    assert is_teaser(content, 80) is teaser


def test_terms_match_whole_words_and_phrases_in_any_case() -> None:
    pattern = terms_pattern(["Ukraine", "direct talks", "C++"])
    assert pattern is not None
    assert pattern.search("UKRAINE said")
    assert pattern.search("offer of direct\n talks")
    assert pattern.search("written in C++.")
    assert not pattern.search("Ukrainian forces")
    assert not pattern.search("indirect talks")
    assert terms_pattern([]) is None


def test_article_keys_are_stable_readable_and_distinct() -> None:
    key = article_key("The Wire", "Putin: offers talks!", "https://wire.example/1")
    assert key == article_key("The Wire", "Putin: offers talks!", "https://wire.example/1")
    assert key.startswith("the-wire-putin-offers-talks-")
    assert ":" not in key
    assert key != article_key("The Wire", "Putin: offers talks!", "https://wire.example/2")


def test_links_are_normalised_for_comparison() -> None:
    assert normalise_link("HTTPS://Wire.Example/a?utm_source=rss&id=3#top") == (
        "https://wire.example/a?id=3"
    )


def _item(key: str, text: str, outlet: str, url: str) -> Item:
    article = Article(key, url, key, outlet, url, DAY, text, text, ((0, len(text)),))
    return Item(article, (Carrier(outlet, url, f"feed-{outlet}"),), None, frozenset({url}))


def test_near_identical_texts_are_one_article_with_both_outlets() -> None:
    story = STORIES[3].text
    syndicated = "By Our Correspondent. " + story.rsplit("\n\n", 2)[0] + "\n\nCopyright AP."
    other = STORIES[4].text
    kept, copies = merge_copies(
        [
            _item("a", story, "Wire", "https://wire.example/1"),
            _item("b", other, "Daily", "https://daily.example/2"),
            _item("c", syndicated, "Courier", "https://courier.example/3"),
        ]
    )
    assert [i.article.key for i in kept] == ["a", "b"]
    assert [c.outlet for c in kept[0].carriers] == ["Wire", "Courier"]
    assert [c.article.key for c in copies] == ["c"]


# --- the day's entries -------------------------------------------------------------------------


def test_entries_are_picked_by_their_day_in_the_configured_zone(tmp_path: Path) -> None:
    body = [s.html_content() for s in STORIES]  # different texts: no entry is a copy of another
    feed = write(
        tmp_path,
        "night.xml",
        atom(
            "Night Desk",
            [
                # 22:30 UTC on the 10th is 00:30 on the 11th in Paris.
                Entry(
                    "Just after midnight", "https://n.example/1", "2025-05-10T22:30:00Z", body[0]
                ),
                # 21:59 UTC on the 11th is 23:59 in Paris: still the 11th.
                Entry(
                    "Just before midnight", "https://n.example/2", "2025-05-11T21:59:00Z", body[1]
                ),
                # 22:01 UTC on the 11th is 00:01 on the 12th in Paris.
                Entry("Next day", "https://n.example/3", "2025-05-11T22:01:00Z", body[2]),
                Entry("Undated", "https://n.example/4", None, body[3]),
            ],
        ),
    )
    paris = read_feeds([feed], DAY, settings(feed, timezone="Europe/Paris"))
    assert [i.article.title for i in paris.items] == ["Just after midnight", "Just before midnight"]
    assert [i.published_at.isoformat() for i in paris.items if i.published_at] == [
        "2025-05-11T00:30:00+02:00",
        "2025-05-11T23:59:00+02:00",
    ]
    assert all(i.article.published == DAY for i in paris.items)
    assert paris.tally.read == 4 and paris.tally.kept == 2
    assert dict(paris.tally.left_out) == {OTHER_DAY: 1, UNDATED: 1}
    utc = read_feeds([feed], DAY, settings(feed))
    assert [i.article.title for i in utc.items] == ["Just before midnight", "Next day"]


def test_match_and_exclude_terms_are_counted(tmp_path: Path) -> None:
    when = "Sun, 11 May 2025 09:00:00 GMT"
    entries = [
        Entry("Talks in Istanbul", "https://m.example/1", when, STORIES[0].html_content()),
        Entry("Markets", "https://m.example/2", when, "<p>" + "Shares rose. " * 40 + "</p>"),
        Entry("Live blog: talks", "https://m.example/3", when, STORIES[4].html_content()),
        Entry(
            "Ukrainian grain", "https://m.example/4", when, "<p>" + "Grain ships. " * 40 + "</p>"
        ),
    ]
    feed = write(tmp_path, "mixed.xml", rss("Mixed", entries))
    result = read_feeds(
        [feed], DAY, settings(feed, match=["Ukraine", "ceasefire"], exclude=["live blog"])
    )
    assert [i.article.title for i in result.items] == ["Talks in Istanbul"]
    assert result.tally.read == 4 and result.tally.kept == 1
    assert dict(result.tally.left_out) == {NO_MATCH: 2, EXCLUDED: 1}
    assert result.tally.describe() == (
        "4 feed entries read, 1 kept; left out: 1 matching an exclude term, "
        "2 matching none of the match terms"
    )
    assert {(e.title, e.reason) for e in result.left_out} == {
        ("Markets", NO_MATCH),
        ("Live blog: talks", EXCLUDED),
        ("Ukrainian grain", NO_MATCH),
    }


def test_feeds_over_http_good_and_bad(tmp_path: Path) -> None:
    """The whole feeds stage against a server: good feeds give articles, each bad source one
    warning naming it, copies are merged with both outlets, and nothing outlasts its deadline."""
    when = "Sun, 11 May 2025 07:00:00 GMT"
    s = STORIES
    wire_entries = [
        Entry("Full story", "/wire/full", when, s[0].html_content(), guid="w-1"),
        Entry("Teaser story", "/wire/teaser", when, summary=f"<p>{s[3].teaser()}</p>", guid="w-2"),
        Entry("Sneaky link", "file:///etc/passwd", when, summary="<p>Read the secret …</p>"),
        Entry("Broken link", "/wire/gone", when, summary="<p>A teaser of a missing page …</p>"),
        Entry("Yesterday", "/wire/old", "Sat, 10 May 2025 07:00:00 GMT", s[1].html_content()),
    ]
    courier_entries = [
        # The wire's full story again, same link: one article, two carriers.
        Entry("Full story (Courier)", "/wire/full", "2025-05-11T08:00:00Z", s[0].html_content()),
        # The wire's teaser story syndicated in full under another link.
        Entry("Syndicated", "/courier/copy", "2025-05-11T09:00:00Z", s[3].html_content()),
        Entry("Own report", "/courier/own", "2025-05-11T10:00:00Z", s[4].html_content()),
    ]
    routes = {
        "/wire.rss": text(rss("The Wire", wire_entries), "application/rss+xml"),
        "/courier.atom": text(atom("The Courier", courier_entries), "application/atom+xml"),
        "/wire/teaser": text(page(s[3], "The Wire"), "text/html"),
        "/html-feed": text(HTML_PAGE, "text/html"),
        "/laughs": text(BILLION_LAUGHS, "application/xml"),
        "/drip": drip(0.2),
        "/huge": endless(),
        "/loop": lambda h: h.redirect("/loop"),
    }
    with serve(routes) as base, silent_server() as silent:
        bad = [f"{base}{p}" for p in ("/html-feed", "/laughs", "/drip", "/huge", "/loop", "/404")]
        bad.append(silent + "/feed")
        feeds = [
            FeedSource(url=base + "/wire.rss"),
            FeedSource(url=base + "/courier.atom", name="Courier"),
            *(FeedSource(url=url) for url in bad),
        ]
        started = time.monotonic()
        result = read_feeds(
            feeds, DAY, settings(*feeds, network=FAST.model_copy(update={"max_parallel": 8}))
        )
        elapsed = time.monotonic() - started
    assert elapsed < 3.0  # two rounds (feeds, then pages), each within the 1 s deadline

    by_source = {url: [w for w in result.warnings if w.startswith(url + ":")] for url in bad}
    assert all(len(found) == 1 for found in by_source.values()), by_source
    reasons = {
        url.rsplit("/", 1)[1]: found[0].split(": ", 1)[1] for url, found in by_source.items()
    }
    assert reasons["html-feed"] == "not a feed: an HTML page"
    assert reasons["laughs"].startswith("refused: the XML declares entities")
    assert "deadline" in reasons["drip"]
    assert "byte limit" in reasons["huge"]
    assert reasons["loop"].startswith("redirect loop")
    assert reasons["404"] == "HTTP 404 Not Found"
    assert "read timeout" in reasons["feed"]
    others = [w for w in result.warnings if not any(w.startswith(u + ":") for u in bad)]
    assert len(others) == 2, result.warnings
    assert any("Sneaky link" in w and "file: addresses are refused" in w for w in others), others
    assert any(w.startswith(f"{base}/wire/gone: HTTP 404") for w in others)

    titles = [i.article.title for i in result.items]
    # Feed order, then publication time, then link.
    assert titles == ["Sneaky link", "Full story", "Broken link", "Teaser story", "Own report"]
    sneaky, full, broken, teaser, own = result.items
    assert [c.outlet for c in full.carriers] == ["The Wire", "Courier"]
    assert [c.outlet for c in teaser.carriers] == ["The Wire", "Courier"]
    assert full.article.url == f"{base}/wire/full"
    assert full.article.path == full.article.url
    assert full.article.outlet == "The Wire" and own.article.outlet == "Courier"
    # The teaser's page was fetched and extracted: its text is the article's, without furniture.
    assert s[3].paragraphs[1] in teaser.article.raw_text
    assert "All rights reserved" not in teaser.article.text.strip()
    # The file: link was never read; its teaser is all the article has.
    assert "root:" not in sneaky.article.raw_text
    assert sneaky.article.url is None
    assert broken.article.raw_text.startswith("A teaser of a missing page")
    assert result.tally.read == 8
    assert dict(result.tally.left_out) == {DUPLICATE: 2, OTHER_DAY: 1}
    assert len({i.article.key for i in result.items}) == len(result.items)


def test_an_article_carried_by_two_outlets_names_both_in_the_briefing_sources() -> None:
    from briefing.daily import Gathered
    from briefing.feeds import Tally

    story = STORIES[3].text
    syndicated = "By Our Correspondent. " + story.rsplit("\n\n", 2)[0] + "\n\nCopyright AP."
    kept, _ = merge_copies(
        [
            _item("a", story, "Wire", "https://wire.example/1"),
            _item("c", syndicated, "Courier", "https://courier.example/3"),
            _item("b", STORIES[4].text, "Daily", "https://daily.example/2"),
        ]
    )
    gathered = Gathered(items=tuple(kept), tally=Tally(), left_out=(), inbox_files=0, warnings=())
    assert [a.carriers for a in gathered.articles] == [("Wire", "Courier"), ()]
