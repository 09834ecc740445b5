"""Placeholder: the `report` commands are being written (see the issue for report)."""
