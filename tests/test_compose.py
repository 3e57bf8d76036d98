"""Choosing points: budgets, redundancy, context-dependent sentences, citations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.compose import compose_briefing
from briefing.config import parse_config
from briefing.dedupe import Similarity
from briefing.models import Article, Cluster, ScoredSentence, Sentence

NOW = dt.datetime(2025, 5, 11, 7, tzinfo=dt.UTC)
TOPICS = [
    "Parliament approved the annual budget after a long night of debate",
    "Flooding closed three motorways across the northern provinces",
    "The central bank held interest rates at four percent",
    "A new vaccine trial enrolled twelve thousand volunteers in March",
    "Striking rail workers accepted a pay offer from the operator",
    "The museum returned two bronze statues to their country of origin",
    "Wildfires forced the evacuation of several mountain villages",
    "The football federation appointed a coach from Portugal",
]


def _config(**summarizer: int):  # type: ignore[no-untyped-def]
    data = {
        "sources": {"folder": "."},
        "summarizer": summarizer,
        "themes": [
            {"key": "a", "title": "A", "cues": ["x"]},
            {"key": "b", "title": "B", "cues": ["y"]},
        ],
    }
    return parse_config(data, Path("config.toml"))


def _article(key: str) -> Article:
    return Article(key, f"{key}.txt", key.upper(), None, None, None, "", "", ())


def _cluster(n: int, theme: str, score: float, article: str = "s1", dependent: bool = False):  # type: ignore[no-untyped-def]
    text = TOPICS[n] + "."
    sentence = Sentence(f"{article}:0:{n}", article, 0, n, n, 0, len(text), text)
    return Cluster(ScoredSentence(sentence, theme, score, 4.0, dependent), (sentence,))


def _compose(clusters, config):  # type: ignore[no-untyped-def]
    members = [m for c in clusters for m in c.members]
    similarity = Similarity([m.text for m in members])
    index = {m.id: i for i, m in enumerate(members)}
    articles = [_article("s1"), _article("s2")]
    return compose_briefing(articles, clusters, similarity, index, config, now=NOW)


def test_points_per_theme_and_order_by_score() -> None:
    clusters = [_cluster(i, "a", 0.1 * (i + 1)) for i in range(5)]
    briefing = _compose(clusters, _config(points_per_theme=3, min_points_per_theme=1))
    section = briefing.sections[0]
    assert [p.text for p in section.points] == [TOPICS[4] + ".", TOPICS[3] + ".", TOPICS[2] + "."]
    assert briefing.sections[1].points == ()
    assert any("'b'" in w and "0 point(s)" in w for w in briefing.warnings)


def test_max_points_drops_the_weakest_but_keeps_the_minimum() -> None:
    clusters = [_cluster(i, "a", 0.9 - 0.1 * i) for i in range(4)]
    clusters += [_cluster(i + 4, "b", 0.35 - 0.1 * i) for i in range(4)]
    config = _config(points_per_theme=4, min_points_per_theme=2, max_points=5)
    briefing = _compose(clusters, config)
    assert [len(s.points) for s in briefing.sections] == [3, 2]


def test_word_budget_applies_beyond_the_minimum() -> None:
    clusters = [_cluster(i, "a", 1 - 0.1 * i) for i in range(4)]
    config = _config(points_per_theme=4, min_points_per_theme=2, words_per_theme=12)
    briefing = _compose(clusters, config)
    assert len(briefing.sections[0].points) == 2  # two sentences already pass 12 words


def test_dependent_sentences_only_fill_up_to_the_minimum() -> None:
    clusters = [
        _cluster(0, "a", 1.0, dependent=True),
        _cluster(1, "a", 0.2),
        _cluster(2, "a", 0.9, dependent=True),
    ]
    briefing = _compose(clusters, _config(points_per_theme=3, min_points_per_theme=2))
    texts = [p.text for p in briefing.sections[0].points]
    assert TOPICS[1] + "." in texts and len(texts) == 2


def test_a_restatement_of_a_chosen_point_is_left_out_in_any_theme() -> None:
    first = _cluster(0, "a", 1.0)
    text = "Parliament approved the annual budget after a long debate on Tuesday."
    sentence = Sentence("s2:0:0", "s2", 0, 0, 0, 0, len(text), text)
    again = Cluster(ScoredSentence(sentence, "b", 0.8, 4.0, False), (sentence,))
    briefing = _compose([first, again, _cluster(5, "b", 0.5)], _config(min_points_per_theme=1))
    assert [p.text for p in briefing.sections[1].points] == [TOPICS[5] + "."]


def test_the_better_of_two_restatements_wins_whichever_theme_comes_first() -> None:
    """A wire's lead in a later theme is not lost to a weaker paraphrase of it that an earlier
    theme would have taken first: candidates are weighed best first across themes."""
    weak = _cluster(0, "a", 0.5)
    text = "Parliament approved the annual budget after a long debate on Tuesday."
    sentence = Sentence("s2:0:0", "s2", 0, 0, 0, 0, len(text), text)
    strong = Cluster(ScoredSentence(sentence, "b", 1.0, 4.0, False), (sentence,))
    clusters = [weak, _cluster(4, "a", 0.3), strong]
    briefing = _compose(clusters, _config(min_points_per_theme=1))
    assert [p.text for p in briefing.sections[0].points] == [TOPICS[4] + "."]
    assert [p.text for p in briefing.sections[1].points] == [text]


def test_the_order_of_themes_changes_where_points_show_not_which_are_chosen() -> None:
    """Reordering the themes in the config (a display decision) chooses the same points."""
    text = "Parliament approved the annual budget after a long debate on Tuesday."
    sentence = Sentence("s2:0:0", "s2", 0, 0, 0, 0, len(text), text)
    clusters = [
        _cluster(0, "a", 0.9),
        Cluster(ScoredSentence(sentence, "b", 1.0, 4.0, False), (sentence,)),
        *(_cluster(i, "ab"[i % 2], 1 - 0.1 * i) for i in range(1, 8)),
    ]
    config = _config(points_per_theme=3, min_points_per_theme=1)
    reordered = config.model_copy(update={"themes": list(reversed(config.themes))})
    forward, backward = _compose(clusters, config), _compose(clusters, reordered)
    assert [s.key for s in backward.sections] == ["b", "a"]
    assert {s.key: [p.text for p in s.points] for s in forward.sections} == {
        s.key: [p.text for p in s.points] for s in backward.sections
    }


def test_citations_are_per_source_and_support_counts_sources() -> None:
    text_a = TOPICS[0] + "."
    text_b = TOPICS[0] + " again."
    a = Sentence("s1:0:0", "s1", 0, 0, 0, 10, 10 + len(text_a), text_a)
    a2 = Sentence("s1:1:0", "s1", 1, 0, 5, 90, 90 + len(text_b), text_b)
    b = Sentence("s2:0:0", "s2", 0, 0, 0, 20, 20 + len(text_b), text_b)
    cluster = Cluster(ScoredSentence(b, "a", 1.0, 4.0, False), (b, a, a2))
    briefing = _compose([cluster, _cluster(3, "a", 0.5)], _config(min_points_per_theme=1))
    point = briefing.sections[0].points[0]
    assert point.quoted_from == 2 and point.text == text_b
    assert point.source_ids == (1, 2) and point.support == 2
    assert [(c.source, c.sentence_id, c.start) for c in point.citations] == [
        (1, "s1:0:0", 10),
        (2, "s2:0:0", 20),
    ]


def test_a_restatement_left_out_still_cites_its_source_for_the_point() -> None:
    """A second outlet restating a chosen point in fewer words is not a second point, but its
    source is cited for the point when its sentence carries the point's statement."""
    text_a = "Parliament approved the annual budget after a long night of debate."
    text_b = "Parliament approved the annual budget after a night of debate on Tuesday."
    a = Sentence("s1:0:0", "s1", 0, 0, 0, 0, len(text_a), text_a)
    b = Sentence("s2:0:0", "s2", 0, 0, 0, 0, len(text_b), text_b)
    first = Cluster(ScoredSentence(a, "a", 1.0, 4.0, False), (a,))
    second = Cluster(ScoredSentence(b, "b", 0.9, 4.0, False), (b,))
    config = _config(min_points_per_theme=1)
    briefing = _compose([first, second, _cluster(5, "b", 0.5)], config)
    point = briefing.sections[0].points[0]
    assert point.text == text_a
    assert point.source_ids == (1, 2) and point.support == 2
    assert [p.text for p in briefing.sections[1].points] == [TOPICS[5] + "."]


