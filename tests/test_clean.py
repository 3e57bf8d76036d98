"""Tests for briefing.clean: page furniture is masked (on the example corpus and on synthetic
pages with other furniture), real paragraphs are kept, hard-wrapped prose is joined, and the
cleaned text keeps every offset of the raw text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.clean import clean_text
from briefing.ingest import load_articles
from briefing.models import Article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "putin-talks"

ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@pytest.fixture(scope="module")
def corpus() -> dict[str, Article]:
    articles, _ = load_articles(EXAMPLES)
    return {a.key[:3]: a for a in articles}


def kept(raw: str, **kwargs: bool | str | None) -> list[str]:
    cleaned = clean_text(raw, **kwargs)  # type: ignore[arg-type]
    return [raw[s:e] for s, e in cleaned.paragraphs]


# --- the example corpus ---------------------------------------------------------------------

FURNITURE = [
    "Leave A Comment",
    "Live Tv",
    "Newsletter",
    "Subscribe to our newsletter",
    "Shop on Amazon",
    "Previous Post Next Post",
    "KEYSTONE",
    "Stefan Michel",
    "Show more",
    "pic.twitter.com",
    "@Scavino47",
    "(@East_Calling)",
    "Peskov to CNN Source",
    "Offers create pressure",
    "The ball is in Washington's court",
]


@pytest.mark.parametrize("furniture", FURNITURE)
def test_example_furniture_is_masked(corpus: dict[str, Article], furniture: str) -> None:
    # The strings are really in the files: the test would notice if they were not masked.
    assert any(furniture in a.raw_text for a in corpus.values())
    for article in corpus.values():
        assert furniture not in article.text, article.key


def test_example_foreign_script_footer_is_masked(corpus: dict[str, Article]) -> None:
    assert ARABIC.search(corpus["001"].raw_text)
    for article in corpus.values():
        assert not ARABIC.search(article.text), article.key


def test_example_headlines_are_metadata_not_text(corpus: dict[str, Article]) -> None:
    headline = "Putin's talks offer could be bid to drive wedge between US and Europe"
    assert corpus["001"].raw_text.count(headline) == 2
    assert corpus["001"].text.count(headline) == 0
    for key in ("000", "003", "004"):
        title = corpus[key].title
        assert title is not None
        assert title not in corpus[key].text


def test_example_emoji_post_is_masked(corpus: dict[str, Article]) -> None:
    assert "during the old history" in corpus["003"].raw_text
    assert "during the old history" not in corpus["003"].text


@pytest.mark.parametrize(
    ("key", "sentence"),
    [
        ("000", "We've seen it before: Vladimir Putin doesn’t respond well to ultimatums"),
        ("000", "But until the bombs stop falling, the talk of peace remains just that — talk."),
        ("001", "In recent developments concerning the ongoing conflict in Ukraine"),
        ("001", "This approach underscores the controlled and calculated nature"),
        ("002", "At the debate, Putin’s offer—which Russia has since denied"),
        ("002", "This would be a promising development."),
        ("003", "And not the first one to be discussed."),
        ("003", "Macron and Merz agreed with him in this position."),
        ("003", "The known positions of Kiev and Moscow are far apart."),
        ("004", '"It was not Russia that broke off negotiations in 2022. It was Kyiv," Putin'),
        ("004", "hoping for a breakthrough that can lead to a lasting peace in Ukraine."),
    ],
)
def test_example_prose_is_kept(corpus: dict[str, Article], key: str, sentence: str) -> None:
    article = corpus[key]
    assert sentence in article.text
    assert any(sentence in article.text[s:e] for s, e in article.paragraphs)


def test_example_paragraphs_are_ordered_and_disjoint(corpus: dict[str, Article]) -> None:
    for article in corpus.values():
        ends = [0]
        for start, end in article.paragraphs:
            assert ends[-1] <= start < end
            assert article.text[start:end] == article.raw_text[start:end]
            assert article.text[start:end] == article.text[start:end].strip()
            ends.append(end)
        # Nothing outside the kept paragraphs survives masking.
        outside = list(article.text)
        for start, end in article.paragraphs:
            outside[start:end] = " " * (end - start)
        assert "".join(outside).strip() == ""


# --- a synthetic page with other furniture ----------------------------------------------------

HEADLINE = "Leaders agree to meet in Vienna next month"
P1 = (
    "The leaders of both countries agreed on Tuesday to meet in Vienna next month, the "
    "foreign ministry said in a statement."
)
P2 = "The talks will focus on the exchange of prisoners and on a possible ceasefire."
P3 = "Officials in both capitals described the agreement as a cautious step forward."
P4_LINES = (
    "Analysts said the meeting could still be cancelled if fighting escalates in",
    "the coming weeks, which has happened twice this year before planned talks.",
)
P5 = "A spokesman for the government in Vienna said the city was ready to host both delegations."
SYNTHETIC = f"""Home | Politics | World

