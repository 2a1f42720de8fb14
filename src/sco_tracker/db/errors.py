"""What a failing database means for the analyst: one message that names the database and the
fix, never a traceback (a damaged file, a database made by a newer sco-tracker, a server that
cannot be reached)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc
from sqlalchemy.engine import make_url

from sco_tracker.problems import UserError


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return url


@contextmanager
def db_errors(url: str) -> Iterator[None]:
    """Turn the database's own failures into a UserError; a query of ours that is wrong (an
    integrity or programming error) stays the bug it is."""
    try:
        yield
    except exc.OperationalError as error:
        raise UserError(
            f"cannot use the database {display_url(url)}: {_first_line(error)}"
        ) from None
    except (exc.IntegrityError, exc.ProgrammingError, exc.DataError):
        raise
    except exc.DatabaseError as error:
        # "file is not a database", "database disk image is malformed": the file itself.
        raise UserError(
            f"the database {display_url(url)} is damaged or is not an sco-tracker database "
            f"({_first_line(error)}). Restore it from a backup, or move it aside and "
            "sco-tracker will start a new one (its history starts again from the next sync)."
        ) from None


def driver_missing(drivername: str, module: str | None) -> UserError:
    """The refusal of a URL whose driver is not installed: the one to install when it is ours
    (psycopg), else the URLs sco-tracker uses."""
    missing = f"the database driver for {drivername} is not installed ({module})"
    if drivername == "postgresql+psycopg":
        return UserError(f"{missing}; install it with: pip install 'sco-tracker[postgres]'")
    return UserError(
        f"{missing}: sco-tracker uses sqlite:/// (built into Python) or postgresql+psycopg://"
        " (pip install 'sco-tracker[postgres]')"
    )


def newer_version(url: str, revision: str) -> UserError:
    """A database at a migration this sco-tracker does not ship: the tool needs upgrading."""
    return UserError(
        f"the database {display_url(url)} is at revision {revision}, which this version of "
        "sco-tracker does not know: it was made by a newer version. Upgrade sco-tracker "
        "(pip install --upgrade sco-tracker); 'sco-tracker db upgrade' cannot help."
    )


def _first_line(error: exc.DatabaseError) -> str:
    lines = str(error.orig if error.orig is not None else error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
