"""Dedupe stage: sentences that say the same thing become one cluster, the future point.

A sentence carries another's statement (``Similarity.carries``) when they carry the same direct
quotation of several words, when they are aligned paraphrases in a rewritten article, or when
they share enough meaning-bearing words, weighted by how rare each word is in the whole corpus
(IDF-weighted cosine over Snowball stems of non-stop words) *and* the carrying sentence covers
most of the other's weighted words, at least three of them. That catches identical copies, light
edits and the close paraphrases rewritten wire copy is made of, while two sentences that merely
share the story's names ("Putin", "Ukraine" are in every sentence, so they weigh little) or one
clause stay apart. Sentences giving different figures ("60 killed" and "65 killed") never carry
each other: that is an update or a disagreement, not the same statement.

Clustering is a star around a representative, never a chain: a sentence joins a cluster only if
it is close to that cluster's representative, which is the text the point will show. So every
source a point cites carries a sentence close to the point's own text. Representatives are
taken in order of preference: self-contained before context-dependent, then by rank score, so
where a self-contained sentence and one opening on "He" say the same, the self-contained one is
the point.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from .models import Cluster, ScoredSentence, Sentence
from .text import content_stems, stem, stop_words, words

_QUOTATION = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
# Rewrites: when most sentences of one article have a mutual best match in another, in the same
# order, one article is a rewrite of the other (or both of one report), and its aligned
# sentences are paraphrases of each other even where they share few words. Tuned on the example
# corpus: its rewritten pair aligns 16 of 24 sentences, every other pair at most 7 of 24.
_REWRITE_MIN_MATCH = 0.2
_REWRITE_MIN_SHARE = 0.5
_REWRITE_MIN_ORDERED = 0.8
# A one- or two-sentence article "aligns" with anything: rewrites need this many sentences each,
# and this many aligned pairs.
_REWRITE_MIN_SENTENCES = 6
_REWRITE_MIN_PAIRS = 5
# How much of a statement's weighted words a sentence must carry to be cited for it, and how
# many of them at the least (one rare shared word is no evidence).
_MIN_COVERAGE = 0.6
_MIN_SHARED_WORDS = 3
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
# A quotation of this many words, shared word for word, is the same statement however the
# sentences around it differ.
_SHARED_QUOTE_MIN_WORDS = 5
_SHARED_QUOTE_SIMILARITY = 1.0


class Similarity:
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
        return (
            self(i, j) >= threshold
            and self.coverage(i, j) >= _MIN_COVERAGE
            and len(self._bags[i] & self._bags[j]) >= _MIN_SHARED_WORDS
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
    groups: Sequence[Sequence[int]], similarity: Similarity
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


def _longest_increasing(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by first item) increasing in the second."""
    best: list[list[tuple[int, int]]] = []
    for pair in sorted(pairs):
        chains = [c for c in best if c[-1][1] < pair[1]]
        longest = max(chains, key=len, default=[])
        best.append([*longest, pair])
    return max(best, key=len, default=[])


def _content_phrases(text: str) -> frozenset[tuple[str, ...]]:
    stop = stop_words()
    tokens = [w for w in words(text) if w.lower() not in stop and len(w) > 1]
    out = set()
    for k in range(len(tokens) - 2):
        window = tokens[k : k + 3]
        if sum(1 for w in window if w[0].islower()) >= 2:
            out.add(tuple(stem(w) for w in window))
    return frozenset(out)


def _quotations(text: str) -> set[str]:
    """Direct quotations of at least ``_SHARED_QUOTE_MIN_WORDS`` words, normalized."""
    out = set()
    for match in _QUOTATION.finditer(text):
        words = re.findall(r"[^\W_]+", (match.group(1) or match.group(2)).lower())
        if len(words) >= _SHARED_QUOTE_MIN_WORDS:
            out.add(" ".join(words))
    return out


def merge_duplicates(
    candidates: Sequence[ScoredSentence],
    evidence: Sequence[Sentence],
    *,
    threshold: float,
) -> tuple[tuple[Cluster, ...], Similarity]:
    """Group ``candidates`` (sentences that may become points) into clusters of one statement,
    then attach every other sentence of ``evidence`` (assertions that cannot be points
    themselves, but show that a source carries a statement) to the cluster whose representative
    it is closest to, if it is within ``threshold``.

    Returns the clusters in order of creation (best representative first) and the similarity
    over ``evidence`` for later redundancy checks. Every candidate must also be in ``evidence``.
    """
    index_of = {s.id: i for i, s in enumerate(evidence)}
    similarity = Similarity([s.text for s in evidence])
    by_article: dict[str, list[int]] = {}
    for i, sentence in enumerate(evidence):
        by_article.setdefault(sentence.article, []).append(i)
    for _, _, aligned in align_rewrites(list(by_article.values()), similarity):
        for i, j in aligned:
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
    similarity: Similarity,
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
