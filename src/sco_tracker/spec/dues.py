"""A commitment's due date as resolved against the events: what every output says of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sco_tracker.spec.dates import Cadence, Period
from sco_tracker.spec.model import Event
from sco_tracker.spec.vocabulary import UNDATED_REASONS


@dataclass(frozen=True)
class ResolvedDue:
    """A commitment's deadline: a period, an event (dated or not), or none (an ongoing
    commitment is reviewed instead: `review`)."""

    period: Period | None = None
    event: Event | None = None
    #: `due: unspecified`: the document gives no date.
    unspecified: bool = False
    #: No due date, reviewed at this cadence (`review_every`): an ongoing commitment.
    review: Cadence | None = None

    @property
    def end(self) -> date | None:
        """The last day to meet it: the end of the period, or the event's date; None if unknown."""
        if self.period is not None:
            return self.period.end
        if self.event is not None:
            return self.event.date
        return None

    @property
    def undated(self) -> bool:
        """No date to be measured by (the "undated" finding): the document gives none, or the
        event's date is not yet known."""
        return self.unspecified or (self.event is not None and self.event.date is None)

    @property
    def undated_case(self) -> str | None:
        """Which way it is undated: 'unspecified' (the document gives no date) or 'event' (its
        event has no date yet), the keys of vocabulary.UNDATED_REASONS; None when dated."""
        if self.unspecified:
            return "unspecified"
        if self.event is not None and self.event.date is None:
            return "event"
        return None

    def undated_reason(self) -> str | None:
        """Why it is undated (vocabulary.UNDATED_REASONS), or None when it is not."""
        case = self.undated_case
        if case == "unspecified":
            return UNDATED_REASONS[case]
        if case == "event" and self.event is not None:
            title = self.event.title
            article = "" if title.lower().startswith("the ") else "the "
            return UNDATED_REASONS["event"].format(event=f"{article}{title}")
        return None

    def label(self) -> str:
        """'May 2018', '2018', '31 May 2018', 'at the Qingdao summit (10 June 2018)'."""
        if self.period is not None:
            return self.period.label()
        if self.event is not None:
            when = (
                Period(self.event.date, "day").label() if self.event.date else "date not yet known"
            )
            title = self.event.title
            article = "" if title.lower().startswith("the ") else "the "
            return f"at {article}{title} ({when})"
        if self.unspecified:
            return "unspecified (the document gives no date)"
        if self.review is not None:
            return f"ongoing, reviewed {self.review}"
        return "no due date"

    @property
    def dateless(self) -> bool:
        """No due date at all (neither a date, an event nor `unspecified`): ongoing or none."""
        return self.period is None and self.event is None and not self.unspecified

    def phrase(self) -> str:
        """The due date in a sentence: 'due 31 May 2018', 'due at the Qingdao summit (...)',
        'ongoing, reviewed every year', 'no due date' (never 'due no due date')."""
        label = self.label()
        return label if self.dateless else f"due {label}"
