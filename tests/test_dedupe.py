"""Merging sentences that say the same thing, and never more than that."""

from __future__ import annotations

from briefing.dedupe import Similarity, align_rewrites, citable, merge_duplicates
from briefing.models import ScoredSentence, Sentence


def _s(article: str, n: int, text: str) -> Sentence:
    return Sentence(f"{article}:0:{n}", article, 0, n, n, 0, len(text), text)


def _scored(sentence: Sentence, score: float = 0.5, dependent: bool = False) -> ScoredSentence:
    return ScoredSentence(sentence, "t", score, 1.0, dependent)


FILLER = [
    _s("z", 10, "The weather in Moscow was cold and grey on Sunday morning."),
    _s("z", 11, "Markets in Asia closed higher after a quiet trading session."),
    _s("z", 12, "The football season ends next week with a final in Madrid."),
]


def test_identical_and_near_identical_sentences_merge_across_sources() -> None:
    a = _s("a", 0, "Russia launched a drone attack on Kyiv and other regions on Sunday.")
    b = _s("b", 0, "Russia launched a drone attack on Kyiv and several other regions on Sunday.")
    c = _s("c", 0, "The European Union agreed new sanctions against Russian banks.")
    evidence = [a, b, c, *FILLER]
    clusters, _ = merge_duplicates(
        [_scored(a, 0.9), _scored(b), _scored(c)], evidence, threshold=0.5
    )
    texts = [[m.text for m in cl.members] for cl in clusters]
    assert [a.text, b.text] in texts
    assert [c.text] in texts


def test_shared_quotation_merges_differently_worded_reports() -> None:
    a = _s("a", 0, 'Trump praised it as a "potentially great day for Russia and Ukraine" online.')
    b = _s(
        "b",
        0,
        "After the news, Trump wrote of a “potentially great day for Russia and Ukraine”.",
    )
    clusters, similarity = merge_duplicates(
        [_scored(a), _scored(b)], [a, b, *FILLER], threshold=0.5
    )
    assert len(clusters) == 1
    assert clusters[0].articles == ("a", "b")


def test_star_clusters_every_member_is_close_to_the_representative() -> None:
    # A chain: a~b and b~c, but a and c say different things; c must not be cited for a.
    a = _s("a", 0, "Putin proposed direct talks with Ukraine in Istanbul next Thursday.")
    b = _s("b", 0, "Putin proposed direct talks in Istanbul and a ceasefire after a drone attack.")
    c = _s("c", 0, "Russia launched a drone attack and a ceasefire collapsed after talks failed.")
    evidence = [a, b, c, *FILLER]
    candidates = [_scored(a, 0.9), _scored(b, 0.8), _scored(c, 0.7)]
    clusters, similarity = merge_duplicates(candidates, evidence, threshold=0.3)
    index = {s.id: i for i, s in enumerate(evidence)}
    for cluster in clusters:
        rep = index[cluster.representative.sentence.id]
        for member in cluster.members:
            if member.id != cluster.representative.sentence.id:
                assert similarity(rep, index[member.id]) >= 0.3


def test_self_contained_sentence_is_preferred_as_the_point() -> None:
    dependent = _s("a", 0, "He proposed direct talks with Ukraine in Istanbul on Thursday.")
    named = _s("b", 0, "Putin proposed direct talks with Ukraine in Istanbul on Thursday.")
    clusters, _ = merge_duplicates(
        [_scored(dependent, 1.0, dependent=True), _scored(named, 0.2)],
        [dependent, named, *FILLER],
        threshold=0.5,
    )
    assert len(clusters) == 1
    assert clusters[0].representative.sentence is named


def test_non_candidate_evidence_is_cited_but_never_the_point() -> None:
    point = _s("a", 0, "Macron called the proposal a first step, but not enough, for a ceasefire.")
    long_version = _s(
        "b", 0, "Macron called the proposal a first step, but not enough, for a real ceasefire."
    )
    clusters, _ = merge_duplicates([_scored(point)], [point, long_version, *FILLER], threshold=0.5)
    assert len(clusters) == 1
    assert clusters[0].representative.sentence is point
    assert clusters[0].articles == ("a", "b")


def test_rewrite_alignment_finds_the_paraphrased_pair_in_the_example_corpus(
    example_sentences,
) -> None:
    articles = sorted({s.article for s in example_sentences})
    groups = [[i for i, s in enumerate(example_sentences) if s.article == a] for a in articles]
    found = align_rewrites(groups, Similarity([s.text for s in example_sentences]))
    pairs = [(articles[a][:3], articles[b][:3]) for a, b, _ in found]
    assert pairs == [("000", "001")]
    aligned = found[0][2]
    assert len(aligned) >= 10
    # Alignment keeps reading order in both articles.
    assert [i for i, _ in aligned] == sorted(i for i, _ in aligned)
    assert [j for _, j in aligned] == sorted(j for _, j in aligned)


def _similarity(*texts: str) -> Similarity:
    return Similarity([*texts, *(f.text for f in FILLER)])


