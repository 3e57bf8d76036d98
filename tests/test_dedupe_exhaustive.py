"""The fast duplicate search makes exactly the decisions of comparing every pair.

briefing.dedupe looks only at candidate pairs (``vectors.similar_pairs``) and at article pairs
that share one; tests/reference_dedupe.py is the exhaustive version it replaced. Both run on
the example corpus and on a synthetic corpus built to exercise every rule: copies, light edits,
paraphrases, shared quotations, conflicting figures, rewritten articles.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from briefing.compose import CONTAINMENT
from briefing.dedupe import Similarity, align_rewrites, merge_duplicates
from briefing.editorial import is_assertion, judge_sentences
from briefing.models import Cluster, ScoredSentence, Sentence
from briefing.rank import score_sentences
from briefing.themes import assign_themes
from briefing.vectors import normalize_rows, similar_pairs
from tests import reference_dedupe as reference


def _shape(clusters: tuple[Cluster, ...]) -> list[tuple[str, list[str]]]:
    return [(c.representative.sentence.id, [m.id for m in c.members]) for c in clusters]


def _example_inputs(example_config, example_sentences):  # type: ignore[no-untyped-def]
    config = example_config
    verdicts = judge_sentences(
        example_sentences,
        min_words=config.editorial.min_words,
        max_words=config.editorial.max_words,
    )
    usable = [s for s in example_sentences if verdicts[s.id].usable]
    assignments = assign_themes(usable, config.themes)
    by_theme = {
        theme.key: [
            (s, assignments[s.id].score, verdicts[s.id].dependent)
            for s in usable
            if s.id in assignments and assignments[s.id].theme == theme.key
        ]
        for theme in config.themes
    }
    scored = score_sentences(by_theme, config.summarizer.algorithm)
    evidence = [s for s in example_sentences if is_assertion(verdicts[s.id])]
    return scored, evidence


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7])
def test_example_corpus_merges_equal_the_exhaustive_ones(
    example_config, example_sentences, threshold: float
) -> None:
    scored, evidence = _example_inputs(example_config, example_sentences)
    fast, _ = merge_duplicates(scored, evidence, threshold=threshold)
    slow, _ = reference.merge_duplicates(scored, evidence, threshold=threshold)
    assert _shape(fast) == _shape(slow)
    assert any(len(c.members) > 1 for c in fast)


def test_example_corpus_rewrites_and_redundancy_equal_the_exhaustive_ones(
    example_config, example_sentences
) -> None:
    scored, evidence = _example_inputs(example_config, example_sentences)
    texts = [s.text for s in evidence]
    groups = _groups(evidence)
    fast_similarity, slow_similarity = Similarity(texts), reference.ExhaustiveSimilarity(texts)
    assert align_rewrites(groups, fast_similarity) == reference.align_rewrites(
        groups, slow_similarity
    )
    clusters, fast_similarity = merge_duplicates(scored, evidence, threshold=0.5)
    _, slow_similarity = reference.merge_duplicates(scored, evidence, threshold=0.5)
    _assert_same_redundancy(clusters, evidence, fast_similarity, slow_similarity)


def _groups(evidence: list[Sentence]) -> list[list[int]]:
    by_article: dict[str, list[int]] = {}
    for i, sentence in enumerate(evidence):
        by_article.setdefault(sentence.article, []).append(i)
    return list(by_article.values())


def _assert_same_redundancy(
    clusters: tuple[Cluster, ...],
    evidence: list[Sentence],
    fast: Similarity,
    slow: reference.ExhaustiveSimilarity,
) -> None:
    index = {s.id: i for i, s in enumerate(evidence)}
    decided = 0
    for threshold in (0.2, 0.3, 0.5):
        for n, cluster in enumerate(clusters):
            chosen = list(clusters[:n])
            mine = [index[m.id] for m in cluster.members]
            expected = reference.restates(cluster, chosen, slow, index, threshold, CONTAINMENT)
            got = next(
                (
                    position
                    for position, other in enumerate(chosen)
                    if fast.restates(mine, [index[m.id] for m in other.members], threshold, 0.7)
                ),
                None,
            )
            assert got == expected, cluster.representative.sentence.text
            decided += expected is not None
    assert decided > 0


# A synthetic story: statements, each reported by several outlets in several ways.
NAMES = "Arden Balor Cressida Dunmore Elwin Fenwick Galloway Hartley Ingram Jessop".split()
PLACES = "Lisbon Kraków Oslo Porto Riga Tallinn Turin Valencia Vilnius Zagreb".split()
VERBS = "approved rejected delayed announced criticised funded proposed signed".split()
THINGS = (
    "the budget|a new treaty|the rail strike settlement|an emergency loan|the border agreement|"
    "a ceasefire plan|the vaccine programme|the port expansion|a tax reform|the election law"
).split("|")
SYNONYMS = {"approved": "backed", "rejected": "turned down", "delayed": "postponed"}


def _statement(rng: random.Random) -> str:
    name, place = rng.choice(NAMES), rng.choice(PLACES)
    verb, thing = rng.choice(VERBS), rng.choice(THINGS)
    figure = rng.choice(["", f" worth {rng.randint(2, 90)} million euros", " on Tuesday"])
    text = f"{name} {verb} {thing} in {place}{figure}."
    if rng.random() < 0.25:
        quote = " ".join(rng.sample(["we", "will", "never", "accept", "this", "deal", "now"], 6))
        text = f'{name} said "{quote}" after the vote in {place}.'
    return text


def _variant(text: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return text
    if roll < 0.5:
        return text.replace(".", " on Monday.", 1) if '"' not in text else text
    if roll < 0.7:
        return " ".join(SYNONYMS.get(w, w) for w in text.split())
    if roll < 0.85:
        return f"Officials confirmed that {text[0].lower()}{text[1:]}"
    return text.replace("million", "billion")


def synthetic_corpus(seed: int = 7) -> tuple[list[ScoredSentence], list[Sentence]]:
    rng = random.Random(seed)
    statements = [_statement(rng) for _ in range(60)]
    articles: list[list[str]] = []
    for _ in range(24):
        chosen = rng.sample(statements, rng.randint(4, 14))
        articles.append([_variant(s, rng) for s in chosen])
        if rng.random() < 0.3:  # a rewrite of it: same order, paraphrased, one sentence dropped
            rewrite = [_variant(s, rng) for s in chosen]
            del rewrite[rng.randrange(len(rewrite))]
            articles.append(rewrite)
    evidence = []
    for a, texts in enumerate(articles):
        for n, text in enumerate(texts):
            evidence.append(Sentence(f"a{a:02d}:0:{n}", f"a{a:02d}", 0, n, n, 0, len(text), text))
    candidates = [
        ScoredSentence(s, "t", round(rng.random(), 3), 1.0, rng.random() < 0.2)
        for s in evidence
        if rng.random() < 0.6
    ]
    return candidates, evidence


@pytest.mark.parametrize("threshold", [0.25, 0.5, 0.8])
def test_synthetic_corpus_merges_equal_the_exhaustive_ones(threshold: float) -> None:
    candidates, evidence = synthetic_corpus()
    fast, fast_similarity = merge_duplicates(candidates, evidence, threshold=threshold)
    slow, slow_similarity = reference.merge_duplicates(candidates, evidence, threshold=threshold)
    assert _shape(fast) == _shape(slow)
    assert sum(len(c.members) > 1 for c in fast) > 5
    groups = _groups(evidence)
    texts = [s.text for s in evidence]
    rewrites = align_rewrites(groups, Similarity(texts))
    assert rewrites == reference.align_rewrites(groups, reference.ExhaustiveSimilarity(texts))
    assert rewrites  # the corpus has rewritten articles, and they are found
    _assert_same_redundancy(fast, evidence, fast_similarity, slow_similarity)


def test_synthetic_corpus_pair_decisions_equal_the_exhaustive_ones() -> None:
    _, evidence = synthetic_corpus(seed=11)
    texts = [s.text for s in evidence][:150]
    fast, slow = Similarity(texts), reference.ExhaustiveSimilarity(texts)
    for i in range(len(texts)):
        for j in range(len(texts)):
            assert fast(i, j) == pytest.approx(slow(i, j), abs=1e-12)
            for threshold in (0.3, 0.5):
                assert fast.carries(i, j, threshold) == slow.carries(i, j, threshold)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 60),
    st.integers(1, 40),
    st.floats(0.02, 0.6),
    st.sampled_from([0.05, 0.1, 0.2, 0.5, 0.9]),
    st.booleans(),
    st.integers(0, 2**31),
)
def test_similar_pairs_finds_exactly_the_pairs_of_the_full_product(
    rows: int, columns: int, density: float, threshold: float, strict: bool, seed: int
) -> None:
    matrix = normalize_rows(
        sparse.random(rows, columns, density=density, random_state=seed, format="csr")
    )
    full = (matrix @ matrix.T).toarray()
    np.fill_diagonal(full, 0.0)
    expected = full > threshold if strict else full >= threshold
    found = similar_pairs(matrix, threshold, strict=strict).toarray()
    assert np.array_equal(found != 0, expected)
    assert np.allclose(found, np.where(expected, full, 0.0), rtol=0, atol=1e-12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=25, unique=True))
def test_longest_increasing_chain_is_the_exhaustive_one(pairs: list[tuple[int, int]]) -> None:
    from briefing.dedupe import _longest_increasing

    assert _longest_increasing(pairs) == reference._longest_increasing(pairs)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 30), st.integers(0, 2**31), st.sampled_from([0.1, 0.3, 0.9, 1.0]))
def test_similar_pairs_with_copied_rows_finds_every_pair_of_copies(
    rows: int, seed: int, threshold: float
) -> None:
    base = normalize_rows(sparse.random(rows, 12, density=0.3, random_state=seed, format="csr"))
    picks = np.random.default_rng(seed).integers(0, rows, size=rows * 3)
    matrix = sparse.csr_matrix(base[picks])
    full = (matrix @ matrix.T).toarray()
    np.fill_diagonal(full, 0.0)
    # Copies of one row are as similar as the row with itself, up to rounding.
    expected = full >= threshold - 1e-12
    found = similar_pairs(matrix, threshold).toarray()
    certain = np.abs(full - threshold) > 1e-12
    assert np.array_equal((found != 0)[certain], expected[certain])
    assert np.allclose(found, np.where(found != 0, full, 0.0), rtol=0, atol=1e-12)
