"""briefing: several news articles about one story in, a short cited briefing out.

The pipeline (see ``pipeline.build``)::

    ingest.load_articles      files -> Article (text with page furniture masked)
    segment.split_sentences   Article -> Sentence (stable id, offsets into the article text)
    editorial.judge_sentences Sentence -> Verdict (can it stand alone as a point?)
    themes.assign_themes      Sentence -> theme key or None
    rank.score_sentences      sentences of a theme -> ScoredSentence (sumy)
    dedupe.merge_duplicates   ScoredSentence -> Cluster (one statement, every source carrying it)
    compose.compose_briefing  Cluster -> Briefing (points per theme, citations, sources)
    render.render_outputs     Briefing -> Markdown, HTML, PDF, JSON
"""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
