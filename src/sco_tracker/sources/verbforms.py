"""A verb in the present from its -ing form ("achieving" -> "achieve"), for the titles and
strengths that `draft` writes.

The lemmatizer is simplemma's English dictionary. Its answer is taken when it is a word the
dictionary knows and is not the -ing form itself (it reads "building", "hearing", "briefing" as
nouns, which as the head of a list item they are not). Otherwise the -ing rule gives the
candidates (a doubled consonant undone, the stem, the stem with a silent e), and the first that
the dictionary knows as a base form of its own is taken; when it knows none (a word it has
never seen), the rule alone decides. A base form with a doubled final consonant that the
dictionary also inflects with a single one ("travell", "travel") is given with the single one.

Only drafting imports this module (the dictionary takes about 0.3 s and 40 MB to load):
`validate`, `validate --strict` and `run` never do (see undertakings.Clause.strength).
"""

from __future__ import annotations

from functools import lru_cache

import simplemma

_LANG = "en"


def _known_base(word: str) -> bool:
    """The dictionary knows the word, and as its own lemma (a base form, not an inflection)."""
    return simplemma.is_known(word, lang=_LANG) and (
        simplemma.lemmatize(word, lang=_LANG).lower() == word
    )


def _candidates(word: str) -> list[str]:
    """The base forms the -ing rule allows, most likely first."""
    stem = word[:-3]
    out: list[str] = []
    if stem.endswith("y") and len(stem) > 1:
        out.append(stem[:-1] + "ie")  # dying -> die
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouy":
        out.append(stem[:-1])  # running -> run, travelling -> travel
    out.extend([stem, stem + "e"])
    return out


def _single(lemma: str) -> str:
    """A base form spelled with a doubled final consonant ("travell", from British
    "travelling") as the dictionary inflects the verb ("travel", "traveled"); "pull", "tell"
    and "add" are kept."""
    if len(lemma) > 3 and lemma[-1] == lemma[-2] and lemma[-1] not in "aeiou":
        single = lemma[:-1]
        if simplemma.lemmatize(single + "ed", lang=_LANG).lower() == single:
            return single
    return lemma


def _rule(word: str) -> str:
    """The -ing rule alone, for a word the dictionary does not know."""
    stem = word[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouylsz":
        return stem[:-1]
    return stem


@lru_cache(maxsize=4096)
def present_of(word: str) -> str:
    """The verb of a list item in the present: "to continue" -> "continue", "taking" -> "take".

    A word that is not an -ing form of a verb ("continue", "bring", "thing") is kept."""
    w = word.lower()
    if not w.endswith("ing") or not any(ch in "aeiouy" for ch in w[:-3]):
        return w  # not an -ing form: "continue"; no vowel before -ing: "bring", "thing"
    lemma = simplemma.lemmatize(w, lang=_LANG).lower()
    if lemma != w and not lemma.endswith("ing") and _known_base(lemma):
        return _single(lemma)
    for candidate in _candidates(w):
        if len(candidate) > 1 and _known_base(candidate):
            return candidate
    if simplemma.is_known(w, lang=_LANG):
        return w  # a word of its own that ends in -ing ("string", "evening")
    return _rule(w)


def verb_of(word: str) -> str | None:
    """The verb an -ing word is a form of ("passing" -> "pass", "realizing" -> "realize"), or
    None when the dictionary does not know it as a verb's form (a noun: "peacebuilding",
    "capacity-building", "wellbeing")."""
    w = word.lower()
    base = present_of(w)
    if base == w or "-" in w or not _known_base(base):
        return None
    return base
