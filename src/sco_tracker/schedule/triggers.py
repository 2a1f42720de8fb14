"""The scheduler's triggers: parsed by spec/schedules.py, the one parser of settings.schedule
(validate uses the same function, so a schedule that validates is one the scheduler runs)."""

from __future__ import annotations

from sco_tracker.spec.schedules import describe, parse_trigger

__all__ = ["describe", "parse_trigger"]
