"""Corroboration: which sources repeat another, and where sources give different figures.

Two parts, run at two places of the pipeline:

- ``find_copies`` (in ``pipeline.analyse``, right after the dedupe stage) decides, for each pair
  of articles, whether one repeats the other's report, so that a statement carried by an
  article and its copy counts as one independent report, not two. Identical articles from
  several feeds are already one ``Article`` with several ``carriers`` (``daily.py``); here two
  more kinds are found:

  * **verbatim**: at least half the sentences of one article (and two or more) are in the other
    nearly word for word (similarity at least ``VERBATIM_SIMILARITY``, same figures): wire copy,
    a shortened or updated version of the same story.
  * **rewrite**: ``dedupe.align_rewrites`` pairs at least half the sentences of the shorter
    article with the other's, in the same order, *and* the two use the same names and figures
    (each has at least ``dedupe.REWRITE_MIN_SPECIFICS`` of its names and numbers in the other). The
    second condition is what tells a rewrite from two independent reports of one press
    conference or police statement: those also follow the same order of facts, but each
    reporter brings names, times and figures of their own, while a rewrite adds none.

  Only the sentences an article tells in its own words count, on both sides: a sentence wholly
  inside quotation marks is a statement the article quotes, not its report. A press release
  carried as it is and a round-up quoting it at length share every sentence of it, in order,
  without either repeating the other's report (a Multi-News cluster held such a pair, and a
  second one quoting another statement: both were called copies of the round-up).

  Tuned on the example corpus and on real clusters (``../shared/eval``: DUC 2004, a Multi-News
  sample): the example's rewritten pair aligns 13 of 24 sentences and shares 79-81 % of its
  names and figures both ways; the independent reports of one police statement or press release
  in Multi-News align as much (53-65 %) but share 35-63 % of their names and figures one way or
  the other. Same-day versions of one AP story in DUC are found as verbatim copies.

  Copies form groups (a story, its rewrite and its shortened version); the *original* of a
  group is its earliest source by publication date, else the agency's own version (the outlet
  the group's datelines credit: "Coastal Wire Service" for "(CWS)"), else the one with most
  sentences, else the first in file order. ``Copy.original`` names it; the evidence is the pair
  that tied the copy to its group (the original itself when they were compared, as they almost
  always are).

- ``find_disagreements`` (in ``compose``, for each chosen point) looks for sentences in other
  sources that give a figure or a date of the point differently, and reports "sources differ:
  524 [5] vs 500 [3]". A false disagreement misleads, so two sentences are compared only where
  they are about one occasion, by one of these rules:

  * **the same statement**: the same words once figures are set aside (cosine at least
    ``SAME_STATEMENT`` over ``SAME_STATEMENT_WORDS`` shared words or more, and the words left
    once every figure phrase with its scale, currency and unit is taken out overlapping at
    least ``SAME_WORDS_LEFT``). Every figure of the same kind about the same thing is compared.
  * **a shared count**: less alike (cosine at least ``NEAR_STATEMENT``, the same two other
    conditions) but giving one count of one thing identically ("about 3 million tons" of
    grain); their other counts are compared ("22 million people" / "23 million people").
  * **a list with a count in common**: the same things counted in a row, one count the same
    ("472 drones and 32 missiles" / "440 drones and 32 missiles"), however the rest is worded.
  * **a toll in one place**: a count of the dead (a word of death within
    ``TOLL_WORDS_BEFORE`` words before it or ``TOLL_WORDS_AFTER`` after: "killing at least 12
    people", "14 people died") or of the injured, in two sentences naming one place after "in",
    "at", "on", "near", "throughout", "across" or "outside" ("in Kyiv", "on Kyiv").

  The last three compare counts only, never dates, and hold only if neither sentence gives a
  year or calendar date the other does not give too, they give no two different weekdays, and
  they name no two places without one in common. Under any rule a count of the dead is never
  compared with one of the injured, and counts that differ between sentences telling of two
  places, or of two times (a weekday or date that differs too, a year only one gives), are not
  compared: they tell of two occasions; nor are counts of things that are or do two things
  ("six miners were still missing" / "120 miners were working"), or days of two deeds
  ("resumed talks on Monday" / "walked out of the talks on Wednesday"). The sentences found
  giving one of the point's figures are searched once more, for sentences giving *that* figure
  by the same rules (a toll in a clause too unlike the point to be searched, found through a
  sentence close to both).

  What is compared must be the same thing: a count with the same noun after it ("524 aerial
  drones" / "500 aerial drones"; nouns folded to the singular, not stemmed), or with no noun
  but the same verb before it ("injured about 180" / "injured 157 others"), two percentages,
  two amounts of one currency, two weekdays, two calendar dates, two years. A year is never
  compared with a count, a time ago ("six years ago") never with a length of time ("nine
  years in office"), a figure in brackets after another ("8 mph (13 kph)") is its conversion,
  never compared, and a count joined to its noun by a hyphen ("a 115-yacht fleet") describes
  the noun after it, never compared but by the first rule. Where a sentence holds two figures
  that could match (two percentages), nothing is said. Each claim cites the sources wording
  the value its way ("at least 60 people" and "60 people" are two claims): the point's own,
  and other sources' sentences found by these rules giving the point's value.

  Tuned on every statement of the evaluation clusters (DUC 2003, DUC 2004, the Multi-News
  sample): the first rule alone finds 18 disagreements, all true; the three others add 11,
  all true (the toll of hurricanes Mitch and Georges as it was updated, a typhoon's toll in the
  Philippines, a wedding shooting in Afghanistan, North Korea's population), and cite more
  sources on the 18. Without the conditions on places and times, tolls compared in similar
  words were as often of two places or two events (Poland and Europe, Honduras and Central
  America, Kenya and Tanzania, the quake of 2009 and one of 1997); a shared count alone, without
  closeness or a list, mostly joined two events (two days of a trial, two sums of one budget).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .dedupe import Similarity, align_rewrites, same_specifics
from .models import Article, Citation, Claim, Disagreement, Sentence, cite
from .quotes import quotation_spans
from .text import (
    MONTH_NAMES,
    MONTHS,
    NUMBER_WORDS,
    WEEKDAYS,
    content_stems,
    deeds,
    stem,
    stop_words,
)

# --- Copies ------------------------------------------------------------------------------------

VERBATIM_SIMILARITY = 0.8
"""Two sentences this similar (IDF-weighted word overlap) with the same figures are one sentence
copied, lightly edited ("said Monday" / "said on Monday")."""
VERBATIM_MIN_SHARE = 0.5
VERBATIM_MIN_SENTENCES = 2
REWRITE_MIN_SHARE = 0.5
"""Share of the shorter article's sentences aligned with the other's, in order."""

SAME_WORDING_MIN_WORDS = 12
"""A sentence of this many words of the reporter's own (quotations aside), printed word for word
by two sources, is one report's sentence however the rest of their articles differ."""

