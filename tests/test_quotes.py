"""Tests for briefing.quotes: direct quotations, who said them (never a guess), and every
outlet that carried them, on hand-written paragraphs and on the example corpus."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.config import Config
from briefing.contract import example_briefing
from briefing.corroborate import Copy
from briefing.models import Article, Briefing, Quote, Sentence
from briefing.pipeline import analyse, compose_from
from briefing.quotes import find_quotes, quotation_spans
from briefing.render import render_outputs
from briefing.segment import split_sentences
from tests.conftest import ROOT


def fold(text: str) -> str:
    return " ".join(text.split())


def article_of(*paragraphs: str, key: str = "k") -> Article:
    """An article whose paragraphs are exactly the given strings (no cleaning involved)."""
    spans = []
    position = 0
    for paragraph in paragraphs:
        spans.append((position, position + len(paragraph)))
        position += len(paragraph) + 2
    raw = "\n\n".join(paragraphs)
    return Article(key, f"{key}.txt", None, None, None, None, raw, raw, tuple(spans))


def words_of(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower().replace("’", "'"))


def quotes_of(*articles: Article) -> tuple[Quote, ...]:
    sentences = [s for a in articles for s in split_sentences(a)]
    return find_quotes(articles, sentences)


def only(quotes: tuple[Quote, ...], words: str) -> Quote:
    """The one quote whose text holds ``words``."""
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def speaker_of(*paragraphs: str, words: str = "") -> tuple[str | None, str]:
    quote = only(quotes_of(article_of(*paragraphs)), words)
    return quote.speaker, quote.attribution


def assert_verbatim(quotes: tuple[Quote, ...], articles: tuple[Article, ...]) -> None:
    """Every citation's words are in its source at its offsets; the text is the quoting
    source's; every other source carries the quotation or a part of it."""
    for quote in quotes:
        assert quote.citations, quote
        assert quote.support == len(quote.source_ids)  # a speech: a citation per part
        for citation in quote.citations:
            raw = articles[citation.source - 1].raw_text
            assert fold(raw[citation.start : citation.end]) == citation.text
            assert raw[: citation.start].rstrip()[-1:] in '"“„', citation
            assert citation.sentence_id.startswith(articles[citation.source - 1].key + ":")
            cited, quoted = words_of(citation.text), words_of(quote.text)
            matcher = difflib.SequenceMatcher(None, quoted, cited, autojunk=False)
            assert sum(b.size for b in matcher.get_matching_blocks()) >= 0.85 * len(cited)
        own = [c for c in quote.citations if c.source == quote.quoted_from]
        assert own and " … ".join(c.text for c in own) == quote.text
        assert own[0].sentence_id == quote.sentence_id
        for evidence in quote.speaker_evidence:
            raw = articles[evidence.source - 1].raw_text
            assert fold(raw[evidence.start : evidence.end]) == evidence.text


# --- Finding quotations ------------------------------------------------------------------------


def test_quotation_spans_pair_straight_and_curly_marks() -> None:
    text = 'He said "one two" and “three four” then "five.'
    spans = quotation_spans(text, 0, len(text))
    assert [text[a + 1 : b] for a, b in spans] == ["one two", "three four", "five."]


def test_a_quotation_is_the_words_between_the_marks_without_the_closing_comma() -> None:
    article = article_of('"We are ready to talk to anyone about a lasting peace," Putin said.')
    (quote,) = quotes_of(article)
    assert quote.text == "We are ready to talk to anyone about a lasting peace"
    assert_verbatim((quote,), (article,))


def test_a_quotation_over_several_sentences_is_one_quote() -> None:
    article = article_of(
        '"It was not Russia that broke off the talks. It was Kyiv. We are ready," Putin said.'
    )
    (quote,) = quotes_of(article)
    assert quote.text == "It was not Russia that broke off the talks. It was Kyiv. We are ready"
    assert quote.speaker == "Putin"


def test_scare_quotes_short_terms_and_titles_are_not_key_quotes() -> None:
    article = article_of(
        'Putin dismissed the demands as "ultimatums" and called the war a "special military '
        'operation". Critics called it "first step, but not enough". The minister read '
        '"The Rise And Fall Of The Third Reich Volume Two" on the plane.'
    )
    assert quotes_of(article) == ()


def test_a_piece_of_a_sentence_needs_more_words() -> None:
    short = article_of('Putin promised safety "in accordance with the laws in force."')
    longer = article_of('Putin called the concerns "just an excuse for them to stay abroad."')
    assert quotes_of(short) == ()
    assert quotes_of(longer)[0].speaker == "Putin"


# --- Who said it -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ('"We are ready to talk to anyone about peace," Putin said.', "Putin"),
        ('"We are ready to talk to anyone about peace," said Putin.', "Putin"),
        ('"We are ready to talk to anyone about peace," Putin told reporters.', "Putin"),
        (
            '"The talks will go ahead on Thursday as planned," said Kremlin spokesman Dmitry '
            "Peskov.",
            "Dmitry Peskov",
        ),
        (
            '"The talks will go ahead on Thursday as planned," Peskov, the Kremlin spokesman, '
            "told reporters.",
            "Peskov",
        ),
        (
            '"The talks will go ahead on Thursday as planned," according to Kremlin spokesman '
            "Dmitry Peskov.",
            "Dmitry Peskov",
        ),
        ('Trump wrote on Truth Social: "A potentially great day for Russia and Ukraine!"', "Trump"),
        (
            "French President Emmanuel Macron dismissed the offer, stressing: “An unconditional "
            "ceasefire is not preceded by negotiations.”",
            "Emmanuel Macron",
        ),
        (
            "Meanwhile, Trump praised the proposal, calling it a “potentially great day for Russia "
            "and for Ukraine” and pledging to keep working.",
            "Trump",
        ),
        (
            'Accompanying Putin’s statements, Kremlin spokesman Dmitry Peskov remarked, "Europe '
            'is actually confronting us very openly."',
            "Dmitry Peskov",
        ),
        (
            "The campaign manager, Corey Lewandowski, said Wednesday that \"Mr. Trump doesn't "
            'play games with anybody."',
            "Corey Lewandowski",
        ),
        (
            '"We will not take part in the debate on Thursday," a Fox News spokesperson said.',
            "a Fox News spokesperson",
        ),
        ('Zelenskyy: "We expect Russia to confirm a full and lasting ceasefire."', "Zelenskyy"),
        (
            "“This is not a problem of a few bad people alone,” wrote New America fellow Jill "
            "Filipovic.",
            "Jill Filipovic",
        ),
        (
            '"This is her high point right now in the race," said a GOP operative.',
            "a GOP operative",
        ),
        (
            'A spokeswoman for the actress says "the couple are taking some time apart to work on '
            'their marriage."',
            "A spokeswoman for the actress",
        ),
        (
            'A spokeswoman for Catherine Zeta-Jones says "the couple are taking some time apart to '
            'work on their marriage."',
            "A spokeswoman for Catherine Zeta-Jones",
        ),
        (
            '"This is a new line crossed in our state politics," said Democrat Matt Lesser.',
            "Matt Lesser",
        ),
        (
            '"It is a little nonsensical for them to pursue this course," said White House press '
            "secretary Josh Earnest.",
            "Josh Earnest",
        ),
        (
            'Sen. Mike Lee, R-Utah, tweeted, "Whether you agree with him or not, you cannot call '
            'his patriotism into question."',
            "Mike Lee",
        ),
        (
            '"I am outraged that no investigation has yet been launched," Céline Figueiredo, '
            "mother of Sacha, one of the babies born in Ain, said.",
            "Céline Figueiredo",
        ),
        ('"We are ready to talk to anyone about peace," said Putin late Monday.', "Putin"),
        (
            '"The attack has not been claimed by any group, but one is likely responsible," said '
            "a US official.",
            "a US official",
        ),
        (
            "The UAE followed, with President Sheikh Khalifa bin Zayed al-Nahayan, 65, affirming "
            'the "deepness of the brotherly relations between both nations."',
            "Khalifa bin Zayed al-Nahayan",
        ),
        (
            'Trump responded by tweeting: "A sketch years later about a nonexistent man. A total '
            'con job!"',
            "Trump",
        ),
        # A role word first, then the name.
        (
            '"The ban would be a clear violation of the rights of every citizen," said '
            "presidential spokesman Ivan Sorokin.",
            "Ivan Sorokin",
        ),
        # A body's name with "of" before the role: the person after it speaks.
        (
            '"The influence governors have on their delegations is overwhelming," said University '
            "of Lisbon political scientist Marta Reis.",
            "Marta Reis",
        ),
        # A person "of" a firm: the name ends before "of".
        (
            '"Latin America is being buffeted by shocks from outside this time," said Jane Doyle '
            "of Baker Partners and a former central bank governor.",
            "Jane Doyle",
        ),
        # No comma after the name: the description that follows is not part of it.
        (
            '"Governors have always had enormous influence on their states," said Paulo Dias a '
            "Brasilia-based political consultant.",
            "Paulo Dias",
        ),
        # A body's name with "of" and no one after it.
        (
            '"Approximately 200 gallons of gas are belched by a single cow each day," notes the '
            "Ohio State College of Veterinary Sciences.",
            "the Ohio State College",
        ),
        # A few describing words before the name.
        (
            '"No help. No police. No firemen at all that night," 17-year-old Omar Hadi, one of the '
            "disc jockeys at the party, said Friday.",
            "Omar Hadi",
        ),
        # A reporting clause in the middle of the sentence, after the quotation's clause.
        (
            "She relied on “a great deal of classified information sent by secure cable and "
            "courier,” Mendez said, as well as secure calls and other protected means.",
            "Mendez",
        ),
        # A closing reporting clause, and nobody before the quotation.
        (
            '"The case is serious and the problem is delicate" and the reactions of the army bear '
            "watching, Martens said.",
            "Martens",
        ),
        # A body's name after its kind ("the newspaper X").
        (
            '"The results of this study are very clear to everyone," the newspaper Kommersant '
            "said.",
            "the newspaper Kommersant",
        ),
        # Who leads a body "'s" name: the person, not the body.
        (
            "As the President of the Port Workers’ Council explained in testimony: “Only about "
            "5,000 officers do the lion’s share of the work in the ports.”",
            "the President of the Port Workers’ Council",
        ),
    ],
)
def test_the_speaker_named_in_the_sentence(paragraph: str, speaker: str) -> None:
    assert speaker_of(paragraph) == (speaker, "sentence")


