"""Polite HTTP for collecting: robots.txt obeyed, one connection, a delay between requests to a host,
timeouts, bounded retries with backoff, redirects followed only within the site, and bodies streamed to a
temporary file that stops at a size cap (never held in memory; removed on any failure or Ctrl-C)."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from gkstudy import __version__
from gkstudy.collect.links import clean_url, same_host
from gkstudy.collect.robots import MAX_ROBOTS_BYTES, Rules, rules_from
from gkstudy.collect.sniff import SNIFF_BYTES

DEFAULT_DELAY_S = 1.0  # between two requests to one host: a government server is not a CDN
DEFAULT_MAX_MB = 200  # the largest scanned reports are ~100 MB; beyond that it is not a report
DEFAULT_RETRIES = 2  # after the first try: enough for a flaky server, not a hammering
DEFAULT_BACKOFF_S = 2.0  # first wait before a retry; doubles each time
MAX_REDIRECTS = 5
MAX_RETRY_AFTER_S = 60.0  # a longer Retry-After is not waited for: the URL is recorded as failed
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
TEMP_NAME = "download"  # temporaries are .download.<pid>.<random>.tmp (see core.atomic)
_ASCII_PRINTABLE = re.compile(r"^[\x20-\x7e]*$")


@dataclass
class Settings:
    delay_s: float = DEFAULT_DELAY_S
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 60.0
    retries: int = DEFAULT_RETRIES
    backoff_s: float = DEFAULT_BACKOFF_S
    max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024
    contact: str = ""  # e-mail or URL for site operators, sent in the User-Agent

    def user_agent(self) -> str:
        contact = f"; contact: {self.contact}" if self.contact else ""
        return f"gkstudy/{__version__} (collects government information disclosure annual reports for research{contact})"


def check_contact(contact: str) -> str:
    """The contact string if it can go into an HTTP header, else ValueError."""
    if not _ASCII_PRINTABLE.match(contact):
        raise ValueError(f"--contact must be plain ASCII (an e-mail address or URL), got {contact!r}")
    return contact


@dataclass
class Response:
    """The outcome of one GET. ``status`` is the HTTP status as text, or a reason (timeout, error,
    too_large, off_site, robots, robots_unavailable, too_many_redirects). ``path`` is a temporary file
    holding the body (2xx only): the caller keeps it (moves it) or calls ``discard``."""

    url: str
    final_url: str
    status: str
    retrieved_at: str = ""
    content_type: str = ""
    path: Path | None = None
    size: int | None = None
    sha256: str = ""
    head: bytes = b""
    etag: str = ""
    last_modified: str = ""
    filename: str = ""  # from Content-Disposition, when the server names the file
    requested: bool = field(default=True)  # False when refused before any request

    @property
    def ok(self) -> bool:
        return self.path is not None

    def discard(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)
            self.path = None


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Fetcher:
    """``with Fetcher(settings, temp_dir) as f: f.get(url)``; ``transport`` is for tests."""

    def __init__(self, settings: Settings, temp_dir: Path, transport: httpx.BaseTransport | None = None,
                 sleep=time.sleep, clock=time.monotonic):
        self.settings, self.temp_dir = settings, Path(temp_dir)
        self.sleep, self.clock = sleep, clock
        self.requests = 0
        self._last: dict[str, float] = {}
        self._rules: dict[str, Rules] = {}
        self._retry_after: float | None = None  # what the last 429/503 asked for
        timeout = httpx.Timeout(connect=settings.connect_timeout_s, read=settings.read_timeout_s,
                                write=settings.read_timeout_s, pool=settings.read_timeout_s)
        self.client = httpx.Client(transport=transport, timeout=timeout, follow_redirects=False,
                                   limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
                                   headers={"User-Agent": settings.user_agent()})

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.client.close()

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """GET ``url`` following same-site redirects, each hop checked against robots.txt."""
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            if not same_host(current, url):
                return Response(url, current, "off_site", requested=current != url)
            refusal = self.rules_for(current).refusal(current)
            if refusal:
                return Response(url, current, refusal, requested=current != url)
            result = self._get_one(url, current, headers or {}, self.settings.max_bytes)
            if isinstance(result, Response):
                return result
            current = result
        return Response(url, current, "too_many_redirects", retrieved_at=utc_now())

    def rules_for(self, url: str) -> Rules:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._rules:
            self._rules[site] = self._fetch_rules(site)
        return self._rules[site]

    def _fetch_rules(self, site: str) -> Rules:
        current = f"{site}/robots.txt"
        for _hop in range(MAX_REDIRECTS + 1):
            if not same_host(current, site):
                return Rules(None)  # sent off-site (usually to a portal's home page): no rules here
            result = self._get_one(current, current, {}, MAX_ROBOTS_BYTES)
            if isinstance(result, str):
                current = result
                continue
            text = ""
            if result.path is not None:
                text = result.path.read_bytes().decode("utf-8", errors="replace")
                result.discard()
            status = "200" if result.status == "too_large" else result.status  # rules in the first 500 KiB
            return rules_from(status, text)
        return Rules(None, reachable=False)

    def _wait_for(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        rules = self._rules.get(f"{urlsplit(url).scheme}://{urlsplit(url).netloc}")
        delay = max(self.settings.delay_s, rules.crawl_delay() if rules else 0.0)
        last = self._last.get(host)
        if last is not None:
            wait = last + delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _get_one(self, url: str, current: str, headers: dict[str, str], max_bytes: int) -> Response | str:
        """One hop with retries: a finished Response, or the (absolute) URL a redirect points to."""
        last = "error"
        for attempt in range(self.settings.retries + 1):
            if attempt:
                self.sleep(self._backoff(attempt, last))
            self._wait_for(current)
            self.requests += 1
            try:
                with self.client.stream("GET", current, headers=headers) as resp:
                    code = resp.status_code
                    if code in REDIRECT_STATUSES and resp.headers.get("location"):
                        return clean_url(urljoin(current, resp.headers["location"]))
                    if code in RETRY_STATUSES and attempt < self.settings.retries:
                        last = str(code)
                        self._retry_after = _retry_after(resp)
                        continue
                    return self._finish(url, current, resp, max_bytes)
            except httpx.TimeoutException:
                last = "timeout"
            except httpx.TransportError:
                last = "error"
        return Response(url, current, last, retrieved_at=utc_now())

    def _backoff(self, attempt: int, last: str) -> float:
        wait = self.settings.backoff_s * 2 ** (attempt - 1)
        retry_after, self._retry_after = self._retry_after, None
        if retry_after is not None and retry_after <= MAX_RETRY_AFTER_S:
            wait = max(wait, retry_after)
        return wait

    def _finish(self, url: str, current: str, resp: httpx.Response, max_bytes: int) -> Response:
        out = Response(url, current, str(resp.status_code), retrieved_at=utc_now(),
                       content_type=resp.headers.get("content-type", "").split(";")[0].strip().lower(),
                       etag=resp.headers.get("etag", ""), last_modified=resp.headers.get("last-modified", ""),
                       filename=_disposition_name(resp.headers.get("content-disposition", "")))
        if not 200 <= resp.status_code < 300:
            return out
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            out.status, out.size = "too_large", int(declared)
            return out
        self._stream_to_temp(resp, out, max_bytes)
        return out

    def _stream_to_temp(self, resp: httpx.Response, out: Response, max_bytes: int) -> None:
        self.temp_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{TEMP_NAME}.{os.getpid()}.", suffix=".tmp", dir=self.temp_dir)
        path, digest, size, head = Path(name), hashlib.sha256(), 0, bytearray()
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:  # the whole size is unknown: bytes stays empty
                        out.status = "too_large"
                        path.unlink(missing_ok=True)
                        return
                    if len(head) < SNIFF_BYTES:
                        head += chunk[: SNIFF_BYTES - len(head)]
                    digest.update(chunk)
                    fh.write(chunk)
        except BaseException:  # timeout mid-body, Ctrl-C: never leave half a file
            path.unlink(missing_ok=True)
            raise
        out.path, out.size, out.sha256, out.head = path, size, digest.hexdigest(), bytes(head)


def _retry_after(resp: httpx.Response) -> float | None:
    value = resp.headers.get("retry-after", "")
    return float(value) if value.isdigit() else None


_DISPOSITION_STAR = re.compile(r"filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)", re.I)
_DISPOSITION = re.compile(r'filename\s*=\s*"?([^";]+)"?', re.I)


def _disposition_name(value: str) -> str:
    """The file name a Content-Disposition header gives (RFC 6266 filename* first), or ''."""
    m = _DISPOSITION_STAR.search(value)
    if m:
        try:
            return unquote(m.group(2).strip(), encoding=m.group(1), errors="strict")
        except (LookupError, UnicodeDecodeError):
            return ""
    m = _DISPOSITION.search(value)
    if not m:
        return ""
    name = unquote(m.group(1).strip())
    try:  # servers send raw GBK/UTF-8 bytes, which arrive as Latin-1 text
        return name.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        try:
            return name.encode("latin-1").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return name
