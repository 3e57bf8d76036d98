"""Tests for briefing.segment: sentences carry exact offsets and stable ids, splitting loses no
text, quotations stay whole with their attribution, abbreviations do not split."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.ingest import load_articles
from briefing.models import Article, Sentence
from briefing.segment import pysbd_sentences, sentence_spans, split_sentences

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "putin-talks"


def fold(text: str) -> str:
    return " ".join(text.split())


def article_of(*paragraphs: str, key: str = "k", separator: str = "\n\n") -> Article:
    """An article whose paragraphs are exactly the given strings (no cleaning involved)."""
    spans = []
    position = 0
    for paragraph in paragraphs:
        spans.append((position, position + len(paragraph)))
        position += len(paragraph) + len(separator)
    raw = separator.join(paragraphs)
    return Article(key, f"{key}.txt", None, None, None, None, raw, raw, tuple(spans))


def texts(*paragraphs: str) -> list[str]:
    return [s.text for s in split_sentences(article_of(*paragraphs))]


def texts_at_their_offsets(paragraph: str) -> list[str]:
    """The sentences of ``paragraph``, each checked to be the source text at its offsets."""
    article = article_of(paragraph)
    sentences = split_sentences(article)
    assert [article.raw_text[s.start : s.end] for s in sentences] == [s.text for s in sentences]
    return [s.text for s in sentences]


@pytest.fixture(scope="module")
def corpus() -> tuple[tuple[Article, tuple[Sentence, ...]], ...]:
    articles, _ = load_articles(EXAMPLES)
    return tuple((a, split_sentences(a)) for a in articles)


# --- the example corpus ---------------------------------------------------------------------


def test_example_sentence_text_is_the_folded_raw_text(
    corpus: tuple[tuple[Article, tuple[Sentence, ...]], ...],
) -> None:
    total = 0
    for article, sentences in corpus:
        assert sentences
        for sentence in sentences:
            assert sentence.article == article.key
            assert sentence.text == fold(article.raw_text[sentence.start : sentence.end])
            assert sentence.text  # no empty sentence
            assert (
                article.raw_text[sentence.start : sentence.end]
                == article.text[sentence.start : sentence.end]
            )
            total += 1
    assert total > 100


def test_example_splitting_loses_no_text(
    corpus: tuple[tuple[Article, tuple[Sentence, ...]], ...],
) -> None:
    for article, sentences in corpus:
        for number, (start, end) in enumerate(article.paragraphs):
            pieces = [s for s in sentences if s.paragraph == number]
            assert pieces, (article.key, number)
            assert " ".join(s.text for s in pieces) == fold(article.text[start:end])
            assert all(start <= s.start < s.end <= end for s in pieces)
            assert pieces[0].start == start and pieces[-1].end == end


def test_example_ids_positions_and_order(
    corpus: tuple[tuple[Article, tuple[Sentence, ...]], ...],
) -> None:
    ids: list[str] = []
    for article, sentences in corpus:
        assert [s.position for s in sentences] == list(range(len(sentences)))
        for sentence in sentences:
            assert sentence.id == f"{article.key}:{sentence.paragraph}:{sentence.index}"
            ids.append(sentence.id)
        for before, after in zip(sentences, sentences[1:], strict=False):
            assert before.end <= after.start
            if before.paragraph == after.paragraph:
                assert after.index == before.index + 1
            else:
                assert (after.paragraph, after.index) == (before.paragraph + 1, 0)
    assert len(ids) == len(set(ids))


def test_example_quotations_stay_whole(
    corpus: tuple[tuple[Article, tuple[Sentence, ...]], ...],
) -> None:
    by_article = {a.key[:3]: [s.text for s in sentences] for a, sentences in corpus}
    assert (
        "Last night, addressing a small group of Russian and foreign journalists at the Kremlin, "
        "Putin declared: “There is ongoing fighting, war. But we’re offering to resume talks "
        "that were interrupted, and not by us. What’s bad about that?”"
    ) in by_article["000"]
    assert (
        '"It was not Russia that broke off negotiations in 2022. It was Kyiv," Putin asserted.'
    ) in by_article["004"]
    trump = [s for s in by_article["004"] if s.startswith('"A potentially great day')]
    assert len(trump) == 1
    assert trump[0].endswith('A BIG week upcoming!" Trump posted on Truth Social.')


def test_split_is_deterministic(corpus: tuple[tuple[Article, tuple[Sentence, ...]], ...]) -> None:
    for article, sentences in corpus:
        assert split_sentences(article) == sentences


# --- quotations ------------------------------------------------------------------------------


def test_multi_sentence_curly_quotation_stays_with_its_speaker() -> None:
    paragraph = (
        "Putin declared: “There is ongoing fighting, war. But we’re offering to resume talks. "
        "What’s bad about that?” Then he left the hall."
    )
    assert texts(paragraph) == [
        "Putin declared: “There is ongoing fighting, war. But we’re offering to resume talks. "
        "What’s bad about that?”",
        "Then he left the hall.",
    ]


def test_quotation_before_its_attribution_is_one_sentence() -> None:
    paragraph = (
        '"It was not Russia that broke off negotiations in 2022. It was Kyiv," Putin asserted. '
        '"Russia is ready to negotiate without any preconditions." He thanked China.'
    )
    assert texts(paragraph) == [
        '"It was not Russia that broke off negotiations in 2022. It was Kyiv," Putin asserted.',
        '"Russia is ready to negotiate without any preconditions."',
        "He thanked China.",
    ]


def test_attribution_cut_off_after_an_exclamation_is_put_back() -> None:
    paragraph = (
        "Trump also weighed in. "
        '"A potentially great day for Russia and Ukraine! It will be a whole new WORLD. '
        'A BIG week upcoming!" Trump posted on Truth Social. Markets rose.'
    )
    assert texts(paragraph) == [
        "Trump also weighed in.",
        '"A potentially great day for Russia and Ukraine! It will be a whole new WORLD. '
        'A BIG week upcoming!" Trump posted on Truth Social.',
        "Markets rose.",
    ]


def test_a_following_sentence_is_not_mistaken_for_an_attribution() -> None:
    paragraph = '"We are ready to talk." Russia launched new attacks on Sunday.'
    assert texts(paragraph) == [
        '"We are ready to talk."',
        "Russia launched new attacks on Sunday.",
    ]


@pytest.mark.parametrize("opener", ["“", '"'])
def test_unclosed_quotation_does_not_swallow_the_paragraph(opener: str) -> None:
    paragraph = (
        f"The minister said {opener}we will never accept this. The talks are over. "
        "Others disagreed with him. The meeting ended at noon."
    )
    assert texts(paragraph) == [
        f"The minister said {opener}we will never accept this.",
        "The talks are over.",
        "Others disagreed with him.",
        "The meeting ended at noon.",
    ]


def test_sentences_written_without_a_space_between_are_split() -> None:
    assert texts_at_their_offsets(
        "The bridge opened in 1953.In her book she calls it a marvel.Few agree."
    ) == [
        "The bridge opened in 1953.",
        "In her book she calls it a marvel.",
        "Few agree.",
    ]
    assert texts("He shouted “Stop!”Then he left.") == ["He shouted “Stop!”", "Then he left."]


def test_a_sentence_ending_on_a_name_that_ends_like_a_title_is_split() -> None:
    """pysbd reads "Hun Sen." as the senator's abbreviation; the article writes "Hun Sen" as a
    name elsewhere, so there it ends a sentence. "Texas Sen. Ted Cruz" stays whole."""
    assert texts_at_their_offsets(
        "The talks stalled after threats from strongman Hun Sen. Hun Sen denied it on Monday. "
        "Texas Sen. Ted Cruz and Democratic Sen. Ann Lee were briefed by Hun Sen's aides."
    ) == [
        "The talks stalled after threats from strongman Hun Sen.",
        "Hun Sen denied it on Monday.",
        "Texas Sen. Ted Cruz and Democratic Sen. Ann Lee were briefed by Hun Sen's aides.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The U.S.Army sent help.",
        "He moved to St.Louis in May.",
        "Details are at Agency.Com and www.example.org/News.Html today.",
        "Write to press@Mail.Example.org for more.",
        "They won game No.1 easily.",
        'It was "not viable."What came next was worse.',
        "Mrs.Smith said the bridge was fine.",
        "Sen.Warren and Rep.Smith voted.",
        "Barcelona vs.Real Madrid ended late.",
    ],
)
def test_glued_looking_words_that_are_not_two_sentences(sentence: str) -> None:
    assert texts(sentence) == [sentence]


def test_quotation_never_crosses_a_paragraph() -> None:
    # A quotation running over two paragraphs: the first one is left open by convention.
    first = "He said: “We are ready. We want peace."
    second = "“The talks ended,” he added. Nobody replied."
    sentences = split_sentences(article_of(first, second))
    assert [(s.paragraph, s.text) for s in sentences] == [
        (0, "He said: “We are ready."),
        (0, "We want peace."),
        (1, "“The talks ended,” he added."),
        (1, "Nobody replied."),
    ]


def test_quotation_longer_than_the_limit_is_split_like_ordinary_text() -> None:
    """segment.py: "A quotation longer than this [90 words] is split like ordinary text"."""
    quote = [
        "We have proposed to resume direct negotiations without any preconditions at all.",
        "The decision is now up to the authorities in Kyiv and their foreign curators.",
        "We are ready to start next Thursday in Istanbul, where the talks were interrupted.",
        "We do not exclude that a new truce could be agreed during these negotiations.",
        "Our proposal is on the table, and the whole world can see that it is serious.",
        "Those who really want peace cannot fail to support it, whatever they said before.",
        "We will not accept ultimatums from anyone, and we have said so many times already.",
    ]
    paragraph = "Putin said: “" + " ".join(quote) + "” Then he left the hall."
    assert len(" ".join(quote).split()) > 90
    pieces = texts(paragraph)
    assert " ".join(pieces) == paragraph
    assert max(len(piece.split()) for piece in pieces) <= 90, pieces


# --- abbreviations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentences",
    [
        [
            "The U.S. delegation met Mr. Smith in Geneva on Monday.",
            "Dr. Jones of the U.N. was also present.",
            "The talks ended at 5 p.m. on Tuesday.",
        ],
        [
            "Moscow has also called on the U.S. to recognize Russia’s control over these areas.",
            "Mrs. Brown and Gen. Miller arrived in Washington late on Friday.",
        ],
        ["Former U.S. President Donald Trump also weighed in on the situation."],
    ],
)
def test_abbreviations_do_not_split(sentences: list[str]) -> None:
    assert texts(" ".join(sentences)) == sentences


# --- properties -----------------------------------------------------------------------------

SENTENCES = st.sampled_from(
    [
        "Putin offered direct talks.",
        "The U.S. and Mr. Macron disagreed.",
        "Is this a genuine offer?",
        "It is a great day!",
        "“We are ready. We want peace,” he said.",
        '"It was Kyiv," Putin asserted.',
        "“What’s bad about that?”",
        '"A BIG week upcoming!" Trump posted on Truth Social.',
        "He said “we will never accept this.",
        'An open "quote never closes.',
        "Talks resume… maybe.",
        "Ceasefire (a 30-day one) first.",
        "no capital here.",
        "A fragment without an end",
        "Numbers like 3.5 and 1,000 stay.",
        "See e.g. the draft, i.e. the 2022 one.",
    ]
)
SEPARATORS = st.sampled_from([" ", "  ", "\n", " \n ", "\t", "\u00a0"])


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    parts = draw(st.lists(SENTENCES, min_size=1, max_size=8))
    out = parts[0]
    for part in parts[1:]:
        out += draw(SEPARATORS) + part
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(paragraphs(), min_size=1, max_size=3))
def test_splitting_never_loses_text_and_spans_increase(paras: list[str]) -> None:
    article = article_of(*paras)
    sentences = split_sentences(article)
    previous_end = -1
    for number, (start, end) in enumerate(article.paragraphs):
        pieces = [s for s in sentences if s.paragraph == number]
        assert " ".join(s.text for s in pieces) == fold(paras[number])
        assert [s.index for s in pieces] == list(range(len(pieces)))
        for sentence in pieces:
            assert start <= sentence.start < sentence.end <= end
            assert sentence.start >= previous_end
            assert sentence.text == fold(article.raw_text[sentence.start : sentence.end])
            assert sentence.text == sentence.text.strip() and sentence.text
            previous_end = sentence.end
    assert len({s.id for s in sentences}) == len(sentences)


# The fast path through pysbd (its rules called directly, abbreviation work that cannot change
# the text skipped) gives pysbd's own sentences: Segmenter.segment is the reference.


def _reference_segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def _assert_same_as_pysbd(paragraph: str) -> None:
    reference = _reference_segmenter()
    assert pysbd_sentences(paragraph) == reference.processor(paragraph).process()
    end = len(paragraph)
    assert sentence_spans(paragraph, 0, end) == sentence_spans(
        paragraph, 0, end, segment=reference.segment
    )


def test_fast_splitter_gives_pysbds_sentences_on_the_example_corpus(
    corpus: tuple[tuple[Article, tuple[Sentence, ...]], ...],
) -> None:
    for article, _ in corpus:
        for start, end in article.paragraphs:
            _assert_same_as_pysbd(article.text[start:end])


PIECES = [
    "Mr.",
    "Mrs.",
    "Dr.",
    "St.",
    "Gen.",
    "Sen.",
    "Rep.",
    "No.",
    "no.",
    "p.",
    "pp.",
    "Art.",
    "U.S.",
    "U.S",
    "e.g.",
    "i.e.",
    "Inc.",
    "Co.",
    "Jan.",
    "a.m.",
    "p.m.",
    "vs.",
    "v.",
    "al.",
    "is.",
    "me.",
    "may.",
    "ſt.",
    "Ste.",
    "Montréal.",
    "5",
    "3.5",
    "(1)",
    "a)",
    "“Go",
    "now.”",
    '"Yes."',
    "police",
    "said",
    "Putin",
    "is",
    "may",
    "man",
    "in",
    "Istanbul",
    "talks",
    "The",
    "He",
    "I",
    "It",
    "?",
    "!",
    "...",
    "…",
    "-",
    "Smith",
    "Street",
    "fig.",
    "Fig.",
    "2",
    ".",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_fast_splitter_gives_pysbds_sentences_on_abbreviation_heavy_text(
    pieces: list[str],
) -> None:
    _assert_same_as_pysbd(" ".join(pieces))


def test_a_clock_time_with_its_zone_or_weekday_stays_in_its_sentence() -> None:
    assert texts_at_their_offsets(
        "He left home at 7:30 a.m. CT with his two children, police said. The blast came at "
        "about 11 p.m. Wednesday when the market was full. The meeting ended at 9 p.m. The "
        "talks resume on Friday."
    ) == [
        "He left home at 7:30 a.m. CT with his two children, police said.",
        "The blast came at about 11 p.m. Wednesday when the market was full.",
        "The meeting ended at 9 p.m.",
        "The talks resume on Friday.",
    ]
