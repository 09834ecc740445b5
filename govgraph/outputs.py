"""Writing what commands produce: whole files or nothing, and one clear error when the place is wrong.

Content is made in memory first and written to a temporary file beside the target, then renamed over
it, so an interrupted or failed write never leaves half a file. Folders of files (CSV exports,
favourites, synthetic plans) are written file by file the same way.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from govgraph.errors import OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_file(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write `data` (text as UTF-8) to `path` atomically; OSError becomes OutputError."""
    target = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write '{target}': folder '{folder}' does not exist")
    if target.is_dir():
        raise OutputError(f"cannot write '{target}': it is a folder", hint="Name a file with --out.")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the usual permissions
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"cannot write '{target}': {exc.strerror or exc}") from exc
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
    return target


def write_folder(out_dir: str | os.PathLike[str], files: Mapping[str, str | bytes]) -> list[Path]:
    """Create `out_dir` if needed and write each file into it atomically; returns the paths, sorted."""
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot write into '{folder}': it is a file", hint="Name a folder with --out.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create folder '{folder}': {exc.strerror or exc}") from exc
    return [write_file(folder / name, files[name]) for name in sorted(files)]
