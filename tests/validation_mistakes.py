"""The mistakes an analyst makes in commitments.yaml, and what `sco-tracker validate` says.

One row per mistake: the edit made to a copy of the frozen commitments file (tests/data/beijing),
the message validate must give, and where it must point (FILE:LINE:COL, found in the edited
file, so a problem reported at the wrong place fails). tests/test_validation_rules.py runs the
table; each row's id says what the analyst did wrong.
"""

from __future__ import annotations

from datetime import date

from mistake_table import AddSource, Also, At, CutFrom, Edit, Mistake, anywhere, within

BEIJING_SOURCE = "text: sco-security-council-secretaries-2018-05-22-beijing.txt"
STATUSES = "planned, in_progress, fulfilled, partially_fulfilled, not_fulfilled, dropped"
ID_RULE = "use lower-case letters, digits, '-', '_' or '.', starting with a letter or digit"
CADENCE = "expected a cadence such as 'every 6 months', 'every 2 weeks' or 'every 90 days'"


AFGHAN = "afghanistan-contact-group-beijing"
KYRGYZ = "next-secretaries-meeting-kyrgyzstan"
DRUGS = "qingdao-drug-abuse-concept"
BORDER = "border-control"
SYRIA = "syria-geneva-process"

#: What a message about an unknown party adds: the frozen file's parties, and where to add one.
PARTIES_LISTED = (
    "; the parties are: china, india, kazakhstan, kyrgyzstan, pakistan, russia, tajikistan, "
    "uzbekistan, sco-secretariat, rats. To add one, list it under 'parties:' (id, name, kind)"
)

