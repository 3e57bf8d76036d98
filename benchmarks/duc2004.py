"""How good the summaries are: ROUGE against the human summaries of DUC 2004 Task 2.

Usage::

    .venv/bin/python benchmarks/duc2004.py /work/shared/eval/duc2004 [--clusters 10]
        [--systems briefing lead sumy-lexrank ...] [--words 100]

``DATA_DIR`` holds one folder per cluster: the articles as ``NN.txt``, ``docs.tsv`` (file name,
document id; files in date order) and the human summaries in ``references/`` (see the eval
README). Its texts are read where they are, never copied.

Every system summarizes the same articles, read, cleaned and split into sentences by the
project (``ingest.load_articles``, ``segment.split_sentences``):

- ``briefing``: ``briefing summarize FOLDER --words 100`` (``summarize.summarize_articles``):
  whole sentences, at most 100 words;
- ``briefing-cut``: the same with ``--overrun``: one sentence more runs past 100 words and is
  cut by the scorer, as the sumy and lead summaries below are;
- ``sumy-lexrank``, ``sumy-textrank``, ``sumy-lsa``, ``sumy-luhn``: sumy 0.13.0's summarizers
  rating every sentence of the cluster fed as one document (``rank.sumy_ratings``), best first
  until 100 words are reached;
- ``lead``: the first 100 words of the most recent article (the last in ``docs.tsv``).

Scoring follows the DUC 2004 protocol as the eval README gives it: the ``rouge-score`` package
with stemming, summaries and references cut to their first 100 words (white-space tokens), each
reference scored separately and the scores averaged, then averaged over the clusters; recall and
F1 of ROUGE-1, ROUGE-2 and ROUGE-L, times 100. Nothing is trained or tuned here: the summarizer's
weights were chosen on DUC 2003 (see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.ingest import load_articles
from briefing.models import Article
from briefing.rank import sumy_ratings
from briefing.segment import split_sentences
from briefing.summarize import summarize_articles

WORDS = 100
MEASURES = ("rouge1", "rouge2", "rougeL")
SUMY = {
    "sumy-lexrank": "lexrank",
    "sumy-textrank": "textrank",
    "sumy-lsa": "lsa",
    "sumy-luhn": "luhn",
}


@dataclass(frozen=True)
class Cluster:
    name: str
    articles: tuple[Article, ...]  # in date order (docs.tsv)
    references: tuple[str, ...]


def cut(text: str, words: int = WORDS) -> str:
    """The first ``words`` white-space separated tokens of ``text``."""
    return " ".join(text.split()[:words])


def load_cluster(folder: Path) -> Cluster:
    articles, _ = load_articles(folder)
    by_file = {Path(a.path).name: a for a in articles}
    listed = folder / "docs.tsv"
    order = (
        [line.split("\t")[0] for line in listed.read_text().splitlines() if line.strip()]
        if listed.is_file()
        else sorted(by_file)
    )
    references = tuple(p.read_text() for p in sorted((folder / "references").glob("*.txt")))
    if not references:
        raise SystemExit(f"{folder / 'references'}: no reference summaries (*.txt)")
    return Cluster(folder.name, tuple(by_file[name] for name in order), references)


def load_clusters(data: Path, limit: int | None = None) -> list[Cluster]:
    folders = sorted(p for p in data.iterdir() if p.is_dir() and (p / "references").is_dir())
    if not folders:
        raise SystemExit(f"{data}: no cluster folders with references/ found")
    return [load_cluster(folder) for folder in folders[:limit]]


def briefing_system(words: int, *, overrun: bool = False) -> Callable[[Cluster], list[str]]:
    def run(cluster: Cluster) -> list[str]:
        summary = summarize_articles(cluster.articles, words_budget=words, overrun=overrun)
        return [s.text for s in summary.sentences]

    return run


def sumy_system(algorithm: str, words: int) -> Callable[[Cluster], list[str]]:
    def run(cluster: Cluster) -> list[str]:
        texts = [s.text for a in cluster.articles for s in split_sentences(a)]
        ratings = sumy_ratings(texts, algorithm)
        order = sorted(range(len(texts)), key=lambda i: (-ratings[i], i))
        chosen, total = [], 0
        for i in order:
            if total >= words:
                break
            chosen.append(texts[i])
            total += len(texts[i].split())
        return chosen

    return run


def lead(cluster: Cluster) -> list[str]:
    return [s.text for s in split_sentences(cluster.articles[-1])]


def systems(words: int) -> dict[str, Callable[[Cluster], list[str]]]:
    found = {
        "briefing": briefing_system(words),
        "briefing-cut": briefing_system(words, overrun=True),
        "lead": lead,
    }
    found.update({name: sumy_system(algorithm, words) for name, algorithm in SUMY.items()})
    return found


def score(
    system: Callable[[Cluster], list[str]], clusters: Sequence[Cluster], words: int = WORDS
) -> dict[str, float]:
    """Recall and F1 (x100) of each measure, averaged over references, then clusters; and
    ``words``: the average length of the summaries before cutting."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(MEASURES), use_stemmer=True)
    per_cluster: dict[str, list[float]] = {}
    lengths = []
    for cluster in clusters:
        summary = " ".join(system(cluster))
        lengths.append(len(summary.split()))
        scores = [scorer.score(cut(ref, words), cut(summary, words)) for ref in cluster.references]
        for measure in MEASURES:
            for kind in ("recall", "fmeasure"):
                value = statistics.mean(getattr(s[measure], kind) for s in scores)
                per_cluster.setdefault(f"{measure}_{kind}", []).append(value)
    result = {key: 100 * statistics.mean(values) for key, values in per_cluster.items()}
    result["words"] = statistics.mean(lengths)
    return result


def table(results: Mapping[str, Mapping[str, float]], seconds: Mapping[str, float]) -> str:
    head = (
        "| system | R-1 recall | R-2 recall | R-L recall | R-1 F1 | R-2 F1 | R-L F1 "
        "| words before the cut | seconds |"
    )
    lines = [head, "|---|" + "---:|" * 8]
    for name, r in results.items():
        values = [
            r["rouge1_recall"],
            r["rouge2_recall"],
            r["rougeL_recall"],
            r["rouge1_fmeasure"],
            r["rouge2_fmeasure"],
            r["rougeL_fmeasure"],
        ]
        cells = " | ".join(f"{v:.1f}" for v in values)
        lines.append(f"| {name} | {cells} | {r['words']:.0f} | {seconds[name]:.1f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the DUC 2004 folder (one folder per cluster)")
    parser.add_argument("--clusters", type=int, help="only the first N clusters")
    parser.add_argument("--words", type=int, default=WORDS, help="summary length (100)")
    known = list(systems(WORDS))
    parser.add_argument("--systems", nargs="+", choices=known, default=known, metavar="NAME")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"{args.data}: not a folder")
    started = time.perf_counter()
    clusters = load_clusters(args.data, args.clusters)
    n_articles = sum(len(c.articles) for c in clusters)
    print(
        f"{len(clusters)} clusters, {n_articles} articles, read in "
        f"{time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    available = systems(args.words)
    results: dict[str, dict[str, float]] = {}
    seconds: dict[str, float] = {}
    for name in args.systems:
        started = time.perf_counter()
        results[name] = score(available[name], clusters, args.words)
        seconds[name] = time.perf_counter() - started
        print(f"{name}: {seconds[name]:.1f} s", file=sys.stderr)
    print(f"ROUGE (x100), {args.words} words, {len(clusters)} clusters of {args.data}:\n")
    print(table(results, seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
