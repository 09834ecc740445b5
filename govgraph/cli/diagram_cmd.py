"""Placeholder: the `diagram` commands are being written (see the issue for diagram)."""