{HEADLINE}

By Jane Doe

Photo: AFP

{HEADLINE}

{P1}

Sign up for our daily newsletter.

{P2} Continue reading

Read more

{P3}

"We are ready to talk," the minister wrote. — Anna Smith (@annasmith) June 3, 2024

{P4_LINES[0]}
{P4_LINES[1]}

📷 Follow our photographers on their travels around the world.

{P5}

Подпишитесь на наш канал, чтобы не пропустить новости.
"""


def test_synthetic_page_keeps_every_real_paragraph_and_nothing_else() -> None:
    assert kept(SYNTHETIC) == [P1, P2, P3, "\n".join(P4_LINES), P5]


@pytest.mark.parametrize(
    "furniture",
    [
        "Home | Politics | World",
        HEADLINE,
        "By Jane Doe",
        "Photo: AFP",
        "Sign up for our daily newsletter.",
        "Continue reading",
        "Read more",
        "(@annasmith)",
        "We are ready to talk",
        "Follow our photographers",
        "Подпишитесь",
    ],
)
def test_synthetic_furniture_is_masked(furniture: str) -> None:
    cleaned = clean_text(SYNTHETIC)
    assert furniture in SYNTHETIC
    assert furniture not in cleaned.text
    assert not CYRILLIC.search(cleaned.text)


def test_navigation_breadcrumb_is_not_the_headline() -> None:
    """The breadcrumb is furniture; the headline is the title-like line after it."""
    assert clean_text(SYNTHETIC).title == HEADLINE


def test_repeated_headline_is_masked_when_the_title_is_known() -> None:
    raw = f"{HEADLINE}\n\n{P1}\n\n{HEADLINE}\n\n{P2}\n"
    cleaned = clean_text(raw)
    assert cleaned.title == HEADLINE
    assert kept(raw) == [P1, P2]
    assert HEADLINE not in cleaned.text
    # A title known from elsewhere (HTML metadata) is masked where the text repeats it.
    from_html = clean_text(f"{P1}\n\n{HEADLINE}\n\n{P2}\n", title=HEADLINE)
    assert from_html.title == HEADLINE
    assert HEADLINE not in from_html.text


def test_dangling_button_label_after_a_short_paragraph() -> None:
    """A one-sentence paragraph followed by a button label keeps its sentence."""
    sentence = "The talks will resume in Vienna on Thursday."
    raw = f"{HEADLINE}\n\n{P1}\n\n{sentence} Continue reading\n\n{P3}\n"
    assert kept(raw) == [P1, sentence, P3]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ukraine has refused to sign up to any deal that cedes territory, Zelensky said.",
        "Berlin and Paris share this view of the talks, a French diplomat told reporters.",
    ],
)
def test_prose_that_mentions_call_to_action_words_is_kept(sentence: str) -> None:
    raw = f"{HEADLINE}\n\n{P1}\n\n{sentence}\n\n{P3}\n"
    assert kept(raw) == [P1, sentence, P3]


def test_paragraph_repeated_verbatim_is_kept_once() -> None:
    raw = f"{HEADLINE}\n\n{P1}\n\n{P2}\n\n{P1}\n"
    cleaned = clean_text(raw)
    assert kept(raw) == [P1, P2]
    assert cleaned.text.count(P1) == 1


def test_long_prose_paragraph_without_final_stop_is_kept() -> None:
    """More than a label's length without a final stop: prose whose end was lost."""
    cut = "The ministers met for six hours on Monday and agreed to meet again in Vienna, but no"
    raw = f"{HEADLINE}\n\n{cut}\n\n{P1}\n"
    assert kept(raw) == [cut, P1]


