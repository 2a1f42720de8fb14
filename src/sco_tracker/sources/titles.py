"""The title of a proposal: what must be done, as an instruction ("Hold the next meeting in the
Kyrgyz Republic").

A title starts with a verb in the imperative, whatever the clause starts with:

- an infinitive loses its "to" ("to develop and share good practices" -> "Develop and share
  good practices"; "agreed to hold ..." -> "Hold ...");
- a verb that asks others to act keeps them ("Requests the Secretary-General to report" ->
  "Request the Secretary-General to report"); "will" and "shall" go ("We will advance" ->
  "Advance");
- a gerund becomes the verb ("Achieving ..." -> "Achieve ..."), by verbforms.present_of;
- a nominalised action becomes its verb (nominals.py): "supported the holding of
  its next meeting in Bishkek" -> "Hold its next meeting in Bishkek", "noted the need for the
  adoption of comprehensive measures" -> "Adopt comprehensive measures", "Reiterates its
  request to the Secretary-General to continue" -> "Request the Secretary-General to continue";
- "the need for" / "the importance of" gives way to the act it names ("the importance of
  passing a joint appeal" -> "Pass a joint appeal"), and so does "readiness to" ("expressed
  their readiness to hold exercises" -> "Hold exercises");
- an act announced in the passive is done ("The next meeting ... will be held in the Kyrgyz
  Republic" -> "Hold the next meeting ... in the Kyrgyz Republic"; "look forward to the 58th
  AMM to be held in Malaysia" -> "Hold the 58th AMM in Malaysia");
- anything else (a list item cut after its verb: "well-being for all" under "Achieving") is
  put after the clause's own verb ("Achieve well-being for all").

Only a "to" that opens the complement is an infinitive's: in "access to global markets" or
"with regard to terrorists" it is a preposition, and the title never starts there.
"""

from __future__ import annotations

import re

from sco_tracker.sources import grammar as g
from sco_tracker.sources import patterns as pt
from sco_tracker.sources.nominals import NOMINAL_ACT, NOMINAL_VERBS
from sco_tracker.sources.proposals import shorten
from sco_tracker.sources.undertakings import Clause
from sco_tracker.sources.verbforms import verb_of

#: Verbs that ask others to act: the title keeps who is asked ("Request the SCO Secretariat to").
_ASKING = frozenset(
    [
        "urge",
        "urges",
        "invite",
        "invites",
        "request",
        "requests",
        "encourage",
        "encourages",
        "call",
        "calls",
    ]
)
#: Verbs whose object is the act itself: "support the holding of X" is to hold X.
_THROUGH = frozenset(
    [
        "support",
        "welcome",
        "agree",
        "note",
        "stress",
        "emphasize",
        "emphasise",
        "underline",
        "underscore",
        "highlight",
        "point",
        "recognize",
        "recognise",
        "acknowledge",
        "reaffirm",
        "reiterate",
        "renew",
        "affirm",
        "commit",
        "recommit",
        "pledge",
        "express",
        "look",
    ]
)
_NEED = re.compile(
    r"^(?:the|its|their|our)\s+(?:\w+\s+){0,2}?(?:need|importance|necessity|significance|"
    r"urgency)\s+(?:of|for|to)\s+",
    re.IGNORECASE,
)
#: "our commitment to", "their readiness to": what is reaffirmed is the act that follows.
_PLEDGE = re.compile(
    r"^(?:the|its|their|our)\s+(?:\w+\s+){0,2}?(?:commitments?|determination|readiness|"
    r"willingness|resolve|intention|pledges?)\s+(?:to|for)\s+",
    re.IGNORECASE,
)
#: "plans to hold", "continued efforts to pass": the act is the infinitive.
_MEANS = re.compile(
    r"^(?:(?:the|its|their|our|a|an)\s+)?(?:(?:continued|further|concerted|joint|collective|"
    r"new|additional|concrete|effective|urgent|necessary)\s+){0,2}"
    r"(?:plans?|proposals?|initiatives?|efforts?|steps|measures)\s+(?=to\s)",
    re.IGNORECASE,
)
#: The participles of the acts a text announces in the passive ("the next meeting will be held
#: in Bishkek", "the 58th AMM to be held in Malaysia"), and the verb of each.
_DONE = {
    "held": "hold",
    "convened": "convene",
    "organised": "organise",
    "organized": "organize",
    "hosted": "host",
    "adopted": "adopt",
    "signed": "sign",
    "established": "establish",
    "launched": "launch",
    "submitted": "submit",
    "prepared": "prepare",
    "published": "publish",
    "considered": "consider",
}
_PASSIVE = re.compile(
    r"^(?P<what>.+?)\s+(?:(?:will|shall|is\s+to|are\s+to)\s+be|to\s+be)\s+"
    rf"(?P<done>{'|'.join(_DONE)})\b\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_INCLUDE = re.compile(
    r"(include)\s+in\s+(the\s+provisional\s+agenda\s+of\s+)its\s+(.*?session)\s+"
    r"(the\s+(?:sub-?)?item.*)$",
    re.IGNORECASE,
)