CopyKind = Literal["verbatim", "rewrite"]


@dataclass(frozen=True, slots=True)
class Copy:
    """An article that repeats another's report: ``article`` is its key, ``original`` the key
    of the original of its group, ``compared_with`` the article the evidence is about (the
    original, or another copy of it), ``matched`` of its ``sentences`` have their counterpart
    there."""

    article: str
    original: str
    compared_with: str
    kind: CopyKind
    matched: int
    sentences: int

    @property
    def share(self) -> float:
        return self.matched / self.sentences if self.sentences else 0.0


@dataclass(frozen=True, slots=True)
class _Pair:
    """Evidence that articles ``a`` and ``b`` (indexes) carry one report: how many sentences
    of each have their counterpart in the other."""

    a: int
    b: int
    kind: CopyKind
    matched_a: int
    matched_b: int

    def matched(self, article: int) -> int:
        return self.matched_a if article == self.a else self.matched_b

    def other(self, article: int) -> int:
        return self.b if article == self.a else self.a


def find_copies(
    articles: Sequence[Article], evidence: Sequence[Sentence], similarity: Similarity
) -> tuple[Copy, ...]:
    """The articles that repeat another's report, in file order (see the module docstring).

    ``evidence`` are the sentences ``similarity`` was built over (``dedupe.merge_duplicates``'s
    evidence), each article's in reading order. Articles with no such sentence are never copies.
    The rewritten pairs ``merge_duplicates`` aligned are used as they are
    (``Similarity.rewrites``); on a similarity it has not seen they are aligned here.
    """
    index_of = {a.key: n for n, a in enumerate(articles)}
    groups: list[list[int]] = [[] for _ in articles]
    for row, sentence in enumerate(evidence):
        groups[index_of[sentence.article]].append(row)
    sizes = [len(g) for g in groups]
    quoted = _QuotedSentences(articles, evidence, groups)
    pairs = {(p.a, p.b): p for p in _verbatim_pairs(evidence, index_of, sizes, similarity, quoted)}
    if similarity.rewrites is None:  # not merged yet: align the articles here
        aligned = [pairs for _, _, pairs in align_rewrites(groups, similarity)]
    else:
        aligned = similarity.rewrites
    # A pair already found verbatim keeps that evidence: it is not looked at again.
    for p in _rewrite_pairs(aligned, groups, evidence, index_of, quoted, set(pairs)):
        pairs[(p.a, p.b)] = p
    if not pairs:
        return ()

    def originality(n: int) -> tuple[dt.date, bool, int, int]:
        return (articles[n].published or dt.date.max, not agency[n], -sizes[n], n)

    linked: dict[int, list[_Pair]] = {}
    for pair in pairs.values():
        linked.setdefault(pair.a, []).append(pair)
        linked.setdefault(pair.b, []).append(pair)
    found: list[Copy] = []
    seen: set[int] = set()
    for start in sorted(linked):
        if start in seen:
            continue
        group = _connected(start, linked)
        seen |= group
        credits = {c for n in group if (c := articles[n].credit)}
        agency = {n: _is_credited(articles[n].outlet, credits) for n in group}
        original = min(group, key=originality)
        for member in sorted(group - {original}):
            # The evidence: the pair with the original if they were compared, else the pair
            # with the most original of the copies it was compared with.
            pair = min(linked[member], key=lambda p: originality(p.other(member)))
            found.append(
                Copy(
                    article=articles[member].key,
                    original=articles[original].key,
                    compared_with=articles[pair.other(member)].key,
                    kind=pair.kind,
                    matched=pair.matched(member),
                    sentences=sizes[member],
                )
            )
    return tuple(sorted(found, key=lambda c: index_of[c.article]))


def _is_credited(outlet: str | None, credits: set[str]) -> bool:
    """Whether ``outlet`` is the agency the datelines of its copy group credit with the report
    ("Coastal Wire Service" for "PORT AVERLY (CWS) —"): its own version is the original."""
    if outlet is None:
        return False
    wanted = {credit.casefold() for credit in credits}
    named = [w for w in re.split(r"[\s-]+", outlet) if w and w.casefold() not in ("the", "of")]
    initials = "".join(word[0] for word in named if word[0].isalpha())
    # Initials alone name an agency only from three letters: "AP" could be any "A... P...".
    return outlet.casefold() in wanted or (len(initials) > 2 and initials.casefold() in wanted)


def original_of(copies: Iterable[Copy]) -> dict[str, str]:
    """Article key -> key of the original whose report it repeats, for every copy."""
    return {c.article: c.original for c in copies}


def independent_reports(
    sentences: Iterable[Sentence],
    original: Mapping[str, str],
    alike: Callable[[Sentence, Sentence], bool] | None = None,
) -> int:
    """How many independent reports the ``sentences`` (one statement as several sources carry
    it) come from: an article and its copies (``original``: copy -> original, as
    ``original_of`` gives) are one, and so are two articles printing the statement in the same
    words, at least ``SAME_WORDING_MIN_WORDS`` of them the reporter's own: two versions of one
    wire story that differ too much to be copies of each other still share its sentences.
    ``alike`` says whether two sentences are the same words (as ``nearly_verbatim`` does);
    without it, they must be word for word the same."""
    root: dict[str, str] = {}

    def find(key: str) -> str:
        key = original.get(key, key)
        while root.get(key, key) != key:
            key = root[key]
        return key

    long: list[Sentence] = []
    for sentence in sentences:
        report = find(sentence.article)
        root.setdefault(report, report)
        if len(_QUOTED_PASSAGE.sub(" ", sentence.text).split()) >= SAME_WORDING_MIN_WORDS:
            long.append(sentence)
    same = alike or _word_for_word
    for n, first in enumerate(long):
        for second in long[n + 1 :]:
            a, b = find(first.article), find(second.article)
            if a != b and same(first, second):
                root[b] = a
    return len({find(key) for key in root})


def nearly_verbatim(similarity: Similarity, i: int, j: int) -> bool:
    """Whether texts ``i`` and ``j`` of ``similarity`` are one report's sentence: nearly word
    for word, as copies are found (at least ``VERBATIM_SIMILARITY`` alike in words alone, the
    same figures: "the daily Hurriyet said" / "the daily Hurriyet said Saturday"), or sharing
    a run of ``SAME_WORDING_MIN_WORDS`` words of the reporter's own ("U.S. officials conveyed
    their concerns ..." inside "Rubin said U.S. officials conveyed their concerns ...")."""
    if similarity.numbers_conflict(i, j):
        return False
    if similarity.word_similarity(i, j) >= VERBATIM_SIMILARITY:
        return True
    return _shared_run(similarity.texts[i], similarity.texts[j])


