"""Word-level language tools shared by the stages: tokenizing, stemming, stop words, month
names.

Everything here works offline: the stemmer is NLTK's English Snowball stemmer, the one sumy
uses (a copy in ``stemmer.py``: importing nltk takes over a second), the stop words ship with
sumy (read from its data file: ``sumy.utils`` imports requests). ``SumyTokenizer`` is the
object sumy's document model asks for words, so sumy never needs NLTK's punkt data.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+)*")

# Month names and their usual abbreviations -> month number ("sept" -> 9).
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# The same names as a regular-expression alternation, longest first ("sept" before "sep").
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# The days of the week, and their capitalised names as an alternation ("Monday|Tuesday|...").
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_NAMES = "|".join(day.capitalize() for day in WEEKDAYS)

# Numbers written as words -> their value; "one" left out, too often a pronoun ("one of them").
NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
    if value >= 2
} | {w: 10 * n for n, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)}


def words(text: str) -> list[str]:
    """The words of ``text`` in order, punctuation dropped, case kept."""
    return WORD.findall(text)


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    from .stemmer import EnglishStemmer

    return EnglishStemmer().stem


@cache
def stop_words() -> frozenset[str]:
    """sumy's English stop words, lower case (as its summarizers hold them).

    Read as ``sumy.utils.get_stop_words("english")`` reads them (tests/test_text.py compares)."""
    import pkgutil

    data = pkgutil.get_data("sumy", "data/stopwords/english.txt") or b""
    return frozenset(w.rstrip().lower() for w in data.decode("utf-8").splitlines() if w)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball stem of a word, lower-cased, with the possessive and curly apostrophes folded."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return sumy_stem(word)


@lru_cache(maxsize=200_000)
def sumy_stem(word: str) -> str:
    """A lower-case word stemmed as sumy's summarizers stem it (no apostrophe folding)."""
    return str(_stemmer()(word))


def stems(text: str) -> list[str]:
    """Stems of every word of ``text``, stop words included, in order."""
    return [stem(w) for w in words(text)]


def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that carry meaning: no stop words, no single characters."""
    found = set(map(_content_stem, words(text)))
    found.discard("")
    return frozenset(found)


@lru_cache(maxsize=200_000)
def _content_stem(word: str) -> str:
    """The stem of a word that carries meaning; "" for a stop word or a single character."""
    if len(word) > 1 and word.lower().replace("’", "'") not in stop_words():
        return stem(word)
    return ""


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` with its noun in the right number: "1 source", "4 points"."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


class SumyTokenizer:
    """The tokenizer sumy's ``Sentence`` objects call; sentences are split before sumy sees them."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))