def test_a_surname_that_is_also_a_stop_word_after_a_given_name() -> None:
    assert speaker_of(
        '"The strikes will go on for as long as they are needed," Pentagon spokesman Tom Little '
        "said on Monday."
    ) == ("Tom Little", "sentence")


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ('"The harbour will never be the same again," Holt concluded.', "Holt"),
        ('"The harbour will never be the same again," sighed Tom Holt, a fisherman.', "Tom Holt"),
        ('"The roof fell in but did not touch me," marveled resident Ana Ruiz.', "Ana Ruiz"),
        ('"The harbour will never be the same again," Holt proclaimed.', "Holt"),
        (
            '"The only way to stop this," Holt cried out from the floor, "is to close the port."',
            "Holt",
        ),
        ('Holt retorted: "The harbour was never safe, and everybody here knew it."', "Holt"),
    ],
)
def test_less_common_verbs_of_speech(paragraph: str, speaker: str) -> None:
    assert speaker_of(paragraph, words="")[0] == speaker


def test_a_verb_that_is_often_not_speech_does_not_hide_the_speaker() -> None:
    """ "reflected" is left out of the verbs of speech: here the closure reflects, Holt says."""
    assert speaker_of(
        'Holt said the closure reflected "a lack of care for the harbour and for all who work '
        'there."'
    ) == ("Holt", "sentence")


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            '"We will rebuild the northern pier before the winter storms," Brody was quoted as '
            "saying by the weekly Harbour News.",
            "Brody",
        ),
        (
            '"We will rebuild the northern pier before the winter storms," Brody is quoted as '
            "saying.",
            "Brody",
        ),
        (
            '"We will rebuild the northern pier before the winter storms," Mayor Alan Brody was '
            "also quoted as telling the weekly Harbour News.",
            "Alan Brody",
        ),
        # The paper that quoted someone is not the speaker; the one it quoted is.
        (
            '"We will rebuild the northern pier before the winter storms," the Harbour News '
            "quoted Brody as saying.",
            "Brody",
        ),
        (
            '"We will rebuild the northern pier before the winter storms," the weekly quoted '
            "Alan Brody, the mayor of Easthaven, as saying on Monday.",
            "Alan Brody",
        ),
        (
            '"We will rebuild the northern pier before the winter storms," the paper quoted an '
            "unnamed official as saying.",
            "an unnamed official",
        ),
    ],
)
def test_the_person_quoted_after_the_quotation_is_the_speaker(paragraph: str, speaker: str) -> None:
    assert speaker_of(paragraph) == (speaker, "sentence")


def test_the_person_a_paper_quoted_as_him_is_the_one_named_before() -> None:
    assert speaker_of(
        "Mayor Alan Brody visited the damaged harbour on Sunday.",
        '"We will rebuild the northern pier before the winter storms," the Harbour News quoted '
        "him as saying.",
    ) == ("Alan Brody", "pronoun")


@pytest.mark.parametrize(
    "paragraph",
    [
        # Who of several, the sentence does not say.
        '"We will rebuild the northern pier before the winter storms," the paper quoted '
        "several officials, harbour workers and even fishermen as saying.",
        # The report quoting Brody is in a clause of its own: it says nothing of these words.
        '"We will rebuild the northern pier before the winter storms," a report that quoted '
        "Brody as saying the harbour was safe had claimed.",
        # A new sentence the splitter left joined: Brody is quoted saying something else.
        '"We will rebuild the northern pier before the winter storms." Brody was quoted as '
        "saying that the harbour would stay closed to all ships until the end of March.",
    ],
)
def test_someone_quoted_after_the_quotation_who_may_not_have_said_it(paragraph: str) -> None:
    assert speaker_of(paragraph)[0] is None


@pytest.mark.parametrize(
    "paragraph",
    [
        # "Little" as an ordinary word opening a sentence.
        'Little was said at the meeting. "We will keep the old plant open for as long as we '
        'can," Holt told the board.',
        # Inside a title, before no verb of speech.
        'The cast of A Little Night Music sang "We will keep the old theatre open for as long as '
        'we can" on the steps.',
    ],
)
def test_little_as_an_ordinary_word_is_no_name(paragraph: str) -> None:
    speaker, _ = speaker_of(paragraph, words="old")
    assert speaker in (None, "Holt")


def test_the_fullest_form_of_the_name_in_the_article_is_shown_with_its_sentence() -> None:
    article = article_of(
        "Kremlin spokesman Dmitry Peskov spoke to reporters in Moscow on Sunday.",
        '"The talks will go ahead on Thursday as planned," Peskov said.',
    )
    (quote,) = quotes_of(article)
    assert quote.speaker == "Dmitry Peskov"
    evidence = [e.text for e in quote.speaker_evidence]
    assert evidence == [
        '"The talks will go ahead on Thursday as planned," Peskov said.',
        "Kremlin spokesman Dmitry Peskov spoke to reporters in Moscow on Sunday.",
    ]


def test_a_surname_two_people_share_is_kept_as_written() -> None:
    speaker, _ = speaker_of(
        "Donald Trump and Melania Trump arrived in Rome on Friday for the funeral.",
        '"It was a very moving service for everyone there," Trump said.',
    )
    assert speaker == "Trump"
    speaker, _ = speaker_of(
        "George W. Bush won in Texas and Jeb Bush in Florida.",
        '"We can erase the gender gap and open the party to new faces," Governor Bush said.',
    )
    assert speaker == "Bush"


@pytest.mark.parametrize(
    ("first", "second", "speaker"),
    [
        # Fuller forms differ (a nickname), the attributions agree: shown as written.
        (
            ("Speaker-elect Robert Livingston stunned the House.", "Livingston declared"),
            ("Rep. Bob Livingston stunned the chamber.", "Livingston announced"),
            "Livingston",
        ),
        # A family name written first.
        (("The talks went on.", "Kim said"), ("They met.", "said President Kim Dae-jung"), None),
        # A slip of one letter in a given name.
        (("The case went on.", "said Hans Carlsson"), ("It did.", "said Hand Carlsson"), None),
    ],
)
def test_outlets_writing_one_person_differently_agree(
    first: tuple[str, str], second: tuple[str, str], speaker: str | None
) -> None:
    words = "I must set the example that I hope the president will follow"
    articles = [
        article_of(before, f'"{words}," {attribution}.', key=key)
        for key, (before, attribution) in (("a", first), ("b", second))
    ]
    (quote,) = quotes_of(*articles)
    assert quote.attribution != "disputed"
    assert quote.speaker == speaker or (speaker is None and quote.speaker is not None)


