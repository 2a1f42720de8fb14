"""Nouns of action and the verbs they name: "the holding of the next meeting" is to hold it.

Read by undertakings.py (`nominal_act`: "supported the holding of its next meeting in
Bishkek" is an undertaking) and by titles.py (the title's verb: "Hold its next meeting in
Bishkek"). English vocabulary of diplomatic prose, naming no document; standard library only,
like grammar.py.
"""

from __future__ import annotations

import re

#: noun (or gerund used as a noun, "the signing of") -> verb
NOMINAL_VERBS: dict[str, str] = {
    "holding": "hold",
    "convening": "convene",
    "convocation": "convene",
    "organisation": "organise",
    "organization": "organize",
    "organizing": "organize",
    "organising": "organise",
    "hosting": "host",
    "adoption": "adopt",
    "signing": "sign",
    "signature": "sign",
    "conclusion": "conclude",
    "launch": "launch",
    "launching": "launch",
    "establishment": "establish",
    "establishing": "establish",
    "creation": "create",
    "conduct": "conduct",
    "conducting": "conduct",
    "preparation": "prepare",
    "elaboration": "elaborate",
    "drafting": "draft",
    "development": "develop",
    "implementation": "implement",
    "enactment": "enact",
    "ratification": "ratify",
    "submission": "submit",
    "approval": "approve",
    "completion": "complete",
    "finalization": "finalize",
    "finalisation": "finalise",
    "continuation": "continue",
    "extension": "extend",
    "expansion": "expand",
    "strengthening": "strengthen",
    "deepening": "deepen",
    "celebration": "celebrate",
    "opening": "open",
    "deployment": "deploy",
    "promotion": "promote",
    "achievement": "achieve",
    "realization": "realize",
    "realisation": "realise",
    "consideration": "consider",
    "request": "request",
}

#: "the holding of", "the early signing of", "its request to": a nominalised action.
NOMINAL_ACT = re.compile(
    r"^\s*(?:the|its|their|our|a|an)\s+(?:(?:early|earliest|full|timely|successful|prompt|"
    r"speedy|swift|effective|regular|annual|joint|possible|future|further)\s+)*"
    rf"({'|'.join(sorted(NOMINAL_VERBS, key=len, reverse=True))})\s+(?:of|to)\s+(?=\S)",
    re.IGNORECASE,
)
#: An action still to come: "the next meeting", "the upcoming summit" (in lower case: not
#: "the Pact for the Future").
TO_COME = re.compile(r"\b(?:next|upcoming|forthcoming|coming|planned|proposed|future|subsequent)\b")


def nominal_act(comp: str, lemma: str) -> re.Match[str] | None:
    """A nominalised action opening a verb's complement ("the holding of the next meeting");
    after "welcome", one still to come only ("welcomed the holding of the conference" praises
    it); a request is no act of the speakers' own."""
    act = NOMINAL_ACT.match(comp)
    if not act or act.group(1).lower() == "request":
        return None
    if lemma == "welcome" and not TO_COME.search(comp[act.end() : act.end() + 80]):
        return None
    return act
