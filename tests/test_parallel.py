"""Reading and splitting on several cores gives what one core gives, in the same order."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.ingest import load_articles
from briefing.parallel import PARALLEL_MIN_ITEMS, Workers
from briefing.segment import split_sentences

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "putin-talks"


def _square(n: int) -> int:
    return n * n


def test_map_keeps_the_order_of_its_items() -> None:
    items = list(range(PARALLEL_MIN_ITEMS * 3))
    with Workers(2) as workers:
        assert workers.map(_square, items) == [n * n for n in items]
        assert workers._pool is not None  # the work did go to other processes
    with Workers(2) as workers:
        assert workers.map(_square, items[:3]) == [0, 1, 4]
        assert workers._pool is None  # too few items to start processes


def test_parallel_reading_and_splitting_equal_one_core(tmp_path: Path) -> None:
    for copy in range(4):  # 20 articles: enough to go parallel
        for path in sorted(EXAMPLES.iterdir()):
            shutil.copy(path, tmp_path / f"{copy}-{path.name}")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with Workers(2) as workers:
        parallel = load_articles(tmp_path, root=tmp_path, workers=workers)
        parallel_sentences = workers.map(split_sentences, list(parallel[0]))
    alone = load_articles(tmp_path, root=tmp_path)
    assert parallel == alone
    assert any("empty.txt: skipped" in w for w in parallel[1])
    assert parallel_sentences == [split_sentences(a) for a in alone[0]]