def title_of(clause: Clause) -> str:
    """A readable imperative: the action the clause asks for (see the module's docstring)."""
    said = clause.read or clause.text  # "We, the leaders, will hold" read as "We will hold"
    text = pt.PURPOSE_ASIDE.sub(" ", " ".join(said.split())).strip()  # why, not what
    first = clause.strength.split()[0] if clause.strength else ""
    if first in ("will", "shall"):
        done = _passive(text)  # "The next meeting ... will be held in ...": hold it
        if done is not None:
            return shorten(done[:1].upper() + done[1:].rstrip(" .;,"), 160)
    verb = "" if first in ("will", "shall") else _present(first)
    rest = _after_verb(text, clause, verb)
    action = None
    written = " ".join([verb, *clause.verb.lower().split()[1:]])  # "point out", "agree"
    if verb in _THROUGH and rest.lower().startswith(f"{written} "):
        # "support the holding of X", "note the need for X", "commit to adopting X": the act
        # X names
        inner = rest[len(written) + 1 :]
        action = _action(re.sub(r"^(?:(?:ourselves|themselves)\s+)?(?:to|on|upon)\s+", "", inner))
    action = action or _action(rest)
    if action is None:  # the verb as it is, or a list item cut after its verb
        action = rest if not verb or rest.lower().startswith(f"{verb} ") else f"{verb} {rest}"
    m = _INCLUDE.match(action)
    if m:
        action = f"Include {m.group(4)} in {m.group(2)}the {m.group(3)}"
    title = (action[:1].upper() + action[1:]).rstrip(" .;,")
    title = re.sub(r"\b(?:our|their)\b", "the", title)
    return shorten(title, 160)


def _passive(phrase: str) -> str | None:
    """ "the 58th AMM to be held in Malaysia" -> "hold the 58th AMM in Malaysia"; None when the
    phrase announces no act in the passive."""
    m = _PASSIVE.match(phrase)
    if not m or len(m.group("what").split()) > 20:
        return None
    what = m.group("what")
    if re.match(r"(?:The|A|An|Its|Their|Our)\b", what):
        what = what[:1].lower() + what[1:]
    return " ".join(w for w in (_DONE[m.group("done").lower()], what, m.group("rest")) if w)


def _present(word: str) -> str:
    """ "requests" -> "request", "stresses" -> "stress", "agree" -> "agree"."""
    w = word.lower()
    if w.endswith(("sses", "ches", "shes", "xes")):
        return w[:-2]
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def _after_verb(text: str, clause: Clause, verb: str) -> str:
    """The clause from its verb on, the verb in the present ("agreed on holding" -> "agree on
    holding"); the clause as it is when it does not hold its verb (a list item)."""
    if re.match(r"to\s+\S", text, re.IGNORECASE):
        return text  # an infinitive of a list: "to exchange information"
    at = text.lower().find(clause.verb.lower()) if clause.verb else -1
    if at < 0 or at > 80:
        return text
    after = text[at + len(clause.verb) :].strip()
    if clause.strength.split()[0] in ("will", "shall"):
        return after
    if clause.listed:
        return f"{verb} {after}"
    aside = re.match(r",[^;]{0,240}?,\s*(to\s+(\S+).*)$", after)
    if aside and g.looks_like_verb(aside.group(2)):
        return aside.group(1)  # "Decides, where appropriate ..., to consider ...": consider
    to = re.match(r"to\s+(\S+)", after)
    if to and clause.strength.split()[0] not in _ASKING and g.looks_like_verb(to.group(1)):
        return after  # "agreed to hold ...": the infinitive is the act
    # the verb as written, in the present: "look forward to", "agreed" -> "agree"
    return " ".join([verb, *clause.verb.split()[1:], after])


def _action(phrase: str) -> str | None:
    """The phrase as an instruction when it opens with an act (an infinitive, a gerund, a
    nominalised action, "the need for" an act, "will"), else None."""
    phrase = re.sub(r"^(?:(?:will|shall|also|further)\s+)+", "", phrase, flags=re.IGNORECASE)
    need = _NEED.match(phrase) or _PLEDGE.match(phrase) or _MEANS.match(phrase)
    if need:
        return _action(phrase[need.end() :])
    to = re.match(r"to\s+((\S+).*)$", phrase, re.IGNORECASE)
    if to:
        return to.group(1) if g.looks_like_verb(to.group(2)) or to.group(2) == "be" else None
    done = _passive(phrase)
    if done is not None:
        return done
    act = NOMINAL_ACT.match(phrase)
    if act:
        return f"{NOMINAL_VERBS[act.group(1).lower()]} {phrase[act.end() :]}"
    first, _, tail = phrase.partition(" ")
    adverb = ""
    if first.lower().endswith("ly") and tail:  # "unfailingly honouring the Treaty"
        adverb, (first, _, tail) = first, tail.partition(" ")
    base = verb_of(first) if first.lower().endswith("ing") else None
    if base is not None:
        return " ".join(w for w in (adverb, base, tail) if w)
    if not adverb and g.looks_like_verb(first) and first.lower() in _KNOWN_VERBS:
        return phrase
    return None


#: Words that open an instruction as they are (the verbs of the grammar and of lists).
_KNOWN_VERBS = frozenset(
    [*g.BARE_VERBS, *(lemma.split()[0] for lemma in g.VERBS), *NOMINAL_VERBS.values()]
)
