"""Escaping for the Markdown output: article text is data, never Markdown.

Part of the render stage (``render.py``): the Markdown template passes every piece of
article-derived text through the ``md`` filter (:func:`escape_markdown`) and file paths or URLs
through ``md_code`` (:func:`md_code`), so a headline such as ``*BREAKING* <script>`` or a
sentence opening with ``1.`` shows up literally when the briefing is rendered, instead of
turning into emphasis, raw HTML or a numbered list.

Two renderers matter and they disagree on backslash escapes:

- CommonMark (GitHub, most editors) honours a backslash before any ASCII punctuation.
- python-markdown (what we verify with) honours it only before the characters in
  ``Markdown.ESCAPED_CHARS``: ``\\ ` * _ { } [ ] ( ) > # + - . !``. ``\\<``, ``\\&``, ``\\|``
  and ``\\~`` come out with the backslash still showing.

So characters python-markdown can backslash-escape get a backslash, and the others get an HTML
character reference, which both renderers decode to the character without ever treating it as
markup: ``<`` -> ``&lt;``, ``|`` -> ``&#124;``, ``~`` -> ``&#126;``, and ``&`` -> ``&amp;``
where it would start a character reference (``&amp;``, ``&#42;``); a bare ``&`` as in "Q&A"
renders as itself and is left alone.

The raw Markdown is read by people too, so ordinary punctuation (``. , ' - ( ) !``) is left
alone inside the text. Characters that only mean something at the start of a block (``#``,
``+``, ``-``, ``>``, ``1.``/``1)``) are escaped only there. ``>`` in mid-text cannot open
anything because every ``<`` is escaped, so it stays readable ("A > B").
"""

from __future__ import annotations

import re

# Runs of white space that Markdown would read as line structure or expand (python-markdown
# expands tabs to 4 spaces): folded to one space. Unicode spaces such as U+00A0 (no-break
# space) are kept: they are content ("10 000") and no Markdown construct reacts to them.
_LINE_WHITESPACE = re.compile(r"[ \t\n\r\f\v\x1c-\x1f\x85\u2028\u2029]+")

# Other control characters cannot appear in HTML at all, and python-markdown uses U+0002 and
# U+0003 as internal placeholders (it silently deletes them from its input). Dropped.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")

# Escaped wherever they occur. Each character is escaped on its own, so a literal backslash
# (written as two) never combines with the character after it.
_INLINE = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "{": "\\{",  # attribute lists ({: .class }) in python-markdown's attr_list extension
    "}": "\\}",
    # Not in python-markdown's ESCAPED_CHARS: a backslash would stay visible.
    "<": "&lt;",  # raw HTML, autolinks, comments
    "|": "&#124;",  # tables (GFM, python-markdown "tables")
    "~": "&#126;",  # strikethrough and ~~~ fences (GFM)
}

# "&" only matters where it starts a character reference ("&amp;" in an article would display
# as "&"); that needs a ";" in both renderers (python-markdown also takes "&1a;"). A bare "&",
# as in "Q&A" or "AT&T", renders as itself, so it is left readable.
_REFERENCE_START_RE = re.compile(r"&(?=#[0-9]+;|#[xX][0-9A-Fa-f]+;|[A-Za-z0-9]+;)")

# Block openers at the very start of the text: ATX heading, list item, block quote, ordered
# list item ("1." python-markdown and CommonMark, "1)" CommonMark only). "*" is escaped anyway.
# Group 1 or group 2 is the character that gets the backslash.
_BLOCK_START_RE = re.compile(r"^(?:([#+\->])|\d+([.)])(?= |$))")


def fold_whitespace(text: str) -> str:
    """Return ``text`` on one line: line breaks, tabs and runs of spaces become one space,
    control characters are dropped, and the ends are trimmed.

    A point or title is one line of Markdown; a newline inside it would end the list item or
    heading, and leading spaces could turn it into a code block.
    """
    return _CONTROL.sub("", _LINE_WHITESPACE.sub(" ", text)).strip(" ")


def escape_markdown(text: str) -> str:
    """Return ``text`` as Markdown that renders to exactly ``text`` (whitespace-folded).

    Safe at the start of a block (after ``- ``, ``1. ``, ``# `` or at the start of a line) and
    anywhere inline. Correct for python-markdown and CommonMark: see the module docstring for
    which characters get a backslash and which an HTML character reference.

    >>> escape_markdown("*Breaking*: 1. <b>Tom & Jerry</b> say [hi](x) &amp;")
    '\\\\*Breaking\\\\*: 1. &lt;b>Tom & Jerry&lt;/b> say \\\\[hi\\\\](x) &amp;amp;'
    >>> escape_markdown("# 2. Round")
    '\\\\# 2. Round'
    """
    folded = fold_whitespace(text)
    backslashed: set[int] = set()
    references = {match.start() for match in _REFERENCE_START_RE.finditer(folded)}
    if opener := _BLOCK_START_RE.match(folded):
        backslashed.add(opener.start(1) if opener.group(1) else opener.start(2))
    if folded.endswith("#"):
        # python-markdown strips a closing run of "#" from a heading even without a space
        # before it ("# C#" renders as "C"); harmless elsewhere.
        backslashed.add(len(folded) - 1)
    out = []
    for position, char in enumerate(folded):
        if char in _INLINE:
            out.append(_INLINE[char])
        elif position in references:
            out.append("&amp;")
        elif position in backslashed:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def md_code(text: str) -> str:
    """Return ``text`` as a Markdown code span, shown verbatim in a monospace font.

    Used for file paths and URLs, which are unreadable once every ``_`` and ``\\`` is
    backslash-escaped. Inside a code span nothing is interpreted, so the only care needed is a
    fence of backticks longer than any run of backticks in the text, with a space of padding
    when the text itself starts or ends with a backtick (both renderers strip that padding).

    >>> md_code("examples/000_a.txt")
    '`examples/000_a.txt`'
    >>> md_code("a`b")
    '``a`b``'
    """
    folded = fold_whitespace(text)
    if not folded:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", folded)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if folded.startswith("`") or folded.endswith("`") else ""
    return f"{fence}{padding}{folded}{padding}{fence}"
