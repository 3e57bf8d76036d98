"""Summarize: a folder of articles about one story -> its key sentences in at most N words.

The generic mode behind ``briefing summarize`` and the DUC 2004 benchmark
(``benchmarks/duc2004.py``): no themes, no templates, one budget of words. It reads, cleans,
splits and judges the articles as a build does, rates the sentences with the summarizer
(LexRank by default, ``rank.rate_sentences``) and merges the sentences that say the same thing
across sources (``dedupe.merge_duplicates``), so each candidate is one statement, shown by its
best-rated sentence, with every source carrying it.

Choosing within the budget is a coverage problem (Gillick and Favre's concept model, 2009): the
summary should contain as many of the story's important *concepts* as possible, and a concept
counts once however many chosen sentences repeat it, so redundancy costs words and gains
nothing. Concepts are the stemmed word pairs (not two stop words) and the stemmed content words
of the sentences. A concept's weight is the number of articles that use it, each counting more
when it uses it early (news puts what matters first: ``1 + POSITION_BOOST * exp(-position /
POSITION_DECAY)`` for its first sentence in that article); concepts that too few articles use
are ignored (``min_articles``), single words weigh ``WORD_WEIGHT`` of a pair. A sentence adds its
summarizer rating (scaled to 0..1) times its length times ``RATING_WEIGHT`` and a share for
each further source carrying its statement (``SUPPORT_WEIGHT``), so centrality and cross-source
support break near-ties between equally covering choices. The best summary is found exactly, as
an integer program (scipy's HiGHS solver), over the ``MAX_CANDIDATES`` sentences richest in
concepts per word; should the solver fail, a greedy choice by gain per word stands in. For
scorers that cut every summary at the budget, ``overrun`` adds one sentence running past it.

The weights were chosen on DUC 2003 (30 clusters) and only then measured on DUC 2004: see
benchmarks/README.md for the protocol and the figures. Candidates are the self-contained,
usable sentences without quotation marks (a summary reports; quotations need their speaker and
context, which the briefing's own sections give).
"""

from __future__ import annotations

import logging
import math
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from .config import DedupeConfig, EditorialConfig
from .dedupe import citable, merge_duplicates
from .editorial import is_assertion
from .models import Article, Cluster, ScoredSentence, Sentence, Summary, SummarySentence
from .parallel import Workers
from .pipeline import split_and_judge
from .rank import rate_sentences
from .text import stem, stop_words, words

log = logging.getLogger(__name__)

# Concept weights (see the module docstring); chosen on DUC 2003, see benchmarks/README.md.
POSITION_BOOST = 2.0
POSITION_DECAY = 4.0
WORD_WEIGHT = 0.5
RATING_WEIGHT = 0.1
SUPPORT_WEIGHT = 0.5
MAX_CANDIDATES = 300
SOLVER_SECONDS = 10.0
_QUOTE_MARK = re.compile(r"[\"“”]")
_THEME = "summary"


@dataclass(frozen=True, slots=True)
class _Candidate:
    cluster: Cluster
    length: int
    concepts: frozenset[int]
    bonus: float


