"""How long a build of a day's news takes, stage by stage, and how much memory it needs.

Usage::

    .venv/bin/python benchmarks/bench_build.py /work/shared/eval [--sizes 500 1000 5000]

``DATA_DIR`` is the evaluation data described in its README (DUC 2004, DUC 2003 and a
Multi-News sample: ``<set>/<cluster>/NN.txt``, 1,099 articles). Its texts are never copied into
the repository: the articles of each size are written to a temporary folder, removed afterwards
(``--keep`` keeps it and prints where).

For each size, a fresh Python process builds the briefing (Markdown and JSON, no PDF) with the
real command path (``pipeline.build``), so start-up and imports are counted, and reports the
seconds of each stage (ingest, split, themes, rank, merge, compose, render, write) and the peak
resident memory (``ru_maxrss``) reached by the end of each stage; worker processes (ingest runs
on every core) are reported separately.

The articles: the real ones first, in an order that mixes the three sets (so 500 articles are
not all DUC 2004). Beyond the 1,099 real articles, variants of them fill the size. A variant is
built from its original, deterministically (seeded by the original and the variant number):

- the paragraphs after the first (the lead) are shuffled;
- each sentence is dropped with probability 0.1 and repeated with probability 0.03 (at least one
  sentence is always dropped from an article of more than three sentences);
- words from a small synonym list are swapped ("said" -> "stated", "officials" ->
  "authorities", ...), each occurrence with probability 0.5;
- figures that are not years are renumbered (multiplied by 0.8 to 1.25 and rounded).

So a variant reads like another outlet's rewrite of the same wire report: most sentences are
near-duplicates of the original's (the case the duplicate merging has to handle), none of the
articles is an exact copy.

The config is generic: four broad themes (events, officials, economy, justice) with general cue
words, written to the temporary folder.

At the end, sumy's LexRank and ours rate the same 2,000 sentences (the usable sentences of the
first articles) side by side, in this process, each after a warm-up on five sentences (so that
imports are not counted): the seconds of each, the ratio, and whether their top 10 are the same
sentences.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ("duc2004", "duc2003_task2", "multinews_sample100")

CONFIG = """\
title = "Benchmark briefing"
date = 2025-05-11

[sources]
folder = "articles"

[output]
dir = "out"
formats = ["md", "json"]

[summarizer]
algorithm = "lexrank"
points_per_theme = 8
words_per_theme = 300
min_points_per_theme = 2
max_points = 30

[[themes]]
key = "events"
title = "What happened"
description = "Events, incidents and their toll."
cues = [
    "attack", "killed", "dead", "died", "injured", "crash", "fire", "storm", "flood",
    "earthquake", "explosion", "bomb", "war", "fighting", "troops", "victims", "disaster",
    "rescue", "hurricane", "accident",
]

[[themes]]
key = "officials"
title = "What officials said and did"
description = "Governments, leaders and their decisions."
cues = [
    "government", "president", "minister", "prime minister", "official", "announced",
    "spokesman", "statement", "election", "parliament", "vote", "policy", "talks", "agreement",
    "leader", "party", "opposition", "white house",
]

[[themes]]
key = "economy"
title = "Money and markets"
description = "Companies, prices, trade and budgets."
cues = [
    "economy", "market", "price", "percent", "billion", "million", "company", "trade", "bank",
    "budget", "tax", "stock", "dollar", "oil", "jobs", "growth", "investors", "sales",
]

