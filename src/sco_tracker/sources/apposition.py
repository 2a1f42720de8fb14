"""What stands between a sentence's subject and its verb, set off by commas, read past.

Declarations open with who speaks and in what capacity, then the verb: "We, the Heads of State
of the SCO member states, agreed to adopt ...", "We, the leaders, will hold ...", "The sides,
having met in Astana, agreed to ...", "They, in particular, called for ...". The undertaking
is "We agreed to adopt ...": the words between the commas say who "we" are, or when and how,
and no verb in them is the speakers'. `read_past(sentence)` gives the sentence with those
words (and their commas) blanked out, so that the clauses are found in it as in "We agreed to
adopt ..."; every character keeps its place, so a clause found in it is the same span of the
sentence as written.

Only at the start of a sentence (after its paragraph number), after a subject that speaks
("We", "They", or a noun phrase that begins with "The", as "The sides", "The member States"),
and only words that open an apposition or an aside: an article or a possessive ("the Heads
of State"), a participle ("having met", "meeting in"), a preposition ("in particular", "on
behalf of"), "as", "together with". The words must be followed by a comma and a word in lower
case (the verb): "The sides, Russia and China, agreed" is read past as well, since a list of
names between commas is an apposition too.
"""

from __future__ import annotations

import re

from sco_tracker.sources import patterns as pt

#: The words that open what stands between the subject and its verb.
_OPENS = (
    r"the|a|an|our|their|its|having|being|as|in|on|at|for|with|together|along|after|during|"
    r"following|meeting|gathered|assembled|represented|convened|guided|acting|speaking|noting|"
    r"recalling|reaffirming|recognizing|recognising|bearing|taking|[A-Z][\w'-]*"
)
_ASIDE = re.compile(
    rf"(?P<subject>We|They|The\s+[^,;:()]{{1,80}}?)(?P<aside>(?:,\s+(?:{_OPENS})\b[^,;:()]{{0,200}})+),"
    r"\s+(?=[a-z])"
)


def read_past(sentence: str) -> str:
    """The sentence with what stands between its subject and its verb blanked out (same
    length, same places), or the sentence itself when nothing does."""
    start = pt.MARKER.match(sentence)
    m = _ASIDE.match(sentence, start.end() if start else 0)
    if m is None:
        return sentence
    a, b = m.start("aside"), m.end()
    # the aside, its commas and the space before the verb, as spaces: "We" + spaces + "agreed"
    return sentence[:a] + " " * (b - a - 1) + sentence[b - 1 :]
