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
point it tells another fact than (``distinct_facts``: the event done beside its announcement,
another day, or only the speaker, names or a topic word in common once attribution runs are
set aside), or to which it gives another figure for the same thing that the point's
disagreements do not already give (left out, it would hide that the sources differ).
Context-dependent candidates only fill a theme up to ``min_points_per_theme``.

The rules were read against every restatement dropped in the 180 evaluation clusters (DUC
2003, DUC 2004, the Multi-News sample): with a generic config, 547 candidates reach the test,
and about 90 are now kept, nearly all distinct facts (the Mubarak trip done beside its
announcement, the House vote beside the debate to come, quotes of one speaker).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from .config import Config
from .corroborate import (
    _REPORTED_ON,
    Copy,
    Figure,
    _reported_on,
    _toll,
    adds_figure,
    differing_figures,
    figures,
    find_disagreements,
    independent_reports,
    original_of,
)
from .dedupe import Similarity, citable
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
from .text import MONTHS, WEEKDAYS, content_stems, words

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
    score: float

    @property
    def sort_key(self) -> tuple[float, int, int, str]:
        rep = self.cluster.representative.sentence
        return (-self.score, -len(self.cluster.articles), rep.position, rep.id)


def specificity(text: str) -> float:
    """0..1: how many distinct names and numbers the sentence carries (its first word aside)."""
    found = {m.group(0) for m in _NAME_OR_NUMBER.finditer(text)}
    return min(len(found), SPECIFICITY_SATURATION) / SPECIFICITY_SATURATION


def score_signals(cluster: Cluster, original: Mapping[str, str] | None = None) -> Signals:
    """The factors of a cluster's score: rank score, corroboration (by independent reports:
    ``original`` maps a copy's article key to its original's), theme fit, concreteness."""
    rep = cluster.representative
    reports = independent_reports(cluster.members, original or {})
    return Signals(
        rank=rep.rank_score,
        corroboration=1 + SUPPORT_WEIGHT * (reports - 1),
        theme_fit=0.5 + 0.5 * min(rep.cue_score, CUE_SATURATION) / CUE_SATURATION,
        concreteness=0.6 + 0.4 * specificity(rep.sentence.text),
        reports=reports,
        filler=rep.dependent,
    )


def cluster_score(cluster: Cluster, original: Mapping[str, str] | None = None) -> float:
    """rank score x corroboration x theme fit x specificity (each factor 1 at its best)."""
    signals = score_signals(cluster, original)
    return signals.rank * signals.corroboration * signals.theme_fit * signals.concreteness


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
            _Candidate(c, cluster_score(c, original))
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
            days = _event_days(_meeting(texts[row], content_stems(texts[other])))
            return None if days <= {v for k, v in self._noted(point) if k in _WHEN} else reason
        if reason is not None or not self.evidence:
            return reason
        rep = self.evidence_index[point.representative.sentence.id]
        mine, theirs = self.evidence[row].text, self.evidence[rep].text
        noted = self._noted(point)
        for a, b in differing_figures(self._figures_of(row), self._figures_of(rep)):
            if a.kind not in _FACTS or (a.kind, a.value) in noted or _rounded(a, b):
                continue
            if _toll(mine, a) == _toll(theirs, b):  # the dead are not the injured
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
        independent=independent_reports(cited, context.original),
        disagreements=context.disagreements(cluster, carriers),
        signals=score_signals(cluster, context.original),
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


def distinct_facts(text: str, other: str) -> str | None:
    """Why two sentences alike in words tell two facts, if they do:

    - ``"days"``: where they meet (the clause of each sharing most words with the other),
      each names the day or date of what it tells, and no day of one is a day of the other
      ("flew to Damascus on Sunday" / "talks in Damascus on Tuesday"); the day a source
      reports on ("officials said Monday") dates the report, not the fact;
    - ``"tense"``: where they meet, one tells a plan and nothing done ("will travel", "is
      expected to arrive", "prepares to debate whether to open"), the other something done
      and no plan ("flew", "arrived");
    - ``"gist"``: leaving out who tells it ("Carla Mendes said", "a top official said
      Saturday") and titles, they share at most ``GIST_SHARED`` common word and as many
      names: a speaker, a place or a topic word ("workers") is not a fact.
    """
    mine = _meeting(text, content_stems(other))
    theirs = _meeting(other, content_stems(text))
    days, other_days = _event_days(mine), _event_days(theirs)
    if days and other_days and days.isdisjoint(other_days):
        return "days"
    if {_tense(mine), _tense(theirs)} == {"plan", "done"}:
        return "tense"
    if _headline(text) or _headline(other):
        return None  # every word capitalised: names cannot be told from the rest
    (common, named), (other_common, other_named) = _gist(text, other), _gist(other, text)
    if len(common & other_common) <= GIST_SHARED and len(named & other_named) <= GIST_SHARED:
        return "gist"
    return None


