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
