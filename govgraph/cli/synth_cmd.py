"""`govgraph synth`: write a synthetic programme of fictional councils' plans, for scale tests."""
from __future__ import annotations

from pathlib import Path

import typer

from govgraph.cli.app import app
from govgraph.cli.common import print_json


@app.command("synth")
def synth(
    authorities: int = typer.Option(..., "--authorities", "-n", min=1, max=2000, metavar="<int>",
                                    help="How many fictional councils (150 gives about 30,000 actions)."),
    out: Path = typer.Option(..., "--out", "-o", file_okay=False, help="Directory to write the plans into."),
    seed: int = typer.Option(0, "--seed", help="Same seed, byte-identical files."),
    as_json: bool = typer.Option(False, "--json", help="Print the totals as JSON."),
) -> None:
    """Write fictional councils' plans in the corpus's layouts, and a manifest of what they hold."""
    from govgraph.errors import GovgraphError
    from govgraph.synth import MANIFEST, synthesise

    if out.exists() and not out.is_dir():
        raise GovgraphError("exists and is not a directory", source_file=str(out),
                            hint="Pass a new or existing directory with --out.")
    try:
        manifest = synthesise(authorities, out, seed=seed)
    except ValueError as exc:
        raise GovgraphError(str(exc), hint="Ask for fewer authorities.") from None
    totals = manifest.totals
    if as_json:
        print_json(totals)
        return
    rag = ", ".join(f"{k} {v}" for k, v in totals["rag"].items())
    typer.echo(f"Wrote {totals['documents']} documents for {totals['authorities']} authorities to {out}/ "
               f"(seed {seed}): {totals['plans']} plans, {totals['recommendations']} recommendations, "
               f"{totals['actions']} actions ({rag}), {totals['work_packages']} work packages, "
               f"{totals['escalates_to']} escalation lines. What they hold: {out / MANIFEST}")