def _shared_run(text: str, other: str) -> bool:
    """Whether two texts share ``SAME_WORDING_MIN_WORDS`` consecutive words outside
    quotations."""
    runs = _runs(text)
    return bool(runs) and not runs.isdisjoint(_runs(other))


def _runs(text: str) -> set[tuple[str, ...]]:
    """Every run of ``SAME_WORDING_MIN_WORDS`` consecutive words of a text, none taken across
    or inside a quotation."""
    n = SAME_WORDING_MIN_WORDS
    found: set[tuple[str, ...]] = set()
    for stretch in _QUOTED_PASSAGE.split(text):
        found_words = re.findall(r"[^\W_]+", stretch.casefold())
        found.update(tuple(found_words[k : k + n]) for k in range(len(found_words) - n + 1))
    return found


def _word_for_word(a: Sentence, b: Sentence) -> bool:
    return re.findall(r"[^\W_]+", a.text.casefold()) == re.findall(r"[^\W_]+", b.text.casefold())


_QUOTED_PASSAGE = re.compile(r"[\"“”][^\"“”]*[\"“”]")


def _connected(start: int, linked: Mapping[int, list[_Pair]]) -> set[int]:
    group, todo = {start}, [start]
    while todo:
        for pair in linked[todo.pop()]:
            for n in (pair.a, pair.b):
                if n not in group:
                    group.add(n)
                    todo.append(n)
    return group


def _verbatim_pairs(
    evidence: Sequence[Sentence],
    index_of: Mapping[str, int],
    sizes: Sequence[int],
    similarity: Similarity,
    quoted: _QuotedSentences,
) -> list[_Pair]:
    """Article pairs where one has at least half its own sentences in the other nearly verbatim.

    Only the word overlap counts here, not pairs known to state the same thing: two reports
    sharing a quotation are not copies of each other. For the same reason a sentence wholly
    inside quotation marks in either article is not counted as copied, and the share is taken
    of the sentences an article tells in its own words: an article quoting a statement at
    length, and the statement as another source carries it, share every sentence of it without
    one repeating the other's report (a press release and a round-up quoting it, two outlets
    quoting one speech).
    """
    if len(evidence) < 2:
        return []
    import numpy as np

    rows, cols, _ = similarity.pairs(max(VERBATIM_SIMILARITY, similarity.floor), marked=False)
    article = np.array([index_of[s.article] for s in evidence], dtype=np.int64)
    across = (rows < cols) & (article[rows] != article[cols])  # each pair once
    rows, cols = rows[across], cols[across]
    # For each article pair (a < b), its sentence pairs (one of a, one of b) near copies.
    matched: dict[tuple[int, int], list[tuple[int, int]]] = {}
    ends = (rows.tolist(), cols.tolist(), article[rows].tolist(), article[cols].tolist())
    for i, j, a, b in zip(*ends, strict=True):
        if not similarity.numbers_conflict(i, j):
            if a < b:
                matched.setdefault((a, b), []).append((i, j))
            else:
                matched.setdefault((b, a), []).append((j, i))
    found = []
    for (a, b), sentence_pairs in matched.items():
        mine, theirs = {i for i, _ in sentence_pairs}, {j for _, j in sentence_pairs}
        if max(len(mine), len(theirs)) < VERBATIM_MIN_SENTENCES:
            continue
        if max(len(mine) / sizes[a], len(theirs) / sizes[b]) < VERBATIM_MIN_SHARE:
            continue  # not enough even counting quotations: no need to look for them
        # The sentences both articles tell in their own words. Without quotations among the
        # matched sentences nothing changes: fewer own sentences only raise the share.
        flags = quoted.read(a, b)
        if any(flags[i] == quoted.QUOTED for i in mine) or any(
            flags[j] == quoted.QUOTED for j in theirs
        ):
            own = [(i, j) for i, j in sentence_pairs if flags[i] == flags[j] == quoted.OWN]
            own_mine, own_theirs = {i for i, _ in own}, {j for _, j in own}
            if max(len(own_mine), len(own_theirs)) < VERBATIM_MIN_SENTENCES:
                continue
            share_a = len(own_mine) / max(quoted.own_sentences(a), 1)
            share_b = len(own_theirs) / max(quoted.own_sentences(b), 1)
            if max(share_a, share_b) < VERBATIM_MIN_SHARE:
                continue
        found.append(_Pair(a, b, "verbatim", len(mine), len(theirs)))
    return found


class _QuotedSentences:
    """Which evidence sentences lie wholly inside quotation marks in their article: ``flags``
    (by evidence row) is ``QUOTED``, ``OWN`` or 0 for not yet read; an article is read when
    asked about (most never are), all its sentences at once."""

    OWN, QUOTED = 1, 2

    def __init__(
        self,
        articles: Sequence[Article],
        evidence: Sequence[Sentence],
        groups: Sequence[Sequence[int]],
    ) -> None:
        self._articles = articles
        self._evidence = evidence
        self._groups = groups
        self.flags = bytearray(len(evidence))
        self._own: dict[int, int] = {}

    def read(self, *numbers: int) -> bytearray:
        """Read these articles (indexes) if not yet read; the flags."""
        for number in numbers:
            if number not in self._own:
                self._own[number] = self._read(number)
        return self.flags

    def own_sentences(self, article: int) -> int:
        """How many of the article's sentences are not wholly quoted."""
        self.read(article)
        return self._own[article]

    def _read(self, number: int) -> int:
        article = self._articles[number]
        text = article.text
        spans: dict[int, list[tuple[int, int]]] = {}
        own = 0
        for row in self._groups[number]:
            sentence = self._evidence[row]
            if sentence.paragraph not in spans:
                if 0 <= sentence.paragraph < len(article.paragraphs):
                    start, end = article.paragraphs[sentence.paragraph]
                else:  # no paragraph spans (an article made by hand): the sentence alone
                    start, end = sentence.start, sentence.end
                spans[sentence.paragraph] = quotation_spans(text, start, end)
            paragraph_spans = spans[sentence.paragraph]
            if paragraph_spans and _wholly_quoted(
                text, sentence.start, sentence.end, paragraph_spans
            ):
                self.flags[row] = self.QUOTED
            else:
                self.flags[row] = self.OWN
                own += 1
        return own


