"""Placeholder: the `export` commands are being written (see the issue for export)."""
