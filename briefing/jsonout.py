"""The JSON output: the briefing as data, for other programs.

Part of the render stage: ``render.py`` calls :func:`render_json` for the ``json`` format.
pydantic models describe the document, so the JSON Schema in ``docs/briefing.schema.json`` is
generated from the same code that writes the JSON (``python -m briefing.jsonout`` prints it;
``tests/test_render.py`` checks that the committed file matches).

Numbers: ``score``, ``rank_score``, ``cue_score`` and the ``signals`` are rounded to 6 decimal
places, enough
to order points and short enough that the golden files do not churn on the last bits of a
floating-point sum. Keys come out in the order the fields are declared here.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .models import (
    Briefing,
    Citation,
    Claim,
    CopyEvidence,
    Coverage,
    Disagreement,
    Point,
    Quote,
    Section,
    Signals,
    Source,
)

SCHEMA_VERSION: Literal["1"] = "1"
"""Bumped when a field is removed or changes meaning; adding a field keeps the version."""

_SCORE_DECIMALS = 6


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceEntry(_Model):
    """One numbered source of the briefing."""

    id: int = Field(
        description="Citation number: the [n] used in the Markdown and the position in the "
        "source list. Points refer to sources by this number.",
        ge=1,
    )
    path: str = Field(description="The input file as read (or the URL it was fetched from).")
    title: str | None = Field(description="Headline of the article, or null when it has none.")
    outlet: str | None = Field(description="Publication the article comes from, if known.")
    url: str | None = Field(description="Web address of the article, if known.")
    published: dt.date | None = Field(
        description="Publication date (ISO 8601, YYYY-MM-DD), if known."
    )
    carriers: list[str] = Field(
        description="Every outlet that carried this same article (syndicated, or in several "
        "feeds), the source's own outlet first; empty when only one did."
    )
    copy_of: int | None = Field(
        description="Citation number of the source whose report this article repeats, word for "
        "word or rewritten sentence by sentence (the earliest, else the longest, of the sources "
        "carrying that report: without dates, which came first is a guess); null for an "
        "independent report. Points count a source and its copies as one independent report."
    )
    copy_evidence: CopyEvidenceEntry | None = Field(
        description="Why the article counts as a copy; null when `copy_of` is."
    )


class CopyEvidenceEntry(_Model):
    """How much of an article is found in another source."""

    compared_with: int = Field(
        description="Citation number of the source it was compared with: `copy_of`, or another "
        "copy of the same report."
    )
    kind: Literal["verbatim", "rewrite"] = Field(
        description="verbatim: most of its sentences are in that source nearly word for word; "
        "rewrite: its sentences are that source's, paraphrased one by one in the same order, "
        "with the same names and figures."
    )
    matched: int = Field(
        description="How many of its sentences have their counterpart in that source.", ge=0
    )
    sentences: int = Field(description="How many sentences it has in all.", ge=0)
    share: float = Field(description="matched / sentences, to 2 decimals.", ge=0, le=1)


class Evidence(_Model):
    """Where a cited source says the point, verbatim."""

    source: int = Field(description="Citation number of the source (a sources[].id).")
    sentence_id: str = Field(
        description='Id of the sentence in that source: "<article key>:<paragraph>:<index>".'
    )
    text: str = Field(
        description="The sentence as it appears in the source, with runs of white space "
        "folded to one space (in a quote's `evidence`: the quotation as that source prints it)."
    )
    start: int = Field(
        description="Character offset where that text starts in the source's text as read "
        "(for HTML sources, the extracted main text).",
        ge=0,
    )
    end: int = Field(description="Character offset just past the end of that text.", ge=0)


class PointEntry(_Model):
    """One bullet of the briefing."""

    text: str = Field(
        description=(
            "The point: a sentence quoted verbatim (white space folded) from the source "
            "`quoted_from`."
        )
    )
    quoted_from: int = Field(description="Citation number of the source the text is quoted from.")
    citations: list[int] = Field(
        description="Citation numbers of every source carrying the point, ascending."
    )
    support: int = Field(description="Number of distinct sources carrying the point.", ge=1)
    independent: int = Field(
        description="Number of independent reports among them: a source and its copies "
        "(`copy_of`) count once.",
        ge=1,
    )
    single_source: bool = Field(
        description="True when one report only carries the point (one source, or copies of one)."
    )
    score: float = Field(description="Final score the points of a theme are ordered by.")
    rank_score: float = Field(
        description="The summarizer's rating of the sentence, scaled to 0..1 within the theme."
    )
    cue_score: float = Field(description="Strength of the sentence's match to the theme.")
    sentence_id: str = Field(description="Id of the sentence the text is taken from.")
    evidence: list[Evidence] = Field(
        description="For each cited source, the sentence that carries the point and its offsets."
    )
    disagreements: list[DisagreementEntry] = Field(
        description="Figures or dates other sources give differently for the same statement: "
        "empty when none do."
    )
    signals: SignalsEntry | None = Field(
        description="Why the point was chosen: `score` is the product of `rank`, "
        "`corroboration`, `theme_fit` and `concreteness`."
    )


class ClaimEntry(_Model):
    """One side of a disagreement."""

    value: str = Field(
        description="The figure or date as written in the first of its sources, with its "
        'qualifier and noun ("at least 60 people").'
    )
    sources: list[int] = Field(description="Citation numbers of the sources giving it, ascending.")
    evidence: list[Evidence] = Field(
        description="For each of those sources, the sentence giving the value and its offsets."
    )


class DisagreementEntry(_Model):
    """Sources giving different figures or dates for the same statement."""

    about: str = Field(
        description='What differs: the noun after the figure ("aerial drones"), the verb '
        'before a count given without a noun ("injuring"), or "day", '
        '"date", "year", "percentage", "amount".'
    )
    kind: Literal["count", "percentage", "amount", "day", "date", "year"] = Field(
        description="The kind of figure compared."
    )
    claims: list[ClaimEntry] = Field(
        description="The values given, the point's own first, then by number of sources."
    )


class SignalsEntry(_Model):
    """The factors of a point's score, and how it was picked."""

    rank: float = Field(description="The summarizer's rating within the theme, 0..1.")
    corroboration: float = Field(
        description="1 + 0.25 x (independent reports - 1): raised by each independent report."
    )
    theme_fit: float = Field(description="Match with the theme's cues, 0.5..1.")
    concreteness: float = Field(description="Names and figures in the sentence, 0.6..1.")
    reports: int = Field(description="Independent reports counted in `corroboration`.", ge=1)
    filler: bool = Field(
        description="True when the sentence leans on the one before it and was taken only to "
        "give a thin theme its minimum of points."
    )


