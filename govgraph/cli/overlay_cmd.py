"""`govgraph overlay-schema`: print the JSON Schema of a governance overlay file."""
from __future__ import annotations

import sys

from govgraph.cli.app import app


@app.command("overlay-schema")
def overlay_schema() -> None:
    """Print the JSON Schema of a governance overlay (the YAML passed to `govgraph load --overlay`)."""
    from govgraph.loaders.overlay import overlay_schema_text

    sys.stdout.write(overlay_schema_text())
