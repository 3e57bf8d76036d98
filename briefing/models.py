"""The typed objects passed between pipeline stages.

All are frozen dataclasses holding tuples, so a stage can never change what an earlier stage
produced. pydantic lives only at the edges (``config.py`` and ``jsonout.py``).

Offsets: every ``start``/``end`` is a character offset into ``Article.text``, which has the same
length as ``Article.raw_text`` (page furniture is masked with spaces, never cut out), so the same
offsets also point into the text as read from the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Article:
    """One source article, read and cleaned.

    ``key`` is the stable id (the file name without extension) used in sentence ids;
    ``path`` is the file as read (or the URL); ``raw_text`` is its decoded text (for HTML, the
    extracted main text); ``text`` is ``raw_text`` with furniture blanked out.
    ``carriers`` lists every outlet that carried the same article when it arrived more than
    once (daily feeds), its own first; empty otherwise.
    ``paragraphs`` are the (start, end) spans of the paragraphs kept, in order.
    ``credit`` is the agency its first dateline credits with the report ("MANILA (AP) _" ->
    "AP"), if any.
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
    carriers: tuple[str, ...] = ()
    credit: str | None = None


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

    id: int = field(
        metadata={"help": "Citation number: the [n] after a point and in the source list, from 1."}
    )
    key: str = field(
        metadata={"help": "Stable identifier of the article: its file name without the extension."}
    )
    path: str = field(
        metadata={"help": "The article file as read (relative to the config), or its URL."}
    )
    title: str | None = field(
        metadata={"help": "Headline of the article, or none when it has none."}
    )
    outlet: str | None = field(
        metadata={"help": "Publication the article comes from, or none when unknown."}
    )
    url: str | None = field(
        metadata={
            "help": "Web address of the article, or none when unknown. Link to it with `|web_url`."
        }
    )
    published: dt.date | None = field(metadata={"help": "Publication date, or none when unknown."})
    carriers: tuple[str, ...] = field(
        default=(),
        metadata={
            "help": "Every outlet that carried this same article (syndicated or fetched from "
            "several feeds), the source's own outlet first; empty when only one did."
        },
    )
    copy_of: int | None = field(
        default=None,
        metadata={
            "help": "Citation number of the source whose report this article repeats (word "
            "for word or rewritten sentence by sentence), so its points are not counted as "
            "independent of it; none for an independent report. That source is the earliest "
            "by publication date, else the longest: without dates, which came first is a guess."
        },
    )
    copy_evidence: CopyEvidence | None = field(
        default=None,
        metadata={"help": "Why it counts as a copy (set when `copy_of` is)."},
    )


@dataclass(frozen=True, slots=True)
class CopyEvidence:
    """How much of an article is found, word for word or rewritten, in another source."""

    compared_with: int = field(
        metadata={
            "help": "Citation number of the source it was compared with: `copy_of`, or another "
            "copy of the same report."
        }
    )
    kind: str = field(
        metadata={
            "help": "`verbatim`: most of its sentences are in that source nearly word for word; "
            "`rewrite`: its sentences are that source's, paraphrased one by one in the same "
            "order, with the same names and figures."
        }
    )
    matched: int = field(
        metadata={"help": "How many of its sentences have their counterpart in that source."}
    )
    sentences: int = field(metadata={"help": "How many sentences it has in all."})
    share: float = field(metadata={"help": "`matched` / `sentences`, 0..1, to 2 decimals."})


@dataclass(frozen=True, slots=True)
class Citation:
    """A cited source and the sentence in it that carries the point, verbatim, with offsets."""

    source: int = field(
        metadata={"help": "Citation number of the source (a `briefing.sources[].id`)."}
    )
    sentence_id: str = field(
        metadata={"help": "Id of the sentence in that source: `<article key>:<paragraph>:<index>`."}
    )
    text: str = field(
        metadata={
            "help": "The sentence as it appears in that source, white space folded (in a "
            "quote's `citations`: the quotation as that source prints it)."
        }
    )
    start: int = field(
        metadata={"help": "Character offset where that text starts in the source's text."}
    )
    end: int = field(metadata={"help": "Character offset just past the end of that text."})


def cite(sentence: Sentence, source: int) -> Citation:
    """The citation of a whole sentence of source number ``source``."""
    return Citation(
        source=source,
        sentence_id=sentence.id,
        text=sentence.text,
        start=sentence.start,
        end=sentence.end,
    )