def _headline(text: str) -> bool:
    """Whether most words of a sentence are capitalised, as in a headline."""
    found = words(text)
    return sum(1 for w in found if w[:1].isupper()) > len(found) / 2


GIST_SHARED = 1


def _rounded(a: Figure, b: Figure) -> bool:
    """Whether one value is the other rounded to the places it gives, in the same scale
    ("$57 million" for "$57.1 million")."""
    written_a, written_b = _WRITTEN.search(a.text), _WRITTEN.search(b.text)
    if not (written_a and written_b and isinstance(a.value, float)):
        return False
    number_a = float(written_a.group(0).replace(",", ""))
    number_b = float(written_b.group(0).replace(",", ""))
    if not (number_a and number_b and isinstance(b.value, float)):
        return False  # in words ("six"): never rounded
    if a.value / number_a != b.value / number_b:
        return False  # another scale
    places = min(len(written_a.group(1) or ""), len(written_b.group(1) or ""))
    return round(number_a, places) == round(number_b, places)


_WRITTEN = re.compile(r"\d[\d,]*(?:\.(\d+))?")
# Figures that are facts of their own (as ``corroborate.adds_figure`` counts them): a count, a
# share, a sum; not a time.
_FACTS = frozenset({"count", "percentage", "amount"})
_WHEN = frozenset({"day", "date"})
_CLAUSE = re.compile(r"[^,;:()—–_]+")


def _meeting(text: str, other: frozenset[str]) -> str:
    """The clause of ``text`` sharing most content words with the other sentence (``other``:
    its stems), the first of the best."""
    clauses: list[str] = _CLAUSE.findall(text) or [text]
    return max(clauses, key=lambda clause: len(content_stems(clause) & other))


# "said Monday that ...": the day of the report, as corroborate's ``_reported_on`` reads it,
# also when the clause goes on to what was said.
_REPORTED_THAT = re.compile(r"\s+that\b")


def _event_days(text: str) -> frozenset[object]:
    """The weekdays and calendar dates a sentence gives for what it tells (not for the report)."""
    return frozenset(
        f.value
        for f in figures(text)
        if f.kind in ("day", "date")
        and not (f.kind == "day" and (_reported_on(text, f) or _reported_that(text, f)))
    )


def _reported_that(text: str, day: Figure) -> bool:
    return bool(_REPORTED_ON.search(text, 0, day.start) and _REPORTED_THAT.match(text, day.end))


