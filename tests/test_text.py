"""Word tools: the copied NLTK stemmer stems as nltk does, the stop words are sumy's."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.stemmer import EnglishStemmer
from briefing.text import stop_words, sumy_stem, words


def _nltk_stem():  # type: ignore[no-untyped-def]
    from nltk.stem.snowball import EnglishStemmer as NltkEnglishStemmer

    return NltkEnglishStemmer().stem


def test_stemmer_is_nltks_on_every_word_of_the_example_corpus(example_articles) -> None:  # type: ignore[no-untyped-def]
    reference = _nltk_stem()
    vocabulary = {w.lower() for a in example_articles for w in words(a.text)}
    assert len(vocabulary) > 500
    for word in sorted(vocabulary):
        assert sumy_stem(word) == reference(word), word


def test_stemmer_is_nltks_on_its_special_cases() -> None:
    reference = _nltk_stem()
    ours = EnglishStemmer().stem
    special = (
        "skis skies dying lying tying idly gently ugly early only singly sky news howe atlas "
        "cosmos bias andes inning outing canning herring earring proceed exceed succeed "
        "generate generously communism arsenal added realization r-rated 'quoted it’s y Yes "
        "yelling sayings kayak eye ay ab a"
    ).split()
    for word in special:
        assert ours(word) == reference(word), word


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abcdefghiklmnoprstuyz'’-", min_size=1, max_size=16))
def test_stemmer_is_nltks_on_random_words(word: str) -> None:
    assert EnglishStemmer().stem(word) == _nltk_stem()(word)


def test_stop_words_are_sumys() -> None:
    from sumy.utils import get_stop_words

    assert stop_words() == frozenset(w.lower() for w in get_stop_words("english"))


def test_sumy_stem_is_sumys_stemmer() -> None:
    from sumy.nlp.stemmers import Stemmer

    reference = Stemmer("english")
    for word in ["proposed", "talks", "negotiations", "ukraine’s", "ceasefire"]:
        assert sumy_stem(word) == reference(word)
