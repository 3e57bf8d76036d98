"""Feed and page documents for the feeds and daily tests, built from the example articles."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "putin-talks"


@dataclass(frozen=True)
class Story:
    """An example article: headline and paragraphs (the lines of the file between blank ones)."""

    title: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def html_content(self) -> str:
        return "".join(f"<p>{html.escape(p)}</p>" for p in self.paragraphs)

    def teaser(self) -> str:
        return self.paragraphs[0][:200] + " …"


def stories() -> list[Story]:
    """The five example articles, in file order, as the ingest stage reads them."""
    from briefing.ingest import load_articles

    articles, _ = load_articles(EXAMPLES)
    return [
        Story(
            title=a.title or a.key,
            paragraphs=tuple(" ".join(a.text[start:end].split()) for start, end in a.paragraphs),
        )
        for a in articles
    ]


@dataclass(frozen=True)
class Entry:
    title: str
    link: str | None
    published: str | None  # RFC 822 for RSS, RFC 3339 for Atom
    content: str | None = None  # HTML
    summary: str | None = None  # HTML
    guid: str | None = None


def rss(title: str, entries: list[Entry]) -> bytes:
    items = []
    for e in entries:
        parts = [f"<title>{html.escape(e.title)}</title>"]
        if e.link is not None:
            parts.append(f"<link>{html.escape(e.link)}</link>")
        if e.guid is not None:
            parts.append(f'<guid isPermaLink="false">{html.escape(e.guid)}</guid>')
        if e.published is not None:
            parts.append(f"<pubDate>{e.published}</pubDate>")
        if e.summary is not None:
            parts.append(f"<description>{html.escape(e.summary)}</description>")
        if e.content is not None:
            parts.append(f"<content:encoded><![CDATA[{e.content}]]></content:encoded>")
        items.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{html.escape(title)}</title><link>http://example.invalid/</link>"
        "<description>test feed</description>" + "".join(items) + "</channel></rss>\n"
    ).encode()


def atom(title: str, entries: list[Entry]) -> bytes:
    items = []
    for e in entries:
        parts = [f"<title>{html.escape(e.title)}</title>"]
        parts.append(f"<id>{html.escape(e.guid or e.link or e.title)}</id>")
        if e.link is not None:
            parts.append(f'<link rel="alternate" href="{html.escape(e.link)}"/>')
        if e.published is not None:
            parts.append(f"<published>{e.published}</published><updated>{e.published}</updated>")
        if e.summary is not None:
            parts.append(f'<summary type="html">{html.escape(e.summary)}</summary>')
        if e.content is not None:
            parts.append(f'<content type="html">{html.escape(e.content)}</content>')
        items.append("<entry>" + "".join(parts) + "</entry>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{html.escape(title)}</title><id>urn:test:{html.escape(title)}</id>"
        "<updated>2025-05-11T12:00:00Z</updated>" + "".join(items) + "</feed>\n"
    ).encode()


def page(story: Story, outlet: str = "Example Outlet") -> bytes:
    """An article page with navigation and footer around the story, as trafilatura meets it."""
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in story.paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(story.title)}</title>"
        f"<meta property='og:site_name' content='{html.escape(outlet)}'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(story.title)}</h1>\n{body}</article>"
        "<footer>© Example Outlet. All rights reserved.</footer></body></html>"
    ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title>
<item><title>&secret;</title><description>&secret;</description></item></channel></rss>
"""

HTML_PAGE = b"""<!DOCTYPE html>
<html><head><title>Not a feed</title></head><body><p>Welcome to our site<br>
<img src="x.png"></p></body></html>
"""
