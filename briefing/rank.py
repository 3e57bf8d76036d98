"""Rank stage: the sentences of each theme -> ``ScoredSentence`` objects, rated by sumy.

``SUMMARIZERS`` maps the names accepted in ``config.toml`` to sumy's summarizer classes (the
pattern of sumy's own ``AVAILABLE_METHODS``); classes are imported only when used. ``FAST``
maps a name to our own implementation where sumy's is too slow for a day's news: LexRank in
sumy compares every pair of sentences in pure Python (2,848 sentences: about 50 s), ours
(``lexrank_ratings``) computes exactly sumy 0.13.0's ratings with sparse matrices, comparing
only the pairs that can be similar (``vectors.similar_pairs``). tests/test_rank.py holds it to
sumy's ratings and ranking.

sumy is handed a document it cannot misread: its own ``ObjectDocumentModel`` built from our
sentences, with ``text.SumyTokenizer`` for words (no NLTK data) and the Snowball stemmer and
stop words that ship with it. sumy returns the best sentences, not their scores, and maps them
by text; but it hands its ``sentences_count`` argument, when that is a callable, every rated
sentence with its position. That seam (covered by tests/test_rank.py, sumy pinned in
pyproject.toml) gives us every score, mapped back by position, never by text.
"""

from __future__ import annotations

import importlib
import logging
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .models import ScoredSentence, Sentence

log = logging.getLogger(__name__)

SUMMARIZERS: dict[str, str] = {
    "lexrank": "sumy.summarizers.lex_rank:LexRankSummarizer",
    "textrank": "sumy.summarizers.text_rank:TextRankSummarizer",
    "lsa": "sumy.summarizers.lsa:LsaSummarizer",
    "luhn": "sumy.summarizers.luhn:LuhnSummarizer",
    "sumbasic": "sumy.summarizers.sum_basic:SumBasicSummarizer",
    "kl": "sumy.summarizers.kl:KLSummarizer",
    "reduction": "sumy.summarizers.reduction:ReductionSummarizer",
}


def make_summarizer(name: str) -> Any:
    """A sumy summarizer by registry name, with the English stemmer and stop words."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    module_name, class_name = SUMMARIZERS[name].split(":")
    summarizer = getattr(importlib.import_module(module_name), class_name)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer


def rate_sentences(texts: Sequence[str], algorithm: str) -> list[float]:
    """The rating of each text by ``algorithm``, in input order: sumy's, computed by our own
    implementation where ``FAST`` has one."""
    if not texts:
        return []
    fast = FAST.get(algorithm)
    if fast is not None:
        return fast(texts)
    return sumy_ratings(texts, algorithm)


def sumy_ratings(texts: Sequence[str], algorithm: str) -> list[float]:
    """sumy's rating of each text, in input order (0.0 for a text sumy gives no rating)."""
    if not texts:
        return []
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    from .text import SumyTokenizer

    tokenizer = SumyTokenizer()
    document = ObjectDocumentModel((Paragraph(tuple(SumySentence(t, tokenizer) for t in texts)),))
    ratings = [0.0] * len(texts)

    def read_ratings(infos: Sequence[Any]) -> Sequence[Any]:
        # sumy passes (sentence, order, rating) for every sentence; order is the position.
        for info in infos:
            ratings[info.order] = float(info.rating)
        return infos

    make_summarizer(algorithm)(document, read_ratings)
    return ratings


# sumy 0.13.0's LexRankSummarizer settings: cosine above which two sentences are linked, and the
# change between iterations under which the power method stops.
LEXRANK_THRESHOLD = 0.1
LEXRANK_EPSILON = 0.1