@dataclass(frozen=True, slots=True)
class Point:
    """One bullet of the briefing: ``text`` is the sentence ``sentence_id`` of source
    ``quoted_from``, verbatim; every citation is a source carrying the same statement."""

    text: str = field(
        metadata={
            "help": "The point: one sentence quoted word for word from the source `quoted_from`."
        }
    )
    sentence_id: str = field(metadata={"help": "Id of the sentence the text is taken from."})
    quoted_from: int = field(
        metadata={"help": "Citation number of the source the text is quoted from."}
    )
    citations: tuple[Citation, ...] = field(
        metadata={
            "help": "For each source carrying the point, the sentence that carries it, by number."
        }
    )
    score: float = field(
        metadata={"help": "Final score; the points of a theme are ordered by it, best first."}
    )
    rank_score: float = field(
        metadata={
            "help": "The summarizer's rating of the sentence, scaled to 0..1 within the theme."
        }
    )
    cue_score: float = field(
        metadata={"help": "Strength of the sentence's match to the theme's cues."}
    )
    support: int = field(metadata={"help": "Number of distinct sources carrying the point."})
    independent: int = field(
        default=0,
        metadata={
            "help": "Number of independent reports among those sources: a source and its "
            "copies (`copy_of`) count once. Equal to `support` when no source copies another "
            "(and when left out)."
        },
    )
    disagreements: tuple[Disagreement, ...] = field(
        default=(),
        metadata={
            "help": "Figures or dates other sources give differently for the same statement; "
            "empty when none do."
        },
    )
    signals: Signals | None = field(
        default=None,
        metadata={"help": "Why this point was chosen: the factors of its `score`."},
    )

    def __post_init__(self) -> None:
        if self.independent == 0:  # not given: no copies known, every source counts
            object.__setattr__(self, "independent", self.support)

    @property
    def source_ids(self) -> tuple[int, ...]:
        return tuple(sorted({c.source for c in self.citations}))

    @property
    def single_source(self) -> bool:
        return self.independent <= 1