MISTAKES: list[Mistake] = [
    # --- YAML ------------------------------------------------------------------------------------
    Mistake(
        "a colon and space in an unquoted title",
        anywhere("title: Qingdao summit", "title: Qingdao summit: 18th meeting"),
        "YAML syntax error: mapping values are not allowed in this context; "
        "if the text itself has ': ' in it, put the whole value in quotes; if not, check the "
        "indentation of line {first}: it should line up with the keys above it",
        At("Qingdao summit: 18th", ": 18th"),
        count=1,
        first_line="title: Qingdao summit: 18th",
    ),
    Mistake(
        "the same key twice in one entry",
        within(DRUGS, "    theme: Drugs\n", "    theme: Drugs\n    theme: Narcotics\n"),
        "duplicate key 'theme' (first given at line {first})",
        At("theme: Narcotics", "theme"),
        first_line="theme: Drugs",
    ),
    Mistake(
        "a quote opened in a title and never closed",
        anywhere("title: Qingdao summit\n", "title: 'Qingdao summit\n"),
        "YAML syntax error: did not find expected key (while parsing a block mapping); line "
        "{first} opens a quote that it does not close, so the lines below are read as part of "
        "that text: close the quote on that line",
        # the parser stops at the next apostrophe, in "the concept's adoption" further down
        At("notes: The Anti-drug Strategy", "s adoption"),
        first_line="title: 'Qingdao summit",
    ),
    Mistake(
        "a key of a commitment indented less than the others",
        within(DRUGS, "    theme: Drugs\n", "  theme: Drugs\n"),
        "YAML syntax error: did not find expected '-' indicator (while parsing a block "
        "collection); check the indentation of line {first} and of the lines above it (the list "
        "that starts at line 69): the keys of one entry line up under each other, and the items "
        "of a list all start with '- ' at the same column",
        At("  theme: Drugs", "theme"),
        first_line="  theme: Drugs",
    ),
    Mistake(
        "a tab to indent",
        anywhere("    place: Qingdao, China", "\tplace: Qingdao, China"),
        "YAML syntax error: found a tab character that violates indentation "
        "(while scanning a plain scalar); indent with spaces, not tabs",
        At("\tplace: Qingdao", "\t"),
    ),
    Mistake(
        "a control character pasted into a title",
        anywhere("title: Qingdao summit", "title: Qingdao\x07summit"),
        "YAML does not allow the control character U+0007 here; delete it",
        At("title: Qingdao\x07summit", "\x07"),
    ),
    Mistake(
        "a YAML merge key",
        anywhere("  - id: border-control\n", "  - <<: {theme: Borders}\n    id: border-control\n"),
        "YAML merge keys (<<) are not supported here; write the keys out",
        At("<<: {theme", "<<"),
    ),
    # --- shape of entries ------------------------------------------------------------------------
    Mistake(
        "leader for lead",
        within(KYRGYZ, "lead: kyrgyzstan", "leader: kyrgyzstan"),
        "unknown key 'leader' (did you mean 'lead'?); allowed here: id, title, source",
        At("leader: kyrgyzstan"),
        exact=False,
    ),
    Mistake(
        "paragraf for paragraph, in a commitment of a source with a local text",
        within(BORDER, "paragraph: 28", "paragraf: 28"),
        "unknown key 'paragraf' (did you mean 'paragraph'?); allowed here: id, title, source",
        At("paragraf: 28"),
        exact=False,
        absent=("missing required field 'paragraph'",),
        count=1,
    ),
    Mistake(
        "event for the events section",
        anywhere("\nevents:\n", "\nevent:\n"),
        "unknown key 'event' (did you mean 'events'?)",
        At("event:"),
        absent=("unknown event",),  # the events it holds are not reported one by one
    ),
    Mistake(
        "a commitment without its theme",
        within(AFGHAN, "    theme: Afghanistan\n", ""),
        "missing required field 'theme'",
        At("- id:", "id:", within=AFGHAN),
    ),
    Mistake(
        "the commitments section cut off",
        (CutFrom("commitments:\n"),),
        "missing required section 'commitments'",
        At("settings:"),
    ),
    Mistake(
        "a paragraph number in words",
        within(AFGHAN, "paragraph: 22", "paragraph: twenty-two"),
        "source 'beijing-2018-05-22' does not number its paragraphs, so there is no paragraph "
        "'twenty-two': give the line of its text as a whole number, without quotes (paragraph: 5)",
        At("paragraph: twenty-two", "twenty-two"),
    ),
    Mistake(
        "yes for a paragraph number",
        within(AFGHAN, "paragraph: 22", "paragraph: yes"),
        "expected a whole number, got yes/no (true)",
        At("paragraph: yes", "yes"),
    ),
    Mistake(
        "a list for a theme",
        within(BORDER, "theme: Operational cooperation", "theme: [Operational, Borders]"),
        "'theme' should be text, got a list",
        At("theme: [Operational", "["),
    ),
    Mistake(
        "keys instead of list items under updates",
        within(
            AFGHAN,
            "    updates:\n      - date: 2018-05-28",
            "    updates:\n      first: x\n      second:\n      - date: 2018-05-28",
        ),
        "'updates' should be a list (one '- ' item per line), got a mapping",
        At("first: x", "first"),
    ),
    Mistake(
        "a sentence as a commitment",
        anywhere("  - id: border-control\n", "  - hold more meetings\n  - id: border-control\n"),
        "each entry of 'commitments' should be a mapping of keys to values "
        "(id: ..., title: ...), got 'hold more meetings'",
        At("- hold more meetings", "hold"),
    ),
    Mistake(
        "text instead of the list of parties",
        anywhere("\nparties:\n", "\nparties: see below\nold_parties:\n"),
        "'parties' must be a list of entries, each starting with '- '",
        At("parties: see below", "see"),
        absent=("unknown party",),  # no cascade over every commitment naming a party
    ),
    Mistake(
        "an empty title",
        anywhere("title: Qingdao summit", "title: ''"),
        "'title' must not be empty",
        At("title: ''", "''"),
    ),
    Mistake(
        "a title left as ~",
        anywhere("title: Qingdao summit", "title: ~"),
        "'title' has no value",
        At("title: ~", "~"),
    ),
    Mistake(
        "30 February",
        within(AFGHAN, "date: 2018-05-28", "date: 2018-02-30"),
        "impossible date 2018-02-30: February 2018 has 28 days",
        At("date: 2018-02-30", "2018"),
    ),
    Mistake(
        "month 13 in a due",
        within(AFGHAN, "due: 2018-05", "due: 2018-13"),
        "impossible month 2018-13: there is no month 13",
        At("due: 2018-13", "2018"),
    ),
    Mistake(
        "a due in words",
        within(AFGHAN, "due: 2018-05", "due: next May"),
        "expected a date (2018-05-31), a month (2018-05), a year (2018), an event id, or "
        "'unspecified' when the document gives no date, got 'next May'",
        At("due: next May", "next"),
    ),
    Mistake(
        "a status of our own",
        within(DRUGS, "status: in_progress", "status: underway"),
        f"unknown status 'underway'; expected one of: {STATUSES}",
        At("status: underway", "underway"),
    ),
    Mistake(
        "in-progress for in_progress",
        within(DRUGS, "status: in_progress", "status: in-progress"),
        "unknown status 'in-progress' (did you mean 'in_progress'?)",
        At("status: in-progress", "in-progress"),
        exact=False,
    ),
    Mistake(
        "a status in brackets",
        within("qingdao-youth-action-programme", "status: planned", "status: [planned]"),
        f"'status' should be one of: {STATUSES}; got a list",
        At("status: [planned]", "["),
    ),
    Mistake(
        "ongoing for continuous",
        within(BORDER, "kind: continuous", "kind: ongoing"),
        "unknown kind 'ongoing'; expected one of: deliverable, continuous",
        At("kind: ongoing", "ongoing"),
    ),
    Mistake(
        "an id with capitals and a space",
        anywhere("id: border-control", "id: Border Control"),
        f"'Border Control' is not a valid id: {ID_RULE}",
        At("id: Border Control", "Border"),
    ),
    Mistake(
        "a party id with a capital",
        within(BORDER, "parties: [china, india,", "parties: [china, India,"),
        f"'India' is not a valid id: {ID_RULE}",
        At("parties: [china, India,", "India", within=BORDER),
    ),
    Mistake(
        "a number for an id",
        anywhere("id: border-control", "id: 42"),
        "expected an id such as 'qingdao-summit', got 42",
        At("id: 42", "42"),
    ),
    Mistake(
        "a list for the lead",
        within(AFGHAN, "lead: china", "lead: [china]"),
        "expected an id such as 'qingdao-summit', got ['china']",
        At("lead: [china]", "["),
    ),
    Mistake(
        "30 February in a due",
        within(AFGHAN, "due: 2018-05", "due: 2018-02-30"),
        "impossible date 2018-02-30: February 2018 has 28 days",
        At("due: 2018-02-30", "2018"),
    ),
    Mistake(
        "an update date without leading zeros",
        within(AFGHAN, "date: 2018-05-28", "date: 2018-5-28"),
        "expected a date written YYYY-MM-DD, got '2018-5-28'",
        At("date: 2018-5-28", "2018"),
    ),
    Mistake(
        "yearly for a review cadence",
        within(BORDER, "review_every: 1 year", "review_every: yearly"),
        f"{CADENCE}, got 'yearly'",
        At("review_every: yearly", "yearly"),
    ),
    Mistake(
        "a review every 0 months",
        within(BORDER, "review_every: 1 year", "review_every: every 0 months"),
        f"{CADENCE}, got 'every 0 months'",
        At("review_every: every 0 months", "every 0"),
    ),
    Mistake(
        "daily for a check schedule",
        anywhere('check: "0 6 * * *"', 'check: "daily"'),
        "'daily' is not a schedule: use a crontab string with 5 fields (minute hour day-of-month "
        "month day-of-week, e.g. '0 6 * * mon') or 'every N seconds|minutes|hours|days'",
        At('check: "daily"', '"daily"'),
    ),
    Mistake(
        "an assessment window naming a source that is not in the file",
        anywhere(
            "      end: 2019-06-13\n", "      end: 2019-06-13\n      sources: [beijing-2018]\n"
        ),
        "assessment window 'final-2019' names unknown source 'beijing-2018' (did you mean "
        "'beijing-2018-05-22'?); the sources are: beijing-2018-05-22, moscow-2017-10-11",
        At("sources: [beijing-2018]", "beijing-2018"),
    ),
    Mistake(
        "a negative due-soon window",
        anywhere("due_soon_days: 14", "due_soon_days: -1"),
        "'due_soon_days' must be at least 0, got -1",
        At("due_soon_days: -1", "-1"),
    ),
    Mistake(
        "a due-soon window of 100000 days",
        anywhere("due_soon_days: 14", "due_soon_days: 100000"),
        "'due_soon_days' must be at most 36500, got a number (100000)",
        At("due_soon_days: 100000", "100000"),
    ),
    Mistake(
        "a made-up timezone name",
        anywhere("timezone: UTC", "timezone: Asia/Beijing"),
        "unknown timezone 'Asia/Beijing'; use an IANA name such as 'UTC' or 'Asia/Shanghai'",
        At("timezone: Asia/Beijing", "Asia"),
    ),
    Mistake(
        "400 characters of nonsense for a timezone",
        anywhere("timezone: UTC", "timezone: " + "x" * 400),
        "unknown timezone 'xxx",
        At("timezone: xxx", "xxx"),
        exact=False,
        ends="...'; use an IANA name such as 'UTC' or 'Asia/Shanghai'",
    ),
    Mistake(
        "one name for the desk's e-mail and for its chat",
        anywhere(
            "  reports_dir: reports\n",
            "  reports_dir: reports\n  notify:\n    email:\n      host: smtp.example.org\n"
            "      from: tracker@example.org\n      to:\n"
            "        - {address: desk@example.org, name: desk}\n"
            "    webhooks:\n      - url: https://chat.example.org/hooks/desk\n"
            "        name: desk\n",
        ),
        "the name 'desk' is already the name of e-mail recipient 1 in settings.notify: give each "
        "subscriber a name of its own",
        At("        name: desk", "desk"),
    ),
    # --- ids and references ----------------------------------------------------------------------
    Mistake(
        "an id used twice",
        anywhere("id: exchange-information-on-accomplices", "id: border-control"),
        "duplicate id 'border-control' (first used at line {first})",
        At("- id: border-control", "border-control", occurrence=2),
        first_line="- id: border-control",
    ),
    Mistake(
        "an id used twice, the first entry with a bad status",
        (
            Edit("id: exchange-information-on-accomplices", "id: border-control"),
            Edit("status: planned", "status: ongoing", within=BORDER),  # the first one
        ),
        "duplicate id 'border-control' (first used at line {first})",
        At("- id: border-control", "border-control", occurrence=2),
        first_line="- id: border-control",
        also=(Also("unknown status 'ongoing'"),),
    ),
    Mistake(
        "a misspelt source",
        within(KYRGYZ, "source: beijing-2018-05-22", "source: beijing-2018-05-21"),
        "unknown source 'beijing-2018-05-21' (did you mean 'beijing-2018-05-22'?)",
        At("beijing-2018-05-21"),
    ),
    Mistake(
        "a misspelt event",
        within(KYRGYZ, "due: nsc-secretaries-14", "due: nsc-secretaries-15"),
        "unknown event 'nsc-secretaries-15' (did you mean 'nsc-secretaries-14'?)",
        At("nsc-secretaries-15"),
    ),
    Mistake(
        "a misspelt lead",
        within(KYRGYZ, "lead: kyrgyzstan", "lead: kyrgystan"),
        "unknown party 'kyrgystan' (did you mean 'kyrgyzstan'?)" + PARTIES_LISTED,
        At("kyrgystan"),
    ),
    Mistake(
        "a misspelt party",
        within(BORDER, "parties: [china, india,", "parties: [china, indai,"),
        "unknown party 'indai' (did you mean 'india'?)" + PARTIES_LISTED,
        At("indai"),
    ),
    Mistake(
        "a misspelt dependency",
        within(
            BORDER,
            "status: planned",
            "status: planned\n    depends_on: [qingdao-youth-joint-apeal]",
        ),
        "unknown commitment 'qingdao-youth-joint-apeal' "
        "(did you mean 'qingdao-youth-joint-appeal'?)",
        At("qingdao-youth-joint-apeal"),
    ),
    Mistake(
        "a misspelt lead in an entry with a bad status too",
        (
            Edit("lead: kyrgyzstan", "lead: kyrgystan", within=KYRGYZ),
            Edit("status: fulfilled", "status: done", within=KYRGYZ),
        ),
        "unknown party 'kyrgystan' (did you mean 'kyrgyzstan'?)" + PARTIES_LISTED,
        At("lead: kyrgystan", "kyrgystan"),
        also=(Also("unknown status 'done'", line="status: done"),),
        count=2,
    ),
    Mistake(
        "a lead who is not among the parties",
        within(
            KYRGYZ,
            "parties: [china, india, kazakhstan, kyrgyzstan, pakistan, russia, tajikistan, "
            "uzbekistan]",
            "parties: [china, russia]",
        ),
        "lead 'kyrgyzstan' is not among the commitment's parties",
        At("lead: kyrgyzstan", "kyrgyzstan"),
    ),
    Mistake(
        "two commitments that depend on each other",
        (
            Edit(
                "status: fulfilled",
                "status: fulfilled\n    depends_on: [qingdao-youth-action-programme]",
                within="qingdao-youth-joint-appeal",
            ),
            Edit(
                "status: planned",
                "status: planned\n    depends_on: [qingdao-youth-joint-appeal]",
                within="qingdao-youth-action-programme",
            ),
        ),
        "dependency cycle: qingdao-youth-joint-appeal -> qingdao-youth-action-programme -> "
        "qingdao-youth-joint-appeal",
        At("depends_on: [qingdao-youth-joint-appeal]", "qingdao"),
    ),
    Mistake(
        "a commitment that depends on itself",
        within(BORDER, "status: planned", "status: planned\n    depends_on: [border-control]"),
        "dependency cycle: border-control -> border-control",
        At("depends_on: [border-control]", "border-control"),
    ),
    Mistake(
        "a dependency cycle through an entry with a bad cadence",
        (
            Edit(
                "status: fulfilled",
                "status: fulfilled\n    depends_on: [border-control]",
                within=KYRGYZ,
            ),
            Edit(
                "review_every: 1 year\n    status: planned",
                "review_every: 1 yr\n    status: planned\n"
                "    depends_on: [next-secretaries-meeting-kyrgyzstan]",
                within=BORDER,
            ),
        ),
        "dependency cycle: next-secretaries-meeting-kyrgyzstan -> border-control -> "
        "next-secretaries-meeting-kyrgyzstan",
        At("depends_on: [next-secretaries-meeting-kyrgyzstan]", "next"),
        also=(Also("expected a cadence"),),
    ),
    # --- kinds -----------------------------------------------------------------------------------
    Mistake(
        "a deliverable without a due",
        within(AFGHAN, "    due: 2018-05\n", ""),
        "a deliverable needs a 'due' (a date, a month, a year or an event id; 'unspecified' "
        "when the document gives no date)",
        At("- id:", "id:", within=AFGHAN),
    ),
    Mistake(
        "a continuous commitment without a review cadence",
        within(BORDER, "    review_every: 1 year\n", ""),
        "a continuous commitment needs 'review_every' (e.g. 'every 6 months')",
        At("- id: border-control", "id:"),
    ),
    # --- the words of the source -----------------------------------------------------------------
    Mistake(
        "a paragraph past the end of the source",
        within(SYRIA, "paragraph: 24", "paragraph: 36"),
        "paragraph 36 is out of range: source 'beijing-2018-05-22' has 35 paragraphs",
        At("paragraph: 36", "36"),
    ),
    Mistake(
        "a paragraph number no text reaches",
        within(SYRIA, "paragraph: 24", "paragraph: 100000000000000000000000"),
        "'paragraph' must be at most 1,000,000 (a line of the source text), got "
        "100000000000000000000000; for the document's own numbering, quote it: "
        '"100000000000000000000000"',
        At("paragraph: 1000", "1000"),
    ),
    Mistake(
        "paragraph 0",
        within(SYRIA, "paragraph: 24", "paragraph: 0"),
        "'paragraph' must be at least 1, got 0",
        At("paragraph: 0", "0"),
    ),
    Mistake(
        "the wrong paragraph for a quote",
        within(SYRIA, "paragraph: 24", "paragraph: 25"),
        "the quote is not in paragraph 25 of source 'beijing-2018-05-22'; it is in paragraph 24",
        At("quote: The sides called for the continuation of the Geneva", "The sides"),
    ),
    Mistake(
        "a word added to a quote",
        within(BORDER, "quote: agreed to continue", "quote: agreed to continue strictly"),
        "the quote is not in paragraph 28 of source 'beijing-2018-05-22': they agree as far as "
        '"agreed to continue", then the paragraph has "maintaining effective border control, to '
        'exchange" where the quote has "strictly maintaining effective border control"',
        At("quote: agreed to continue strictly", "agreed"),
    ),
    Mistake(
        "no paragraph for a quote from a source with a local text",
        within(KYRGYZ, "    paragraph: 33\n", ""),
        "missing required field 'paragraph': source 'beijing-2018-05-22' has a local text",
        At("- id:", "id:", within=KYRGYZ),
        exact=False,
    ),
    Mistake(
        "a source text file that does not exist",
        anywhere(BEIJING_SOURCE, "text: beijing.txt"),
        "source text 'beijing.txt' not found under sources/ (looked for ",
        At("text: beijing.txt", "beijing.txt"),
        exact=False,
        # Without the text no quote can be checked, but the other rules still run and pass.
        count=1,
    ),
    Mistake(
        "a path for a source text",
        anywhere("text: sco-security", "text: ../sources/sco-security"),
        "'text' must be a file name under sources/, such as 'beijing-2018.txt', got "
        "'../sources/sco-security-council-secretaries-2018-05-22-beijing.txt'",
        At("text: ../sources", ".."),
    ),
    Mistake(
        "a source text saved as Latin-1",
        (
            AddSource("latin1.txt", "Caf\u00e9 paragraph\n".encode("latin-1")),
            Edit(BEIJING_SOURCE, "text: latin1.txt"),
        ),
        "source text 'latin1.txt' cannot be used: the file is not UTF-8 text: "
        "byte 0xe9 cannot be read; save the file as UTF-8",
        At("text: latin1.txt", "latin1"),
    ),
    # --- documents beyond the SCO's own: groups of parties, the document's paragraph numbers --
    Mistake(
        "a source without its date",
        anywhere(
            "    date: 2018-05-22\n    place: Beijing, China\n", "    place: Beijing, China\n"
        ),
        "missing required field 'date': the date the document was adopted or issued "
        "(YYYY-MM-DD), as printed on it; 'sco-tracker draft' fills it in from the document when "
        "it can find it",
        At("  - id: beijing-2018-05-22", "id"),
    ),
    Mistake(
        "a party group with a misspelt member",
        anywhere(
            "sources:\n", "party_groups:\n  sco-members: [china, indai, russia]\n\nsources:\n"
        ),
        "unknown party 'indai' in group 'sco-members' (did you mean 'india'?); a group lists "
        "party ids (or other group ids) from 'parties:'",
        At("sco-members: [china, indai", "indai"),
    ),
    Mistake(
        "a party group named like a party",
        anywhere("sources:\n", "party_groups:\n  china: [china, russia]\n\nsources:\n"),
        "group 'china' has the id of a party: give the group another id, such as 'china-group'",
        At("  china: [china, russia]", "china"),
    ),
    Mistake(
        "two party groups inside each other",
        anywhere(
            "sources:\n",
            "party_groups:\n  central-asia: [kazakhstan, founders]\n"
            "  founders: [china, central-asia]\n\nsources:\n",
        ),
        "party groups contain each other in a loop: central-asia -> founders -> central-asia",
        At("  founders: [china, central-asia]", "central-asia"),
    ),
    Mistake(
        "an event with the id unspecified",
        anywhere("  - id: nsc-secretaries-14\n", "  - id: unspecified\n"),
        "an event cannot have the id 'unspecified': 'due: unspecified' means the document gives "
        "no date; give the event another id",
        At("  - id: unspecified", "unspecified"),
    ),
    Mistake(
        "a paragraph number the resolution does not have",
        (
            AddSource(
                "un-resolution-TEST-DATA.txt",
                b"The General Assembly,\n1. Welcomes the cooperation\n"
                b"2. Requests the Secretary-General to submit a report\n",
            ),
            Edit(
                "events:\n",
                "  - {id: un-res, title: UN resolution, date: 2019-12-10, "
                "text: un-resolution-TEST-DATA.txt}\n\nevents:\n",
            ),
            Edit(
                "commitments:\n",
                "commitments:\n  - id: un-report\n    title: Submit a report\n"
                '    source: un-res\n    paragraph: "5"\n    quote: submit a report\n'
                "    theme: UN\n    parties: [china]\n    strength: requests\n"
                "    kind: deliverable\n    due: unspecified\n    status: planned\n",
            ),
        ),
        "source 'un-res' has no paragraph numbered '5'; the nearest are: '2', '1' (or give the "
        "line of its text as a whole number, without quotes)",
        At('paragraph: "5"', '"5"'),
        count=1,
    ),
    # --- the dated evidence ----------------------------------------------------------------------
    Mistake(
        "an update dated tomorrow",
        within(AFGHAN, "date: 2019-04-19", "date: 2025-01-02"),
        "update dated 2025-01-02 is in the future (today is 2025-01-01)",
        At("date: 2025-01-02", "2025"),
        today=date(2025, 1, 1),
    ),
    Mistake(
        "updates not in date order",
        within(AFGHAN, "date: 2019-04-19", "date: 2018-05-01"),
        "the update of 2018-05-01 is listed after the one of 2018-05-28: list updates oldest first",
        At("date: 2018-05-01", "2018"),
    ),
    Mistake(
        "a status the latest update contradicts",
        within(AFGHAN, "status: fulfilled", "status: in_progress"),
        "status 'in_progress' disagrees with the latest update that sets one "
        "(2018-05-28: fulfilled)",
        At("status: in_progress", "in_progress", within=AFGHAN),
    ),
]

assert len({m.did for m in MISTAKES}) == len(MISTAKES), "two mistakes with the same id"
