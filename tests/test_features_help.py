"""Binds features/help.feature (the steps are the shared ones of conftest.py)."""

from __future__ import annotations

from pytest_bdd import scenarios

scenarios("help.feature")