class Theme(_Model):
    """A theme of the briefing, in the order of the configuration."""

    key: str = Field(description="Stable identifier of the theme, as in config.toml.")
    title: str = Field(description="Heading shown for the theme.")
    description: str = Field(description="What the theme covers, from config.toml.")
    points: list[PointEntry] = Field(
        description="The theme's points, best first. Empty when no source said anything on it."
    )


class CoverageEntry(_Model):
    """Which themes a source is cited in."""

    source: int = Field(description="Citation number of the source.", ge=1)
    points: dict[str, int] = Field(
        description="Theme key -> number of the theme's points citing the source (0 for none), "
        "in the order of `themes`."
    )


Attribution = Literal[
    "sentence", "neighbour", "continued", "pronoun", "unknown", "ambiguous", "disputed"
]


class QuoteEntry(_Model):
    """A key quote: a direct quotation, who said it, and every source carrying it."""

    text: str = Field(
        description="The quotation, verbatim (white space folded) as the source `quoted_from` "
        "prints it between its quotation marks, without the marks. A quotation and the ones "
        "going on with it, with nothing of their own saying who speaks, are one quote: their "
        "words joined by ' … '."
    )
    speaker: str | None = Field(
        description="Who said it, as the sources name them (the fullest form of the name the "
        "article uses), a body or a description the source gives; null when the sources do not "
        "say who, or not unambiguously."
    )
    attribution: Attribution = Field(
        description="How the speaker was found: sentence (named in the quotation's own "
        "sentence), neighbour (in the sentence before or after), continued (the same speaker's "
        "quotation goes on), pronoun (he/she said, one person named just before); or why "
        "speaker is null: unknown, ambiguous, disputed (outlets name different people)."
    )
    quoted_from: int = Field(description="Citation number of the source the text is quoted from.")
    citations: list[int] = Field(
        description="Citation numbers of every source carrying the quotation, ascending."
    )
    support: int = Field(description="Number of distinct sources carrying the quotation.", ge=1)
    score: float = Field(description="Score the quotes are ordered by.")
    sentence_id: str = Field(description="Id of the sentence in which the quotation opens.")
    evidence: list[Evidence] = Field(
        description="For each source carrying the quotation, whole or in part: its words as "
        "that source prints them, and their offsets; for quotations joined by ' … ', one entry "
        "per quotation, and only the sources printing them all."
    )
    speaker_evidence: list[Evidence] = Field(
        description="The sentences that name the speaker: each outlet's attribution and where "
        "the name is written in full; empty when no one is named."
    )


