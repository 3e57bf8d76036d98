"""Finds the article in scraped text: headline, date, and the paragraphs worth reading.

Part of the ingest stage (``ingest.load_articles`` calls ``clean_text`` on every file). Scraped
pages carry furniture around the story: navigation words, bylines, photo credits, subheadings,
newsletter prompts, embedded social posts, "Show more" buttons, a footer in another script, the
headline twice. Nothing here lists those strings; the rules are about shape:

- a paragraph that does not end like a sentence (no final . ! ? …) is a label, not prose:
  navigation, bylines, credits and subheadings all look like that;
- the first title-like line before the body is the headline (metadata, not a sentence), unless
  it heads a list of links to other stories: the headline-like line after it shares no content
  word with it, and the story shares fewer than half of its words;
- a paragraph repeated verbatim, one in a script other than the article's, one carrying a social
  post's link or signature, one that opens on an emoji, a photo caption closed by its credit
  ("... on Thursday. (AP)", "... Friday. (U.S. Navy photo)") or opened by a caption label
  ("Image copyright ... Image caption ..."), a rights notice ("Copyright © 2015 ...",
  "Republished with permission from ...") and a short call to action are furniture; a line in
  brackets is never the headline, nor is a sentence closed by a remark in brackets, which above
  the story is the lead picture's caption ("... on May 2. (Jane Roe/The Valley Times)");
- a few words dangling after a paragraph's last sentence are a button label, and a label in
  capitals before a separator at its start a column's name ("THE FACT CHECKER | ...");
- a related-headlines widget glued into a sentence ("Hillary Clinton Hillary Diane Rodham
  ClintonGrassley blasts ... MORE conducted ...") masks the whole sentence: a sentence is one
  span of the text read, so the widget cannot be cut out of it;
- a block of summary bullets above the story, under a label such as "Story highlights", is
  neither headline nor text (the one place a label's words are named: they are glued to the
  first bullet, which otherwise looks like a headline).

Nothing is cut out: furniture is masked with spaces, so the cleaned text has the same length as
the text read and every offset points into both.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from .segment import sentence_spans
from .text import MONTH_NAMES, MONTHS, WORD, content_stems

TERMINAL = re.compile(r"[.!?…][\"”’')\]]*$")
_LAST_TERMINAL = re.compile(r"[.!?…][\"”’')\]]*(?=\s)")
DATE_LINE = re.compile(r"^\s*date:?\s+(\d{4})-(\d{2})-(\d{2})\b", re.IGNORECASE)
# A line that only stamps the page with its date: "Published on Feb 23, 2016", "Updated:
# 11 May 2025 14:02 BST", "Monday, May 12, 2025". Furniture, and the article's date when it
# has none yet; never its headline.
_MONTH = r"(?P<{}>" + MONTH_NAMES + r")\.?"
_STAMP_LINE = re.compile(
    r"^\s*(?:(?:first |last )?(?:published|updated|posted|modified)(?:\s+(?:on|at))?:?\s+)?"
    r"(?:[a-z]+day,?\s+)?"
    rf"(?:{_MONTH.format('m1')}\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+{_MONTH.format('m2')},?\s+(?P<y2>\d{{4}}))"
    r"(?:[\s,|-]*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?\s*\.?\s*$",
    re.IGNORECASE,
)


def _stamp_date(match: re.Match[str]) -> dt.date | None:
    month = MONTHS[(match["m1"] or match["m2"]).lower()]
    try:
        return dt.date(int(match["y1"] or match["y2"]), month, int(match["d1"] or match["d2"]))
    except ValueError:  # "Feb 30, 2016": not a date
        return None


# The label over a block of summary bullets the outlet writes above a story ("Story highlights
# Two groups got into a dispute ..."): the label and the bullets after it, lines without a
# sentence ending, are furniture, and none of them is the headline.
_HIGHLIGHTS = re.compile(
    r"^\W*(?:story highlights\b|(?:highlights|key points|in brief|at a glance)\W*$)",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_FRONT_MATTER_KEY = re.compile(r"^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$")
# A trailing run of capitals after a headline's last punctuation: a photo-agency credit.
_CREDIT = re.compile(r"(?<=[.!?…\"”])\s+[A-Z][A-Z&/.\-]+(?:\s+[A-Z][A-Z&/.\-]+){0,3}\s*$")

SOCIAL_POST = re.compile(
    r"pic\.twitter\.com/\S+"
    r"|https?://(?:www\.)?(?:t\.co|twitter\.com|x\.com|instagram\.com|facebook\.com|tiktok\.com)/"
    r"|[—–]\s*[^()\n]{1,60}\(@\w{1,30}\)\s+[A-Z][a-z]+\.? \d{1,2}, \d{4}",
)
# A prompt addressed to the reader: it opens on the imperative ("Subscribe to ...", "Sign up
# for ...") or names the site's machinery ("newsletter", "privacy policy"). "Ukraine refused to
# sign up to any deal" is prose: the verb does not open it.
CALL_TO_ACTION = re.compile(
    r"^\W*(?:subscribe|sign up|sign in|log in|register|follow us|click|tap|read more|"
    r"read also|see also|download|share (?:this|on)|leave a comment|join us|watch|listen)\b"
    r"|\b(?:newsletter|all rights reserved|advertisement|privacy policy|cookie policy|"
    r"terms of (?:use|service))\b",
    re.IGNORECASE,
)
_CALL_TO_ACTION_MAX_WORDS = 25
# A paragraph of at most this many words without a final full stop is a label (nav, byline,
# credit, subheading); a longer one is prose whose end was lost, kept for its other sentences.
_LABEL_MAX_WORDS = 12
# A dateline opening a paragraph: "WASHINGTON —", "LE BOURGET, France —", "PRETORIA/KHARTOUM, ",
# "Kabul, Afghanistan (CNN) ", "BEIJING &UR; &LR; _" (with wire copy's typesetting codes). It
# says where the report was filed, not what happened.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’/-]+(?:\s[A-Z][A-Z.'’/-]+){0,3}"
    r"(?:,\s[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2})?\s*(?:\((?P<credit>[^()]{2,25})\))?"
    r"(?:\s*&[A-Z]{2};)*\s*(?:—|–|--|_|-(?=\s))\s*"
    r"|^[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}(?:,\s[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})?"
    r"\s\((?P<agency>(?:[A-Z][A-Za-z]*\s?){1,3})\)\s*(?:—|–|--|-|_)?\s*"
    r"|^[A-Z]{3,}(?:[/ ][A-Z]{3,})*,\s(?=[A-Z])"
    # Typesetting codes of wire copy opening a paragraph ("&UR; &LR; U.S. officials ..."), kept
    # in some archives' text.
    r"|^(?:&[A-Z]{2};\s*)+(?=\S)"
)
_MENU_SEPARATOR = re.compile(r"\s[|›»>•·/]\s")
# A section label in capitals set before the text by a separator ("THE FACT CHECKER | Rep. Ann
# Lee said ..."): the column's name, not the sentence's.
_SECTION_LABEL = re.compile(r"^[A-Z][A-Z'’&.]+(?:\s[A-Z][A-Z'’&.]+){0,4}\s+[|›»•·]\s+(?=\S)")
# A related-headlines widget glued into a sentence (The Hill's style): after a person's name,
# their full name run into a list of headlines about them, closed by "MORE": "Hillary Clinton
# Hillary Diane Rodham ClintonGrassley blasts Democrats ... MORE conducted just a sliver ...".
# The surname comes twice, the second time glued to the capital opening the first headline.
_GLUED_WIDGET = re.compile(
    r"\b(?P<surname>[A-Z][a-z]+)\s+(?:[A-Z][a-z]*\.?\s+){1,3}(?P=surname)[A-Z]"
    r"[^\n]{0,500}?\bMORE(?![A-Za-z])"
)
# Words after a paragraph's last sentence that make a button label ("Show more", "Read on").
_DANGLING_MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What ``clean_text`` found. ``removed`` lists each masked span with the rule that fired."""

    text: str
    paragraphs: tuple[tuple[int, int], ...]
    title: str | None
    published: dt.date | None
    front_matter: tuple[tuple[str, str], ...]
    removed: tuple[tuple[int, int, str], ...]
    # Who the first dateline credits with the report: "KABUL, Afghanistan (AP) —" -> "AP".
    credit: str | None = None