def test_outlets_naming_two_people_of_one_surname_leave_the_speaker_out() -> None:
    quotes = quotes_of(
        article_of('"We can open the party to new faces and new voices," said Jeb Bush.', key="a"),
        article_of(
            '"We can open the party to new faces and new voices," said George W. Bush.', key="b"
        ),
    )
    assert (quotes[0].speaker, quotes[0].attribution) == (None, "disputed")


def test_a_definite_description_names_the_one_person_the_article_gives_that_title() -> None:
    speaker, _ = speaker_of(
        "King Norodom Sihanouk wrote to the three party leaders on Thursday.",
        '"Papa would like all three parties to take responsibility," the king said.',
    )
    assert speaker == "Norodom Sihanouk"
    speaker, _ = speaker_of(
        "President Vladimir Putin and President Volodymyr Zelenskyy both spoke on Sunday.",
        '"We are ready to meet in Istanbul on Thursday," the president said.',
    )
    assert speaker == "the president"


def test_a_bare_quotation_continues_the_speaker_before_it() -> None:
    paragraph = (
        '"It was not Russia that broke off negotiations in 2022," Putin asserted. '
        '"Russia is ready to negotiate without any preconditions."'
    )
    # One quote: the words going on are the same speech, shown with the words before them.
    (quote,) = quotes_of(article_of(paragraph))
    assert quote.text == (
        "It was not Russia that broke off negotiations in 2022 … "
        "Russia is ready to negotiate without any preconditions."
    )
    assert (quote.speaker, quote.attribution) == ("Putin", "sentence")
    assert [e.text for e in quote.speaker_evidence][0].endswith("Putin asserted.")
    assert [c.text for c in quote.citations] == quote.text.split(" … ")


def test_a_bare_quotation_after_someone_speaks_in_the_sentence_before() -> None:
    assert speaker_of(
        "Zelenskyy said on X on Sunday evening.",
        '"We are ready to meet in Turkey on Thursday, and I will be there personally."',
    ) == ("Zelenskyy", "neighbour")


def test_a_bare_quotation_before_a_short_attribution() -> None:
    assert speaker_of(
        '"A potentially great day for Russia and Ukraine! Think of the lives saved."',
        "Trump posted on Truth Social.",
    ) == ("Trump", "neighbour")


def quotes_of_joined(paragraph: str) -> tuple[Quote, ...]:
    """The quotes of a one-paragraph article read as one sentence, as the splitter leaves a
    paragraph whose quotation marks do not pair up ('" Besides Ewing, ... "They locked us
    out," said Elie. "Everybody ...')."""
    article = article_of(paragraph)
    sentence = Sentence("k:0:0", "k", 0, 0, 0, 0, len(paragraph), paragraph)
    return find_quotes((article,), (sentence,))


@pytest.mark.parametrize(
    ("paragraph", "words", "speaker"),
    [
        (
            '"The bridge will reopen to traffic next week," Holt explained. "The repairs cost '
            'far less than anyone in the town hall had feared."',
            "far less",
            "Holt",
        ),
        (
            '"Every once in a while," said Ruth Amsel, 52, a baker on Mill Street, "the river '
            'floods every single cellar in the lower part of town."',
            "every single cellar",
            "Ruth Amsel",
        ),
        (
            '"We knew the risks of the crossing," said Rob Feld on Tuesday, "and we took them '
            'with our eyes wide open every single time."',
            "eyes wide open",
            "Rob Feld",
        ),
    ],
)
def test_the_second_half_of_an_interrupted_quotation_keeps_its_speaker(
    paragraph: str, words: str, speaker: str
) -> None:
    (quote,) = quotes_of_joined(paragraph)  # both halves, one quote
    assert words in quote.text.split(" … ")[1]
    assert (quote.speaker, quote.attribution) == (speaker, "sentence")


@pytest.mark.parametrize(
    "between",
    [
        # Someone else speaks between the two halves.
        "Holt said. Her deputy disagreed:",
        "Holt said, and her deputy added,",
        # A question put to someone: the next words may be the answer.
        "a reporter asked Holt.",
        # The words are someone else's, quoted.
        "Holt said, quoting the engineer:",
    ],
)
def test_words_after_another_clause_are_not_the_first_halfs(between: str) -> None:
    paragraph = (
        f'"The bridge will reopen to traffic next week," {between} "The repairs will take at '
        'least another two months."'
    )
    for quotes in (quotes_of_joined(paragraph), quotes_of(article_of(paragraph))):
        quote = only(quotes, "repairs will take")
        assert quote.speaker is None, (between, quote)


def test_a_quotation_after_an_interrupted_one_with_its_own_speaker_is_theirs() -> None:
    quote = only(
        quotes_of_joined(
            '"The bridge will reopen to traffic next week," Holt said. "The repairs will take '
            'at least another two months," Tom Reyes replied.'
        ),
        "repairs will take",
    )
    assert quote.speaker == "Tom Reyes"


def test_a_line_removed_as_furniture_breaks_the_thread() -> None:
    """A quotation after a line the cleaner removed does not continue the quotation before
    it: the removed line may have named its speaker."""
    kept = (
        'Student Praharsha Sunkara said, "Just talking about it openly would help us all."',
        '"Our thoughts and prayers are with the two families of our town."',
    )
    removed = "Police Chief Arthur Cotton issued a statement saying —"
    raw = f"{kept[0]}\n\n{removed}\n\n{kept[1]}"
    text = raw.replace(removed, " " * len(removed))
    second = raw.index(kept[1])
    article = Article(
        "k", "k.txt", None, None, None, None, raw, text,
        ((0, len(kept[0])), (second, second + len(kept[1]))),
    )  # fmt: skip
    quote = only(quotes_of(article), "thoughts and prayers")
    assert quote.speaker is None


def test_a_new_sentence_after_a_closed_quotation_is_not_its_attribution() -> None:
    quote = only(
        quotes_of(
            article_of(
                '"It is supposition," Campbell said. "We had a sailor survive for five hours in '
                'very severe conditions." Gray said about 56 sailors had been winched to safety.'
            )
        ),
        "five hours",
    )
    assert (quote.speaker, quote.attribution) == ("Campbell", "continued")


def test_a_parenthesis_after_a_quotation_is_not_its_attribution() -> None:
    assert speaker_of(
        '"How many other people did you lie to while you were in office?" (Daniels, whose '
        "real name is Stephanie Clifford, claims she met him in 2006.)"
    ) == (None, "unknown")


def test_a_bare_quotation_no_one_introduces_has_no_speaker() -> None:
    assert speaker_of(
        "The talks are due to resume in Istanbul on Thursday.",
        '"We are ready to meet in Turkey on Thursday, and I will be there personally."',
    ) == (None, "unknown")


def test_a_quotation_worked_into_the_writers_words_has_no_speaker() -> None:
    assert speaker_of(
        "The Kremlin’s answer was essentially: “We’re serious, but we’ll do it on our terms.”"
    ) == (None, "unknown")


def test_he_said_is_resolved_when_one_person_is_named_just_before() -> None:
    assert speaker_of(
        "President Vladimir Putin spoke for twenty minutes on Sunday night.",
        "He doubled down on the old grievance of NATO expansion.",
        '"We are set on serious negotiations with Ukraine," he affirmed.',
    ) == ("Vladimir Putin", "pronoun")


def test_he_said_resolves_through_the_speaker_of_the_quotation_before() -> None:
    quote = only(
        quotes_of(
            article_of(
                '"We are set on serious negotiations with Ukraine," President Vladimir Putin said.',
                "He admitted that many questions remain to be sorted out.",
                'He stated: "We do not exclude a new truce during these talks in Istanbul."',
            )
        ),
        "new truce",
    )
    assert (quote.speaker, quote.attribution) == ("Vladimir Putin", "pronoun")


