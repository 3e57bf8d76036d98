"""Compose stage: clusters -> the ``Briefing``: points per theme within budget, with citations.

A cluster's score is its representative's rank score, raised by the number of independent
reports carrying it (a statement several outlets report is more likely central to the story; an
article and its copy, ``corroborate.find_copies``, are one report). The factors are kept on each
point (``Point.signals``), with its count of independent reports and the figures other sources
give differently (``corroborate.find_disagreements``). The
candidates of all themes are taken best first, each within its theme's budget, with ties broken
by score, then number of sources, then position, then sentence id, so the same input always
gives the same briefing, and the order of the themes in the config decides where points show,
not which are chosen.

A candidate is skipped when it is too close to a point already chosen in any theme
(``redundancy_similarity``, or a shared run of content words, compared over every sentence of
both clusters): two points never say the same thing. A candidate counting something the point
gives no figure for (``corroborate.adds_figure``) states a fact of its own, so for it only
closeness counts, not a shared phrase. Nor is a candidate a restatement, however close, of a
point it tells another fact than (``facts.distinct_facts``: the event done beside its announcement,
another day, or only the speaker, names or a topic word in common once attribution runs are
set aside), or to which it gives another figure for the same thing that the point's
disagreements do not already give (left out, it would hide that the sources differ).
Context-dependent candidates only fill a theme up to ``min_points_per_theme``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from .config import Config
from .corroborate import (
    Copy,
    Figure,
    adds_figure,
    differing_figures,
    figures,
    find_disagreements,
    independent_reports,
    nearly_verbatim,
    original_of,
    toll_kind,
)
from .dedupe import Similarity, citable
from .facts import (
    FACT_KINDS,
    WHEN_KINDS,
    distinct_facts,
    event_days_where_they_meet,
    rounded,
)
from .models import (
    Article,
    Briefing,
    Cluster,
    CopyEvidence,
    Disagreement,
    Point,
    Section,
    Sentence,
    Signals,
    Source,
    cite,
)
from .text import words

# How a point's score is made (tuned by reading the example briefing, see README "How points are
# chosen"): the summarizer's rating, raised for each additional source carrying the statement,
# for a strong match with the theme's cues and for concrete content (names, numbers).
SUPPORT_WEIGHT = 0.25
CUE_SATURATION = 4.0
SPECIFICITY_SATURATION = 6
_NAME_OR_NUMBER = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w’'-]+|\b\d[\d,.-]*\b")


@dataclass(frozen=True, slots=True)
class _Candidate:
    cluster: Cluster
    signals: Signals

    @property
    def score(self) -> float:
        """rank score x corroboration x theme fit x specificity (each factor 1 at its best)."""
        s = self.signals
        return s.rank * s.corroboration * s.theme_fit * s.concreteness

    @property
    def sort_key(self) -> tuple[float, int, int, str]:
        rep = self.cluster.representative.sentence
        return (-self.score, -len(self.cluster.articles), rep.position, rep.id)


def specificity(text: str) -> float:
    """0..1: how many distinct names and numbers the sentence carries (its first word aside)."""
    found = {m.group(0) for m in _NAME_OR_NUMBER.finditer(text)}
    return min(len(found), SPECIFICITY_SATURATION) / SPECIFICITY_SATURATION


def score_signals(
    cluster: Cluster,
    original: Mapping[str, str] | None = None,
    alike: Callable[[Sentence, Sentence], bool] | None = None,
) -> Signals:
    """The factors of a cluster's score: rank score, corroboration (by independent reports:
    ``original`` maps a copy's article key to its original's), theme fit, concreteness."""
    rep = cluster.representative
    reports = independent_reports(cluster.members, original or {}, alike)
    return Signals(
        rank=rep.rank_score,
        corroboration=1 + SUPPORT_WEIGHT * (reports - 1),
        theme_fit=0.5 + 0.5 * min(rep.cue_score, CUE_SATURATION) / CUE_SATURATION,
        concreteness=0.6 + 0.4 * specificity(rep.sentence.text),
        reports=reports,
        filler=rep.dependent,
    )


def compose_briefing(
    articles: Sequence[Article],
    clusters: Sequence[Cluster],
    similarity: Similarity,
    evidence_index: Mapping[str, int],
    config: Config,
    *,
    now: dt.datetime,
    warnings: Sequence[str] = (),
    copies: Sequence[Copy] = (),
    evidence: Sequence[Sentence] = (),
) -> Briefing:
    """Choose the points of each theme and assemble the briefing.

    ``similarity`` and ``evidence_index`` (sentence id -> row) come from the dedupe stage, with
    ``evidence`` (the sentences of those rows; without them no disagreement is looked for);
    ``copies`` from ``corroborate.find_copies``.
    """
    source_of = {a.key: number for number, a in enumerate(articles, start=1)}
    copy_of = {c.article: c for c in copies}
    sources = tuple(
        Source(
            id=source_of[a.key],
            key=a.key,
            path=a.path,
            title=a.title,
            outlet=a.outlet,
            url=a.url,
            published=a.published,
            carriers=a.carriers,
            copy_of=source_of[copy_of[a.key].original] if a.key in copy_of else None,
            copy_evidence=_copy_evidence(copy_of[a.key], source_of) if a.key in copy_of else None,
        )
        for a in articles
    )
    original = original_of(copies)
    context = _Context(source_of, original, similarity, evidence_index, evidence)
    budget = config.summarizer
    chosen: list[Cluster] = []
    # Sentences of candidates left out as restatements of a chosen point that carry it: their
    # sources are cited for that point too (keyed by the chosen cluster's position).
    also_cited: dict[int, list[Sentence]] = {}
    notes = list(warnings)
    # All themes' candidates, best first: a statement is weighed against every better one,
    # whichever theme it is in, so a wire's lead in a later theme is not lost to a weaker
    # paraphrase that an earlier theme took first. Context-dependent ones come last.
    themed = {theme.key for theme in config.themes}
    candidates = sorted(
        (
            _Candidate(c, score_signals(c, original, context.alike))
            for c in clusters
            if c.representative.theme in themed
        ),
        key=lambda c: (c.cluster.representative.dependent, *c.sort_key),
    )
    picked: dict[str, list[_Candidate]] = {theme.key: [] for theme in config.themes}
    words_used = dict.fromkeys(picked, 0)
    for candidate in candidates:
        rep = candidate.cluster.representative
        mine = picked[rep.theme]
        if len(mine) >= budget.points_per_theme:
            continue
        if rep.dependent and len(mine) >= budget.min_points_per_theme:
            continue
        length = len(words(rep.sentence.text))
        if len(mine) >= budget.min_points_per_theme and (
            words_used[rep.theme] + length > budget.words_per_theme
        ):
            continue
        restated = _restates(candidate.cluster, chosen, context, config)
        if restated is not None:
            also_cited.setdefault(restated, []).extend(
                _carriers(candidate.cluster, chosen[restated], context, config)
            )
            continue
        mine.append(candidate)
        chosen.append(candidate.cluster)
        words_used[rep.theme] += length
    picked_per_theme = [
        sorted(picked[theme.key], key=lambda c: c.sort_key) for theme in config.themes
    ]
    for theme, points in zip(config.themes, picked_per_theme, strict=True):
        if len(points) < budget.min_points_per_theme:
            notes.append(
                f"theme {theme.key!r} ({theme.title}) has {len(points)} point(s), fewer than "
                f"min_points_per_theme = {budget.min_points_per_theme}: few sentences fit its cues"
            )
    position = {id(cluster): n for n, cluster in enumerate(chosen)}
    sections = [
        Section(
            key=theme.key,
            title=theme.title,
            description=theme.description,
            points=tuple(
                _point(c, context, also_cited.get(position[id(c.cluster)], ())) for c in picked
            ),
        )
        for theme, picked in zip(config.themes, picked_per_theme, strict=True)
    ]
    sections = _cap_total(sections, budget.max_points, budget.min_points_per_theme)
    dates = [a.published for a in articles if a.published is not None]
    return Briefing(
        title=config.title or next((a.title for a in articles if a.title), "Briefing"),
        date=config.date or (max(dates) if dates else now.date()),
        undated=config.date is None and not dates,
        generated=now,
        summarizer=budget.algorithm,
        sections=tuple(sections),
        sources=sources,
        warnings=tuple(notes),
    )


# A sentence whose weighted words are this much inside a chosen point's sentence (or the other
# way round) restates it, however much shorter it is.
CONTAINMENT = 0.7


def _restates(
    cluster: Cluster, chosen: Sequence[Cluster], context: _Context, config: Config
) -> int | None:
    """The position of the first chosen cluster ``cluster`` says the same as, if any: close
    overall (``redundancy_similarity``), sharing a run of content words, or one contained in
    the other; compared over every sentence of both. A sentence counting something the chosen
    one gives no figure for (a death toll beside "472 drones and 32 missiles") carries a fact
    of its own: sharing a phrase with the chosen one, or holding it, does not make it a
    restatement; only closeness or lying inside the chosen one does. A pair of sentences that
    tells of another fact (``distinct_facts``) restates nothing, however close; nor does a
    sentence giving another figure for what the point counts ("killed 16 people" beside
    "killing at least 14 people") unless the point's disagreements already give it: left
    out, the briefing would never say the sources differ."""
    threshold = config.dedupe.redundancy_similarity
    index = context.evidence_index
    similarity = context.similarity
    mine = [index[m.id] for m in cluster.members]
    adds = context.adds_figure if context.evidence else None
    for position, other in enumerate(chosen):
        theirs = [index[m.id] for m in other.members]
        if not similarity.restates(mine, theirs, threshold, CONTAINMENT, adds):
            continue
        if any(
            similarity.restates([i], [j], threshold, CONTAINMENT, adds)
            and not context.distinct(i, j, other)
            for j in theirs
            for i in mine
        ):
            return position
    return None


def _carriers(
    cluster: Cluster, point: Cluster, context: _Context, config: Config
) -> list[Sentence]:
    """The sentences of a left-out cluster that carry the chosen point's statement."""
    index = context.evidence_index
    rep = index[point.representative.sentence.id]
    threshold = config.dedupe.duplicate_similarity
    return [m for m in cluster.members if context.similarity.carries(index[m.id], rep, threshold)]


