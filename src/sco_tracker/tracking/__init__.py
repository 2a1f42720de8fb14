"""Tracking: due dates, progress checks and compliance, pure functions of a project and an as-of
date."""