def test_a_name_and_a_colon_must_be_the_whole_clause() -> None:
    speaker, _ = speaker_of(
        "Rep. Robert Livingston announced on Saturday that he would resign.",
        'He began by praising Livingston: "There is no greater American in my mind today."',
    )
    assert speaker is None


@pytest.mark.parametrize(
    "before",
    [
        # Two people named: "he" could be either.
        "President Vladimir Putin spoke with President Tayyip Erdogan on Sunday.",
        # Someone unnamed: "he" could be the minister.
        "President Vladimir Putin met the Turkish foreign minister on Sunday.",
        # The only person named is a man, the pronoun is "she".
        "Sir Keir Starmer spoke for twenty minutes in Kyiv on Saturday.",
        # Nobody named close enough before.
        "President Vladimir Putin spoke on Sunday. The talks were due on Thursday. Istanbul "
        "was chosen as the venue. Turkey offered to host them. The venue was confirmed.",
        # The one name before is not what the sentence is about ("he" is someone else).
        "He plans to meet Kosovan Albanian leaders on Tuesday.",
        "The crowd cheered for Vladimir Putin as his convoy passed.",
        # A group, not a person.
        "In the villages ruled by the Taliban a harsh justice is imposed.",
        # The sentence in between is about someone else's "his".
        "President Vladimir Putin arrived. One young volunteer waited for his group.",
    ],
)
def test_a_pronoun_is_never_guessed(before: str) -> None:
    pronoun = "she" if "Starmer" in before else "he"
    speaker, attribution = speaker_of(
        before, f'"We agreed to meet again very soon in Istanbul," {pronoun} said.'
    )
    assert speaker is None
    assert attribution == "ambiguous"


@pytest.mark.parametrize(
    ("paragraph", "words", "speaker"),
    [
        # The subject of a verb in a clause after the quotation is not its speaker.
        (
            'And she urged the council to "stop counting the reformers in the cabinet every '
            'single morning," a habit that the advisers had started before Governor Anna Holt '
            "dismissed the old cabinet.",
            "stop counting",
            None,
        ),
        # A closing "..., the station said." reports the whole sentence: the person the
        # sentence quotes, named before the quotation, is the speaker.
        (
            'A local lawmaker also called for "an urgent audit of the bridge and of every other '
            'bridge in the county" to decide whether it can stay open, the regional radio station '
            "said.",
            "urgent audit",
            "A local lawmaker",
        ),
        # A state after a place after a name: "New Jersey" is not who speaks.
        (
            '"This was a very positive and emotional day for all of us," Tom Baxter of Cedar '
            "Falls, North Dakota, whose sister died in the flood, said after the service.",
            "emotional day",
            None,
        ),
        # "One of his former aides": which one, the sentence does not say.
        (
            'It was, one of his former aides said, "a delaying move that was obvious to everyone '
            'except the minister."',
            "delaying move",
            None,
        ),
        # "Via" names who passed the words on, not who spoke them.
        (
            "--AGENCY STATEMENT, via Tom Reed: “The candidate is refusing to debate his rivals on "
            "stage, which is near unprecedented.”",
            "refusing to debate",
            None,
        ),
        # A source's name lost before "Hardy also created": Hardy is not the source.
        (
            'When the painter died, Hardy inherited the plates and began "printing new copies '
            'from the old plates and selling them to various magazines," according to Hardy also '
            "created new scenes.",
            "printing new copies",
            None,
        ),
        # A list after the opening phrase ("Japan, Korea and Guam"): not a subject.
        (
            "Before leaving for a five-day trip to Japan, Korea and Guam, he drew a parallel "
            'between the two crises, saying, "We must be no less concerned by these weapons."',
            "no less concerned",
            None,
        ),
        # ", saying" after a letter someone else sent: the letter says it, not the subject.
        (
            "On Thursday, Unification Minister Kang Min-ho said the North sent a letter to the "
            'company last week, saying that "the misunderstanding over the dead cattle is now '
            'fully cleared."',
            "misunderstanding",
            None,
        ),
        # A passive ("was charged with") is about its subject: the one who speaks is before.
        (
            'Ms. Grant said the banker was charged with "plotting and carrying out the largest '
            'fraud this city has ever seen."',
            "plotting",
            "Grant",
        ),
        # A title cut off from its name by the sentence splitter is no speaker.
        (
            '"Six days before Christmas our troops are in battle," said Rep. \n',
            "troops are in battle",
            None,
        ),
    ],
)
def test_a_name_near_the_quotation_that_is_not_its_speaker(
    paragraph: str, words: str, speaker: str | None
) -> None:
    assert speaker_of(paragraph.strip(), words=words)[0] == speaker


def test_a_description_with_a_body_name_after_no_comma_is_not_the_body() -> None:
    speaker, _ = speaker_of(
        "Emma Rault, an epidemiologist and director of the group Veritas told the newspaper it "
        "would be remiss to stop the research.",
        "“These malformations are very rare, very specific, and we must search for the cause.”",
    )
    assert speaker != "Veritas" and "Veritas" in (speaker or "the group Veritas")


def test_mrs_and_a_surname_is_not_the_husband_named_in_full() -> None:
    """An article that writes "Orlov" alone for the president and "Mrs. Orlov" for his wife
    never gives her words to "Viktor Orlov"."""
    quotes = quotes_of(
        article_of(
            "President Viktor Orlov is recovering from bronchitis, his wife Vera said.",
            "Mrs. Orlov told the weekly that she hesitated to talk about her husband's health "
            '"when there is so much guessing on this topic in every newspaper."',
            '"The doctors say everything is more or less normal now," Mrs. Orlov said.',
            "Orlov is expected back at work next week.",
        )
    )
    assert {q.speaker for q in quotes} == {"Mrs. Orlov"}


def test_mrs_and_a_surname_is_not_the_husband_in_a_paper_that_writes_mr() -> None:
    """In the newspaper style ("Mr. Orlov" for the president, no bare surname), "Mrs. Orlov"
    is still someone else than "Viktor Orlov"."""
    quotes = quotes_of(
        article_of(
            "President Viktor Orlov underwent heart surgery on Tuesday.",
            "Mr. Orlov is recovering in a hospital outside the capital.",
            'Mrs. Orlov said: "We are very glad the operation on my husband went well and he '
            'will be home soon."',
        )
    )
    assert {q.speaker for q in quotes} == {"Mrs. Orlov"}


def test_a_closing_reporting_clause_does_not_speak_words_someone_else_chanted() -> None:
    """'Protesters chanted "..." as they marched, the mayor said': the mayor reports the
    scene; the chant is not the mayor's words."""
    speaker, attribution = speaker_of(
        'Protesters chanted "We will not give up the fight for the rights of the workers in '
        'this city" as they marched, Mayor Anna Holt said.'
    )
    assert speaker is None and attribution == "unknown"


def test_a_name_before_a_labels_colon_does_not_fill_in_a_surname() -> None:
    """A headline run into the text ("... act like they do for Kim Clapper: It's getting
    harder") makes no "Kim Clapper" of the "Clapper" who speaks."""
    speaker, _ = speaker_of(
        "Related: Trump wants citizens to act like they do for Kim Clapper: It's getting "
        "harder to believe",
        '"Never before have we seen an effort like this mounted by anyone," Clapper said.',
    )
    assert speaker == "Clapper"


def test_a_title_in_every_mention_is_only_style() -> None:
    """Where every mention of the surname has its title ("Ms. Lipman" after "Masha Lipman"),
    the full name is shown."""
    speaker, _ = speaker_of(
        "Masha Lipman, a political analyst at a weekly, spoke in Moscow on Monday.",
        '"You can read this demonstration as a mandate for the party," Ms. Lipman said.',
    )
    assert speaker == "Masha Lipman"


def test_the_role_in_an_apposition_is_the_person_named_not_someone_else() -> None:
    """In "Ricardo Ribeiro, a political consultant, said", the consultant is Ribeiro, not a
    second person "he" could be."""
    assert speaker_of(
        "Ricardo Ribeiro, a Sao Paulo political consultant, said delays could hurt.",
        '"As the population understands the crisis, the popularity will erode," he said.',
    ) == ("Ricardo Ribeiro", "pronoun")


