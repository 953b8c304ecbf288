"""An output folder one run at a time, and its output files replaced as one set.

Two things an unattended run needs beside atomic single files (:mod:`kg.files`):

- **A lock.** :func:`lock` takes an exclusive ``flock`` on ``OUTDIR/.kg-lock`` for the life of
  the run, so a second ``kg extract`` (or ``kg export``) on the same folder fails at once with
  :class:`OutdirBusy` instead of mixing its files with the first's. The kernel releases a
  ``flock`` when its process dies, however it dies, so a stale lock of a killed run never
  blocks: there is no pid to check and nothing to clean up. The lock file keeps the holder's
  pid and start time only to name it in the message.
- **A staged output set.** :class:`OutputSet` writes every new file into a private staging
  folder (``OUTDIR/.kg-staging-<run>``, unique per run); only when all of them are complete and
  flushed does it mark the folder complete and rename each file into place. A failure while
  writing (disk full, a crash, Ctrl-C) removes the staging folder and leaves the previous set
  whole. A kill during the renames (a few microseconds) leaves a complete staging folder,
  which the next run in that folder finishes swapping in before it starts
  (:func:`recover`), so a mixed set never survives a restart.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from kg.files import file_mode

__all__ = ["LOCK_NAME", "OutdirBusy", "OutputSet", "lock", "recover"]

LOCK_NAME = ".kg-lock"
STAGING_PREFIX = ".kg-staging-"
COMPLETE = ".complete"


class OutdirBusy(Exception):
    """Another live kg process is writing into this output folder."""


class OutdirError(OSError):
    """The output folder cannot be used (a file, read-only, not creatable)."""


def prepare(out: Path) -> Path:
    """Create ``out`` if needed and check that it is a writable folder, with a one-line reason if not."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutdirError(errno.ENOTDIR, f"output folder {out} is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutdirError(err.errno, f"cannot create output folder {out}: {err.strerror}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutdirError(errno.EACCES, f"output folder {out} is not writable")
    return out


@contextlib.contextmanager
def lock(out: Path) -> Iterator[Path]:
    """Hold the exclusive lock of ``out`` (created if needed) for the ``with`` block.

    Raises:
        OutdirBusy: another process holds it; the message names that process.
        OutdirError: ``out`` is a file or cannot be written.
    """
    out = prepare(out)
    path = out / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, file_mode())
    except OSError as err:
        raise OutdirError(err.errno, f"cannot lock output folder {out}: {err.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            raise OutdirBusy(f"output folder {out} is in use by {holder}; wait for it to finish "
                             "or choose another folder") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"kg process {os.getpid()} (since {time.strftime('%Y-%m-%d %H:%M:%S')})\n".encode(), 0)
        yield out
    finally:
        os.close(fd)  # closing releases the flock; the file stays (removing it would race a waiter)


def recover(out: Path) -> None:
    """Finish or undo what a killed run left: swap in a complete staged set, drop an incomplete one.

    Call only while holding :func:`lock`, so no live run's staging folder is touched.
    """
    for staging in sorted(Path(out).glob(f"{STAGING_PREFIX}*")):
        marker = staging / COMPLETE
        if staging.is_dir() and marker.exists():
            names = [n for n in marker.read_text(encoding="utf-8").splitlines() if (staging / n).exists()]
            _swap_in(staging, Path(out), names)
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: Path, out: Path, names: list[str]) -> None:
    for name in names:
        os.replace(staging / name, out / name)
    _fsync_dir(out)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # some file systems cannot fsync a folder; the renames still hold
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class OutputSet:
    """The files of one run, staged privately and renamed into ``out`` together by :meth:`commit`.

    Use as a context manager: leaving the block by an exception discards the staged files.
    """

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.staging = self.out / f"{STAGING_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.staging.mkdir()
        self.names: list[str] = []

    def path(self, name: str) -> Path:
        """Where to write output ``name`` (a plain file name) until the commit."""
        if name not in self.names:
            self.names.append(name)
        return self.staging / name

    def adopt(self, paths: list[Path]) -> None:
        """Count files a writer put into :attr:`staging` itself (a folder format) as outputs."""
        for path in paths:
            self.path(Path(path).name)

    def commit(self) -> list[Path]:
        """Flush every staged file to disk, mark the set complete, rename each into place."""
        for name in self.names:
            path = self.staging / name
            if not path.exists():
                raise FileNotFoundError(f"output {name} was never written")
            with open(path, "rb") as written:
                os.fsync(written.fileno())
        marker = self.staging / COMPLETE
        with open(marker, "w", encoding="utf-8") as handle:
            handle.write("".join(f"{name}\n" for name in self.names))
            handle.flush()
            os.fsync(handle.fileno())
        _fsync_dir(self.staging)
        _swap_in(self.staging, self.out, self.names)
        self.discard()
        return [self.out / name for name in self.names]

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()
