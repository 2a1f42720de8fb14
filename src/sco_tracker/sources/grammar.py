"""The small grammar of diplomatic undertakings: verbs, their forms, subjects and complements.

Nothing here names a particular document: the lists are English function words, the reporting
and directive verbs of diplomatic prose (the UN Editorial Manual's operative verbs, the
reporting verbs of communiqués) and the subjects that stand for the speaking parties.
"""

from __future__ import annotations

import re

#: How a verb's complement must look for the clause to be an undertaking:
#: "inf"      a to-infinitive or a that-clause ("agreed to hold", "decides that ... shall")
#: "direct"   anything: the verb asks someone to act ("urges States to", "calls for")
#: "commit"   anything: the speaker binds itself ("We commit to", "We will")
#: "need"     "the need/importance of <action>": an undertaking only in reported speech
#: "pledge"   "our commitment to <action>" ("We reaffirm our commitment to address ...")
#: "plans"    "plans/proposal/initiative to <action>" ("supported plans to hold") or a
#:            nominalised action ("supported the holding of the next meeting"); after
#:            "welcome", only an action still to come ("the next meeting", "the upcoming")
#: "resolve"  "readiness/determination/intention to <action>"
VERBS: dict[str, str] = {
    "agree": "inf",
    "decide": "inf",
    "consider it important": "inf",
    "consider it necessary": "inf",
    "consider it expedient": "inf",
    "deem it important": "inf",
    "deem it necessary": "inf",
    "resolve": "inf",
    "undertake": "inf",
    "intend": "inf",
    "endeavour": "inf",
    "endeavor": "inf",
    "strive": "inf",
    "determine": "inf",
    "pledge": "commit",
    "commit": "commit",
    "recommit": "commit",
    "will": "commit",
    "shall": "commit",
    "call upon": "direct",
    "call on": "direct",
    "call for": "direct",
    "urge": "direct",
    "invite": "direct",
    "request": "direct",
    "encourage": "direct",
    "appeal": "direct",
    "recommend": "direct",
    "instruct": "direct",
    "task": "direct",
    "mandate": "direct",
    "direct": "direct",
    "advocate": "direct",
    "stand for": "direct",
    "look forward to": "direct",
    "reaffirm": "pledge",
    "reiterate": "pledge",
    "renew": "pledge",
    "affirm": "pledge",
    "support": "plans",
    "welcome": "plans",
    "express": "resolve",
    "note": "need",
    "stress": "need",
    "emphasize": "need",
    "emphasise": "need",
    "underline": "need",
    "underscore": "need",
    "point out": "need",
    "highlight": "need",
    "recognize": "need",
    "recognise": "need",
    "acknowledge": "need",
}

#: The directive verbs that ask for what they name, whatever follows ("call for dialogue").
CALLS = ("call for", "advocate", "stand for")

_IRREGULAR = {
    "stand": ["stands", "stood", "standing", "stood"],
    "undertake": ["undertakes", "undertook", "undertaking", "undertaken"],
    "will": [],
    "shall": [],
    "commit": ["commits", "committed", "committing"],
    "recommit": ["recommits", "recommitted", "recommitting"],
    "strive": ["strives", "strove", "striving", "striven"],
}


def _forms(lemma: str) -> dict[str, str]:
    """Each written form of the verb -> its tense: base, s (3rd person present), past, ing."""
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if head in _IRREGULAR:
        extra = _IRREGULAR[head]
        tenses = ["s", "past", "ing", "past"][: len(extra)]
        forms = {head: "base", **dict(zip(extra, tenses, strict=False))}
    else:
        stem = head[:-1] if head.endswith("e") else head
        s = head + ("es" if head.endswith(("s", "sh", "ch", "x")) else "s")
        past = head + "d" if head.endswith("e") else head + "ed"
        forms = {head: "base", s: "s", past: "past", stem + "ing": "ing"}
    return {f + tail: t for f, t in forms.items()}


#: written form -> (lemma, tense)
FORMS: dict[str, tuple[str, str]] = {}
for _lemma in VERBS:
    for _form, _tense in _forms(_lemma).items():
        FORMS.setdefault(_form, (_lemma, _tense))

_ALT = "|".join(sorted((re.escape(f).replace(r"\ ", r"\s+") for f in FORMS), key=len, reverse=True))
VERB_RE = re.compile(rf"(?<![\w-])(?:{_ALT})(?![\w-])", re.IGNORECASE)

#: Adverbs that may stand between the subject and the verb ("We also strongly urge").
ADVERBS = (
    r"also|further|furthermore|again|once\s+again|strongly|firmly|hereby|therefore|fully|"
    r"collectively|jointly|resolutely|unanimously|moreover|duly|in\s+this\s+regard|"
    r"in\s+this\s+context|in\s+addition|accordingly|equally|earnestly|urgently|thus|"
    r"consequently|finally|similarly|likewise|reiterating\s+that|not\s+only|all|both"
)
ADVERB_RUN = rf"(?:(?:{ADVERBS})[\s,]+)*"

