"""The sumy seam: scores read through the sentence-count callable, mapped back by position."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.models import Sentence
from briefing.rank import (
    FAST,
    SUMMARIZERS,
    lexrank_ratings,
    make_summarizer,
    rate_sentences,
    score_sentences,
    sumy_ratings,
)

TEXTS = [
    "Putin proposed direct talks with Ukraine in Istanbul on Thursday.",
    "European leaders demanded a 30-day ceasefire before any talks.",
    "Zelenskyy said a ceasefire must come first before talks in Istanbul.",
    "Trump called it a potentially great day for Russia and Ukraine.",
    "Russia launched a drone attack on Kyiv on Sunday.",
    "The talks in Istanbul would be the first direct talks since 2022.",
]


def _sentence(n: int, text: str) -> Sentence:
    return Sentence(f"a:0:{n}", "a", 0, n, n, 0, len(text), text)


@pytest.mark.parametrize("algorithm", sorted(SUMMARIZERS))
def test_every_registered_summarizer_rates_every_sentence(algorithm: str) -> None:
    ratings = rate_sentences(TEXTS, algorithm)
    assert len(ratings) == len(TEXTS)
    assert all(isinstance(r, float) for r in ratings)


@pytest.mark.parametrize("algorithm", ["lexrank", "textrank", "lsa", "luhn"])
def test_ratings_agree_with_sumys_own_selection(algorithm: str) -> None:
    """sumy's own top-k (by its normal API) are the k sentences we rate highest."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    from briefing.text import SumyTokenizer

    tokenizer = SumyTokenizer()
    document = ObjectDocumentModel((Paragraph(tuple(SumySentence(t, tokenizer) for t in TEXTS)),))
    k = 3
    chosen = {str(s) for s in make_summarizer(algorithm)(document, k)}
    ratings = rate_sentences(TEXTS, algorithm)
    assert len(chosen) == k
    chosen_ratings = [r for t, r in zip(TEXTS, ratings, strict=True) if t in chosen]
    other_ratings = [r for t, r in zip(TEXTS, ratings, strict=True) if t not in chosen]
    # Holds with ties too: nothing sumy left out is rated above anything it chose.
    assert min(chosen_ratings) >= max(other_ratings)


def test_identical_texts_do_not_collide() -> None:
    texts = [TEXTS[0], TEXTS[1], TEXTS[0], TEXTS[2]]
    ratings = rate_sentences(texts, "lexrank")
    assert len(ratings) == 4
    assert ratings[0] == pytest.approx(ratings[2])


def test_empty_input() -> None:
    assert rate_sentences([], "lexrank") == []


def test_scores_are_scaled_per_theme() -> None:
    by_theme = {
        "one": [(_sentence(i, t), 1.0, False) for i, t in enumerate(TEXTS[:3])],
        "two": [(_sentence(i + 3, t), 2.0, i == 0) for i, t in enumerate(TEXTS[3:])],
    }
    scored = score_sentences(by_theme, "lexrank")
    assert len(scored) == len(TEXTS)
    for theme in by_theme:
        scores = [s.rank_score for s in scored if s.theme == theme]
        assert max(scores) == pytest.approx(1.0)
        assert all(0 <= s <= 1 for s in scores)
    dependent = [s for s in scored if s.dependent]
    assert [s.sentence.text for s in dependent] == [TEXTS[3]]


# Our LexRank (rank.lexrank_ratings) against sumy 0.13.0's: the same ratings, the same ranking.


def _top(ratings: list[float], count: int = 10) -> list[int]:
    # Ratings equal but for rounding are a tie, broken by position as sumy's stable sort does.
    return sorted(range(len(ratings)), key=lambda i: (-round(ratings[i], 9), i))[:count]


def _assert_same_as_sumy(texts: list[str]) -> None:
    ours = lexrank_ratings(texts)
    theirs = sumy_ratings(texts, "lexrank")
    assert np.allclose(ours, theirs, rtol=1e-9, atol=1e-12, equal_nan=True)
    assert _top(ours) == _top(theirs)


def test_lexrank_is_ours_and_agrees_with_sumy() -> None:
    assert FAST["lexrank"] is lexrank_ratings
    assert rate_sentences(TEXTS, "lexrank") == lexrank_ratings(TEXTS)
    _assert_same_as_sumy(TEXTS)


def test_lexrank_agrees_with_sumy_on_the_example_corpus(example_sentences) -> None:  # type: ignore[no-untyped-def]
    texts = [s.text for s in example_sentences]
    assert len(texts) > 100
    _assert_same_as_sumy(texts)


# sumy divides by a zero norm when no sentence is linked (and says so): both give NaN then.
_SUMY_NAN = "ignore:invalid value encountered in divide:RuntimeWarning"


@pytest.mark.filterwarnings(_SUMY_NAN)
def test_lexrank_agrees_with_sumy_on_duplicates_and_edge_cases() -> None:
    _assert_same_as_sumy([TEXTS[0]])
    _assert_same_as_sumy([TEXTS[0], TEXTS[0]])
    _assert_same_as_sumy([TEXTS[0], TEXTS[4]])  # nothing shared: sumy gives NaN, so do we
    _assert_same_as_sumy(["The the of and.", "It is what it is.", TEXTS[1]])  # stop words only
    _assert_same_as_sumy([TEXTS[0], " " + TEXTS[0] + " ", *TEXTS[1:]])


WORDS = (
    "putin ukraine talks ceasefire istanbul kyiv europe trump drone attack the a of and "
    "proposed proposal proposes leaders demand demanded Sunday Thursday 30-day it’s Russia’s"
).split()


@pytest.mark.filterwarnings(_SUMY_NAN)
@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map(lambda w: " ".join(w) + "."),
        min_size=1,
        max_size=30,
    )
)
def test_lexrank_agrees_with_sumy_on_random_sentences(texts: list[str]) -> None:
    _assert_same_as_sumy(texts)