def test_a_shared_clause_is_not_the_whole_statement() -> None:
    point = (
        "Prime Minister Rafik Hariri said Lebanon backs Syria in the dispute that began when "
        "President Suleyman Demirel warned Damascus on Sunday."
    )
    clause = "President Suleyman Demirel warned Damascus on Sunday that Turkey would not wait."
    similarity = _similarity(point, clause)
    assert not similarity.carries(1, 0, 0.5)  # the clause does not say Lebanon backs Syria


def test_one_rare_shared_word_is_no_evidence() -> None:
    similarity = _similarity(
        "Ratings might go down, but probably not as much as Trump expects.",
        "Without me they'd have no ratings!",
    )
    assert not similarity.carries(1, 0, 0.3)


def test_different_figures_are_never_the_same_statement() -> None:
    a = "The fire killed at least 60 people and injured about 180 in the city."
    b = "The fire killed 65 people and injured 157 in the city."
    similarity = _similarity(a, b)
    assert similarity(0, 1) > 0.5
    assert similarity.numbers_conflict(0, 1)
    assert not similarity.carries(1, 0, 0.5)
    same = _similarity(a, "At least 60 people were killed by the fire and about 180 injured.")
    assert not same.numbers_conflict(0, 1)


def test_figures_in_words_count_too() -> None:
    """ "59 bodies were found and six others died later" (65 dead) is not "... and the 60th
    victim died in hospital"; "two" and "one" are left out, too often not counts ("the two
    companies"), and a part of "twenty-five" is no figure of its own."""
    sixty = "Police said 59 bodies were found at the scene and the 60th victim died in hospital."
    similarity = _similarity(
        sixty,
        "Police said 59 bodies were found at the scene and six others died later.",
        "Police said 59 bodies were found at the scene and two others died later.",
        "Police said twenty-five bodies were found at the scene.",
    )
    assert similarity.numbers_conflict(0, 1)
    assert not similarity.numbers_conflict(0, 2)
    assert similarity._numbers_of(3) == frozenset()
    assert _similarity("Three Gorges Dam officials said six people died.")._numbers_of(0) == {"6"}


def test_different_days_are_never_the_same_statement() -> None:
    monday = "Police said an inquiry into the cause of the fire will open on Monday."
    tuesday = "Police said an inquiry into the cause of the fire will open on Tuesday."
    similarity = _similarity(monday, tuesday)
    assert similarity(0, 1) > 0.5
    assert similarity.numbers_conflict(0, 1)
    assert not similarity.carries(1, 0, 0.5)
    undated = _similarity(monday, "Police said an inquiry into the cause of the fire will open.")
    assert not undated.numbers_conflict(0, 1)


def test_a_short_article_is_never_a_rewrite_of_another() -> None:
    short = ["Clinton will meet Arafat in Gaza on Monday, officials said."]
    long = [
        "Hamas denounced the visit of Clinton to Gaza on Monday.",
        *(f.text for f in FILLER),
        "Officials said Arafat would host the meeting.",
        "The Palestinian council will vote on the charter.",
    ]
    similarity = Similarity([*short, *long])
    groups = [[0], list(range(1, 1 + len(long)))]
    assert align_rewrites(groups, similarity) == []


def test_names_alone_do_not_carry_a_statement() -> None:
    """Rare names weigh most, but a sentence sharing only the names says nothing of what the
    other says about them."""
    point = "Ansel Varga and Milo Tressaline worked there."
    names = "Petra Lomax, Milo Tressaline and Ansel Varga served their country."
    similarity = _similarity(point, names)
    assert similarity(0, 1) >= 0.5 and similarity.coverage(0, 1) >= 0.6
    assert not similarity.carries(1, 0, 0.5)
    same = _similarity(point, "Milo Tressaline and Ansel Varga both worked there for years.")
    assert same.carries(1, 0, 0.5)
    # Nor does sharing who tells it: "officials said" is in both.
    told = _similarity(
        "Ansel Varga and Milo Tressaline worked there, officials said.",
        "Milo Tressaline and Ansel Varga were sailors, officials said.",
    )
    assert not told.carries(1, 0, 0.5)


UPDATED = [
    "Dockworkers at the port of Varnholt walked out on Monday over pay.",
    "The strike halted container traffic through the harbour for the first time in a decade.",
    "The union wants a raise of eight percent over two years for its members.",
    "The port authority has offered four percent and a one-off bonus to every worker.",
    "Shipping lines have begun diverting vessels to Ostrand, a smaller port up the coast.",
]


def test_new_material_in_an_update_is_no_paraphrase_of_the_old() -> None:
    """One article repeats another word for word but for its last sentence, where the later
    version says something new: lined up against the old sentence, it is still not the same
    statement, so neither is cited for the other."""
    old = [_s("a", n, text) for n, text in enumerate(UPDATED)]
    old.append(_s("a", 5, "Officials at the port declined to comment on the strike talks."))
    new = [_s("b", n, text) for n, text in enumerate(UPDATED)]
    new.append(_s("b", 5, "Union leaders said strike talks at the port would resume on Friday."))
    evidence = [*old, *new, *FILLER]
    clusters, similarity = merge_duplicates(
        [_scored(s) for s in [*old, *new]], evidence, threshold=0.5
    )
    assert similarity.rewrites  # the two articles are aligned sentence by sentence
    by_text = {c.representative.sentence.text: c.articles for c in clusters}
    assert by_text[UPDATED[0]] == ("a", "b")
    assert by_text[old[5].text] == ("a",) and by_text[new[5].text] == ("b",)


