"""Tests for briefing.ingest: which files are read and in what order, what is skipped with a
warning, decoding, metadata from the file and from the config, HTML extraction, and the
example corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.config import SourceOverride
from briefing.errors import SourceError
from briefing.ingest import load_articles
from briefing.models import Article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "putin-talks"

PROSE = (
    "The foreign ministers of both countries met in Geneva on Monday to discuss a ceasefire. "
    "They agreed to continue the talks next week, officials said after the meeting."
)
OTHER_PROSE = (
    "Observers called the meeting a first step but warned that the positions of both sides "
    "remain far apart on the main issues."
)


def article_file(folder: Path, name: str, body: str = PROSE, headline: str | None = None) -> Path:
    path = folder / name
    text = f"{headline}\n\n{body}\n" if headline else f"{body}\n"
    path.write_text(text, encoding="utf-8")
    return path


def paragraphs(article: Article) -> list[str]:
    return [article.text[s:e] for s, e in article.paragraphs]


def warnings_about(warnings: tuple[str, ...], name: str) -> list[str]:
    return [w for w in warnings if Path(w.split(":", 1)[0]).name == name]


# --- which files --------------------------------------------------------------------------------


def test_supported_files_are_read_in_name_order(tmp_path: Path) -> None:
    article_file(tmp_path, "c.html").write_text(
        f"<html><body><article><p>{PROSE}</p><p>{OTHER_PROSE}</p></article></body></html>",
        encoding="utf-8",
    )
    article_file(tmp_path, "b.md")
    article_file(tmp_path, "a.txt")
    article_file(tmp_path, "B.TXT")  # suffixes are matched case-insensitively
    for ignored in ("d.pdf", "e.docx", "f.txt~", "g", ".hidden.txt", ".h.md"):
        article_file(tmp_path, ignored)
    (tmp_path / "sub").mkdir()
    article_file(tmp_path / "sub", "inner.txt")

    articles, warnings = load_articles(tmp_path)
    assert [a.key for a in articles] == sorted(["a", "b", "B", "c"])
    assert [Path(a.path).name for a in articles] == sorted(["a.txt", "b.md", "B.TXT", "c.html"])
    assert warnings == ()
    for article in articles:
        assert PROSE in article.text


def test_path_is_shown_relative_to_root(tmp_path: Path) -> None:
    folder = tmp_path / "inbox" / "today"
    folder.mkdir(parents=True)
    article_file(folder, "a.txt")
    (article,), _ = load_articles(folder, root=tmp_path)
    assert article.path == "inbox/today/a.txt"
    (outside,), _ = load_articles(folder, root=tmp_path / "other")
    assert outside.path == str(folder / "a.txt")


# --- skipped files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("binary.txt", b"GIF89a\x00\x01\x00\x00\xff\xff" + PROSE.encode(), "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n\t \r\n   \n", "empty"),
        (
            "furniture.txt",
            b"Home | Politics | World\n\nLeave A Comment\n\nNewsletter\n\n"
            b"Subscribe to our newsletter\n\nPrevious Post Next Post\n",
            "furniture",
        ),
    ],
)
def test_unusable_file_is_skipped_with_one_warning(
    tmp_path: Path, name: str, content: bytes, why: str
) -> None:
    article_file(tmp_path, "a-real.txt")
    (tmp_path / name).write_bytes(content)
    article_file(tmp_path, "z-real.txt", OTHER_PROSE)

    articles, warnings = load_articles(tmp_path)
    assert [a.key for a in articles] == ["a-real", "z-real"]
    assert len(warnings) == 1, warnings
    (warning,) = warnings_about(warnings, name)
    assert str(tmp_path / name) in warning
    assert why in warning


def test_several_unusable_files_each_get_their_own_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01")
    (tmp_path / "b.txt").write_bytes(b"")
    article_file(tmp_path, "c.txt")
    articles, warnings = load_articles(tmp_path)
    assert [a.key for a in articles] == ["c"]
    assert len(warnings) == 2
    assert len(warnings_about(warnings, "a.txt")) == 1
    assert len(warnings_about(warnings, "b.txt")) == 1


def test_folder_with_nothing_usable_raises(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.md").write_text("Newsletter\n\nLeave A Comment\n", encoding="utf-8")
    (tmp_path / "notes.pdf").write_text(PROSE, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_articles(tmp_path)
    message = str(info.value)
    assert str(tmp_path) in message
    assert "no usable article" in message
    assert "2 file(s)" in message  # the two supported files it did try


def test_empty_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no usable article"):
        load_articles(tmp_path)


def test_missing_folder_raises_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "not-there"
    with pytest.raises(SourceError) as info:
        load_articles(missing)
    assert str(missing) in str(info.value)
    assert "not found" in str(info.value)


# --- decoding -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
@pytest.mark.parametrize(
    "text",
    [
        "Café talks in Zürich resume\n\n"
        "The café owners in Zürich said the négociations would resume on Thursday, according "
        "to the mayor's office. It was a déjà vu for many residents of the old town.\n",
        "Talks in Genève\n\n"
        "The président of the Swiss Confederation welcomed the délégations in Genève on "
        "Monday, saying the café near the lake was open to all of them.\n",
        "Les négociations reprennent à Genève\n\n"
        "Les ministres se sont réunis à Genève lundi pour discuter de la proposition de "
        "cessez-le-feu. Ils ont convenu de poursuivre les négociations la semaine prochaine.\n",
    ],
    ids=["zurich", "geneve", "french"],
)
def test_western_european_legacy_encodings_decode_correctly(
    tmp_path: Path, encoding: str, text: str
) -> None:
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    (article,), warnings = load_articles(tmp_path)
    assert warnings == ()
    assert article.raw_text == text


def test_cp1252_curly_quotes_decode(tmp_path: Path) -> None:
    text = (
        "Talks resume in Geneva\n\n"
        "\u201cWe are ready to talk,\u201d the minister said \u2014 and the café agreed.\n"
    )
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
    (article,), _ = load_articles(tmp_path)
    assert article.raw_text == text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Café talks in Zürich resume\n\n" + PROSE + "\n"
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    (article,), _ = load_articles(tmp_path)
    assert article.raw_text == text
    assert article.title == "Café talks in Zürich resume"


# --- metadata -------------------------------------------------------------------------------


def test_date_line_gives_the_published_date(tmp_path: Path) -> None:
    article_file(tmp_path, "a.txt", f"date 2025-05-11 Ministers meet in Geneva\n\n{PROSE}")
    (article,), _ = load_articles(tmp_path)
    assert article.published == dt.date(2025, 5, 11)
    assert article.title == "Ministers meet in Geneva"
    assert "2025-05-11" not in article.text
    assert paragraphs(article) == [PROSE]


def test_markdown_front_matter_gives_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\n"
        "title: Talks resume in Geneva\n"
        "date: 2025-05-09\n"
        'outlet: "The Daily Example"\n'
        "url: https://example.com/geneva\n"
        "---\n\n"
        "# Talks resume in Geneva\n\n"
        f"{PROSE}\n\n{OTHER_PROSE}\n",
        encoding="utf-8",
    )
    (article,), warnings = load_articles(tmp_path)
    assert warnings == ()
    assert article.title == "Talks resume in Geneva"
    assert article.published == dt.date(2025, 5, 9)
    assert article.outlet == "The Daily Example"
    assert article.url == "https://example.com/geneva"
    assert paragraphs(article) == [PROSE, OTHER_PROSE]
    for leftover in ("---", "outlet", "https://", "#"):
        assert leftover not in article.text


def test_overrides_win_over_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: From the file\ndate: 2025-05-09\noutlet: File Outlet\nurl: https://f/\n---\n"
        f"\n{PROSE}\n",
        encoding="utf-8",
    )
    article_file(tmp_path, "b.txt", headline="Headline in the file of b")
    overrides = {
        "a.md": SourceOverride(
            title="Editor's title",
            outlet="Editor's outlet",
            url="https://editor/",
            date=dt.date(2024, 1, 2),
        ),
        "b.txt": SourceOverride(outlet="Only the outlet"),
    }
    (a, b), warnings = load_articles(tmp_path, overrides)
    assert warnings == ()
    assert (a.title, a.outlet, a.url, a.published) == (
        "Editor's title",
        "Editor's outlet",
        "https://editor/",
        dt.date(2024, 1, 2),
    )
    # An override changes only what it names.
    assert (b.title, b.outlet) == ("Headline in the file of b", "Only the outlet")
    # The caller's mapping is not consumed.
    assert set(overrides) == {"a.md", "b.txt"}


def test_override_for_a_file_not_in_the_folder_warns(tmp_path: Path) -> None:
    article_file(tmp_path, "a.txt")
    overrides = {"gone.txt": SourceOverride(title="x"), "a.txt": SourceOverride(title="A")}
    (article,), warnings = load_articles(tmp_path, overrides)
    assert article.title == "A"
    assert len(warnings) == 1
    (warning,) = warnings_about(warnings, "gone.txt")
    assert "not in the folder" in warning


HTML_PAGE = f"""<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Talks resume in Geneva | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Talks resume in Geneva">
<meta name="date" content="2025-05-10">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li></ul></nav>
<header><p>Example News: all the news that fits in a banner</p></header>
<article>
<h1>Talks resume in Geneva</h1>
<p>{PROSE}</p>
<p>{OTHER_PROSE}</p>
<p>Both delegations are expected to return to Geneva next Thursday for a second round of talks.</p>
</article>
<footer><p>Copyright 2025 Example News. All rights reserved.</p>
<p>Privacy policy and terms of use for every reader of the site.</p></footer>
</body></html>
"""


def test_html_page_gives_article_text_title_and_outlet(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (article,), warnings = load_articles(tmp_path)
    assert warnings == ()
    assert article.title == "Talks resume in Geneva"
    assert article.outlet == "Example News"
    assert article.published == dt.date(2025, 5, 10)
    kept = paragraphs(article)
    assert kept == [
        PROSE,
        OTHER_PROSE,
        "Both delegations are expected to return to Geneva next Thursday for a second round of "
        "talks.",
    ]
    for furniture in ("Home", "Politics", "all the news that fits", "Copyright", "Privacy"):
        assert furniture not in article.raw_text
    assert "<" not in article.raw_text


# --- the example corpus -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> dict[str, Article]:
    articles, warnings = load_articles(EXAMPLES, root=ROOT)
    assert warnings == ()
    return {a.key[:3]: a for a in articles}


def test_example_corpus_loads_five_articles(corpus: dict[str, Article]) -> None:
    assert sorted(corpus) == ["000", "001", "002", "003", "004"]
    for article in corpus.values():
        assert article.path == f"examples/putin-talks/{article.key}.txt"
        assert article.paragraphs


def test_example_titles(corpus: dict[str, Article]) -> None:
    assert corpus["000"].title == (
        "Steve Rosenberg: Putin's Talks Offer May Be a Bid to Divide the US and Europe"
    )
    assert corpus["001"].title == (
        "Putin's talks offer could be bid to drive wedge between US and Europe"
    )
    assert corpus["002"].title is None
    # The photo agency credit after the question mark is not part of the headline.
    assert corpus["003"].title == (
        "Putin wants to negotiate: Is this a turn towards peace or another diversionary "
        "maneuver from the chief strategist in the Kremlin?"
    )
    assert corpus["004"].title == (
        "Putin Proposes Direct Talks with Ukraine Amidst Conflicting Signals"
    )


def test_example_dates(corpus: dict[str, Article]) -> None:
    assert corpus["003"].published == dt.date(2025, 5, 11)
    assert [k for k, a in corpus.items() if a.published is not None] == ["003"]


def test_example_text_is_raw_text_masked(corpus: dict[str, Article]) -> None:
    for article in corpus.values():
        assert len(article.text) == len(article.raw_text)
        raw = (EXAMPLES / f"{article.key}.txt").read_text(encoding="utf-8")
        assert article.raw_text == raw
        # Masking only ever replaces characters by spaces.
        assert all(t == r or t == " " for t, r in zip(article.text, article.raw_text, strict=True))


@pytest.mark.parametrize(
    ("page_title", "headline", "outlet"),
    [
        # The outlet after the headline, with no site name elsewhere on the page.
        ("Talks resume in Geneva - Global Review", "Talks resume in Geneva", "Global Review"),
        ("Talks resume in Geneva | Global Review", "Talks resume in Geneva", "Global Review"),
        # A dash inside the headline itself is not a separator.
        ("Kyiv - the longest night", "Kyiv - the longest night", None),
        # What stands before the separator is not the headline: nothing is guessed.
        ("World news - Global Review", "Talks resume in Geneva", None),
        # An outlet with a hyphen of its own; a section, a page or a year is no outlet.
        ("Talks resume in Geneva | Al-Monitor", "Talks resume in Geneva", "Al-Monitor"),
        ("Talks resume in Geneva - Opinion", "Talks resume in Geneva", None),
        ("Talks resume in Geneva - Page 2", "Talks resume in Geneva", None),
    ],
)
def test_html_page_without_site_name_takes_the_outlet_from_its_title(
    tmp_path: Path, page_title: str, headline: str, outlet: str | None
) -> None:
    page = (
        HTML_PAGE.replace("<title>Talks resume in Geneva | Example News</title>", "")
        .replace('<meta property="og:site_name" content="Example News">', "")
        .replace('<meta property="og:title" content="Talks resume in Geneva">', "")
        .replace("<head>", f"<head><title>{page_title}</title>")
        .replace("<h1>Talks resume in Geneva</h1>", f"<h1>{headline}</h1>")
        .replace("Example News", "The paper")
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (article,), _ = load_articles(tmp_path)
    assert article.title == headline
    assert article.outlet == outlet


def test_the_agency_a_dateline_credits_is_the_outlet_when_none_is_given(tmp_path: Path) -> None:
    (tmp_path / "wire.txt").write_text(
        "Storm floods the capital\n\n"
        "MANILA, Philippines (AP) _ A storm flooded the capital on Monday, officials said.\n\n"
        "Rescuers (from the navy) reached the worst-hit areas by boat in the afternoon.\n",
        encoding="utf-8",
    )
    (tmp_path / "paper.md").write_text(
        "---\noutlet: The Daily Ledger\n---\n"
        "LONDON (Reuters) - A storm flooded the capital on Monday, officials said.\n",
        encoding="utf-8",
    )
    (tmp_path / "plain.txt").write_text(
        "A storm flooded the capital on Monday, officials said.\n", encoding="utf-8"
    )
    articles, _ = load_articles(tmp_path)
    outlets = {a.key: a.outlet for a in articles}
    assert outlets == {"paper": "The Daily Ledger", "plain": None, "wire": "AP"}


def test_a_site_name_that_is_only_a_web_address_yields_to_the_title(tmp_path: Path) -> None:
    """Without a site name, trafilatura falls back on the page's host name: the outlet the
    <title> names after the headline is the better name."""
    page = (
        HTML_PAGE.replace("<title>Talks resume in Geneva | Example News</title>", "")
        .replace('<meta property="og:site_name" content="Example News">', "")
        .replace('<meta property="og:title" content="Talks resume in Geneva">', "")
        .replace(
            "<head>",
            "<head><title>Talks resume in Geneva - The Daily Ledger</title>"
            '<link rel="canonical" href="https://dailyledger.example/2025/talks-resume">',
        )
        .replace("Example News", "The paper")
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (article,), _ = load_articles(tmp_path)
    assert article.outlet == "The Daily Ledger"
