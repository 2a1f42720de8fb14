"""sco_tracker: track the undertakings in diplomatic communiqués as commitments."""

import os

__version__ = "0.1.0"

# pydantic looks for plugins of its own (an entry point group) among every installed package when
# it builds the first model: a read of every package's metadata, on every command. The tool uses
# none; a setting of the user's own wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
