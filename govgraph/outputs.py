"""Writing what commands produce: whole files or nothing, and one clear error when the place is wrong.

The one way govgraph writes a file (graph files, diagrams, board packs, exports, synthetic plans):
content made in memory, written to a new temporary file beside the target, flushed to disk, then
renamed over it. An interrupted or failed write never leaves half a file, and the previous file
stays as it was. Folders of files are written file by file the same way.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from govgraph.errors import OutputError


def write_file(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write `data` (text as UTF-8) to `path` atomically; any OSError becomes OutputError."""
    target = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write '{target}': folder '{folder}' does not exist",
                          reason="no such directory")
    if target.is_dir():
        raise OutputError(f"cannot write '{target}': it is a folder", reason="it is a folder",
                          hint="Name a file with --out.")
    try:
        fd, tmp = _create_beside(target)
    except OSError as exc:
        raise OutputError(f"cannot write '{target}': {exc.strerror or exc}", reason=exc.strerror or str(exc)) \
            from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write '{target}': {exc.strerror or exc}", reason=exc.strerror or str(exc),
                          hint="The previous file, if any, is unchanged. Check disk space and permissions.") \
            from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_folder(out_dir: str | os.PathLike[str], files: Mapping[str, str | bytes]) -> list[Path]:
    """Create `out_dir` if needed and write each file into it atomically; returns the paths, sorted."""
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot write into '{folder}': it is a file", reason="it is a file",
                          hint="Name a folder with --out.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create folder '{folder}': {exc.strerror or exc}",
                          reason=exc.strerror or str(exc)) from None
    return [write_file(folder / name, files[name]) for name in sorted(files)]


def _create_beside(target: Path) -> tuple[int, str]:
    """A new temp file in the target's folder (so the rename is atomic); mode 0666 less the umask,
    the permissions an ordinary file gets."""
    for _ in range(100):
        tmp = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), str(tmp)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temp name beside {target}")
