Feature: One tracker, many documents
  An analyst keeps every document of a body in one tracker: beside the Beijing communiqué of
  the SCO Security Council Secretaries (22 May 2018) sits General Assembly resolution 80/16 on
  the Open-ended Working Group on ICT security (5 December 2025), a real UN document taken in
  with `sco-tracker import`. The General Assembly's commitments are those of all its Member
  States, named once as the party group "un-member-states"; two of them ask the
  Secretary-General to act. Each document can be looked at alone, each party across both, and
  every commitment is scored in a window that covers its document or is said to be in none.

  Background:
    Given the shipped commitments file
    And resolution 80/16 of the General Assembly on ICT security, taken in beside the Beijing communiqué

  Scenario: The status of one document at a time
    When I run "sco-tracker status --source a-res-80-16 --as-of 2026-02-01"
    Then the exit code is 0
    And the output contains "(source 'a-res-80-16'): 3 commitments"
    And the output contains "un-ict-global-mechanism"
    And the output does not contain "qingdao-counter-terrorism-programme"

  Scenario: Two documents chosen together, for scripts
    When I run "sco-tracker status --source beijing-2018-05-22 --source moscow-2017-10-11 --as-of 2026-02-01 --json"
    Then the exit code is 0
    And every commitment listed comes from "beijing-2018-05-22" or "moscow-2017-10-11"
    And the commitments listed include "afghanistan-contact-group-beijing-2018-plan"

  Scenario: A source id that does not exist is a usage error that lists the sources
    When I run "sco-tracker report --source beijing-2018 --as-of 2026-02-01"
    Then the exit code is 2
    And the output contains "unknown source 'beijing-2018' (did you mean 'beijing-2018-05-22'?); the sources are: beijing-2018-05-22, moscow-2017-10-11, a-res-80-16"
    And no traceback is printed

  Scenario: A source typed short and misspelt is matched to the id it begins
    When I run "sco-tracker status --source beijng"
    Then the exit code is 2
    And the output contains "unknown source 'beijng' (did you mean 'beijing-2018-05-22'?); the sources are: beijing-2018-05-22, moscow-2017-10-11, a-res-80-16"
    When I run "sco-tracker review --source moscow"
    Then the exit code is 2
    And the output contains "unknown source 'moscow' (did you mean 'moscow-2017-10-11'?); the sources are: beijing-2018-05-22, moscow-2017-10-11, a-res-80-16"
    And no traceback is printed

  Scenario: A check of one document still records the whole file
    When I run "sco-tracker check --source a-res-80-16 --as-of 2026-02-01 --json"
    Then the exit code is 0
    And only findings of "a-res-80-16" are listed
    And the output contains "un-ict-security-portal"
    When I run "sco-tracker check --as-of 2026-02-01 --json"
    Then the finding "undated" of "un-ict-security-portal" is "continuing"
    And the finding "stale" of "information-security-cooperation" is "continuing"

  Scenario: The report keeps each document's commitments under its own title
    When I run "sco-tracker report --as-of 2026-02-01"
    Then the exit code is 0
    And the report of 2026-02-01 has the section "Information report on the 13th meeting of the SCO Security Council Secretaries: commitments by theme" with "Intensify practical cooperation in international information security"
    And the report of 2026-02-01 has the section "Open-ended Working Group on Security of and in the Use of Information and Communications Technologies 2021-2025: commitments by theme" with "Support the Global Mechanism on ICT security from 2026"
    And in that report "Information security" of the resolution does not list "Intensify practical cooperation in international information security"

  Scenario: A report of one document is written to a folder of its own
    When I run "sco-tracker report --source a-res-80-16 --as-of 2026-02-01"
    Then the exit code is 0
    And the output contains "reports/views/a-res-80-16/2026-02-01.md"
    And the report "views/a-res-80-16/2026-02-01.md" is titled "Open-ended Working Group on Security of and in the Use of Information and Communications Technologies 2021-2025 as of 1 February 2026"
    And the report "views/a-res-80-16/2026-02-01.md" does not mention "Qingdao"
    And there is no report "2026-02-01.md" of the whole file

  Scenario: The tracker's own title names the reports and the calendar
    Given the tracker is titled "SCO and UN commitments on security"
    When I run "sco-tracker calendar --as-of 2026-02-01 -o -"
    Then the exit code is 0
    And the calendar is named "SCO and UN commitments on security: deadlines"
    When I run "sco-tracker report --source a-res-80-16 --as-of 2026-02-01"
    Then the report "views/a-res-80-16/2026-02-01.md" is titled "SCO and UN commitments on security: Open-ended Working Group on Security of and in the Use of Information and Communications Technologies 2021-2025 as of 1 February 2026"

  Scenario: Without a title the calendar is named after its documents, not "SCO commitments"
    When I run "sco-tracker calendar --source a-res-80-16 --as-of 2026-02-01 -o -"
    Then the exit code is 0
    And the calendar is named "Open-ended Working Group on Security of and in the Use of Information and Communications Technologies 2021-2025: deadlines"
    And the calendar holds "Put ICT security on the agenda of the eighty-first session" and nothing of the Beijing communiqué

  Scenario: Without a title, the report and the calendar name the main document, and how many others
    When I run "sco-tracker report --as-of 2026-02-01"
    Then the exit code is 0
    And the report "2026-02-01.md" is titled "Information report on the 13th meeting of the SCO Security Council Secretaries; and 2 other documents as of 1 February 2026"
    When I run "sco-tracker calendar --as-of 2026-02-01 -o -"
    Then the exit code is 0
    And the calendar is named "Information report on the 13th meeting of the SCO Security Council Secretaries; and 2 other documents: deadlines"

  Scenario: A view of two documents names both, the main one first
    When I run "sco-tracker report --as-of 2026-02-01 --source a-res-80-16 --source moscow-2017-10-11"
    Then the exit code is 0
    And the report "views/a-res-80-16+moscow-2017-10-11/2026-02-01.md" is titled "Open-ended Working Group on Security of and in the Use of Information and Communications Technologies 2021-2025; SCO-Afghanistan Contact Group meeting in Moscow, as reported by Pakistan's Foreign Office as of 1 February 2026"

  Scenario: A document with nothing tracked from it shows as such
    Given the announcement of the 14th meeting in Bishkek is a source with no commitments
    When I run "sco-tracker status --source bishkek-2019-05-15-announcement --as-of 2026-02-01"
    Then the exit code is 0
    And the output contains "0 commitments"
    And the output contains "Source 'bishkek-2019-05-15-announcement' (Announcement of the 14th meeting of the SCO Security Council Secretaries): no commitments tracked from it."
    When I run "sco-tracker report --as-of 2026-02-01"
    Then the report of 2026-02-01 has the section "Announcement of the 14th meeting of the SCO Security Council Secretaries: commitments by theme" with "No commitment is tracked from this document."

  Scenario: All Member States of the UN are scored one by one
    When I run "sco-tracker compliance --window un-2026 --json"
    Then the exit code is 0
    And the members scored are the eight SCO members, the United Kingdom and the United States
    And on "un-ict-global-mechanism" China scores "+1", India "0" and the United States is "not assessed"
    And no commitment of the Beijing communiqué is in the grid

  Scenario: Who is asked to act can be looked at across documents
    When I run "sco-tracker status --party un-secretary-general --as-of 2026-02-01"
    Then the exit code is 0
    And the output contains "un-ict-global-mechanism"
    And the output contains "un-ict-security-portal"
    And the output does not contain "un-ict-agenda-eighty-first-session"
    When I run "sco-tracker report --party un-secretary-general --as-of 2026-02-01"
    Then the report "views/party-un-secretary-general/2026-02-01.md" shows "Asked to act: UN Secretary-General"

  Scenario: One member state across both documents
    When I run "sco-tracker status --party india --as-of 2026-02-01 --json"
    Then the exit code is 0
    And the commitments listed include "information-security-cooperation"
    And the commitments listed include "un-ict-agenda-eighty-first-session"
    And every commitment listed has "india" among its parties

  Scenario: A party that is not in the file is a usage error that lists the parties
    When I run "sco-tracker status --party indai"
    Then the exit code is 2
    And the output contains "unknown party 'indai' (did you mean 'india'?)"
    And the output contains "a group id (un-member-states)"
    And no traceback is printed

  Scenario: The compliance grid of one document
    When I run "sco-tracker compliance --window final-2019 --source moscow-2017-10-11"
    Then the exit code is 0
    And the output contains "afghanistan-contact-group-beijing-2018-plan"
    And the output does not contain "qingdao-counter-terrorism-programme"

  Scenario: Compliance says which commitments no window scores
    Given resolution 80/16 has no assessment window of its own
    When I run "sco-tracker compliance --window final-2019"
    Then the exit code is 0
    And the output contains "Not scored in any window (3 commitments)"
    And the output contains "un-ict-security-portal: source 'a-res-80-16' is dated 2025-12-05, after the end of every window that covers it (the latest, 'final-2019', ends 2019-06-13)"
    When I run "sco-tracker compliance --window final-2019 --json"
    Then the commitments not covered are "un-ict-global-mechanism", "un-ict-security-portal" and "un-ict-agenda-eighty-first-session"
    When I run "sco-tracker compliance --window final-2019 --csv"
    Then the CSV row of "un-ict-security-portal" says "no window" for every member

  Scenario: Windows that cover only the SCO's documents leave the resolution out, and say so
    Given the SCO's two windows cover only "beijing-2018-05-22" and "moscow-2017-10-11"
    And resolution 80/16 has no assessment window of its own
    When I run "sco-tracker compliance --window final-2019"
    Then the output contains "un-ict-agenda-eighty-first-session: no assessment window covers source 'a-res-80-16'"

  Scenario: A window naming a source that does not exist is refused
    Given the window "un-2026" covers "a-res-80-61"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output contains "assessment window 'un-2026' names unknown source 'a-res-80-61' (did you mean 'a-res-80-16'?)"

  Scenario: Coverage of two documents chosen together
    When I run "sco-tracker coverage --source a-res-80-16 --source beijing-2018-05-22 --json"
    Then the exit code is 0
    And coverage is reported for "a-res-80-16" and "beijing-2018-05-22" only