def test_a_source_quoting_one_of_two_quoted_sentences_is_not_cited_for_both() -> None:
    both = _s(
        "a",
        0,
        '"The harbour will reopen on Monday," the mayor said. "Every ferry will run to the old '
        'timetable again."',
    )
    first = _s("b", 0, '"The harbour will reopen on Monday," Mayor Ilse Brandt said on radio.')
    again = _s(
        "c",
        0,
        'Mayor Ilse Brandt said: "The harbour will reopen on Monday. Every ferry will run to the '
        'old timetable again."',
    )
    evidence = [both, first, again, *FILLER]
    clusters, similarity = merge_duplicates(
        [_scored(both, 0.9), _scored(first), _scored(again)], evidence, threshold=0.5
    )
    assert len(clusters) == 1 and clusters[0].articles == ("a", "b", "c")
    row = {s.id: i for i, s in enumerate(evidence)}
    cited = citable(clusters[0].members, both, similarity, row)
    assert [s.article for s in cited] == ["a", "c"]


def test_two_reports_of_one_statement_told_in_the_same_order_are_no_rewrite() -> None:
    """Two reporters at one police briefing tell it in the same order, each with names and
    figures of their own: their sentences side by side are not paraphrases of each other, so
    a sentence saying something else is not cited for its neighbour's statement."""
    first = [
        "Police in Varnholt said a dockworker was hurt when a crane collapsed at the harbour.",
        "Inspector Lena Holm said engineers had checked the crane in January.",
        "The union called for every crane at the port to be inspected.",
        "Harbour master Piet Anker closed the north quay until Thursday.",
        "The injured man, 34, was taken to St. Olaf hospital with a broken leg.",
        "Mayor Ruth Dahl said the town would pay for an independent inquiry.",
    ]
    second = [
        "Police said a worker was hurt when a crane fell over at the Varnholt harbour.",
        "Officers said engineers from Nordic Lift had checked the crane last year.",
        "Shop steward Erik Vang called for all 12 cranes at the port to be inspected.",
        "The north quay was closed for the week, said Maja Lund of the harbour office.",
        "The injured worker was taken to the Kestrel clinic for surgery on his hip.",
        "Councillor Ola Berg said the town would pay for an inquiry.",
    ]
    old = [_s("a", n, text) for n, text in enumerate(first)]
    new = [_s("b", n, text) for n, text in enumerate(second)]
    evidence = [*old, *new, *FILLER]
    clusters, similarity = merge_duplicates(
        [_scored(s) for s in [*old, *new]], evidence, threshold=0.5
    )
    assert similarity.rewrites  # aligned sentence by sentence, in order
    by_text = {c.representative.sentence.text: c.articles for c in clusters}
    # Checked "in January" is not checked "last year", however alike the words.
    assert by_text[first[1]] == ("a",) and by_text[second[1]] == ("b",)


def test_a_source_printing_other_words_is_not_cited_for_a_quotation() -> None:
    """A point quoting someone cites only sources printing those words, but for one word in
    ten (a spelling, an editor's insertion)."""
    point = _s(
        "a",
        0,
        '"If we win, I think it just emboldens the spirit and resolve of the players," union '
        "director Ben Holt said.",
    )
    other = _s(
        "b",
        0,
        '"If he rules in our favor, I think it emboldens the spirit and the resolve of the '
        'players," said Ben Holt, the union director.',
    )
    close = _s(
        "c",
        0,
        '"If we win, I think it emboldens the spirit and resolve of the players," said union '
        "director Ben Holt.",
    )
    evidence = [point, other, close, *FILLER]
    similarity = Similarity([s.text for s in evidence])
    row = {s.id: n for n, s in enumerate(evidence)}
    assert similarity.misquotes(1, 0) and not similarity.misquotes(2, 0)
    assert [s.article for s in citable([point, other, close], point, similarity, row)] == [
        "a",
        "c",
    ]


def test_a_sentence_leaving_out_the_names_of_a_statement_is_not_cited_for_it() -> None:
    """Close in words, but without two of the names the point gives: it says less."""
    point = _s(
        "a",
        0,
        "The bodies of the hostages, Britons and a New Zealander, were found dumped in a muddy "
        "field near the village, police said.",
    )
    fewer = _s(
        "b",
        0,
        "The bodies of the hostages were found dumped in a muddy field near the village, police "
        "said.",
    )
    evidence = [point, fewer, *FILLER]
    similarity = Similarity([s.text for s in evidence])
    row = {s.id: n for n, s in enumerate(evidence)}
    assert similarity.carries(1, 0, 0.5)  # one statement for merging and scoring
    assert [s.article for s in citable([point, fewer], point, similarity, row)] == ["a"]
