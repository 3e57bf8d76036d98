"""Rank stage: the sentences of each theme -> ``ScoredSentence`` objects, rated by sumy.

``SUMMARIZERS`` maps the names accepted in ``config.toml`` to sumy's summarizer classes (the
pattern of sumy's own ``AVAILABLE_METHODS``); classes are imported only when used.

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
from collections.abc import Mapping, Sequence
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