#: Phrases of purpose: what follows says why, not who acts nor what is done ("Requests the
#: Secretariat, with a view to ..., to submit ..."). The first three end in an infinitive's "to".
PURPOSE_TO = r"with\s+a\s+view|in\s+order|so\s+as"
PURPOSE = rf"{PURPOSE_TO}|with\s+the\s+(?:aim|purpose|intention)\s+of|for\s+the\s+purpose\s+of"

#: Subjects that stand for the speaking parties, first or third person.
PARTY_SUBJECT = re.compile(
    r"(?:^|[\s,;(])(?:we|they|both\s+sides|the\s+(?:two\s+|three\s+)?sides|the\s+parties|"
    r"those\s+present|all\s+(?:the\s+)?(?:participants|parties|members)|"
    r"the\s+(?:[A-Z][\w-]*\s+)*(?:member[\s-]+states?|heads?\s+of\s+[\w\s-]+?|leaders|"
    r"ministers|secretaries|participants|delegations|delegates|members|signatories|"
    r"governments|states|council|assembly|conference|commission|committee|summit)"
    r"(?:\s+of\s+[\w\s'-]+?)?)\s*$",
    re.IGNORECASE,
)

#: A to-infinitive whose verb is a verb: "to" not followed by a determiner, a pronoun, a
#: capitalised name, a number or a gerund-less noun marker.
DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "our",
        "his",
        "her",
        "my",
        "your",
        "all",
        "any",
        "each",
        "every",
        "some",
        "such",
        "no",
        "other",
        "which",
        "whom",
        "whose",
        "what",
        "who",
        "it",
        "them",
        "him",
        "us",
        "me",
        "you",
        "both",
        "either",
        "neither",
        "one",
        "two",
        "three",
        "many",
        "more",
        "most",
        "several",
        "further",
        "new",
        "relevant",
        "existing",
    ]
)
PREPOSITIONS = frozenset(
    [
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "into",
        "onto",
        "upon",
        "within",
        "without",
        "under",
        "over",
        "through",
        "between",
        "among",
        "against",
        "towards",
        "toward",
        "about",
        "as",
        "than",
        "via",
        "per",
        "including",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "if",
    ]
)
NOUN_ENDINGS = (
    "tion",
    "sion",
    "ment",
    "ness",
    "ity",
    "ance",
    "ence",
    "ship",
    "ism",
    "ist",
    "al",
    "ic",
    "ous",
    "ful",
    "ive",
    "ary",
    "ory",
    "ern",
    "ies",
)
NOT_GERUNDS = frozenset(
    [
        "including",
        "during",
        "regarding",
        "concerning",
        "according",
        "following",
        "notwithstanding",
        "bring",
        "thing",
        "nothing",
        "something",
        "anything",
        "everything",
        "string",
        "spring",
        "king",
        "ring",
        "sing",
        "wing",
        "evening",
        "morning",
        "meeting",
        "building",
        "funding",
        "financing",
        "understanding",
        "wellbeing",
        "being",
        "trafficking",
        "offering",
        "setting",
        "planning",
        "training",
        "landing",
        "engineering",
        "arising",
        "leaving",
        "remaining",
        "existing",
        "emerging",
        "underlying",
        "pending",
        "concerning",
        "corresponding",
        "surrounding",
        "ongoing",
    ]
)


def looks_like_verb(word: str) -> bool:
    """True when a lower-case word after "to" or after ", and" can be a bare verb."""
    w = word.strip("\"'“”‘’()").lower()
    if not w or not w[0].isalpha() or not word[0].islower():
        return False
    if w in DETERMINERS or w in PREPOSITIONS:
        return False
    if w.endswith(("ing", "ed", "ly")) and w not in ("need", "feed", "embed", "proceed"):
        return False
    return not (w.endswith(NOUN_ENDINGS) and len(w) > 5)


_ACTION_NP = re.compile(
    r"\s*(?:(?:the|a|an|its|their|our)\s+)?(?:[a-z][\w,-]*\s+){0,4}?"
    r"[a-z]\w*(?:tion|ment|ance|ence|sal)\b"
)


def action_after(text: str) -> bool:
    """True when the words after "to" / "commitment to" name an action: a verb, a gerund or a
    nominalised action ("the full implementation of"), not a text or a vision as a whole
    ("the Copenhagen Declaration", "a political vision")."""
    first = text.split(None, 1)[0] if text.split() else ""
    if looks_like_verb(first) or looks_like_gerund(first):
        return True
    return bool(_ACTION_NP.match(text))


