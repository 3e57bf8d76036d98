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


# A verb in the past tense, regular ("arrived") or among the common irregular ones of news
# copy; not in a compound ("U.S.-led", "left-wing").
_PAST_TENSE = re.compile(
    r"(?<![\w-])(?:(?!(?:need|speed|exceed|proceed|succeed|indeed|hundred|seed|feed|breed|"
    r"creed|greed|shed|embed|wed)\b)[a-z]{2,}ed|flew|went|came|met|held|left|took|gave|made|"
    r"won|lost|fell|began|broke|struck|shot|sent|spent|led|ran|rose|saw|sought|found|fought|"
    r"brought|bought|built|caught|chose|drew|drove|fled|froze|got|grew|hid|hung|kept|knew|laid|"
    r"lent|meant|paid|rode|rang|sank|sat|sold|shook|spoke|stood|stole|stuck|swore|swept|threw|"
    r"tore|understood|woke|wore|wrote|was|were|had|did)(?![\w’'-])"
)
# After a determiner a past participle is an adjective ("the armed forces").
_DETERMINER_BEFORE = re.compile(r"\b(?i:the|a|an|its|their|his|her|our|this|that)\s+$")
SAYING_VERBS = frozenset(
    "said says say saying told tell tells telling added adds reported reports according quoted "
    "quoting stated states announced announces confirmed insisted noted".split()
)
"""Words of attribution, never the fact itself: "X said", "told reporters", "according to"."""


def deeds(text: str) -> list[str]:
    """The verbs of something done in ``text``: past tenses ("flew", "arrived"), not of saying
    ("said") nor adjectives after a determiner ("the armed forces")."""
    return [
        m.group(0)
        for m in _PAST_TENSE.finditer(text)
        if m.group(0) not in SAYING_VERBS
        and not _DETERMINER_BEFORE.search(text, max(0, m.start() - 12), m.start())
    ]


class SumyTokenizer:
    """The tokenizer sumy's ``Sentence`` objects call; sentences are split before sumy sees them."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))
