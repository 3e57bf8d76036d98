"""Dedupe stage: sentences that say the same thing become one cluster, the future point.

Two sentences say the same thing when they share enough meaning-bearing words, weighted by how
rare each word is in the whole corpus (IDF-weighted cosine over Snowball stems of non-stop
words), or when they carry the same direct quotation of several words. That catches identical
copies, light edits and the close paraphrases that rewritten wire copy is made of, while two
sentences that merely share the story's names ("Putin", "Ukraine", "ceasefire" are in every
sentence, so they weigh little) stay apart.

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
# A quotation of this many words, shared word for word, is the same statement however the
# sentences around it differ.
_SHARED_QUOTE_MIN_WORDS = 5
_SHARED_QUOTE_SIMILARITY = 1.0


class Similarity:
    """Pairwise similarity of a fixed list of texts, 0 (nothing shared) to 1 (same words)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = tuple(texts)
        bags = [content_stems(t) for t in self.texts]
        document_frequency = Counter(term for bag in bags for term in bag)
        n = len(bags)
        vocabulary = {term: i for i, term in enumerate(sorted(document_frequency))}
        matrix = np.zeros((n, len(vocabulary)), dtype=np.float64)
        for row, bag in enumerate(bags):
            for term in bag:
                matrix[row, vocabulary[term]] = (
                    math.log((n + 1) / (document_frequency[term] + 1)) + 1
                )
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
                            self.raise_to(i, j, _SHARED_QUOTE_SIMILARITY)

    def raise_to(self, i: int, j: int, value: float) -> None:
        """Treat texts ``i`` and ``j`` as at least ``value`` similar (known paraphrases)."""
        if i != j:
            self.matrix[i, j] = self.matrix[j, i] = max(self.matrix[i, j], value)

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
            if not first or not second:
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
            if len(ordered) < _REWRITE_MIN_ORDERED * len(matches):
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
            similarity.raise_to(i, j, threshold)
    order = sorted(
        candidates,
        key=lambda c: (c.dependent, -c.rank_score, c.sentence.article, c.sentence.position),
    )
    representatives: list[ScoredSentence] = []
    members: list[list[Sentence]] = []
    placed: set[str] = set()
    for candidate in order:
        best = _closest(index_of[candidate.sentence.id], representatives, index_of, similarity)
        if best is not None and similarity(index_of[candidate.sentence.id], best[1]) >= threshold:
            members[best[0]].append(candidate.sentence)
        else:
            representatives.append(candidate)
            members.append([candidate.sentence])
        placed.add(candidate.sentence.id)
    for sentence in evidence:
        if sentence.id in placed:
            continue
        best = _closest(index_of[sentence.id], representatives, index_of, similarity)
        if best is not None and similarity(index_of[sentence.id], best[1]) >= threshold:
            members[best[0]].append(sentence)
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
) -> tuple[int, int] | None:
    """(cluster number, evidence index) of the representative most similar to sentence ``i``."""
    best: tuple[int, int] | None = None
    best_score = -1.0
    for number, rep in enumerate(representatives):
        j = index_of[rep.sentence.id]
        score = similarity(i, j)
        if score > best_score:
            best, best_score = (number, j), score
    return best
