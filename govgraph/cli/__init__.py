"""Typer command line: thin over the library. Only this package prints."""