def test_a_role_in_a_clause_after_the_name_is_someone_else() -> None:
    speaker, attribution = speaker_of(
        "Ricardo Ribeiro, who met the finance minister on Monday, said delays could hurt.",
        '"As the population understands the crisis, the popularity will erode," he said.',
    )
    assert (speaker, attribution) == (None, "ambiguous")


def test_a_pronoun_is_not_resolved_past_another_woman_the_subject_acts_on() -> None:
    speaker, attribution = speaker_of(
        "Nora Quinn, 31, remembers arriving at the clinic as a young girl.",
        "As far as she is concerned, Dr. Peter Lang gave her a second chance.",
        '"If I had kept the baby, I would be stuck on welfare or something," she said.',
    )
    assert (speaker, attribution) == (None, "ambiguous")


@pytest.mark.parametrize(
    "before",
    [
        "Rob Feld flew home on Monday after a month of work in Lake Ardo.",
        # Known as a place from another sentence ("in Lake Ardo"), written here without "in".
        "The agency has had a clinic in Lake Ardo since 2019. Rob Feld toured Lake Ardo's "
        "wells on Monday.",
    ],
)
def test_a_place_of_two_words_is_no_rival_for_he(before: str) -> None:
    assert speaker_of(
        before, '"The wells are dry and the children are hungry and tired," he said.'
    ) == ("Rob Feld", "pronoun")


@pytest.mark.parametrize(
    "before",
    [
        # The place is the only name: "he" is nobody the article names.
        "Heavy rain fell on Lake Ardo on Monday, and it did not stop.",
        # "In" before a name that is a person's: Reyes is called by his surname elsewhere.
        "Reyes has scored nine goals this season. Coach Rob Feld said the club had put its "
        "trust in Tom Reyes.",
    ],
)
def test_a_name_after_in_is_a_place_only_when_nothing_says_it_is_a_person(before: str) -> None:
    speaker, attribution = speaker_of(
        before, '"The wells are dry and the children are hungry and tired," he said.'
    )
    assert (speaker, attribution) == (None, "ambiguous")


def test_a_pronoun_before_its_subject_in_an_opening_phrase_is_the_subject() -> None:
    assert speaker_of(
        "After describing how she hugged the three men, Lena Voss earned a standing ovation.",
        '"We must take the first step in understanding others and start healing," she said.',
    ) == ("Lena Voss", "pronoun")


def test_a_name_doing_something_in_between_may_be_who_he_is() -> None:
    """A name not known as a person's, as the subject of a verb in a sentence between the
    pronoun and the speaker before ("Chen delivered"), may be who "he" is."""
    speaker, attribution = speaker_of(
        '"There have been modest improvements in the region," Foley said.',
        "Critics noted that the sentences came a week after Chen delivered a speech in which he "
        "made clear that the reforms would go no further.",
        '"The foreign model of government must never be copied here," he said.',
        words="foreign model",
    )
    assert (speaker, attribution) == (None, "ambiguous")


def test_words_a_participle_gives_to_someone_else_are_not_the_subjects() -> None:
    assert speaker_of(
        "The son inherited a cult of personality: the media began calling him “another leader "
        "sent from the heaven above us all.”"
    ) == (None, "unknown")


def test_somebody_elses_words_are_not_the_subjects() -> None:
    quotes = quotes_of(
        article_of(
            "Zelenskyy dismissed Putin's claim that “Ukraine broke off the talks in 2022, not "
            "Russia” as a lie."
        )
    )
    assert quotes[0].speaker is None


def test_a_spokesman_is_not_the_person_he_speaks_for() -> None:
    speaker, _ = speaker_of(
        '"The president will attend the talks on Thursday," Putin’s spokesman said.'
    )
    assert speaker == "Putin’s spokesman"


def test_the_names_of_speakers_come_from_the_source_text() -> None:
    article = article_of(
        "Ukrainian President Volodymyr Zelenskyy welcomed the offer on Sunday.",
        '"We expect Russia to confirm a full, lasting and reliable ceasefire," Zelenskyy said.',
        '"Our proposal, as they say, is on the table for everyone," Putin stated.',
    )
    quotes = quotes_of(article)
    assert {q.speaker for q in quotes} == {"Volodymyr Zelenskyy", "Putin"}
    for quote in quotes:
        assert quote.speaker is not None
        texts = [e.text for e in quote.speaker_evidence]
        assert any(quote.speaker in text for text in texts)
        assert quote.speaker.split()[-1] in texts[0]
    assert_verbatim(quotes, (article,))


# --- Several outlets ---------------------------------------------------------------------------


def test_the_same_quotation_in_two_outlets_is_one_quote_citing_both() -> None:
    first = article_of(
        '"We are proposing that Kyiv resume direct negotiations without any preconditions," '
        "Putin stated.",
        key="a",
    )
    second = article_of(
        "Russian President Vladimir Putin spoke in a televised address on Sunday night.",
        "“We are proposing that Kyiv resume direct negotiations, without any preconditions!” "
        "said Putin.",
        key="b",
    )
    (quote,) = quotes_of(first, second)
    assert quote.source_ids == (1, 2)
    assert quote.support == 2
    assert quote.speaker == "Vladimir Putin"
    assert [c.sentence_id for c in quote.citations] == ["a:0:0", "b:1:0"]
    assert_verbatim((quote,), (first, second))


def test_a_part_of_a_quotation_in_another_outlet_cites_that_outlet_too() -> None:
    full = article_of(
        '"A potentially great day for Russia and Ukraine! Think of the hundreds of thousands of '
        'lives that will be saved," Trump posted on Truth Social.',
        key="full",
    )
    part = article_of(
        "Former President Trump praised the proposal, calling it a “potentially great day for "
        "Russia and Ukraine” and pledging to keep working with both sides.",
        key="part",
    )
    (quote,) = quotes_of(part, full)
    assert quote.quoted_from == 2
    assert quote.text.startswith("A potentially great day")
    assert quote.source_ids == (1, 2)
    assert quote.citations[0].text == "potentially great day for Russia and Ukraine"
    assert quote.speaker == "Trump"
    assert_verbatim((quote,), (part, full))


def test_outlets_naming_different_speakers_leave_the_speaker_out() -> None:
    first = article_of(
        '"Europe is actually confronting us very openly," said Kremlin spokesman Dmitry Peskov.',
        key="a",
    )
    second = article_of(
        '"Europe is actually confronting us very openly," said President Vladimir Putin.',
        key="b",
    )
    (quote,) = quotes_of(first, second)
    assert (quote.speaker, quote.attribution) == (None, "disputed")
    assert {e.source for e in quote.speaker_evidence} == {1, 2}


def test_short_quotations_worded_differently_are_two_quotations() -> None:
    """Under ten words, a different word makes another quotation: neither outlet carries the
    other's."""
    quotes = quotes_of(
        article_of('"The reaction of the local authorities is totally unacceptable," Fischer said'),
        article_of(
            '"The reaction of the local courts is totally unacceptable," Fischer said.', key="b"
        ),
    )
    assert sorted(q.source_ids for q in quotes) == [(1,), (2,)]


def test_contractions_written_out_are_the_same_quotation() -> None:
    (quote,) = quotes_of(
        article_of('"I\'m personally very happy for myself and my family," Ann Lee said.'),
        article_of('"I am personally very happy for myself and my family," said Ann Lee.', key="b"),
    )
    assert quote.source_ids == (1, 2)


def test_a_common_phrase_is_no_part_of_a_quotation() -> None:
    full = article_of(
        "“Our hearts are broken. It was a privilege to have you in our lives, and may we all "
        "be kind to one another,” the family wrote.",
        key="full",
    )
    part = article_of(
        "They are asking people to “be kind to one another” instead of sending flowers.", key="part"
    )
    quotes = quotes_of(full, part)
    assert only(quotes, "Our hearts").source_ids == (1,)


def test_a_part_of_a_quotation_that_quotes_someone_does_not_name_its_speaker() -> None:
    """The part an outlet gives to the cable network is inside a writer's quotation of
    someone else's words: the network did not say the whole."""
    nested = article_of(
        "THE TRAP: the story had it that “the breaking point was ... a sarcastic statement the "
        "network released ... ‘We learned from a secret back channel that the two leaders both "
        "intend to treat our candidate unfairly when they meet him.’”",
        key="nested",
    )
    part = article_of(
        "“We learned from a secret back channel that the two leaders both intend to treat our "
        "candidate unfairly when they meet him,” the cable network said in a statement.",
        key="part",
    )
    quote = only(quotes_of(nested, part), "breaking point")
    assert quote.source_ids == (1, 2)
    assert quote.speaker is None


