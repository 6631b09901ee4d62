"""Which files a batch reads: folders walked without leaving them, inputs named on the command
line checked for what they are.

A folder of reports from the internet (an unpacked archive, a shared drive) can hold symbolic
links. A link that leads out of the folder is not followed: ``gkstudy extract folder/`` must
not read (and record the sha256 of) /etc/passwd or a report that lives elsewhere. A file named on
the command line may itself be a link: the person chose it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections import Counter
from pathlib import Path

from gkstudy.readers import FORMATS
from gkstudy.readers.ocr.sources import is_page_asset

# Kinds of entries a folder walk leaves out, counted in the summary line.
LINK_OUT = "links leading out of the folder"
BROKEN_LINK = "broken links or link loops"
SPECIAL = "special files (FIFO, socket, device)"


def folder_files(root: str | Path, refused: Counter | None = None) -> list[Path]:
    """Regular files under ``root``, sorted: the one folder walker (extract and the notebooks' input
    list). Links are followed only to targets inside ``root`` (links to folders are not walked: a
    target inside is walked anyway). What is left out is counted by kind in ``refused``.

    Hidden files and everything in hidden folders (a name starting with ``.`` below ``root``:
    ``.git``, ``.ipynb_checkpoints``, ``.~lock.*#`` of an open office file, a ``.cache``) are skipped
    and not counted: they are never reports."""
    root = Path(root)
    real_root = root.resolve()
    found: list[Path] = []

    def refuse(path: Path, kind: str) -> None:
        if refused is not None and not any(p.startswith(".") for p in path.relative_to(root).parts):
            refused[kind] += 1

    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        filenames = [f for f in filenames if not f.startswith(".")]
        for name in dirnames:
            sub = here / name
            if sub.is_symlink() and _leaves(sub, real_root) is not False:
                refuse(sub, LINK_OUT if _leaves(sub, real_root) else BROKEN_LINK)
        for name in filenames:
            path = here / name
            if path.is_symlink():
                leaves = _leaves(path, real_root)
                if leaves is None:
                    refuse(path, BROKEN_LINK)
                    continue
                if leaves:
                    refuse(path, LINK_OUT)
                    continue
            try:
                mode = path.stat().st_mode
            except OSError:
                refuse(path, BROKEN_LINK)
                continue
            if stat.S_ISREG(mode):
                found.append(path)
            elif not stat.S_ISDIR(mode):
                refuse(path, SPECIAL)
    return sorted(found)


def is_report_file(path: Path) -> bool:
    """A file of a folder walk that is read as a report: a reader's suffix, and not a picture saved
    with a web page (read with its page)."""
    return path.suffix.lower() in FORMATS and not is_page_asset(path)


def report_files(folder: str | Path) -> list[Path]:
    """The files under ``folder`` that are read as reports (see :func:`folder_files`), sorted."""
    return [p for p in folder_files(folder) if is_report_file(p)]


def sha256_of_file(path: str | Path) -> str:
    """The file's sha256, read in blocks (an input may be hundreds of MB)."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _leaves(link: Path, real_root: Path) -> bool | None:
    """Whether the link's final target lies outside ``real_root``; None when it has none."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # missing target, or a loop (RuntimeError before Python 3.13)
        return None
    return not target.is_relative_to(real_root)


def not_a_file_reason(item: str | Path) -> str:
    """Why an input named on the command line that is neither a file nor a folder cannot be read."""
    path = Path(item)
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return f"input not found: {item}"
    if stat.S_ISLNK(mode):
        try:
            path.resolve(strict=True)
        except RuntimeError:
            return f"input is a symbolic link loop: {item}"
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return f"input is a symbolic link loop: {item}"
            return f"input is a broken symbolic link: {item} -> {os.readlink(path)} does not exist"
        mode = path.stat().st_mode
    if stat.S_ISFIFO(mode):
        return f"input is a FIFO (named pipe), not a file: {item}"
    if stat.S_ISSOCK(mode):
        return f"input is a socket, not a file: {item}"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return f"input is a device, not a file: {item}"
    return f"input is not a regular file: {item}"

