"""Undertakings: the clauses by which the speakers commit themselves, or ask others, to act.

`clauses(sentence)` is THE definition, used by `draft` (one proposal per clause) and by
`coverage` / `validate --strict` (a sentence is decided when each of its clauses is). It reads
the grammar, not a document's words (the vocabulary is in grammar.py):
- who speaks: the subject before the verb ("We", "The sides", "They") or, in an operative
  paragraph of a resolution, the body named at the top, left implicit ("5. Requests ...");
  a subject that is not the speakers ("These challenges call for ...") makes no undertaking;
- the verb and its tense: a past reporting verb in reported speech ("agreed", "called for"),
  the present in declarations ("We commit", "We will"), the third person present of an
  operative paragraph ("Decides", "Urges"); a preambular participle ("Recalling", "Noting")
  opens no undertaking, except as an item of an operative list (ending in ";");
- the complement: forward-looking (a to-infinitive, "that ... shall", "the need to ...") or a
  report of the past ("praised the results of the conference (Dushanbe, 3-4 May 2018)").
A list of infinitives ("agreed to continue ..., to exchange ... and to prevent ...") or of
deliverables ("establishing ..., creating ... and exploring ...") gives one clause each.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from sco_tracker.sources import grammar as g
from sco_tracker.sources import patterns as pt
from sco_tracker.sources.apposition import read_past
from sco_tracker.sources.nominals import NOMINAL_ACT, nominal_act


@dataclass(frozen=True)
class Clause:
    """One undertaking in a sentence: text == sentence[start:end]."""

    start: int
    end: int
    text: str
    subject: str  # as written ("We", "The sides"); "" when implicit (an operative paragraph)
    verb: str  # as written ("agreed to", "Requests")
    wording: str  # in the present ("agree to", "requests"); a list item's verb as written
    addressees: tuple[str, ...]  # who is asked to act, apart from the speakers
    why: str
    listed: bool = False  # an item of a list ("Taking ...;"): its wording is its verb
    read: str = ""  # the text as read, when words between subject and verb were read past

    @property
    def strength(self) -> str:
        """The wording in the present: "agree to", "call for", "requests", "take"."""
        if not self.listed:
            return self.wording
        # the lemmatizer only when a list item's wording is read (draft): coverage and
        # validate --strict read the clauses and never load it
        from sco_tracker.sources.verbforms import present_of  # noqa: PLC0415

        return present_of(self.wording)


@dataclass(frozen=True)
class _Pred:
    start: int  # where the clause starts (subject or verb)
    verb_start: int
    verb_end: int
    subject: str
    lemma: str
    tense: str
    mode: str  # first, reported, operative, item, coordinated


def clauses(sentence: str) -> list[Clause]:
    """The undertakings of one sentence, in order (empty when it holds none). Sub-paragraphs
    run together in one sentence ("...; (b) Taking ...; (c) ...") are read one by one, as
    printed; "We, the Heads of State ..., agreed" as "We agreed" (apposition.py)."""
    read = read_past(sentence)
    found = _items(read)
    if read is sentence:
        return found
    return [replace(c, text=sentence[c.start : c.end], read=c.text) for c in found]


def _items(sentence: str) -> list[Clause]:
    cuts = [m.end() for m in pt.SUBITEM.finditer(sentence)]
    if not cuts:
        return _clauses(sentence)
    out: list[Clause] = []
    for a, b in itertools.pairwise([0, *cuts, len(sentence)]):
        out.extend(replace(c, start=c.start + a, end=c.end + a) for c in _clauses(sentence[a:b]))
    return out


def _clauses(sentence: str) -> list[Clause]:
    body = pt.MARKER.match(sentence)
    body_start = body.end() if body else 0
    last = sentence.rstrip()[-1:]
    if last == ",":  # a preambular paragraph: it gives reasons and holds no undertaking
        return []
    preds = _predicates(sentence, body_start)
    out: list[Clause] = []
    for i, p in enumerate(preds):
        end = preds[i + 1].start if i + 1 < len(preds) else len(sentence)
        new_subject = pt.NEW_SUBJECT.search(sentence, p.verb_end, end)
        if new_subject:  # "..., and we welcome ...": the clause ends where another one begins
            end = new_subject.start()
        reason = _accept(sentence, p, end)
        if reason is None:
            continue
        out.extend(_split(sentence, p, end, reason))
    if not out and all(p.mode in ("item", "coordinated") for p in preds):
        item = _item(sentence, body_start)
        return _split(sentence, item, len(sentence), "an action to take") if item else []
    return out


def _predicates(sentence: str, body_start: int) -> list[_Pred]:
    """Every verb of the lexicon that is a main verb of the speakers, in order."""
    preds: list[_Pred] = []
    main: _Pred | None = _main(sentence, body_start)
    for m in g.VERB_RE.finditer(sentence, body_start):
        form = " ".join(m.group(0).lower().split())
        lemma, tense = g.FORMS[form]
        h0 = max(body_start, m.start() - 160)
        head = sentence[h0 : m.start()]
        adv = pt.ADVERBS_END.search(head)
        core = head[: adv.start()] if adv else head
        lead = h0 + len(core)  # where the adverbs before the verb start
        pred: _Pred | None = None
        we = pt.WE_END.search(core)
        if not sentence[body_start:lead].strip():
            if tense == "s":
                pred = _Pred(body_start, m.start(), m.end(), "", lemma, tense, "operative")
            elif tense == "ing" and sentence.rstrip()[-1:] != ",":
                pred = _Pred(body_start, m.start(), m.end(), "", lemma, tense, "item")
        elif we and tense in ("base", "past"):
            at = h0 + we.start()
            at += len(sentence[at:lead]) - len(sentence[at:lead].lstrip(" ,;("))
            pred = _Pred(at, m.start(), m.end(), "We", lemma, tense, "first")
        elif tense == "past" and lemma in ("commit", "determine") and pt.COPULA_END.search(core):
            cop = pt.COPULA_END.search(core)
            before = core[: cop.start()]  # type: ignore[union-attr]
            bwe = pt.WE_END.search(before)
            if bwe:
                at = h0 + bwe.start()
                at += len(sentence[at:lead]) - len(sentence[at:lead].lstrip(" ,;("))
                pred = _Pred(at, m.start(), m.end(), "We", lemma, "base", "first")
        elif main is not None and pt.COORD_END.search(core) and _agrees(tense, main):
            pred = _Pred(lead, m.start(), m.end(), main.subject, lemma, tense, "coordinated")
        elif tense == "past" or lemma in ("will", "shall"):
            pred = _reported(sentence, body_start, lead, m, lemma, tense)
        elif tense == "base" and m.group(0)[:1].islower():
            # "The member States support ...": a declaration in the present, its subject one
            # that stands for the speakers and opens a main clause ("to let the member States
            # decide" is not who speaks; "the Peacebuilding Support Office" is a name)
            pred = _reported(sentence, body_start, lead, m, lemma, tense)
            party = pred is not None and g.PARTY_SUBJECT.fullmatch(" " + pred.subject)
            if pred is not None and not (party and pt.opens_main_clause(sentence, pred.start)):
                pred = None
        if pred is None:
            continue
        if pred.mode in ("operative", "item", "first", "reported") and main is None:
            main = pred
        preds.append(pred)
    return preds


def _item(sentence: str, body_start: int) -> _Pred | None:
    """An item of an operative list ("(a) To continue ...;", "Taking effective measures ...;"):
    a capitalised infinitive or gerund that ends in ';' or '.', under a chapeau that gives it
    its subject and verb."""
    m = pt.ITEM_HEAD.match(sentence, body_start)
    if not m or sentence.rstrip()[-1:] in ",:":  # a preambular paragraph, or a chapeau
        return None
    if sentence.rstrip()[-1:] not in ".;" and len(sentence.split()) < 6:
        return None  # a heading ("Peacebuilding financing")
    word = m.group("inf") or (m.group("ger") or m.group("bare") or "").lower()
    if m.group("inf") and not g.looks_like_verb(word):
        return None
    if m.group("bare") and not (word in g.BARE_VERBS or g.FORMS.get(word, ("", ""))[1] == "base"):
        return None
    if m.group("bare") and g.VERBS.get(word) in ("need", "pledge", "plans", "resolve"):
        return None  # "Reaffirm that ...", "Recognize ...": no act of its own
    if m.group("ger") and (word in g.PREAMBULAR or not g.looks_like_gerund(word)):
        return None
    if re.match(r"\s+note\b", sentence[m.end() :]) and word == "taking":
        return None  # "Taking note of ...": a preambular acknowledgement
    tense = "inf" if m.group("inf") else "ing" if m.group("ger") else "base"
    return _Pred(body_start, m.start(), m.end(), "", "", tense, "list")


def _main(sentence: str, body_start: int) -> _Pred | None:
    """The sentence's main subject, from its start, whatever its verb: "We welcome ...",
    "Welcomes ...", "The sides praised ..." (so that "..., and call for ..." has a subject)."""
    at = body_start
    if pt.WE_START.match(sentence, at):
        return _Pred(at, at, at, "We", "", "base", "first")
    op = pt.OPERATIVE_START.match(sentence, at)
    if op and sentence[at].isupper() and not op.group(1).lower().endswith("ss"):
        return _Pred(at, at, at, "", "", "s", "operative")
    subj = g.PARTY_SUBJECT.match(" " + sentence[at : at + 120].split(" ", 8)[0])
    if subj:
        return _Pred(at, at, at, subj.group(0).strip(), "", "past", "reported")
    return None


def _reported(
    sentence: str, body_start: int, lead: int, m: re.Match[str], lemma: str, tense: str
) -> _Pred | None:
    """A third-person subject that stands for the speakers, just before the verb: "The sides",
    "They", or a proper name at the start of the sentence ("Russia and China")."""
    window = sentence[max(body_start, lead - 120) : lead]
    subj = g.PARTY_SUBJECT.search(window)
    if subj and not re.search(
        r"\b(?:which|whom|whereby|where|when)\s*$", window[: subj.start() + 1], re.IGNORECASE
    ):
        text = subj.group(0).lstrip(" ,;(").rstrip()
        at = lead - len(window) + subj.end() - len(subj.group(0).lstrip(" ,;("))
        return _Pred(at, m.start(), m.end(), text, lemma, tense, "reported")
    proper = pt.PROPER_SUBJECT.fullmatch(sentence, body_start, lead)
    if (
        proper
        and " " not in proper.group(0).strip()
        and proper.group(0).strip().lower().endswith(g.NOUN_ENDINGS)
    ):
        proper = None  # "Education shall be free": a common noun opening the sentence
    if proper:
        text = proper.group(0).strip()
        return _Pred(body_start, m.start(), m.end(), text, lemma, tense, "reported")
    return None


def _agrees(tense: str, main: _Pred) -> bool:
    """A coordinated verb shares the main verb's subject when its tense agrees with it (the
    first person in the present or, as a communiqué records its meeting, in the past: "We
    reaffirmed ... and agreed to ...")."""
    if main.mode == "operative":
        return tense == "s"
    if main.mode == "item":
        return tense == "ing"
    if main.mode == "first":
        return tense in ("base", "past")
    return tense == "past"