@dataclass(frozen=True, slots=True)
class _Context:
    """What making a point needs besides its cluster."""

    source_of: Mapping[str, int]
    original: Mapping[str, str]
    similarity: Similarity
    evidence_index: Mapping[str, int]
    evidence: Sequence[Sentence]
    _figures: dict[int, list[Figure]] = field(default_factory=dict)
    # The values the disagreements of a chosen point give, by id of its cluster.
    _noted_by_point: dict[int, set[tuple[str, object]]] = field(default_factory=dict)

    def alike(self, a: Sentence, b: Sentence) -> bool:
        """Whether two sentences are one nearly word for word (``corroborate.nearly_verbatim``):
        two sources printing it are one report for it."""
        index = self.evidence_index
        return nearly_verbatim(self.similarity, index[a.id], index[b.id])

    def adds_figure(self, row: int, other: int) -> bool:
        """Whether evidence row ``row`` counts something row ``other`` gives no figure for."""
        return adds_figure(self._figures_of(row), self._figures_of(other))

    def distinct(self, row: int, other: int, point: Cluster) -> str | None:
        """Why text ``row`` tells another fact than text ``other`` of the chosen ``point``
        however alike their words, if it does: ``distinct_facts``, or ``"figure"`` when it
        gives another value for something the point's text counts (the same noun, or the
        same verb before a bare count, and a toll of the same kind: "killed 16 people"
        beside "killing at least 14 people", not "10 people were wounded" beside "20 people
        were killed"), other than by rounding ("$57.1 million", "$57 million"). Another
        day or figure the point's disagreements give is no other fact: the point says the
        sources differ."""
        texts = self.similarity.texts
        reason = distinct_facts(texts[row], texts[other])
        if reason == "days":
            days = event_days_where_they_meet(texts[row], texts[other])
            return None if days <= {v for k, v in self._noted(point) if k in WHEN_KINDS} else reason
        if reason is not None or not self.evidence:
            return reason
        rep = self.evidence_index[point.representative.sentence.id]
        mine, theirs = self.evidence[row].text, self.evidence[rep].text
        noted = self._noted(point)
        for a, b in differing_figures(self._figures_of(row), self._figures_of(rep)):
            if a.kind not in FACT_KINDS or (a.kind, a.value) in noted or rounded(a, b):
                continue
            if toll_kind(mine, a) == toll_kind(theirs, b):  # the dead are not the injured
                return "figure"
        return None

    def _noted(self, point: Cluster) -> set[tuple[str, object]]:
        """The figures and days the point's disagreements give, as (kind, value)."""
        noted = self._noted_by_point.get(id(point))
        if noted is None:
            noted = self._noted_by_point[id(point)] = {
                (figure.kind, figure.value)
                for disagreement in self.disagreements(point)
                for claim in disagreement.claims
                for figure in figures(claim.value)
            }
        return noted

    def cited(self, cluster: Cluster, also_cited: Sequence[Sentence] = ()) -> list[Sentence]:
        """The sentences the point's sources are cited by: those saying all the point says
        (``dedupe.citable``), of its members and of restatements left out (``also_cited``)."""
        carrying = (*cluster.members, *also_cited)
        rep = cluster.representative.sentence
        return citable(carrying, rep, self.similarity, self.evidence_index)

    def disagreements(
        self, cluster: Cluster, carriers: Mapping[int, Sentence] | None = None
    ) -> tuple[Disagreement, ...]:
        """The figures other sources give differently for the point's (``carriers``: the
        point's, by default those among the cluster's own members)."""
        if not self.evidence:
            return ()
        if carriers is None:
            carriers = _first_per_source(self.cited(cluster), self.source_of)
        return find_disagreements(
            self.evidence_index[cluster.representative.sentence.id],
            [cite(sentence, source) for source, sentence in carriers.items()],
            {sentence.article for sentence in carriers.values()},
            self.evidence,
            self.similarity,
            self.source_of,
        )

    def _figures_of(self, row: int) -> list[Figure]:
        if row not in self._figures:
            self._figures[row] = figures(self.evidence[row].text)
        return self._figures[row]


