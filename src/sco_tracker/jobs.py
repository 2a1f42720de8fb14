"""The stable import path of the scheduled jobs.

APScheduler stores each persistent job in the database by a textual reference,
"sco_tracker.jobs:check_job", "sco_tracker.jobs:report_job" (and digest_job), and deletes a
job it cannot import. The jobs live in sco_tracker/schedule/jobs.py; these names must stay
importable here.
"""

from sco_tracker.schedule.jobs import check_job, digest_job, report_job

__all__ = ["check_job", "digest_job", "report_job"]