class BriefingDocument(_Model):
    """A briefing: themed points, each cited to numbered sources."""

    model_config = ConfigDict(
        title="Briefing",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    schema_version: Literal["1"] = Field(
        description="Version of this document format; changes only when a field is removed or "
        "changes meaning."
    )
    title: str = Field(description="Title of the briefing.")
    date: dt.date = Field(description="Date the briefing is for (ISO 8601, YYYY-MM-DD).")
    undated: bool = Field(
        False,
        description="True when no source is dated and the configuration gives no date: `date` "
        "is then the day the briefing was built, not the day of the news.",
    )
    generated: dt.datetime = Field(
        description="When the briefing was built (ISO 8601 date and time)."
    )
    summarizer: str = Field(description="Name of the summarizer that ranked the sentences.")
    sources: list[SourceEntry] = Field(description="The numbered sources, by citation number.")
    themes: list[Theme] = Field(description="The themes, in the order of the configuration.")
    coverage: list[CoverageEntry] = Field(
        description="Per source, the number of points of each theme that cite it."
    )
    quotes: list[QuoteEntry] = Field(
        description="The key quotes, best first; empty when there are none or "
        "summarizer.max_quotes is 0."
    )
    warnings: list[str] = Field(
        description="Problems that did not stop the build (an unreadable source, an empty "
        "theme), one message each."
    )


def briefing_document(briefing: Briefing) -> BriefingDocument:
    """Return the JSON document model of ``briefing``."""
    return BriefingDocument(
        schema_version=SCHEMA_VERSION,
        title=briefing.title,
        date=briefing.date,
        undated=briefing.undated,
        generated=briefing.generated,
        summarizer=briefing.summarizer,
        sources=[_source_entry(source) for source in briefing.sources],
        themes=[_theme(section) for section in briefing.sections],
        coverage=[_coverage(row, briefing) for row in briefing.coverage],
        quotes=[_quote_entry(quote) for quote in briefing.quotes],
        warnings=list(briefing.warnings),
    )


def render_json(briefing: Briefing) -> str:
    """Return ``briefing`` as JSON text: indented by 2, UTF-8 characters kept as they are,
    keys in declaration order, ending with a newline. Same briefing, same bytes."""
    data = briefing_document(briefing).model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the document :func:`render_json` writes."""
    return BriefingDocument.model_json_schema(mode="serialization")


def _source_entry(source: Source) -> SourceEntry:
    return SourceEntry(
        id=source.id,
        path=source.path,
        title=source.title,
        outlet=source.outlet,
        url=source.url,
        published=source.published,
        carriers=list(source.carriers),
        copy_of=source.copy_of,
        copy_evidence=_copy_evidence(source.copy_evidence) if source.copy_evidence else None,
    )


def _copy_evidence(evidence: CopyEvidence) -> CopyEvidenceEntry:
    return CopyEvidenceEntry(
        compared_with=evidence.compared_with,
        kind="rewrite" if evidence.kind == "rewrite" else "verbatim",
        matched=evidence.matched,
        sentences=evidence.sentences,
        share=evidence.share,
    )


def _coverage(row: Coverage, briefing: Briefing) -> CoverageEntry:
    return CoverageEntry(
        source=row.source,
        points={
            section.key: count for section, count in zip(briefing.sections, row.points, strict=True)
        },
    )


def _theme(section: Section) -> Theme:
    return Theme(
        key=section.key,
        title=section.title,
        description=section.description,
        points=[_point_entry(point) for point in section.points],
    )


def _point_entry(point: Point) -> PointEntry:
    return PointEntry(
        text=point.text,
        quoted_from=point.quoted_from,
        citations=list(point.source_ids),
        support=point.support,
        independent=point.independent,
        single_source=point.single_source,
        score=round(point.score, _SCORE_DECIMALS),
        rank_score=round(point.rank_score, _SCORE_DECIMALS),
        cue_score=round(point.cue_score, _SCORE_DECIMALS),
        sentence_id=point.sentence_id,
        evidence=[_evidence(citation) for citation in point.citations],
        disagreements=[_disagreement(d) for d in point.disagreements],
        signals=_signals(point.signals) if point.signals else None,
    )


def _disagreement(disagreement: Disagreement) -> DisagreementEntry:
    return DisagreementEntry.model_validate(
        {
            "about": disagreement.about,
            "kind": disagreement.kind,
            "claims": [_claim(claim) for claim in disagreement.claims],
        }
    )


def _claim(claim: Claim) -> ClaimEntry:
    return ClaimEntry(
        value=claim.value,
        sources=list(claim.source_ids),
        evidence=[_evidence(citation) for citation in claim.citations],
    )


def _signals(signals: Signals) -> SignalsEntry:
    return SignalsEntry(
        rank=round(signals.rank, _SCORE_DECIMALS),
        corroboration=round(signals.corroboration, _SCORE_DECIMALS),
        theme_fit=round(signals.theme_fit, _SCORE_DECIMALS),
        concreteness=round(signals.concreteness, _SCORE_DECIMALS),
        reports=signals.reports,
        filler=signals.filler,
    )


def _quote_entry(quote: Quote) -> QuoteEntry:
    return QuoteEntry(
        text=quote.text,
        speaker=quote.speaker,
        attribution=quote.attribution,
        quoted_from=quote.quoted_from,
        citations=list(quote.source_ids),
        support=quote.support,
        score=round(quote.score, _SCORE_DECIMALS),
        sentence_id=quote.sentence_id,
        evidence=[_evidence(citation) for citation in quote.citations],
        speaker_evidence=[_evidence(citation) for citation in quote.speaker_evidence],
    )


def _evidence(citation: Citation) -> Evidence:
    return Evidence(
        source=citation.source,
        sentence_id=citation.sentence_id,
        text=citation.text,
        start=citation.start,
        end=citation.end,
    )


def main() -> None:
    """Print the JSON Schema; ``python -m briefing.jsonout > docs/briefing.schema.json``."""
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
