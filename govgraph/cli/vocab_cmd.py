"""`govgraph vocab suggest`: vocabulary entries for what a plan used that govgraph could not place."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from govgraph.cli.app import app

vocab_app = typer.Typer(no_args_is_help=True, help="Teach govgraph a council's words.")
app.add_typer(vocab_app, name="vocab")


@vocab_app.command("suggest")
def suggest_cmd(
    files: list[Path] = typer.Argument(..., help="Plan documents govgraph could not fully read."),
    vocab: Optional[Path] = typer.Option(None, "--vocab", metavar="<path>",
                                         help="A vocabulary already in use (suggest only what it lacks)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="<path>",
                                       help="Write the suggestions here (default: print them)."),
) -> None:
    """Suggest --vocab entries (column headers, status words) for a plan; review them, then load with --vocab."""
    from govgraph.loaders.suggest import suggest
    from govgraph.loaders.vocab import Vocabulary
    from govgraph.outputs import check_output, write_file

    if out is not None:
        check_output(out, files)
    text = suggest(files, Vocabulary.with_user_file(vocab)).to_yaml()
    if out is None:
        sys.stdout.write(text)
    else:
        write_file(out, text.encode("utf-8"))
        typer.echo(f"Wrote {out}: review it, then `govgraph load ... --vocab {out}`.")
