"""Nouns of action and the verbs they name: "the holding of the next meeting" is to hold it.

Read by grammar.NOMINAL_ACT (an undertaking: "supported the holding of its next meeting in
Bishkek") and by titles.py (the title's verb: "Hold its next meeting in Bishkek"). English
vocabulary of diplomatic prose, naming no document; standard library only, like grammar.py.
"""

from __future__ import annotations

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
