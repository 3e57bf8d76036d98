"""Tests for briefing.editorial: which sentences can stand alone as points (``judge``) and which
lean on the sentence before (``leans_on_context``). Table-driven: each row is a sentence and what
an editor would say about it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.editorial import is_assertion, judge, judge_sentences, leans_on_context
from briefing.ingest import load_articles
from briefing.models import Sentence
from briefing.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "putin-talks"
MIN_WORDS, MAX_WORDS = 7, 70


def verdict(text: str):  # type: ignore[no-untyped-def]
    return judge(text, "a:0:0", min_words=MIN_WORDS, max_words=MAX_WORDS)


# --- usable ------------------------------------------------------------------------------------

USABLE = [
    "Vladimir Putin offered direct talks with Ukraine in Istanbul on Thursday.",
    "The US and its European allies have demanded an unconditional ceasefire first.",
    "Moscow has also called on the U.S. to recognize Russia’s control over these areas.",
    # First person inside quotation marks is the speaker's, not the writer's.
    "“We are set on serious negotiations with Ukraine,” Putin affirmed on Sunday evening.",
    "Putin said: “I’m open to peace, and we will meet our partners in Istanbul.”",
    '"We are proposing that Kyiv resume direct negotiations," Putin stated in an address.',
    "Kremlin spokesman Dmitry Peskov remarked, “Europe is actually confronting us very openly.”",
    '"It was not Russia that broke off negotiations in 2022. It was Kyiv," Putin asserted.',
    "Ukraine launched attacks using 524 aerial drones and 45 sea drones, Moscow said.",
    # Exactly the minimum number of words.
    "Zelensky welcomed the proposal on Sunday evening.",
]


@pytest.mark.parametrize("text", USABLE)
def test_usable(text: str) -> None:
    result = verdict(text)
    assert result.usable, result.reasons
    assert result.reasons == ()
    assert result.sentence_id == "a:0:0"
    assert is_assertion(result)


# --- not usable, with the reason -----------------------------------------------------------------

UNUSABLE = [
    (
        "&UR; &LR; U.S. officials in Beijing urged the government to release the dissident.",
        "typesetting codes",
    ),
    ("Does Vladimir Putin really want peace in Ukraine after three years of war?", "question"),
    ("The minister asked: “Is this really a serious offer of peace from Moscow?”", "question"),
    ('The minister asked: "Is this really a serious offer of peace from Moscow?"', "question"),
    ("Direct talks with Ukraine, scheduled for next Thursday in Istanbul", "no sentence ending"),
    ("The talks in Istanbul, according to officials in Ankara:", "no sentence ending"),
    ("which he described as a serious offer to end the fighting.", "starts in lower case"),
    ("“and then we will see what happens in Istanbul,” Putin said.", "starts in lower case"),
    ("Putin walked out.", "fewer than 7 words"),
    ("Yet no questions were taken.", "fewer than 7 words"),
    ("Putin " + "spoke about the war and " * 15 + "left.", "more than 70 words"),
    # The writer's own voice.
    (
        "A small group of foreign journalists, including myself, joined Russian reporters.",
        "writer's first person",
    ),
    (
        "And let’s not forget — it was Putin who ordered the full-scale invasion in 2022.",
        "writer's first person",
    ),
    (
        "We've seen it before: Vladimir Putin doesn’t respond well to ultimatums from Europe.",
        "writer's first person",
    ),
    ("Our reporters in Kyiv saw the damage caused by the drone attack.", "writer's first person"),
    ("Several of us were in the hall when Putin delivered his statement.", "writer's first person"),
    ("I asked the Kremlin spokesman whether a ceasefire was possible.", "writer's first person"),
    # Furniture that survived cleaning.
    (
        "Read the full statement at https://www.kremlin.ru/events/president/news today.",
        "link or call to action",
    ),
    (
        "The statement is online at example.com/events/president/news since Sunday.",
        "link or call to action",
    ),
    (
        "The statement was posted by @KremlinRussia_E on Sunday night after the address.",
        "link or call to action",
    ),
    (
        "Subscribe to our newsletter to get the latest news about the talks.",
        "link or call to action",
    ),
    (
        "It will be a whole new WORLD.” pic.twitter.com/iicgrRJY8X — Dan Scavino (@Scavino47) "
        "May 11, 2025",
        "link or call to action",
    ),
    # A quotation opened and not closed in this sentence cannot be quoted whole.
    ("Putin declared: “There is ongoing fighting, war and no ceasefire.", "quotation left open"),
    (
        'The minister said "the talks in Istanbul will take place on Thursday.',
        "quotation left open",
    ),
    ("There is ongoing fighting in the east, the general told reporters.”", "quotation left open"),
    # The reader addressed, outside quotations: a site's notice, not news.
    ("You always have the option to delete your Tweet location history.", "addresses the reader"),
    # Photo captions and credits.
    (
        "New Jersey Gov. Chris Christie, center, speaks during a press conference on Tuesday.",
        "photo caption or credit",
    ),
    (
        "FILE - In this June 14, 2012 file photo, President Barack Obama speaks in Cleveland.",
        "photo caption or credit",
    ),
    ("Associated Press writer David Porter contributed to this report.", "photo caption or credit"),
    (
        "A man watches a televised address by the emir in Doha, Qatar,Tuesday, June 25, 2013.",
        "photo caption or credit",
    ),
    # A teaser cut off mid-thought.
    ("Police named the officer who shot the teenager and then more videos ...", "trails off"),
    # Announcing what follows, which is not in the sentence (a removed post, the next lines).
    (
        "On Sunday, the minister's aide posted the following message to her followers.",
        "points to what follows",
    ),
    ("Here are the main points of the Kremlin's proposal for the talks.", "points to what follows"),
    (
        "The main points of the Kremlin's proposal for the talks were as follows.",
        "points to what follows",
    ),
]


@pytest.mark.parametrize(("text", "reason"), UNUSABLE)
def test_unusable(text: str, reason: str) -> None:
    result = verdict(text)
    assert not result.usable
    assert reason in result.reasons, result.reasons


@pytest.mark.parametrize(
    ("text", "assertion"),
    [
        ("Does Vladimir Putin really want peace in Ukraine after three years of war?", False),
        ("Subscribe to our newsletter to get the latest news about the talks.", False),
        ("A small group of foreign journalists, including myself, joined Russian reporters.", True),
        ("Putin declared: “There is ongoing fighting, war and no ceasefire.", True),
        ("Putin " + "spoke about the war and " * 15 + "left.", True),
    ],
)
def test_is_assertion(text: str, assertion: bool) -> None:
    assert is_assertion(verdict(text)) is assertion


def test_word_limits_come_from_the_caller() -> None:
    text = "Zelensky welcomed the proposal on Sunday evening."
    assert judge(text, min_words=7, max_words=70).usable
    assert "fewer than 8 words" in judge(text, min_words=8, max_words=70).reasons
    assert "more than 6 words" in judge(text, min_words=1, max_words=6).reasons


# --- leaning on context ----------------------------------------------------------------------

DEPENDENT = [
    # More of what an earlier sentence counted; "it" speaking, named before.
    "Eight other people were wounded, the governor said.",
    "Police said another 173 people were injured in the blaze.",
    "Another 19 states do not include such crimes in their laws.",
    "Meanwhile, it says, the old government is holding power illegally.",
    # An item of a list; "Others" than those told before.
    "_ People aged 40 to 75 with diabetes should take the drug.",
    "Others scraped mud off the floors of the flooded houses.",
    # "Now" opens on a change from what the story told before.
    "Now, with markets fearful, its debts have become crucial.",
    "He insists he does want peace, but only on Russia’s own terms and conditions.",
    "She told reporters that the talks would begin in Istanbul on Thursday.",
    "They underscore their commitment to address the growing conflict in Ukraine.",
    "This suggests that Russia is likely to continue its military operations in Ukraine.",
    "These demands were dismissed by the Kremlin as ultimatums on Sunday.",
    "But his refusal to halt hostilities suggests that Moscow is not serious about peace.",
    "And the very first step in truly ending any war is a ceasefire, officials said.",
    "Otherwise, they would increase the pressure on Moscow through new sanctions.",
    "Such a ceasefire would have to be monitored by international observers.",
    # A pronoun before anyone is named.
    "Though he offered no specifics, his remarks were a response to warnings from Europe.",
    "After his speech, Putin walked out of the hall without taking any questions.",
    # A quotation with no speaker, or an unnamed one.
    "“We would like to start immediately, already next Thursday, in Istanbul.”",
    '"Russia is ready to negotiate without any preconditions."',
    "“We are set on serious negotiations with Ukraine,” he affirmed, indicating readiness.",
    '"We are set on serious negotiations with Ukraine," he affirmed on Sunday.',
    '"We are ready to talk in Istanbul on Thursday," she said after the meeting.',
    "“The decision is now up to the authorities in Kyiv,” the statement said.",
    # Ends on a reference to what came before.
    "For Kiev, a ceasefire with Russia on all front lines is a condition for this.",
    "European leaders in Kyiv said that they would not accept it.",
    # Contractions lean like the words they contract.
    "It’s the first successful end to a global climate summit in many years.",
    "That’s what the candidate said he was reacting to on Tuesday night.",
    # A quotation that opens on an unnamed "he".
    "“He will not be participating in the debate on Thursday,” Lewandowski said.",
    # Pointing back with a demonstrative.
    "Leaders said the summit would ensure that this pledge is met by every country.",
    "Putin dismissed these demands from the European leaders as ultimatums.",
    # Attributed to "he", "she" or "they" with nobody named who could be meant.
    "Local officials will meet the delegation in Istanbul on Thursday, he added.",
    "Doctors worry that the shelling will reach the hospital next, she said.",
    "The Kremlin, he said, is ready to send a delegation to Istanbul.",
    "Asked about the ceasefire, she said: “Russia must stop first.”",
    "Mr. Putin’s offer, they said, was a way to gain time in Ukraine.",
    # Opening on a time, a turn or a case told before.
    "Since then, Zelensky has repeated that a ceasefire must come first.",
    "With that as a prelude, Peskov read out the Kremlin's conditions for the talks.",
    "By then, the delegations had already left the palace in Istanbul.",
    "At the time, Russia denied that its troops were massing near the border.",
    "Under the first outcome, the talks in Istanbul would end without a ceasefire.",
    "In that case, the European leaders would impose new sanctions on Moscow.",
    "Afterward, Peskov said the Kremlin would send a delegation to Istanbul.",
    "By comparison, only two delegations came to the talks in Geneva last year.",
    "If approved, the ceasefire would begin at midnight on Monday.",
    # One of several told before.
    "A third delegate, Ivan Orlov, was also arrested in Istanbul on Monday.",
    "One, a former diplomat, said the talks in Istanbul would fail.",
    # A subject only the sentence before can say: a bare comment, move, decision, outcome ...
    "The comment came in response to a question about the ceasefire in Ukraine.",
    "The move angered European leaders, who had demanded a ceasefire first.",
    "The decision was welcomed in Kyiv on Sunday evening.",
    "The statement said Russia was ready to resume negotiations in Istanbul.",
    # ... or any bare subject set beside another event.
    "The talks come as Russia has massed troops near the border with Ukraine.",
    "The attack came one day after a similar drone strike hit the capital.",
    # An aside in brackets, or the end of one.
    "(Russia annexed Crimea before the first round of talks in Istanbul.)",
    "[The Kremlin later denied that Putin had set any conditions.]",
    "The delegations met in the same palace in Istanbul in 2022.)",
]

SELF_CONTAINED = [
    "For its part, Ukraine has accused Russia of stalling the talks in Istanbul.",
    "The second week of the talks in Istanbul ended without a ceasefire.",
    # "other" counted or named within the sentence, or a length of time.
    "The army said 12 soldiers and two other officers were killed.",
    "The United States and 15 other nations will build the station.",
    "Officials said the inquiry could take another three weeks to finish.",
    "Other countries, including France, said they would send aid.",
    "Meanwhile, French President Emmanuel Macron called the proposal a first step.",
    "Vladimir Putin offered direct talks with Ukraine in Istanbul on Thursday.",
    '"It was not Russia that broke off negotiations in 2022. It was Kyiv," Putin asserted.',
    "“We are set on serious negotiations with Ukraine,” Putin affirmed on Sunday evening.",
    "“We would like to start immediately, in Istanbul,” said Putin.",
    "In June, Putin said that Ukraine must renounce its aspirations to join NATO.",
    "On Saturday, Keir Starmer said Putin has a chance to show he is serious.",
    "Last night, Putin declared that the fighting would go on during the talks.",
    "The Kremlin said Putin would discuss the matter with Turkish President Erdoğan.",
    "Zelensky and Putin are open to peace negotiations in Istanbul next week.",
    "Putin has repeatedly explained the conditions under which he would recall his forces.",
    "May 15 was set as the date for the first round of talks in Istanbul.",
    "Trump wrote that the talks must happen, adding: “We will see what happens.”",
    "Leaders from France and Germany will meet this week to discuss new sanctions.",
    "The ultimatum was backed by leaders such as Keir Starmer and Friedrich Merz.",
    # "he" after the person named: the pronoun is not the speaker, or stands for the subject.
    "Putin said he would send a delegation to Istanbul on Thursday.",
    "Zelensky insists that a ceasefire must come first, but the talks, he says, can start.",
    "Keir Starmer has warned that Russia, he said, is stalling for time in Ukraine.",
    "Sanctions will follow if Moscow refuses, they said, according to Macron.",
    # "the following" day or year; a list given in the sentence after its colon.
    "Russia invaded Crimea in 2014 and annexed it the following month.",
    "Officials said the following cities were hit: Kharkiv, Odesa and Dnipro.",
    # A definite subject that says itself which one it is, or a time that is not "then".
    "The talks will resume in Istanbul on Thursday, Turkish officials said.",
    "The decision of the European leaders to demand a ceasefire surprised Moscow.",
    "The statement released by the Kremlin on Sunday called for direct talks.",
    "At the time of the attack, Putin was addressing reporters in the Kremlin.",
    "By the time the delegations arrived in Istanbul, the fighting had resumed.",
    "In the first half of May, Russian drones hit Kyiv eleven times.",
]


@pytest.mark.parametrize("text", DEPENDENT)
def test_leans_on_context(text: str) -> None:
    assert leans_on_context(text)
    assert verdict(text).dependent


@pytest.mark.parametrize("text", SELF_CONTAINED)
def test_stands_alone(text: str) -> None:
    assert not leans_on_context(text)
    assert not verdict(text).dependent


def test_a_day_name_after_a_quotation_is_not_a_speaker() -> None:
    """Naming the day does not say who spoke: both sentences lean on context alike."""
    without_day = "“The decision is now up to the authorities in Kyiv,” the statement said."
    with_day = "“The decision is now up to the authorities in Kyiv,” the statement said on Monday."
    assert leans_on_context(without_day)
    assert leans_on_context(with_day)


def test_dependent_sentences_can_still_be_usable() -> None:
    result = verdict("This suggests that Russia is likely to continue its military operations.")
    assert result.usable and result.dependent


# --- the example corpus ----------------------------------------------------------------------


def test_example_corpus_verdicts() -> None:
    articles, _ = load_articles(EXAMPLES)
    sentences = [s for a in articles for s in split_sentences(a)]
    verdicts = judge_sentences(sentences, min_words=MIN_WORDS, max_words=MAX_WORDS)
    assert set(verdicts) == {s.id for s in sentences}
    by_text = {s.text: verdicts[s.id] for s in sentences}

    def find(start: str):  # type: ignore[no-untyped-def]
        (match,) = [v for t, v in by_text.items() if t.startswith(start)]
        return match

    assert not find("Putin’s counterproposal?").usable
    assert "writer's first person" in find("Putin's announcement was made during").reasons
    assert "writer's first person" in find("And let’s not forget").reasons
    assert "writer's first person" in find("We've seen it before").reasons
    # Ends on the quoted question: reported as a question, as the rule says.
    assert find("Last night, addressing a small group").reasons == ("question",)
    assert find("French President Emmanuel Macron, by contrast").usable
    assert find('"It was not Russia that broke off').usable
    assert not find('"It was not Russia that broke off').dependent
    assert find("“We are set on serious negotiations").dependent
    assert find("For Kiev, a ceasefire is a condition for this.").dependent
    usable = sum(v.usable for v in verdicts.values())
    assert 0.5 * len(verdicts) < usable < len(verdicts)


def _paragraphs(*paragraphs: list[str]) -> list[Sentence]:
    """The sentences of one article, paragraph by paragraph."""
    sentences: list[Sentence] = []
    for number, texts in enumerate(paragraphs):
        for index, text in enumerate(texts):
            sentence_id = f"a:{number}:{index}"
            position = len(sentences)
            sentences.append(Sentence(sentence_id, "a", number, index, position, 0, 1, text))
    return sentences


@pytest.mark.parametrize(("opening", "closing"), [("“", "”"), ('"', '"')])
def test_sentences_inside_a_quotation_over_several_paragraphs_are_the_speakers(
    opening: str, closing: str
) -> None:
    """A paragraph leaves a quotation open and the next opens on a quotation mark: the
    sentences up to the closing mark are the speaker's words, never a plain point."""
    sentences = _paragraphs(
        [f"Zelensky said in a statement: {opening}Russia must stop the killing first."],
        [
            f"{opening}Ukraine is ready to meet in Istanbul on Thursday.",
            "Russian drones struck Kyiv again on Sunday night, killing two people.",
        ],
        [
            f"{opening}The world is watching what Moscow does next.",
            "The ceasefire must begin on Monday, with no exceptions.",
            f"Europe stands with Ukraine,{closing} he said.",
        ],
        ["Russian drones struck Kyiv again on Sunday night, the city's mayor said."],
    )
    verdicts = judge_sentences(sentences, min_words=3, max_words=80)
    inside = [s.text for s in sentences if "inside a quotation" in verdicts[s.id].reasons]
    assert inside == [
        f"{opening}Ukraine is ready to meet in Istanbul on Thursday.",
        "Russian drones struck Kyiv again on Sunday night, killing two people.",
        f"{opening}The world is watching what Moscow does next.",
        "The ceasefire must begin on Monday, with no exceptions.",
    ]
    assert not any(verdicts[s.id].usable for s in sentences[:-1])
    assert verdicts[sentences[-1].id].usable
    assert all(is_assertion(verdicts[s.id]) for s in sentences if s.text in inside)