def _compose_with_evidence(clusters, config):  # type: ignore[no-untyped-def]
    members = [m for c in clusters for m in c.members]
    similarity = Similarity([m.text for m in members])
    index = {m.id: i for i, m in enumerate(members)}
    keys = sorted({"s1", "s2", *(m.article for m in members)})
    articles = [_article(key) for key in keys]
    return compose_briefing(
        articles, clusters, similarity, index, config, now=NOW, evidence=members
    )


def _single(key: str, text: str, theme: str, score: float) -> Cluster:
    article = key.split(":")[0]
    sentence = Sentence(key, article, 0, 0, 0, 0, len(text), text)
    return Cluster(ScoredSentence(sentence, theme, score, 4.0, False), (sentence,))


COUNT = "The air force said Russia fired 472 drones and 32 missiles, a record for the war."
TOLL = "At least 12 people were killed in the capital by 472 drones and 32 missiles overnight."
RECOUNT = "Officials in the capital counted 440 drones and 32 missiles overnight."


@pytest.mark.parametrize(
    ("second", "kept"),
    [
        # Sharing "472 drones and 32 missiles" does not make the death toll a restatement of
        # the count of drones: it is the story's main fact.
        (TOLL, True),
        # A different count of the same drones is no new fact: the sentence restates the point
        # (the disagreement is noted there), it is not a second point.
        (RECOUNT, False),
    ],
)
def test_a_sentence_sharing_a_figure_phrase_is_a_point_only_if_it_adds_a_figure(
    second: str, kept: bool
) -> None:
    clusters = [
        _single("s1:0:0", COUNT, "a", 1.0),
        _single("s2:0:0", second, "b", 0.9),
        _cluster(5, "b", 0.5),
    ]
    briefing = _compose_with_evidence(clusters, _config(min_points_per_theme=1))
    expected = [second, TOPICS[5] + "."] if kept else [TOPICS[5] + "."]
    assert [p.text for p in briefing.sections[1].points] == expected


