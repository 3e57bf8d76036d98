"""The duplicate search as it was before it scaled: every pair compared, a dense matrix.

The reference the fast paths in briefing.dedupe and briefing.compose are held to
(tests/test_dedupe_exhaustive.py): the same merges, rewrite alignments and redundancy
decisions. This is the code of briefing/dedupe.py before sparse candidate pairs replaced the
dense n x n matrix, with only the names changed.
"""

# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from briefing.dedupe import (
    same_specifics,
    _ATTRIBUTION_NOUNS,
    _COPIED_SENTENCE,
    _UPDATE_MIN_COPIED,
    _MIN_COVERAGE,
    _MIN_SHARED_WORDS,
    _NUMBER,
    _REWRITE_MIN_MATCH,
    _REWRITE_MIN_ORDERED,
    _REWRITE_MIN_PAIRS,
    _REWRITE_MIN_SENTENCES,
    _REWRITE_MIN_SHARE,
    _SHARED_QUOTE_SIMILARITY,
    _content_phrases,
    _quotations,
)
from briefing.models import Cluster, ScoredSentence, Sentence
from briefing.text import SAYING_VERBS, content_stems, words


class ExhaustiveSimilarity:
    """Pairwise similarity of a fixed list of texts, 0 (nothing shared) to 1 (same words)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = tuple(texts)
        self._bags = bags = [content_stems(t) for t in self.texts]
        document_frequency = Counter(term for bag in bags for term in bag)
        n = len(bags)
        self._idf = {
            term: math.log((n + 1) / (count + 1)) + 1 for term, count in document_frequency.items()
        }
        self._numbers = [
            frozenset(m.group(0).replace(",", "") for m in _NUMBER.finditer(t)) for t in self.texts
        ]
        self._known: set[tuple[int, int]] = set()
        vocabulary = {term: i for i, term in enumerate(sorted(document_frequency))}
        matrix = np.zeros((n, len(vocabulary)), dtype=np.float64)
        for row, bag in enumerate(bags):
            for term in bag:
                matrix[row, vocabulary[term]] = self._idf[term]
        norms = np.linalg.norm(matrix, axis=1)
        norms[norms == 0] = 1.0
        matrix /= norms[:, None]
        self.matrix = matrix @ matrix.T
        self._apply_shared_quotations()
        self._phrases: list[frozenset[tuple[str, ...]]] | None = None

    def _apply_shared_quotations(self) -> None:
        owners: dict[str, list[int]] = {}
        for index, text in enumerate(self.texts):
            for quote in _quotations(text):
                owners.setdefault(quote, []).append(index)
        quotes = list(owners)
        for a_index, a in enumerate(quotes):
            for b in quotes[a_index:]:
                if a in b or b in a:
                    for i in owners[a]:
                        for j in owners[b]:
                            self.mark_same(i, j, _SHARED_QUOTE_SIMILARITY)

    def mark_same(self, i: int, j: int, value: float) -> None:
        """Texts ``i`` and ``j`` are known to state the same thing (a shared quotation, aligned
        paraphrases): they carry each other, and are at least ``value`` similar."""
        if i != j:
            self.matrix[i, j] = self.matrix[j, i] = max(self.matrix[i, j], value)
            self._known.add((min(i, j), max(i, j)))

    def coverage(self, i: int, j: int) -> float:
        """Share of text ``i``'s weighted content words that text ``j`` also has."""
        total = sum(self._idf[t] for t in self._bags[i])
        if total == 0:
            return 0.0
        return sum(self._idf[t] for t in self._bags[i] & self._bags[j]) / total

    def numbers_conflict(self, i: int, j: int) -> bool:
        """Both texts give figures, and each gives one the other does not ("60" vs "65")."""
        a, b = self._numbers[i], self._numbers[j]
        return bool(a and b and (a - b) and (b - a))

    def carries(self, j: int, i: int, threshold: float) -> bool:
        """Whether text ``j`` states what text ``i`` states, so that ``j``'s source can be
        cited for ``i``."""
        if i == j:
            return True
        if self.numbers_conflict(i, j):
            return False
        if (min(i, j), max(i, j)) in self._known:
            return True
        common = content_stems(
            " ".join(
                w
                for w in words(self.texts[i])
                if w[0].islower() and w not in SAYING_VERBS and w not in _ATTRIBUTION_NOUNS
            )
        )
        return (
            self(i, j) >= threshold
            and self.coverage(i, j) >= _MIN_COVERAGE
            and len(self._bags[i] & self._bags[j]) >= _MIN_SHARED_WORDS
            and not (common and common.isdisjoint(self._bags[j]))
        )

    def __call__(self, i: int, j: int) -> float:
        return float(self.matrix[i, j])

    def share_phrase(self, i: int, j: int) -> bool:
        """Whether two texts share a run of three content words, two of them common words
        (not names): "proposing direct talks", "direct talks in Istanbul". Such sentences
        restate one fact even when the rest of them differs, so they are not both points."""
        if self._phrases is None:
            self._phrases = [_content_phrases(t) for t in self.texts]
        return not self._phrases[i].isdisjoint(self._phrases[j])