def test_a_quotation_left_open_without_the_convention_is_not_trusted() -> None:
    """A stray mark, or a quotation left open before a paragraph that does not open on a
    quotation mark, says nothing about the sentences after it."""
    sentences = _paragraphs(
        ["Zelensky said in a statement: “Russia must stop the killing first.", "Ukraine is ready."],
        ["Russian drones struck Kyiv again on Sunday night, killing two people."],
        ["“Europe stands with Ukraine,” Macron said on Sunday in Kyiv."],
    )
    verdicts = judge_sentences(sentences, min_words=3, max_words=80)
    assert verdicts[sentences[1].id].usable
    assert verdicts[sentences[2].id].usable


def test_taking_up_the_issue_leans_on_the_sentence_before() -> None:
    """ "Warden raised the issue": the issue is the one the sentence before told. The same
    words in an article's first sentence raise the issue the sentence itself tells."""
    texts = [
        "The EU condemned the drone strike on Kyiv and will raise the issue in Istanbul.",
        "Macron said he would raise the issue with Putin at the summit in Istanbul.",
        "Macron said he would raise the issue of the prisoners with Putin in Istanbul.",
    ]
    sentences = [Sentence(f"a:0:{i}", "a", 0, i, i, 0, len(t), t) for i, t in enumerate(texts)]
    verdicts = judge_sentences(sentences, min_words=3, max_words=80)
    assert [verdicts[s.id].dependent for s in sentences] == [False, True, False]


def test_the_answer_to_the_writers_own_question_leans_on_it() -> None:
    """ "Putin's counterproposal? Direct talks ..., scheduled for Thursday." The answer needs its
    question; after a quoted question, or in another paragraph, a sentence stands alone."""
    texts = [
        (0, "Putin's counterproposal?"),
        (0, "Direct talks with Ukraine, scheduled for next Thursday in Istanbul."),
        (1, '"Will the talks happen at all?"'),
        (1, "Officials in Ankara said they were ready to host the talks on Thursday."),
        (2, "Direct talks with Ukraine are scheduled for next Thursday in Istanbul."),
    ]
    sentences = [
        Sentence(f"a:{p}:{i}", "a", p, i, i, 0, len(t), t) for i, (p, t) in enumerate(texts)
    ]
    verdicts = judge_sentences(sentences, min_words=3, max_words=80)
    assert [verdicts[s.id].dependent for s in sentences[1::2]] == [True, False]
    assert not verdicts[sentences[4].id].dependent
