"""Word-processor files with no Python reader (.doc, .wps, .rtf, .odt) -> .docx by LibreOffice,
then read by the DOCX reader; .docm (a macro-enabled .docx) read directly.

LibreOffice runs headless with a profile of its own for each worker process (two instances must
never share one), under a time limit after which its whole process group is killed. A converted
file is kept in the conversion cache, keyed by the source's sha256, so a rerun or a second copy of
the same file does not convert again. The cache is ``$GKSTUDY_CONVERT_CACHE``, else
``$XDG_CACHE_HOME/gkstudy/converted`` (``~/.cache/gkstudy/converted``).
Without LibreOffice the report's row says in one line how to install it, or to convert by hand.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from gkstudy.core.document import Document, ReportError

CONVERTED = {".doc": "doc", ".wps": "wps", ".rtf": "rtf", ".odt": "odt"}
MACRO_DOCX = {".docm": "docm"}
CONVERT_TIMEOUT_S = 120  # a report converts in seconds; a file that takes minutes is hung or hostile
CACHE_ENV = "GKSTUDY_CONVERT_CACHE"
INSTALL_HINT = ("install LibreOffice (apt-get install libreoffice-writer / brew install --cask libreoffice / "
                "winget install TheDocumentFoundation.LibreOffice) or save the file as .docx by hand")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DOCM_TYPE = b"application/vnd.ms-word.document.macroEnabled.main+xml"
_DOCX_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def cache_dir() -> Path:
    root = os.environ.get(CACHE_ENV)
    if root:
        return Path(root)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gkstudy" / "converted"


_profiles: set[Path] = set()


def _profile_dir() -> Path:
    """This process's own LibreOffice profile (a fresh one per worker, reused by its conversions,
    removed when the process ends)."""
    path = Path(tempfile.gettempdir()) / f"gkstudy-soffice-{os.getuid() if hasattr(os, 'getuid') else 0}-{os.getpid()}"
    if path not in _profiles:
        shutil.rmtree(path, ignore_errors=True)  # left by an earlier process with the same pid
        _profiles.add(path)
        atexit.register(shutil.rmtree, path, True)
    return path


def convert_to_docx(data: bytes, kind: str, timeout_s: float = CONVERT_TIMEOUT_S) -> bytes:
    """The .docx LibreOffice makes of ``data`` (a .``kind`` file), from the cache when it has it."""
    digest = hashlib.sha256(data).hexdigest()
    cached = cache_dir() / digest[:2] / f"{digest}.docx"
    if cached.is_file() and cached.stat().st_size:
        return cached.read_bytes()
    exe = soffice_path()
    if exe is None:
        raise ReportError("failed", f"a .{kind} file is read through LibreOffice, which is not installed: {INSTALL_HINT}")
    # Kingsoft WPS writes .wps in Word's binary (OLE2) format; named .doc, LibreOffice opens it as Word
    # rather than as the unrelated Microsoft Works format its extension would suggest.
    suffix = "doc" if kind == "wps" and data.startswith(_OLE2_MAGIC) else kind
    with tempfile.TemporaryDirectory(prefix="gkstudy-convert-") as tmp:
        src = Path(tmp) / "in" / f"report.{suffix}"
        src.parent.mkdir()
        src.write_bytes(data)
        profile = _profile_dir()
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(src)]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)  # its own process group, so all of it can be killed
        try:
            _out, err = proc.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            shutil.rmtree(profile, ignore_errors=True)  # a killed instance may leave its profile locked
            raise ReportError("failed", f"LibreOffice did not convert this .{kind} file within {timeout_s:g} s "
                                        "(killed); save it as .docx by hand") from None
        out = Path(tmp) / "report.docx"
        if not out.is_file() or not out.stat().st_size:
            last = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise ReportError("failed", f"LibreOffice could not convert this .{kind} file ({last[0][:160]}); "
                                        "save it as .docx by hand")
        converted = out.read_bytes()
    _store(cached, converted)
    return converted


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        proc.kill()
    proc.wait()


def _store(path: Path, data: bytes) -> None:
    """Write atomically; a cache that cannot be written only costs a conversion next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        pass


def docm_as_docx(data: bytes) -> bytes:
    """A macro-enabled .docx (.docm) with its main part declared as a plain document, so the DOCX
    reader opens it; the macros are never run or read. Other bytes are returned unchanged."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        types = src.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return data  # the DOCX reader says what is wrong with it
    if _DOCM_TYPE not in types:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = types.replace(_DOCM_TYPE, _DOCX_TYPE) if item.filename == "[Content_Types].xml" else src.read(item)
            dst.writestr(item, body)
    return out.getvalue()


def read_converted(path: str, data: bytes, kind: str) -> Document:
    """Read a .doc/.wps/.rtf/.odt (through LibreOffice) or a .docm (directly) as a Word report."""
    from dataclasses import replace

    from gkstudy.readers.docx.reader import read_docx

    if kind in MACRO_DOCX.values():
        doc = read_docx(path, docm_as_docx(data))
    else:
        doc = read_docx(path, convert_to_docx(data, kind))
    return replace(doc, format=kind)