def test_markdown_headings_are_labels() -> None:
    raw = f"# {HEADLINE}\n\n{P1}\n\n## What comes next?\n\n{P2}\n"
    cleaned = clean_text(raw, markdown=True)
    assert cleaned.title == HEADLINE
    assert kept(raw, markdown=True) == [P1, P2]
    assert "#" not in cleaned.text


def test_date_line_and_front_matter() -> None:
    raw = f"---\ntitle: {HEADLINE}\ndate: 2025-05-09\n---\n\ndate 2025-05-11 {P1}\n\n{P2}\n"
    cleaned = clean_text(raw)
    assert cleaned.title == HEADLINE
    assert str(cleaned.published) == "2025-05-09"  # front matter first
    assert dict(cleaned.front_matter) == {"title": HEADLINE, "date": "2025-05-09"}
    assert kept(raw) == [P1, P2]


@pytest.mark.parametrize(
    ("stamp", "date"),
    [
        ("Published on Feb 23, 2016", "2016-02-23"),
        ("Updated: 11 May 2025 14:02 BST", "2025-05-11"),
        ("Monday, May 12, 2025", "2025-05-12"),
        ("Last updated Sept. 3, 2024 at 6:15 p.m.", "2024-09-03"),
    ],
)
def test_a_date_stamp_line_is_furniture_and_dates_the_article(stamp: str, date: str) -> None:
    raw = f"{stamp}\n\n{HEADLINE}\n\n{P1}\n"
    cleaned = clean_text(raw)
    assert cleaned.title == HEADLINE, "a date stamp is never the headline"
    assert str(cleaned.published) == date
    assert kept(raw) == [P1]


def test_a_headline_opening_on_a_date_is_still_a_headline() -> None:
    raw = f"May 12 is when the talks will begin in Istanbul\n\n{P1}\n"
    assert clean_text(raw).title == "May 12 is when the talks will begin in Istanbul"


# --- hard-wrapped prose ----------------------------------------------------------------------


def test_hard_wrapped_lines_are_joined_into_one_paragraph() -> None:
    lines = [
        "The foreign ministers of both countries met in Geneva on Monday",
        "to discuss the proposal for a ceasefire along the front line, and",
        "agreed to continue the talks next week.",
    ]
    raw = f"{HEADLINE}\n\n" + "\n".join(lines) + f"\n\n{P2}\n"
    assert kept(raw) == ["\n".join(lines), P2]


def test_lines_are_not_joined_across_a_sentence_end_or_a_capital() -> None:
    lines = [
        "The ministers met in Geneva on Monday to discuss the ceasefire proposal.",
        # Lower case, but the line before ended a sentence: a paragraph of its own.
        "the delegations left the city in the evening after the talks ended.",
        "Officials in both capitals described the meeting on Monday as a cautious but important",
        # Capital after an unfinished line: a new paragraph, the line before lost its end.
        "Observers said the positions of both sides remain far apart on the main issues.",
    ]
    raw = f"{HEADLINE}\n\n" + "\n".join(lines) + "\n"
    assert kept(raw) == lines


def test_date_line_inside_a_wrapped_paragraph_keeps_paragraph_text_intact() -> None:
    raw = (
        f"{HEADLINE}\n\n"
        "The parties did not agree on a new meeting and only set a\n"
        "date 2025-06-01 for the next exchange of prisoners, officials said.\n"
    )
    cleaned = clean_text(raw)
    for start, end in cleaned.paragraphs:
        assert cleaned.text[start:end] == raw[start:end]


# --- properties ---------------------------------------------------------------------------------

LINES = st.sampled_from(
    [
        "",
        "   ",
        HEADLINE,
        P1,
        P2,
        P3,
        P4_LINES[0],
        P4_LINES[1],
        "the talks went on until late in the evening, officials said.",
        "By Jane Doe",
        "Home | Politics | World",
        "Read more",
        "Sign up for our daily newsletter.",
        f"{P2} Continue reading",
        "# A heading",
        "## What comes next?",
        "---",
        "title: A title",
        "date: 2025-05-09",
        "date 2025-05-11 Putin wants to negotiate: is this a turn towards peace? KEYSTONE",
        "date 2025-05-11 the talks resumed in Istanbul on Thursday.",
        "date 2025-13-45 An impossible date line",
        "— Anna Smith (@annasmith) June 3, 2024",
        "pic.twitter.com/abc123",
        "📷 A photo caption that opens on an emoji.",
        "Подпишитесь на наш канал, чтобы не пропустить новости.",
        "“We are ready. We want peace,” he said.",
        "\t\u00a0indented line with tabs.\r",
    ]
)
RAW_FROM_LINES = st.lists(LINES, max_size=14).map("\n".join)
ARBITRARY_RAW = st.text(
    st.sampled_from("aZ é.?!…“”\"'-—#:|@\n\r\t\u00a0ж📷0123456789") | st.characters(),
    max_size=200,
)