# A plan: what is to happen. "would" too: reported ("said he would resign") or conditional. A
# bare "is to" only after its subject's name or a pronoun ("Mubarak is to travel"; not "the
# goal was to favor").
_PLAN = re.compile(
    r"\b(?:will|shall|would|won['’]t|wouldn['’]t|"
    r"(?:is|are|was|were|be|been)\s+(?:not\s+)?(?:due|set|scheduled|expected|going|supposed|"
    r"planning|preparing)\s+to|"
    r"(?:(?-i:[A-Z])[\w’'-]*|he|she|they|we|it)\s+(?:is|are|was|were)\s+to|"
    r"plans?\s+to|planned|planning|intends?\s+to|expects?\s+to|prepares?\s+to|upcoming|"
    r"expected|scheduled|proposed)\b"
    r"|\w+['’]ll\b",
    re.IGNORECASE,
)
# Something done: a verb in the past tense, regular ("arrived") or among the common irregular
# ones of news copy; not in a compound ("U.S.-led", "left-wing"), nor after a determiner, where
# it is an adjective ("the armed forces").
_PAST = re.compile(
    r"(?<![\w-])(?:(?!(?:need|speed|exceed|proceed|succeed|indeed|hundred|seed|feed|breed|"
    r"creed|greed|shed|embed|wed)\b)[a-z]{2,}ed|flew|went|came|met|held|left|took|gave|made|"
    r"won|lost|fell|began|broke|struck|shot|sent|spent|led|ran|rose|saw|sought|found|fought|"
    r"brought|bought|built|caught|chose|drew|drove|fled|froze|got|grew|hid|hung|kept|knew|laid|"
    r"lent|meant|paid|rode|rang|sank|sat|sold|shook|spoke|stood|stole|stuck|swore|swept|threw|"
    r"tore|understood|woke|wore|wrote|was|were|had|did)(?![\w’'-])"
)
_DETERMINER = re.compile(r"\b(?i:the|a|an|its|their|his|her|our|this|that)\s+$")
# Words of attribution, never the fact itself: "X said", "told reporters", "according to".
_SAYING = frozenset(
    "said says say saying told tell tells telling added adds reported reports according quoted "
    "quoting stated states announced announces confirmed insisted noted".split()
)
_TITLES = frozenset(
    "president minister spokesman spokeswoman spokesperson official officials chairman "
    "chairwoman secretary leader chief premier governor senator sen rep gen mr mrs ms dr "
    "reporters journalists".split()
)
_WHEN_WORDS = frozenset((*WEEKDAYS, *MONTHS))
_IF_CLAUSE = re.compile(r"\bif\b[^,;.]*", re.IGNORECASE)


def _tense(text: str) -> str | None:
    """``"plan"`` for a sentence telling only what is to happen, ``"done"`` for one telling
    something done and no plan, else ``None``. Past tenses of attribution ("said") and of a
    condition ("if he lost") are not something done."""
    told = _IF_CLAUSE.sub(" ", text)
    plan = _PLAN.search(told) is not None
    without_plans = _PLAN.sub(" ", told)
    done = any(
        m.group(0) not in _SAYING and not _DETERMINER.search(without_plans, 0, m.start())
        for m in _PAST.finditer(without_plans)
    )
    if plan and not done:
        return "plan"
    if done and not plan:
        return "done"
    return None


def _gist(text: str, other: str) -> tuple[frozenset[str], frozenset[str]]:
    """What a sentence tells, leaving out who tells it: the content stems of its common words
    and, apart, of its names (capitalised words but a first one the other sentence does not
    give as a name; days and months are common words here), once its attribution runs
    ("said FAA spokesman Les Dorr", "Dr. Steven Nissen, a cardiologist at the Cleveland
    Clinic, said", "according to police") and titles are taken out."""
    told = _ATTRIBUTION.sub(" ", text)
    names = {w for w in words(other)[1:] if w[:1].isupper()}
    common, named = [], []
    for n, word in enumerate(words(told)):
        if word.lower() in _SAYING or word.lower() in _TITLES:
            continue
        if word[:1].isupper() and (n > 0 or word in names) and word.lower() not in _WHEN_WORDS:
            named.extend(word.split("-"))
        else:
            common.append(word)
    return content_stems(" ".join(common)), content_stems(" ".join(named))


# Who tells it: a verb of saying with the capitalised run, title or "a/the ... official" right
# after it, or a capitalised run (with an appositive between commas) right before it.
_SAY = (
    r"(?:said|says|say|told|tells|added|adds|according\s+to|reported|reports|stated|"
    r"announced|confirmed|insisted|noted)"
)
_TITLE_WORDS = r"(?:official|officials|spokesman|spokeswoman|police|reporters|journalists)"
_WHO = rf"(?:(?:[A-Z][\w.’'-]*|a|an|the|of|for|and)\s+)*[A-Z][\w.’'-]*(?:\s+{_TITLE_WORDS})?"
_ATTRIBUTION = re.compile(
    rf"\b{_SAY}\s+(?:(?:a|an|the|its|his|her|their)\s+)?(?:[\w’'-]+\s+){{0,3}}?"
    rf"(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*(?:\s+{_TITLE_WORDS})?|{_TITLE_WORDS}\b)"
    rf"|\b{_WHO}(?:,[^,]{{1,80}},)?\s+{_SAY}\b"
)