@dataclass(frozen=True, slots=True)
class Claim:
    """One side of a disagreement: a value and the sources that give it."""

    value: str = field(
        metadata={
            "help": "The figure or date as the first of these sources writes it, with its "
            'qualifier and noun: "at least 60 people", "Thursday".'
        }
    )
    citations: tuple[Citation, ...] = field(
        metadata={"help": "Each source giving this value, with its sentence, by number."}
    )

    @property
    def source_ids(self) -> tuple[int, ...]:
        return tuple(sorted({c.source for c in self.citations}))


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Sources giving different figures or dates for the same statement."""

    about: str = field(
        metadata={
            "help": 'What differs: the noun after the figure ("aerial drones"), the verb '
            'before a count given without a noun ("injuring"), or "day", '
            '"date", "year", "percentage", "amount".'
        }
    )
    kind: str = field(
        metadata={"help": "`count`, `percentage`, `amount`, `day`, `date` or `year`."}
    )
    claims: tuple[Claim, ...] = field(
        metadata={"help": "The values given, the point's own first, then by number of sources."}
    )


@dataclass(frozen=True, slots=True)
class Signals:
    """The factors a point's score is the product of, and how it was picked."""

    rank: float = field(
        metadata={"help": "The summarizer's rating of the sentence within its theme, 0..1."}
    )
    corroboration: float = field(
        metadata={
            "help": "Raised by each independent report beyond the first: 1 + 0.25 x (reports - 1)."
        }
    )
    theme_fit: float = field(
        metadata={"help": "How well it matches the theme's cues: 0.5 (barely) to 1 (strongly)."}
    )
    concreteness: float = field(
        metadata={"help": "Names and figures it carries: 0.6 (none) to 1 (six or more)."}
    )
    reports: int = field(metadata={"help": "Independent reports counted in `corroboration`."})
    filler: bool = field(
        metadata={
            "help": "True when it leans on the sentence before it and was taken only to give "
            "a thin theme its minimum of points."
        }
    )


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation of the story: ``text`` is the quotation as source ``quoted_from``
    prints it, verbatim; every citation is a source carrying it, whole or in part."""

    text: str = field(
        metadata={
            "help": "The quotation, word for word as the source `quoted_from` prints it between "
            "its quotation marks (white space folded), without the marks. A quotation and the "
            "ones going on with it, with nothing of their own saying who speaks "
            '(`"...," Smith said. "..."`), are one quote: their words joined by ` … `.'
        }
    )
    speaker: str | None = field(
        metadata={
            "help": "Who said it, as the sources name them: the fullest form of the name the "
            "article uses (`Dmitry Peskov` for `Peskov`), a body (`the Kremlin`) or a "
            "description (`a senior official`); none when the sources do not say who, or "
            "not unambiguously."
        }
    )
    attribution: str = field(
        metadata={
            "help": "How the speaker was found: `sentence` (named in the quotation's own "
            "sentence), `neighbour` (in the sentence before or after), `continued` (the same "
            "speaker's quotation goes on), `pronoun` (`he said`, one person named just "
            "before); or why there is none: `unknown`, `ambiguous`, `disputed` (outlets name "
            "different people)."
        }
    )
    speaker_evidence: tuple[Citation, ...] = field(
        metadata={
            "help": "The sentences that name the speaker: where each outlet attributes the "
            "quotation, and where the name is written in full; for `disputed`, every outlet's "
            "attribution; empty when no one is named."
        }
    )
    sentence_id: str = field(
        metadata={"help": "Id of the sentence in which the quotation opens, in `quoted_from`."}
    )
    quoted_from: int = field(
        metadata={"help": "Citation number of the source the text is quoted from."}
    )
    citations: tuple[Citation, ...] = field(
        metadata={
            "help": "For each source carrying the quotation, whole or in part, its words as "
            "that source prints them, with their offsets and sentence id, by number; for a "
            "quote of several quotations joined by ` … `, one citation per quotation, and only "
            "the sources printing them all."
        }
    )
    score: float = field(
        metadata={
            "help": "Score the quotes are ordered by: the number of sources and how central "
            "the words are to the story, less when no one is named."
        }
    )
    support: int = field(metadata={"help": "Number of distinct sources carrying the quotation."})

    @property
    def source_ids(self) -> tuple[int, ...]:
        return tuple(sorted({c.source for c in self.citations}))


@dataclass(frozen=True, slots=True)
class Section:
    """A theme of the briefing with its points, in rank order."""

    key: str = field(
        metadata={
            "help": "Identifier of the theme, as in config.toml (picks `section-<key>.md.j2`)."
        }
    )
    title: str = field(metadata={"help": "Heading of the theme, from config.toml."})
    description: str = field(
        metadata={"help": "What the theme covers, from config.toml; may be empty."}
    )
    points: tuple[Point, ...] = field(
        metadata={
            "help": "The theme's points, best first; empty when no source said anything on it."
        }
    )


@dataclass(frozen=True, slots=True)
class Briefing:
    """The complete briefing, ready to render."""

    title: str = field(
        metadata={"help": "`title` in config.toml, else the first article's headline."}
    )
    date: dt.date = field(
        metadata={
            "help": "The day the briefing is for: `date` in config.toml, else the newest "
            "article's; the day it was built when neither gives one (see `undated`)."
        }
    )
    generated: dt.datetime = field(
        metadata={"help": "When the briefing was built (date and time, with time zone)."}
    )
    summarizer: str = field(
        metadata={
            "help": "Name of the summarizer that ranked the sentences (lexrank, textrank, ...)."
        }
    )
    sections: tuple[Section, ...] = field(
        metadata={"help": "The themes, in the order of config.toml, empty ones included."}
    )
    sources: tuple[Source, ...] = field(
        metadata={"help": "The numbered sources, in citation-number order."}
    )
    warnings: tuple[str, ...] = field(
        metadata={
            "help": "Problems that did not stop the build (an unreadable source, a thin theme)."
        }
    )
    quotes: tuple[Quote, ...] = field(
        default=(),
        metadata={
            "help": "The key quotes, best first: direct quotations with their speaker and "
            "every source carrying them; empty when the sources quote no one at length, or "
            "`summarizer.max_quotes` is 0."
        },
    )
    undated: bool = field(
        default=False,
        metadata={
            "help": "True when no source is dated and config.toml gives no `date`: `date` is "
            "then only the day the briefing was built, not the day of the news."
        },
    )

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(p for s in self.sections for p in s.points)

    @property
    def coverage(self) -> tuple[Coverage, ...]:
        return tuple(
            Coverage(
                source=source.id,
                points=tuple(
                    sum(1 for p in section.points if source.id in p.source_ids)
                    for section in self.sections
                ),
            )
            for source in self.sources
        )


@dataclass(frozen=True, slots=True)
class Coverage:
    """One row of the coverage table: a source and how many points it is cited for per theme."""

    source: int = field(metadata={"help": "Citation number of the source."})
    points: tuple[int, ...] = field(
        metadata={
            "help": "Per theme, in the order of `briefing.sections`, the number of points that "
            "cite the source; 0 where it has none."
        }
    )


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence of a summary (``briefing summarize``): verbatim from the article of
    ``sentence_id``; ``sources`` are the keys of every article carrying the same statement."""

    text: str
    sentence_id: str
    sources: tuple[str, ...]
    rating: float


@dataclass(frozen=True, slots=True)
class Summary:
    """A story's key sentences in reading order, within a budget of ``words`` words."""

    sentences: tuple[SummarySentence, ...]
    words: int
