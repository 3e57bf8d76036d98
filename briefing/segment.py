"""Segment stage: ``Article`` -> ``Sentence`` objects with stable ids and offsets.

Sentence boundaries come from pysbd (rule-based, offline: no NLTK data to download), run one
paragraph at a time; a boundary never crosses a paragraph. pysbd took 17 s for 500 articles;
two changes that leave its sentences as they were make it three times as fast:

- its rules are called directly (``Segmenter.processor``), not through ``Segmenter.segment``,
  which then looks every sentence up again in the paragraph with a regular expression
  compiled for that sentence (a third of its time); ``sentence_spans`` locates them itself;
- its abbreviation rules skip the work that cannot change the text (``_processor``): for each
  abbreviation letters that merely start a word ("p" in "police") it ran a substitution over
  the whole paragraph, quadratic in a long paragraph.

tests/test_segment.py compares the result with ``Segmenter.segment`` on the example corpus and
on random abbreviation-heavy text, benchmarks/check_equivalence.py on the evaluation corpora
(pysbd is pinned). Two corrections on top:

- a quotation that runs over several sentences stays in one piece with the words that say who
  spoke (``"We want peace. We are ready," he said.``), as long as it closes within the
  paragraph and within ``_QUOTE_MAX_WORDS`` words; an attribution the splitter cut off after
  the closing quote (``... ready!" Trump posted on Truth Social.``) is put back;
- two sentences written with no space between them ("in 1953.In her book") are split
  (``split_glued``), and so are two after a name ending like a title ("... strongman Hun Sen.
  Hun Sen complained ...", ``split_after_names``);
- each piece is located in the paragraph by position, so offsets are exact and no character of
  a paragraph is lost between sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache

from .models import Article, Sentence
from .text import WEEKDAY_NAMES

# A quotation longer than this is split like ordinary text: one point should stay readable.
_QUOTE_MAX_WORDS = 90
_OPENERS = "“"
_CLOSERS = "”"
_ENDS_ON_QUOTE = re.compile(r"[.!?…,][\"”]$")
# `Trump posted on Truth Social.` after a quotation: who said it, split off by the splitter.
SPEECH_VERBS = (
    "said|says|added|asserted|stated|declared|told|wrote|posted|tweeted|insisted|argued|"
    "warned|noted|explained|remarked|affirmed|replied|responded|claimed|announced|continued"
)
_ATTRIBUTION = re.compile(
    rf"^(?:[A-Z][\w’'.-]*\s+){{1,6}}(?:{SPEECH_VERBS})\b[^.!?\"“”]{{0,80}}[.!]$"
)
_ATTRIBUTION_MAX_WORDS = 12


@cache
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


@cache
def _processor():  # type: ignore[no-untyped-def]
    """pysbd's English rules (``Processor``), with shortcuts that change no result."""
    from pysbd.processor import Processor

    english = _segmenter().language_module

    class Abbreviations(english.AbbreviationReplacer):  # type: ignore[misc,name-defined]
        """pysbd's abbreviation rules, minus the work that cannot change the text.

        For each abbreviation found anywhere in a line ("p" also in "police"), pysbd searches
        the line twice, then runs a substitution over the whole line for every word that starts
        like it. A substitution only ever turns the full stop right after the abbreviation (a
        whole word: white space before it) into a placeholder, and nothing adds full stops, so
        an abbreviation never written as a word before a full stop is passed over. Texts
        outside ASCII before a full stop take pysbd's own path (case-insensitive matching has
        exceptions there: "ſ" matches "s").
        """

        def search_for_abbreviations_in_string(self, text: str) -> str:
            before_stop = {
                token[:k] for token in text.split() if "." in token for k in _stops(token)
            }
            if not all(word.isascii() for word in before_stop):
                original: str = super().search_for_abbreviations_in_string(text)
                return original
            words = {word.lower() for word in before_stop}
            lowered = text.lower()
            for abbr in _worth_trying(tuple(self.lang.Abbreviation.ABBREVIATIONS), words):
                stripped = abbr.strip()
                if stripped not in lowered:
                    continue
                abbrev_match = re.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
                if not abbrev_match:
                    continue
                next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
                char_array = re.findall(next_word_start, text)
                for ind, match in enumerate(abbrev_match):
                    text = self.scan_for_replacements(text, match, ind, char_array)
            return text

        def scan_for_replacements(self, txt: str, am: str, ind: int, char_array: list[str]) -> str:
            # The substitution acts on the abbreviation followed by a full stop: where that
            # text is absent, it is skipped.
            abbreviation = am.strip()
            if abbreviation.isalpha() and abbreviation + "." not in txt:
                return txt
            replaced: str = super().scan_for_replacements(txt, am, ind, char_array)
            return replaced

    class Rules(Processor):  # type: ignore[misc]
        def abbreviations_replacer(self):  # type: ignore[no-untyped-def]
            return Abbreviations(self.text, self.lang)

    return lambda text: Rules(text, english, char_span=False).process()