def clean_text(raw: str, *, markdown: bool = False, title: str | None = None) -> Cleaned:
    """Mask the page furniture of ``raw`` and find its headline, date and paragraphs.

    ``markdown`` treats ``#`` lines as headings; a ``title`` known from elsewhere (HTML
    metadata) is not looked for in the text, only masked where it is repeated there.
    """
    removed: list[tuple[int, int, str]] = []
    lines = _lines(raw)
    front_matter, lines = _front_matter(raw, lines, removed)
    published = _date_from(front_matter)
    title = title or dict(front_matter).get("title")

    spans: list[tuple[int, int, bool]] = []  # (start, end, is_heading)
    for start, end in lines:
        text = raw[start:end]
        date = DATE_LINE.match(text)
        if date:
            with contextlib.suppress(ValueError):  # "date 2025-13-45": not a date
                published = published or dt.date(*(int(g) for g in date.groups()))
            removed.append((start, start + date.end(), "date line"))
            start += date.end()
            text = raw[start:end]
        stamp = _STAMP_LINE.match(text)
        if stamp:
            published = published or _stamp_date(stamp)
            removed.append((start, end, "date stamp"))
            continue
        heading = markdown and _HEADING.match(text)
        if heading:
            removed.append((start, start + heading.end(), "heading marker"))
            start += heading.end()
        start, end = _strip(raw, start, end)
        if start < end:
            spans.append((start, end, bool(heading)))

    latin_article = _latin_share(raw) >= 0.5
    paragraphs: list[tuple[int, int]] = []
    seen: set[str] = set()
    body_started = False
    reported_by: str | None = None  # the first dateline's credit
    highlights = False  # inside a block of summary bullets above the body
    headline: tuple[int, int] | None = None  # where the headline found in the text stands
    stack: list[tuple[int, int]] = []  # headline-like lines right after it
    stacking = False
    for start, end, is_heading in _join_wrapped(raw, spans):
        text = raw[start:end]
        key = " ".join(text.split()).casefold()
        stacking = stacking and _title_like(text)
        if stacking:
            stack.append((start, end))
        reason = _furniture(text, key, seen, latin_article)
        if reason is None and not body_started:
            highlights = (highlights or bool(_HIGHLIGHTS.match(text))) and not TERMINAL.search(text)
            if highlights:
                reason = "summary bullets"
        if (
            reason is None
            and not body_started
            and len(text.split()) <= _CAPTION_MAX_WORDS
            and _SENTENCE_THEN_BRACKETS.search(text)
        ):
            reason = "photo caption"  # above the story: the lead picture's caption and credit
        if reason is None and not body_started and title is None and _title_like(text):
            credit = _CREDIT.search(text)
            title = " ".join(text[: credit.start() if credit else None].split())
            reason = "headline"
            headline, stacking = (start, end), True
        elif reason is None and title is not None and key == " ".join(title.split()).casefold():
            reason = "repeated headline"
        elif reason is None and (is_heading or not TERMINAL.search(text)):
            trimmed = end if is_heading else _drop_dangling(raw, start, end, removed)
            if trimmed < end:
                end = trimmed  # "... on Thursday. Continue reading": the sentence stays
            elif is_heading or len(text.split()) <= _LABEL_MAX_WORDS:
                reason = "label (no sentence ending)"
        if reason is not None:
            removed.append((start, end, reason))
            if reason == "headline":
                seen.add(key)
            continue
        seen.add(key)
        body_started = True
        label = _SECTION_LABEL.match(raw[start:end])
        if label:
            removed.append((start, start + label.end(), "section label"))
            start += label.end()
        dateline = _DATELINE.match(raw[start:end])  # "^" does not anchor at a match position
        if dateline and start + dateline.end() < end:
            removed.append((start, start + dateline.end(), "dateline"))
            start += dateline.end()
            if not paragraphs:
                reported_by = _credit(dateline)
        paragraphs.extend(_around_widgets(raw, start, end, removed))

    if headline is not None and stack and _related_links(raw, headline, stack, paragraphs):
        title = None
        removed = [(s, e, "related link" if (s, e) == headline else r) for s, e, r in removed]
        removed += [(s, e, "related link") for s, e in stack]
        paragraphs = [p for p in paragraphs if not any(s <= p[0] < e for s, e in stack)]
    return Cleaned(
        text=_mask(raw, removed, paragraphs),
        paragraphs=tuple(paragraphs),
        title=title,
        published=published,
        front_matter=tuple(front_matter),
        removed=tuple(removed),
        credit=reported_by,
    )


