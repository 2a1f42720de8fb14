"""The development set (tests/data/labels/) and the harness that measures drafting against it.

The recall and precision of the drafting are reported by benchmarks/drafting.py, not asserted
here: these tests check the labels themselves and the harness's matching rule.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FROZEN_FILE, ROOT
from sco_tracker.sources.drafting import draft
from sco_tracker.sources.evaluation import (
    Label,
    evaluate,
    label_set,
    matches,
    minimal_reading,
    normalise,
    quoted_in,
    read_labels,
    tokens,
)

LABELS = ROOT / "tests" / "data" / "labels"
FILES = sorted(LABELS.glob("*.yaml"))
CORPUS = ["A_RES_80_5", "A_RES_80_9", "A_RES_80_11", "A_RES_80_12", "A_RES_80_16", "A_RES_80_36"]


@dataclass
class P:
    quote: str
    paragraph: int = 1


def lab(text: str) -> Label:
    return Label(paragraph="1", text=text, actor="Member States", kind="continuous")


def test_the_development_set_has_every_corpus_document_and_beijing() -> None:
    names = {f.stem for f in FILES}
    assert set(CORPUS) | {"beijing-2018-05-22"} <= names
    for name in CORPUS:
        assert (ROOT / "tests" / "data" / "corpus" / f"{name}.md").is_file()


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_every_label_quotes_its_document(path: Path) -> None:
    labels = read_labels(path)
    assert labels.document == path.stem
    document = (ROOT / labels.source).read_text(encoding="utf-8")
    assert labels.undertakings, "a labels file with no undertaking"
    assert labels.not_undertakings, "the hard negatives are part of the labelling"
    for item in [*labels.undertakings, *labels.not_undertakings]:
        assert quoted_in(item.text, document), (
            f"[{item.paragraph}] not in the document: {item.text}"
        )
    texts = [normalise(u.text) for u in labels.undertakings]
    assert len(texts) == len(set(texts)), "the same clause labelled twice"


def test_the_beijing_labels_are_the_curated_commitments() -> None:
    import yaml

    curated = [
        " ".join(c["quote"].split()).rstrip(".")
        for c in yaml.safe_load(FROZEN_FILE.read_text(encoding="utf-8"))["commitments"]
        if c.get("source") == "beijing-2018-05-22"
    ]
    labels = read_labels(LABELS / "beijing-2018-05-22.yaml")
    assert sorted(u.text for u in labels.undertakings) == sorted(curated)


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_the_harness_accounts_for_every_label_and_proposal(path: Path) -> None:
    labels = read_labels(path)
    raw = (ROOT / labels.source).read_text(encoding="utf-8")
    text = raw if path.stem.startswith("beijing") else minimal_reading(raw)
    proposals = draft(text, labels.document, parties={}).commitments
    score = evaluate(labels.undertakings, proposals)
    assert len(score.matched) + len(score.missed) == len(labels.undertakings)
    assert len(score.matched) + len(score.false_proposals) == len(proposals)
    assert len({id(m.label) for m in score.matched}) == len(score.matched)
    assert len({id(m.proposal) for m in score.matched}) == len(score.matched)
    for m in score.matched:
        assert matches(tokens(m.label.text), tokens(m.proposal.quote))
    assert 0.0 <= score.recall <= 1.0 and 0.0 <= score.precision <= 1.0


def test_normalising_drops_footnote_markers_and_keeps_symbols() -> None:
    assert normalise("the Paris Agreement,7 the  Sevilla[^6] Commitment") == (
        "the paris agreement the sevilla commitment"
    )
    assert normalise("document A/80/257, COVID-19, “Reduction”") == (
        "document a 80 257 covid 19 reduction"
    )


def test_a_proposal_quoting_the_sentence_of_a_label_matches_it() -> None:
    label = lab("Requests the Secretary-General to report at its eighty-first session")
    proposal = P(
        "9. Requests the Secretary-General to continue to consider the matter and to report "
        "to the General Assembly at its eighty-first session on the implementation;"
    )
    score = evaluate([label], [proposal])
    assert score.recall == 1.0 and score.precision == 1.0
    assert score.matched[0].proposal is proposal


def test_a_proposal_sharing_only_common_words_does_not_match() -> None:
    label = lab("to consider the possibility of an exchange of information with the United Nations")
    proposal = P(
        "Recalling also its resolution 35/142 B of 12 December 1980, which introduced the United "
        "Nations system for the standardized reporting of military expenditures, and its "
        "resolution 47/54 B, in which the Assembly invited Member States to provide the "
        "Secretary-General with relevant information regarding their implementation,"
    )
    lt, pt = tokens(label.text), tokens(proposal.quote)
    # Word by word, more than half of the label is in the sentence (the reason for runs) ...
    assert 2 * sum((Counter(lt) & Counter(pt)).values()) >= len(lt)
    # ... but they share no run of three words beyond "the United Nations".
    assert not matches(lt, pt)
    score = evaluate([label], [proposal])
    assert score.recall == 0.0 and score.precision == 0.0
    assert score.missed == (label,) and score.false_proposals == (proposal,)


def test_two_proposals_for_one_label_count_once() -> None:
    label = lab(
        "We commit to adopting ethical and transparent regulations governing organ donations"
    )
    first = P(
        "We commit to adopting ethical and transparent regulations governing organ donations."
    )
    second = P("adopting ethical and transparent regulations governing organ donations")
    score = evaluate([label], [first, second])
    assert len(score.matched) == 1
    assert score.recall == 1.0 and score.precision == 0.5
    assert len(score.false_proposals) == 1


def test_one_proposal_for_two_labels_finds_one() -> None:
    labels = [
        lab("agreed to continue maintaining effective border control"),
        lab("to exchange information on suspected accomplices in terrorist activity"),
    ]
    proposal = P(
        "The sides agreed to continue maintaining effective border control, to exchange "
        "information on suspected accomplices in terrorist activity."
    )
    score = evaluate(labels, [proposal])
    assert len(score.matched) == 1 and len(score.missed) == 1
    assert score.recall == 0.5 and score.precision == 1.0


def test_the_matching_pairs_as_many_as_it_can() -> None:
    # The broad proposal matches both labels, the narrow one only the first: the best pairing
    # gives each label its own proposal.
    first = lab("to investigate the crimes of transnational terrorist organisations")
    second = lab("to prevent the movements of foreign terrorist fighters")
    broad = P(
        "to investigate the crimes of transnational terrorist organisations and to prevent the "
        "movements of foreign terrorist fighters"
    )
    narrow = P("investigate the crimes of transnational terrorist organisations")
    score = evaluate([first, second], [broad, narrow])
    assert len(score.matched) == 2
    assert {(m.label.text, m.proposal.quote) for m in score.matched} == {
        (first.text, narrow.quote),
        (second.text, broad.quote),
    }


def test_nothing_to_count_scores_one() -> None:
    score = evaluate([], [])
    assert score.recall == 1.0 and score.precision == 1.0


def test_a_labels_file_with_a_wrong_kind_is_refused() -> None:
    data = {
        "document": "X",
        "undertakings": [{"paragraph": "1", "text": "Decides to", "actor": "A", "kind": "weekly"}],
    }
    with pytest.raises(ValueError, match="kind must be one of deliverable, continuous"):
        label_set(data)


def test_the_minimal_reading_gives_one_paragraph_a_line() -> None:
    raw = (
        "---\nsymbol: A/RES/1\n---\n\nThe General Assembly,\n\n1. Decides to include in the\n"
        "provisional agenda\n\nof its next session the item.\n\n---\n\n[^1]: A/80/1.\n"
    )
    assert minimal_reading(raw) == (
        "The General Assembly,\n1. Decides to include in the provisional agenda of its next "
        "session the item.\n"
    )