def _accept(sentence: str, p: _Pred, end: int) -> str | None:
    """Why the predicate is an undertaking (its complement looks forward), or None."""
    comp = sentence[p.verb_end : end]
    kind = g.VERBS[p.lemma]
    reported = (p.tense == "past" and p.mode != "first") or p.mode == "reported"
    if p.mode == "first" and p.tense == "past" and not pt.opens_main_clause(sentence, p.start):
        return None  # "... that in 2019 we agreed", "in which we committed": undertaken before
    if g.PAST[0].search(comp) or (kind in ("need", "pledge") and g.PAST[1].search(comp)):
        return None
    rest = re.sub(r"^\s*(?:(?:ourselves|themselves)\s+)?(?:to|for|that|upon|on)?\b", "", comp)
    if not rest.strip(pt.TRIM):  # nothing after the verb, or a chapeau ("we commit to:")
        return None
    if kind == "inf":
        if p.lemma == "decide" and g.PERFORMATIVE.match(comp):
            return None
        if comp.rstrip().endswith(":") and not pt.TO_INF.search(comp):
            return None  # a chapeau ("agreed on the following:"): its items are the acts
        if re.match(r"\s*(?:\w+\s+){0,2}?to\s+\w|\s*,[^;]{0,240}?,\s*to\s+\w", comp) or re.match(
            r"\s*(?:on|upon)\b", comp
        ):
            return "a to-infinitive: an action to come"
        if re.match(r"\s*that\b", comp) and g.MODAL.search(comp):
            return "a that-clause with will/shall/should"
        return None
    if kind == "commit":
        to = re.match(r"\s*(?:(?:ourselves|themselves)\s+)?(?:to|for)\s+", comp)
        if to and p.lemma not in ("will", "shall") and not g.action_after(comp[to.end() :]):
            return None  # a text or a vision as a whole, not an action
        if p.lemma in ("will", "shall") and re.match(r"\s*be\s+(?!held|made|given)\w", comp):
            return None  # "shall be free": a state of things, not an act
        return "the speakers bind themselves"
    if kind == "direct":
        if p.lemma in g.CALLS or re.search(r"\bto\s+\w|\bthat\b", comp[:400]):
            return "asks for an action"
        if comp.rstrip().endswith(":"):  # a chapeau: its items carry the undertakings
            return None
        if g.action_after(comp):  # "We encourage multi-stakeholder collaboration"
            return "asks for an action"
        if p.lemma == "look forward to" and (act := nominal_act(comp, p.lemma)):
            return f"looks forward to an action ('the {act.group(1).lower()} of')"
        return "asks for an action" if p.mode in ("operative", "item") else None
    if kind == "pledge":
        if re.match(
            r"\s*(?:its|their|our|the)\s+(?:\w+\s+)?(?:requests?|calls?|appeals?|"
            r"invitations?)\s+(?:to|for|upon|on)\b",
            comp,
        ):
            return "a renewed request to act"
        m = g.PLEDGE_NOUNS.match(comp)
        if m and re.search(r"\bcommitments?\s+(?:to|for)\s+\S", m.group(0), re.IGNORECASE):
            nxt = m.group(1)
            if g.looks_like_verb(nxt) or g.looks_like_gerund(nxt):
                return "a renewed commitment to an action"
            if re.match(
                r"\s*(?:the\s+)?(?:\w+[\s,]+){0,3}?\w+(?:tion|ment|ance)\s+of\b", comp[m.start(1) :]
            ):
                return "a renewed commitment to an action"
            return None
        if reported and not re.match(r"\s*that\b", comp):
            return "reaffirmed in reported speech"
        return None
    if kind == "need":
        m = g.NEED_NOUNS.match(comp) if reported else None
        if m and (m.group(0).rstrip().lower().endswith(" to") or _names_an_act(comp[m.end() :])):
            return "the need for an action, as the sides agreed it"
        return None
    if kind == "plans":
        act = nominal_act(comp, p.lemma)
        why = f"supports an action to come ('the {act.group(1).lower()} of')" if act else None
        return "supports a plan to act" if g.PLANS_NOUNS.match(comp) else why
    if kind == "resolve":
        return "readiness to act" if g.RESOLVE_NOUNS.match(comp) else None
    return None


