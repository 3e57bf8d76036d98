"""Tests for briefing.markup: escaped article text renders literally with python-markdown."""

from __future__ import annotations

import string
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.markup import escape_markdown, fold_whitespace, md_code


class _TextAndTags(HTMLParser):
    """Collects the text content and the element names of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def rendered(markdown_text: str) -> tuple[str, list[str]]:
    """Render with python-markdown; return (whitespace-folded text content, element names)."""
    parser = _TextAndTags()
    parser.feed(markdown.markdown(markdown_text))
    parser.close()
    return " ".join("".join(parser.text).split()), parser.tags


def folded(text: str) -> str:
    return " ".join(text.split())


# Every ASCII punctuation character, white space including line breaks and tabs, digits (for
# "1." list markers), letters, and some non-ASCII text (accents, quotes, no-break space).
ALPHABET = st.sampled_from(
    string.punctuation + string.digits + "ab Z \n\t\r" + "é’“”—·\u00a0€ж"
) | st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))
TEXTS = st.text(ALPHABET, max_size=40)

HOSTILE = [
    "*bold* and _under_ and __strong__",
    "# Heading",
    "1. Not a list",
    "3) Not a list either",
    "- not a bullet",
    "+ not a bullet",
    "> not a quote",
    "C#",
    "---",
    "<script>alert(1)</script>",
    "{{ 7*7 }} {% raw %}",
    "[x](javascript:alert(1))",
    "![img](http://example.com/x.png)",
    "&amp; &lt; & &#42; &copy &1a; Q&A",
    "`code` ```fence",
    "a | b | c",
    "~~strike~~ ~~~",
    "back\\slash \\* \\\\",
    "<http://example.com> <a@b.c>",
    "    indented",
    "line one\nline two\n\nline three",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("context", ["{}", "- {} [1][3]", "# {}", "1. {}", "Lead: {}"])
def test_hostile_text_renders_literally(text: str, context: str) -> None:
    prefix = context.split("{}")[0].lstrip("-#1. ")
    suffix = context.split("{}")[1]
    text_out, tags = rendered(context.format(escape_markdown(text)))
    assert text_out == folded(prefix + text + suffix)
    # The only elements are the ones the surrounding context creates.
    assert set(tags) <= {"p", "ul", "li", "h1", "ol"}


@settings(max_examples=400, deadline=None)
@given(TEXTS)
@example("# C#")
@example("1. x")
@example("&amp; &#42; &#x2A; &1a; Q&A")
@example("\\`")
def test_escape_round_trips_through_python_markdown(text: str) -> None:
    for context in ("{}", "- {}", "# {}", "1. {}"):
        text_out, _ = rendered(context.format(escape_markdown(text)))
        assert text_out == folded(text), context


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_md_code_shows_text_verbatim(text: str) -> None:
    text_out, tags = rendered("- " + md_code(text))
    assert text_out == folded(text)
    if folded(text):
        assert "code" in tags


def test_ordinary_punctuation_stays_readable() -> None:
    sentence = "Putin's offer, made on Sunday - a surprise. (Or not!) It's 30-day; 1.5% \"up\"."
    assert escape_markdown(sentence) == sentence
    assert escape_markdown("A > B") == "A > B"


def test_block_markers_escaped_only_at_the_start() -> None:
    assert escape_markdown("# one # two") == "\\# one # two"
    assert escape_markdown("- one - two") == "\\- one - two"
    assert escape_markdown("2. one 2. two") == "2\\. one 2. two"
    assert escape_markdown("2025.05.11 is a date") == "2025.05.11 is a date"


def test_characters_python_markdown_cannot_backslash_escape_become_references() -> None:
    assert escape_markdown("a < b | d ~ e") == "a &lt; b &#124; d &#126; e"


def test_ampersand_escaped_only_where_it_starts_a_reference() -> None:
    assert escape_markdown("Q&A at AT&T & M&S") == "Q&A at AT&T & M&S"
    assert escape_markdown("&amp; &#42; &#x2A; &1a;") == "&amp;amp; &amp;#42; &amp;#x2A; &amp;1a;"
    assert escape_markdown("&amp") == "&amp"


def test_fold_whitespace() -> None:
    assert fold_whitespace("  one\ntwo\t\tthree\r\n") == "one two three"
    assert fold_whitespace("keeps\u00a0no-break space") == "keeps\u00a0no-break space"
    assert fold_whitespace("drops\x02controls\x03") == "dropscontrols"