def check_offsets(raw: str, markdown: bool) -> None:
    cleaned = clean_text(raw, markdown=markdown)
    assert len(cleaned.text) == len(raw)
    previous_end = 0
    for start, end in cleaned.paragraphs:
        assert previous_end <= start < end <= len(raw)
        assert cleaned.text[start:end] == raw[start:end]
        previous_end = end
    # Line breaks are never masked, other characters only ever become spaces.
    for masked, original in zip(cleaned.text, raw, strict=True):
        assert masked == original or (masked == " " and original != "\n")


@settings(max_examples=300, deadline=None)
@given(raw=RAW_FROM_LINES, markdown=st.booleans())
@example(
    raw="By Jane Doe\ndate 2025-05-11 the talks resumed in Istanbul on Thursday.", markdown=False
)
def test_cleaning_keeps_length_and_offsets_for_line_shaped_text(raw: str, markdown: bool) -> None:
    check_offsets(raw, markdown)


@settings(max_examples=300, deadline=None)
@given(raw=ARBITRARY_RAW, markdown=st.booleans())
def test_cleaning_keeps_length_and_offsets_for_any_text(raw: str, markdown: bool) -> None:
    check_offsets(raw, markdown)


@pytest.mark.parametrize(
    ("dateline", "body"),
    [
        ("WASHINGTON (AP) — ", "The Senate passed the budget bill late on Friday night."),
        ("LE BOURGET, France — ", "After two weeks of talks, delegates approved the accord."),
        ("PRETORIA/KHARTOUM, ", "Sudanese President Omar al-Bashir flew out of South Africa."),
        ("Kabul, Afghanistan (CNN) ", "A wedding in Afghanistan turned deadly on Sunday evening."),
        ("MOSCOW, Russia (Reuters) - ", "The Kremlin said the talks would go ahead on Thursday."),
    ],
)
def test_dateline_is_masked_and_the_sentence_kept(dateline: str, body: str) -> None:
    raw = "A headline about the news of the day\n\n" + dateline + body + "\n"
    cleaned = clean_text(raw)
    assert len(cleaned.paragraphs) == 1
    start, end = cleaned.paragraphs[0]
    assert raw[start:end] == body
    assert dateline.strip() not in cleaned.text


@pytest.mark.parametrize(
    "text",
    [
        "NATO, the alliance, said it would send more troops to the east on Monday.",
        "US officials said the sanctions would take effect on Monday morning.",
        "Putin (right) met Erdogan in Istanbul to discuss the talks on Thursday.",
    ],
)
def test_an_opening_name_is_not_a_dateline(text: str) -> None:
    raw = "A headline about the news of the day\n\n" + text + "\n"
    start, end = clean_text(raw).paragraphs[0]
    assert raw[start:end] == text


def title_and_text(raw: str) -> tuple[str | None, list[str]]:
    """The headline ``clean_text`` finds in ``raw`` and the paragraphs it keeps."""
    cleaned = clean_text(raw)
    return cleaned.title, [raw[a:b] for a, b in cleaned.paragraphs]


def test_summary_bullets_above_the_story_are_furniture_not_its_headline() -> None:
    """An outlet's "Story highlights" block (a label glued to the first bullet, then bullets
    without full stops) is neither the headline nor text; the body starts after it."""
    raw = (
        "Story highlights Two groups clashed at a wedding in the north, officials say\n\n"
        "Bullets also killed guests who were not involved in the fight\n\n"
        "Kabul, Afghanistan (CNN) A wedding in the north turned deadly when a gunfight broke out. "
        "Twenty-one guests were killed.\n"
    )
    assert title_and_text(raw) == (
        None,
        [
            "A wedding in the north turned deadly when a gunfight broke out. Twenty-one guests "
            "were killed."
        ],
    )


