"""Theme assignment from config cues."""

from __future__ import annotations

from briefing.config import ThemeConfig
from briefing.models import Sentence
from briefing.themes import assign_themes, compile_cues


def _s(n: int, text: str) -> Sentence:
    return Sentence(f"a:0:{n}", "a", 0, n, n, 0, len(text), text)


THEMES = (
    ThemeConfig(key="proposal", title="Proposal", cues=("propose", "direct talks", "offer")),
    ThemeConfig(key="fighting", title="Fighting", cues=("drone", "attack", "shelling")),
    ThemeConfig(key="talks", title="Talks", cues=("talks in Istanbul",)),
)


def test_cues_match_after_stemming() -> None:
    assigned = assign_themes([_s(0, "Putin proposed a meeting and offered guarantees.")], THEMES)
    assert assigned["a:0:0"].theme == "proposal"
    assert assigned["a:0:0"].cues == ("propose", "offer")


def test_phrase_cues_need_the_words_in_order() -> None:
    sentences = [
        _s(0, "Drones hit Kyiv in an attack overnight."),
        _s(1, "He wants talks that are direct."),
    ]
    assigned = assign_themes(sentences, THEMES)
    assert assigned["a:0:0"].theme == "fighting"
    assert "a:0:1" not in assigned  # "talks ... direct" is not the phrase "direct talks"


def test_best_fit_wins_and_ties_go_to_the_first_theme() -> None:
    sentences = [
        _s(0, "The drone attack came as Putin proposed talks."),  # fighting 2 vs proposal 1
        _s(1, "A drone was seen as Putin offered more."),  # 1 vs 1: first theme declared
    ]
    assigned = assign_themes(sentences, THEMES)
    assert assigned["a:0:0"].theme == "fighting"
    assert assigned["a:0:1"].theme == "proposal"


def test_phrase_outweighs_a_single_word() -> None:
    assigned = assign_themes([_s(0, "They will hold talks in Istanbul, with an offer.")], THEMES)
    assert assigned["a:0:0"].theme == "talks"
    assert assigned["a:0:0"].score == 2.0  # "talks", "Istanbul": two content words


def test_cues_that_stem_alike_count_once() -> None:
    theme = ThemeConfig(key="x", title="X", cues=("propose", "proposal", "proposed"))
    assert len(compile_cues(theme)) == 1


def test_sentence_without_cues_has_no_theme() -> None:
    assert assign_themes([_s(0, "The weather was fine in Moscow.")], THEMES) == {}


def test_example_corpus_has_sentences_in_every_default_theme(
    example_config, example_sentences
) -> None:
    assigned = assign_themes(example_sentences, example_config.themes)
    counts = {t.key: 0 for t in example_config.themes}
    for assignment in assigned.values():
        counts[assignment.theme] += 1
    assert list(counts) == ["proposal", "conditions", "reactions", "battlefield"]
    assert all(n >= 5 for n in counts.values()), counts