def align_rewrites(
    groups: Sequence[Sequence[int]], similarity: ExhaustiveSimilarity
) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Find the pairs of articles where one is a rewrite of the other.

    ``groups`` lists, per article, the indexes of its sentences in reading order. Returns
    (article a, article b, aligned sentence pairs) for each rewrite pair: the mutual best
    matches of at least ``_REWRITE_MIN_MATCH`` that keep the reading order of both articles
    (the longest chain of them increasing in both).
    """
    found = []
    for a in range(len(groups)):
        for b in range(a + 1, len(groups)):
            first, second = groups[a], groups[b]
            if min(len(first), len(second)) < _REWRITE_MIN_SENTENCES:
                continue
            block = similarity.matrix[np.ix_(first, second)]
            best_in_second = block.argmax(axis=1)
            best_in_first = block.argmax(axis=0)
            matches = [
                (i, int(j))
                for i, j in enumerate(best_in_second)
                if best_in_first[j] == i and block[i, j] >= _REWRITE_MIN_MATCH
            ]
            if len(matches) < _REWRITE_MIN_SHARE * min(len(first), len(second)):
                continue
            ordered = _longest_increasing(matches)
            if (
                len(ordered) < _REWRITE_MIN_ORDERED * len(matches)
                or len(ordered) < _REWRITE_MIN_PAIRS
            ):
                continue
            found.append((a, b, [(first[i], second[j]) for i, j in ordered]))
    return found


def merge_duplicates(
    candidates: Sequence[ScoredSentence],
    evidence: Sequence[Sentence],
    *,
    threshold: float,
) -> tuple[tuple[Cluster, ...], ExhaustiveSimilarity]:
    """Group ``candidates`` (sentences that may become points) into clusters of one statement,
    then attach every other sentence of ``evidence`` (assertions that cannot be points
    themselves, but show that a source carries a statement) to the cluster whose representative
    it is closest to, if it is within ``threshold``.

    Returns the clusters in order of creation (best representative first) and the similarity
    over ``evidence`` for later redundancy checks. Every candidate must also be in ``evidence``.
    """
    index_of = {s.id: i for i, s in enumerate(evidence)}
    similarity = ExhaustiveSimilarity([s.text for s in evidence])
    by_article: dict[str, list[int]] = {}
    for i, sentence in enumerate(evidence):
        by_article.setdefault(sentence.article, []).append(i)
    for _, _, aligned in align_rewrites(list(by_article.values()), similarity):
        copied = sum(1 for i, j in aligned if similarity(i, j) >= _COPIED_SENTENCE)
        reworded = copied < _UPDATE_MIN_COPIED * len(aligned) and same_specifics(
            by_article[evidence[aligned[0][0]].article],
            by_article[evidence[aligned[0][1]].article],
            evidence,
        )
        for i, j in aligned:
            if reworded or similarity(i, j) >= threshold:
                similarity.mark_same(i, j, threshold)
    order = sorted(
        candidates,
        key=lambda c: (c.dependent, -c.rank_score, c.sentence.article, c.sentence.position),
    )
    representatives: list[ScoredSentence] = []
    members: list[list[Sentence]] = []
    placed: set[str] = set()
    for candidate in order:
        i = index_of[candidate.sentence.id]
        best = _closest(i, representatives, index_of, similarity, threshold)
        if best is not None:
            members[best].append(candidate.sentence)
        else:
            representatives.append(candidate)
            members.append([candidate.sentence])
        placed.add(candidate.sentence.id)
    for sentence in evidence:
        if sentence.id in placed:
            continue
        best = _closest(index_of[sentence.id], representatives, index_of, similarity, threshold)
        if best is not None:
            members[best].append(sentence)
    clusters = tuple(
        Cluster(representative=rep, members=tuple(group))
        for rep, group in zip(representatives, members, strict=True)
    )
    return clusters, similarity


def _closest(
    i: int,
    representatives: Sequence[ScoredSentence],
    index_of: dict[str, int],
    similarity: ExhaustiveSimilarity,
    threshold: float,
) -> int | None:
    """The cluster whose representative sentence ``i`` carries and is most similar to."""
    best: int | None = None
    best_score = -1.0
    for number, rep in enumerate(representatives):
        j = index_of[rep.sentence.id]
        score = similarity(i, j)
        if score > best_score and similarity.carries(i, j, threshold):
            best, best_score = number, score
    return best


def _longest_increasing(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by first item) increasing in the second."""
    best: list[list[tuple[int, int]]] = []
    for pair in sorted(pairs):
        chains = [c for c in best if c[-1][1] < pair[1]]
        longest = max(chains, key=len, default=[])
        best.append([*longest, pair])
    return max(best, key=len, default=[])


def restates(cluster, chosen, similarity, evidence_index, threshold, containment):
    """compose._restates as it was: every member pair of the two clusters compared."""
    mine = [evidence_index[m.id] for m in cluster.members]
    for position, other in enumerate(chosen):
        for m in other.members:
            j = evidence_index[m.id]
            for i in mine:
                if (
                    similarity(i, j) >= threshold
                    or similarity.share_phrase(i, j)
                    or similarity.coverage(i, j) >= containment
                    or similarity.coverage(j, i) >= containment
                ):
                    return position
    return None