def test_a_source_leaving_out_one_of_the_points_numbers_is_not_cited_for_it() -> None:
    """Merged as one statement, "Another 102 people were injured ..." does not say the point's
    "Thirty other people died ...": its source is not cited for the point."""
    whole = (
        "Thirty people died in landslides in the province and another 102 people were injured "
        "by flying debris in Sorsogon, officials said."
    )
    part = "Another 102 people were injured by flying debris in Sorsogon, officials said."
    same = (
        "Thirty people died in landslides in the province and another 102 people were hurt "
        "by flying debris in Sorsogon, officials said."
    )
    rep = Sentence("s1:0:0", "s1", 0, 0, 0, 0, len(whole), whole)
    partial = Sentence("s2:0:0", "s2", 0, 0, 0, 0, len(part), part)
    full = Sentence("s3:0:0", "s3", 0, 0, 0, 0, len(same), same)
    cluster = Cluster(ScoredSentence(rep, "a", 1.0, 4.0, False), (rep, partial, full))
    briefing = _compose_with_evidence([cluster], _config(min_points_per_theme=1))
    assert briefing.sections[0].points[0].source_ids == (1, 3)


def test_a_briefing_of_undated_sources_says_its_date_is_the_build_day() -> None:
    briefing = _compose([_cluster(0, "a", 1.0)], _config(min_points_per_theme=1))
    assert briefing.undated and briefing.date == NOW.date()
    dated = _config(min_points_per_theme=1).model_copy(update={"date": NOW.date()})
    assert not _compose([_cluster(0, "a", 1.0)], dated).undated


def _kept(point: str, candidate: str) -> bool:
    """Whether ``candidate`` becomes a point beside ``point``, chosen first (rated well above
    it, whatever names and numbers either carries)."""
    clusters = [
        _single("s1:0:0", point, "a", 1.0),
        _single("s2:0:0", candidate, "b", 0.3),
        _cluster(5, "b", 0.1),
    ]
    briefing = _compose_with_evidence(clusters, _config(min_points_per_theme=1))
    return candidate in [p.text for p in briefing.sections[1].points]


PLAN = "Egypt said Saturday that President Kamal Idris will travel to Amman and Beirut for talks."


