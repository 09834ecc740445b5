"""Run `govgraph ARGS...` with one step made to stall (or fail), so a test can signal it at a known point.

    python stall_driver.py MARKER MODE ARGS...

MODE `save`: the output file's bytes are written and flushed, then the process touches MARKER and sleeps
(the moment SIGTERM used to leave a full-size temporary file behind). MODE `load`: reading the plans stalls
the same way. MODE `full`: the disk is full when the output is flushed (ENOSPC).
"""
from __future__ import annotations

import errno
import os
import sys
import time
from pathlib import Path

marker, mode, args = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]


def _stall(*_: object, **__: object) -> None:
    marker.touch()
    time.sleep(120)


if mode == "save":
    real_fsync = os.fsync

    def fsync_then_stall(fd: int) -> None:
        real_fsync(fd)
        _stall()

    os.fsync = fsync_then_stall
elif mode == "load":
    import govgraph.loaders

    govgraph.loaders.load_documents = _stall  # type: ignore[assignment]
elif mode == "full":
    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    os.fsync = disk_full

sys.argv = ["govgraph", *args]
from govgraph.cli.app import main  # noqa: E402

main()
