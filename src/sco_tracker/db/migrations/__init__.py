"""Alembic migrations, shipped with the package. Run them with `sco-tracker db upgrade`."""
