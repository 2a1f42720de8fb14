"""Generate N synthetic commitments, valid under the real commitments.yaml schema.

    python benchmarks/generate.py N OUT_DIR [--seed S]

writes OUT_DIR/commitments.yaml and OUT_DIR/sources/<source>.txt. The output is
deterministic for a given (N, seed). Every quote is a verbatim sentence of the paragraph it
cites; updates are dated in the past, oldest first, and the latest one that sets a status
agrees with the commitment's status; depends_on only points at earlier commitments, so there
is no cycle; deliverables are due on a day, a month, a year or an event (dated or not);
continuous commitments have a review cadence.

Importable: generate(n, out_dir, seed=0) -> GeneratedSet.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

#: Commitments per source document (a communiqué holds a few dozen).
PER_SOURCE = 40
PARAGRAPHS_PER_SOURCE = 36
SENTENCES_PER_PARAGRAPH = 3

PARTIES = [
    ("china", "China", "member_state"),
    ("india", "India", "member_state"),
    ("kazakhstan", "Kazakhstan", "member_state"),
    ("kyrgyzstan", "Kyrgyzstan", "member_state"),
    ("pakistan", "Pakistan", "member_state"),
    ("russia", "Russia", "member_state"),
    ("tajikistan", "Tajikistan", "member_state"),
    ("uzbekistan", "Uzbekistan", "member_state"),
    ("iran", "Iran", "member_state"),
    ("belarus", "Belarus", "member_state"),
    ("mongolia", "Mongolia", "observer_state"),
    ("turkey", "Turkey", "dialogue_partner"),
    ("sco-secretariat", "SCO Secretariat", "sco_body"),
    ("rats", "SCO Regional Anti-Terrorist Structure (RATS)", "sco_body"),
]
MEMBERS = [p[0] for p in PARTIES if p[2] == "member_state"]

THEMES = [
    "Counter-terrorism",
    "Drugs",
    "Afghanistan",
    "Information security",
    "Regional conflicts",
    "Institutional",
    "Operational cooperation",
    "Youth and the prevention of extremism",
    "Non-proliferation",
    "Security architecture",
    "Economic cooperation",
    "Transport and connectivity",
]

SUBJECTS = ["The sides", "The parties", "The Secretaries", "The member states", "The delegations"]
STRENGTHS = [
    "agreed",
    "called for",
    "supported",
    "noted the importance of",
    "noted the need for",
    "reaffirmed",
    "urged",
    "advocated",
]
VERBS = [
    "adopt",
    "draft",
    "strengthen",
    "expand",
    "hold",
    "coordinate",
    "prepare",
    "implement",
    "review",
    "establish",
    "continue",
    "intensify",
]
OBJECTS = [
    "a joint programme of cooperation",
    "the exchange of information between the competent authorities",
    "a plan of joint border operations",
    "a concept on preventing the abuse of narcotic drugs",
    "regular consultations of the security council secretaries",
    "joint counter-terrorism exercises",
    "a common list of terrorist and extremist organisations",
    "training courses for law enforcement officers",
    "measures against the financing of terrorism",
    "a regional centre for information security",
    "the contact group on Afghanistan",
    "a mechanism to monitor cross-border crime",
    "a roadmap for transport connectivity",
    "an expert working group on cyber threats",
]
QUALIFIERS = [
    "for 2019-2021",
    "under the auspices of the UN",
    "at the level of deputy ministers",
    "in line with national legislation",
    "within the framework of the organisation",
    "before the next summit",
    "with the participation of observer states",
    "on the basis of equality and mutual respect",
    "in the Kyrgyz Republic",
    "in close contact with the Secretariat",
]
NOTES = [
    "Reported in the Secretariat's annual review",
    "The working group met and agreed a draft",
    "Mentioned in the joint communiqué of the following meeting",
    "A national agency published its implementation plan",
    "Discussed at the meeting of the Council of Ministers",
    "No progress reported by the member states",
]
CADENCES = ["every 3 months", "every 6 months", "1 year", "every 2 years", "every 90 days"]
STATUSES = [
    "planned",
    "in_progress",
    "fulfilled",
    "partially_fulfilled",
    "not_fulfilled",
    "dropped",
]
STATUS_WEIGHTS = [30, 25, 20, 10, 8, 7]

BASE = date(2015, 1, 1)
#: Every generated date is before this one, so nothing is ever in the future.
LAST = date(2024, 12, 31)


@dataclass
class GeneratedSet:
    """What generate() wrote, for tests and the benchmark."""

    n: int
    out_dir: Path
    file: Path
    sources: list[Path] = field(default_factory=list)
    #: commitment id -> (source file name, paragraph number from 1, quote)
    quotes: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    #: ids of commitments with status 'planned' and no update that sets a status: safe to edit.
    editable: list[str] = field(default_factory=list)


def _day(rng: random.Random, start: date = BASE, end: date = LAST) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(STRENGTHS)} efforts to {rng.choice(VERBS)} "
        f"{rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}, and noted item "
        f"{rng.randrange(1, 10_000)} of the agenda."
    )


def generate(n: int, out_dir: str | Path, seed: int = 0) -> GeneratedSet:
    """Write n synthetic commitments (and their sources) into out_dir."""
    if n < 1:
        raise ValueError("n must be at least 1")
    rng = random.Random(seed)
    out = Path(out_dir)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    result = GeneratedSet(n=n, out_dir=out, file=out / "commitments.yaml")

    n_sources = max(1, -(-n // PER_SOURCE))
    source_ids: list[str] = []
    source_dates: list[date] = []
    texts: list[list[list[str]]] = []  # source -> paragraph -> sentences
    lines: list[str] = [
        "# Synthetic commitments generated by benchmarks/generate.py for the benchmark.",
        f"# n={n} seed={seed}",
        "",
        "settings:",
        "  timezone: UTC",
        "  due_soon_days: 14",
        "  stale_after_days: 180",
        "  reports_dir: reports",
        "",
        "parties:",
    ]
    for pid, name, kind in PARTIES:
        lines.append(f"  - {{id: {pid}, name: {name}, kind: {kind}}}")

    lines += ["", "sources:"]
    for s in range(n_sources):
        sid = f"sco-doc-{s + 1:05d}"
        sdate = _day(rng, BASE, date(2020, 12, 31))
        paras = [
            [_sentence(rng) for _ in range(SENTENCES_PER_PARAGRAPH)]
            for _ in range(PARAGRAPHS_PER_SOURCE)
        ]
        fname = f"{sid}.txt"
        (out / "sources" / fname).write_text(
            "\n".join(" ".join(p) for p in paras) + "\n", encoding="utf-8"
        )
        result.sources.append(out / "sources" / fname)
        source_ids.append(sid)
        source_dates.append(sdate)
        texts.append(paras)
        lines += [
            f"  - id: {sid}",
            (
                f"    title: Information report on meeting {s + 1} of the SCO Security Council "
                "Secretaries"
            ),
            f"    date: {sdate.isoformat()}",
            "    place: Beijing, China",
            f"    url: https://example.org/sco/{sid}.html",
            f"    text: {fname}",
        ]

    n_events = max(4, n // 25)
    event_ids: list[str] = []
    lines += ["", "events:"]
    for e in range(n_events):
        eid = f"meeting-{e + 1:05d}"
        event_ids.append(eid)
        lines += [
            f"  - id: {eid}",
            f"    title: Meeting {e + 1} of the SCO Council of Heads of State",
        ]
        if e % 4 != 3:  # one event in four has no known date yet
            # Mostly past, some in the future (dates in the future are allowed for events).
            lines.append(f"    date: {_day(rng, BASE, date(2030, 12, 31)).isoformat()}")
        if e % 2 == 0:
            lines.append("    place: Bishkek, Kyrgyzstan")

    lines += ["", "commitments:"]
    ids: list[str] = []
    for i in range(n):
        s = i // PER_SOURCE
        sid = source_ids[s]
        pnum = rng.randrange(PARAGRAPHS_PER_SOURCE) + 1
        sentence = rng.choice(texts[s][pnum - 1])
        # Quote a clause or the whole sentence: both are verbatim substrings of the paragraph.
        quote = sentence if rng.random() < 0.5 else sentence.split(", and ")[0]
        cid = (
            f"c{i + 1:06d}-{rng.choice(VERBS)}-"
            f"{rng.choice(['programme', 'exercise', 'plan', 'concept', 'meeting'])}"
        )
        theme = THEMES[rng.randrange(len(THEMES))]
        parties = sorted(rng.sample(MEMBERS, rng.randrange(2, len(MEMBERS) + 1)))
        if rng.random() < 0.2:
            parties.append(rng.choice(["sco-secretariat", "rats"]))
        kind = "deliverable" if rng.random() < 0.6 else "continuous"
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        block = [
            f"  - id: {cid}",
            (
                f"    title: {rng.choice(VERBS).capitalize()} {rng.choice(OBJECTS)} "
                f"{rng.choice(QUALIFIERS)}"
            ),
            f"    source: {sid}",
            f"    paragraph: {pnum}",
            f"    quote: {quote}",
            f"    theme: {theme}",
            f"    parties: [{', '.join(parties)}]",
        ]
        if rng.random() < 0.5:
            block.append(f"    lead: {rng.choice(parties)}")
        block += [f"    strength: {rng.choice(STRENGTHS)}", f"    kind: {kind}"]
        if kind == "deliverable":
            form = rng.randrange(4)
            due_day = _day(rng, source_dates[s], date(2027, 12, 31))
            if form == 0:
                block.append(f"    due: {due_day.isoformat()}")
            elif form == 1:
                block.append(f"    due: {due_day.strftime('%Y-%m')}")
            elif form == 2:
                block.append(f"    due: {due_day.year}")
            else:
                block.append(f"    due: {rng.choice(event_ids)}")
        else:
            block.append(f"    review_every: {rng.choice(CADENCES)}")
        block.append(f"    status: {status}")
        if ids and rng.random() < 0.3:
            deps = sorted({rng.choice(ids[max(0, i - 200) :]) for _ in range(rng.randrange(1, 3))})
            block.append(f"    depends_on: [{', '.join(deps)}]")
        block += _updates(rng, status, source_dates[s])
        if status == "planned":  # its updates (if any) set no status
            result.editable.append(cid)
        if rng.random() < 0.1:
            block.append("    notes: Synthetic entry for the benchmark; not a real undertaking.")
        lines += block
        ids.append(cid)
        result.quotes[cid] = (f"{sid}.txt", pnum, quote)

    result.file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return result


def _updates(rng: random.Random, status: str, after: date) -> list[str]:
    """0-3 dated updates, oldest first; the latest that sets a status sets `status`."""
    count = rng.randrange(4)
    if status != "planned" and count == 0 and rng.random() < 0.7:
        count = 1
    if count == 0:
        return []
    days = sorted(_day(rng, after, LAST) for _ in range(count))
    out = ["    updates:"]
    for k, d in enumerate(days):
        last = k == count - 1
        out.append(f"      - date: {d.isoformat()}")
        if status == "planned":
            pass  # notes only: a planned commitment has no status change yet
        elif last:
            out.append(f"        status: {status}")
        elif rng.random() < 0.5:
            out.append("        status: in_progress")
        out.append(f"        note: {rng.choice(NOTES)}")
        if rng.random() < 0.5:
            out.append(f"        source: https://example.org/evidence/{rng.randrange(10**6)}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many commitments")
    parser.add_argument("out_dir", help="folder to write commitments.yaml and sources/ into")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    g = generate(args.n, args.out_dir, args.seed)
    size = g.file.stat().st_size
    print(f"Wrote {g.file} ({g.n:,} commitments, {len(g.sources):,} sources, {size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
