"""A sample briefing for checking templates without building one.

``briefing check`` renders every template against this: one point per theme of the config (an
empty theme too, since templates must handle it), each with its citations, and sources with
and without titles, outlets, URLs and dates, one of them a copy of another, so every branch a
template may take is exercised: single-source points, points carried by copies of one report,
by independent sources, a disagreement, and key quotes with a speaker, without one and with a
disputed one. Its text carries characters that must come out literally (``*``, ``#``, ``<``,
``{{``).
"""

from __future__ import annotations

import datetime as dt

from .config import Config
from .models import (
    Briefing,
    Citation,
    Claim,
    CopyEvidence,
    Disagreement,
    Point,
    Quote,
    Section,
    Signals,
    Source,
)

_TEXT = 'The council said "the vote on item #3 <b>and</b> {{ budget }}" passed *unanimously*.'
_OTHER = 'The council said "the vote on item #4 <b>and</b> {{ budget }}" passed *unanimously*.'
_QUOTE = "We will pass item #3 <b>now</b>, {{ budget }} and *all*."
# Which sources carry the point of each theme, in turn: independent sources and a copy, a
# single source, a source and its copy only (a single report).
_CITED = ((1, 2, 3), (2,), (1, 3))


def sample_briefing(config: Config, *, now: dt.datetime) -> Briefing:
    """A small briefing shaped by ``config``'s themes; the last theme is left empty."""
    sources = (
        Source(
            1,
            "sample-1",
            "articles/sample-1.txt",
            "Council passes budget",
            "Daily News",
            "https://example.org/news/1",
            dt.date(2025, 5, 11),
        ),
        Source(2, "sample-2", "articles/sample-2.html", None, None, None, None),
        Source(
            3,
            "sample-3",
            "articles/sample-3.txt",
            "Council passes budget",
            "Evening <Wire>",
            None,
            dt.date(2025, 5, 11),
            carriers=("Evening <Wire>", "Morning *Post*"),
            copy_of=1,
            copy_evidence=CopyEvidence(
                compared_with=1, kind="rewrite", matched=9, sentences=12, share=0.75
            ),
        ),
    )
    sections = []
    for number, theme in enumerate(config.themes):
        empty = number == len(config.themes) - 1 and len(config.themes) > 1
        cited = _CITED[number % len(_CITED)]
        citations = tuple(
            Citation(
                source=n,
                sentence_id=f"{sources[n - 1].key}:0:{number}",
                text=_TEXT,
                start=0,
                end=len(_TEXT),
            )
            for n in cited
        )
        disagreements: tuple[Disagreement, ...] = ()
        if number == 0:
            other = Citation(
                source=2, sentence_id="sample-2:0:9", text=_OTHER, start=0, end=len(_OTHER)
            )
            disagreements = (
                Disagreement(
                    about="item",
                    kind="count",
                    claims=(
                        Claim(value="item #3", citations=citations[:1]),
                        Claim(value="item #4 <b>", citations=(other,)),
                    ),
                ),
            )
        reports = len({1 if n == 3 else n for n in cited})  # 3 repeats 1
        point = Point(
            text=_TEXT,
            sentence_id=citations[0].sentence_id,
            quoted_from=cited[0],
            citations=citations,
            score=round(0.5 * (1 + 0.25 * (reports - 1)), 6),
            rank_score=1.0,
            cue_score=2.0,
            support=len(cited),
            independent=reports,
            disagreements=disagreements,
            signals=Signals(
                rank=1.0,
                corroboration=1 + 0.25 * (reports - 1),
                theme_fit=0.75,
                concreteness=2 / 3,
                reports=reports,
                filler=number == 1,
            ),
        )
        sections.append(
            Section(theme.key, theme.title, theme.description, () if empty else (point,))
        )
    quotes = tuple(
        Quote(
            text=_QUOTE,
            speaker=speaker,
            attribution=attribution,
            speaker_evidence=citations[:1] if speaker else (),
            sentence_id=citations[0].sentence_id,
            quoted_from=1,
            citations=citations,
            score=1.0,
            support=2,
        )
        for speaker, attribution in (
            ("Council *chair* <b>Ann Lee</b>", "sentence"),
            (None, "unknown"),
            (None, "disputed"),
        )
        for citations in [
            tuple(
                Citation(source=s.id, sentence_id=f"{s.key}:9:0", text=_QUOTE, start=0, end=20)
                for s in sources
            )
        ]
    )
    return Briefing(
        title=config.title or "Sample briefing",
        date=config.date or now.date(),
        generated=now,
        summarizer=config.summarizer.algorithm,
        sections=tuple(sections),
        sources=sources,
        warnings=(),
        quotes=quotes,
    )
