"""End to end on the example corpus: the checks a reader of the briefing would make."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest

from briefing.dedupe import Similarity
from briefing.models import Briefing
from tests.golden import FROZEN_NOW, GOLDEN, ROOT, build_example

FURNITURE = (
    "Leave A Comment",
    "Live Tv",
    "Newsletter",
    "Subscribe",
    "Shop on Amazon",
    "Previous Post",
    "Next Post",
    "KEYSTONE",
    "Stefan Michel",
    "Show more",
    "pic.twitter",
    "@",
    "http",
    "blue News",
    "No time",
)


def fold(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def briefing(example_config) -> Briefing:  # type: ignore[no-untyped-def]
    from briefing.pipeline import compose

    result, _ = compose(example_config, now=FROZEN_NOW, root=ROOT)
    return result


@pytest.fixture(scope="module")
def raw_texts(briefing) -> dict[int, str]:  # type: ignore[no-untyped-def]
    return {s.id: (ROOT / s.path).read_text(encoding="utf-8") for s in briefing.sources}


def test_every_theme_has_points_and_the_briefing_stays_short(briefing: Briefing) -> None:
    assert [s.key for s in briefing.sections] == [
        "proposal",
        "conditions",
        "reactions",
        "battlefield",
    ]
    assert [s.title for s in briefing.sections][3] == "Battlefield context"
    assert all(len(s.points) >= 2 for s in briefing.sections)
    assert len(briefing.points) <= 24
    assert briefing.warnings == ()


def test_every_point_is_verbatim_in_the_source_it_quotes(briefing, raw_texts) -> None:  # type: ignore[no-untyped-def]
    for point in briefing.points:
        assert point.quoted_from in point.source_ids
        assert fold(point.text) in fold(raw_texts[point.quoted_from])


def test_every_citation_points_at_a_verbatim_sentence_at_its_offsets(briefing, raw_texts) -> None:  # type: ignore[no-untyped-def]
    for point in briefing.points:
        for citation in point.citations:
            raw = raw_texts[citation.source]
            assert fold(raw[citation.start : citation.end]) == citation.text


def test_every_cited_sentence_says_what_the_point_says(briefing) -> None:  # type: ignore[no-untyped-def]
    """An independent look at each citation: the cited sentence shares most of the point's
    rare words, or the same quotation. (Paraphrases in rewritten articles are the exception the
    rewrite alignment makes; they are checked by hand in test_rewritten_pair_cites_both.)"""
    for point in briefing.points:
        for citation in point.citations:
            if citation.sentence_id == point.sentence_id:
                continue
            point_words = set(re.findall(r"[a-z0-9]{4,}", point.text.lower()))
            cited_words = set(re.findall(r"[a-z0-9]{4,}", citation.text.lower()))
            assert len(point_words & cited_words) >= 3, (point.text, citation.text)


def test_no_furniture_and_no_questions_in_points(briefing: Briefing) -> None:
    for point in briefing.points:
        for furniture in FURNITURE:
            assert furniture not in point.text, (furniture, point.text)
        assert not point.text.rstrip("\"”’'").endswith("?")
        assert point.text[0].isupper() or point.text[0] in '"“'
        assert "myself" not in point.text and "let’s" not in point.text.lower()


def test_no_two_points_say_the_same_thing(briefing: Briefing, example_config) -> None:  # type: ignore[no-untyped-def]
    points = briefing.points
    similarity = Similarity([p.text for p in points])
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            assert similarity(i, j) < example_config.dedupe.duplicate_similarity, (
                points[i].text,
                points[j].text,
            )
            assert not similarity.share_phrase(i, j), (points[i].text, points[j].text)


def test_statement_carried_by_several_sources_cites_them(briefing: Briefing) -> None:
    trump = [p for p in briefing.points if "potentially great day" in p.text]
    assert len(trump) == 1
    assert set(trump[0].source_ids) >= {1, 2, 5}  # 003 carries it only in an embedded post


def test_rewritten_pair_cites_both(briefing: Briefing) -> None:
    """001 rewrites 000: a point taken from either cites both where the other has it, but not
    for words the other does not quote."""
    starmer = next(p for p in briefing.points if "Starmer" in p.text)
    assert set(starmer.source_ids) == {1, 2}
    evidence = {c.source: c.text for c in starmer.citations}
    assert "Starmer" in evidence[1] and "Starmer" in evidence[2]
    # 000 has Macron "dismissed the offer as insufficient", not the words "first step, but not
    # enough" the point quotes: it is not cited for them.
    macron = next(p for p in briefing.points if "Macron" in p.text)
    assert "first step, but not enough" in macron.text and macron.source_ids == (2,)


def test_key_facts_are_covered_under_the_right_theme(briefing: Briefing) -> None:
    text = {s.key: " ".join(p.text for p in s.points) for s in briefing.sections}
    assert "Istanbul" in text["proposal"]
    assert "30-day ceasefire" in text["conditions"]
    assert "Trump" in text["reactions"] and "Zelenskyy" in text["reactions"]
    assert "Macron" in text["reactions"]
    assert "drone attack" in text["battlefield"]


def test_self_contained_sentence_wins_over_one_opening_on_a_pronoun(briefing: Briefing) -> None:
    for point in briefing.points:
        assert not re.match(r"(He|She|They|It|This|These|But|And)\b", point.text), point.text


def test_same_inputs_give_identical_markdown_and_json() -> None:
    assert build_example() == build_example()


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_golden_output(fmt: str) -> None:
    """The example briefing as committed in tests/golden/ (regenerate: make golden)."""
    expected = (GOLDEN / f"briefing.{fmt}").read_text(encoding="utf-8")
    actual = build_example()[fmt].decode("utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                f"tests/golden/briefing.{fmt}",
                "built now",
            )
        )
        pytest.fail(f"the example briefing changed; if intended, run `make golden`\n{diff}")


def test_json_citations_and_evidence_agree(briefing: Briefing) -> None:
    document = json.loads(build_example()["json"])
    ids = {s["id"] for s in document["sources"]}
    for theme in document["themes"]:
        for point in theme["points"]:
            assert point["citations"] == sorted({e["source"] for e in point["evidence"]})
            assert set(point["citations"]) <= ids
            assert point["quoted_from"] in point["citations"]


def test_paths_in_the_outputs_do_not_depend_on_the_checkout(briefing: Briefing) -> None:
    for source in briefing.sources:
        assert not Path(source.path).is_absolute()
        assert source.path.startswith("examples/putin-talks/")


def test_an_article_with_nothing_usable_and_no_quotation_is_left_out(
    tmp_path: Path, example_config
) -> None:  # type: ignore[no-untyped-def]
    """An error page, a social network's boilerplate or a login wall is no source; an article
    that only quotes someone stays, for its key quote."""
    from briefing.config import with_overrides
    from briefing.pipeline import analyse

    folder = tmp_path / "sources"
    folder.mkdir()
    for example in sorted((ROOT / "examples" / "putin-talks").iterdir())[:2]:
        (folder / example.name).write_bytes(example.read_bytes())
    (folder / "zz_error.txt").write_text(
        "We're sorry, but this page is not available. Try typing the web address again.\n",
        encoding="utf-8",
    )
    (folder / "zz_quote.txt").write_text(
        "Putin on the talks\n\n"
        '"We are ready for talks without any preconditions at all," Putin told us.\n',
        encoding="utf-8",
    )
    analysis = analyse(with_overrides(example_config, sources=folder))
    keys = [a.key for a in analysis.articles]
    assert "zz_error" not in keys and "zz_quote" in keys
    (warning,) = [w for w in analysis.warnings if "zz_error" in w]
    assert "no usable sentence" in warning and "left out" in warning