def looks_like_gerund(word: str) -> bool:
    w = word.lower()
    return word[:1].islower() and w.endswith("ing") and len(w) > 5 and w not in NOT_GERUNDS


#: A complement that reports the past: an event with its place and date in brackets, the
#: results of a meeting, a passive "are called on to" (a document's purpose).
PAST = [
    re.compile(r"\(\s*[A-Z][\w\s.'-]*,\s*\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+[A-Z][a-z]+\s+\d{4}\s*\)"),
    re.compile(r"\b(?:results?|outcomes?)\s+of\s+the\b", re.IGNORECASE),
]
PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been)\s+(?:called|urged|invited)\b", re.IGNORECASE)

#: Performative decisions, done by the adoption itself ("Decides to endorse the report").
PERFORMATIVE = re.compile(
    r"^\s*(?:to\s+)?(?:endorse|adopt|approve|take\s+note|welcome|acknowledge|recognize|"
    r"recognise|reaffirm|note|recall|express|thank|commend|declare|proclaim|remain\s+seized)\b",
    re.IGNORECASE,
)
MODAL = re.compile(r"\b(?:will|shall|should|must|would)\b", re.IGNORECASE)
NEED_NOUNS = re.compile(
    r"^\s*(?:(?:also|further)\s+)?(?:the|its|their|our)\s+(?:\w+\s+){0,2}?"
    r"(?:need|importance|necessity|significance|urgency|imperative)\s+(?:of|for|to)\b",
    re.IGNORECASE,
)
#: After "the need for" / "the importance of": a word that names an act (a gerund or a noun of
#: action: "passing", "ratification", "development"), before the noun phrase ends. "The
#: importance of peace" or "of regional stability" names a state: a desideratum, no undertaking.
ACT_WORD = re.compile(r"^[a-z]{2,}(?:ing|tions?|sions?|ments?|ances?|ences?)$", re.IGNORECASE)
PHRASE_END = re.compile(
    r"^(?:for|of|in|and|or|with|on|among|between|as|at|by|from|through|within|[,;.])$", re.I
)
PLEDGE_NOUNS = re.compile(
    r"^\s*(?:(?:also|further|strong|full|firm|unwavering|continued|collective|shared|"
    r"steadfast|political)\s+)*(?:our|their|its|the)\s+(?:\w+\s+){0,3}?"
    r"(?:commitments?|determination|resolve|readiness|willingness|support|rejection|pledges?)"
    r"\s+(?:to|for)\s+(\S+)",
    re.IGNORECASE,
)
PLANS_NOUNS = re.compile(
    r"^\s*(?:the\s+)?(?:\w+\s+){0,2}?(?:plans?|proposals?|initiatives?|intention)\s+to\s+\S",
    re.IGNORECASE,
)
RESOLVE_NOUNS = re.compile(
    r"^\s*(?:their|its|our|the)?\s*(?:\w+\s+){0,2}?(?:readiness|willingness|determination|"
    r"intention|resolve|commitment)\s+to\b",
    re.IGNORECASE,
)

#: Participles that open preambular paragraphs: reasons, never acts.
PREAMBULAR = frozenset(
    [
        "recalling",
        "noting",
        "recognizing",
        "recognising",
        "acknowledging",
        "welcoming",
        "emphasizing",
        "emphasising",
        "stressing",
        "expressing",
        "reaffirming",
        "bearing",
        "considering",
        "affirming",
        "underlining",
        "underscoring",
        "reiterating",
        "believing",
        "having",
        "guided",
        "alarmed",
        "concerned",
        "convinced",
        "mindful",
        "aware",
        "desiring",
        "looking",
        "highlighting",
    ]
)


#: Bare verbs that continue "We will ..., and <verb> ..." (common verbs of action).
BARE_VERBS = frozenset(
    [
        "seek",
        "engage",
        "provide",
        "ensure",
        "promote",
        "support",
        "strengthen",
        "enhance",
        "develop",
        "establish",
        "create",
        "take",
        "adopt",
        "implement",
        "continue",
        "work",
        "pursue",
        "increase",
        "improve",
        "expand",
        "address",
        "combat",
        "prevent",
        "protect",
        "build",
        "foster",
        "facilitate",
        "encourage",
        "mobilize",
        "mobilise",
        "invest",
        "share",
        "collect",
        "report",
        "review",
        "assess",
        "monitor",
        "consider",
        "explore",
        "advance",
        "accelerate",
        "enable",
        "reduce",
        "eliminate",
        "end",
        "make",
        "keep",
        "maintain",
        "hold",
        "convene",
        "cooperate",
        "coordinate",
        "call",
        "urge",
        "invite",
        "request",
        "commit",
        "intensify",
        "upscale",
        "scale",
        "redouble",
        "respect",
        "uphold",
        "fulfil",
        "fulfill",
        "deliver",
        "integrate",
    ]
)
