"""Dedupe stage: sentences that say the same thing become one cluster, the future point.

A sentence carries another's statement (``Similarity.carries``) when they carry the same direct
quotation of several words, when they are aligned paraphrases in a rewritten article, or when
they share enough meaning-bearing words, weighted by how rare each word is in the whole corpus
(IDF-weighted cosine over Snowball stems of non-stop words) *and* the carrying sentence covers
most of the other's weighted words, at least three of them. That catches identical copies, light
edits and the close paraphrases rewritten wire copy is made of, while two sentences that merely
share the story's names ("Putin", "Ukraine" are in every sentence, so they weigh little) or one
clause stay apart, and so do two that share rare names but none of the words saying what is
stated of them. Rewrite alignment counts as paraphrase only between articles told in other
words: where some aligned sentences are word-for-word copies, the article is a copy or an update
and its differing sentences are new material, not the same statements reworded. Sentences
giving different figures ("60 killed" and "65 killed") never carry each other: that is an
update or a disagreement, not the same statement.

Clustering is a star around a representative, never a chain: a sentence joins a cluster only if
it is close to that cluster's representative, which is the text the point will show. So every
source a point cites carries a sentence close to the point's own text. Representatives are
taken in order of preference: self-contained before context-dependent, then by rank score, so
where a self-contained sentence and one opening on "He" say the same, the self-contained one is
the point.

Nothing here compares every pair: 25,000 sentences would make a 5 GB matrix and 300 million
comparisons. ``Similarity`` finds the pairs at or above the lowest similarity acted on (0.2)
once, with sparse products (``vectors.similar_pairs``); merging looks only at the neighbours
of a sentence that are representatives, rewrite alignment only at article pairs joined by a
similar pair, and the redundancy check of compose only at pairs that share a word. Each is held
to the exhaustive computation it replaced by tests/test_dedupe_exhaustive.py.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from .models import Cluster, ScoredSentence, Sentence
from .text import (
    NUMBER_WORDS,
    SAYING_VERBS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    content_stems,
    stem,
    stop_words,
    words,
)

if TYPE_CHECKING:  # numpy is imported when a similarity is first built, not with the module
    import numpy as np
    import numpy.typing as npt

    IntArray = npt.NDArray[np.int64]
    FloatArray = npt.NDArray[np.float64]

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
REWRITE_MIN_SPECIFICS = 0.7
"""Share of each article's names and figures the other has too for an aligned pair of articles
to be a report and its rewrite, whose aligned sentences are paraphrases (independent reports of
one press conference or statement align as well, but each brings names and figures of its
own, and their sentences side by side need not say the same)."""
# An aligned pair this similar is a sentence copied (near enough) word for word; an article pair
# with at least this share of them is a copy or an update, not a paraphrase (``_reworded``).
_COPIED_SENTENCE = 0.8
_UPDATE_MIN_COPIED = 0.1
# How much of a statement's weighted words a sentence must carry to be cited for it, and how
# many of them at the least (one rare shared word is no evidence).
_MIN_COVERAGE = 0.6
_MIN_SHARED_WORDS = 3
# Figures two sentences must agree on to state the same thing: numbers, in digits or words
# ("59 bodies ... and six others died later" is not "... and the 60th victim died"; not a part
# of "twenty-five"), and weekdays ("talks open on Monday" and "on Tuesday" are not one
# statement).
_NUMBER = re.compile(r"\d[\d,.]*\d|\d|\b(?:" + WEEKDAY_NAMES + r")\b")
_COUNTED_WORDS = {word: str(n) for word, n in NUMBER_WORDS.items() if n >= 3}
# A word that may be one of them (cheaper than trying every name at every position).
_MAYBE_NUMBER_WORD = re.compile(
    r"(?<![\w-])["
    + "".join(sorted({w[0] + w[0].upper() for w in _COUNTED_WORDS}))
    + r"][a-z]{2,8}(?![\w-])(?!\s+[A-Z])"  # not in a name: "Three Gorges Dam"
)
_WEEKDAY_STEMS = frozenset(WEEKDAYS)
# Who tells a statement, not what it states: "officials said", "a spokesman told reporters".
_ATTRIBUTION_NOUNS = frozenset(
    "official officials spokesman spokeswoman spokesperson police sources source reporters "
    "statement".split()
)  # the stemmer leaves them whole
# A quotation of this many words, shared word for word, is the same statement however the
# sentences around it differ.
_SHARED_QUOTE_MIN_WORDS = 5
# A sentence leaving out this many of a statement's names says less than it: not cited for it.
_MAX_MISSING_NAMES = 2
_SHARED_QUOTE_SIMILARITY = 1.0


class Similarity:
    """Pairwise similarity of a fixed list of texts, 0 (nothing shared) to 1 (same words).

    The cosine of IDF-weighted bags of content stems. Every pair at or above ``floor`` is found
    once, up front, without comparing every pair (``vectors.similar_pairs``) and kept in a
    sparse matrix; other pairs are computed when asked for. ``floor`` must be at most the
    lowest similarity a caller acts on: the duplicate threshold, and ``_REWRITE_MIN_MATCH`` for
    ``align_rewrites``.
    """

    def __init__(self, texts: Sequence[str], *, floor: float = _REWRITE_MIN_MATCH) -> None:
        from .vectors import similar_pairs, term_matrix

        self.texts = tuple(texts)
        self.floor = floor
        self._bags = bags = [content_stems(t) for t in self.texts]
        document_frequency = Counter(term for bag in bags for term in bag)
        n = len(bags)
        self._idf = {
            term: math.log((n + 1) / (count + 1)) + 1 for term, count in document_frequency.items()
        }
        # fsum: the same total whatever order a set yields its terms in.
        self._weight = [math.fsum(map(self._idf.__getitem__, bag)) for bag in bags]
        # Figures are read only for the pairs compared (few of all texts): see _numbers_of.
        self._numbers: list[frozenset[str] | None] = [None] * len(self.texts)
        # Stems of the words written in lower case (not names), for the pairs compared.
        self._common: list[frozenset[str] | None] = [None] * len(self.texts)
        vocabulary = {term: i for i, term in enumerate(sorted(document_frequency))}
        self._vectors = term_matrix(
            [[(vocabulary[t], self._idf[t]) for t in bag] for bag in bags], len(vocabulary)
        )
        self._pairs = similar_pairs(self._vectors, floor)
        # Pairs known to state the same thing, with their raised similarity: i -> {j: value}.
        self._marked: dict[int, dict[int, float]] = {}
        self._apply_shared_quotations()
        self._phrases: list[frozenset[tuple[str, ...]]] | None = None
        # The aligned sentence pairs of each rewritten article pair, once merge_duplicates has
        # looked for them (corroborate.find_copies reads them rather than aligning again).
        self.rewrites: list[list[tuple[int, int]]] | None = None

    def _apply_shared_quotations(self) -> None:
        """Texts carrying the same quotation, or one quotation inside another, state the same.

        A quotation ``a`` inside ``b`` has its inner words (all but the first and last) as whole
        words of ``b``, so only quotations holding the rarest of them are compared with it."""
        owners: dict[str, list[int]] = {}
        for index, text in enumerate(self.texts):
            for quote in _quotations(text):
                owners.setdefault(quote, []).append(index)
        holding: dict[str, list[str]] = {}
        for quote in owners:
            for word in set(quote.split()):
                holding.setdefault(word, []).append(quote)
        for a in owners:
            inner = a.split()[1:-1]
            rarest = min(inner, key=lambda word: len(holding[word]))
            for b in holding[rarest]:
                if a in b:
                    for i in owners[a]:
                        for j in owners[b]:
                            self.mark_same(i, j, _SHARED_QUOTE_SIMILARITY)

    def mark_same(self, i: int, j: int, value: float) -> None:
        """Texts ``i`` and ``j`` are known to state the same thing (a shared quotation, aligned
        paraphrases): they carry each other, and are at least ``value`` similar."""
        if i != j:
            raised = max(self(i, j), value)
            self._marked.setdefault(i, {})[j] = raised
            self._marked.setdefault(j, {})[i] = raised

    def _stored(self, i: int, j: int) -> float | None:
        import numpy as np

        start, end = self._pairs.indptr[i], self._pairs.indptr[i + 1]
        row = self._pairs.indices[start:end]
        at = int(np.searchsorted(row, j))
        if at < len(row) and row[at] == j:
            return float(self._pairs.data[start + at])
        return None

    def __call__(self, i: int, j: int) -> float:
        marked = self._marked.get(i, {}).get(j)
        if marked is not None:
            return marked
        stored = self._stored(i, j)
        if stored is not None:
            return stored
        return self._dot(i, j)

    def word_similarity(self, i: int, j: int) -> float:
        """The similarity of two texts by their words alone, whatever is known of them (a
        shared quotation, aligned paraphrases)."""
        stored = self._stored(i, j)
        return stored if stored is not None else self._dot(i, j)

    def _dot(self, i: int, j: int) -> float:
        """The cosine of a pair below ``floor`` (or a text with itself), computed directly."""
        import numpy as np

        vectors = self._vectors
        a = slice(vectors.indptr[i], vectors.indptr[i + 1])
        b = slice(vectors.indptr[j], vectors.indptr[j + 1])
        _, in_a, in_b = np.intersect1d(
            vectors.indices[a], vectors.indices[b], assume_unique=True, return_indices=True
        )
        return float(np.dot(vectors.data[a][in_a], vectors.data[b][in_b]))

    def neighbours(self, i: int, at_least: float) -> list[tuple[int, float]]:
        """Every other text at least ``at_least`` similar to text ``i`` (which must be at least
        ``floor``), with its similarity, including pairs known to state the same thing."""

        if at_least < self.floor:
            raise ValueError(f"neighbours below the floor {self.floor} were not searched")
        start, end = self._pairs.indptr[i], self._pairs.indptr[i + 1]
        values = self._pairs.data[start:end]
        close = values >= at_least
        marked = self._marked.get(i, {})
        found = [
            (j, v)
            for j, v in zip(
                self._pairs.indices[start:end][close].tolist(), values[close].tolist(), strict=True
            )
            if j not in marked
        ]
        found += [(j, v) for j, v in marked.items() if v >= at_least]
        return found

    def pairs(
        self, at_least: float, *, marked: bool = True
    ) -> tuple[IntArray, IntArray, FloatArray]:
        """(rows, columns, similarities) of every pair at least ``at_least`` similar, both ways
        round, including pairs known to state the same thing (unless ``marked`` is False: then
        only the word overlap counts, as computed)."""
        import numpy as np

        if at_least < self.floor:
            raise ValueError(f"pairs below the floor {self.floor} were not searched")
        coo = self._pairs.tocoo()
        close = coo.data >= at_least
        rows, cols = coo.row[close].astype(np.int64), coo.col[close].astype(np.int64)
        values = coo.data[close]
        if not self._marked or not marked:
            return rows, cols, values
        known = sorted((i, j, v) for i, row in self._marked.items() for j, v in row.items())
        n = len(self.texts)
        marked_keys = np.array([i * n + j for i, j, _ in known], dtype=np.int64)
        at = np.minimum(np.searchsorted(marked_keys, rows * n + cols), len(marked_keys) - 1)
        unmarked = marked_keys[at] != rows * n + cols
        raised = np.array([v >= at_least for _, _, v in known], dtype=bool)
        return (
            np.concatenate((rows[unmarked], np.array([i for i, _, _ in known])[raised])),
            np.concatenate((cols[unmarked], np.array([j for _, j, _ in known])[raised])),
            np.concatenate((values[unmarked], np.array([v for _, _, v in known])[raised])),
        )

    def coverage(self, i: int, j: int) -> float:
        """Share of text ``i``'s weighted content words that text ``j`` also has."""
        total = self._weight[i]
        if total == 0:
            return 0.0
        return math.fsum(self._idf[t] for t in self._bags[i] & self._bags[j]) / total

    def figure_blind(self, i: int, j: int) -> tuple[float, int]:
        """How close two texts are leaving their figures aside ("60 killed" and "65 killed" are
        the same words): the cosine of their weighted words without numbers, and how many such
        words they share."""
        a = {t for t in self._bags[i] if not t[0].isdigit() and t not in _WEEKDAY_STEMS}
        b = {t for t in self._bags[j] if not t[0].isdigit() and t not in _WEEKDAY_STEMS}
        norm_a = math.fsum(self._idf[t] ** 2 for t in a)
        norm_b = math.fsum(self._idf[t] ** 2 for t in b)
        if not norm_a or not norm_b:
            return 0.0, 0
        shared = a & b
        dot = math.fsum(self._idf[t] ** 2 for t in shared)
        return dot / math.sqrt(norm_a * norm_b), len(shared)

    def numbers_conflict(self, i: int, j: int) -> bool:
        """Both texts give figures (numbers, weekdays), and each gives one the other does not
        ("60" vs "65", "Monday" vs "Tuesday")."""
        a, b = self._numbers_of(i), self._numbers_of(j)
        return bool(a and b and (a - b) and (b - a))

    def carries(self, j: int, i: int, threshold: float) -> bool:
        """Whether text ``j`` states what text ``i`` states, so that ``j``'s source can be
        cited for ``i``."""
        if i == j:
            return True
        if self.numbers_conflict(i, j):
            return False
        if j in self._marked.get(i, {}):
            return True
        return (
            self(i, j) >= threshold
            and self.coverage(i, j) >= _MIN_COVERAGE
            and len(self._bags[i] & self._bags[j]) >= _MIN_SHARED_WORDS
            and not self._names_only(i, j)
        )

    def _names_only(self, i: int, j: int) -> bool:
        """Whether text ``j`` shares only names with text ``i``, none of the common words that
        say what ``i`` states of them: "Chris Stevens, Sean Smith, Glen Doherty and Tyrone
        Woods served our country" does not say "Tyrone Woods and Glen Doherty worked for the
        CIA", however rare the names."""
        common = self._common_of(i)
        return bool(common) and common.isdisjoint(self._bags[j])

    def _common_of(self, i: int) -> frozenset[str]:
        """Stems of the words in lower case that say what is stated: not names, and not the
        attribution ("U.S. officials said" is in both of two sentences saying different
        things)."""
        found = self._common[i]
        if found is None:
            found = self._common[i] = content_stems(
                " ".join(
                    w
                    for w in words(self.texts[i])
                    if w[0].islower() and w not in SAYING_VERBS and w not in _ATTRIBUTION_NOUNS
                )
            )
        return found

    def misses_figures(self, j: int, i: int) -> bool:
        """Whether text ``j`` leaves out a number text ``i`` gives ("Another 102 people were
        injured" for "Thirty other people died ... and another 102 people were injured"): one
        statement with ``i`` perhaps, but it does not say all of it, so its source cannot be
        cited for ``i``'s wording."""
        return any(n[0].isdigit() for n in self._numbers_of(i) - self._numbers_of(j))

    def misses_quotation(self, j: int, i: int) -> bool:
        """Whether text ``j`` carries one quotation of text ``i`` word for word but leaves out
        another (quotations of at least ``_SHARED_QUOTE_MIN_WORDS`` words): a sentence with
        the first of two quoted sentences states the same as one with both, but its source is
        not cited for both. (A text quoting none of them word for word is judged by its
        words, as any paraphrase.)"""
        quotations = _quotations(self.texts[i])
        if len(quotations) < 2:
            return False
        text = f" {' '.join(_quotation_words(self.texts[j]))} "
        carried = [f" {quotation} " in text for quotation in quotations]
        return any(carried) and not all(carried)

    def misses_names(self, j: int, i: int) -> bool:
        """Whether text ``j``, close to text ``i`` by its words alone (not a known paraphrase),
        leaves out ``_MAX_MISSING_NAMES`` or more of the names ``i`` gives: "The severed heads
        of the four hostages were found" does not say "... _ three Britons and a New Zealander
        _ were found Tuesday"."""
        if j == i or j in self._marked.get(i, {}):
            return False
        names = {n for n in names_and_figures(self.texts[i]) if not n[0].isdigit()}
        if len(names) < _MAX_MISSING_NAMES:
            return False
        carried = {w.lower().removesuffix("'s") for w in words(self.texts[j])}
        return len(names - carried) >= _MAX_MISSING_NAMES

    def misquotes(self, j: int, i: int) -> bool:
        """Whether text ``j`` lacks the words of a quotation text ``i`` gives (of at least
        ``_SHARED_QUOTE_MIN_WORDS`` words), but for one word in ten: a source printing "If he
        rules in our favor, I think it emboldens ..." does not print "If we win, I think it
        just emboldens ...", and is not cited for those words."""
        quotations = _quotations(self.texts[i])
        if not quotations:
            return False
        words_j = _quotation_words(self.texts[j])
        for quotation in quotations:
            quoted = quotation.split()
            found = SequenceMatcher(None, quoted, words_j, autojunk=False).get_matching_blocks()
            if sum(block.size for block in found) < len(quoted) - max(1, len(quoted) // 10):
                return True
        return False

    def _numbers_of(self, i: int) -> frozenset[str]:
        found = self._numbers[i]
        if found is None:
            found = self._numbers[i] = _figures(self.texts[i])
        return found

    def share_phrase(self, i: int, j: int) -> bool:
        """Whether two texts share a run of three content words, two of them common words
        (not names): "proposing direct talks", "direct talks in Istanbul". Such sentences
        restate one fact even when the rest of them differs, so they are not both points."""
        return not self._phrases_of(i).isdisjoint(self._phrases_of(j))

    def _phrases_of(self, i: int) -> frozenset[tuple[str, ...]]:
        if self._phrases is None:
            self._phrases = [_content_phrases(t) for t in self.texts]
        return self._phrases[i]

    def restates(
        self,
        mine: Sequence[int],
        theirs: Sequence[int],
        threshold: float,
        containment: float,
        adds: Callable[[int, int], bool] | None = None,
    ) -> bool:
        """Whether any text of ``mine`` and any of ``theirs`` say the same: at least
        ``threshold`` similar, sharing a phrase (``share_phrase``), or one covering at least
        ``containment`` of the other's weighted words (``coverage``).

        ``adds(i, j)``, when given, tells whether text ``i`` brings a fact that ``j`` lacks (a
        death toll beside a count of drones): such a text restates ``j`` only when close
        overall or lying inside it, not for sharing a phrase with it or holding it.

        Only pairs that share a content word or a phrase can meet any of these, so the others
        are passed over at the cost of a set comparison.
        """
        for j in theirs:
            bag, phrases = self._bags[j], self._phrases_of(j)
            for i in mine:
                if self._bags[i].isdisjoint(bag) and self._phrases_of(i).isdisjoint(phrases):
                    continue
                if self(i, j) >= threshold or self.coverage(i, j) >= containment:
                    return True
                if (self.share_phrase(i, j) or self.coverage(j, i) >= containment) and not (
                    adds is not None and adds(i, j)
                ):
                    return True
        return False


def align_rewrites(
    groups: Sequence[Sequence[int]], similarity: Similarity
) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Find the pairs of articles where one is a rewrite of the other.

    ``groups`` lists, per article, the indexes of its sentences in reading order (no index in
    two groups). Returns (article a, article b, aligned sentence pairs) for each rewrite pair,
    a < b, in order: the mutual best matches of at least ``_REWRITE_MIN_MATCH`` that keep the
    reading order of both articles (the longest chain of them increasing in both).

    Only article pairs that share a sentence pair of at least ``_REWRITE_MIN_MATCH`` can align,
    so only those are looked at: the similar pairs are grouped by the articles they join, and
    the best matches of all of them are found at once. A best match is the most similar
    sentence of the other article, the first in reading order on a tie.
    """
    import numpy as np

    n = len(similarity.texts)
    group_of = np.full(n, -1, dtype=np.int64)
    place = np.zeros(n, dtype=np.int64)
    sizes = np.array([len(g) for g in groups] or [0], dtype=np.int64)
    for number, members in enumerate(groups):
        group_of[list(members)] = number
        place[list(members)] = np.arange(len(members))
    rows, cols, values = similarity.pairs(_REWRITE_MIN_MATCH)
    a, b = group_of[rows], group_of[cols]
    useful = (a >= 0) & (b > a)
    useful &= np.minimum(sizes[a], sizes[b]) >= _REWRITE_MIN_SENTENCES
    a, b, values = a[useful], b[useful], values[useful]
    first, second = place[rows[useful]], place[cols[useful]]
    # One number per (article a, article b, sentence of a, sentence of b), ordered like them.
    width = int(sizes.max()) + 1
    article_pair = a * len(groups) + b
    best_second = _best_per_key(article_pair * width + first, second, values)
    best_first = _best_per_key(article_pair * width + second, first, values)
    key_second = best_second[0] * width + best_second[1]  # (pair, i) * width + j
    pair_of, j_of = best_first[0] // width, best_first[0] % width
    key_first = (pair_of * width + best_first[1]) * width + j_of
    mutual = np.intersect1d(key_second, key_first, assume_unique=True)  # by pair, then i
    pair_ids, i_of, j_of = mutual // (width * width), mutual // width % width, mutual % width
    # Article pairs with enough mutual matches to be a rewrite, before any Python loop.
    pairs_found, starts, counts = np.unique(pair_ids, return_index=True, return_counts=True)
    shortest = np.minimum(sizes[pairs_found // len(groups)], sizes[pairs_found % len(groups)])
    enough = (counts >= _REWRITE_MIN_SHARE * shortest) & (counts >= _REWRITE_MIN_PAIRS)
    found = []
    for pair, start, count in zip(
        pairs_found[enough].tolist(), starts[enough].tolist(), counts[enough].tolist(), strict=True
    ):
        ga, gb = divmod(pair, len(groups))
        span = slice(start, start + count)
        matches = list(zip(i_of[span].tolist(), j_of[span].tolist(), strict=True))
        ordered = _longest_increasing(matches)
        if len(ordered) < _REWRITE_MIN_ORDERED * len(matches) or len(ordered) < _REWRITE_MIN_PAIRS:
            continue
        found.append((ga, gb, [(groups[ga][i], groups[gb][j]) for i, j in ordered]))
    return found


def _reworded(aligned: Sequence[tuple[int, int]], similarity: Similarity) -> bool:
    """Whether an aligned article pair is one report told in other words, so that its aligned
    sentences are paraphrases. When some of them are copied word for word, one article is a
    copy or a later update of the other, and the sentences that differ are what changed (new
    material lined up against old), not the same statement reworded."""
    copied = sum(1 for i, j in aligned if similarity(i, j) >= _COPIED_SENTENCE)
    return copied < _UPDATE_MIN_COPIED * len(aligned)


def same_specifics(
    mine: Sequence[int], theirs: Sequence[int], evidence: Sequence[Sentence]
) -> bool:
    """Whether two articles (their sentences' indexes in ``evidence``) share their names and
    figures, each at least ``REWRITE_MIN_SPECIFICS`` of the other's: a rewrite adds none."""
    a = {name for i in mine for name in names_and_figures(evidence[i].text)}
    b = {name for i in theirs for name in names_and_figures(evidence[i].text)}
    shared = len(a & b)
    return bool(a and b) and min(shared / len(a), shared / len(b)) >= REWRITE_MIN_SPECIFICS


_NAME_OR_FIGURE = re.compile(r"(?<![\w’'])([A-Z][\w’'-]+|\d[\d,.]*\d|\d)")


def names_and_figures(text: str) -> set[str]:
    """The capitalised words (but the first of the sentence or of a quotation) and the numbers
    of a sentence, lower-cased, possessives folded: what a rewrite keeps and an independent
    report brings its own of."""
    found = set()
    for match in _NAME_OR_FIGURE.finditer(text):
        before = match.start() - 1
        while before >= 0 and text[before].isspace():
            before -= 1
        if before < 0 or text[before] in "“\"‘'([—–-:.!?":
            continue  # opens the sentence, a quotation or a clause: capitalised anyway
        word = match.group(1).lower().replace("’", "'").replace(",", "")
        found.add(word.removesuffix("'s"))
    return found


def _best_per_key(key: IntArray, other: IntArray, values: FloatArray) -> tuple[IntArray, IntArray]:
    """For each distinct ``key``, the ``other`` with the highest value (the lowest ``other``
    on a tie): (keys, others), sorted by key."""
    import numpy as np

    if len(key) == 0:
        return key, other
    order = np.argsort(key, kind="stable")
    key, other, values = key[order], other[order], values[order]
    starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    counts = np.diff(np.append(starts, len(key)))
    best = np.repeat(np.maximum.reduceat(values, starts), counts)
    candidates = np.where(values == best, other, np.iinfo(np.int64).max)
    return key[starts], np.minimum.reduceat(candidates, starts)


def _longest_increasing(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by first item) increasing in the second;
    of several, the one that ends first, each step taken from the earliest longest chain."""
    pairs = sorted(pairs)
    length: list[int] = []
    previous: list[int] = []
    for k, (_, second) in enumerate(pairs):
        best_length, best_at = 0, -1
        for q in range(k):
            if pairs[q][1] < second and length[q] > best_length:
                best_length, best_at = length[q], q
        length.append(best_length + 1)
        previous.append(best_at)
    if not pairs:
        return []
    end = max(range(len(pairs)), key=length.__getitem__)
    chain = []
    while end >= 0:
        chain.append(pairs[end])
        end = previous[end]
    return chain[::-1]


def _figures(text: str) -> frozenset[str]:
    """The figures of a text as compared: numbers without separators ("1,500" is "1500"), in
    words from "three" up ("six" is "6"), and weekdays."""
    found = {m.group(0).replace(",", "") for m in _NUMBER.finditer(text)}
    for word in _MAYBE_NUMBER_WORD.findall(text):
        value = _COUNTED_WORDS.get(word.lower())
        if value is not None:
            found.add(value)
    return frozenset(found)


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
        words = _quotation_words(match.group(1) or match.group(2))
        if len(words) >= _SHARED_QUOTE_MIN_WORDS:
            out.add(" ".join(words))
    return out


def _quotation_words(text: str) -> list[str]:
    """The words of a text as quotations are compared: lower case, punctuation left out."""
    return re.findall(r"[^\W_]+", text.lower())


def citable(
    members: Iterable[Sentence],
    representative: Sentence,
    similarity: Similarity,
    row: Mapping[str, int],
) -> list[Sentence]:
    """The ``members`` a statement's sources are cited by: those saying all ``representative``
    says. One leaving out one of its numbers (``Similarity.misses_figures``) is one statement
    with it (its score still counts it) but says less, so its source is not cited for it."""
    rep = row[representative.id]
    return [
        m
        for m in members
        if not similarity.misses_figures(row[m.id], rep)
        and not similarity.misses_quotation(row[m.id], rep)
        and not similarity.misquotes(row[m.id], rep)
        and not similarity.misses_names(row[m.id], rep)
    ]


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
    similarity = Similarity([s.text for s in evidence], floor=min(threshold, _REWRITE_MIN_MATCH))
    by_article: dict[str, list[int]] = {}
    for i, sentence in enumerate(evidence):
        by_article.setdefault(sentence.article, []).append(i)
    similarity.rewrites = []
    for _, _, aligned in align_rewrites(list(by_article.values()), similarity):
        similarity.rewrites.append(aligned)
        reworded = _reworded(aligned, similarity) and same_specifics(
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
    cluster_of: dict[int, int] = {}  # evidence index of a representative -> its cluster
    placed: set[str] = set()
    for candidate in order:
        i = index_of[candidate.sentence.id]
        best = _closest(i, cluster_of, similarity, threshold)
        if best is not None:
            members[best].append(candidate.sentence)
        else:
            cluster_of[i] = len(representatives)
            representatives.append(candidate)
            members.append([candidate.sentence])
        placed.add(candidate.sentence.id)
    for sentence in evidence:
        if sentence.id in placed:
            continue
        best = _closest(index_of[sentence.id], cluster_of, similarity, threshold)
        if best is not None:
            members[best].append(sentence)
    clusters = tuple(
        Cluster(representative=rep, members=tuple(group))
        for rep, group in zip(representatives, members, strict=True)
    )
    return clusters, similarity


def _closest(
    i: int, cluster_of: dict[int, int], similarity: Similarity, threshold: float
) -> int | None:
    """The cluster whose representative sentence ``i`` carries and is most similar to (the
    earliest cluster on a tie).

    Only neighbours within ``threshold`` can be carried (a pair known to state the same thing
    is raised to it), so only they are looked at, not every representative.
    """
    best: int | None = None
    best_score = -1.0
    for j, score in similarity.neighbours(i, threshold):
        number = cluster_of.get(j)
        if number is None or score < best_score:
            continue
        if score == best_score and best is not None and number > best:
            continue
        if similarity.carries(i, j, threshold):
            best, best_score = number, score
    return best