[[themes]]
key = "justice"
title = "Courts and police"
description = "Arrests, charges, trials and rulings."
cues = [
    "police", "court", "judge", "trial", "charged", "arrested", "prison", "lawyer", "law",
    "investigation", "prosecutor", "guilty", "sentence", "crime", "suspect", "ruling",
]
"""

SYNONYMS = {
    "said": "stated",
    "says": "states",
    "officials": "authorities",
    "people": "residents",
    "government": "administration",
    "country": "nation",
    "began": "started",
    "begin": "start",
    "help": "assist",
    "big": "large",
    "about": "around",
    "after": "following",
    "announced": "declared",
    "killed": "left dead",
    "told": "informed",
    "plan": "proposal",
    "buy": "purchase",
    "show": "indicate",
    "try": "attempt",
    "also": "additionally",
}
_SYNONYM = re.compile(r"\b(" + "|".join(SYNONYMS) + r")\b")
_FIGURE = re.compile(r"\b\d{1,3}(?:,\d{3})*\b|\b\d+\b")
# Good enough to cut a variant's sentences; the pipeline's own splitter is not used here.
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“]?[A-Z])")


def originals(data_dir: Path) -> list[tuple[str, str]]:
    """(name, text) of every article, interleaving the sets cluster by cluster."""
    per_set: list[list[Path]] = []
    for name in SETS:
        folder = data_dir / name
        if not folder.is_dir():
            raise SystemExit(f"{folder}: not found; DATA_DIR must hold {', '.join(SETS)}")
        per_set.append(sorted(p for p in folder.glob("*/[0-9]*.txt")))
    out: list[tuple[str, str]] = []
    longest = max(len(files) for files in per_set)
    for index in range(longest):
        for files in per_set:
            if index < len(files):
                path = files[index]
                name = f"{path.parent.parent.name}-{path.parent.name}-{path.stem}"
                out.append((name, path.read_text(encoding="utf-8")))
    return out


def variant(text: str, seed: int) -> str:
    """A realistic rewrite of ``text`` (see the module docstring); never the text itself."""
    rng = random.Random(seed)
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    lead, rest = paragraphs[:1], paragraphs[1:]
    rng.shuffle(rest)
    out_paragraphs = []
    total = 0
    dropped = 0
    for paragraph in lead + rest:
        sentences = _SENTENCE.split(" ".join(paragraph.split()))
        total += len(sentences)
        kept = []
        for sentence in sentences:
            roll = rng.random()
            if roll < 0.1:
                dropped += 1
                continue
            kept.append(_rewrite(sentence, rng))
            if roll > 0.97:
                kept.append(kept[-1])
        if kept:
            out_paragraphs.append(" ".join(kept))
    if total > 3 and not dropped and len(out_paragraphs[-1].split(". ")) > 1:
        out_paragraphs[-1] = out_paragraphs[-1].rsplit(". ", 1)[0] + "."
    result = "\n\n".join(out_paragraphs) + "\n"
    return result if result.strip() != text.strip() else result + "\nThe report was updated.\n"


def _rewrite(sentence: str, rng: random.Random) -> str:
    def synonym(match: re.Match[str]) -> str:
        return SYNONYMS[match.group(0)] if rng.random() < 0.5 else match.group(0)

    def figure(match: re.Match[str]) -> str:
        value = int(match.group(0).replace(",", ""))
        if 1900 <= value <= 2030 or value < 2:
            return match.group(0)
        new = max(2, round(value * rng.uniform(0.8, 1.25)))
        return f"{new:,}" if "," in match.group(0) else str(new)

    return _FIGURE.sub(figure, _SYNONYM.sub(synonym, sentence))


def write_corpus(data_dir: Path, size: int, folder: Path) -> None:
    """``size`` articles (real first, then variants) as .txt files in ``folder/articles``."""
    real = originals(data_dir)
    articles = folder / "articles"
    articles.mkdir(parents=True)
    for number in range(size):
        name, text = real[number % len(real)]
        generation = number // len(real)
        if generation:
            text = variant(text, seed=number)
            name = f"{name}-v{generation}"
        (articles / f"{number:05d}-{name}.txt").write_text(text, encoding="utf-8")
    (folder / "config.toml").write_text(CONFIG, encoding="utf-8")


# The child process: one build, measured stage by stage. It prints one JSON line.
CHILD = r"""
import datetime as dt, json, logging, resource, sys, time
started = time.perf_counter()
from pathlib import Path
rss = []
summary = []
class Probe(logging.Handler):
    def emit(self, record):
        if isinstance(record.args, tuple) and record.args and isinstance(record.args[0], str):
            rss.append((record.args[0].strip(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
        else:
            summary.append(record.getMessage())
probe = logging.getLogger("briefing.pipeline")
probe.setLevel(logging.INFO)
probe.addHandler(Probe())
from briefing.config import load_config
from briefing.pipeline import build
imported = time.perf_counter() - started
config_path = Path(sys.argv[1])
result = build(load_config(config_path), now=dt.datetime(2025, 5, 11, 7, tzinfo=dt.UTC),
               root=config_path.parent)
print(json.dumps({
    "import": imported,
    "total": time.perf_counter() - started,
    "timings": result.timings,
    "rss_kb": rss,
    "children_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    "points": len(result.briefing.points),
    "summary": summary,
}))
"""


def run_size(data_dir: Path, size: int, keep: bool) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix=f"briefing-bench-{size}-"))
    try:
        write_corpus(data_dir, size, folder)
        started = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-c", CHILD, str(folder / "config.toml")],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        wall = time.perf_counter() - started
        if completed.returncode != 0:
            raise SystemExit(f"build of {size} articles failed:\n{completed.stderr}")
        figures: dict[str, object] = json.loads(completed.stdout.strip().splitlines()[-1])
        figures["wall"] = wall
        return figures
    finally:
        if keep:
            print(f"  kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def report_size(size: int, figures: dict[str, object]) -> None:
    timings = dict(figures["timings"])  # type: ignore[call-overload]
    rss = {name: kb for name, kb in figures["rss_kb"]}  # type: ignore[attr-defined]
    print(f"\n{size} articles: {figures['wall']:.2f} s end to end (process start to files written)")
    print(f"  {'stage':<9}{'seconds':>9}{'peak RSS so far':>18}")
    print(f"  {'start-up':<9}{figures['import']:>9.2f}")
    for name, seconds in timings.items():
        peak = rss.get(name)
        shown = f"{peak / 1024:>14.0f} MB" if peak else ""
        print(f"  {name:<9}{seconds:>9.2f}{shown:>18}")
    peak_main = max(rss.values()) / 1024 if rss else 0.0
    workers = int(figures["children_rss_kb"]) / 1024  # type: ignore[call-overload]
    print(f"  peak RSS: {peak_main:.0f} MB (build process), {workers:.0f} MB (largest worker)")
    for line in figures["summary"]:  # type: ignore[attr-defined]
        print(f"  {line}")
    print(f"  points in the briefing: {figures['points']}")


def compare_lexrank(data_dir: Path, count: int = 2000) -> None:
    """sumy's LexRank and ours on the same ``count`` sentences, in this process."""
    sys.path.insert(0, str(ROOT))
    from briefing.editorial import judge_sentences
    from briefing.ingest import load_articles
    from briefing.rank import rate_sentences, sumy_ratings
    from briefing.segment import split_sentences

    with tempfile.TemporaryDirectory(prefix="briefing-bench-lexrank-") as tmp:
        write_corpus(data_dir, 200, Path(tmp))
        articles, _ = load_articles(Path(tmp) / "articles")
    sentences = [s for a in articles for s in split_sentences(a)]
    verdicts = judge_sentences(sentences, min_words=7, max_words=70)
    texts = [s.text for s in sentences if verdicts[s.id].usable][:count]
    if len(texts) < count:
        raise SystemExit(f"only {len(texts)} usable sentences for the LexRank comparison")
    # Imports (numpy and scipy for ours, sumy and nltk for sumy's) are paid once per process,
    # not per ranking: both are warmed up on a few sentences first.
    rate_sentences(texts[:5], "lexrank")
    sumy_ratings(texts[:5], "lexrank")
    started = time.perf_counter()
    ours = rate_sentences(texts, "lexrank")
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    theirs = sumy_ratings(texts, "lexrank")
    sumy_seconds = time.perf_counter() - started

    def top(ratings: list[float]) -> list[int]:
        return sorted(range(len(ratings)), key=lambda i: -ratings[i])[:10]

    largest_gap = max(abs(a - b) for a, b in zip(ours, theirs, strict=True))
    print(f"\nLexRank on the same {len(texts)} sentences:")
    print(f"  sumy 0.13.0  {sumy_seconds:8.2f} s")
    print(f"  briefing     {ours_seconds:8.3f} s   ({sumy_seconds / ours_seconds:.0f}x faster)")
    print(f"  same top 10: {top(ours) == top(theirs)}; largest rating difference {largest_gap:.1e}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path, help="the evaluation data folder")
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 5000])
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora")
    parser.add_argument("--no-lexrank", action="store_true", help="skip the sumy comparison")
    args = parser.parse_args()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(
        f"machine: {os.cpu_count()} cores, {memory:.1f} GB RAM, Python {platform.python_version()}"
        f", {platform.platform()}"
    )
    results = {}
    for size in args.sizes:
        results[size] = figures = run_size(args.data_dir, size, args.keep)
        report_size(size, figures)
    if len(results) > 1:
        smallest, largest = min(results), max(results)
        ratio = float(results[largest]["wall"]) / float(results[smallest]["wall"])  # type: ignore[arg-type]
        print(
            f"\ngrowth: {largest / smallest:.0f}x the articles took {ratio:.1f}x the time "
            "(end to end)"
        )
    if not args.no_lexrank:
        compare_lexrank(args.data_dir)


if __name__ == "__main__":
    main()
