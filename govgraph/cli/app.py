"""The `govgraph` command. Each command module registers itself on `app`; errors become one line."""
from __future__ import annotations

import errno
import gc
import io
import os
import signal
import sys
from typing import Any, NoReturn

import typer

from govgraph.errors import GovgraphError, Terminated

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None,
                  help="Turn improvement plans into a governance and dependency graph, and query it.")
"""Completion on (`--install-completion`, `--show-completion`). Help is Click's plain text, not Rich's
panels: it shows no value placeholder after a flag (Typer's panels print `<bool>` after every flag,
`--help` included) and starts about 150 ms sooner, since Rich is never imported to print it."""


def _version(value: bool) -> None:
    """`--version`: the installed package's version, read from its metadata (nothing else imported)."""
    if value:
        from importlib.metadata import version

        typer.echo(f"govgraph {version('govgraph')}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit."),
          max_size: list[str] = typer.Option([], "--max-size", metavar="KIND=SIZE",
                                             help="Raise (or lower) a size limit for this command: plans, overlays, "
                                                  "vocabularies or graphs, e.g. graphs=2GiB (repeatable; over "
                                                  "GOVGRAPH_MAX_*_MB).")) -> None:
    """Turn improvement plans into a governance and dependency graph, and query it."""
    if max_size:
        from govgraph.cli.common import size_limits
        from govgraph.inputs import raise_limits

        raise_limits(size_limits(max_size))
query_app = typer.Typer(no_args_is_help=True, help="Answer the programme's questions over the graph.")
app.add_typer(query_app, name="query")

# Command modules register on import; keep this list the one place commands are wired.
from govgraph.cli import load_cmd  # noqa: E402,F401
from govgraph.cli import inspect_cmd  # noqa: E402,F401

from govgraph.cli import query_cmd  # noqa: E402,F401
from govgraph.cli import overlay_cmd  # noqa: E402,F401
from govgraph.cli import diagram_cmd  # noqa: E402,F401
from govgraph.cli import report_cmd  # noqa: E402,F401
from govgraph.cli import neo4j_cmd  # noqa: E402,F401
from govgraph.cli import server_cmd  # noqa: E402,F401
from govgraph.cli import export_cmd  # noqa: E402,F401
from govgraph.cli import synth_cmd  # noqa: E402,F401
from govgraph.cli import vocab_cmd  # noqa: E402,F401


EXIT_INTERRUPTED = 130
"""128 + SIGINT, what shells report for a Ctrl-C."""
EXIT_TERMINATED = 143
"""128 + SIGTERM."""
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def main() -> None:
    """Entry point: known errors become one `Error: …` line and exit 1; bugs keep their traceback.

    Ctrl-C exits 130 and SIGTERM 143, each with one line saying what was written (nothing, as a rule:
    outputs are written whole or not at all, and their temporary files are removed on the way out); a
    full disk under standard output is one message and exit 1.

    The cyclic garbage collector is off for the process: a command is one short run whose large
    structures (parsed documents, the graph, an answer) hold no cycles, so every pass it makes is
    wasted rescanning them. Measured at 150 authorities: `load` 20.5 s -> 17.6 s with the same peak
    memory and the same graph file; a programme-wide query's answer skips ~100 ms of passes.
    """
    gc.disable()
    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = app(standalone_mode=False)  # Typer turns Ctrl-C into Exit(130) and returns exit codes
        sys.stdout.flush()  # inside the try: a full disk shows here, not as a warning at exit
    except GovgraphError as exc:
        _stop(1, f"Error: {exc.user_message()}")
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    except Terminated:
        _stop(EXIT_TERMINATED, f"Terminated: {_written_words()}")
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        _stop(1, "Aborted.")
    except OSError as exc:
        if exc.errno not in _DISK_FULL:
            raise
        _stop(1, f"Error: cannot write the output: {exc.strerror}; what was printed is incomplete.")
    except Exception as exc:  # usage errors arrive here with standalone_mode off
        from typer._click.exceptions import ClickException

        if isinstance(exc, ClickException):
            _usage_error(exc)
        raise
    if code == EXIT_INTERRUPTED:
        _stop(EXIT_INTERRUPTED, f"Interrupted: {_written_words()}")
    if isinstance(code, int) and code:
        sys.exit(code)


def _usage_error(exc: Any) -> NoReturn:
    """Click's own message for a usage error (usage line, hint, `Error: ...`), made inert and printed on
    stderr: it quotes what the user typed (an option's name, a value, a command), which can hold escape
    sequences or bidi overrides that Click escapes only in part."""
    from govgraph.cli.common import inert

    buffer = io.StringIO()
    exc.show(file=buffer)
    try:
        sys.stderr.write(inert(buffer.getvalue()))
        sys.stderr.flush()
    except OSError:
        pass
    sys.exit(exc.exit_code)


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def _written_words() -> str:
    """What was written before the interruption: the output files, or how far a Neo4j push got."""
    from govgraph.outputs import WRITTEN

    push = sys.modules.get("govgraph.neo4j.push")  # looked up, not imported: only a push sets it
    if push is not None and getattr(push, "INTERRUPTED", None):
        return f"{push.INTERRUPTED[-1]}."
    if not WRITTEN:
        return "nothing was written."
    return "wrote only " + ", ".join(str(p) for p in WRITTEN) + " before stopping."


def _stop(code: int, line: str) -> None:
    """Say one line on stderr and exit with `code`; standard output, if it cannot take what is still
    buffered (a full disk), is pointed at /dev/null first so the exit is not a second error."""
    try:
        sys.stdout.flush()
    except OSError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    from govgraph.cli.common import inert

    try:
        typer.echo(inert(line), err=True)  # messages quote file names and plan text
    except OSError:
        pass
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