def _wholly_quoted(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the words of ``text[start:end]`` all lie inside one quoted passage (``spans``:
    opening and closing mark offsets): a sentence of a quotation, not the reporter's own one
    ("…," she said)."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start < end and any(opening < start and end <= closing for opening, closing in spans)


def _rewrite_pairs(
    rewrites: Iterable[Sequence[tuple[int, int]]],
    groups: Sequence[Sequence[int]],
    evidence: Sequence[Sentence],
    index_of: Mapping[str, int],
    quoted: _QuotedSentences,
    known: Container[tuple[int, int]] = (),
) -> list[_Pair]:
    """The rewritten article pairs (their aligned sentence pairs, from ``align_rewrites``)
    that align enough of the shorter article and share their names and figures, but the
    ``known`` ones. As for verbatim copies, only the sentences both tell in their own words
    count: a statement and an article quoting it at length align sentence by sentence too."""
    found = []
    for aligned in rewrites:
        first, second = aligned[0]
        a, b = sorted((index_of[evidence[first].article], index_of[evidence[second].article]))
        if (a, b) in known:
            continue
        if len(aligned) < REWRITE_MIN_SHARE * min(len(groups[a]), len(groups[b])):
            continue
        flags = quoted.read(a, b)
        if any(flags[i] == quoted.QUOTED or flags[j] == quoted.QUOTED for i, j in aligned):
            own = [(i, j) for i, j in aligned if flags[i] == flags[j] == quoted.OWN]
            shortest = min(quoted.own_sentences(a), quoted.own_sentences(b))
            if len(own) < max(REWRITE_MIN_SHARE * shortest, VERBATIM_MIN_SENTENCES):
                continue
        if same_specifics(groups[a], groups[b], evidence):
            found.append(_Pair(a, b, "rewrite", len(aligned), len(aligned)))
    return found


# --- Disagreements -----------------------------------------------------------------------------

SAME_STATEMENT = 0.6
"""Two sentences at least this close once their figures are left out (IDF-weighted cosine, at
least ``SAME_STATEMENT_WORDS`` shared words) say the same thing, figures aside."""
SAME_STATEMENT_WORDS = 4
SAME_WORDS_LEFT = 0.5
"""...and the words left once every figure phrase is set aside, with its scale, currency and
unit ("4 billion pesos (dlrs 100 million)"), must overlap this much (cosine of the two sets of
stems). Those words are part of the figures, yet count as shared words above: two sentences
about the damage of two storms ("some 4 billion pesos worth of crops", "10.4 billion pesos
worth of infrastructure, crops and other property") were 0.62 close, 0.36 here. Every true
disagreement on the evaluation clusters is at least 0.67."""

_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SCALES["trillion"] = 1_000_000_000_000
_QUALIFIER = re.compile(
    r"(?:\b(?:at least|at most|more than|less than|fewer than|up to|nearly|almost|about|"
    r"around|approximately|roughly|some|just over|just under|well over)\s+)$",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"(?<![\w.,/:-])(?P<currency>[$€£]\s?)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    r"|(?i:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"))"
    r"(?P<ordinal>st|nd|rd|th)?"
    r"(?![\w,.]\d|-\d|[\w])"
)
_WEEKDAY = re.compile(r"\b(?P<day>" + "|".join(WEEKDAYS) + r")\b(?!s)", re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"\b(?P<month>" + MONTH_NAMES + r")\.?\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(r"^\s+(?:of\s+)?(?P<month>" + MONTH_NAMES + r")\b", re.IGNORECASE)
# Between a figure and a number in brackets after it, its conversion: "(", "(about ", "(dlrs ",
# "(US", also after a rate: "per hour (", "/h (", "a year (". Not "(including 12 children)".
_CONVERSION = re.compile(
    r"(?:\s*(?:/|per\s|an?\s)\s*[^\W\d_]+\.?)?\s*\(\s*"
    r"(?:(?:about|some|around|approximately|roughly|nearly|almost|dlrs|us|usd)\.?\s*){0,2}",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"^(?:\s?%|\s+per\s?cent\b|-percent\b)", re.IGNORECASE)
_SCALE = re.compile(r"^\s+(?P<scale>" + "|".join(_SCALES) + r")\b", re.IGNORECASE)
_FOLLOWING_WORD = re.compile(r"^(?:-|\s+)(?P<word>[a-z][a-z’'-]*)")
_NOUN_AFTER = re.compile(r"^(?:-|\s+)(?P<word>[A-Za-z][a-z’'-]*)")

FigureKind = Literal["count", "percentage", "amount", "day", "date", "year"]
_WHEN: frozenset[str] = frozenset({"day", "date", "year"})


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure or date in a sentence: its kind, what it counts (``key``: stems of the words
    after it, for counts), its value for comparison, and where it is (``start``, ``end``:
    offsets in the sentence text, qualifier and noun included)."""

    kind: FigureKind
    key: tuple[str, ...]
    value: object
    start: int
    end: int
    text: str


def figures(text: str) -> list[Figure]:
    """The figures and dates of a sentence that can be compared with another's."""
    found: list[Figure] = []
    last_end = -1  # where the last number (or its figure) ends
    for match in _FIGURE.finditer(text):
        figure = _figure(text, match)
        # "8 mph (13 kph)": a conversion of the figure before it, rounded its own way.
        conversion = last_end >= 0 and _CONVERSION.fullmatch(text, last_end, match.start())
        last_end = figure.end if figure is not None else match.end()
        if figure is not None and not conversion:
            found.append(figure)
    for match in _WEEKDAY.finditer(text):
        day = match.group("day").lower()
        found.append(
            Figure("day", (), day, match.start(), match.end(), text[match.start() : match.end()])
        )
    return sorted(found, key=lambda f: f.start)


def _figure(text: str, match: re.Match[str]) -> Figure | None:
    raw = match.group("number")
    before, after = text[: match.start()], text[match.end() :]
    start, end = match.start(), match.end()
    word_number = raw.lower() in NUMBER_WORDS
    if word_number:
        value: float = NUMBER_WORDS[raw.lower()]
    else:
        value = float(raw.replace(",", ""))
    if word_number and (match.group("ordinal") or after.startswith("-")):
        return None  # "twenty-five", "fifth": left alone
    # A calendar date: "May 15", "15 May", "May 12th".
    month = _MONTH_BEFORE.search(before)
    month_after = _MONTH_AFTER.match(after)
    if not word_number and value.is_integer() and 1 <= value <= 31 and (month or month_after):
        if month:
            name, start = month.group("month").lower(), month.start()
        else:
            assert month_after is not None
            name, end = month_after.group("month").lower(), match.end() + month_after.end()
        if name == "may" and month and not before[month.start()].isupper():
            return None  # the verb "may"
        date = (MONTHS[name], int(value))
        return Figure("date", (), date, start, end, text[start:end])
    if match.group("ordinal"):
        return None  # "the 80th anniversary": a rank, not a quantity
    qualifier = _QUALIFIER.search(before)
    if qualifier:
        start = qualifier.start()
    percent = _PERCENT.match(after)
    if percent:
        end = match.end() + percent.end()
        return Figure("percentage", ("percent",), value, start, end, text[start:end])
    scale = _SCALE.match(after)
    if scale:
        value *= _SCALES[scale.group("scale").lower()]
        after = after[scale.end() :]
        end = match.end() + scale.end()
    if match.group("currency"):
        currency = match.group("currency").strip()
        return Figure("amount", (currency,), value, start, end, text[start:end])
    if not word_number and not scale and re.fullmatch(r"1[89]\d\d|20\d\d", raw):
        following = _FOLLOWING_WORD.match(after)
        if following and following.group("word").lower() not in stop_words():
            return None  # "the 2022 draft agreement": a year or a count, unclear
        return Figure("year", (), int(value), start, end, text[start:end])
    # A count: the noun after it says what is counted: "524 aerial drones", "60 people",
    # "30-day truce", "three Muslims". Up to two words, ending on the first plural ("22 miles
    # south" counts miles), else the first word alone; a capitalised word only in a plural
    # ("12 Americans", "two Bosnian Croats"; not "5 May", "Flight 5 Monday").
    words: list[tuple[str, int]] = []
    rest = after
    while len(words) < 2:
        following = _NOUN_AFTER.match(rest)
        if following is None:
            break
        word = following.group("word")
        if word.lower().replace("’", "'") in stop_words():
            break
        words.append((word, len(text) - len(rest) + following.end()))
        rest = rest[following.end() :]
        if _plural(word):
            break
    if len(words) == 2 and not _plural(words[1][0]):
        words = words[:1]
    if any(word[0].isupper() for word, _ in words) and not _plural(words[-1][0]):
        words = []
    if not words:
        return _acted_on(text, start, end, value)
    end = words[-1][1]
    key = tuple(_singular(word) for word, _ in words)
    # "six years ago" is a time, "nine years in office" a length of time: not one thing.
    relative = _RELATIVE.match(text, end)
    if relative:
        key, end = (*key, relative.group("word").lower()), relative.end()
    return Figure("count", key, value, start, end, text[start:end])


def _acted_on(text: str, start: int, end: int, value: float) -> Figure | None:
    """A number with no noun after it, right after a verb that says what it counts ("injured
    about 180", "killing 60", "injuring 157 others"), keyed by that verb's stem; any other bare
    number says nothing of what it counts ("game 7", "at 7", "won 64 of the 122 seats")."""
    verb = _VERB_BEFORE.search(text, 0, start)
    if verb is None or verb.group("word").lower() in stop_words():
        return None
    others = _OTHERS.match(text, end)
    if others:
        end = others.end()
    key = ("^" + stem(verb.group("word")),)
    return Figure("count", key, value, verb.start(), end, text[verb.start() : end])


_VERB_BEFORE = re.compile(r"(?<![\w’'-])(?P<word>[a-z]{2,}(?:ing|ed))\s+$")
_OTHERS = re.compile(r"\s+others\b")
_RELATIVE = re.compile(r"\s+(?P<word>ago|earlier|later)\b", re.IGNORECASE)


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss")


def _singular(noun: str) -> str:
    """A counted noun folded to its singular by its ending alone ("drones", "casualties"): the
    stemmer would also make one thing of "spacewalkers" and "spacewalks", or "officers" and
    "offices"."""
    noun = noun.lower().replace("’", "'").removesuffix("'s")
    if len(noun) > 4 and noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("sses", "shes", "ches", "xes", "zes")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")):
        return noun[:-1]
    return noun


# Units of measure: "19 nautical miles" and "22 miles" are not the same count.
_UNITS = frozenset(
    _singular(word)
    for word in "mile kilometer kilometre meter metre foot feet inch yard pound ounce kilogram "
    "gram ton tonne gallon liter litre barrel knot acre hectare degree second minute hour "
    "dollar euro cent".split()
)


def _same_thing(a: Figure, b: Figure) -> bool:
    """Whether two figures of the same kind count the same thing: the same noun, or one with a
    word before the noun the other leaves out ("524 aerial drones", "500 drones"), unless that
    noun is a unit of measure ("nautical miles" are not miles)."""
    if a.key == b.key:
        return True
    if a.kind != "count" or a.key[-1] != b.key[-1] or a.key[-1] in _UNITS:
        return False
    return min(len(a.key), len(b.key)) == 1


def _matching(figure: Figure, others: Sequence[Figure]) -> Figure | None:
    """The one figure of ``others`` about the same thing as ``figure``, if exactly one is (an
    exact match of the noun wins over a looser one)."""
    same = [o for o in others if o.kind == figure.kind and _same_thing(figure, o)]
    exact = [o for o in same if o.key == figure.key]
    if len(exact) == 1:
        return exact[0]
    return same[0] if len(same) == 1 else None


def _matched(mine: Sequence[Figure], theirs: Sequence[Figure]) -> list[tuple[Figure, Figure]]:
    """The figures of one sentence with the figure of another about the same thing, as (mine,
    theirs) pairs: each the only figure of its kind and noun on either side."""
    found = []
    for figure in mine:
        other = _matching(figure, theirs)
        if other is not None and _matching(other, mine) is figure:
            found.append((figure, other))
    return found


def differing_figures(
    mine: Sequence[Figure], theirs: Sequence[Figure]
) -> list[tuple[Figure, Figure]]:
    """The figures of one sentence that another gives differently, as (mine, theirs) pairs.

    Each pair is about the same thing in both directions (the only figure of its kind and noun
    on either side). Empty when nothing differs, and when both a date and a count differ: then
    the sentences tell of two occasions.
    """
    differing = [(a, b) for a, b in _matched(mine, theirs) if a.value != b.value]
    kinds = {f.kind in _WHEN for f, _ in differing}
    if len(kinds) > 1:
        return []
    return differing


# Figures that are facts of their own: a count, a share, a sum. A time ("on Tuesday", "in
# 2022") places a fact; it is not one.
_FACTS: frozenset[FigureKind] = frozenset({"count", "percentage", "amount"})


def adds_figure(mine: Sequence[Figure], theirs: Sequence[Figure]) -> bool:
    """Whether a sentence with figures ``mine`` counts something that one with ``theirs`` gives
    no figure for ("killing at least 12 people" beside "472 drones"): a fact of its own. A
    different value for the same thing ("440 drones") is no new fact, but a disagreement; nor
    is a value the other gives in other words ("wounding 21" beside "21 injured")."""
    values = {o.value for o in theirs}
    return any(
        figure.kind in _FACTS
        and figure.value not in values
        and not any(o.kind == figure.kind and _same_thing(figure, o) for o in theirs)
        for figure in mine
    )


def find_disagreements(
    row: int,
    citations: Sequence[Citation],
    cited_articles: Iterable[str],
    evidence: Sequence[Sentence],
    similarity: Similarity,
    source_of: Mapping[str, int],
) -> tuple[Disagreement, ...]:
    """The figures and dates of the point whose text is evidence row ``row`` that sentences of
    other sources give differently.

    ``citations`` are the point's (the sources carrying it), ``cited_articles`` their article
    keys: a cited source's own other sentences are never held against it. Each claim cites
    only sentences that give its value in its very words (``Claim.value`` is in each of them):
    the point's sources, and other sources' sentences giving the point's value for the same
    thing (found by the same rules as the differing ones).
    """
    text = evidence[row].text
    mine = _compared_figures(text)
    if not mine:
        return ()
    cited = set(cited_articles)
    # (index of my figure) -> the figures others give instead, each with its sentences; and the
    # other sources' sentences that give my figure as I do.
    others: dict[int, _Sides] = {}
    agreeing: dict[int, list[tuple[Figure, Citation]]] = {}
    point = _Reading(text, mine)
    # The sentences found giving one of my figures (about the same thing as mine), each with
    # those figures by the position of mine they stand for; then, one step further, the
    # sentences found giving one of *those* figures (the point's toll compared with a copy's
    # through the sentence of a third source that matches both).
    seen = {row}
    found_here: list[tuple[int, _Reading, dict[int, int]]] = [
        (row, point, {id(f): n for n, f in enumerate(mine)})
    ]
    for step in range(2):
        reached: list[tuple[int, _Reading, dict[int, int]]] = []
        for from_row, reading, positions in found_here:
            for other_row, _ in sorted(similarity.neighbours(from_row, similarity.floor)):
                sentence = evidence[other_row]
                if other_row in seen or sentence.article in cited:
                    continue
                if not (_FIGURE.search(sentence.text) or _WEEKDAY.search(sentence.text)):
                    continue  # no figure: not worth reading
                closeness, shared = similarity.figure_blind(from_row, other_row)
                if closeness < NEAR_STATEMENT and not reading.loose_candidate(sentence.text):
                    continue
                given = _Reading(sentence.text, _compared_figures(sentence.text))
                if step and _different_times(point, given):
                    continue
                pairs = [
                    (positions[id(a)], b)
                    for a, b in _compared(reading, given, closeness, shared)
                    if id(a) in positions
                ]
                if not pairs:
                    continue
                seen.add(other_row)
                citation = cite(sentence, source_of[sentence.article])
                for position, theirs in pairs:
                    if theirs.value != mine[position].value:
                        others.setdefault(position, _Sides()).add(theirs, citation)
                    else:
                        agreeing.setdefault(position, []).append((theirs, citation))
                reached.append((other_row, given, {id(b): n for n, b in pairs}))
        found_here = reached
    found = []
    for position, sides in sorted(others.items()):
        figure = mine[position]
        own = _Sides()
        for citation in citations:
            said = _giving(citation.text, figure)
            if said is not None:
                own.add(said, citation)
        for said, citation in agreeing.get(position, ()):
            own.add(said, citation)
        # The point's own wording first, then the same value worded otherwise, then the others.
        own_claims = sorted(
            own.claims(),
            key=lambda claim: (_said(claim.value) != _said(figure.text), claim.citations[0].source),
        )
        others_claims = sorted(
            sides.claims(), key=lambda c: (-len(c.citations), c.citations[0].source)
        )
        claims = own_claims or [Claim(value=figure.text, citations=())]
        found.append(
            Disagreement(about=_about(figure), kind=figure.kind, claims=(*claims, *others_claims))
        )
    return tuple(found)


class _Reading:
    """A sentence with its figures, and what the looser rules read of them (when asked)."""

    def __init__(self, text: str, found: Sequence[Figure]) -> None:
        self.text = text
        self.figures = found
        self._left: frozenset[str] | None = None
        self._places: frozenset[str] | None = None
        self._deeds: frozenset[str] | None = None
        self._tolls: dict[TollKind, list[Figure]] | None = None

    @property
    def left(self) -> frozenset[str]:
        if self._left is None:
            self._left = _words_left(self.text, self.figures)
        return self._left

    @property
    def deeds(self) -> frozenset[str]:
        """Stems of the verbs of what the sentence tells was done (not "was", "had")."""
        if self._deeds is None:
            self._deeds = frozenset(
                stem(verb) for verb in deeds(self.text) if verb not in _AUXILIARIES
            )
        return self._deeds

    @property
    def places(self) -> frozenset[str]:
        if self._places is None:
            self._places = _places(self.text)
        return self._places

    @property
    def tolls(self) -> dict[TollKind, list[Figure]]:
        """Counts of the dead and of the injured, by ``death`` or ``injury``."""
        if self._tolls is None:
            self._tolls = {}
            for figure in self.figures:
                toll = toll_kind(self.text, figure)
                if toll is not None:
                    self._tolls.setdefault(toll, []).append(figure)
        return self._tolls

    def toll_of(self, figure: Figure) -> TollKind | None:
        for kind, counts in self.tolls.items():
            if figure in counts:
                return kind
        return None

    def loose_candidate(self, other: str) -> bool:
        """Whether a sentence less close than ``NEAR_STATEMENT`` may still give a figure of the
        same thing by the rules that do not ask for closeness (a list of counts, a toll)."""
        if len(self.figures) < 2 and not self.tolls:
            return False
        return bool(_LIST_JOIN_WORD.search(other) or (self.tolls and _TOLL_WORD.search(other)))


def _compared(
    mine: _Reading, theirs: _Reading, closeness: float, shared: int
) -> list[tuple[Figure, Figure]]:
    """The figures of two sentences that are about the same thing, as (mine, theirs) pairs,
    whether their values differ or not (see the module docstring for the rules)."""
    close = shared >= SAME_STATEMENT_WORDS and closeness >= NEAR_STATEMENT
    if (
        close
        and closeness >= SAME_STATEMENT
        and _overlap(mine.left, theirs.left) >= SAME_WORDS_LEFT
    ):
        # A count of the dead is not one of the injured, however alike the sentences.
        matched = [
            (a, b)
            for a, b in _matched(mine.figures, theirs.figures)
            if not _other_tolls(mine, a, theirs, b)
        ]
        # A count that differs between sentences telling of two times (a date or a weekday
        # that differs too, a year or date only one gives) or of two places tells of two
        # occasions, not one disagreement.
        differing = [a for a, b in matched if a.value != b.value]
        if any(a.kind not in _WHEN for a in differing) and (
            any(a.kind in _WHEN for a in differing)
            or _other_dates(mine.figures, theirs.figures)
            or _elsewhere(mine, theirs)
        ):
            return []
        return [(a, b) for a, b in matched if not _other_events(mine, a, theirs, b)]
    if _different_times(mine, theirs) or _elsewhere(mine, theirs):
        return []
    found: dict[int, tuple[Figure, Figure]] = {}
    if close and _overlap(mine.left, theirs.left) >= SAME_WORDS_LEFT:
        counts = [
            (a, b)
            for a, b in _matched(mine.figures, theirs.figures)
            if a.kind == "count"
            and not _compound(a)
            and not _compound(b)
            and not _other_events(mine, a, theirs, b)
        ]
        if any(a.value == b.value for a, b in counts):
            found.update((id(a), (a, b)) for a, b in counts)
    for run in _lists(mine.text, mine.figures):
        for other in _lists(theirs.text, theirs.figures):
            same = len(run) == len(other) and all(map(_same_thing, run, other))
            pairs = list(zip(run, other, strict=True)) if same else []
            if any(a.value == b.value for a, b in pairs):
                found.update((id(a), (a, b)) for a, b in pairs)
    if mine.tolls and theirs.tolls and not mine.places.isdisjoint(theirs.places):
        for toll, tolls in mine.tolls.items():
            for a, b in _matched(tolls, theirs.tolls.get(toll, ())):
                found.setdefault(id(a), (a, b))
    return list(found.values())


NEAR_STATEMENT = 0.3
"""Below ``SAME_STATEMENT``, two sentences at least this close (and with their words left
overlapping as much as ``SAME_WORDS_LEFT``) that give one count identically are about one
occasion: their other counts of the same things are compared."""


def _elsewhere(mine: _Reading, theirs: _Reading) -> bool:
    """Whether two sentences tell of two places: both name where ("in Kyiv", "at Odesa"), and
    each names one the other does not ("on Odesa ... on Telegram" and "on Kharkiv ... on
    Telegram": a word after "on" or "in" is not always a place, so one in common is not
    enough; "in Kyiv" and "in Kyiv's Solomianskyi district" are one place)."""
    if not (mine.places and theirs.places):
        return False
    return bool(mine.places - theirs.places) and bool(theirs.places - mine.places)


def _other_tolls(mine: _Reading, a: Figure, theirs: _Reading, b: Figure) -> bool:
    """Whether two counts are tolls of two kinds: one of the dead, the other of the injured."""
    first, second = mine.toll_of(a), theirs.toll_of(b)
    return first is not None and second is not None and first != second


def _other_events(mine: _Reading, a: Figure, theirs: _Reading, b: Figure) -> bool:
    """Whether two figures, however alike their sentences, are of two events: the days of two
    deeds ("resumed talks ... on Monday" / "walked out of the talks ... on Wednesday"), or
    counts of things that do or are two things ("six miners were still missing" / "about 120
    miners were working"). Two tolls of one kind are one thing however told ("killed 60
    people" / "60 people died")."""
    if a.kind in _WHEN:
        deeds, other_deeds = mine.deeds, theirs.deeds
        return bool(deeds and other_deeds and deeds.isdisjoint(other_deeds))
    toll = mine.toll_of(a)
    if toll is not None and toll == theirs.toll_of(b):
        return False
    state, other_state = _state(mine.text, a), _state(theirs.text, b)
    return state is not None and other_state is not None and state != other_state


_AUXILIARIES = frozenset({"was", "were", "had", "did"})


def _state(text: str, figure: Figure) -> str | None:
    """The stem of what the things counted do or are, right after them: "missing" in "six
    miners were still missing", "working" in "120 miners were working", "fled" in "200
    people fled"."""
    found = _STATE_AFTER.match(text, figure.end)
    return stem(found.group("word") or found.group("done")) if found else None


_STATE_AFTER = re.compile(
    r"\s+(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been|remain|remained|remains)\s+)"
    r"(?:(?:still|also|now|all|reportedly|believed|thought|said)\s+(?:to\s+be\s+)?)*"
    r"(?P<word>[a-z]{3,})\b"
    r"|\s+(?P<done>[a-z]{2,}ed)\b"
)


def _different_times(mine: _Reading, theirs: _Reading) -> bool:
    """Whether two sentences less close than ``SAME_STATEMENT`` may tell of two times: a year or
    a calendar date that differs or that one gives and the other does not, or two weekdays."""
    days = {f.value for f in mine.figures if f.kind == "day"}
    their_days = {f.value for f in theirs.figures if f.kind == "day"}
    if days and their_days and days.isdisjoint(their_days):
        return True
    return _other_dates(mine.figures, theirs.figures)


def _compared_figures(text: str) -> list[Figure]:
    """The figures of a sentence that disagreements compare: all but the day a source reports
    on ("officials said on Monday"), which dates the report, not what happened (a toll of
    Sunday night is reported on Monday; two outlets report on two days)."""
    return [
        f for f in figures(text) if not (f.kind == "day" and reported_on(text, f, then_what=True))
    ]


def reported_on(text: str, day: Figure, *, then_what: bool = False) -> bool:
    """Whether weekday ``day`` dates the report, not what it tells: it closes a reporting
    clause ("officials said on Monday,"); with ``then_what``, also when what was said follows
    ("said Saturday that ...", "said Sunday he would ...")."""
    if not _REPORTED_ON.search(text, 0, day.start):
        return False
    return bool(_CLAUSE_END.match(text, day.end) or (then_what and _THAT.match(text, day.end)))


# "said Monday", "said on Monday", "told NBC News on Monday": the day of the report.
_REPORTED_ON = re.compile(
    r"\b(?i:said|says|told|reported|announced|added|confirmed)"
    r"(?:\s+(?:[A-Z][\w.’'-]*|reporters|journalists))*\s+(?i:on\s+)?$"
)
# ... and ends its clause there: "said on Monday," / "said Monday." (not "said Monday's bombing
# killed", "said the strike on Monday in Kyiv killed": those days are of what happened).
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?]|$)")
_THAT = re.compile(r"\s+(?:that|he|she|they|it|we)\b")


def _other_dates(mine: Sequence[Figure], theirs: Sequence[Figure]) -> bool:
    """Whether two sentences give other years or calendar dates, or only one of them gives one."""
    return any(
        {f.value for f in mine if f.kind == kind} != {f.value for f in theirs if f.kind == kind}
        for kind in ("year", "date")
    )


def _compound(figure: Figure) -> bool:
    """A figure joined to its noun by a hyphen ("a 115-yacht fleet", "the 128-member
    parliament") describes the noun after it: not a count of its own."""
    return figure.kind == "count" and bool(_HYPHENED.search(figure.text))


_HYPHENED = re.compile(r"\d-[^\W\d_]")
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")
_LIST_JOIN_WORD = re.compile(r"\d[\w,]*\s+\w+(?:,|\s+and)\s", re.IGNORECASE)


def _lists(text: str, found: Sequence[Figure]) -> list[tuple[Figure, ...]]:
    """The lists of counts of a sentence: two or more in a row, joined by commas or "and"
    ("472 drones and 32 missiles")."""
    lists: list[tuple[Figure, ...]] = []
    current: list[Figure] = []
    for figure in found:
        if figure.kind != "count" or _compound(figure):
            continue
        if current and _LIST_JOIN.fullmatch(text, current[-1].end, figure.start):
            current.append(figure)
            continue
        if len(current) > 1:
            lists.append(tuple(current))
        current = [figure]
    if len(current) > 1:
        lists.append(tuple(current))
    return lists


TollKind = Literal["death", "injury"]
_DEATH_WORDS = frozenset(
    "kill killed killing kills dead died die dies dying death deaths perished fatalities".split()
)
_INJURY_WORDS = frozenset(
    "injured injuring injuries injury injures wounded wounding wounds hurt".split()
)
_TOLL_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(_DEATH_WORDS | _INJURY_WORDS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_TIME_NOUNS = frozenset("second minute hour day night week month year decade century".split())
_WORD = re.compile(r"[A-Za-z]+")
TOLL_WORDS_BEFORE = 3
TOLL_WORDS_AFTER = 4
"""A count is a toll when the nearest word of death or injury is at most this many words before
it ("killing at least 12 people") or after it ("99 people had been wounded")."""


def toll_kind(text: str, figure: Figure) -> TollKind | None:
    """Whether a count is of the dead or of the injured, by the nearest word of death or injury
    around it (its own noun, "12 wounded", first); ``None`` when neither or both are as near."""
    if figure.kind != "count" or _compound(figure) or figure.key[-1] in _UNITS | _TIME_NOUNS:
        return None
    own = [word.lstrip("^") for word in figure.key]
    before = _WORD.findall(text, 0, figure.start)[-TOLL_WORDS_BEFORE:]
    after = _WORD.findall(text, figure.end)[:TOLL_WORDS_AFTER]
    by_distance = [(0, word) for word in own]
    by_distance += [(len(before) - n, word) for n, word in enumerate(before)]
    by_distance += [(n + 1, word) for n, word in enumerate(after)]
    nearest: int | None = None
    kinds: set[TollKind] = set()
    for distance, word in sorted(by_distance, key=lambda pair: pair[0]):
        if nearest is not None and distance > nearest:
            break
        word = word.lower()
        kind: TollKind | None = (
            "death"
            if word in _DEATH_WORDS or (word == "kill" and distance == 0)
            else "injury"
            if word in _INJURY_WORDS or (word in ("injur", "wound") and distance == 0)
            else None
        )
        if kind is not None:
            nearest = distance
            kinds.add(kind)
    return kinds.pop() if len(kinds) == 1 else None


_PLACE = re.compile(
    r"\b(?:in|at|on|near|throughout|across|outside)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?"
    r"(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
)
_NOT_PLACES = frozenset(
    [*WEEKDAYS, *MONTHS, "the", "a", "an", "his", "her", "their", "its", "this", "that"]
)


def _places(text: str) -> frozenset[str]:
    """The names a sentence gives after "in", "at", "on", "near", "throughout", "across" or
    "outside" (a word or two between: "in northern Afghanistan", "near the town of
    L’Aquila"): where its toll was counted. Weekdays and months are not places."""
    found = set()
    for match in _PLACE.finditer(text):
        place = match.group("place").replace("’", "'").lower().removesuffix("'s")
        if place not in _NOT_PLACES:
            found.add(place)
    return frozenset(found)


# Words that belong to figures wherever they stand: scales, currencies, units (as stems).
_FIGURE_WORDS = frozenset(
    stem(word)
    for word in [
        *_SCALES,
        *"dlrs dollar dollars euro euros pound pounds peso pesos yen yuan rupee rupees ruble "
        "rubles rouble roubles franc francs percent cent cents".split(),
        *_UNITS,
    ]
)
_DIGIT = re.compile(r"\d")


def _words_left(text: str, found: Sequence[Figure]) -> frozenset[str]:
    """The content stems of a sentence once its figure phrases (``found``: qualifier, number,
    scale, noun), any other number, and words of scale, currency or unit are left out."""
    kept, last = [], 0
    for figure in found:
        kept.append(text[last : figure.start])
        last = max(last, figure.end)
    kept.append(text[last:])
    return frozenset(
        stem_
        for stem_ in content_stems(" ".join(kept))
        if stem_ not in _FIGURE_WORDS and not _DIGIT.search(stem_)
    )


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """The cosine of two sets of words: shared words over the geometric mean of their sizes."""
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def _said(text: str) -> str:
    """A figure as worded, for telling wordings apart ("At least 60" is "at least 60")."""
    return " ".join(text.casefold().split())


class _Sides:
    """The values sources give for one figure, each as worded, with the sentences (one per
    source) wording it so: a claim cites only sentences that say its value in its words ("at
    least 60 people" and "60 people" are one value, two claims)."""

    def __init__(self) -> None:
        self._by_wording: dict[tuple[object, str], tuple[str, dict[int, Citation]]] = {}

    def add(self, figure: Figure, citation: Citation) -> None:
        key = (figure.value, _said(figure.text))
        _, by_source = self._by_wording.setdefault(key, (figure.text, {}))
        by_source.setdefault(citation.source, citation)

    def claims(self) -> list[Claim]:
        return [
            Claim(value=text, citations=tuple(by_source[n] for n in sorted(by_source)))
            for text, by_source in self._by_wording.values()
        ]


def _giving(text: str, figure: Figure) -> Figure | None:
    """The figure of a sentence that gives ``figure`` (the same kind, thing and value), if any."""
    other = _matching(figure, figures(text))
    return other if other is not None and other.value == figure.value else None


def _about(figure: Figure) -> str:
    if figure.kind == "count" and figure.key[0].startswith("^"):
        return figure.text.split()[0]  # what the verb before it counts: "injured"
    if figure.kind == "count":
        number = _FIGURE.search(figure.text)
        rest = figure.text[number.end() :] if number else figure.text
        scale = _SCALE.match(rest)
        if scale:
            rest = rest[scale.end() :]
        return rest.lstrip(" -")
    return {"percentage": "percentage", "amount": "amount"}.get(figure.kind, figure.kind)