# A credit is an outlet's name: one to three capitalised words, no figures or dates of their
# own ("AP", "Reuters", "CBSLA.com", "KHON2"; not "May 10", "Updated 10:15 a.m.", "AP
# Photo/Efrem Lukatsky").
_CREDIT_NAME = re.compile(r"[A-Z][\w.&'’]*(?: [A-Z][\w.&'’]*){0,2}")


def _credit(dateline: re.Match[str]) -> str | None:
    """Who a dateline credits with the report, if it credits anyone: "MANILA (AP) _", "Kabul,
    Afghanistan (CNN)". Without a separator after it, only a "City, Country" dateline counts:
    "The European Union (EU) said" opens a sentence, and "EU" is no outlet."""
    found = dateline.group("credit")
    if found is None:
        found = dateline.group("agency")
        if found is None or "," not in dateline.group(0):
            return None
    found = " ".join(found.split())
    if not _CREDIT_NAME.fullmatch(found) or any(w.lower() in MONTHS for w in found.split()):
        return None
    return found


def _lines(raw: str) -> list[tuple[int, int]]:
    out = []
    position = 0
    for line in raw.split("\n"):
        out.append((position, position + len(line)))
        position += len(line) + 1
    return out


def _strip(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return start, end


def _front_matter(
    raw: str, lines: list[tuple[int, int]], removed: list[tuple[int, int, str]]
) -> tuple[list[tuple[str, str]], list[tuple[int, int]]]:
    """``---``-fenced ``key: value`` lines at the very top (Markdown and text files alike)."""
    content = [(s, e) for s, e in lines if raw[s:e].strip()]
    if not content or raw[content[0][0] : content[0][1]].strip() != "---":
        return [], lines
    first = lines.index(content[0])
    for index in range(first + 1, len(lines)):
        start, end = lines[index]
        if raw[start:end].strip() == "---":
            pairs = []
            for s, e in lines[first + 1 : index]:
                match = _FRONT_MATTER_KEY.match(raw[s:e])
                if match:
                    pairs.append((match.group(1).lower(), match.group(2).strip("\"'")))
            removed.append((lines[first][0], end, "front matter"))
            return pairs, lines[index + 1 :]
    return [], lines


def _date_from(front_matter: list[tuple[str, str]]) -> dt.date | None:
    value = dict(front_matter).get("date")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _join_wrapped(raw: str, spans: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Lines are paragraphs, except hard-wrapped prose: a line broken mid-sentence (the next one
    starts in lower case, with no blank line between) continues on the next line."""
    out: list[tuple[int, int, bool]] = []
    for start, end, heading in spans:
        if out and not heading and not out[-1][2]:
            prev_start, prev_end, _ = out[-1]
            gap = raw[prev_end:start]
            if (
                not gap.strip()  # nothing masked between (a date line starts afresh)
                and gap.count("\n") == 1
                and raw[start].islower()
                and not TERMINAL.search(raw[prev_start:prev_end])
            ):
                out[-1] = (prev_start, end, False)
                continue
        out.append((start, end, heading))
    return out


# Agencies whose name credits a photo ("(AP)", "AP Photo/...", "Reuters/...").
PHOTO_AGENCIES = "AP|AFP|Reuters|Getty Images|EPA"
# A photo caption: a sentence closed by its credit in brackets ("... on Thursday. (AP)",
# "... at her home. (Photo: Metro Nashville Police)", "... on Friday. (U.S. Navy photo)",
# "(Reuters file photo)", "(Image courtesy of the family)"), in any case.
_CAPTION_CREDIT = re.compile(
    r"[.!?…][\"”’]?\s*\((?:"
    + PHOTO_AGENCIES
    + r"|[^()]{0,80}?\b(?i:photo(?:graph)?s?|images?)\b[^()]{0,80})\)$"
)
# The label a site puts before a caption or a picture's credit: "Image copyright Reuters Image
# caption Toilet paper has been in short supply", "Media caption The minister said ...".
_CAPTION_LABEL = re.compile(
    r"^\W*(?:image|media|photo|video)\s+(?:copyright|caption|credit)\b", re.I
)
# A picture's credit closing its caption, with a label: "... When: 23 Sep 2016 Credit:
# IPA/WENN.com", "... on Friday. Photo: Jane Roe/AP" (not a bracketed link, "[Images: ...]").
_CREDIT_AT_END = re.compile(
    r"\b(?:Credit|Photo(?:graph)?|Image)s?\s*:\s*[^\s.!?\[\]()](?:(?!\.\s)[^!?\[\]()]){0,60}$"
)
# A sentence closed by a remark in brackets ("... on Friday. (Jane Doe/Outlet)"): never a
# headline, which does not end on a full stop; above the story, the lead picture's caption.
# The remark opens on a capital: "(scl)" closing a wire story is its editors' initials.
_SENTENCE_THEN_BRACKETS = re.compile(r"\.[\"”’]?\s*\([A-Z][^()]*\)$")
# A caption is a sentence or two; a whole story on one line is longer.
_CAPTION_MAX_WORDS = 60
# Rights and permission notices: "Copyright © 2015 by ...", "© 2016 Tech Times", "Copyright
# 2018 WSMV", "All rights reserved", "Republished with permission from ...", "Reprinted by
# arrangement with ...", "Excerpted from ...". Neither headline nor text. "Copyright" alone is
# not enough: a story about piracy speaks of copyright.
_RIGHTS_NOTICE = re.compile(
    r"©|\bcopyright\s+(?:\(c\)|\d{4})|\ball rights reserved\b"
    r"|\b(?:republished|reprinted|reproduced|used)\s+(?:with|by)\s+(?:kind\s+)?"
    r"(?:permission|arrangement)\b"
    r"|^\W*excerpted\s+(?:with\s+permission\s+)?from\b",
    re.IGNORECASE,
)
# A notice is a line of its own, a few sentences at most; a long paragraph of prose that names
# one ("the essay, reprinted with permission, argues ...") is prose.
_RIGHTS_MAX_WORDS = 60


def _furniture(text: str, key: str, seen: set[str], latin_article: bool) -> str | None:
    if key in seen:
        return "repeated paragraph"
    if (
        _CAPTION_CREDIT.search(text.rstrip())
        or _CAPTION_LABEL.match(text)
        or _CREDIT_AT_END.search(text.rstrip())
    ):
        return "photo caption"
    if len(text.split()) <= _RIGHTS_MAX_WORDS and _RIGHTS_NOTICE.search(text):
        return "rights notice"
    if (_latin_share(text) >= 0.5) != latin_article:
        return "other script"
    if SOCIAL_POST.search(text) or _opens_on_emoji(text):
        return "social post"
    if len(text.split()) <= _CALL_TO_ACTION_MAX_WORDS and CALL_TO_ACTION.search(text):
        return "call to action"
    return None


def _title_like(text: str) -> bool:
    """A headline: 4 to 30 words, not ending like a statement (a question or exclamation, or no
    final punctuation, with an agency credit allowed after it)."""
    if text.lstrip().startswith("(") and text.rstrip().endswith(")"):
        return False  # "(Metropolitan Nashville Police Department)": a credit or an aside
    credit = _CREDIT.search(text)
    core = text[: credit.start()] if credit else text
    n_words = len(WORD.findall(core))
    if not 4 <= n_words <= 30 or core.rstrip().endswith((":", ",", ";")):
        return False
    if _SENTENCE_THEN_BRACKETS.search(core.rstrip()):
        return False
    if _MENU_SEPARATOR.search(core):
        return False  # "Home | Politics | World": a breadcrumb or menu
    ending = TERMINAL.search(core)
    return ending is None or ending.group(0)[0] in "?!"


def _related_links(
    raw: str, headline: tuple[int, int], stack: list[tuple[int, int]], body: list[tuple[int, int]]
) -> bool:
    """Whether the headline found is a list of links to other stories (a site's "related"
    headlines above the article): the headline-like line after it shares no content word with
    it, and the story shares fewer than half of its content words. A real headline is followed
    by its own subheading or a byline, and its words are the story's."""
    first = content_stems(raw[headline[0] : headline[1]])
    if not first or first & content_stems(raw[stack[0][0] : stack[0][1]]):
        return False
    in_stack = [(s, e) for s, e in body if any(a <= s < b for a, b in stack)]
    story = content_stems(" ".join(raw[s:e] for s, e in body if (s, e) not in in_stack))
    return len(first & story) < len(first) / 2


def _drop_dangling(raw: str, start: int, end: int, removed: list[tuple[int, int, str]]) -> int:
    """Mask a short label after the last sentence of a paragraph; return the new end."""
    text = raw[start:end]
    endings = list(_LAST_TERMINAL.finditer(text))
    if not endings:
        return end
    last = endings[-1].end()
    tail = text[last:]
    if 0 < len(tail.split()) <= _DANGLING_MAX_WORDS:
        removed.append((start + last, end, "dangling label"))
        return start + last
    return end


def _around_widgets(
    raw: str, start: int, end: int, removed: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """The paragraph ``raw[start:end]`` without the sentences a headlines widget is glued into.

    The widget cannot be cut out of its sentence: a sentence is one span of the text read, and
    what is left ("Hillary Clinton conducted just a sliver ...") is not what the page printed.
    So each sentence it touches is masked whole, and the sentences around it are kept as
    paragraphs of their own."""
    widgets = [m.span() for m in _GLUED_WIDGET.finditer(raw, start, end)]
    if not widgets:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start: int | None = None
    for s, e in sentence_spans(raw, start, end):
        if any(s < w_end and w_start < e for w_start, w_end in widgets):
            removed.append((s, e, "headlines widget"))
            piece_start = None
        elif piece_start is None:
            pieces.append((s, e))
            piece_start = s
        else:
            pieces[-1] = (piece_start, e)  # the next sentence of the same piece
    return pieces


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF)
    return latin / len(letters)


def _opens_on_emoji(text: str) -> bool:
    first = text.lstrip()[:1]
    return bool(first) and (ord(first) >= 0x1F000 or unicodedata.category(first) == "So")


def _mask(raw: str, removed: list[tuple[int, int, str]], kept: list[tuple[int, int]]) -> str:
    """Blank everything outside the kept paragraphs, keeping line breaks (and the length)."""
    chars = [c if c == "\n" else " " for c in raw]
    for start, end in kept:
        chars[start:end] = raw[start:end]
    for start, end, _ in removed:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
