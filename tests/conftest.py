"""Shared fixtures: the example corpus, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "putin-talks"
CONFIG = ROOT / "config.toml"


@pytest.fixture(scope="session")
def example_config():  # type: ignore[no-untyped-def]
    from briefing.config import load_config

    return load_config(CONFIG)


@pytest.fixture(scope="session")
def example_articles():  # type: ignore[no-untyped-def]
    from briefing.ingest import load_articles

    articles, warnings = load_articles(EXAMPLES)
    assert warnings == ()
    return articles


@pytest.fixture(scope="session")
def example_sentences(example_articles):  # type: ignore[no-untyped-def]
    from briefing.segment import split_sentences

    return tuple(s for a in example_articles for s in split_sentences(a))
