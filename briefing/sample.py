"""A sample briefing for checking templates without building one.

``briefing check`` renders every template against this: one point per theme of the config (an
empty theme too, since templates must handle it), each with two citations, sources with and
without titles, outlets, URLs and dates, and key quotes with a speaker, without one and with a
disputed one, so every branch a template may take is exercised.
Its text carries characters that must come out literally (``*``, ``#``, ``<``, ``{{``).
"""

from __future__ import annotations

import datetime as dt

from .config import Config
from .models import Briefing, Citation, Point, Quote, Section, Source

_TEXT = 'The council said "the vote on item #3 <b>and</b> {{ budget }}" passed *unanimously*.'
_QUOTE = "We will pass item #3 <b>now</b>, {{ budget }} and *all*."


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
    )
    sections = []
    for number, theme in enumerate(config.themes):
        empty = number == len(config.themes) - 1 and len(config.themes) > 1
        citations = tuple(
            Citation(
                source=s.id, sentence_id=f"{s.key}:0:{number}", text=_TEXT, start=0, end=len(_TEXT)
            )
            for s in sources
        )
        point = Point(
            text=_TEXT,
            sentence_id=citations[0].sentence_id,
            quoted_from=1,
            citations=citations,
            score=1.0,
            rank_score=1.0,
            cue_score=2.0,
            support=2,
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