def _first_per_source(
    sentences: Sequence[Sentence], source_of: Mapping[str, int]
) -> dict[int, Sentence]:
    """The first of the sentences of each source, by source number: the one it is cited by."""
    first: dict[int, Sentence] = {}
    for sentence in sentences:
        first.setdefault(source_of[sentence.article], sentence)
    return dict(sorted(first.items()))


def _copy_evidence(copy: Copy, source_of: Mapping[str, int]) -> CopyEvidence:
    return CopyEvidence(
        compared_with=source_of[copy.compared_with],
        kind=copy.kind,
        matched=copy.matched,
        sentences=copy.sentences,
        share=round(copy.share, 2),
    )


def _point(candidate: _Candidate, context: _Context, also_cited: Sequence[Sentence] = ()) -> Point:
    cluster = candidate.cluster
    rep = cluster.representative
    source_of = context.source_of
    cited = context.cited(cluster, also_cited)
    carriers = _first_per_source(cited, source_of)
    citations = tuple(cite(sentence, source) for source, sentence in carriers.items())
    return Point(
        text=rep.sentence.text,
        sentence_id=rep.sentence.id,
        quoted_from=source_of[rep.sentence.article],
        citations=citations,
        score=round(candidate.score, 6),
        rank_score=rep.rank_score,
        cue_score=rep.cue_score,
        support=len(citations),
        independent=independent_reports(cited, context.original, context.alike),
        disagreements=context.disagreements(cluster, carriers),
        signals=candidate.signals,
    )


def _cap_total(sections: list[Section], max_points: int, keep: int) -> list[Section]:
    """Drop the lowest-scoring points, never below ``keep`` in a theme, until within budget."""
    total = sum(len(s.points) for s in sections)
    while total > max_points:
        droppable = [
            (s.points[-1].score, i) for i, s in enumerate(sections) if len(s.points) > keep
        ]
        if not droppable:
            break
        _, index = min(droppable)
        sections[index] = replace(sections[index], points=sections[index].points[:-1])
        total -= 1
    return sections