def test_a_third_of_a_quotation_names_its_speaker() -> None:
    whole = article_of(
        "He reaffirmed that Clinton would not resign, saying: “The president is going to do what "
        "is in the best interest of the country. It would be wrong to give in to this insidious "
        "politics of personal destruction.”",
        key="whole",
    )
    part = article_of(
        "Lockhart said, “It would be wrong to give in to this insidious politics of personal "
        "destruction.”",
        key="part",
    )
    quote = only(quotes_of(whole, part), "best interest")
    assert (quote.speaker, quote.source_ids) == ("Lockhart", (1, 2))


def test_more_outlets_rank_higher_and_one_voice_does_not_fill_the_section() -> None:
    putin = [
        f'"We are ready to meet in Istanbul on Thursday for talks number {n}," Putin said.'
        for n in ("one", "two", "three")
    ]
    trump = '"It will be a whole new and much better world for everyone," Trump said.'
    quotes = quotes_of(article_of(*putin, trump, key="a"), article_of(putin[0], key="b"))
    assert "number one" in quotes[0].text and quotes[0].support == 2
    assert quotes[1].speaker == "Trump"
    assert [q.score for q in quotes] == sorted((q.score for q in quotes), reverse=True)


# --- The example corpus ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(
    example_articles: tuple[Article, ...], example_sentences: tuple[Sentence, ...]
) -> tuple[Quote, ...]:
    return find_quotes(example_articles, example_sentences)


@pytest.mark.parametrize(
    ("words", "speaker", "sources"),
    [
        ("A potentially great day for Russia and Ukraine!", "Donald Trump", (1, 2, 5)),
        ("The entire world has been waiting for this", "Volodymyr Zelenskyy", (5,)),
        ("positive sign that the Russians have finally begun", "Volodymyr Zelenskyy", (5,)),
        ("We are proposing that Kyiv resume direct negotiations", "Vladimir Putin", (5,)),
        ("Russia is ready to negotiate without any preconditions", "Vladimir Putin", (5,)),
        ("We would like to start immediately", "Vladimir Putin", (3,)),
        ("We are set on serious negotiations with Ukraine", "Vladimir Putin", (3,)),
        ("There is ongoing fighting, war.", "Vladimir Putin", (1,)),
        ("Europe is actually confronting us very openly", "Dmitry Peskov", (3,)),
        ("An unconditional ceasefire is not preceded by negotiations", "Emmanuel Macron", (1,)),
        ("If [Putin] is serious about peace", "Keir Starmer", (1,)),
        ("We’re serious, but we’ll do it on our terms.", None, (1,)),
    ],
)
def test_example_speakers(
    example: tuple[Quote, ...], words: str, speaker: str | None, sources: tuple[int, ...]
) -> None:
    quote = only(example, words)
    assert quote.speaker == speaker
    assert quote.source_ids == sources


def test_example_quotes_are_verbatim_at_their_offsets(
    example: tuple[Quote, ...], example_articles: tuple[Article, ...]
) -> None:
    assert len(example) >= 10
    assert_verbatim(example, example_articles)


def test_example_quotes_come_from_kept_text_only(
    example: tuple[Quote, ...], example_articles: tuple[Article, ...]
) -> None:
    """The social post in the Swiss article is furniture: its copy of Trump's words is not
    cited."""
    trump = only(example, "A potentially great day")
    assert 4 not in trump.source_ids
    for quote in example:
        for citation in quote.citations:
            article = example_articles[citation.source - 1]
            assert (
                article.text[citation.start : citation.end]
                == article.raw_text[citation.start : citation.end]
            )


def test_example_ranking_puts_the_quote_three_outlets_carry_first(
    example: tuple[Quote, ...],
) -> None:
    assert example[0].speaker == "Donald Trump"
    assert example[-1].speaker is None or example[-1].score <= example[0].score
    speakers = [q.speaker for q in example[:6]]
    assert len(set(speakers)) >= 5, speakers


# --- In the briefing ---------------------------------------------------------------------------


def _briefing_with_quotes() -> Briefing:
    """The reference page's example briefing with a quote of each kind: named, unknown,
    disputed; the named one with text that must come out literally."""
    example = example_briefing()
    named = replace(example.quotes[0], speaker="Ann *Lee* <b>", text="We *will* <i>win</i>")
    unknown = replace(named, speaker=None, attribution="unknown", text="Nobody knows who said it")
    disputed = replace(unknown, attribution="disputed", text="Two outlets disagree on this")
    return replace(example, quotes=(named, unknown, disputed))


def test_markdown_lists_the_key_quotes_after_the_themes() -> None:
    md = render_outputs(_briefing_with_quotes(), ["md"], [])["md"].decode("utf-8")
    section = md.split("## Key quotes\n\n", 1)[1].split("\n\n## Coverage", 1)[0]
    assert section.splitlines() == [
        "- **Ann \\*Lee\\* &lt;b>:** “We \\*will\\* &lt;i>win&lt;/i>” [1][2]",
        "- *Speaker not identified:* “Nobody knows who said it” [1][2]",
        "- *Speaker disputed (the sources name different people):* “Two outlets disagree on "
        "this” [1][2]",
    ]
    assert md.index("## Key quotes") > md.index("## The conditions")


def test_html_lists_the_key_quotes_escaped() -> None:
    html = render_outputs(_briefing_with_quotes(), ["html"], [])["html"].decode("utf-8")
    assert '<section class="quotes" id="quotes">' in html
    assert '<span class="speaker">Ann *Lee* &lt;b&gt;:</span> <q>We *will* &lt;i&gt;win' in html
    assert '<span class="speaker unknown">Speaker not identified:</span>' in html
    assert '<a href="#source-2" title="Source 2">2</a></sup></li>' in html


def test_json_carries_each_quote_with_its_evidence() -> None:
    data = json.loads(render_outputs(_briefing_with_quotes(), ["json"], [])["json"])
    first = data["quotes"][0]
    assert list(first) == [
        "text",
        "speaker",
        "attribution",
        "quoted_from",
        "citations",
        "support",
        "score",
        "sentence_id",
        "evidence",
        "speaker_evidence",
    ]
    assert first["citations"] == [1, 2]
    assert first["evidence"][1]["sentence_id"] == "001_notes:4:0"
    assert data["quotes"][1]["speaker"] is None
    assert data["quotes"][2]["attribution"] == "disputed"