def _names_an_act(phrase: str) -> bool:
    """Whether the noun phrase at the start of phrase names an act (see grammar.ACT_WORD)."""
    words = re.findall(r"[\w'-]+|[,;.]", phrase)[:8]
    for i, word in enumerate(words):
        if word.lower() == "to":  # "continued efforts to pass ...": an infinitive, an act
            return i + 1 < len(words) and words[i + 1].lower() not in g.DETERMINERS
        if g.PHRASE_END.match(word):
            return False
        if g.ACT_WORD.match(word):
            return True
    return False


def _split(sentence: str, p: _Pred, end: int, reason: str) -> list[Clause]:
    """The clause of the predicate, cut into one clause per infinitive or deliverable."""
    kind = g.VERBS.get(p.lemma, "item")
    cuts: list[int] = []
    comp_start = p.verb_end
    first_inf = _first_inf(sentence, p.verb_start if p.tense == "inf" else comp_start, end)
    # an item "(c) To continue ...": its own infinitive is the first of the list
    inf_end = p.verb_end if p.tense == "inf" else first_inf.end() if first_inf else None
    if kind in ("inf", "commit", "direct", "pledge", "resolve", "plans", "item") and inf_end:
        for m in pt.SPLIT_INF.finditer(sentence, inf_end, end):
            if g.looks_like_verb(m.group(1)) and _depth(sentence, p.start, m.start()) == 0:
                cuts.append(m.end())
    if kind == "commit" or (p.mode == "list" and p.tense == "base"):
        for m in pt.SPLIT_BARE.finditer(sentence, comp_start, end):
            word = m.group(1)
            if (
                g.looks_like_verb(word)
                and word.lower() not in ("to",)
                and word.lower() in g.BARE_VERBS
            ):
                cuts.append(m.end())
    head = pt.GERUND_HEAD.match(sentence, comp_start)
    gerund_head = (
        p.tense == "ing" if p.mode == "list" else bool(head and g.looks_like_gerund(head.group(1)))
    )
    gerunds = [
        m
        for m in (pt.SPLIT_GERUND.finditer(sentence, comp_start, end) if gerund_head else ())
        if g.looks_like_gerund(m.group(1))
        and m.group(1).lower() not in g.PREAMBULAR
        and not re.match(r"taking\s+(?:into\s+account|note)", sentence[m.end() :], re.I)
        and _depth(sentence, p.start, m.start()) == 0
    ]
    if p.mode == "list":
        # in an item of a list, "Strengthening X and promoting Y" are two actions, while
        # ", providing ..." or ", recognizing ..." is the manner of the one before
        cuts.extend(m.end() for m in gerunds if re.search(r"\band\s", m.group(0)))
    else:
        # "A, creating B and exploring C": after a comma-led item, "and <gerund>" ends the list
        led = [m for m in gerunds if sentence[m.start()] in ",;"]
        cuts.extend(m.end() for m in gerunds if led and m.start() >= led[0].start())
    bounds = [p.start, *sorted(set(cuts)), end]
    pieces: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(bounds):
        a, b = _trim(sentence, a, b)
        if b <= a:
            continue
        if pieces and len(sentence[a:b].split()) < 3:
            pieces[-1] = (pieces[-1][0], b)
            continue
        pieces.append((a, b))
    verb = " ".join(sentence[p.verb_start : p.verb_end].split())
    strength = _strength(sentence, p)
    who = p.subject or (
        "the chapeau of the list (implicit)" if p.mode == "list" else "the body (implicit)"
    )
    out: list[Clause] = []
    for n, (a, b) in enumerate(pieces):
        text = sentence[a:b]
        adds = _addressees(sentence[p.verb_end : b] if n == 0 else sentence[p.verb_end : end], p)
        why = f"subject '{who}', verb '{verb}' ({p.mode}): {reason}"
        words = text.split()
        matched = " ".join(words[:8]) + (" ..." if len(words) > 8 else "")
        if len(pieces) > 1:
            why += f"; item {n + 1} of {len(pieces)} in a list"
        why += f'; clause "{matched}"'
        out.append(Clause(a, b, text, p.subject, verb, strength, adds, why, not p.lemma))
    return out


