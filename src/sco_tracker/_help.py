"""`sco-tracker --help` as click prints it, by formatter width. Generated: do not edit.

Regenerate with `python -m sco_tracker.fastpath --write-help`.
"""

HELP: dict[int, str] = {78: 'Usage: sco-tracker [OPTIONS] COMMAND [ARGS]...\n'
     '\n'
     '  Track the undertakings of diplomatic communiqués as commitments.\n'
     '\n'
     "  commitments.yaml is the source of truth. Start with 'sco-tracker validate',\n"
     "  then 'sco-tracker run' to sync the database, check progress and write the\n"
     '  reports.\n'
     '\n'
     'Options:\n'
     '  -V, --version  Show the version and exit.\n'
     '  -h, --help     Show this message and exit.\n'
     '\n'
     'Commands:\n'
     '  validate    Check commitments.yaml and list every problem as...\n'
     '  run         The main job: validate commitments.yaml, sync the database,...\n'
     '  status      Show every commitment with its status, due date and...\n'
     '  check       Check progress as of a date and store the check run with...\n'
     '  sync        Load commitments.yaml into the database, in one transaction.\n'
     '  report      Write the status report as of a date, in Markdown and HTML.\n'
     "  calendar    Write an iCalendar file (.ics) of the open commitments' due...\n"
     '  schedule    Run the scheduler: check and write reports on the schedule...\n'
     '  runs        Show the latest scheduled runs: job, start, duration,...\n'
     '  coverage    Show, sentence by sentence, what has been decided about...\n'
     '  draft       Do the first reading of a new communiqué (one paragraph per...\n'
     '  update      Record a dated update of commitment ID (and its new status)...\n'
     '  assess      Record a per-member compliance score for commitment ID in...\n'
     "  compliance  Show each member's compliance score on each commitment,...\n"
     '  db          Manage the database: create it or bring it up to this...\n'
     '  schema      Print the JSON Schema of commitments.yaml (editors use it...\n',
 98: 'Usage: sco-tracker [OPTIONS] COMMAND [ARGS]...\n'
     '\n'
     '  Track the undertakings of diplomatic communiqués as commitments.\n'
     '\n'
     "  commitments.yaml is the source of truth. Start with 'sco-tracker validate', then "
     "'sco-tracker\n"
     "  run' to sync the database, check progress and write the reports.\n"
     '\n'
     'Options:\n'
     '  -V, --version  Show the version and exit.\n'
     '  -h, --help     Show this message and exit.\n'
     '\n'
     'Commands:\n'
     '  validate    Check commitments.yaml and list every problem as FILE:LINE:COL: message.\n'
     '  run         The main job: validate commitments.yaml, sync the database, check progress '
     'and...\n'
     '  status      Show every commitment with its status, due date and findings, or one '
     'commitment...\n'
     '  check       Check progress as of a date and store the check run with its findings.\n'
     '  sync        Load commitments.yaml into the database, in one transaction.\n'
     '  report      Write the status report as of a date, in Markdown and HTML.\n'
     "  calendar    Write an iCalendar file (.ics) of the open commitments' due dates.\n"
     '  schedule    Run the scheduler: check and write reports on the schedule in '
     'settings.schedule.\n'
     '  runs        Show the latest scheduled runs: job, start, duration, outcome and error.\n'
     '  coverage    Show, sentence by sentence, what has been decided about each source text.\n'
     '  draft       Do the first reading of a new communiqué (one paragraph per line, as '
     'published).\n'
     '  update      Record a dated update of commitment ID (and its new status) in '
     'commitments.yaml.\n'
     '  assess      Record a per-member compliance score for commitment ID in commitments.yaml.\n'
     "  compliance  Show each member's compliance score on each commitment, with the averages.\n"
     "  db          Manage the database: create it or bring it up to this version's tables.\n"
     '  schema      Print the JSON Schema of commitments.yaml (editors use it to check as you '
     'type).\n'}
