"""The typed objects passed between pipeline stages.

All are frozen dataclasses holding tuples, so a stage can never change what an earlier stage
produced. pydantic lives only at the edges (``config.py`` and ``jsonout.py``).

Offsets: every ``start``/``end`` is a character offset into ``Article.text``, which has the same
length as ``Article.raw_text`` (page furniture is masked with spaces, never cut out), so the same
offsets also point into the text as read from the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Article:
    """One source article, read and cleaned.

    ``key`` is the stable id (the file name without extension) used in sentence ids;
    ``path`` is the file as read (or the URL); ``raw_text`` is its decoded text (for HTML, the
    extracted main text); ``text`` is ``raw_text`` with furniture blanked out.
    ``paragraphs`` are the (start, end) spans of the paragraphs kept, in order.
    """

    key: str
    path: str
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None
    raw_text: str
    text: str
    paragraphs: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: ``text`` is ``Article.raw_text[start:end]`` with runs of white
    space folded to one space. ``id`` is ``"<article key>:<paragraph>:<index in paragraph>"``."""

    id: str
    article: str
    paragraph: int
    index: int
    position: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a sentence can stand alone as a point.

    ``usable`` is False for questions, fragments, furniture and first-person asides (the
    ``reasons`` say which). ``dependent`` marks a usable sentence that leans on its context (it
    opens on an unresolved "He", "This", "But" ...): it is picked only when nothing
    self-contained says the same.
    """

    sentence_id: str
    usable: bool
    dependent: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    """A usable sentence placed in a theme and scored there.

    ``rank_score`` is the summarizer's rating scaled to 0..1 within the theme;
    ``cue_score`` is the strength of the theme match.
    """

    sentence: Sentence
    theme: str
    rank_score: float
    cue_score: float
    dependent: bool


@dataclass(frozen=True, slots=True)
class Cluster:
    """One statement: a representative sentence and every sentence, from any source, that says
    the same thing (the representative's own sentence first)."""

    representative: ScoredSentence
    members: tuple[Sentence, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        """Keys of the distinct articles carrying the statement, in member order."""
        return tuple(dict.fromkeys(m.article for m in self.members))


@dataclass(frozen=True, slots=True)
class Source:
    """A numbered entry of the source list; ``id`` is the citation number."""

    id: int
    key: str
    path: str
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class Citation:
    """A cited source and the sentence in it that carries the point, verbatim, with offsets."""

    source: int
    sentence_id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Point:
    """One bullet of the briefing: ``text`` is the sentence ``sentence_id`` of source
    ``quoted_from``, verbatim; every citation is a source carrying the same statement."""

    text: str
    sentence_id: str
    quoted_from: int
    citations: tuple[Citation, ...]
    score: float
    rank_score: float
    cue_score: float
    support: int

    @property
    def source_ids(self) -> tuple[int, ...]:
        return tuple(sorted({c.source for c in self.citations}))


@dataclass(frozen=True, slots=True)
class Section:
    """A theme of the briefing with its points, in rank order."""

    key: str
    title: str
    description: str
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Briefing:
    """The complete briefing, ready to render."""

    title: str
    date: dt.date
    generated: dt.datetime
    summarizer: str
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]
    warnings: tuple[str, ...]

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(p for s in self.sections for p in s.points)
