"""Corroboration: copies, independent reports, disagreements, coverage, why a point was chosen.

The example corpus holds one copy: 001 is a rewrite of 000 (both carry Steve Rosenberg's BBC
analysis; 001 paraphrases it sentence by sentence, in the same order, with the same names and
figures). 002 is a low-quality rewrite of a report that is not in the corpus, and 003 and 004
are independent reports: none of them is a copy of anything here.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.corroborate import (
    Copy,
    adds_figure,
    differing_figures,
    figures,
    find_copies,
    find_disagreements,
    independent_reports,
    nearly_verbatim,
)
from briefing.dedupe import Similarity, align_rewrites, names_and_figures
from briefing.models import Article, Briefing, Citation, Sentence
from briefing.render import render_outputs
from tests.golden import FROZEN_NOW, ROOT

EXAMPLE_ORIGINAL = "000_43c867f43599357e"
EXAMPLE_REWRITE = "001_9b372699daf16cd1"


@pytest.fixture(scope="module")
def analysis(example_config):  # type: ignore[no-untyped-def]
    from briefing.pipeline import analyse

    return analyse(example_config, root=ROOT)


@pytest.fixture(scope="module")
def briefing(analysis, example_config) -> Briefing:  # type: ignore[no-untyped-def]
    from briefing.pipeline import compose_from

    return compose_from(analysis, example_config, now=FROZEN_NOW)


# --- Copies on the example corpus --------------------------------------------------------------


def test_the_rewritten_pair_is_the_one_copy_in_the_example_corpus(analysis) -> None:  # type: ignore[no-untyped-def]
    (copy,) = analysis.copies
    # Neither is dated and both have 24 sentences: the first in file order is the original.
    assert (copy.article, copy.original, copy.compared_with) == (
        EXAMPLE_REWRITE,
        EXAMPLE_ORIGINAL,
        EXAMPLE_ORIGINAL,
    )
    assert copy.kind == "rewrite"
    # 13 of 001's 24 sentences are paraphrases of 000's, in the same order.
    assert (copy.matched, copy.sentences) == (13, 24)


def test_copies_are_the_same_with_or_without_the_alignments_of_the_merge(analysis) -> None:  # type: ignore[no-untyped-def]
    fresh = Similarity([s.text for s in analysis.evidence])
    assert fresh.rewrites is None and analysis.similarity.rewrites
    assert find_copies(analysis.articles, analysis.evidence, fresh) == analysis.copies


def test_the_rewrite_shares_its_names_and_figures_and_independent_reports_do_not(
    analysis,
) -> None:  # type: ignore[no-untyped-def]
    def specifics(key: str) -> set[str]:
        return {n for s in analysis.evidence if s.article == key for n in names_and_figures(s.text)}

    def both_ways(a: str, b: str) -> float:
        mine, theirs = specifics(a), specifics(b)
        return min(len(mine & theirs) / len(mine), len(mine & theirs) / len(theirs))

    assert both_ways(EXAMPLE_ORIGINAL, EXAMPLE_REWRITE) >= 0.75  # 0.79
    keys = [a.key for a in analysis.articles]
    others = [both_ways(a, b) for a in keys for b in keys if a < b and b != EXAMPLE_REWRITE]
    assert max(others) < 0.5  # every other pair: 0.23 to 0.44


def test_sources_say_which_source_they_copy(briefing: Briefing) -> None:
    copies = {s.id: (s.copy_of, s.copy_evidence) for s in briefing.sources if s.copy_of}
    assert list(copies) == [2]
    copy_of, evidence = copies[2]
    assert copy_of == 1 and evidence is not None
    assert (evidence.compared_with, evidence.kind, evidence.matched, evidence.sentences) == (
        1,
        "rewrite",
        13,
        24,
    )
    assert evidence.share == 0.54


def test_copies_count_once_in_every_point(briefing: Briefing) -> None:
    root = {s.id: s.copy_of or s.id for s in briefing.sources}
    for point in briefing.points:
        assert point.independent == len({root[n] for n in point.source_ids})
        assert point.single_source == (point.independent == 1)
    both = [p for p in briefing.points if p.source_ids == (1, 2)]
    assert both and all(p.independent == 1 and p.single_source for p in both)
    trump = next(p for p in briefing.points if p.text.startswith("Former President Trump"))
    assert (trump.source_ids, trump.support, trump.independent) == ((1, 2, 5), 3, 2)


# --- Copies, by hand -----------------------------------------------------------------------------

REPORT = [
    "The regional council approved a new budget of four hundred pages on Tuesday evening.",
    "Councillor Maria Lind said the spending plan protects schools and rural bus lines.",
    "The opposition leader Johan Berg called the plan a missed chance for housing.",
    "Road repairs in the northern valley will start in the spring, the council said.",
    "A new ferry between Hallby and Norrvik is planned for the summer season.",
    "The budget still has to be signed by the governor before it takes effect.",
    "Union representatives welcomed the extra money for nurses at Hallby hospital.",
    "The council will meet again next month to discuss the airport expansion.",
]


def _article(key: str, sentences: list[str], published: dt.date | None = None) -> Article:
    text = "\n\n".join(sentences)
    return Article(key, f"{key}.txt", key, None, None, published, text, text, ())


def _evidence(articles: list[Article], paragraphs: dict[str, list[str]]) -> list[Sentence]:
    evidence = []
    for article in articles:
        offset = 0
        for index, text in enumerate(paragraphs[article.key]):
            evidence.append(
                Sentence(
                    f"{article.key}:{index}:0",
                    article.key,
                    index,
                    0,
                    index,
                    offset,
                    offset + len(text),
                    text,
                )
            )
            offset += len(text) + 2
    return evidence


def _copies(*articles: tuple[str, list[str], dt.date | None]) -> tuple[Copy, ...]:
    made = [_article(key, sentences, date) for key, sentences, date in articles]
    evidence = _evidence(made, {key: sentences for key, sentences, _ in articles})
    return find_copies(made, evidence, Similarity([s.text for s in evidence]))


def test_a_shortened_wire_copy_is_a_verbatim_copy_of_the_full_story() -> None:
    (copy,) = _copies(("full", REPORT, None), ("short", REPORT[:4], None))
    assert (copy.article, copy.original, copy.kind, copy.matched, copy.sentences) == (
        "short",
        "full",
        "verbatim",
        4,
        4,
    )


def test_the_earliest_publication_is_the_original_whatever_its_length() -> None:
    (copy,) = _copies(
        ("full", REPORT, dt.date(2025, 5, 12)), ("short", REPORT[:5], dt.date(2025, 5, 11))
    )
    assert (copy.article, copy.original) == ("full", "short")


def test_the_agency_credited_in_the_dateline_is_the_original_of_a_same_day_copy() -> None:
    """A paper running wire copy on the same day, with a line of its own more ("Published
    10:32 a.m."), is the copy; the agency the datelines credit is the original."""
    dateline = ["PORT AVERLY (CWS) — " + REPORT[0], *REPORT[1:]]
    day = dt.date(2025, 3, 4)
    wire = replace(_article("wire", dateline, day), outlet="Coastal Wire Service", credit="CWS")
    paper = replace(
        _article("paper", ["Published 10:32 a.m. on March 4.", *dateline], day),
        outlet="Harbor Daily",
        credit="CWS",
    )
    evidence = _evidence(
        [paper, wire], {"wire": dateline, "paper": [paper.text.split("\n\n")[0], *dateline]}
    )
    (copy,) = find_copies([paper, wire], evidence, Similarity([s.text for s in evidence]))
    assert (copy.article, copy.original) == ("paper", "wire")


def test_copies_of_one_report_form_one_group_with_one_original() -> None:
    edited = [s.replace(" said", " stated") for s in REPORT]
    found = _copies(("a", REPORT[:6], None), ("b", REPORT, None), ("c", edited, None))
    assert {(c.article, c.original) for c in found} == {("a", "b"), ("c", "b")}


def test_one_shared_sentence_or_a_shared_quotation_makes_no_copy() -> None:
    quote = '"We will protect the schools whatever it costs," Lind said after the vote.'
    other = [
        "Teachers in the northern valley held a rally outside the town hall on Monday.",
        "They asked for smaller classes and better pay for assistants this year.",
        quote,
        "The teachers' union plans a second rally before the summer holidays begin.",
        "Parents joined the march carrying banners about the closed village schools.",
        "Police said the rally was peaceful and no one was arrested in the town.",
        REPORT[3],
    ]
    assert _copies(("report", [*REPORT, quote], None), ("rally", other, None)) == ()


def _split(key: str, paragraphs: list[str]) -> tuple[Article, tuple[Sentence, ...]]:
    """An article of these paragraphs, split into sentences as the pipeline splits it."""
    from briefing.segment import split_sentences

    text = "\n\n".join(paragraphs)
    spans, offset = [], 0
    for paragraph in paragraphs:
        spans.append((offset, offset + len(paragraph)))
        offset += len(paragraph) + 2
    article = Article(key, f"{key}.txt", key, None, None, None, text, text, tuple(spans))
    return article, split_sentences(article)


def _copies_of_split(*articles: tuple[str, list[str]]) -> tuple[Copy, ...]:
    made = [_split(key, paragraphs) for key, paragraphs in articles]
    evidence = [s for _, sentences in made for s in sentences]
    return find_copies([a for a, _ in made], evidence, Similarity([s.text for s in evidence]))


STATEMENT = [
    "The ferry company regrets the delays passengers faced on the northern route this week.",
    "Two of our four vessels were taken out of service for urgent repairs to their engines.",
    "Replacement buses now run every hour between Hallby harbour and the Norrvik terminal.",
    "We expect the full timetable to return before the start of the summer season.",
    "Passengers holding tickets for cancelled sailings can claim a refund on our website.",
    "Our engineers are working day and night with the shipyard in Varberg on the repairs.",
    "Freight customers will be contacted by their own agents about the new loading times.",
]
ROUND_UP = [
    "Ferry passengers in the north faced a third day of cancellations on Thursday.",
    "The company said in a statement: \u201c" + " ".join(STATEMENT) + "\u201d",
    "Travellers at Hallby harbour said they had not been told about the buses.",
]


def test_a_statement_and_a_round_up_quoting_it_are_not_copies() -> None:
    """A company statement carried as it is, and a round-up quoting all of it between
    quotation marks: the round-up repeats the statement, not another outlet's report, and the
    statement repeats nothing. (Before: "the statement is a copy of the round-up".) A quotation
    this long (over 90 words) is split into its sentences, which match the statement's."""
    assert _copies_of_split(("statement", STATEMENT), ("round_up", ROUND_UP)) == ()
    # Nor are two outlets quoting the same statement at length copies of each other.
    other = [
        "Hallby harbour was crowded with stranded travellers on Thursday morning.",
        "In a statement the company wrote: \u201c" + " ".join(STATEMENT) + "\u201d",
    ]
    assert _copies_of_split(("round_up", ROUND_UP), ("other", other)) == ()


def test_a_wire_copy_is_a_copy_whatever_it_quotes() -> None:
    """The quotations of a wire copy are quoted in both versions: they do not count, but the
    reporter's own sentences around them do."""
    quotation = [
        "\u201cWe will protect the schools whatever it costs.",
        "Nobody in this valley should have to travel an hour to a classroom,\u201d Lind said.",
    ]
    story = [*REPORT[:4], " ".join(quotation), *REPORT[4:]]
    (copy,) = _copies_of_split(("full", story), ("short", story[:5]))
    assert (copy.article, copy.original, copy.kind) == ("short", "full", "verbatim")


POLICE_REPORT = [
    "Police said a lorry hit a bridge on the E6 motorway near Hallby early on Tuesday.",
    "The driver, a 52-year-old man from Gdansk, was taken to hospital with minor injuries.",
    "Traffic was diverted through Norrvik for six hours while engineers inspected the bridge.",
    "The bridge was built in 1974 and was last inspected in March, the road agency said.",
    "Police said the lorry was carrying timber from the port of Varberg to Oslo.",
    "No other vehicles were involved in the crash, police said in the statement.",
    "The road agency said the motorway would reopen fully by Wednesday morning.",
]
OTHER_POLICE_REPORT = [
    "A timber lorry crashed into a motorway bridge near Hallby before dawn, police said.",
    "Its driver was treated at Sahlgrenska hospital for cuts, spokesman Erik Dahl said.",
    "Commuters faced queues of 14 kilometres as traffic went through Norrvik and Kungsbacka.",
    "Engineers from the Trafikverket agency checked the bridge for cracks until noon.",
    "The load of pine logs spilled across two lanes, witness Sara Holm told the paper.",
    "No one else was hurt in the crash, police said in their statement.",
    "The agency expects the E6 to reopen fully on Wednesday, Dahl said.",
]


def test_two_reports_of_one_statement_in_the_same_order_are_not_copies() -> None:
    """Reporters following one police statement align sentence by sentence (here 5 of 7), but
    each brings names, times and figures of its own: that is what tells them from a rewrite."""
    similarity = Similarity([*POLICE_REPORT, *OTHER_POLICE_REPORT])
    ((_, _, aligned),) = align_rewrites([range(7), range(7, 14)], similarity)
    assert len(aligned) == 5
    assert _copies(("first", POLICE_REPORT, None), ("second", OTHER_POLICE_REPORT, None)) == ()


# --- Figures -------------------------------------------------------------------------------------


def _figures(text: str) -> list[tuple[str, tuple[str, ...], object, str]]:
    return [(f.kind, f.key, f.value, f.text) for f in figures(text)]


def test_figures_know_what_they_count() -> None:
    assert _figures("Ukraine used 524 aerial drones, 45 sea drones and 1,500 troops.") == [
        ("count", ("aerial", "drone"), 524.0, "524 aerial drones"),
        ("count", ("sea", "drone"), 45.0, "45 sea drones"),
        ("count", ("troop",), 1500.0, "1,500 troops"),
    ]
    # A number with no noun counts what the verb before it says, if a verb: "injured about 180".
    assert _figures("The fire killed at least 60 people and injured about 180.") == [
        ("count", ("people",), 60.0, "at least 60 people"),
        ("count", ("^injur",), 180.0, "injured about 180"),
    ]
    assert _figures("It killed 65 people, injuring 157 others.")[1] == (
        "count",
        ("^injur",),
        157.0,
        "injuring 157 others",
    )
    # A capitalised noun counts when plural: "three Muslims", not "Flight 5 Monday".
    assert _figures("It convicted three Muslims and two Bosnian Croats.") == [
        ("count", ("muslim",), 3.0, "three Muslims"),
        ("count", ("bosnian", "croat"), 2.0, "two Bosnian Croats"),
    ]
    assert _figures("Flight 5 Monday") == [("day", (), "monday", "Monday")]
    # A figure in brackets after another is the same figure converted: never compared.
    assert _figures("It moved at 8 mph (13 kph), 350 kilometers (220 miles) off the coast.") == [
        ("count", ("mph",), 8.0, "8 mph"),
        ("count", ("kilometer",), 350.0, "350 kilometers"),
    ]
    assert [f.text for f in figures("Winds of 150 kilometres per hour (about 93 mph).")] == [
        "150 kilometres"
    ]
    # Not a conversion: a figure of its own in brackets.
    assert [f.text for f in figures("It killed 60 people (including 12 children).")] == [
        "60 people",
        "12 children",
    ]
    assert _figures("Talks open next Thursday, May 15, in Istanbul.") == [
        ("day", (), "thursday", "Thursday"),
        ("date", (), (5, 15), "May 15"),
    ]
    assert _figures("Rates fell to 3.5 percent; the deal is worth $5.2 billion.") == [
        ("percentage", ("percent",), 3.5, "3.5 percent"),
        ("amount", ("$",), 5.2e9, "$5.2 billion"),
    ]
    assert _figures("The war began in 2022, after the 80th anniversary.") == [
        ("year", (), 2022, "2022")
    ]
    # Not figures: a time, a range, a bare number, an ordinal, "one", a year before a noun, a
    # number after a noun ("game 7") or after a verb not ending in -ed or -ing ("won 64").
    assert _figures("At 7:30 a.m. on the 8-10 May truce, 12 said one of the 2022 draft.") == []
    assert _figures("They won 64 of them in game 7.") == []


@pytest.mark.parametrize(
    ("mine", "theirs", "differs"),
    [
        ("The fire killed 60 people.", "The fire killed 65 people.", [("60 people", "65 people")]),
        ("Talks open on Monday.", "Talks open on Tuesday.", [("Monday", "Tuesday")]),
        (
            "It used 524 aerial drones.",
            "It used 500 drones.",
            [("524 aerial drones", "500 drones")],
        ),
        # The same figures, or the same value said another way: nothing.
        ("The fire killed 60 people.", "The fire killed about 60 people.", []),
        # A year is never a count; distances in different units are not compared.
        ("It began in 2014.", "It took 2,014 troops.", []),
        ("It sank 22 miles south.", "It sank 19 nautical miles south.", []),
        # Nouns are folded to the singular, not stemmed: spacewalkers are not spacewalks.
        ("Then two spacewalkers will fit the cables.", "Then three spacewalks will fit them.", []),
        # A time ago is not a length of time ("nine years in office", "six years ago").
        (
            "Toward the end of his nine years in office, Hariri ran the country.",
            "Hariri has run the country since he took office six years ago.",
            [],
        ),
        (
            "He left office six years ago.",
            "He left office nine years ago.",
            [("six years ago", "nine years ago")],
        ),
        # A number with no noun, after the same verb: "injured about 180" / "injured 157 others".
        (
            "It killed 60 people and injured about 180.",
            "It killed 60 people and injured 157 others.",
            [("injured about 180", "injured 157 others")],
        ),
        # Conversions rounded differently are one figure: "8 mph (12 kph)", "8 mph (13 kph)".
        ("It moved west at 8 mph (12 kph).", "It moved west at 8 mph (13 kph).", []),
        # Two figures that could match one: ambiguous, nothing said.
        ("Rates fell to 3.5 percent from 4 percent.", "Rates fell to 3 percent.", []),
        # A date and a count both differ: two occasions, not one disagreement.
        ("On Monday 60 people were hurt.", "On Friday 12 people were hurt.", []),
    ],
)
def test_only_figures_about_the_same_thing_differ(
    mine: str, theirs: str, differs: list[tuple[str, str]]
) -> None:
    found = differing_figures(figures(mine), figures(theirs))
    assert [(a.text, b.text) for a, b in found] == differs


# --- Disagreements, end to end on hand-made articles -----------------------------------------

FIRE_CONFIG = """\
title = "Dance hall fire"

[sources]
folder = "articles"

[summarizer]
points_per_theme = 10
words_per_theme = 400
min_points_per_theme = 1
max_points = 30

[[themes]]
key = "fire"
title = "The fire"
cues = ["fire", "killed", "injured", "inquiry", "police", "blaze", "hall"]
"""

FIRE_ARTICLES = {
    "a_wire.txt": """Fire at Gothenburg dance hall
date 2025-05-10

A fire swept through a crowded dance hall in Gothenburg late on Friday night.

The fire killed at least 60 people and injured about 180 in the city.

Firefighters said the blaze started in a storage room near the stage.

Police said an inquiry into the cause of the fire will open on Monday.

The hall had been hired for a party by teenagers from several schools.
""",
    "b_paper.txt": """Dance hall blaze kills dozens
date 2025-05-11

Emergency crews worked through the night at the hall in western Sweden.

The fire killed 65 people and injured about 180 in the city.

Survivors described a stampede towards the only open exit of the building.

Police said an inquiry into the cause of the fire will open on Tuesday.

Relatives gathered at a school gymnasium turned into a crisis centre.
""",
    "c_radio.txt": """Gothenburg mourns
date 2025-05-11

The fire killed at least 60 people and injured about 180 in the city.

The government declared a day of national mourning after the blaze.

Flowers and candles were laid outside the burned dance hall on Saturday.
""",
}


@pytest.fixture(scope="module")
def fire(tmp_path_factory: pytest.TempPathFactory) -> tuple[Briefing, Path]:
    from briefing.pipeline import compose

    folder = tmp_path_factory.mktemp("fire")
    (folder / "articles").mkdir()
    for name, text in FIRE_ARTICLES.items():
        (folder / "articles" / name).write_text(text, encoding="utf-8")
    (folder / "config.toml").write_text(FIRE_CONFIG, encoding="utf-8")
    briefing, _ = compose(load_config(folder / "config.toml"), now=FROZEN_NOW, root=folder)
    return briefing, folder


def _raw(folder: Path, briefing: Briefing) -> dict[int, str]:
    return {s.id: (folder / s.path).read_text(encoding="utf-8") for s in briefing.sources}


def test_a_death_toll_and_a_date_given_differently_are_reported(
    fire: tuple[Briefing, Path],
) -> None:
    briefing, _ = fire
    found = {
        (d.kind, tuple((c.value, c.source_ids) for c in d.claims))
        for p in briefing.points
        for d in p.disagreements
    }
    assert found == {
        ("count", (("at least 60 people", (1, 3)), ("65 people", (2,)))),
        ("day", (("Monday", (1,)), ("Tuesday", (2,)))),
    }
    toll = next(p for p in briefing.points if "at least 60 people" in p.text)
    assert toll.source_ids == (1, 3)  # the source saying 65 is not cited for 60
    day = next(p for p in briefing.points if p.disagreements and p.disagreements[0].kind == "day")
    assert day.source_ids == (1,)  # nor is the one saying Tuesday for Monday


def test_every_side_of_a_disagreement_is_cited_truthfully(fire: tuple[Briefing, Path]) -> None:
    briefing, folder = fire
    raw = _raw(folder, briefing)
    for point in briefing.points:
        for disagreement in point.disagreements:
            for claim in disagreement.claims:
                assert claim.citations
                for citation in claim.citations:
                    verbatim = raw[citation.source][citation.start : citation.end]
                    assert " ".join(verbatim.split()) == citation.text
                    assert claim.value in citation.text
                    sentence_id = citation.sentence_id.split(":", 1)[0]
                    assert sentence_id == briefing.sources[citation.source - 1].key


def test_disagreements_render_next_to_the_point_in_every_format(
    fire: tuple[Briefing, Path],
) -> None:
    briefing, _ = fire
    outputs = render_outputs(briefing, ["md", "html", "json"], [])
    md = outputs["md"].decode("utf-8")
    assert "\n  - *Sources differ: at least 60 people [1][3] vs 65 people [2].*\n" in md
    assert "\n  - *Sources differ: Monday [1] vs Tuesday [2].*\n" in md
    html = outputs["html"].decode("utf-8")
    assert '<span class="disagreement">Sources differ: at least 60 people&#8288;' in html
    document = json.loads(outputs["json"])
    claims = [
        c
        for t in document["themes"]
        for p in t["points"]
        for d in p["disagreements"]
        for c in d["claims"]
    ]
    assert {c["value"] for c in claims} == {"at least 60 people", "65 people", "Monday", "Tuesday"}
    assert all(c["sources"] == [e["source"] for e in c["evidence"]] for c in claims)


def test_near_identical_sentences_with_the_same_figures_make_no_disagreement() -> None:
    texts = [
        "The fire killed at least 60 people and injured about 180 in the city on Friday.",
        "The fire killed at least 60 people and injured about 180 in the city on Friday night.",
        "The blaze killed about 60 people in the city, officials said on Friday.",
        "Officials said 180 people were treated in hospital after the fire on Friday.",
    ]
    evidence = [Sentence(f"s{n}:0:0", f"s{n}", 0, 0, 0, 0, len(t), t) for n, t in enumerate(texts)]
    similarity = Similarity(texts)
    source_of = {f"s{n}": n + 1 for n in range(len(texts))}
    citation = Citation(1, "s0:0:0", texts[0], 0, len(texts[0]))
    assert find_disagreements(0, [citation], ["s0"], evidence, similarity, source_of) == ()


def _disagreements(texts: list[str]) -> list[tuple[str, tuple[tuple[str, tuple[int, ...]], ...]]]:
    """The disagreements found for the first of ``texts`` (each from its own source) with the
    others, as (about, ((value, sources), ...))."""
    evidence = [Sentence(f"s{n}:0:0", f"s{n}", 0, 0, 0, 0, len(t), t) for n, t in enumerate(texts)]
    source_of = {f"s{n}": n + 1 for n in range(len(texts))}
    citation = Citation(1, "s0:0:0", texts[0], 0, len(texts[0]))
    found = find_disagreements(0, [citation], ["s0"], evidence, Similarity(texts), source_of)
    return [(d.about, tuple((c.value, c.source_ids) for c in d.claims)) for d in found]


def test_each_claim_is_worded_as_its_sources_word_it() -> None:
    """ "At least 60" and "60" are one value but not the same words: each is its own claim, so
    every claim's value is in every sentence it cites. (Before: "at least 60 people [2][3]",
    source 3 saying "killing 60 people".)"""
    toll = "A fire turned the crowded dance hall into a deathtrap, killing {} people on Friday."
    texts = [toll.format(n) for n in ("65", "at least 60", "60", "at least 60", "nearly 70")]
    assert _disagreements(texts) == [
        (
            "people",
            (
                ("65 people", (1,)),
                ("at least 60 people", (2, 4)),
                ("60 people", (3,)),
                ("nearly 70 people", (5,)),
            ),
        )
    ]


def test_a_toll_given_without_a_noun_is_compared_after_the_same_verb() -> None:
    """The known gap "injured about 180" (no noun after the number): counted by the verb."""
    texts = [
        "A fire turned the crowded dance hall into a deathtrap, killing 60 people and "
        "injuring about 180 in the city.",
        "A fire turned the crowded dance hall into a deathtrap, killing 60 people and "
        "injuring 157 others in the city.",
    ]
    assert _disagreements(texts) == [
        ("injuring", (("injuring about 180", (1,)), ("injuring 157 others", (2,))))
    ]


def test_two_totals_of_damage_worded_alike_make_no_disagreement() -> None:
    """The words of the figures ("million euros", "million dollars") are no evidence that two
    sentences say the same: once they are set aside, these tell of two totals (vineyards in
    two floods last spring; bridges, vineyards and other property) and share little."""
    texts = [
        "The region is still recovering from two floods last spring that destroyed some "
        "3 million euros (4 million dollars) worth of vineyards.",
        "The floods destroyed 9.5 million euros (12 million dollars) worth of bridges, "
        "vineyards and other property, the emergency office said.",
        "The council met on Monday to discuss the new school budget for the valley.",
        "Rain is expected again later this week in the north.",
        "Farmers asked the government for help after the storm.",
        "The emergency office said the bridges and other property would be repaired, "
        "according to the mayor.",
    ]
    assert Similarity(texts).figure_blind(0, 1) >= (0.6, 4)  # close, by the words alone
    assert _disagreements(texts) == []


# Paraphrases of one strike on Odesa (invented): a wire story (the point), a daily giving other
# figures in other words, an analysis giving the toll in a clause and the drones in a sentence
# of their own. Fillers give the words their usual weight.
STRIKE = "Russia launched 310 drones and 18 missiles at Ukraine overnight, killing at least 9 people in Odesa, the regional governor said on Sunday."  # noqa: E501
STRIKE_DAILY = "At least 11 people were killed in Odesa when Russia launched 290 drones and 18 missiles overnight, the port city's officials said on Sunday."  # noqa: E501
STRIKE_TOLL = "Russia's attack on Odesa in southern Ukraine, in which at least 10 people died, came days before ceasefire talks in Geneva."  # noqa: E501
STRIKE_DRONES = "Ukraine's air force said Russia had fired 310 drones and 18 missiles, one of the heaviest barrages this year."  # noqa: E501
STRIKE_FILLER = [
    "Firefighters worked through the night to put out a blaze at a grain terminal in the harbour.",
    "The mayor asked residents to stay in shelters until the air raid alert was lifted.",
    "European leaders condemned the attack and promised more air defence systems.",
    "Power was cut to thousands of homes in the southern districts of the city.",
    "The Kremlin said its forces had hit military targets with precision weapons.",
    "Rescue teams searched the rubble of a five-storey building near the port.",
]


def test_paraphrases_giving_other_counts_of_one_strike_differ() -> None:
    """Less alike than SAME_STATEMENT (0.64 and 0.30 figure-blind), but one occasion: the daily
    gives the list "290 drones and 18 missiles" with one count the same, the analysis gives
    the whole list as the point does (so it is cited for 310), and a toll of the dead in the
    same place. (Before: only the daily's toll and drones, the closest sentence.)"""
    texts = [STRIKE, STRIKE_DAILY, STRIKE_TOLL, STRIKE_DRONES, *STRIKE_FILLER]
    assert _disagreements(texts) == [
        ("drones", (("310 drones", (1, 4)), ("290 drones", (2,)))),
        (
            "people",
            (
                ("at least 9 people", (1,)),
                ("At least 11 people", (2,)),
                ("at least 10 people", (3,)),
            ),
        ),
    ]


def test_a_toll_reported_the_day_after_it_happened_is_one_occasion() -> None:
    """A toll of Saturday night and one "officials said on Sunday" are one occasion: the day a
    source reports on is not a second occasion (and a day of what happened still is)."""
    night = "A drone strike on Odesa turned deadly on Saturday night, killing 9 people in the port, an official said."  # noqa: E501
    reported = "At least 11 people were killed in a drone strike on the port of Odesa, officials said on Sunday."  # noqa: E501
    found = _disagreements([night, reported, *STRIKE_FILLER])
    assert found == [("people", (("9 people", (1,)), ("At least 11 people", (2,))))]
    happened = reported.replace("officials said on Sunday", "on Sunday, officials said")
    assert _disagreements([night, happened, *STRIKE_FILLER]) == []


@pytest.mark.parametrize(
    "pair",
    [
        # The day is of what happened, not of the report: two bombings.
        (
            "Police said Monday's bombing at the market in Kabul killed 12 people.",
            "Police said Tuesday's bombing at the market in Kabul killed 15 people.",
        ),
        (
            "Officials said the strike on Monday in Kyiv killed 12 people.",
            "Officials said the strike on Tuesday in Kyiv killed 15 people.",
        ),
        # "on Telegram" in both is no place in common: Odesa and Kharkiv are two.
        (
            "Five people were killed in a missile strike on Odesa, the governor said on Telegram.",
            "Three people were killed by shelling on Kharkiv, the regional governor wrote on "
            "Telegram.",
        ),
    ],
)
def test_tolls_of_two_occasions_are_not_a_disagreement(pair: tuple[str, str]) -> None:
    assert _disagreements([*pair, *STRIKE_FILLER]) == []


def test_a_toll_is_compared_through_a_sentence_matching_both() -> None:
    """The analysis's toll shares too few words with the daily's sentence to be compared with
    it (similarity 0.15, under the 0.2 searched), but both give the toll of the wire story's
    sentence, which is close to each: the daily's 11 is found through it."""
    texts = [STRIKE_TOLL, STRIKE, STRIKE_DAILY, STRIKE_DRONES, *STRIKE_FILLER]
    assert Similarity(texts)(0, 2) < Similarity(texts).floor
    assert _disagreements(texts) == [
        (
            "people",
            (
                ("at least 10 people", (1,)),
                ("at least 9 people", (2,)),
                ("At least 11 people", (3,)),
            ),
        )
    ]


@pytest.mark.parametrize(
    "texts",
    [
        # Tolls of two places, however alike the sentences.
        [
            "Russian drones killed at least 12 people in Kyiv overnight, officials said.",
            "Russian drones killed at least 14 people in Kharkiv overnight, officials said.",
        ],
        [
            "Russia launched a wave of drones overnight, killing at least 12 people in Kyiv, "
            "Ukrainian officials said.",
            "At least 14 people were killed in Kharkiv when Russian drones hit apartment blocks, "
            "the regional governor said.",
        ],
        # A toll of the dead and one of the injured.
        [
            "A Russian missile killed 12 people in Kyiv on Tuesday, officials said.",
            "A Russian missile wounded 14 people in Kyiv on Tuesday, officials said.",
        ],
        [
            "Russia launched a wave of drones overnight, killing at least 12 people in Kyiv, "
            "Ukrainian officials said.",
            "At least 40 people were injured in Kyiv when Russian drones hit apartment blocks, "
            "the city governor said.",
        ],
        # A year one gives and the other does not: two occasions.
        [
            "A car bomb killed 12 people in Kabul in 2019, police said.",
            "A car bomb killed 15 people in Kabul on Tuesday, police said.",
        ],
        [
            "A car bomb outside a ministry killed 12 people in Kabul in 2019.",
            "At least 15 people were killed in Kabul on Tuesday when a suicide bomber struck a "
            "wedding hall, police said.",
        ],
        # Two attacks of one story sharing a count by chance: two places, two days.
        [
            "Russia launched 90 drones and 2 missiles at Odesa overnight, the air force said.",
            "Russia launched 60 drones and 2 missiles at Kharkiv on Sunday, the air force said.",
        ],
        [
            "On Sunday Russia launched 90 drones and 2 missiles, the air force said.",
            "The air force said Russia fired 60 drones and 2 missiles on Monday night.",
        ],
    ],
)
def test_counts_of_two_places_kinds_or_times_make_no_disagreement(texts: list[str]) -> None:
    assert _disagreements([*texts, *STRIKE_FILLER]) == []


def test_no_disagreement_in_the_example_corpus(briefing: Briefing) -> None:
    # Its sources agree on every figure they share (30-day ceasefire, Thursday, Istanbul).
    assert [d for p in briefing.points for d in p.disagreements] == []


# --- End to end on invented articles: tests/fixtures/corroborate/storm -----------------------

STORM = Path(__file__).parent / "fixtures" / "corroborate" / "storm"


@pytest.fixture(scope="module")
def storm() -> tuple[Briefing, tuple[Copy, ...]]:
    from briefing.pipeline import analyse, compose_from

    config = load_config(STORM / "config.toml")
    analysis = analyse(config, root=STORM)
    return compose_from(analysis, config, now=FROZEN_NOW), analysis.copies


def test_storm_the_updated_wire_story_is_the_one_copy(
    storm: tuple[Briefing, tuple[Copy, ...]],
) -> None:
    """b repeats a (an updated version of one wire story); the round-up d quotes all of the
    statement c between quotation marks, and neither repeats the other's report."""
    _, copies = storm
    assert [(c.article, c.original, c.kind) for c in copies] == [("b_update", "a_wire", "verbatim")]


def test_storm_disagreements_are_the_injured_alone(
    storm: tuple[Briefing, tuple[Copy, ...]],
) -> None:
    """The injured, given without a noun ("injuring about 90", "injuring 97 others"), differ;
    the wind speed's conversion, rounded to 93 mph in one and 94 mph in the other, does not."""
    briefing, _ = storm
    found = [
        (d.about, tuple((c.value, c.source_ids) for c in d.claims))
        for p in briefing.points
        for d in p.disagreements
    ]
    assert found == [("injuring", (("injuring about 90", (1,)), ("injuring 97 others", (2,))))]
    winds = next(p for p in briefing.points if p.text.startswith("Winds reached"))
    assert winds.disagreements == ()
    raw = {s.id: (STORM / s.path).read_text(encoding="utf-8") for s in briefing.sources}
    for point in briefing.points:
        for disagreement in point.disagreements:
            for claim in disagreement.claims:
                for citation in claim.citations:
                    assert claim.value in citation.text
                    verbatim = raw[citation.source][citation.start : citation.end]
                    assert " ".join(verbatim.split()) == citation.text


# --- Coverage, marking, signals --------------------------------------------------------------


def test_coverage_counts_the_points_citing_each_source_per_theme(briefing: Briefing) -> None:
    for row, source in zip(briefing.coverage, briefing.sources, strict=True):
        assert row.source == source.id
        assert row.points == tuple(
            sum(source.id in p.source_ids for p in s.points) for s in briefing.sections
        )
    assert briefing.coverage[2].points == (0, 1, 0, 0)  # 002: one point, on the conditions


def test_the_coverage_table_and_single_sources_in_markdown_html_and_json(
    briefing: Briefing,
) -> None:
    outputs = render_outputs(briefing, ["md", "html", "json"], [])
    md = outputs["md"].decode("utf-8")
    assert "| Source | The proposal | The conditions | Reactions | Battlefield context |" in md
    assert "\n| [3] 002\\_f062b79907245e90.txt | – | 1 | – | – |\n" in md
    assert "(copy of [1]) |" in md
    assert "· repeats [1] (rewritten: 13 of 24 sentences) ·" in md
    themes_part = md.split("\n## Key quotes\n", 1)[0]
    bullets = [line for line in themes_part.splitlines() if line.startswith("- ")]
    for point, line in zip(briefing.points, bullets, strict=True):
        if point.support == 1:
            assert line.endswith(" *(single source)*")
        elif point.independent == 1:
            assert line.endswith(f" *(single report, {point.support} sources)*")
        else:
            assert line.endswith(f" *({point.support} sources, {point.independent} independent)*")
    html = outputs["html"].decode("utf-8")
    assert html.count('<li class="single-source">') == sum(p.single_source for p in briefing.points)
    assert "<table>" in html and "(copy of 1)" in html
    document = json.loads(outputs["json"])
    points = [p for t in document["themes"] for p in t["points"]]
    assert [p["single_source"] for p in points] == [p.single_source for p in briefing.points]
    assert [p["independent"] for p in points] == [p.independent for p in briefing.points]
    assert document["sources"][1]["copy_of"] == 1
    assert document["sources"][1]["copy_evidence"]["kind"] == "rewrite"
    assert document["coverage"][4]["points"] == {
        "proposal": 3,
        "conditions": 2,
        "reactions": 2,
        "battlefield": 3,
    }


def test_signals_multiply_back_to_the_score(briefing: Briefing) -> None:
    for point in briefing.points:
        signals = point.signals
        assert signals is not None
        product = signals.rank * signals.corroboration * signals.theme_fit * signals.concreteness
        assert math.isclose(product, point.score, abs_tol=1e-6)
        assert signals.rank == point.rank_score
        assert signals.corroboration == 1 + 0.25 * (signals.reports - 1)
        assert 1 <= signals.reports <= point.independent
        assert 0.5 <= signals.theme_fit <= 1 and 0.6 <= signals.concreteness <= 1


def test_copies_do_not_raise_a_points_score(briefing: Briefing) -> None:
    """001 repeats 000: a statement both carry is one report, and scores as one."""
    for point in briefing.points:
        if point.source_ids == (1, 2):
            assert point.signals is not None and point.signals.reports == 1
            assert point.signals.corroboration == 1.0


@pytest.mark.parametrize(
    ("sentence", "other", "adds"),
    [
        # A death toll beside a count of drones: a fact of its own.
        ("The barrage killed at least 12 people.", "Russia fired 472 drones.", True),
        # Another value for the same thing is a disagreement, not a new fact.
        ("Officials counted 440 drones overnight.", "Russia fired 472 drones.", False),
        # The same value in other words ("wounding 21" / "21 injured") is no new fact.
        ("The bomb killed two people, wounding 21.", "Two people died and 21 injured.", False),
        # A time places a fact; it is not one.
        ("The strike came on Tuesday in 2025.", "Russia fired 472 drones.", False),
        ("Prices rose 5 percent.", "Russia fired 472 drones.", True),
    ],
)
def test_adds_figure_is_a_count_share_or_sum_the_other_does_not_give(
    sentence: str, other: str, adds: bool
) -> None:
    assert adds_figure(figures(sentence), figures(other)) is adds


def test_two_sources_printing_one_sentence_word_for_word_are_one_report() -> None:
    """Two versions of one wire story that share too few sentences to be copies still carry
    its sentences word for word: for those statements they are one report, not two."""
    wire = "The port authority has offered four percent and a one-off bonus to every dockworker."

    def sentence(article: str, text: str) -> Sentence:
        return Sentence(f"{article}:0:0", article, 0, 0, 0, 0, len(text), text)

    paraphrase = "Dockworkers were offered a four percent raise and a bonus by the port."
    carried = [sentence("a", wire), sentence("b", wire.upper()), sentence("c", paraphrase)]
    assert independent_reports(carried, {}) == 2
    assert independent_reports(carried, {"c": "a"}) == 1
    quoted = '"We offered four percent and a bonus to every dockworker," the port said.'
    echoed = [sentence("a", quoted), sentence("b", quoted), sentence("c", paraphrase)]
    assert independent_reports(echoed, {}) == 3  # quoting one statement is no shared report
    # Nearly word for word, as copies are found: one version adds the day it reports on.
    told = wire[:-1] + ", the daily Hurriyet said"
    dated = [sentence("a", told + "."), sentence("b", told + " Saturday.")]
    assert independent_reports(dated, {}) == 2
    similarity = Similarity([s.text for s in dated])
    row = {s.id: n for n, s in enumerate(dated)}

    def alike(a: Sentence, b: Sentence) -> bool:
        return nearly_verbatim(similarity, row[a.id], row[b.id])

    assert independent_reports(dated, {}, alike) == 1
    # A longer sentence around the same run of words: one report's sentence, attributed.
    attributed = [sentence("a", "Spokesman Jon Ek said " + wire[0].lower() + wire[1:]), dated[1]]
    similarity = Similarity([s.text for s in attributed])
    row = {s.id: n for n, s in enumerate(attributed)}
    assert independent_reports(attributed, {}, alike) == 1
    echoed_row = Similarity([quoted, quoted.replace("the port said", "the union said")])
    assert not nearly_verbatim(echoed_row, 0, 1)  # a shared quotation is no shared wording


def test_alike_sentences_about_two_events_do_not_differ() -> None:
    """Close in words, but the things counted are or do two things, or the days are of two
    deeds: no disagreement. The same state or deed on two days, or in two counts, differs."""
    assert (
        _disagreements(
            [
                "Six miners were still missing after the blast at the Dunmore pit, officials said.",
                "About 120 miners were working at the Dunmore pit at the time of the blast, "
                "officials said.",
            ]
        )
        == []
    )
    assert (
        _disagreements(
            [
                "Negotiators resumed talks with the union on Monday, the ministry said.",
                "Negotiators walked out of the talks with the union on Wednesday, the ministry "
                "said.",
            ]
        )
        == []
    )
    missing = _disagreements(
        [
            "Six miners were still missing after the blast at the Dunmore pit, officials said.",
            "Nine miners were still missing after the blast at the Dunmore pit, officials said.",
        ]
    )
    assert [about for about, _ in missing] == ["miners"]
    resumed = _disagreements(
        [
            "Negotiators resumed talks with the union on Monday, the ministry said.",
            "Negotiators resumed talks with the union on Tuesday, the ministry said.",
        ]
    )
    assert [about for about, _ in resumed] == ["day"]


def test_the_day_a_source_reports_on_is_never_compared() -> None:
    """'Officials said Monday that ...' and '... said Tuesday that ...': two reports, not two
    days of one event."""
    told = "Officials said {} that at least 12 workers died in the fire at the chemical plant."
    assert _disagreements([told.format("Monday"), told.format("Tuesday")]) == []
    meeting = "Zelensky said {} he would meet Putin in Istanbul to discuss a ceasefire."
    assert _disagreements([meeting.format("Sunday"), meeting.format("Monday")]) == []


def test_an_agency_is_known_by_its_name_or_initials_of_three_letters_or_more() -> None:
    from briefing.corroborate import _is_credited

    assert _is_credited("Coastal Wire Service", {"CWS"})
    assert _is_credited("Agence France-Presse", {"AFP"})
    assert _is_credited("Reuters", {"Reuters"})
    assert not _is_credited("Arizona Post", {"AP"})  # two letters could be anyone's