def test_a_first_paragraph_opening_on_in_brief_is_prose() -> None:
    raw = "Talks collapse in Geneva\n\nIn brief, the talks collapsed on Friday after a day.\n"
    assert title_and_text(raw) == (
        "Talks collapse in Geneva",
        ["In brief, the talks collapsed on Friday after a day."],
    )


@pytest.mark.parametrize(
    "headline",
    [
        "Highlights of Putin's speech to the Duma on the war in Ukraine",
        "Key points of the new Ukraine peace plan agreed in Geneva",
    ],
)
def test_a_headline_opening_on_a_label_word_stays_the_headline(headline: str) -> None:
    cleaned = clean_text(f"{headline}\n\nPutin spoke for an hour on Monday, officials said.\n")
    assert cleaned.title == headline


@pytest.mark.parametrize(
    ("opening", "credit"),
    [
        ("MANILA, Philippines (AP) _ ", "AP"),
        ("LONDON (Reuters) - ", "Reuters"),
        ("Kabul, Afghanistan (CNN) ", "CNN"),
        # Dates, photo credits, updates and abbreviations are not outlets.
        ("KYIV, Ukraine (May 10) — ", None),
        ("KYIV (AP Photo/Efrem Lukatsky) — ", None),
        ("KYIV (Updated 10:15 a.m.) — ", None),
        ("The European Union (EU) ", None),
    ],
)
def test_a_dateline_credits_an_outlet_only_by_name(opening: str, credit: str | None) -> None:
    cleaned = clean_text(f"{opening}said a storm flooded the capital on Monday.\n")
    assert cleaned.credit == credit


def test_a_caption_closed_by_its_credit_and_a_bracketed_line_are_not_the_story() -> None:
    raw = (
        "(City Police Department)\n\n"
        "The mayor spoke to reporters at City Hall on Thursday. (AP)\n\n"
        "The toddler was found in the back of this pickup truck. (Photo: City Police)\n\n"
        "The mayor said the city would review its rules, officials said.\n"
    )
    assert title_and_text(raw) == (
        None,
        ["The mayor said the city would review its rules, officials said."],
    )


@pytest.mark.parametrize(
    "credit",
    ["(Harbor Patrol photo)", "(Wire Service file photo)", "(Photo by Ann Lee)", "(IMAGE)"],
)
def test_a_caption_closed_by_a_photo_credit_in_any_wording_is_neither_headline_nor_text(
    credit: str,
) -> None:
    raw = (
        "Diver Tom Reyes, 30, of Bayport, died during a training dive off the pier, "
        f"Monday. {credit}\n\n"
        "The harbor patrol is investigating the death of a diver, officials said on Tuesday.\n"
    )
    assert title_and_text(raw) == (
        None,
        ["The harbor patrol is investigating the death of a diver, officials said on Tuesday."],
    )


def test_a_sentence_closed_by_a_credit_above_the_story_is_its_pictures_caption() -> None:
    raw = (
        "The old mill on the river is seen on May 2, 2019. (Jane Roe/The Valley Times)\n\n"
        "The county approved a plan to turn the old mill into a library, officials said.\n"
    )
    assert title_and_text(raw) == (
        None,
        ["The county approved a plan to turn the old mill into a library, officials said."],
    )


def test_a_wire_story_closed_by_its_editors_initials_is_the_story() -> None:
    story = (
        "The county approved a plan to turn the old mill into a library, officials said. "
        "Work will start in the spring and should take two years, at a cost of about "
        "$4 million. (jr)"
    )
    # Kept (only the initials dangling after the last sentence are masked).
    assert title_and_text(story + "\n") == (None, [story.removesuffix(" (jr)")])


@pytest.mark.parametrize(
    "caption",
    [
        "Mayor Ann Lee opens the library on Monday When: 2 May 2019 Credit: WENN/Valley.com",
        "Photo: Jane Roe/Valley Times via Wire Images",
    ],
)
def test_a_line_closed_by_a_labelled_credit_is_a_caption(caption: str) -> None:
    raw = (
        f"{caption}\n\n"
        "The county approved a plan to turn the old mill into a library, officials said.\n"
    )
    assert title_and_text(raw) == (
        None,
        ["The county approved a plan to turn the old mill into a library, officials said."],
    )


def test_a_bracketed_link_after_a_paragraph_is_no_credit() -> None:
    lead = "The county approved a plan to turn the old mill into a library, officials said."
    story = (
        "Work will start in the spring and should take two years, the council said. "
        "[Images: The Old Mills of the Valley]"
    )
    assert title_and_text(f"{lead}\n\n{story}\n")[1] == [lead, story]