def _first_inf(sentence: str, start: int, end: int) -> re.Match[str] | None:
    """The first to-infinitive that is not a purpose's ("in order to", "with a view to")."""
    for m in pt.TO_INF.finditer(sentence, start, end):
        if not pt.PURPOSE_TO_END.search(sentence, max(start, m.start() - 20), m.start()):
            return m
    return None


def _depth(text: str, start: int, at: int) -> int:
    """How deep `at` is inside brackets or quotation marks (a title is not cut)."""
    seg = text[start:at]
    return seg.count("(") - seg.count(")") + seg.count("“") - seg.count("”") + seg.count('"') % 2


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in pt.TRIM:
        a += 1
    while b > a and text[b - 1] in pt.TRIM:
        b -= 1
    tail = re.search(r"(?:[,;]?\s*\b(?:and|or|as\s+well\s+as))$", text[a:b], re.IGNORECASE)
    if tail:
        b = a + tail.start()
        while b > a and text[b - 1] in pt.TRIM:
            b -= 1
    return a, b


def _strength(sentence: str, p: _Pred) -> str:
    """The wording, in the present: "agree to", "call for", "requests", "note the need for"."""
    lemma = p.lemma
    if not lemma:  # an item of a list: its verb as written (Clause.strength gives the present)
        return sentence[p.verb_start : p.verb_end].split()[-1].lower()
    word = lemma
    if p.mode == "operative" or (p.mode == "coordinated" and p.tense == "s"):
        word = next(f for f, (lm, t) in g.FORMS.items() if lm == lemma and t == "s")
    kind = g.VERBS[lemma]
    comp = sentence[p.verb_end : p.verb_end + 120]
    if kind == "inf":
        nxt = re.match(r"\s*(to|that|on|upon)\b", comp)
        return f"{word} {nxt.group(1)}" if nxt else word
    if kind == "need":
        m = re.match(
            r"\s*(?:\w+\s+){0,3}?(need|importance|necessity|significance)\s+(of|for|to)",
            comp,
            re.IGNORECASE,
        )
        return f"{word} the {m.group(1).lower()} {m.group(2).lower()}" if m else word
    if kind == "pledge":
        return f"{word} the commitment to" if "commitment" in comp[:60].lower() else word
    if kind == "plans":
        act = None if g.PLANS_NOUNS.match(comp) else NOMINAL_ACT.match(comp)
        return f"{word} the {act.group(1).lower()} of" if act else f"{word} plans to"
    if kind == "resolve":
        m = re.search(r"(readiness|willingness|determination|intention|resolve)", comp)
        return f"{word} {m.group(1) if m else 'readiness'} to"
    if lemma == "commit" and p.tense == "past" and p.mode == "first":
        return "be committed to"
    if kind == "commit" and re.match(r"\s*(?:(?:ourselves|themselves)\s+)?to\b", comp):
        return f"{word} to"
    return word


def _addressees(comp: str, p: _Pred) -> tuple[str, ...]:
    """Who the clause asks to act ("the Secretary-General"), when the verb asks someone."""
    if g.VERBS.get(p.lemma) != "direct" or p.lemma in ("call for", "advocate"):
        return ()
    m = pt.OBJECT.match(comp)
    if not m:
        return ()
    who = " ".join(m.group("who").split())
    purpose = pt.PURPOSE_START.search(who)
    if purpose:  # "the Secretariat, with a view to ...": the addressee ends before the purpose
        who = who[: purpose.start()]
    who = who.strip(" ,")
    if who.lower() in pt.PRONOUNS or not who or len(who.split()) > 16:
        return ()
    if re.match(
        r"(?:the\s+)?(?:need|importance|development|adoption|strengthening)\b", who, re.IGNORECASE
    ):
        return ()
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+(?=the\b|[A-Z])", who)
    return tuple(x.strip() for x in parts if x.strip())