def _worth_trying(abbreviations: tuple[str, ...], words: set[str]) -> list[str]:
    """The abbreviations, in their order, that can change a line whose words before a full
    stop are ``words`` (lower case): those written so before a full stop, and those with
    characters other than ASCII letters (pysbd matches them as patterns: "e.g" is "e", any
    character, "g")."""
    plain, other = _abbreviation_kinds(abbreviations)
    chosen = [*other, *(p for w in words if w in plain for p in plain[w])]
    return [abbreviations[position] for position in sorted(chosen)]


@cache
def _abbreviation_kinds(
    abbreviations: tuple[str, ...],
) -> tuple[dict[str, list[int]], tuple[int, ...]]:
    """Positions of the plain (lower-case ASCII letters) abbreviations by text, and of the
    others."""
    plain: dict[str, list[int]] = {}
    other = []
    for position, abbr in enumerate(abbreviations):
        stripped = abbr.strip()
        if stripped.isalpha() and stripped.isascii() and stripped == stripped.lower():
            plain.setdefault(stripped, []).append(position)
        else:
            other.append(position)
    return plain, tuple(other)


def _stops(token: str) -> list[int]:
    return [k for k, char in enumerate(token) if char == "."]


def pysbd_sentences(paragraph: str) -> list[str]:
    """The sentences pysbd finds in ``paragraph``, as its rules leave them (not yet located)."""
    if not paragraph:
        return []
    return list(_processor()(paragraph))


def split_sentences(article: Article) -> tuple[Sentence, ...]:
    """Every sentence of every kept paragraph of ``article``, in reading order."""
    sentences: list[Sentence] = []
    names = names_ending_like_titles(article.text)
    for paragraph, (start, end) in enumerate(article.paragraphs):
        spans = join_clock_times(article.text, sentence_spans(article.text, start, end))
        spans = split_glued(article.text, spans)
        spans = split_after_names(article.text, spans, names)
        spans = split_long(article.text, join_quotations(article.text, spans))
        for index, (s, e) in enumerate(spans):
            sentences.append(
                Sentence(
                    id=f"{article.key}:{paragraph}:{index}",
                    article=article.key,
                    paragraph=paragraph,
                    index=index,
                    position=len(sentences),
                    start=s,
                    end=e,
                    text=" ".join(article.raw_text[s:e].split()),
                )
            )
    return tuple(sentences)


def sentence_spans(
    text: str, start: int, end: int, segment: Callable[[str], Sequence[str]] = pysbd_sentences
) -> list[tuple[int, int]]:
    """(start, end) of each sentence pysbd finds in ``text[start:end]``, trimmed of white space.

    pysbd returns strings, not offsets; each one is found in the paragraph after the previous
    one. If pysbd ever changed the text so that a piece cannot be found, the rest of the
    paragraph becomes one sentence rather than losing characters. ``segment`` is the splitter
    (tests pass pysbd's ``Segmenter.segment`` to compare).
    """
    paragraph = text[start:end]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in segment(paragraph):
        piece = piece.strip()
        if not piece:
            continue
        found = paragraph.find(piece, cursor)
        if found < 0 or paragraph[cursor:found].strip():
            break
        spans.append((start + found, start + found + len(piece)))
        cursor = found + len(piece)
    rest_start = cursor + len(paragraph[cursor:]) - len(paragraph[cursor:].lstrip())
    if paragraph[cursor:].strip():
        spans.append((start + rest_start, end))
    return spans


def _open_quotation(piece: str) -> bool:
    """Whether ``piece`` leaves a quotation open: curly quotes by count, straight by parity."""
    curly = sum(piece.count(c) for c in _OPENERS) - sum(piece.count(c) for c in _CLOSERS)
    return curly > 0 or piece.count('"') % 2 == 1


def _is_attribution(text: str, quote: tuple[int, int], after: tuple[int, int]) -> bool:
    tail = text[after[0] : after[1]]
    return (
        _ENDS_ON_QUOTE.search(text[quote[0] : quote[1]]) is not None
        and len(tail.split()) <= _ATTRIBUTION_MAX_WORDS
        and _ATTRIBUTION.match(tail) is not None
    )


# Inside a sentence longer than _QUOTE_MAX_WORDS (pysbd never splits within quotation marks):
# a full stop, optionally closing a quote, then a capital. "U.S. President" is no boundary.
_INNER_BOUNDARY = re.compile(r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|St))[.!?…][\"”’]?(?=\s+[\"“]?[A-Z0-9])")


def _split_at(
    text: str, spans: list[tuple[int, int]], ends: Callable[[int, int], Iterable[int]]
) -> list[tuple[int, int]]:
    """Each span cut at the offsets ``ends(start, end)`` gives (in order, inside the span),
    the white space after a cut left out."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        piece = start
        for at in ends(start, end):
            out.append((piece, at))
            piece = at
            while piece < end and text[piece].isspace():
                piece += 1
        out.append((piece, end))
    return out


def split_long(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split sentences over ``_QUOTE_MAX_WORDS`` words at their inner sentence boundaries:
    a quotation that long is read like ordinary text."""

    def boundaries(start: int, end: int) -> Iterator[int]:
        if len(text[start:end].split()) > _QUOTE_MAX_WORDS:
            yield from (m.end() for m in _INNER_BOUNDARY.finditer(text, start, end))

    return _split_at(text, spans, boundaries)