def summarize_articles(
    articles: Sequence[Article],
    *,
    words_budget: int = 100,
    overrun: bool = False,
    algorithm: str = "lexrank",
    editorial: EditorialConfig | None = None,
    dedupe: DedupeConfig | None = None,
    workers: Workers | None = None,
) -> Summary:
    """The key sentences of ``articles``, at most ``words_budget`` words in all (words counted
    as white-space separated tokens, as ROUGE counts them), in reading order: articles in
    order (oldest first when all are dated), sentences in article order.

    ``overrun``: for a scorer that cuts every summary at the budget (the DUC protocol), one
    sentence more, placed last and running past the budget: the one whose words up to the
    budget add the most concepts the others leave out. Nothing is added when the chosen
    sentences fill the budget or no sentence would add anything before the cut."""
    editorial = editorial or EditorialConfig()
    dedupe = dedupe or DedupeConfig()
    sentences, verdicts = split_and_judge(articles, editorial, workers)
    usable = [s for s in sentences if verdicts[s.id].usable]
    evidence = [s for s in sentences if is_assertion(verdicts[s.id])]
    ratings = rate_sentences([s.text for s in usable], algorithm)
    top = max(ratings, default=0.0) or 1.0
    scored = [
        ScoredSentence(
            sentence=s,
            theme=_THEME,
            rank_score=round(r / top, 6),
            cue_score=0.0,
            dependent=verdicts[s.id].dependent,
        )
        for s, r in zip(usable, ratings, strict=True)
    ]
    clusters, similarity = merge_duplicates(scored, evidence, threshold=dedupe.duplicate_similarity)
    row = {s.id: i for i, s in enumerate(evidence)}
    # Concepts are counted where a summary can take them from: plain, self-contained sentences
    # (counting quotations and sentences leaning on their context too measured worse).
    plain = [s for s in usable if not verdicts[s.id].dependent and not _QUOTE_MARK.search(s.text)]
    weights = concept_weights(plain, len(articles))
    candidates = _candidates(clusters, weights)
    fitting = [c for c in candidates if c.length <= words_budget][:MAX_CANDIDATES]
    chosen = _choose(fitting, weights, words_budget)
    order = {a.key: n for n, a in enumerate(_reading_order(articles))}
    chosen.sort(key=lambda c: (order[c.cluster.representative.sentence.article], _at(c)))
    if overrun and (last := _overrun(candidates, chosen, weights, words_budget)):
        chosen.append(last)

    def sources_of(cluster: Cluster) -> tuple[str, ...]:
        """The articles cited for a statement: those whose sentence says all it says."""
        members = citable(cluster.members, cluster.representative.sentence, similarity, row)
        return tuple(dict.fromkeys(m.article for m in members))

    picked = tuple(
        SummarySentence(
            text=c.cluster.representative.sentence.text,
            sentence_id=c.cluster.representative.sentence.id,
            sources=sources_of(c.cluster),
            rating=c.cluster.representative.rank_score,
        )
        for c in chosen
    )
    log.info(
        "%d articles, %d usable sentences, %d statements, %d candidates: %d sentences chosen",
        len(articles),
        len(usable),
        len(clusters),
        len(candidates),
        len(picked),
    )
    return Summary(sentences=picked, words=sum(c.length for c in chosen))


def concepts_of(text: str) -> set[tuple[str, ...]]:
    """The concepts of a sentence: stemmed word pairs that are not two stop words, and stemmed
    content words (no stop words, no single characters)."""
    stop = stop_words()
    lowered = [w.lower() for w in words(text)]
    stemmed = [stem(w) for w in lowered]
    found: set[tuple[str, ...]] = {
        (stemmed[i], stemmed[i + 1])
        for i in range(len(lowered) - 1)
        if not (lowered[i] in stop and lowered[i + 1] in stop)
    }
    found.update(
        (s,) for w, s in zip(lowered, stemmed, strict=True) if w not in stop and len(w) > 1
    )
    return found


def min_articles(n_articles: int) -> int:
    """How many articles must use a concept for it to count: three in a cluster of eight or
    more (Gillick and Favre's setting for ten), two from three, one for one or two articles."""
    return 3 if n_articles >= 8 else 2 if n_articles >= 3 else 1


def concept_weights(sentences: Sequence[Sentence], n_articles: int) -> dict[tuple[str, ...], float]:
    """Each concept's weight: per article using it, ``1 + POSITION_BOOST * exp(-p /
    POSITION_DECAY)`` with ``p`` the position of its first sentence there; single words times
    ``WORD_WEIGHT``. Concepts used by fewer than ``min_articles`` articles are left out."""
    first: dict[tuple[str, ...], dict[str, int]] = {}
    for sentence in sentences:
        for concept in concepts_of(sentence.text):
            seen = first.setdefault(concept, {})
            if sentence.article not in seen or sentence.position < seen[sentence.article]:
                seen[sentence.article] = sentence.position
    needed = min_articles(n_articles)
    weights = {}
    for concept, positions in first.items():
        if len(positions) < needed:
            continue
        weight = sum(1 + POSITION_BOOST * math.exp(-p / POSITION_DECAY) for p in positions.values())
        weights[concept] = weight * (WORD_WEIGHT if len(concept) == 1 else 1.0)
    return weights


def _candidates(
    clusters: Sequence[Cluster], weights: dict[tuple[str, ...], float]
) -> list[_Candidate]:
    """The statements a summary may quote, richest in concepts per word first."""
    index = {concept: i for i, concept in enumerate(weights)}
    values = list(weights.values())
    found = []
    for cluster in clusters:
        rep = cluster.representative
        text = rep.sentence.text
        length = len(text.split())
        if rep.dependent or _QUOTE_MARK.search(text):
            continue
        concepts = frozenset(index[c] for c in concepts_of(text) if c in index)
        if not concepts:
            continue
        support = len(cluster.articles) - 1
        bonus = RATING_WEIGHT * rep.rank_score * length + SUPPORT_WEIGHT * support
        found.append(_Candidate(cluster, length, concepts, bonus))
    found.sort(key=lambda c: (-sum(values[i] for i in c.concepts) / c.length, _at(c)))
    return found


