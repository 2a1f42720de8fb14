"""sco_tracker: track the undertakings in diplomatic communiqués as commitments."""

__version__ = "0.1.0"