# Scraped text sometimes loses the space between two sentences ("in 1953.In her book"), which
# pysbd then reads as one. Two lower-case letters or digits, a full stop (or ! ?, or one closing
# a curly quotation) and a capitalised word: "U.S.Army", "St.Louis" and "Ph.D" have a capital
# before the stop, "No.1" no capital after it; web addresses ("Agency.Com",
# "bbc.co.uk/News.Html") are left alone. A straight quotation mark is not split at: it may open
# the next sentence or close this one.
_GLUED = re.compile(r"(?<=[a-z0-9]{2})[.!?]”?(?=[A-Z][a-z])(?!(?:Com|Org|Net|Gov|Edu)\b)")


# Words that end on a full stop before a name without ending a sentence.
_TITLE_STOPS = frozenset(
    "mr mrs ms dr gen sen rep gov lt col capt sgt prof rev adm maj jr sr st mt ft vs".split()
)


def split_glued(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split sentences where two were written with no space between them."""

    def joins(start: int, end: int) -> Iterator[int]:
        for glued in _GLUED.finditer(text, start, end):
            before = text[start : glued.start()].split()
            word = before[-1] if before else ""
            if "/" in word or "@" in word or word.lower().startswith("www."):
                continue  # an address: "example.org/News.Html", "name@Mail.Com"
            if word.lower().lstrip('(“"') in _TITLE_STOPS:
                continue  # a title before a name: "Mrs.Smith", "Sen.Warren", "vs.Real Madrid"
            start = glued.end()
            yield start

    return _split_at(text, spans, joins)


# A name whose last word is also a title's abbreviation ("Hun Sen", "Sen." for senator): pysbd
# never ends a sentence after "Hun Sen." The article tells: where it writes "Hun Sen" with no
# stop, no possessive and not before another name ("Hun Sen said", "to Hun Sen, who"), it is a
# name, and "Hun Sen." before a capital ends a sentence. "Texas Sen. Ted Cruz" is left alone:
# "Texas Sen" is never written before anything but a name.
_NAME_ENDING_LIKE_A_TITLE = re.compile(
    r"\b[A-Z][a-z]+ (?:Sen|Gen|Rep|Gov|Col|Lt|Dr|St)\b(?!\.)(?!\s+[A-Z])(?!['’]?\w)"
)


def names_ending_like_titles(text: str) -> frozenset[str]:
    """The names ``text`` writes as names whose last word is a title's abbreviation."""
    return frozenset(m.group() for m in _NAME_ENDING_LIKE_A_TITLE.finditer(text))


def split_after_names(
    text: str, spans: list[tuple[int, int]], names: frozenset[str]
) -> list[tuple[int, int]]:
    """Split sentences after one of ``names`` followed by a full stop and a capital."""
    if not names:
        return spans
    ending = re.compile(
        r"\b(?:" + "|".join(re.escape(n) for n in sorted(names)) + r")\.(?=\s+[“\"]?[A-Z])"
    )
    return _split_at(text, spans, lambda s, e: (m.end() for m in ending.finditer(text, s, e)))


# "at 8 a.m. CT with his two children", "about 11 p.m. Wednesday when": pysbd ends a sentence
# at "a.m." before a capital; a time zone or a weekday after it goes on the sentence.
_CLOCK_END = re.compile(r"\b\d{1,2}(?::\d{2})?\s?[ap]\.m\.$", re.IGNORECASE)
_CLOCK_GOES_ON = re.compile(
    r"(?:[A-Z]{1,2}[SD]?T|GMT|UTC|Eastern|Central|Pacific|Mountain|local time"
    r"|" + WEEKDAY_NAMES + r")\b"
)


def join_clock_times(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a sentence ending on a clock time ("8 a.m.") to the next when that one opens on
    its time zone or weekday ("CT with his two children ...")."""
    out: list[tuple[int, int]] = []
    for span in spans:
        if out and _CLOCK_END.search(text, out[-1][0], out[-1][1]):
            following = _CLOCK_GOES_ON.match(text, span[0])
            if following and text[span[0]].isupper():
                out[-1] = (out[-1][0], span[1])
                continue
        out.append(span)
    return out


def join_quotations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge consecutive sentences that lie inside one quotation, with its attribution."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        start = spans[i][0]
        j = i
        while (
            _open_quotation(text[start : spans[j][1]])
            and j + 1 < len(spans)
            and len(text[start : spans[j + 1][1]].split()) <= _QUOTE_MAX_WORDS
        ):
            j += 1
        if _open_quotation(text[start : spans[j][1]]):
            j = i  # never closed: leave the sentences as they were
        if j + 1 < len(spans) and _is_attribution(text, spans[j], spans[j + 1]):
            j += 1
        out.append((start, spans[j][1]))
        i = j + 1
    return out
