"""Word-level language tools shared by the stages: tokenizing, stemming, stop words.

Everything here works offline: the stemmer is NLTK's Snowball (pure code, no data download) as
wrapped by sumy, the stop words ship with sumy. ``SumyTokenizer`` is the object sumy's document
model asks for words, so sumy never needs NLTK's punkt data.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+)*")


def words(text: str) -> list[str]:
    """The words of ``text`` in order, punctuation dropped, case kept."""
    return WORD.findall(text)


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    from sumy.nlp.stemmers import Stemmer

    return Stemmer("english")


@cache
def stop_words() -> frozenset[str]:
    """sumy's English stop words, lower case."""
    from sumy.utils import get_stop_words

    return frozenset(w.lower() for w in get_stop_words("english"))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball stem of a word, lower-cased, with the possessive and curly apostrophes folded."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return str(_stemmer()(word))


def stems(text: str) -> list[str]:
    """Stems of every word of ``text``, stop words included, in order."""
    return [stem(w) for w in words(text)]


def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that carry meaning: no stop words, no single characters."""
    stop = stop_words()
    return frozenset(
        stem(w) for w in words(text) if len(w) > 1 and w.lower().replace("’", "'") not in stop
    )


class SumyTokenizer:
    """The tokenizer sumy's ``Sentence`` objects call; sentences are split before sumy sees them."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))