def test_an_editor_can_replace_the_quotes_block(tmp_path: Path) -> None:
    (tmp_path / "briefing.md.j2").write_text(
        '{% extends "default:briefing.md.j2" %}\n'
        "{% block quote %}> {{ quote.text|md }} ({{ quote.speaker or 'unknown' }})\n"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    md = render_outputs(_briefing_with_quotes(), ["md"], [tmp_path])["md"].decode("utf-8")
    assert "> Nobody knows who said it (unknown)" in md
    (tmp_path / "briefing.md.j2").write_text(
        '{% extends "default:briefing.md.j2" %}{% block quotes %}{% endblock %}', encoding="utf-8"
    )
    md = render_outputs(_briefing_with_quotes(), ["md"], [tmp_path])["md"].decode("utf-8")
    assert "Key quotes" not in md


def test_max_quotes_caps_the_section_and_zero_leaves_it_out(example_config: Config) -> None:
    analysis = analyse(example_config, root=ROOT)
    assert len(analysis.quotes) > 6
    now = dt.datetime(2025, 5, 11, tzinfo=dt.UTC)
    assert compose_from(analysis, example_config, now=now).quotes == analysis.quotes[:6]
    budget = example_config.summarizer.model_copy(update={"max_quotes": 0})
    none = compose_from(analysis, example_config.model_copy(update={"summarizer": budget}), now=now)
    assert none.quotes == ()
    assert "Key quotes" not in render_outputs(none, ["md"], [])["md"].decode("utf-8")


def test_words_someone_reports_two_people_agreed_to_are_nobodys() -> None:
    """'The White House said the two leaders agreed that "..."': the words are the White
    House's account of the agreement, not words either leader was heard to say."""
    speaker, _ = speaker_of(
        "The White House said Mayor Alan Brody and Governor Ruth Kerr agreed that "
        '"the rebuilding of the harbour will begin with the northern pier" and that work '
        "would start in spring.",
        words="rebuilding of the harbour",
    )
    assert speaker is None


def test_words_someone_reports_another_said_whole_stay_the_others() -> None:
    """Nested reporting of words given whole, after a comma or a colon, keeps the inner
    speaker: only a fragment after "that" is the reporter's account."""
    speaker, _ = speaker_of(
        'Officials said Governor Ruth Kerr had told them: "The harbour stays closed until the '
        'northern pier is safe."',
        words="harbour stays closed",
    )
    assert speaker == "Ruth Kerr"


def test_the_speakers_name_is_written_as_most_outlets_write_it() -> None:
    """One outlet's typo in a name ("Hand Carlsson") is not shown when the others carrying the
    same quotation write "Hans Carlsson"."""
    words = "The earlier information that police gave out was wrong"
    typo = article_of(f'"{words}, and we regret it," police spokesman Hand Carlsson said.', key="a")
    right = [
        article_of(f'"{words}," police spokesman Hans Carlsson said.', key=key) for key in "bc"
    ]
    (quote,) = quotes_of(typo, *right)
    assert quote.speaker == "Hans Carlsson"
    assert quote.support == 3


@pytest.mark.parametrize(
    ("before", "speaker"),
    [
        # Words before a title are what the title is of, not another person.
        ("National Security Adviser Tom Reilly said the talks would go on.", "Tom Reilly"),
        ("Supreme leader Ayatollah Reza Karimi issued a last appeal on Wednesday.", "Reza Karimi"),
        ("Majority Leader Sen. Tom Reilly of Ohio also admitted mistakes.", "Tom Reilly"),
        # A firm or a body where someone works is no other person.
        ("Tom Reilly, an analyst with Morgan Brandt, said costs had fallen.", "Tom Reilly"),
        ("Tom Reilly, a social worker at Kestrel Hospital, said many had no papers.", "Tom Reilly"),
        # A people or a party in the plural is many people, never "he".
        (
            "Rep. Tom Reilly said liberal Democrats and conservative Republicans agreed.",
            "Tom Reilly",
        ),
        ("President Tom Reilly said he would ask the North Koreans to think again.", "Tom Reilly"),
    ],
)
def test_words_that_are_no_person_do_not_make_he_ambiguous(before: str, speaker: str) -> None:
    assert speaker_of(before, '"We are ready to act if the deadline passes," he said.') == (
        speaker,
        "pronoun",
    )


@pytest.mark.parametrize(
    "paragraphs",
    [
        # A group speaking in between: "he" may be one of them.
        (
            "Tom Reilly spoke in Rome on Monday.",
            "Republicans said the bill would pass within the week.",
            '"We are ready to act if the deadline passes," he said.',
        ),
        # A name before a title is still a person when the story names that person in full.
        (
            "Voters cheered Anna Holt and Tom Reed in Rome.",
            "Tom Reed adviser Ann Lee said the plan was ready.",
            '"We are ready to act if the deadline passes," he said.',
        ),
        # The one named is called "his" in a clause after the name: "she" is someone else.
        (
            '"He was only doing his job out there," said a tearful Anna Hale.',
            "Hale, who lives with his parents near London, had been there twice, she said.",
            "She did not blame the company.",
            '"We are ready to act if the deadline passes," she said.',
        ),
    ],
)
def test_he_stays_unknown_when_someone_else_may_be_meant(paragraphs: tuple[str, ...]) -> None:
    assert speaker_of(*paragraphs, words="deadline")[0] is None


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        # A firm named right by the quotation is the speaker, as before.
        (
            '"We will appeal the ruling at once," Morgan Brandt said in a statement.',
            "Morgan Brandt",
        ),
        (
            '"We will appeal the ruling at once," said Tom Reilly, an analyst with Morgan Brandt.',
            "Tom Reilly",
        ),
    ],
)
def test_a_firm_that_speaks_is_still_named(paragraph: str, speaker: str) -> None:
    assert speaker_of(paragraph)[0] == speaker


def test_the_answer_to_a_reporters_question_is_not_the_reporters() -> None:
    quotes = quotes_of(
        article_of(
            '"Will you give up any territory to Russia at all?" a reporter asked. "We will not '
            'accept any ultimatum from Moscow, ever again."'
        )
    )
    assert only(quotes, "any ultimatum").speaker is None


def test_a_person_one_trusts_in_is_no_place() -> None:
    """ "trusted in Donald Trump" names a person, a rival for "he" like any other."""
    speaker, why = speaker_of(
        "Sergei Lavrov dismissed the criticism in Washington and said Russia trusted in "
        "Donald Trump.",
        '"We will not accept any ultimatum from anyone at all," he said.',
    )
    assert speaker is None and why == "ambiguous"


def test_an_outlet_printing_other_words_is_not_cited_for_the_quotation() -> None:
    """ "to be pursuing ... their previous strategy" and "to pursue ... their strategy" are one
    quotation but three words apart in nineteen: only the outlet printing these words is
    cited for them."""
    first = article_of(
        '"It is a little nonsensical for them to be pursuing this course of action but not '
        'inconsistent with their previous strategy," spokesman Josh Earnest said.',
        key="a",
    )
    second = article_of(
        '"It is a little nonsensical for them to pursue this course of action but not '
        'inconsistent with their strategy," spokesman Josh Earnest said.',
        key="b",
    )
    (quote,) = quotes_of(first, second)
    assert quote.speaker == "Josh Earnest"
    assert quote.source_ids == (1,)


def test_a_web_address_in_an_apposition_ends_no_clause() -> None:
    """ "the founder of kidsandcars.org, says" describes the person named before it; its dot
    does not cut the apposition and leave "the founder" as a second person in sight."""
    speaker, how = speaker_of(
        "Jannette Fennell, the founder of kidsandcars.org, says parents should keep a toy in "
        "the car seat.",
        '"Keep a stuffed animal in the car seat when it is empty," she said.',
    )
    assert (speaker, how) == ("Jannette Fennell", "pronoun")


def test_a_long_apposition_still_leads_to_its_speaker() -> None:
    speaker, _ = speaker_of(
        '"These tests replicated what might happen during a shopping trip," Nancy Selover, a '
        "climatologist and research professor at the School of Geographical Sciences and "
        "Urban Planning at Arizona State, said in a statement."
    )
    assert speaker == "Nancy Selover"


@pytest.mark.parametrize(
    "paragraphs",
    [
        # What the story says of the one named before "she": a man, in a clause on him ...
        (
            "Plant manager Victor Lund, who has run the plant since his father retired, met "
            "the inspectors on Sunday.",
            "Governor Maria Santos declared a state of emergency on Monday. Lund said the "
            "company was cooperating fully.",
            '"Every family deserves answers, and they will get them," she said.',
        ),
        # ... a role in an apposition ...
        (
            "Governor Maria Santos declared a state of emergency on Monday. Victor Lund, the "
            "plant's spokesman, said the company was cooperating fully.",
            '"Every family deserves answers, and they will get them," she said.',
        ),
        # ... or a quotation of his the article gave to "he" before.
        (
            "Plant manager Victor Lund said the company was cooperating fully. "
            '"We have opened every record to the inspectors," he said.',
            "Governor Maria Santos declared a state of emergency on Monday. Lund said the "
            "company would pay for the cleanup.",
            '"Every family deserves answers, and they will get them," she said.',
        ),
    ],
)
def test_she_is_not_the_man_named_just_before(paragraphs: tuple[str, ...]) -> None:
    assert speaker_of(*paragraphs, words="Every family") == (None, "ambiguous")


