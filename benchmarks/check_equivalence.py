"""Check the fast paths against their references on real articles (not a test: it reads data
that is not in the repository, and takes a few minutes).

Usage::

    .venv/bin/python benchmarks/check_equivalence.py /work/shared/eval [--articles 300]

For every article of DATA_DIR (or the first ``--articles``, taken across the three sets):

- sentences: ``segment.sentence_spans`` through our path into pysbd (its rules called directly,
  abbreviation work that cannot change the text skipped) against pysbd's own
  ``Segmenter.segment``, paragraph by paragraph;
- stems: ``stemmer.EnglishStemmer`` (the copy of NLTK's) against ``nltk.stem.snowball``, on
  every word;
- LexRank: ``rank.lexrank_ratings`` against sumy's LexRankSummarizer on the usable sentences of
  each cluster (the story it belongs to): close ratings and the same top 10.

Prints what differs and a summary; exits 1 if anything does.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    import numpy as np
    import pysbd
    from bench_build import originals
    from nltk.stem.snowball import EnglishStemmer as NltkStemmer

    from briefing.clean import clean_text
    from briefing.editorial import judge_sentences
    from briefing.models import Article
    from briefing.rank import lexrank_ratings, sumy_ratings
    from briefing.segment import sentence_spans, split_sentences
    from briefing.stemmer import EnglishStemmer
    from briefing.text import words

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--articles", type=int, default=None)
    args = parser.parse_args()
    real = originals(args.data_dir)[: args.articles]
    reference = pysbd.Segmenter(language="en", clean=False)
    ours_stem, nltk_stem = EnglishStemmer().stem, NltkStemmer().stem
    problems: list[str] = []
    paragraphs = 0
    vocabulary: set[str] = set()
    by_cluster: dict[str, list[str]] = {}
    started = time.perf_counter()
    for name, raw in real:
        cleaned = clean_text(raw)
        for start, end in cleaned.paragraphs:
            paragraphs += 1
            fast = sentence_spans(cleaned.text, start, end)
            slow = sentence_spans(cleaned.text, start, end, segment=reference.segment)
            if fast != slow:
                problems.append(f"{name}: paragraph at {start} splits differently")
        vocabulary.update(w.lower() for w in words(raw))
        article = Article(name, name, None, None, None, None, raw, cleaned.text, cleaned.paragraphs)
        sentences = split_sentences(article)
        verdicts = judge_sentences(sentences, min_words=7, max_words=70)
        cluster = name.rsplit("-", 1)[0]
        by_cluster.setdefault(cluster, []).extend(
            s.text for s in sentences if verdicts[s.id].usable
        )
    print(f"sentences: {len(real)} articles, {paragraphs} paragraphs compared with pysbd")
    stem_differences = [w for w in sorted(vocabulary) if ours_stem(w) != nltk_stem(w)]
    problems += [
        f"stem of {w!r}: {ours_stem(w)!r} vs nltk {nltk_stem(w)!r}" for w in stem_differences
    ]
    print(f"stems: {len(vocabulary)} words compared with nltk")
    worst = 0.0
    for cluster, texts in sorted(by_cluster.items()):
        ours, theirs = lexrank_ratings(texts), sumy_ratings(texts, "lexrank")
        worst = max(worst, float(np.nanmax(np.abs(np.subtract(ours, theirs)))))
        top_ours = sorted(range(len(texts)), key=lambda i: (-round(ours[i], 9), i))[:10]
        top_theirs = sorted(range(len(texts)), key=lambda i: (-round(theirs[i], 9), i))[:10]
        if top_ours != top_theirs or not np.allclose(ours, theirs, rtol=1e-9, atol=1e-12):
            problems.append(f"LexRank of cluster {cluster} differs from sumy's")
    print(f"LexRank: {len(by_cluster)} clusters compared with sumy, largest gap {worst:.1e}")
    for problem in problems:
        print(f"  DIFFERS: {problem}")
    print(f"{len(problems)} difference(s), {time.perf_counter() - started:.0f} s")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
