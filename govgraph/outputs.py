"""Writing what commands produce: whole files or nothing, and one clear error when the place is wrong.

The one way govgraph writes a file (graph files, diagrams, board packs, exports, synthetic plans):
content made in memory, written to a new temporary file beside the target, flushed to disk, then
renamed over it. An interrupted or failed write never leaves half a file, and the previous file
stays as it was (the entry point turns SIGTERM into an exception, so the temporary file is removed then
too). Folders of files are written file by file the same way.
"""
from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from govgraph.errors import OutputError

WRITTEN: list[Path] = []
"""Every file this process has written whole, in order: an interrupted command says which (or none)."""


def file_kind(mode: int) -> str:
    """What a stat mode is, in words: 'a regular file', 'a character device', 'a FIFO (named pipe)'..."""
    for test, words in ((stat.S_ISREG, "a regular file"), (stat.S_ISDIR, "a folder"),
                        (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                        (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return words
    return "not a regular file"


def check_output(path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Refuse, before any work or writing, an output that is one of the command's `inputs` (the same
    file by any path or link) or that exists as anything but a regular file.

    Renaming over a device, FIFO or socket would replace the node itself (as root, `--out /dev/null`
    replaced the device with a file), and writing over an input destroys what was being read."""
    target = Path(path)
    for given in inputs:
        if _same_file(target, Path(given)):
            raise OutputError(f"cannot write '{target}': it is also an input of this command ('{given}')",
                              reason="it is an input", hint="Choose another --out; nothing was written.")
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return target  # absent (the usual case), or unreadable: the write says why
    if stat.S_ISDIR(mode):
        raise OutputError(f"cannot write '{target}': it is a folder", reason="it is a folder",
                          hint="Name a file with --out.")
    if not stat.S_ISREG(mode):
        raise OutputError(f"cannot write '{target}': it is {file_kind(mode)}, not a regular file",
                          reason=f"it is {file_kind(mode)}", hint="Name a regular file with --out; nothing was "
                                                                   "written.")
    return target


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)  # hard links and symbolic links too
    except OSError:
        return a.resolve() == b.resolve()


def write_file(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write `data` (text as UTF-8) to `path` atomically; any OSError becomes OutputError."""
    target = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write '{target}': folder '{folder}' does not exist",
                          reason="no such directory")
    check_output(target)
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
        WRITTEN.append(target)
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
    folder = prepare_folder(out_dir)
    return [write_file(folder / name, files[name]) for name in sorted(files)]


def check_folder(out_dir: str | os.PathLike[str]) -> Path:
    """Refuse, before any work, an output folder that exists as something else (a file, a device)."""
    folder = Path(out_dir)
    try:
        mode = os.stat(folder).st_mode
    except OSError:
        return folder
    if not stat.S_ISDIR(mode):
        words = "a file" if stat.S_ISREG(mode) else file_kind(mode)
        raise OutputError(f"cannot write into '{folder}': it is {words}", reason=f"it is {words}",
                          hint="Name a folder with --out.")
    return folder


def prepare_folder(out_dir: str | os.PathLike[str]) -> Path:
    """Create the output folder `out_dir` if needed and make sure files can be created in it; anything in
    the way (a file, no permission, a read-only disk) becomes one OutputError before the first file."""
    folder = check_folder(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe_fd, probe = _create_beside(folder / "probe")  # a read-only folder fails here, not mid-pack
        os.close(probe_fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write into folder '{folder}': {exc.strerror or exc}",
                          reason=exc.strerror or str(exc)) from None
    return folder


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