def test_a_caption_label_opens_a_caption() -> None:
    raw = (
        "Image copyright Wire Service Image caption "
        "The mill was built in 1850 and closed in 1990\n\n"
        "The county approved a plan to turn the old mill into a library, officials said.\n"
    )
    assert title_and_text(raw)[1] == [
        "The county approved a plan to turn the old mill into a library, officials said."
    ]


@pytest.mark.parametrize(
    "notice",
    [
        "Republished with permission from Field Skills: A Ranger's Guide by Sam Oak. "
        "Copyright © 2015 by Oak Books, LLC. Reprinted by arrangement with Pine House.",
        "Copyright 2018 KXYZ (Valley Broadcasting). All rights reserved.",
        "© 2016 Valley Times. Do not reproduce without permission.",
        "This article is reproduced with permission from Valley Science News. "
        "The article was first published on August 5, 2015.",
        "Excerpted from The Long River by Ann Lee. Used by permission of the author.",
    ],
)
def test_rights_and_permission_notices_are_furniture(notice: str) -> None:
    body = "The county approved a plan to turn the old mill into a library, officials said."
    assert kept(f"{body}\n\n{notice}\n") == [body]


def test_prose_about_copyright_is_kept() -> None:
    body = (
        "The studio sued the site for copyright infringement, saying it had lost millions "
        "of dollars in sales."
    )
    assert kept(f"{body}\n") == [body]


def test_a_section_label_before_a_separator_is_masked_and_the_sentence_kept() -> None:
    sentence = "Rep. Ann Lee said the county had not studied the flood with the same care."
    raw = f"THE FACT CHECKER | {sentence}\n\nThe county disputed her account on Monday.\n"
    cleaned = clean_text(raw)
    assert [raw[a:b] for a, b in cleaned.paragraphs][0] == sentence
    assert "FACT CHECKER" not in cleaned.text


def test_a_sentence_with_a_glued_headlines_widget_is_masked_and_its_neighbours_kept() -> None:
    before = "The hearing lasted four hours on Monday."
    widget = (
        "Senator Ann Lee Ann Marie LeeSmith blasts rivals over farm bill Budget talks stall "
        "again MORE told the panel the county had no plan."
    )
    after = "The panel will vote next week, its chairman said."
    raw = f"{before} {widget} {after}\n"
    cleaned = clean_text(raw)
    assert [raw[a:b] for a, b in cleaned.paragraphs] == [before, after]
    assert "LeeSmith" not in cleaned.text
    assert len(cleaned.text) == len(raw)


def test_a_glued_name_without_a_widget_is_prose() -> None:
    text = "Gen. Douglas MacArthur returned to the islands, and MORE troops followed him."
    assert kept(f"{text}\n") == [text]


STORY = (
    "The county approved a plan on Monday to turn the old river mill into a public library.\n\n"
    "Work on the mill will start in the spring, the county said.\n"
)


def test_a_stack_of_unrelated_headlines_above_the_story_are_links_not_its_headline() -> None:
    raw = (
        "Singer Says Stadium Tour Will Go On Despite Storm Damage at Arena\n\n"
        "Harbor Town Votes to Ban Jet Skis Near Swimming Beaches This Summer\n\n" + STORY
    )
    assert title_and_text(raw) == (
        None,
        [
            "The county approved a plan on Monday to turn the old river mill into a public "
            "library.",
            "Work on the mill will start in the spring, the county said.",
        ],
    )


@pytest.mark.parametrize(
    "second",
    ["By Jane Roe and Sam Oak", "The Old River Mill Will House Books by 2027, the County Says"],
)
def test_a_headline_followed_by_its_byline_or_subheading_stays_the_headline(second: str) -> None:
    raw = f"County Will Turn Old River Mill Into a Library\n\n{second}\n\n{STORY}"
    assert title_and_text(raw)[0] == "County Will Turn Old River Mill Into a Library"


def test_a_dateline_with_wire_typesetting_codes_is_masked() -> None:
    story = "Protesting the lack of a lawyer, the father of a dissident asked for a delay."
    assert title_and_text(f"Trial delayed\n\nBEIJING &UR; &LR; _ {story}\n")[1] == [story]