def _choose(
    candidates: Sequence[_Candidate], weights: dict[tuple[str, ...], float], budget: int
) -> list[_Candidate]:
    """The candidates whose concepts (each counted once) and bonuses weigh most within the
    budget: exactly, by integer programming; greedily if the solver gives no answer."""
    if not candidates:
        return []
    import numpy as np
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    values = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
    used = sorted(set().union(*(c.concepts for c in candidates)))
    column = {concept: k for k, concept in enumerate(used)}
    n, m = len(candidates), len(used)
    # Variables: one per candidate (chosen or not), then one per concept (covered or not).
    rows = [column[i] for c in candidates for i in c.concepts]
    cols = [j for j, c in enumerate(candidates) for _ in c.concepts]
    contains = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(m, n))
    lengths = np.array([c.length for c in candidates], dtype=np.float64)
    objective = -np.concatenate([[c.bonus for c in candidates], values[used]])
    covered_only_if_chosen = LinearConstraint(
        sparse.hstack([-contains, sparse.identity(m)]), -np.inf, 0
    )
    within_budget = LinearConstraint(
        sparse.hstack([sparse.csr_matrix(lengths[None, :]), sparse.csr_matrix((1, m))]), 0, budget
    )
    with _solver_output_hidden():
        result = milp(
            objective,
            constraints=[covered_only_if_chosen, within_budget],
            integrality=np.ones(n + m),
            bounds=Bounds(0, 1),
            options={"time_limit": SOLVER_SECONDS},
        )
    if result.x is None:
        log.warning("summary: the solver found no solution (%s); choosing greedily", result.message)
        return _greedy(candidates, values.tolist(), budget)
    return [c for c, x in zip(candidates, result.x[:n], strict=True) if x > 0.5]


def _overrun(
    candidates: Sequence[_Candidate],
    chosen: Sequence[_Candidate],
    weights: dict[tuple[str, ...], float],
    budget: int,
) -> _Candidate | None:
    """The candidate whose first words, up to the budget, add the most weight of concepts that
    ``chosen`` leaves out; None when the budget is full or no candidate adds any."""
    left = budget - sum(c.length for c in chosen)
    if left <= 0:
        return None
    covered = {concept for c in chosen for concept in c.concepts}
    index = {concept: i for i, concept in enumerate(weights)}
    values = list(weights.values())
    best, most = None, 0.0
    for candidate in candidates:
        if candidate.length <= left:
            continue  # it would not run past the budget
        kept = " ".join(candidate.cluster.representative.sentence.text.split()[:left])
        added = {index[c] for c in concepts_of(kept) if c in index} - covered
        gain = sum(values[i] for i in added)
        if gain > most:
            best, most = candidate, gain
    return best


@contextmanager
def _solver_output_hidden() -> Iterator[None]:
    """Standard output (file descriptor 1) sent to the null device: HiGHS (scipy 1.17) prints
    stray diagnostics there from C++ even when told not to, which would corrupt the summary
    ``briefing summarize`` prints."""
    sys.stdout.flush()
    saved = os.dup(1)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)


def _greedy(
    candidates: Sequence[_Candidate], values: Sequence[float], budget: int
) -> list[_Candidate]:
    """Repeatedly the candidate adding the most weight per word that still fits."""
    chosen: list[_Candidate] = []
    covered: set[int] = set()
    left = budget
    remaining = list(candidates)
    while True:
        fitting = [c for c in remaining if c.length <= left]
        if not fitting:
            return chosen
        best = max(
            fitting,
            key=lambda c: (sum(values[i] for i in c.concepts - covered) + c.bonus) / c.length,
        )
        chosen.append(best)
        covered |= best.concepts
        left -= best.length
        remaining.remove(best)


def _at(candidate: _Candidate) -> tuple[int, str]:
    sentence = candidate.cluster.representative.sentence
    return sentence.position, sentence.id


def _reading_order(articles: Sequence[Article]) -> list[Article]:
    """Oldest first when every article is dated; otherwise as given (file order)."""
    if all(a.published is not None for a in articles):
        return sorted(articles, key=lambda a: a.published)  # type: ignore[arg-type,return-value]
    return list(articles)