def test_what_is_said_of_one_bearer_of_a_surname_is_not_said_of_another() -> None:
    # Imer Delijaj is "he"; Vjosa Delijaj, "she", is still the one named before her words.
    speaker = speaker_of(
        'Imer Delijaj said he stayed behind. "I told them I was getting the animals out," he said.',
        "Vjosa Delijaj, 39, recalled how she fled into the woods.",
        '"I could feel the dirt hitting me from the bullets," she said.',
        words="dirt",
    )
    assert speaker == ("Vjosa Delijaj", "pronoun")


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            '"We are trying to be patient with them," said the commander, Gen. Aydin Korkmaz.',
            "Aydin Korkmaz",
        ),
        ('"I am very sad and disappointed today," said the league chief, Dana Holt.', "Dana Holt"),
        # A place or a date in the apposition is no one: the description stays.
        ('"We are trying to be patient with them," said the mayor, Monday.', "the mayor"),
        ('"We are trying to be patient with them," said the mayor, Ankara.', "the mayor"),
        ('"We are trying to be patient with them," said the mayor, Ankara Province.', "the mayor"),
    ],
)
def test_a_name_in_an_apposition_after_the_description_is_the_speaker(
    paragraph: str, speaker: str
) -> None:
    assert speaker_of(paragraph)[0] == speaker


@pytest.mark.parametrize(
    ("before", "speaker"),
    [
        ("Ohio Gov. Lena Marsh had warned that protesters were not welcome.", "Lena Marsh"),
        # Two governors: "the governor" may be either.
        (
            "Ohio Gov. Lena Marsh and Indiana Gov. Paul Dunne had warned that protesters were "
            "not welcome.",
            "The governor",
        ),
    ],
)
def test_a_title_written_short_is_the_description_spelt_out(before: str, speaker: str) -> None:
    assert (
        speaker_of(
            before, 'The governor added, "What we do not need is more trouble in this town."'
        )[0]
        == speaker
    )


@pytest.mark.parametrize(
    ("paragraph", "key"),
    [
        # The subject is outside the marks: shown alone, the words read as the speaker's act.
        (
            'Farid Nasser said the president "will head within the next few hours to the '
            'capital to hold talks."',
            False,
        ),
        (
            'Farid Nasser said the king "backs dialogue for solving disputes and not threats."',
            False,
        ),
        (
            'Farid Nasser said the president "also will head within the next few hours to the '
            'capital to hold talks."',
            False,
        ),
        (
            'The minister called the report "about the authorities and the politicians in power."',
            False,
        ),
        # A piece of a sentence that has its own subject, or is a noun phrase, reads alone.
        ('Farid Nasser said "it will take some time for the region to work its way out."', True),
        ('Farid Nasser said that "nature is a lot more powerful than all of us are."', True),
        ('Farid Nasser said "but we will probably give them the vote in the end anyway."', True),
        ('Farid Nasser called the plan "just an excuse for them to stay abroad for good."', True),
    ],
)
def test_a_piece_of_a_sentence_is_a_key_quote_only_if_it_reads_alone(
    paragraph: str, key: bool
) -> None:
    assert bool(quotes_of(article_of(paragraph))) is key


def test_a_copy_does_not_count_as_another_outlet_when_ranking() -> None:
    copied = '"The dam will hold through the winter and the town is safe," Mayor Ines Roth said.'
    independent = '"We will rebuild the bridge before the first snow falls," said Karl Ebner.'
    articles = (
        article_of(copied, key="wire"),
        article_of(copied, key="paper"),  # the wire story, printed again
        article_of(independent, key="radio"),
        article_of(independent, key="daily"),
    )
    sentences = [s for a in articles for s in split_sentences(a)]
    copy = Copy("paper", "wire", "wire", "verbatim", 1, 1)
    without, with_copy = (
        find_quotes(articles, sentences),
        find_quotes(articles, sentences, (), [copy]),
    )
    assert [q.speaker for q in without] == ["Ines Roth", "Karl Ebner"]  # two outlets each
    assert [q.speaker for q in with_copy] == ["Karl Ebner", "Ines Roth"]  # two reports, one
    # Every outlet carrying the quotation is still cited.
    assert [q.source_ids for q in with_copy] == [(3, 4), (1, 2)]


GUNS = (
    '"Guns are what people are using," the Republican senator from Ohio said Sunday on '
    'NBC\'s "Meet the Press." "But violence is our problem, and that is where we must start."'
)


def test_a_quotation_and_the_one_going_on_with_it_are_one_quote() -> None:
    article = article_of(GUNS)
    (quote,) = quotes_of(article)
    assert quote.text == (
        "Guns are what people are using … But violence is our problem, and that is where we "
        "must start."
    )
    assert quote.speaker == "the Republican senator from Ohio"
    # Each half is cited where it stands, verbatim.
    assert [c.text for c in quote.citations] == quote.text.split(" … ")
    assert_verbatim((quote,), (article,))


def test_an_outlet_printing_only_half_of_a_speech_is_not_cited_for_it() -> None:
    whole = article_of(GUNS, key="whole")
    half = article_of('"Guns are what people are using," the senator said.', key="half")
    quotes = quotes_of(whole, half)
    # One quote, the whole speech, citing the outlet printing all of it: never the first half
    # alone (the opposite of what was said), nor the second (it goes on with the first).
    assert [(q.text.count(" … "), q.source_ids) for q in quotes] == [(1, (1,))]


def test_a_speech_opens_with_words_too_short_to_be_a_quote_of_their_own() -> None:
    (quote,) = quotes_of(
        article_of(
            '"Sure, it\'s frustrating," said Ana Reyes, the launch director. "But we do '
            'things right, and we are not going to cut any corners."'
        )
    )
    assert quote.text.startswith("Sure, it's frustrating … But we do things right")
    assert quote.speaker == "Ana Reyes"
    # "It's the World Series" is said, not the title of a show between two quotations.
    (quote,) = quotes_of(
        article_of(
            '"It\'s the World Series," said Tino Marsh. "You have to go out there and have fun '
            'with it."'
        )
    )
    assert quote.speaker == "Tino Marsh" and " … " in quote.text


def test_words_a_sentence_reports_of_someone_else_are_not_its_sayers() -> None:
    """A piece of a clause reporting a charge or another person's words, with the sentence's
    own sayer named after it: the words are not the sayer's, and who spoke them is not said."""
    charge = (
        'Officials learned on Wednesday that Lin is held on suspicion of "having harmed the '
        'security of the state and its people in many ways," spokesman Ivo Marek said.'
    )
    assert speaker_of(charge, words="having harmed") == (None, "ambiguous")
    relayed = (
        'Coach Dan Ferris said bringing the two players back would allow him to "see what '
        'they learned abroad bring to the national team," the Harbour Sports Daily said.'
    )
    assert speaker_of(relayed, words="see what") == (None, "ambiguous")
    # The sayer's own fragment, or a quotation he interrupts himself, stays his.
    own = 'Falling prices were "a worry for every farmer in the valley this year," Ivo Marek said.'
    assert speaker_of(own, words="a worry") == ("Ivo Marek", "sentence")
    before = "Flight director Ivo Marek spoke to reporters on Monday."
    interrupted = (
        '"Waiting out the storm would be a judgment call," he said, "because you would use up '
        'a lot of precious fuel doing it," Marek said.'
    )
    assert speaker_of(before, interrupted, words="precious fuel")[0] == "Ivo Marek"


def test_a_speech_opening_on_one_word_keeps_it() -> None:
    """'"No," said Smith. "But ..."': the second half shown alone would say the opposite of the
    whole; the one-word opening is kept as its first part. A quoted term is no opening."""
    (quote,) = quotes_of(
        article_of(
            '"No," said Mayor Ann Smith. "But we do things right here in this town every '
            'single day."'
        )
    )
    assert quote.text.startswith("No … But we do things right")
    assert (quote.speaker, quote.attribution) == ("Ann Smith", "continued")
    (term,) = quotes_of(
        article_of(
            'Mayor Ann Smith called the fire "arson." "We will find whoever set it and bring '
            'them to court," the police chief said.'
        )
    )
    assert term.text.startswith("We will find") and term.speaker == "the police chief"


def test_a_place_after_the_description_is_no_name_for_it() -> None:
    """'said the mayor, Los Angeles.' where the story tells of "in Los Angeles": the place the
    mayor is of, not a person; "Karen Bass" in the same place is the mayor's name."""
    lead = "The fire in Los Angeles destroyed 200 homes on Monday night, officials said."
    said = (
        '"We have never seen anything like this in all the years I have served," said the '
        "mayor, {}."
    )
    assert speaker_of(lead, said.format("Los Angeles"), words="never seen")[0] == "the mayor"
    assert speaker_of(lead, said.format("Karen Bass"), words="never seen")[0] == "Karen Bass"
