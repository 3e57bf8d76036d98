"""Themes stage: each sentence goes to the theme whose cues it matches best, or to none.

Themes and their cue words come from ``config.toml``; nothing about a theme is in the code.
Cues and sentences are compared stem by stem (Snowball), so a cue "propose" matches "proposed"
and "proposal", and a phrase cue ("direct talks") matches only the words in that order. A cue
counts once per sentence however often it occurs, weighted by its number of content words, so a
precise phrase outweighs a single common word. Ties go to the theme declared first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .config import ThemeConfig
from .models import Sentence
from .text import content_stems, stems


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue word or phrase as stems, and its weight."""

    text: str
    stems: tuple[str, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class Assignment:
    """The theme a sentence fits best, the strength of the fit, and the cues that matched."""

    theme: str
    score: float
    cues: tuple[str, ...]


def compile_cues(theme: ThemeConfig) -> tuple[Cue, ...]:
    """The theme's cues as stems; cues that stem alike ("propose", "proposal") count once."""
    out: dict[tuple[str, ...], Cue] = {}
    for cue in theme.cues:
        cue_stems = tuple(stems(cue))
        if cue_stems and cue_stems not in out:
            out[cue_stems] = Cue(cue, cue_stems, float(max(1, len(content_stems(cue)))))
    return tuple(out.values())


def match_cues(sentence_stems: Sequence[str], cues: Iterable[Cue]) -> tuple[float, tuple[str, ...]]:
    """Total weight of the cues found in the stem sequence, and which ones."""
    present = set(sentence_stems)
    score = 0.0
    matched = []
    for cue in cues:
        if len(cue.stems) == 1:
            found = cue.stems[0] in present
        else:
            found = _contains(sentence_stems, cue.stems)
        if found:
            score += cue.weight
            matched.append(cue.text)
    return score, tuple(matched)


def _contains(sequence: Sequence[str], phrase: Sequence[str]) -> bool:
    if not set(phrase) <= set(sequence):
        return False
    width = len(phrase)
    return any(
        tuple(sequence[i : i + width]) == tuple(phrase) for i in range(len(sequence) - width + 1)
    )


def assign_themes(
    sentences: Iterable[Sentence], themes: Sequence[ThemeConfig], *, min_score: float = 1.0
) -> dict[str, Assignment]:
    """The best theme of each sentence that matches at least ``min_score`` of cue weight,
    keyed by sentence id; sentences that fit no theme are absent."""
    compiled = [(theme.key, compile_cues(theme)) for theme in themes]
    out: dict[str, Assignment] = {}
    for sentence in sentences:
        sentence_stems = stems(sentence.text)
        best: Assignment | None = None
        for key, cues in compiled:
            score, matched = match_cues(sentence_stems, cues)
            if score >= min_score and (best is None or score > best.score):
                best = Assignment(key, score, matched)
        if best is not None:
            out[sentence.id] = best
    return out