@pytest.mark.parametrize(
    ("point", "candidate", "kept"),
    [
        # The trip done is not the trip announced: the main event of the story.
        (PLAN, "President Kamal Idris flew to Amman on Sunday for talks with King Talal.", True),
        (PLAN, "President Kamal Idris arrived in Amman for talks with King Talal.", True),
        # The vote taken is not the debate being prepared, wherever the plan stands.
        (
            "As the city council prepares to debate whether to close the old harbour bridge, "
            "residents have organised protests.",
            "The city council voted on Thursday to close the old harbour bridge to traffic.",
            True,
        ),
        # A plan told again is the same plan, whoever tells it.
        (
            PLAN,
            "President Kamal Idris is expected to travel to Amman and Beirut, aides said.",
            False,
        ),
        # Two days named for what happened: two sittings of the talks.
        (
            "Delegates of the two unions resumed talks on the port strike in Rotterdam on Monday.",
            "The talks on the port strike in Rotterdam collapsed on Wednesday when the employers "
            "refused to raise their offer.",
            True,
        ),
        # The day a source reports on is not the day it happened.
        (
            "The footbridge over the canal in Ghent collapsed on Sunday night.",
            "Police said Monday the footbridge over the canal in Ghent collapsed on Sunday night.",
            False,
        ),
    ],
)
def test_a_plan_and_the_event_done_or_two_days_are_two_facts(
    point: str, candidate: str, kept: bool
) -> None:
    assert _kept(point, candidate) is kept


@pytest.mark.parametrize(
    ("point", "candidate", "kept"),
    [
        # One speaker, two statements: sharing "Carla Mendes said" is no restatement.
        (
            "Union leader Carla Mendes said the company had ignored safety warnings for years.",
            "Union leader Carla Mendes said the union would ask for an independent inquiry.",
            True,
        ),
        # The hour of the blast is not the count of the missing, though both count workers.
        (
            "Six workers were still missing at the Ridgeback colliery after the blast.",
            "The blast at the Ridgeback colliery happened at about 2:40 a.m., when about 120 "
            "workers were on the overnight shift.",
            True,
        ),
        # Names and attribution aside, the same fact still restates the point.
        (
            "Prime Minister Aldo Ferri will resign if he loses Friday's confidence vote.",
            "If Ferri loses the confidence vote, he would offer his resignation, aides said.",
            False,
        ),
    ],
)
def test_sharing_only_names_or_who_said_it_is_no_restatement(
    point: str, candidate: str, kept: bool
) -> None:
    assert _kept(point, candidate) is kept


TOLL_16 = "A car bomb exploded near the bus depot on Friday, killing 16 people and injuring 43."


@pytest.mark.parametrize(
    ("candidate", "kept"),
    [
        # Another toll of the same dead, which no disagreement of the point gives: left out,
        # the briefing would never say the tolls differ.
        (
            "Police said the bomb, hidden in a parked van near the bus depot, killed at least 14 "
            "people and injured more than 40.",
            True,
        ),
        # The injured are not the dead: "16 people" was said of the dead.
        ("Officials said 43 people were injured by the car bomb near the bus depot.", False),
        # Only the point's own figure, from another source: a restatement.
        ("The car bomb near the bus depot on Friday killed 16 people, officials said.", False),
    ],
)
def test_a_different_toll_of_the_same_dead_is_not_dropped_silently(
    candidate: str, kept: bool
) -> None:
    assert _kept(TOLL_16, candidate) is kept


def test_a_different_toll_the_point_notes_as_a_disagreement_is_left_out() -> None:
    """Close enough for the disagreement to be found, the other toll is said under the point."""
    candidate = (
        "The car bomb near the bus depot killed at least 14 people and injured more than 40."
    )
    clusters = [
        _single("s1:0:0", TOLL_16, "a", 1.0),
        _single("s2:0:0", candidate, "b", 0.3),
        _cluster(5, "b", 0.1),
    ]
    briefing = _compose_with_evidence(clusters, _config(min_points_per_theme=1))
    assert candidate not in [p.text for p in briefing.points]
    (point,) = briefing.sections[0].points
    assert [c.value for c in point.disagreements[0].claims] == ["16 people", "at least 14 people"]


def test_rounding_is_no_other_figure() -> None:
    from briefing.corroborate import figures
    from briefing.facts import rounded

    (a,), (b,), (c,) = figures("$57.1 million"), figures("$57 million"), figures("$58 million")
    assert rounded(a, b) and not rounded(a, c)
    # Half up, as writers round; never banker's rounding.
    (d,), (e,) = figures("$1.25 billion"), figures("$1.3 billion")
    assert rounded(d, e)
    (f,), (g,) = figures("2.5 million people"), figures("2 million people")
    assert not rounded(f, g)