def lexrank_ratings(texts: Sequence[str]) -> list[float]:
    """sumy 0.13.0's LexRank ratings of ``texts``, computed with sparse matrices.

    Step by step what ``LexRankSummarizer`` does, as ``make_summarizer`` configures it: words
    from ``text.SumyTokenizer``, lower-cased, stop words dropped, Snowball-stemmed; per sentence
    tf = count / largest count, idf = log(N / (1 + sentences with the term)); sentences are
    linked when the cosine of their tf-idf vectors is above 0.1 (a sentence with any weight is
    linked to itself), each row divided by its number of links; then the power method from the
    uniform vector, normalising each step, until the step changes the vector by at most 0.1.
    Identical texts get the rating of the last of them, as sumy maps ratings by text.
    """
    import numpy as np

    from .text import stop_words, sumy_stem, words
    from .vectors import similar_pair_list, term_matrix

    n = len(texts)
    if n == 0:
        return []
    stop = stop_words()
    counts = [
        Counter(sumy_stem(w) for w in (w.lower() for w in words(t.strip())) if w not in stop)
        for t in texts
    ]
    frequency = Counter(term for sentence in counts for term in sentence)
    vocabulary = {term: i for i, term in enumerate(frequency)}
    # idf is negative for a term in every sentence: only its square enters the cosine, so its
    # absolute value gives the same similarities with non-negative vectors.
    idf = {term: abs(math.log(n / (1 + df))) for term, df in frequency.items()}
    rows = []
    for sentence in counts:
        most = max(sentence.values(), default=1)
        rows.append([(vocabulary[t], c / most * idf[t]) for t, c in sentence.items()])
    vectors = term_matrix(rows, len(vocabulary))
    # The links, each pair once (row < column); the matrix is symmetric.
    first, second, _ = similar_pair_list(vectors, LEXRANK_THRESHOLD, strict=True)
    itself = (np.diff(vectors.indptr) > 0).astype(np.float64)  # cosine 1 with itself
    links = np.bincount(first, minlength=n) + np.bincount(second, minlength=n) + itself
    share = 1.0 / np.where(links == 0, 1.0, links)
    ratings = np.full(n, 1.0 / n)
    change = 1.0
    with np.errstate(invalid="ignore", divide="ignore"):  # no link at all: NaN, as in sumy
        while change > LEXRANK_EPSILON:
            given = share * ratings  # what each sentence passes to each of its links
            following = (
                np.bincount(second, weights=given[first], minlength=n)
                + np.bincount(first, weights=given[second], minlength=n)
                + itself * given
            )
            following /= np.linalg.norm(following)
            change = float(np.linalg.norm(following - ratings))
            ratings = following
    last_of = {t.strip(): i for i, t in enumerate(texts)}
    return [float(ratings[last_of[t.strip()]]) for t in texts]


FAST: dict[str, Callable[[Sequence[str]], list[float]]] = {"lexrank": lexrank_ratings}


def score_sentences(
    by_theme: Mapping[str, Sequence[tuple[Sentence, float, bool]]], algorithm: str
) -> tuple[ScoredSentence, ...]:
    """Rate the themed sentences and scale the ratings within each theme.

    ``by_theme`` maps a theme key to (sentence, cue score, dependent) triples. sumy rates all
    themed sentences of the story together: how central a sentence is to the story is what
    makes it a key point, and a theme of a dozen sentences is too small a graph for LexRank to
    tell them apart. Ratings are then scaled per theme so that its best sentence scores 1.
    """
    entries = [(theme, *entry) for theme, group in by_theme.items() for entry in group]
    ratings = rate_sentences([sentence.text for _, sentence, _, _ in entries], algorithm)
    best_in_theme: dict[str, float] = {}
    for (theme, *_), rating in zip(entries, ratings, strict=True):
        best_in_theme[theme] = max(best_in_theme.get(theme, 0.0), rating)
    scored = []
    for (theme, sentence, cue_score, dependent), rating in zip(entries, ratings, strict=True):
        top = best_in_theme[theme]
        scored.append(
            ScoredSentence(
                sentence=sentence,
                theme=theme,
                rank_score=round(rating / top if top > 0 else 1.0, 6),
                cue_score=cue_score,
                dependent=dependent,
            )
        )
    log.debug("%d sentences in %d themes ranked with %s", len(entries), len(by_theme), algorithm)
    return tuple(scored)
