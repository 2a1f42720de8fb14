"""The deadlines calendar: an iCalendar file of the open commitments' due dates.

One all-day event per open commitment with a known due date, on its last day (the end of
its due month or year, or its event's date). Each event's UID is derived from the
commitment id, so a calendar program that subscribes to the file updates events in place
instead of duplicating them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from sco_tracker.encoding import printable
from sco_tracker.report.model import STATUS_LABELS, safe_url
from sco_tracker.spec.project import Project
from sco_tracker.tracking.checks import evaluate
from sco_tracker.tracking.selection import EVERYTHING, Selection, view_title

UID_DOMAIN = "sco-tracker"


def uid_for(commitment_id: str, source_id: str) -> str:
    return f"{commitment_id}.{source_id}@{UID_DOMAIN}"


def calendar_name(project: Project, as_of: date, selection: Selection = EVERYTHING) -> str:
    """'<settings.title, else the sources' titles>: deadlines'."""
    return f"{view_title(project, selection, as_of)}: deadlines"


def build_calendar(
    project: Project, as_of: date, generated_at: datetime, selection: Selection = EVERYTHING
) -> bytes:
    """The calendar as of a date (commitments open on that date, in the selection). Pure given
    its inputs."""

    cal = Calendar()
    cal.add("prodid", "-//sco-tracker//deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # One line: X-WR-CALNAME is not a TEXT property, so icalendar would not escape a line break.
    cal.add("x-wr-calname", printable(" ".join(calendar_name(project, as_of, selection).split())))
    for ev in selection.evaluations(evaluate(project, as_of)):
        end = ev.due.end
        if not ev.status.is_open or end is None:
            continue
        c = ev.commitment
        source = project.sources[c.source]
        event = Event()
        event.add("uid", uid_for(c.id, c.source))
        event.add("dtstamp", generated_at)
        event.add("dtstart", end)
        if end < date.max:  # without DTEND an all-day event lasts its one day (RFC 5545)
            event.add("dtend", end + timedelta(days=1))
        event.add("summary", printable(c.title))
        where = project.place(c.source, c.paragraph)
        lines = [
            (
                f"Due {ev.due.label()}. Status as of {as_of.isoformat()}: "
                f"{STATUS_LABELS[ev.status.value].lower()}."
            ),
            f"Commitment id: {c.id}",
            # A source without a local text has no paragraph numbers: the quote alone says where.
            (
                f"{source.title}, "
                f"{source.date.isoformat()}{f', {where}' if where else ''} "
                f"({c.strength}):"
            ),
            f"\u201c{c.quote}\u201d",
        ]
        url = safe_url(source.url)
        if url:
            lines.append(url)
            event.add("url", url)
        if ev.last_update is not None:
            lines.append(f"Latest update {ev.last_update.date.isoformat()}: {ev.last_update.note}")
        event.add("description", printable("\n".join(lines)))
        event.add("categories", [printable(c.theme)])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
